// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "datasets/activity.hpp"
#include "datasets/synth.hpp"

namespace lockstep::datasets {

/// How synthetic shares are written to disk.
enum class Rendering { shares, twitter_v1, twitter_v2, io_archive };

/// The rendering named "shares", "twitter-v1", "twitter-v2" or "io-archive". Throws ConfigError.
Rendering parse_rendering(std::string_view name);

/// Writes shares as platform data, so one synthetic activity can be read by every reader:
/// shares: the CooRTweet CSV (write_shares_csv). Otherwise every share becomes a tweet with id
/// content_id by account_id at timestamp; a numeric object_id is a tweet id and the share a
/// retweet of it (the original's author is invented from the id: a numeric user id, handle and
/// name; its time comes from the snowflake id), any other object_id is a URL and the share an
/// original tweet linking it. Accounts get invented handles, names, creation dates and follower
/// counts derived from their ids. twitter_v1: API v1.1 JSONL, one tweet per line with the
/// embedded `user` and `retweeted_status`. twitter_v2: twarc2 response pages of up to 100
/// tweets with includes.users and includes.tweets. io_archive: an IO-archive tweets CSV (31
/// columns, 2019+ style: True/False, Python-repr lists, minute-resolution tweet_time; the
/// seconds survive in the snowflake tweetid). Written to "<path>.tmp.<pid>" and renamed.
/// Deterministic: the same shares give the same bytes. Throws IoError. O(shares).
void write_rendering(const std::string& path, const std::vector<Share>& shares, Rendering r);

/// Writes the activity as Twitter API v1.1 JSONL (FORMATS.md 1a): one tweet per line with
/// id_str, created_at, full_text (links appended as t.co links), the embedded user (created_at,
/// followers_count ...), entities (hashtags, urls with expanded_url, user_mentions), reply
/// fields, is_quote_status / quoted_status_id_str / quoted_status, and for retweets the embedded
/// retweeted_status with its user. Written to "<path>.tmp.<pid>" and renamed. Deterministic.
/// Throws IoError. O(tweets).
void render_twitter_v1(const Activity& activity, const std::string& path);

}  // namespace lockstep::datasets
