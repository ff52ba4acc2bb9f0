// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing shared by the Twitter readers (twitter_v1, twitter_v2, twarc_csv): the JSONL
// line loop over simdjson On-Demand, type-checked field access, and the entity references.
#include <simdjson.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/readers/chunked_reader.hpp"
#include "io/readers/post_batch.hpp"

namespace lockstep::io::twitter {

/// A record that is well-formed JSON but not a usable tweet; `reason` goes to the rejects.
struct BadRecord {
  std::string reason;
};

/// A mentioned account: id (may be empty when only the handle is known), handle, name.
struct Mention {
  std::string_view id, handle, name;
};

/// The entities of one tweet, as views into the parser's string buffer (or the input).
struct Entities {
  std::vector<std::string_view> hashtags;  // without '#', not yet folded
  std::vector<std::string_view> urls;      // expanded URLs, not yet normalized
  std::vector<Mention> mentions;
  void clear() {
    hashtags.clear();
    urls.clear();
    mentions.clear();
  }
};

/// Adds the entities as references of the batch's last post: RefKind::tags (NFKC case fold,
/// leading '#' dropped), RefKind::links (normalize_url, the raw URL when it is not absolute)
/// plus RefKind::links_domain, RefKind::mentions (the mentioned id, else its handle without
/// '@'). URLs pointing at status `quoted_id` (the quote permalink) are not links. O(size).
void add_entity_refs(PostBatch& b, const Entities& e, std::string_view quoted_id,
                     std::string& scratch);

/// True when url is a twitter.com / x.com status link to status_id
/// ("https://twitter.com/<user>/status/<id>", "/i/web/status/<id>", any query). O(|url|).
bool is_status_link(std::string_view url, std::string_view status_id);

/// The field's string value; "" for null. Throws BadRecord naming the field on another type.
std::string_view get_string(simdjson::ondemand::value v, std::string_view field);
/// The field's integer value (a float with integral value is accepted, as some tools write
/// counts as 12.0); -1 for null. Throws BadRecord on another type.
std::int64_t get_count(simdjson::ondemand::value v, std::string_view field);
/// The field's object. Throws BadRecord on another type.
simdjson::ondemand::object get_object(simdjson::ondemand::value v, std::string_view field);
/// The field's array; an empty range for null. Throws BadRecord on another type.
simdjson::ondemand::array get_array(simdjson::ondemand::value v, std::string_view field,
                                    bool& is_null);

/// The key of an object field as it is written in the input, without unescaping or copying
/// (the hot path compares every key of every tweet). A key spelled with escapes stays escaped
/// and so never matches the plain field names the readers look for. Throws simdjson_error.
inline std::string_view raw_key(simdjson::simdjson_result<simdjson::ondemand::field>& f) {
  const char* const begin = f.key().value().raw();
  const char* end = begin;
  while (*end != '"') end += *end == '\\' ? 2 : 1;  // stage 1 checked the closing quote
  return {begin, static_cast<std::size_t>(end - begin)};
}

/// Throws BadRecord when doc has bytes after its root value (two objects on one line). O(1).
void expect_end(simdjson::ondemand::document& doc);

/// The reject reason for a simdjson error ("invalid UTF-8", "invalid JSON: ...").
std::string json_error_reason(simdjson::error_code e);

/// Parser and padding buffer of one chunk parse (one per call: parallel chunks never share).
struct JsonScratch {
  simdjson::ondemand::parser parser;
  std::string padded;
  std::string fold;  // case folding scratch
};

/// Runs parse_line(doc, rel_line, raw) for every non-blank line of text (a JSONL chunk).
/// Handles CRLF ends and a BOM at a line start, pads lines for simdjson without copying when
/// the chunk has room after them, and turns simdjson errors and BadRecord into rejects with
/// the verbatim line. parse_line must add nothing to the batch before it has validated the
/// whole record (a throw then leaves no partial post behind). O(bytes).
template <class ParseLine>
void for_each_json_line(std::string_view text, PostBatch& b, JsonScratch& s,
                        ParseLine&& parse_line) {
  std::uint64_t rel_line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) {
      ++rel_line;
      continue;
    }
    try {
      const auto room = static_cast<std::size_t>(text.data() + text.size() - line.data());
      const char* data = line.data();
      std::size_t capacity = room;
      if (room < line.size() + simdjson::SIMDJSON_PADDING) {
        s.padded.assign(line);
        s.padded.resize(line.size() + simdjson::SIMDJSON_PADDING);
        data = s.padded.data();
        capacity = s.padded.size();
      }
      simdjson::ondemand::document doc = s.parser.iterate(data, line.size(), capacity);
      parse_line(doc, rel_line, raw);
    } catch (const simdjson::simdjson_error& e) {
      b.reject(rel_line, raw, json_error_reason(e.error()));
    } catch (const BadRecord& e) {
      b.reject(rel_line, raw, e.reason);
    }
    ++rel_line;
  }
}

/// Reads JSONL inputs in parallel chunks: each chunk gets a fresh Scratch (with a `json`
/// member) and parse_line(doc, line, scratch, batch, repost_entities) runs for every line.
template <class Scratch, class ParseLine>
void read_json_lines(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table,
                     const std::string& format, ParseLine parse_line) {
  BatchMerger merger(table);
  const bool repost_entities = ctx.opts.repost_entities;
  const ChunkParser parse = [&](std::string_view text, PostBatch& b) {
    Scratch s;
    for_each_json_line(text, b, s.json,
                       [&](simdjson::ondemand::document& doc, std::uint64_t line, std::string_view) {
                         parse_line(doc, line, s, b, repost_entities);
                       });
  };
  for (const std::string& path : paths)
    read_chunked(path, format, ctx, merger, &split_lines, parse, table);
}

}  // namespace lockstep::io::twitter
