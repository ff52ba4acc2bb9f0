// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lockstep {

/// Interns strings into dense uint32 ids in order of first appearance and keeps the originals
/// for output. Not thread-safe: parallel readers intern into chunk-local pools and merge them
/// in input order (merge()), which keeps ids identical at any thread count.
class StringPool {
 public:
  /// Id of s, adding it when new. Amortized O(|s|).
  std::uint32_t intern(std::string_view s) {
    if (auto it = index_.find(s); it != index_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(s);
    index_.emplace(strings_.back(), id);
    return id;
  }
  /// Id of s, or kMissing when s was never interned.
  std::uint32_t find(std::string_view s) const {
    auto it = index_.find(s);
    return it == index_.end() ? kMissing : it->second;
  }
  std::string_view view(std::uint32_t id) const { return strings_[id]; }
  std::size_t size() const noexcept { return strings_.size(); }

  static constexpr std::uint32_t kMissing = 0xFFFFFFFFU;

 private:
  std::deque<std::string> strings_;  // deque: stable addresses for the views used as keys
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

}  // namespace lockstep
