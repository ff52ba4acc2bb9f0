// SPDX-License-Identifier: Apache-2.0
#include "io/readers/twitter_common.hpp"

#include <cmath>

#include "io/url.hpp"
#include "io/utf8.hpp"

namespace lockstep::io::twitter {
namespace {

using simdjson::ondemand::json_type;

const char* type_name(json_type t) {
  switch (t) {
    case json_type::array:
      return "an array";
    case json_type::object:
      return "an object";
    case json_type::number:
      return "a number";
    case json_type::string:
      return "a string";
    case json_type::boolean:
      return "a boolean";
    case json_type::null:
      return "null";
  }
  return "unknown";
}

[[noreturn]] void wrong_type(std::string_view field, const char* expected, json_type got) {
  throw BadRecord{std::string(field) + ": expected " + expected + ", found " + type_name(got)};
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view get_string(simdjson::ondemand::value v, std::string_view field) {
  const json_type t = v.type();
  if (t == json_type::null) return {};
  if (t != json_type::string) wrong_type(field, "a string", t);
  return v.get_string();
}

std::int64_t get_count(simdjson::ondemand::value v, std::string_view field) {
  const json_type t = v.type();
  if (t == json_type::null) return -1;
  if (t != json_type::number) wrong_type(field, "a number", t);
  std::int64_t i = 0;
  if (v.get_int64().get(i) == simdjson::SUCCESS) return i;
  const double d = v.get_double();
  if (!(d >= 0 && d < 9e18) || std::floor(d) != d)
    throw BadRecord{std::string(field) + ": expected a count, found " + std::to_string(d)};
  return static_cast<std::int64_t>(d);
}

simdjson::ondemand::object get_object(simdjson::ondemand::value v, std::string_view field) {
  const json_type t = v.type();
  if (t != json_type::object) wrong_type(field, "an object", t);
  return v.get_object();
}

simdjson::ondemand::array get_array(simdjson::ondemand::value v, std::string_view field,
                                    bool& is_null) {
  const json_type t = v.type();
  is_null = t == json_type::null;
  if (is_null) return {};
  if (t != json_type::array) wrong_type(field, "an array", t);
  return v.get_array();
}

void expect_end(simdjson::ondemand::document& doc) {
  const char* loc = nullptr;
  if (doc.current_location().get(loc) == simdjson::SUCCESS)
    throw BadRecord{"trailing data after the JSON value"};
}

std::string json_error_reason(simdjson::error_code e) {
  if (e == simdjson::UTF8_ERROR) return "invalid UTF-8";
  return std::string("invalid JSON: ") + simdjson::error_message(e);
}

bool is_status_link(std::string_view url, std::string_view status_id) {
  if (status_id.empty()) return false;
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  std::string_view rest = url.substr(scheme + 3);
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view host = rest.substr(0, slash);
  if (host.size() > 4 && ascii_iequals(host.substr(0, 4), "www.")) host.remove_prefix(4);
  if (host.size() > 7 && ascii_iequals(host.substr(0, 7), "mobile.")) host.remove_prefix(7);
  if (!ascii_iequals(host, "twitter.com") && !ascii_iequals(host, "x.com")) return false;
  std::string_view path = rest.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const std::string_view tail = "/status/";
  if (path.size() <= tail.size() + status_id.size()) return false;
  return path.ends_with(status_id) &&
         path.substr(path.size() - status_id.size() - tail.size(), tail.size()) == tail;
}

void add_entity_refs(PostBatch& b, const Entities& e, std::string_view quoted_id,
                     std::string& scratch) {
  for (std::string_view tag : e.hashtags) {
    if (!tag.empty() && tag.front() == '#') tag.remove_prefix(1);
    nfkc_casefold(tag, scratch);
    b.add_ref(RefKind::tags, scratch);
  }
  for (const std::string_view url : e.urls) {
    if (url.empty() || is_status_link(url, quoted_id)) continue;
    const NormalizedUrl n = normalize_url(url);
    b.add_ref(RefKind::links, n.url.empty() ? url : std::string_view(n.url));
    b.add_ref(RefKind::links_domain, n.domain);
  }
  for (const Mention& m : e.mentions) {
    std::string_view who = m.id;
    if (who.empty()) {
      who = m.handle;
      if (!who.empty() && who.front() == '@') who.remove_prefix(1);
    }
    b.add_ref(RefKind::mentions, who);
  }
}

}  // namespace lockstep::io::twitter
