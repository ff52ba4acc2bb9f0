// SPDX-License-Identifier: Apache-2.0
#include "io/readers/json_fields.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/base/error.hpp"
#include "io/readers/fields.hpp"

namespace lockstep::io {

std::optional<simdjson::dom::element> JsonFields::at(simdjson::dom::element parent,
                                                     std::string_view key) {
  simdjson::dom::element e;
  if (parent.at_key(key).get(e) || e.is_null()) return std::nullopt;
  return e;
}

void JsonFields::fail(std::string_view key, std::string_view what) {
  if (error_.empty()) error_ = "field '" + std::string(key) + "' is not " + std::string(what);
}

std::string_view JsonFields::str(simdjson::dom::element parent, std::string_view key) {
  const auto e = at(parent, key);
  if (!e) return {};
  std::string_view s;
  if (e->get_string().get(s)) fail(key, "a string");
  return s;
}

std::optional<simdjson::dom::element> JsonFields::obj(simdjson::dom::element parent,
                                                      std::string_view key) {
  const auto e = at(parent, key);
  if (!e) return std::nullopt;
  if (!e->is_object()) {
    fail(key, "an object");
    return std::nullopt;
  }
  return e;
}

std::optional<simdjson::dom::array> JsonFields::arr(simdjson::dom::element parent,
                                                    std::string_view key) {
  const auto e = at(parent, key);
  if (!e) return std::nullopt;
  simdjson::dom::array a;
  if (e->get_array().get(a)) {
    fail(key, "an array");
    return std::nullopt;
  }
  return a;
}

std::optional<std::int64_t> JsonFields::integer(simdjson::dom::element parent,
                                                std::string_view key) {
  const auto e = at(parent, key);
  if (!e) return std::nullopt;
  std::int64_t i = 0;
  double d = 0;
  std::string_view s;
  if (!e->get_int64().get(i)) return i;
  if (!e->get_double().get(d) && d > -4.6e18 && d < 4.6e18)
    return static_cast<std::int64_t>(std::floor(d));
  if (!e->get_string().get(s)) {
    if (const auto v = parse_int_floor(s)) return v;
  }
  fail(key, "an integer");
  return std::nullopt;
}

std::optional<bool> JsonFields::boolean(simdjson::dom::element parent, std::string_view key) {
  const auto e = at(parent, key);
  if (!e) return std::nullopt;
  bool b = false;
  if (e->get_bool().get(b)) {
    fail(key, "a boolean");
    return std::nullopt;
  }
  return b;
}

std::string JsonFields::id(simdjson::dom::element parent, std::string_view key) {
  const auto e = at(parent, key);
  if (!e) return {};
  std::string_view s;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  if (!e->get_string().get(s)) return std::string(s);
  if (!e->get_int64().get(i)) return std::to_string(i);
  if (!e->get_uint64().get(u)) return std::to_string(u);
  fail(key, "an id (string or integer)");
  return {};
}

simdjson::simdjson_result<simdjson::dom::element> JsonRecordParser::parse(std::string_view json) {
  buffer_.assign(json);
  buffer_.resize(json.size() + simdjson::SIMDJSON_PADDING, ' ');
  return parser_.parse(buffer_.data(), json.size(), false);
}

std::string JsonRecordParser::reason(simdjson::error_code e) {
  if (e == simdjson::UTF8_ERROR) return "invalid UTF-8";
  return std::string("invalid JSON: ") + simdjson::error_message(e);
}

std::uint64_t LineCounter::line_at(std::size_t offset) {
  offset = std::min(offset, doc_.size());
  if (offset > pos_) {
    line_ += static_cast<std::uint64_t>(
        std::count(doc_.begin() + static_cast<std::ptrdiff_t>(pos_),
                   doc_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    pos_ = offset;
  }
  return line_;
}

JsonDocument::JsonDocument(const std::string& path, std::string_view content)
    : path_(path), padded_(strip_utf8_bom(content)), lines_(padded_) {
  // Nothing was read yet: the error is about the document as a whole.
  if (const auto e = parser_.iterate(padded_).get(doc_))
    throw InputError(path_ + ":1: " + JsonRecordParser::reason(e));
}

void JsonDocument::fail(std::string_view reason) {
  const char* at = nullptr;
  std::uint64_t line = 0;
  if (doc_.current_location().get(at) || at < padded_.data())
    line = LineCounter(padded_).line_at(padded_.size());
  else
    line = LineCounter(padded_).line_at(static_cast<std::size_t>(at - padded_.data()));
  throw InputError(path_ + ":" + std::to_string(line) + ": " + std::string(reason));
}

}  // namespace lockstep::io
