// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of Twitter API v2 JSONL as saved by twarc2, raw pages or flattened (FORMATS 1b).
inline constexpr const char* kTwitterV2Format = "twitter-v2";

/// Reads Twitter API v2 JSONL into table (Platform::twitter). Each line is one of: a twarc2
/// response page (`data` array or object, authors resolved through `includes.users` by
/// `author_id`, referenced tweets through `includes.tweets`); a flattened tweet (`id`, `text`,
/// `author` object, `referenced_tweets[]` merged with the included tweet, `{}` or a bare
/// {type, id} when the include was missing); or a line without tweets (`{"errors": [...]}`,
/// a page without data), counted in InputStats::n_skipped. Time from `created_at` (ISO-8601).
/// Kind from `referenced_tweets[].type`: retweeted -> repost (RefKind::reposts), else
/// replied_to -> reply (RefKind::replies_to), else quoted -> quote (RefKind::quotes); a reply
/// that quotes keeps both references. Non-reposts carry their entities (`hashtags[].tag`,
/// `urls[].expanded_url` minus the quote permalink, `mentions[].id` or the username when the id
/// is missing); a repost's own entities (parsed from its truncated "RT @x:" text) are never
/// attached, the original's are with opts.repost_entities. Every user object on the line
/// updates the account attributes (username, name, created_at, public_metrics.followers_count).
/// A line with a bad tweet (missing id / author / created_at, wrong types, bad date) is
/// rejected whole with "file:line: data[i]: reason". Cost O(bytes), parallel chunks merged in
/// input order; deterministic at any thread count. Throws as read_twitter_v1.
void read_twitter_v2(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
