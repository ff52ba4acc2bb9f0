// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing for the JSON readers (Reddit, Bluesky, Telegram, Mastodon): typed access
// to the fields of one record with a remembered type error, and a parser for JSON lines.
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "io/csv.hpp"
#include "io/readers/post_batch.hpp"

namespace lockstep::io {

/// Typed access to the fields of one JSON record. Missing and null fields read as absent
/// (""/nullopt); a field of the wrong type also reads as absent and sets error() (the first
/// one wins), so a reader checks error() once before it adds the record.
class JsonFields {
 public:
  /// The string at key ("" when absent).
  std::string_view str(simdjson::dom::element parent, std::string_view key);
  /// The object at key.
  std::optional<simdjson::dom::element> obj(simdjson::dom::element parent, std::string_view key);
  /// The array at key.
  std::optional<simdjson::dom::array> arr(simdjson::dom::element parent, std::string_view key);
  /// An integer given as a JSON number or a numeric string, floored.
  std::optional<std::int64_t> integer(simdjson::dom::element parent, std::string_view key);
  /// A boolean.
  std::optional<bool> boolean(simdjson::dom::element parent, std::string_view key);
  /// An id given as a string or an integer, as text ("" when absent).
  std::string id(simdjson::dom::element parent, std::string_view key);
  /// The first type error, e.g. "field 'created_utc' is not an integer"; "" when none.
  const std::string& error() const noexcept { return error_; }

 private:
  std::optional<simdjson::dom::element> at(simdjson::dom::element parent, std::string_view key);
  void fail(std::string_view key, std::string_view what);
  std::string error_;
};

/// Parses one JSON text (a line, or an object cut out of a document) into a DOM element valid
/// until the next call; reuses one padded buffer. Not thread-safe: one per chunk.
class JsonRecordParser {
 public:
  /// The root element, or the reason ("invalid UTF-8", "invalid JSON: ...").
  simdjson::simdjson_result<simdjson::dom::element> parse(std::string_view json);
  /// Reason text of a parse error code.
  static std::string reason(simdjson::error_code e);

 private:
  simdjson::dom::parser parser_;
  std::string buffer_;
};

/// Splits a chunk of JSON lines and calls f(root element, relative line, raw line) for each
/// line that holds a JSON object; blank lines are skipped, lines that do not parse are rejected. A
/// '\r' before the '\n' is ignored. O(|text|).
template <class F>
void for_each_json_line(std::string_view text, PostBatch& batch, F&& f) {
  JsonRecordParser parser;
  std::uint64_t line = 0;
  for (std::size_t p = 0; p < text.size(); ++line) {
    std::size_t e = text.find('\n', p);
    e = e == std::string_view::npos ? text.size() : e + 1;
    const std::string_view raw = text.substr(p, e - p);
    p = e;
    std::string_view json = raw;
    while (!json.empty() && (json.back() == '\n' || json.back() == '\r')) json.remove_suffix(1);
    if (json.find_first_not_of(" \t") == std::string_view::npos) continue;
    simdjson::dom::element root;
    if (const auto err = parser.parse(json).get(root)) {
      batch.reject(line, raw, JsonRecordParser::reason(err));
      continue;
    }
    if (!root.is_object()) {
      batch.reject(line, raw, "record is not a JSON object");
      continue;
    }
    f(root, line, raw);
  }
}

/// Counts lines up to successive offsets of one document (offsets must not decrease).
class LineCounter {
 public:
  explicit LineCounter(std::string_view doc) : doc_(doc) {}
  /// 1-based line of the byte at offset. Amortized O(bytes advanced).
  std::uint64_t line_at(std::size_t offset);

 private:
  std::string_view doc_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
};

/// A whole-document JSON input (Telegram export, Mastodon status array) iterated on demand, so
/// every record keeps its verbatim text and line for rejects. A document that is not JSON
/// cannot be recovered: fail() throws InputError("path:line: reason").
class JsonDocument {
 public:
  /// Starts iterating content (a leading UTF-8 BOM is skipped). Throws InputError.
  JsonDocument(const std::string& path, std::string_view content);
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  simdjson::ondemand::document& doc() noexcept { return doc_; }
  /// Throws InputError naming the line of the current position.
  [[noreturn]] void fail(std::string_view reason);
  [[noreturn]] void fail(simdjson::error_code e) { fail(JsonRecordParser::reason(e)); }

  /// Calls f(raw, line) for each element of arr in order: raw is its verbatim JSON text, line
  /// its 1-based line in the document. Throws InputError when the document is malformed.
  template <class F>
  void for_each_element(simdjson::ondemand::array arr, F&& f) {
    for (auto item : arr) {
      simdjson::ondemand::value v;
      simdjson::ondemand::json_type type;
      if (const auto e = item.get(v)) fail(e);
      if (const auto e = v.type().get(type)) fail(e);
      std::string_view raw;
      simdjson::error_code e = simdjson::SUCCESS;
      if (type == simdjson::ondemand::json_type::object) {
        simdjson::ondemand::object o;
        e = v.get_object().get(o);
        if (!e) e = o.raw_json().get(raw);
      } else if (type == simdjson::ondemand::json_type::array) {
        simdjson::ondemand::array a;
        e = v.get_array().get(a);
        if (!e) e = a.raw_json().get(raw);
      } else {
        raw = v.raw_json_token();
      }
      if (e) fail(e);
      f(raw, lines_.line_at(static_cast<std::size_t>(raw.data() - padded_.data())));
    }
  }

 private:
  std::string path_;
  simdjson::padded_string padded_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::document doc_;
  LineCounter lines_;
};

}  // namespace lockstep::io
