// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "io/readers/read_activity.hpp"

namespace lockstep::io {

/// Applies a RejectPolicy for every reader: counts rejected records, appends them verbatim to
/// the rejects file (each preceded by "# file:line: reason"), throws in strict mode, and checks
/// the reject fraction at the end. The file is written to "<rejects_path>.tmp.<pid>", renamed
/// onto rejects_path by finish(), removed when the read fails, and never created when nothing
/// is rejected. Not thread-safe: readers call it from their serial, input-ordered stage.
class RejectSink {
 public:
  explicit RejectSink(RejectPolicy policy);
  ~RejectSink();
  RejectSink(const RejectSink&) = delete;
  RejectSink& operator=(const RejectSink&) = delete;

  /// Records one malformed record. Strict mode: throws InputError("file:line: reason").
  /// Otherwise appends it to the rejects file (a '\n' is added when raw lacks one: the last
  /// line of an input). Throws IoError when the rejects file cannot be written. O(|raw|).
  void reject(std::string_view file, std::uint64_t line, std::string_view reason,
              std::string_view raw);

  /// Closes and publishes the rejects file, then throws InputError when
  /// rejected / (n_accepted + rejected) > max_reject_fraction, naming the counts, the fraction,
  /// the limit and the first reject. n_accepted: well-formed records (duplicates included).
  void finish(std::uint64_t n_accepted);

  std::uint64_t n_rejected() const noexcept { return n_rejected_; }
  /// "file:line: reason" of the first reject, "" when none.
  const std::string& first_reject() const noexcept { return first_; }

 private:
  RejectPolicy policy_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
  std::uint64_t n_rejected_ = 0;
  std::string first_;
  bool finished_ = false;
};

}  // namespace lockstep::io
