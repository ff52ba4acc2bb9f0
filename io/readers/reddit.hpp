// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of Reddit Pushshift dumps (RS_* submissions and RC_* comments, NDJSON).
inline constexpr const char* kRedditFormat = "reddit";

/// Reads Pushshift NDJSON (plain, .gz or .zst; submissions and comments may be mixed) as
/// Platform::reddit posts: a record with parent_id is a comment (a reply to parent_id), else a
/// submission (a post linking its url unless it is a self post). Post id = name (or the t1_/t3_
/// fullname derived from id); account = author_fullname, else author; the subreddit becomes
/// a tags reference "r/<subreddit>" (lower-cased); http(s) URLs in the text become links.
/// Records by [deleted] authors are counted as skipped. Bad lines go to ctx.rejects.
/// Throws MissingInputError, InputError (corrupt stream, strict rejects), IoError.
/// Cost O(bytes) in parallel chunks; deterministic at any thread count.
void read_reddit(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
