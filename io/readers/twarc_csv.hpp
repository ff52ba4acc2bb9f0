// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of `twarc2 csv` output (FORMATS.md 1b).
inline constexpr const char* kTwarcCsvFormat = "twarc-csv";

/// Reads twarc2 CSV files into table (Platform::twitter). Columns are matched by trimmed,
/// case-insensitive header name in any order; required: id, created_at (ISO-8601) and
/// author_id (or author.id). Optional: text (a literal "\n" becomes a newline),
/// referenced_tweets.{retweeted,quoted,replied_to}.id (kind and RefKind::reposts / quotes /
/// replies_to as in twitter-v2), entities.hashtags / entities.mentions / entities.urls
/// (JSON-encoded lists; '#' and '@' dropped; a mention resolves to its id when the row pairs
/// the username with one in in_reply_to_*, quoted_* or retweeted_*, else stays the username),
/// author.username, author.name, author.created_at, author.public_metrics.followers_count,
/// retweeted_user_id / retweeted_username, quoted_user_id / quoted_username,
/// in_reply_to_user_id / in_reply_to_username (post facts and accounts of the referenced
/// tweets). twarc2's default --merge-retweets puts the original's text and entities on a
/// retweet row: a retweet row therefore gets only its RefKind::reposts reference, and the row's
/// entities too with opts.repost_entities. The quote permalink is not a link. Bad rows
/// (CSV syntax, field count, invalid UTF-8, missing id / author / created_at, bad date, bad
/// list or count) go to ctx.rejects. Cost O(bytes), parallel chunks merged in input order;
/// deterministic at any thread count. Throws InputError for a missing column or header,
/// MissingInputError, IoError.
void read_twarc_csv(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
