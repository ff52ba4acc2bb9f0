// SPDX-License-Identifier: Apache-2.0
#include "io/readers/twitter_v1.hpp"

#include <string_view>

#include "io/readers/chunked_reader.hpp"
#include "io/readers/twitter_common.hpp"
#include "io/timestamp.hpp"

namespace lockstep::io {
namespace {

using simdjson::ondemand::object;
using simdjson::ondemand::value;
using twitter::BadRecord;
using twitter::Entities;
using twitter::get_array;
using twitter::get_count;
using twitter::get_object;
using twitter::get_string;

struct User {
  std::string_view id, screen_name, name, created_at;
  std::int64_t followers = -1;
  void clear() { *this = User{}; }
};

struct Tweet {
  std::string_view id, created_at, full_text, text, ext_full_text, reply_to, reply_to_user,
      quoted_id;
  bool is_quote = false, has_ext_entities = false, present = false;
  bool notice = false;  // a streaming notice ({"delete": ...}, {"limit": ...}), not a tweet
  User user;
  Entities entities, ext_entities;
  void clear() {
    id = created_at = full_text = text = ext_full_text = reply_to = reply_to_user = quoted_id = {};
    is_quote = has_ext_entities = present = notice = false;
    user.clear();
    entities.clear();
    ext_entities.clear();
  }
  const Entities& own_entities() const { return has_ext_entities ? ext_entities : entities; }
};

// One tweet with its embedded originals; reused across the lines of a chunk.
struct Scratch {
  twitter::JsonScratch json;
  Tweet tweet, retweeted, quoted;
};

void parse_user(object o, User& u) {
  for (auto field : o) {
    const std::string_view key = twitter::raw_key(field);
    value v = field.value();
    if (key == "id_str")
      u.id = get_string(v, "user.id_str");
    else if (key == "screen_name")
      u.screen_name = get_string(v, "user.screen_name");
    else if (key == "name")
      u.name = get_string(v, "user.name");
    else if (key == "created_at")
      u.created_at = get_string(v, "user.created_at");
    else if (key == "followers_count")
      u.followers = get_count(v, "user.followers_count");
  }
}

void parse_entities(object o, Entities& e) {
  for (auto field : o) {
    const std::string_view key = twitter::raw_key(field);
    bool null = false;
    if (key == "hashtags") {
      for (auto item : get_array(field.value(), "entities.hashtags", null))
        for (auto f : get_object(item.value(), "entities.hashtags[]"))
          if (twitter::raw_key(f) == "text")
            e.hashtags.push_back(get_string(f.value(), "entities.hashtags[].text"));
    } else if (key == "urls") {
      for (auto item : get_array(field.value(), "entities.urls", null))
        for (auto f : get_object(item.value(), "entities.urls[]"))
          if (twitter::raw_key(f) == "expanded_url")
            e.urls.push_back(get_string(f.value(), "entities.urls[].expanded_url"));
    } else if (key == "user_mentions") {
      for (auto item : get_array(field.value(), "entities.user_mentions", null)) {
        twitter::Mention m;
        for (auto f : get_object(item.value(), "entities.user_mentions[]")) {
          const std::string_view k = twitter::raw_key(f);
          if (k == "id_str")
            m.id = get_string(f.value(), "entities.user_mentions[].id_str");
          else if (k == "screen_name")
            m.handle = get_string(f.value(), "entities.user_mentions[].screen_name");
          else if (k == "name")
            m.name = get_string(f.value(), "entities.user_mentions[].name");
        }
        e.mentions.push_back(m);
      }
    }
  }
}

// Reads the fields of a tweet object; embedded originals go to rt / qt (nullptr: skipped).
void parse_tweet(object o, Tweet& t, Tweet* rt, Tweet* qt) {
  t.present = true;
  for (auto field : o) {
    const std::string_view key = twitter::raw_key(field);
    value v = field.value();
    if (key == "id_str")
      t.id = get_string(v, "id_str");
    else if (key == "created_at")
      t.created_at = get_string(v, "created_at");
    else if (key == "full_text")
      t.full_text = get_string(v, "full_text");
    else if (key == "text")
      t.text = get_string(v, "text");
    else if (key == "entities")
      parse_entities(get_object(v, "entities"), t.entities);
    else if (key == "user")
      parse_user(get_object(v, "user"), t.user);
    else if (key == "in_reply_to_status_id_str")
      t.reply_to = get_string(v, key);
    else if (key == "in_reply_to_user_id_str")
      t.reply_to_user = get_string(v, key);
    else if (key == "quoted_status_id_str")
      t.quoted_id = get_string(v, key);
    else if (key == "is_quote_status") {
      const auto type = v.type().value();
      if (type != simdjson::ondemand::json_type::null) {
        if (type != simdjson::ondemand::json_type::boolean)
          throw BadRecord{"is_quote_status: expected a boolean"};
        t.is_quote = v.get_bool();
      }
    } else if (key == "extended_tweet") {
      for (auto f : get_object(v, "extended_tweet")) {
        const std::string_view k = twitter::raw_key(f);
        if (k == "full_text") {
          t.ext_full_text = get_string(f.value(), "extended_tweet.full_text");
        } else if (k == "entities") {
          t.has_ext_entities = true;
          parse_entities(get_object(f.value(), "extended_tweet.entities"), t.ext_entities);
        }
      }
    } else if (rt && (key == "delete" || key == "limit" || key == "scrub_geo" ||
                      key == "status_withheld" || key == "user_withheld" || key == "disconnect" ||
                      key == "warning")) {
      t.notice = true;
    } else if (key == "retweeted_status" && rt) {
      if (v.type().value() != simdjson::ondemand::json_type::null)
        parse_tweet(get_object(v, "retweeted_status"), *rt, nullptr, nullptr);
    } else if (key == "quoted_status" && qt) {
      if (v.type().value() != simdjson::ondemand::json_type::null)
        parse_tweet(get_object(v, "quoted_status"), *qt, nullptr, nullptr);
    }
  }
}

std::int64_t required_time(std::string_view s, std::string_view field) {
  if (s.empty()) throw BadRecord{"missing " + std::string(field)};
  std::int64_t t = 0;
  if (!parse_twitter_time(s, t))
    throw BadRecord{std::string(field) + ": unparseable date '" + std::string(s.substr(0, 40)) +
                    "'"};
  return t;
}

// Time of an embedded tweet or user: -1 when absent or unparseable (not worth a reject).
std::int64_t optional_time(std::string_view s) {
  std::int64_t t = -1;
  if (s.empty() || !parse_twitter_time(s, t)) return -1;
  return t;
}

void add_user(PostBatch& b, const User& u) {
  b.add_account(Platform::twitter, u.id, u.screen_name, u.name, optional_time(u.created_at),
                u.followers);
}

void add_mentioned(PostBatch& b, const Entities& e) {
  for (const auto& m : e.mentions) b.add_account(Platform::twitter, m.id, m.handle, m.name, -1, -1);
}

void parse_line(simdjson::ondemand::document& doc, std::uint64_t line, Scratch& s, PostBatch& b,
                bool repost_entities) {
  Tweet& t = s.tweet;
  Tweet& rt = s.retweeted;
  Tweet& qt = s.quoted;
  t.clear();
  rt.clear();
  qt.clear();
  if (doc.type().value() != simdjson::ondemand::json_type::object)
    throw BadRecord{"not a JSON object"};
  parse_tweet(doc.get_object(), t, &rt, &qt);
  twitter::expect_end(doc);

  if (t.notice && t.id.empty() && t.created_at.empty()) {
    ++b.n_skipped;
    return;
  }
  // Validate everything before the batch sees anything.
  if (t.id.empty()) throw BadRecord{"missing id_str"};
  if (t.user.id.empty()) throw BadRecord{"missing user.id_str"};
  const std::int64_t time = required_time(t.created_at, "created_at");
  if (rt.present && rt.id.empty()) throw BadRecord{"missing retweeted_status.id_str"};

  const std::string_view text = !t.full_text.empty()       ? t.full_text
                                : !t.ext_full_text.empty() ? t.ext_full_text
                                                           : t.text;
  const bool quotes = t.is_quote || !t.quoted_id.empty();
  const PostKind kind = rt.present            ? PostKind::repost
                        : !t.reply_to.empty() ? PostKind::reply
                        : quotes              ? PostKind::quote
                                              : PostKind::post;
  b.add_post(Platform::twitter, t.id, t.user.id, time, kind, line, text);
  if (rt.present) {
    b.add_ref(RefKind::reposts, rt.id);
    if (repost_entities) twitter::add_entity_refs(b, rt.own_entities(), rt.quoted_id, s.json.fold);
  } else {
    b.add_ref(RefKind::replies_to, t.reply_to);
    b.add_ref(RefKind::quotes, t.quoted_id);
    twitter::add_entity_refs(b, t.own_entities(), t.quoted_id, s.json.fold);
  }
  add_user(b, t.user);
  add_mentioned(b, t.own_entities());
  if (!t.reply_to.empty()) b.add_post_fact(t.reply_to, t.reply_to_user, -1);
  for (const Tweet* orig : {&rt, &qt}) {
    if (!orig->present || orig->id.empty()) continue;
    b.add_post_fact(orig->id, orig->user.id, optional_time(orig->created_at));
    add_user(b, orig->user);
  }
}

}  // namespace

void read_twitter_v1(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  twitter::read_json_lines<Scratch>(paths, ctx, table, kTwitterV1Format, &parse_line);
}

}  // namespace lockstep::io
