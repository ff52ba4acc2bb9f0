// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "io/activity_table.hpp"

namespace lockstep::io {

/// What to do with malformed records.
struct RejectPolicy {
  bool strict = false;                // first bad record throws InputError (exit 65)
  double max_reject_fraction = 0.01;  // rejected / (accepted + rejected) above this throws
  std::string rejects_path;           // where rejected records go verbatim; "" = no file
};

/// ReadOptions::format value that sniffs each input's format from its first bytes.
inline constexpr const char* kAutoFormat = "auto";

struct ReadOptions {
  /// "auto" (each input sniffed from its first decompressed bytes; the choice is reported in
  /// InputStats::format), or one of shares-csv, twitter-v1, twitter-v2, twarc-csv.
  std::string format = kAutoFormat;
  /// Reposts normally carry only the reference to the reposted post. When true, they also
  /// claim the original's hashtags, links and mentions as their own references (twarc-csv's
  /// merged retweets, v1.1 retweeted_status entities).
  bool repost_entities = false;
  /// Account attribute files (IO archive users CSV) read before the inputs.
  std::vector<std::string> account_files;
  RejectPolicy rejects;
  /// Called now and then with (bytes consumed, total bytes or 0 when unknown). May be empty.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

/// Reads every input (file paths, "-" for stdin) into one ActivityTable, in input order.
/// Posts are de-duplicated by (platform, post id) within each run of consecutive inputs of the
/// same format.
/// Rejected records are appended verbatim to opts.rejects.rejects_path, each preceded by a line
/// "# file:line: reason". Throws MissingInputError, InputError (strict mode, or the reject
/// fraction exceeded; the message names the first rejects), ConfigError
/// (unknown format; "auto" on stdin or on an input no signature matches).
/// Deterministic: the same bytes give the same table (and the same interned ids) at any
/// thread count.
ActivityTable read_activity(std::span<const std::string> paths, const ReadOptions& opts);

}  // namespace lockstep::io
