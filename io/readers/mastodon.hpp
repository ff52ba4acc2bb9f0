// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of Mastodon REST Status arrays (FORMATS.md 1e).
inline constexpr const char* kMastodonFormat = "mastodon";

/// Reads JSON arrays of Mastodon Status entities as Platform::mastodon posts. Post id = uri
/// (else url): globally unique, unlike the instance-local id. Account = acct qualified with
/// the instance host ("user@host"). reblog non-null: a repost of reblog.uri; in_reply_to_id:
/// a reply to the uri of that status when the file holds it, else to "<host>/<id>"; tags,
/// mentions (qualified accts), card.url and content links that are not mentions or hashtags
/// become references; text = content without HTML tags. Bad statuses go to ctx.rejects with the
/// line of the status object. Throws InputError "file:line: ..." when the document is not a
/// JSON array (nothing can be recovered), MissingInputError, IoError. Cost O(bytes), serial;
/// deterministic.
void read_mastodon(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
