// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of Bluesky Jetstream event lines (FORMATS.md 1e).
inline constexpr const char* kBlueskyFormat = "bluesky";

/// Reads Jetstream JSON lines as Platform::bluesky posts: commit creates of app.bsky.feed.post
/// (id at://<did>/app.bsky.feed.post/<rkey>; a reply when reply.parent.uri is set, else a quote
/// when it embeds a record, else a post; facets give tags, links and mentions (DIDs); an
/// external embed's uri is a link) and of app.bsky.feed.repost (a repost of subject.uri). Time:
/// record.createdAt, else time_us. Identity events give handles; every other event is counted
/// as skipped. Bad lines go to ctx.rejects. Throws MissingInputError, InputError (corrupt
/// stream, strict rejects), IoError. Cost O(bytes) in parallel chunks; deterministic.
void read_bluesky(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
