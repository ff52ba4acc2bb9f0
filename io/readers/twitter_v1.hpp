// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of Twitter API v1.1 tweet JSONL (twarc v1, streaming; FORMATS.md 1a).
inline constexpr const char* kTwitterV1Format = "twitter-v1";

/// Reads v1.1 tweets, one JSON object per line, into table (Platform::twitter). Ids from
/// `id_str`; time from `created_at`; text from full_text, extended_tweet.full_text, text.
/// Kind: repost (`retweeted_status`, RefKind::reposts, plus a post fact and the account of the
/// original), else reply (`in_reply_to_status_id_str`, RefKind::replies_to; a reply that
/// quotes also gets RefKind::quotes), else quote (`is_quote_status` / `quoted_status_id_str`,
/// RefKind::quotes), else post. Non-reposts carry their entities (extended_tweet.entities when
/// present) as tags, links + domains (the quote permalink excluded) and mentions; reposts carry
/// the original's entities only with opts.repost_entities. Every user object seen (author,
/// original authors, mentioned users) updates the account attributes.
/// Bad lines (invalid JSON or UTF-8, missing or mistyped id_str / created_at / user.id_str,
/// unparseable dates) go to ctx.rejects as "file:line: reason". Blank lines are skipped;
/// streaming notices ({"delete": ...}, {"limit": ...}, ...) are counted in n_skipped.
/// Cost: O(bytes), parallel chunks (oneTBB) merged in input order. Deterministic at any thread
/// count. Throws MissingInputError, InputError (corrupt stream, strict rejects), IoError.
void read_twitter_v1(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
