// SPDX-License-Identifier: Apache-2.0
#include "io/readers/mastodon.hpp"

#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/readers/chunked_reader.hpp"
#include "io/readers/fields.hpp"
#include "io/readers/json_fields.hpp"
#include "io/url.hpp"
#include "io/utf8.hpp"

namespace lockstep::io {
namespace {

// Host of an http(s) URL ("" when none).
std::string_view host_of(std::string_view url) {
  const auto p = url.find("://");
  if (p == std::string_view::npos) return {};
  url.remove_prefix(p + 3);
  return url.substr(0, url.find_first_of("/?#"));
}

// "user@host" for an acct ("user" on the serving instance, "user@host" for remote accounts).
std::string qualified_acct(std::string_view acct, std::string_view profile_url,
                           std::string_view fallback_host) {
  while (acct.starts_with('@')) acct.remove_prefix(1);
  if (acct.empty() || acct.find('@') != std::string_view::npos) return std::string(acct);
  const std::string_view host = host_of(profile_url);
  return std::string(acct) + "@" + std::string(host.empty() ? fallback_host : host);
}


// Decodes the HTML character references Mastodon emits (named basics and numeric ones).
std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back(s[i++]);
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (name == "amp")
      cp = '&';
    else if (name == "lt")
      cp = '<';
    else if (name == "gt")
      cp = '>';
    else if (name == "quot")
      cp = '"';
    else if (name == "apos")
      cp = '\'';
    else if (name == "nbsp")
      cp = 0xA0;
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      for (const char c : name.substr(hex ? 2 : 1)) {
        const int d = c >= '0' && c <= '9'          ? c - '0'
                      : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                    : -1;
        if (d < 0 || cp > 0x10FFFF) {
          cp = 0;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0;
    }
    if (cp == 0) {
      out.push_back(s[i++]);
      continue;
    }
    append_utf8(out, cp);
    i = semi + 1;
  }
  return out;
}

// Value of attribute name in the text of one HTML start tag ("" when absent).
std::string_view attribute(std::string_view tag, std::string_view name) {
  for (std::size_t p = 0; (p = tag.find(name, p)) != std::string_view::npos; p += name.size()) {
    const bool starts = p > 0 && (tag[p - 1] == ' ' || tag[p - 1] == '\t' || tag[p - 1] == '\n');
    const std::size_t eq = p + name.size();
    if (!starts || eq + 1 >= tag.size() || tag[eq] != '=') continue;
    const char q = tag[eq + 1];
    if (q != '"' && q != '\'') continue;
    const std::size_t end = tag.find(q, eq + 2);
    if (end == std::string_view::npos) return {};
    return tag.substr(eq + 2, end - eq - 2);
  }
  return {};
}

// Plain text of status HTML (tags removed, <br> and paragraph breaks as newlines) and the
// hrefs of its links that are not mentions or hashtags.
void scan_html(std::string_view html, std::string& text, std::vector<std::string>& links) {
  std::string plain;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      const std::size_t next = std::min(html.find('<', i), html.size());
      plain.append(html.substr(i, next - i));
      i = next;
      continue;
    }
    const std::size_t close = html.find('>', i);
    if (close == std::string_view::npos) break;  // a cut tag: drop it
    const std::string_view tag = html.substr(i + 1, close - i - 1);
    i = close + 1;
    if (tag == "br" || tag == "br/" || tag == "br /") {
      plain.push_back('\n');
    } else if (tag == "/p" && i < html.size()) {
      plain.append("\n\n");
    } else if (tag.starts_with("a ")) {
      const std::string_view cls = attribute(tag, "class");
      const std::string_view rel = attribute(tag, "rel");
      const std::string_view href = attribute(tag, "href");
      if (!href.empty() && cls.find("mention") == std::string_view::npos &&
          cls.find("hashtag") == std::string_view::npos &&
          rel.find("tag") == std::string_view::npos)
        links.push_back(decode_entities(href));
    }
  }
  text = decode_entities(plain);
}

// REST id -> uri of every status (and reblogged status) in the document.
using UriOfId = std::unordered_map<std::string, std::string>;

void add_entities(JsonFields& j, simdjson::dom::element s, std::string_view host, PostBatch& b,
                  const std::vector<std::string>& content_links) {
  if (const auto tags = j.arr(s, "tags")) {
    for (const simdjson::dom::element t : *tags)
      b.add_ref(RefKind::tags, casefold_hashtag(j.str(t, "name")));
  }
  if (const auto mentions = j.arr(s, "mentions")) {
    for (const simdjson::dom::element m : *mentions)
      b.add_ref(RefKind::mentions, qualified_acct(j.str(m, "acct"), j.str(m, "url"), host));
  }
  std::vector<std::string> links;
  if (const auto card = j.obj(s, "card")) links.emplace_back(j.str(*card, "url"));
  for (const auto& l : content_links) {
    const NormalizedUrl n = normalize_url(l);
    bool seen = false;
    for (const auto& k : links) seen |= k == l || (!n.url.empty() && normalize_url(k).url == n.url);
    if (!seen) links.push_back(l);
  }
  for (const auto& l : links) add_link(b, l);
}

void parse_status(simdjson::dom::element s, std::uint64_t line, std::string_view raw,
                  const UriOfId& uri_of, bool repost_entities, PostBatch& b) {
  JsonFields j;
  std::string_view id = j.str(s, "uri");
  if (id.empty()) id = j.str(s, "url");
  const std::string_view created = j.str(s, "created_at");
  const auto account = j.obj(s, "account");
  const auto reblog = j.obj(s, "reblog");
  const std::string reply_to = j.id(s, "in_reply_to_id");
  const std::string_view content = j.str(s, "content");
  if (!j.error().empty()) return b.reject(line, raw, j.error());
  if (id.empty()) return b.reject(line, raw, "missing uri and url");
  if (!account) return b.reject(line, raw, "missing account");
  const auto t = parse_iso8601_utc(created);
  if (!t)
    return b.reject(
        line, raw,
        created.empty() ? "missing created_at" : "bad created_at " + quote_value(created));
  const std::string_view host = host_of(id);
  const auto account_of = [&](simdjson::dom::element a, std::string& gid) {
    gid = qualified_acct(j.str(a, "acct"), j.str(a, "url"), host);
    const std::string_view acreated = j.str(a, "created_at");
    const auto followers = j.integer(a, "followers_count");
    b.add_account(Platform::mastodon, gid, j.str(a, "username"), j.str(a, "display_name"),
                  parse_iso8601_utc(acreated).value_or(-1), followers.value_or(-1));
  };
  std::string author, original_author;
  std::string_view original;
  std::int64_t original_time = -1;
  if (reblog) {
    original = j.str(*reblog, "uri");
    if (original.empty()) original = j.str(*reblog, "url");
    original_time = parse_iso8601_utc(j.str(*reblog, "created_at")).value_or(-1);
  }
  std::string text;
  std::vector<std::string> links;
  scan_html(content, text, links);
  if (!j.error().empty()) return b.reject(line, raw, j.error());
  if (reblog && original.empty()) return b.reject(line, raw, "reblog without uri and url");
  const std::string_view acct = j.str(*account, "acct");
  if (acct.empty()) return b.reject(line, raw, "missing account.acct");

  const PostKind kind = reblog              ? PostKind::repost
                        : !reply_to.empty() ? PostKind::reply
                                            : PostKind::post;
  b.add_post(Platform::mastodon, id, qualified_acct(acct, j.str(*account, "url"), host), *t, kind,
             line, text);
  account_of(*account, author);
  if (reblog) {
    b.add_ref(RefKind::reposts, original);
    if (const auto ra = j.obj(*reblog, "account")) account_of(*ra, original_author);
    b.add_post_fact(original, original_author, original_time);
    if (repost_entities) {
      std::string rtext;
      std::vector<std::string> rlinks;
      scan_html(j.str(*reblog, "content"), rtext, rlinks);
      add_entities(j, *reblog, host_of(original), b, rlinks);
    }
    return;
  }
  if (!reply_to.empty()) {
    const auto it = uri_of.find(reply_to);
    b.add_ref(RefKind::replies_to,
              it != uri_of.end() ? it->second : std::string(host) + "/" + reply_to);
  }
  add_entities(j, s, host, b, links);
}

void read_one(const std::string& path, ReaderContext& ctx, BatchMerger& merger,
              ActivityTable& table) {
  std::string sha256;
  const std::string content = read_whole(path, ctx, sha256);
  JsonDocument d(path, content);
  simdjson::ondemand::array statuses;
  if (d.doc().get_array().get(statuses))
    d.fail("not a Mastodon status array (expected a JSON array)");
  std::vector<std::pair<std::string_view, std::uint64_t>> records;
  d.for_each_element(
      statuses, [&](std::string_view raw, std::uint64_t line) { records.emplace_back(raw, line); });
  // Pass 1: REST ids of the statuses in the file, so replies point at their parent's uri.
  JsonRecordParser parser;
  UriOfId uri_of;
  for (const auto& [raw, line] : records) {
    simdjson::dom::element s;
    if (parser.parse(raw).get(s) || !s.is_object()) continue;
    std::vector<simdjson::dom::element> with_reblog{s};
    simdjson::dom::element r;
    if (!s["reblog"].get(r) && r.is_object()) with_reblog.push_back(r);
    for (const simdjson::dom::element x : with_reblog) {
      JsonFields j;
      std::string_view uri = j.str(x, "uri");
      if (uri.empty()) uri = j.str(x, "url");
      const std::string id = j.id(x, "id");
      if (!id.empty() && !uri.empty()) uri_of.emplace(id, uri);
    }
  }
  // Pass 2: the posts.
  PostBatch batch;
  for (const auto& [raw, line] : records) {
    simdjson::dom::element s;
    if (const auto e = parser.parse(raw).get(s)) {
      batch.reject(line - 1, raw, JsonRecordParser::reason(e));
      continue;
    }
    if (!s.is_object()) {
      batch.reject(line - 1, raw, "status is not a JSON object");
      continue;
    }
    parse_status(s, line - 1, raw, uri_of, ctx.opts.repost_entities, batch);
  }
  merge_document(path, kMastodonFormat, sha256, batch, ctx, merger, table);
}

}  // namespace

void read_mastodon(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  BatchMerger merger(table);
  for (const std::string& path : paths) read_one(path, ctx, merger, table);
}

}  // namespace lockstep::io
