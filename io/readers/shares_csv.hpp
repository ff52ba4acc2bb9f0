// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of the generic shares table (CooRTweet, CSDS: FORMATS.md 1d).
inline constexpr const char* kSharesCsvFormat = "shares-csv";

/// Reads shares-CSV inputs (columns object_id, account_id | id_user, content_id,
/// timestamp_share in any order, matched by trimmed case-insensitive header name; other columns
/// ignored) and appends them to table: each accepted row is a PostKind::post by account_id at
/// timestamp_share with post id content_id, referencing object_id with RefKind::shares.
/// Rows repeating (account_id, content_id, timestamp_share) add a reference to the existing
/// post; rows repeating all four fields are counted as duplicates and dropped. One InputStats
/// per path. Bad rows go to ctx.rejects with "file:line: reason".
/// Pre: paths are files or "-" (expand_inputs done). Throws MissingInputError, InputError
/// (missing column, unreadable/corrupt stream, strict rejects), IoError.
/// Cost: O(bytes) parsing in parallel chunks (oneTBB pipeline) plus a serial, input-ordered
/// merge of O(distinct strings per chunk + rows); memory O(table + max_tokens * chunk_bytes).
/// Deterministic: table, ids and row order are independent of thread count and tuning.
void read_shares_csv(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
