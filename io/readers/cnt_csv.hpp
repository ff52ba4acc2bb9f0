// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of coordination-network-toolkit CSVs (FORMATS.md 1d).
inline constexpr const char* kCntCsvFormat = "cnt-csv";

/// Reads coordination-network-toolkit CSVs: a header (names ignored) then, by position,
/// message_id, user_id, username, repost_id, reply_id, message, timestamp (seconds, floored)
/// and an optional urls column (space-delimited or a Python list repr). repost_id non-empty:
/// a repost of it; else reply_id non-empty: a reply to it; else a post. Platform::twitter
/// (the toolkit's inputs are tweets). Bad rows go to ctx.rejects. One InputStats per path.
/// Throws MissingInputError, InputError (no header, fewer than 7 columns, strict rejects),
/// IoError. Cost O(bytes) in parallel chunks; deterministic at any thread count.
void read_cnt_csv(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
