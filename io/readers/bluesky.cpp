// SPDX-License-Identifier: Apache-2.0
#include "io/readers/bluesky.hpp"

#include <string_view>

#include "io/readers/chunked_reader.hpp"
#include "io/readers/fields.hpp"
#include "io/readers/json_fields.hpp"

namespace lockstep::io {
namespace {

constexpr std::string_view kPost = "app.bsky.feed.post";
constexpr std::string_view kRepost = "app.bsky.feed.repost";

// The DID of an at:// URI ("at://<did>/<collection>/<rkey>"); "" when it has none.
std::string_view did_of(std::string_view uri) {
  if (!uri.starts_with("at://")) return {};
  uri.remove_prefix(5);
  return uri.substr(0, uri.find('/'));
}

// The uri of a quoted record: embed.record.uri, or embed.record.record.uri (recordWithMedia).
std::string_view quoted_uri(JsonFields& j, simdjson::dom::element embed) {
  const auto rec = j.obj(embed, "record");
  if (!rec) return {};
  const std::string_view uri = j.str(*rec, "uri");
  if (!uri.empty()) return uri;
  const auto inner = j.obj(*rec, "record");
  return inner ? j.str(*inner, "uri") : std::string_view{};
}

void parse_event(simdjson::dom::element ev, std::uint64_t line, std::string_view raw,
                 PostBatch& b) {
  JsonFields j;
  const std::string_view did = j.str(ev, "did");
  const std::string_view kind = j.str(ev, "kind");
  const auto time_us = j.integer(ev, "time_us");
  const auto commit = j.obj(ev, "commit");
  const auto identity = j.obj(ev, "identity");
  if (!j.error().empty()) return b.reject(line, raw, j.error());
  if (kind == "identity" && identity) {
    const std::string_view handle = j.str(*identity, "handle");
    if (!j.error().empty()) return b.reject(line, raw, j.error());
    b.add_account(Platform::bluesky, did, handle, {}, -1, -1);
  }
  if (kind != "commit" || !commit) {
    ++b.n_skipped;
    return;
  }
  const std::string_view op = j.str(*commit, "operation");
  const std::string_view collection = j.str(*commit, "collection");
  const std::string_view rkey = j.str(*commit, "rkey");
  const auto record = j.obj(*commit, "record");
  if (!j.error().empty()) return b.reject(line, raw, j.error());
  if (op != "create" || (collection != kPost && collection != kRepost)) {
    ++b.n_skipped;
    return;
  }
  if (did.empty()) return b.reject(line, raw, "missing did");
  if (rkey.empty()) return b.reject(line, raw, "missing commit.rkey");
  if (!record) return b.reject(line, raw, "missing commit.record");
  const simdjson::dom::element rec = *record;
  const std::string_view created_at = j.str(rec, "createdAt");
  std::int64_t t = 0;
  if (const auto c = parse_iso8601_utc(created_at)) {
    t = *c;
  } else if (!created_at.empty()) {
    return b.reject(line, raw, "bad createdAt " + quote_value(created_at));
  } else if (time_us) {
    t = *time_us / 1000000 - (*time_us % 1000000 < 0 ? 1 : 0);
  } else {
    return b.reject(line, raw, "missing createdAt and time_us");
  }
  const std::string id =
      "at://" + std::string(did) + "/" + std::string(collection) + "/" + std::string(rkey);

  if (collection == kRepost) {
    const auto subject = j.obj(rec, "subject");
    const std::string_view uri = subject ? j.str(*subject, "uri") : std::string_view{};
    if (!j.error().empty()) return b.reject(line, raw, j.error());
    if (uri.empty()) return b.reject(line, raw, "repost without subject.uri");
    b.add_post(Platform::bluesky, id, did, t, PostKind::repost, line);
    b.add_ref(RefKind::reposts, uri);
    b.add_post_fact(uri, did_of(uri), -1);
    return;
  }

  const std::string_view text = j.str(rec, "text");
  const auto reply = j.obj(rec, "reply");
  const auto parent = reply ? j.obj(*reply, "parent") : std::nullopt;
  const std::string_view parent_uri = parent ? j.str(*parent, "uri") : std::string_view{};
  const auto embed = j.obj(rec, "embed");
  const std::string_view embed_type = embed ? j.str(*embed, "$type") : std::string_view{};
  std::string_view quoted, external;
  if (embed && embed_type.starts_with("app.bsky.embed.record")) quoted = quoted_uri(j, *embed);
  if (embed && embed_type == "app.bsky.embed.external") {
    const auto ext = j.obj(*embed, "external");
    if (ext) external = j.str(*ext, "uri");
  }
  const auto facets = j.arr(rec, "facets");
  if (!j.error().empty()) return b.reject(line, raw, j.error());
  // A reply that quotes is a reply with both references, as in every reader.
  const PostKind k = !parent_uri.empty() ? PostKind::reply
                     : !quoted.empty()   ? PostKind::quote
                                         : PostKind::post;
  b.add_post(Platform::bluesky, id, did, t, k, line, text);
  b.add_ref(RefKind::quotes, quoted);
  b.add_ref(RefKind::replies_to, parent_uri);
  b.add_post_fact(quoted, did_of(quoted), -1);
  b.add_post_fact(parent_uri, did_of(parent_uri), -1);
  add_link(b, external);
  if (!facets) return;
  for (const simdjson::dom::element facet : *facets) {
    simdjson::dom::array features;
    if (facet["features"].get_array().get(features)) continue;
    for (const simdjson::dom::element f : features) {
      std::string_view type, value;
      if (f["$type"].get_string().get(type)) continue;
      if (type.ends_with("#tag") && !f["tag"].get_string().get(value)) {
        b.add_ref(RefKind::tags, casefold_hashtag(value));
      } else if (type.ends_with("#link") && !f["uri"].get_string().get(value)) {
        add_link(b, value);
      } else if (type.ends_with("#mention") && !f["did"].get_string().get(value)) {
        b.add_ref(RefKind::mentions, value);
      }
    }
  }
}

}  // namespace

void read_bluesky(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  BatchMerger merger(table);
  for (const std::string& path : paths) {
    read_chunked(
        path, kBlueskyFormat, ctx, merger, &split_lines,
        [](std::string_view text, PostBatch& b) {
          for_each_json_line(
              text, b, [&](simdjson::dom::element ev, std::uint64_t line, std::string_view raw) {
                parse_event(ev, line, raw, b);
              });
        },
        table);
  }
}

}  // namespace lockstep::io
