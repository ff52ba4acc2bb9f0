// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace lockstep {

/// Interns strings into dense uint32 ids in order of first appearance and keeps the originals
/// for output. Not thread-safe: parallel readers intern into chunk-local pools and merge them
/// in input order (merge()), which keeps ids identical at any thread count.
/// Storage: the bytes live in an append-only arena of large blocks (no allocation per string,
/// stable views) and the index is a flat open-addressing table of (hash tag, id) slots, about
/// 16 + |s| bytes per string.
class StringPool {
 public:
  StringPool() = default;
  StringPool(StringPool&& other) noexcept { *this = std::move(other); }
  StringPool& operator=(StringPool&& other) noexcept {
    blocks_ = std::move(other.blocks_);
    block_ptr_ = std::exchange(other.block_ptr_, nullptr);
    block_free_ = std::exchange(other.block_free_, 0);
    views_ = std::move(other.views_);
    hashes_ = std::move(other.hashes_);
    slots_ = std::move(other.slots_);
    other.views_.clear();
    other.hashes_.clear();
    other.slots_.clear();
    return *this;
  }
  /// Deep copy (the views of the copy point into its own arena). O(total bytes).
  StringPool(const StringPool& other) { copy_from(other); }
  StringPool& operator=(const StringPool& other) {
    if (this != &other) {
      StringPool tmp(other);
      *this = std::move(tmp);
    }
    return *this;
  }

  /// The hash intern(s, hash) expects; lets parallel code hash outside a serial merge.
  static std::size_t hash(std::string_view s) noexcept { return std::hash<std::string_view>{}(s); }

  /// Id of s, adding it when new. Amortized O(|s|).
  std::uint32_t intern(std::string_view s) { return intern(s, hash(s)); }
  /// Same, with h == hash(s) computed by the caller.
  std::uint32_t intern(std::string_view s, std::size_t h) {
    if ((views_.size() + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id == kMissing) {
        slot = {static_cast<std::uint32_t>(views_.size()), tag};
        views_.push_back(store(s));
        hashes_.push_back(h);
        return slot.id;
      }
      if (slot.tag == tag && views_[slot.id] == s) return slot.id;
    }
  }
  /// Hint that intern(s, h) follows soon: fetches its first slot into cache (batch loops
  /// prefetch a few strings ahead to overlap cache misses). No effect on results.
  void prefetch(std::size_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  /// Id of s, or kMissing when s was never interned.
  std::uint32_t find(std::string_view s) const {
    if (slots_.empty()) return kMissing;
    const std::size_t h = hash(s);
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id == kMissing) return kMissing;
      if (slot.tag == tag && views_[slot.id] == s) return slot.id;
    }
  }
  std::string_view view(std::uint32_t id) const { return views_[id]; }
  /// hash(view(id)), kept from interning (merges of chunk-local pools reuse it).
  std::size_t hash_of(std::uint32_t id) const { return hashes_[id]; }
  std::size_t size() const noexcept { return views_.size(); }

  static constexpr std::uint32_t kMissing = 0xFFFFFFFFU;

 private:
  struct Slot {
    std::uint32_t id = kMissing;
    std::uint32_t tag = 0;  // high hash bits: most mismatches never touch the string
  };
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > block_free_) {
      const std::size_t n = s.size() > kBlockBytes / 4 ? s.size() : kBlockBytes;
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(n));
      if (n == kBlockBytes) {
        block_ptr_ = blocks_.back().get();
        block_free_ = n;
      } else {  // a huge string gets a block of its own; keep filling the current one
        std::memcpy(blocks_.back().get(), s.data(), s.size());
        return {blocks_.back().get(), s.size()};
      }
    }
    std::memcpy(block_ptr_, s.data(), s.size());
    const std::string_view v(block_ptr_, s.size());
    block_ptr_ += s.size();
    block_free_ -= s.size();
    return v;
  }
  void grow() {
    slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t id = 0; id < views_.size(); ++id) {
      std::size_t i = hashes_[id] & mask;
      while (slots_[i].id != kMissing) i = (i + 1) & mask;
      slots_[i] = {id, static_cast<std::uint32_t>(hashes_[id] >> 32)};
    }
  }
  void copy_from(const StringPool& other) {
    for (std::uint32_t id = 0; id < other.size(); ++id) intern(other.views_[id], other.hashes_[id]);
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_ptr_ = nullptr;
  std::size_t block_free_ = 0;
  std::vector<std::string_view> views_;  // id -> string
  std::vector<std::size_t> hashes_;      // id -> full hash, for rehashing without rereading
  std::vector<Slot> slots_;              // power-of-two size, load <= 1/2
};

}  // namespace lockstep
