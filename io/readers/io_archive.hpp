// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of Twitter Information Operations archive tweet CSVs (FORMATS.md 1c).
inline constexpr const char* kIoArchiveFormat = "io-archive";
/// Format name of the archives' users CSVs (account attributes only).
inline constexpr const char* kIoArchiveUsersFormat = "io-archive-users";

/// Reads IO-archive tweet CSVs (both the 2018 fully quoted and the 2019+ RFC-4180 releases;
/// columns matched by header name with aliases, see README, "Formats") into table as
/// Platform::twitter posts: retweets (is_retweet) are reposts of retweet_tweetid, else quotes
/// of quoted_tweet_tweetid, else replies to in_reply_to_tweetid, else posts; hashtags, urls
/// and user_mentions (user ids) become references; user columns become account attributes.
/// Bad rows go to ctx.rejects ("file:line: reason"). One InputStats per path.
/// Pre: paths are files or "-". Throws MissingInputError, InputError (no header, missing
/// tweetid/userid/tweet_time column, strict rejects), IoError.
/// Cost: O(bytes), parsed in parallel chunks with an input-ordered merge. Deterministic at any
/// thread count.
void read_io_archive(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

/// Reads IO-archive users CSVs (userid plus optional user_screen_name, user_display_name,
/// follower_count, account_creation_date by header name) as Platform::twitter account
/// attributes; no posts. Rows count as accepted records. Same errors, cost and determinism as
/// read_io_archive.
void read_io_archive_users(std::span<const std::string> paths, ReaderContext& ctx,
                           ActivityTable& table);

}  // namespace lockstep::io
