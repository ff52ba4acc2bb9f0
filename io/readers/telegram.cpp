// SPDX-License-Identifier: Apache-2.0
#include "io/readers/telegram.hpp"

#include <fmt/format.h>

#include <string_view>

#include "io/readers/chunked_reader.hpp"
#include "io/readers/fields.hpp"
#include "io/readers/json_fields.hpp"

namespace lockstep::io {
namespace {

// FNV-1a 64 of the text, as 16 hex digits: identifies a forwarded post within its source.
std::string text_hash(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

// The text of a message: a string, or an array of strings and {type, text} objects.
std::string message_text(JsonFields& j, simdjson::dom::element m) {
  simdjson::dom::element t;
  if (m["text"].get(t) || t.is_null()) return {};
  std::string_view s;
  if (!t.get_string().get(s)) return std::string(s);
  simdjson::dom::array parts;
  if (t.get_array().get(parts)) {
    j.arr(m, "text");  // records the type error
    return {};
  }
  std::string out;
  for (const simdjson::dom::element part : parts) {
    if (!part.get_string().get(s) || !part["text"].get_string().get(s)) out += s;
  }
  return out;
}

void parse_message(simdjson::dom::element m, const std::string& chat_id, std::uint64_t line,
                   std::string_view raw, bool repost_entities, PostBatch& b) {
  JsonFields j;
  const std::string_view type = j.str(m, "type");
  if (j.error().empty() && type == "service") {
    ++b.n_skipped;
    return;
  }
  const std::string id = j.id(m, "id");
  const std::string from_id = j.id(m, "from_id");
  const std::string_view from = j.str(m, "from");
  const auto unixtime = j.integer(m, "date_unixtime");
  const std::string_view date = j.str(m, "date");
  const std::string_view forwarded_from = j.str(m, "forwarded_from");
  const std::string forwarded_id = j.id(m, "forwarded_from_id");
  const std::string reply_to = j.id(m, "reply_to_message_id");
  const std::string text = message_text(j, m);
  auto entities = j.arr(m, "text_entities");
  if (!entities) {
    simdjson::dom::array parts;  // older exports: the entities are the objects inside text
    if (!m["text"].get_array().get(parts)) entities = parts;
  }
  if (!j.error().empty()) return b.reject(line, raw, j.error());
  if (type != "message") return b.reject(line, raw, "unknown message type " + quote_value(type));
  if (id.empty()) return b.reject(line, raw, "missing id");
  if (from_id.empty()) return b.reject(line, raw, "missing from_id");
  std::int64_t t = 0;
  if (unixtime) {
    t = *unixtime;
  } else if (const auto d = parse_iso8601_utc(date)) {
    t = *d;  // local time of the exporting machine, read as UTC (documented)
  } else {
    return b.reject(
        line, raw,
        date.empty() ? "missing date_unixtime and date" : "bad date " + quote_value(date));
  }
  const bool forwarded = !forwarded_from.empty() || !forwarded_id.empty();
  const PostKind kind = forwarded           ? PostKind::repost
                        : !reply_to.empty() ? PostKind::reply
                                            : PostKind::post;
  b.add_post(Platform::telegram, chat_id + "/" + id, from_id, t, kind, line, text);
  b.add_account(Platform::telegram, from_id, {}, from, -1, -1);
  if (forwarded) {
    const std::string source(forwarded_id.empty() ? forwarded_from : forwarded_id);
    const std::string original = "tg-forward:" + source + "/" + text_hash(text);
    b.add_ref(RefKind::reposts, original);
    b.add_post_fact(original, forwarded_id, -1);
    if (!forwarded_id.empty())
      b.add_account(Platform::telegram, forwarded_id, {}, forwarded_from, -1, -1);
    if (!repost_entities) return;
  }
  if (!reply_to.empty()) b.add_ref(RefKind::replies_to, chat_id + "/" + reply_to);
  if (!entities) return;
  for (const simdjson::dom::element e : *entities) {
    std::string_view etype, etext, href;
    if (e["type"].get_string().get(etype) || e["text"].get_string().get(etext)) continue;
    if (etype == "hashtag") {
      b.add_ref(RefKind::tags, casefold_hashtag(etext));
    } else if (etype == "link") {
      add_link(b, etext);
    } else if (etype == "text_link" && !e["href"].get_string().get(href)) {
      add_link(b, href);
    } else if (etype == "mention") {
      b.add_ref(RefKind::mentions, mention_handle(etext));
    } else if (etype == "mention_name") {
      JsonFields ej;
      const std::string user = ej.id(e, "user_id");
      if (!user.empty()) b.add_ref(RefKind::mentions, "user" + user);
    }
  }
}

void read_chat(JsonDocument& d, simdjson::ondemand::object chat, bool repost_entities,
               PostBatch& b) {
  simdjson::ondemand::value idv;
  if (chat["id"].get(idv)) d.fail("chat without id");
  std::string chat_id;
  std::int64_t n = 0;
  std::string_view s;
  if (!idv.get_int64().get(n))
    chat_id = std::to_string(n);
  else if (!idv.get_string().get(s))
    chat_id = s;
  else
    d.fail("chat id is not an integer or a string");
  simdjson::ondemand::array messages;
  if (chat["messages"].get_array().get(messages)) d.fail("chat without a messages array");
  JsonRecordParser parser;
  d.for_each_element(messages, [&](std::string_view raw, std::uint64_t line) {
    const std::uint64_t rel = line - 1;
    simdjson::dom::element m;
    if (const auto e = parser.parse(raw).get(m))
      return b.reject(rel, raw, JsonRecordParser::reason(e));
    if (!m.is_object()) return b.reject(rel, raw, "message is not a JSON object");
    parse_message(m, chat_id, rel, raw, repost_entities, b);
  });
}

void read_one(const std::string& path, ReaderContext& ctx, BatchMerger& merger,
              ActivityTable& table) {
  std::string sha256;
  const std::string content = read_whole(path, ctx, sha256);
  JsonDocument d(path, content);
  simdjson::ondemand::object root;
  if (d.doc().get_object().get(root)) d.fail("not a Telegram export (expected a JSON object)");
  PostBatch batch;
  const bool entities = ctx.opts.repost_entities;
  simdjson::ondemand::object chats;
  if (!root["chats"].get_object().get(chats)) {
    simdjson::ondemand::array list;
    if (chats["list"].get_array().get(list)) d.fail("chats without a list array");
    for (auto item : list) {
      simdjson::ondemand::object chat;
      if (item.get_object().get(chat)) d.fail("chat is not a JSON object");
      read_chat(d, chat, entities, batch);
    }
  } else {
    read_chat(d, root, entities, batch);
  }
  merge_document(path, kTelegramFormat, sha256, batch, ctx, merger, table);
}

}  // namespace

void read_telegram(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  BatchMerger merger(table);
  for (const std::string& path : paths) read_one(path, ctx, merger, table);
}

}  // namespace lockstep::io
