// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Format name of Telegram Desktop exports (result.json, FORMATS.md 1e).
inline constexpr const char* kTelegramFormat = "telegram";

/// Reads Telegram Desktop exports (one chat {name, type, id, messages[]} or a full export with
/// chats.list[]) as Platform::telegram posts: post id "<chat id>/<message id>", account
/// from_id, time date_unixtime (else date read as UTC). A message with forwarded_from is a
/// repost of the synthetic post "tg-forward:<source>/<hash of text>" (source =
/// forwarded_from_id when present, else the forwarded_from name); reply_to_message_id makes a
/// reply to "<chat id>/<id>"; text_entities give tags, links and mentions. Service messages
/// are counted as skipped; bad messages go to ctx.rejects with the line of the message object.
/// Throws InputError "file:line: ..." when the document is not JSON or not an export (nothing
/// can be recovered), MissingInputError, IoError. Cost O(bytes), serial; deterministic.
void read_telegram(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table);

}  // namespace lockstep::io
