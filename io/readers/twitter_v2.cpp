// SPDX-License-Identifier: Apache-2.0
#include "io/readers/twitter_v2.hpp"

#include <algorithm>
#include <deque>
#include <string_view>
#include <vector>

#include "io/readers/chunked_reader.hpp"
#include "io/readers/twitter_common.hpp"
#include "io/timestamp.hpp"

namespace lockstep::io {
namespace {

using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;
using twitter::BadRecord;
using twitter::Entities;
using twitter::get_array;
using twitter::get_count;
using twitter::get_object;
using twitter::get_string;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct User {
  std::string_view id, username, name, created_at;
  std::int64_t followers = -1;
};

struct Ref {
  std::string_view type, id;
  std::size_t merged = kNone;  // flattened: the included tweet merged into the reference
};

struct Tweet {
  std::string_view id, text, author_id, created_at, reply_to_user;
  std::string_view ref_type;   // when the tweet is a flattened reference item: its `type`
  std::size_t author = kNone;  // flattened: index of the `author` object in Scratch::users
  Entities entities;
  std::vector<Ref> refs;
  void clear() {
    id = text = author_id = created_at = reply_to_user = ref_type = {};
    author = kNone;
    entities.clear();
    refs.clear();
  }
};

// A tweet checked for the required fields, with its author and time.
struct Resolved {
  std::size_t tweet;
  std::string_view author;
  std::int64_t time;
};

struct Scratch {
  twitter::JsonScratch json;
  std::deque<Tweet> tweets;  // pool: stable references while growing
  std::size_t n_tweets = 0;
  std::vector<User> users;  // every user object on the line
  std::vector<std::size_t> data, included;
  std::vector<std::pair<std::string_view, std::size_t>> tweet_index;
  std::vector<Resolved> resolved;

  std::size_t new_tweet() {
    if (n_tweets == tweets.size()) tweets.emplace_back();
    tweets[n_tweets].clear();
    return n_tweets++;
  }
  void clear() {
    n_tweets = 0;
    users.clear();
    data.clear();
    included.clear();
    tweet_index.clear();
    resolved.clear();
  }
};

std::size_t parse_user(object o, Scratch& s) {
  User u;
  for (auto field : o) {
    const std::string_view key = twitter::raw_key(field);
    value v = field.value();
    if (key == "id")
      u.id = get_string(v, "user.id");
    else if (key == "username")
      u.username = get_string(v, "user.username");
    else if (key == "name")
      u.name = get_string(v, "user.name");
    else if (key == "created_at")
      u.created_at = get_string(v, "user.created_at");
    else if (key == "public_metrics")
      for (auto f : get_object(v, "user.public_metrics"))
        if (twitter::raw_key(f) == "followers_count")
          u.followers = get_count(f.value(), "user.public_metrics.followers_count");
  }
  s.users.push_back(u);
  return s.users.size() - 1;
}

void parse_entities(object o, Entities& e, Scratch& s) {
  for (auto field : o) {
    const std::string_view key = twitter::raw_key(field);
    bool null = false;
    if (key == "hashtags") {
      for (auto item : get_array(field.value(), "entities.hashtags", null))
        for (auto f : get_object(item.value(), "entities.hashtags[]"))
          if (twitter::raw_key(f) == "tag")
            e.hashtags.push_back(get_string(f.value(), "entities.hashtags[].tag"));
    } else if (key == "urls") {
      for (auto item : get_array(field.value(), "entities.urls", null))
        for (auto f : get_object(item.value(), "entities.urls[]"))
          if (twitter::raw_key(f) == "expanded_url")
            e.urls.push_back(get_string(f.value(), "entities.urls[].expanded_url"));
    } else if (key == "mentions") {
      // Flattened mentions are merged with the user object: parse them as users.
      for (auto item : get_array(field.value(), "entities.mentions", null)) {
        const User& u = s.users[parse_user(get_object(item.value(), "entities.mentions[]"), s)];
        e.mentions.push_back({u.id, u.username, u.name});
      }
    }
  }
}

void parse_tweet(object o, std::size_t ti, Scratch& s, bool nested);

// One field of a tweet object. nested: the tweet is a reference item (flattened) whose own
// references are read as bare {type, id}.
void parse_tweet_field(std::string_view key, value v, std::size_t ti, Scratch& s, bool nested) {
  Tweet& t = s.tweets[ti];  // deque: stays valid while the pool grows
  if (key == "id")
    t.id = get_string(v, "id");
  else if (key == "text")
    t.text = get_string(v, "text");
  else if (key == "author_id")
    t.author_id = get_string(v, "author_id");
  else if (key == "created_at")
    t.created_at = get_string(v, "created_at");
  else if (key == "in_reply_to_user_id")
    t.reply_to_user = get_string(v, "in_reply_to_user_id");
  else if (key == "type" && nested)
    t.ref_type = get_string(v, "referenced_tweets[].type");
  else if (key == "entities")
    parse_entities(get_object(v, "entities"), t.entities, s);
  else if (key == "author")
    t.author = parse_user(get_object(v, "author"), s);
  else if (key == "in_reply_to_user")
    parse_user(get_object(v, "in_reply_to_user"), s);
  else if (key == "referenced_tweets") {
    bool null = false;
    for (auto item : get_array(v, "referenced_tweets", null)) {
      object ro = get_object(item.value(), "referenced_tweets[]");
      Ref r;
      if (nested) {
        for (auto f : ro) {
          const std::string_view k = twitter::raw_key(f);
          if (k == "type")
            r.type = get_string(f.value(), "referenced_tweets[].type");
          else if (k == "id")
            r.id = get_string(f.value(), "referenced_tweets[].id");
        }
      } else {
        r.merged = s.new_tweet();
        parse_tweet(ro, r.merged, s, true);
        r.id = s.tweets[r.merged].id;
        r.type = s.tweets[r.merged].ref_type;
      }
      t.refs.push_back(r);
    }
  }
}

void parse_tweet(object o, std::size_t ti, Scratch& s, bool nested) {
  for (auto field : o) {
    const std::string_view key = twitter::raw_key(field);  // the key before the value
    parse_tweet_field(key, field.value(), ti, s, nested);
  }
}

const Tweet* find_tweet(const Scratch& s, std::string_view id) {
  const auto it = std::lower_bound(s.tweet_index.begin(), s.tweet_index.end(),
                                   std::pair<std::string_view, std::size_t>(id, 0));
  return it != s.tweet_index.end() && it->first == id ? &s.tweets[it->second] : nullptr;
}

std::string_view author_of(const Scratch& s, const Tweet& t) {
  if (!t.author_id.empty()) return t.author_id;
  return t.author == kNone ? std::string_view{} : s.users[t.author].id;
}

std::int64_t optional_time(std::string_view v) {
  std::int64_t t = -1;
  return !v.empty() && parse_iso8601(v, t) ? t : -1;
}

// Checks tweet ti; data_index: its position in a page's data (kNone for a flattened line),
// named in the reason.
Resolved validate(const Scratch& s, std::size_t ti, std::size_t data_index) {
  const auto bad = [&](const std::string& reason) {
    return BadRecord{(data_index == kNone ? "" : "data[" + std::to_string(data_index) + "]: ") +
                     reason};
  };
  const Tweet& t = s.tweets[ti];
  if (t.id.empty()) throw bad("missing id");
  const std::string_view author = author_of(s, t);
  if (author.empty()) throw bad("missing author_id");
  if (t.created_at.empty()) throw bad("missing created_at");
  std::int64_t time = 0;
  if (!parse_iso8601(t.created_at, time))
    throw bad("created_at: unparseable date '" + std::string(t.created_at.substr(0, 40)) + "'");
  return {ti, author, time};
}

// The referenced tweet: merged into the reference (flattened) or found in includes (page).
// A page's references are bare {type, id} items: those resolve through the includes.
const Tweet* original(const Scratch& s, const Ref& r) {
  if (r.merged != kNone) {
    const Tweet& m = s.tweets[r.merged];
    if (m.id.empty()) return nullptr;
    if (!m.author_id.empty() || m.author != kNone || !m.created_at.empty()) return &m;
  }
  return find_tweet(s, r.id);
}

std::string_view quoted_id(const Tweet& t) {
  for (const Ref& r : t.refs)
    if (r.type == "quoted") return r.id;
  return {};
}

void emit(const Scratch& s, const Resolved& r, std::uint64_t line, PostBatch& b,
          bool repost_entities, std::string& fold) {
  const Tweet& t = s.tweets[r.tweet];
  const Ref* retweeted = nullptr;
  bool reply = false, quote = false;
  for (const Ref& ref : t.refs) {
    if (ref.type == "retweeted" && !retweeted) retweeted = &ref;
    reply |= ref.type == "replied_to";
    quote |= ref.type == "quoted";
  }
  const PostKind kind = retweeted ? PostKind::repost
                        : reply   ? PostKind::reply
                        : quote   ? PostKind::quote
                                  : PostKind::post;
  b.add_post(Platform::twitter, t.id, r.author, r.time, kind, line, t.text);
  if (retweeted) {
    b.add_ref(RefKind::reposts, retweeted->id);
    const Tweet* o = original(s, *retweeted);
    if (repost_entities && o) twitter::add_entity_refs(b, o->entities, quoted_id(*o), fold);
  } else {
    for (const Ref& ref : t.refs) {
      if (ref.type == "replied_to")
        b.add_ref(RefKind::replies_to, ref.id);
      else if (ref.type == "quoted")
        b.add_ref(RefKind::quotes, ref.id);
    }
    twitter::add_entity_refs(b, t.entities, quoted_id(t), fold);
  }
  for (const Ref& ref : t.refs) {
    if (ref.id.empty()) continue;
    if (const Tweet* o = original(s, ref))
      b.add_post_fact(ref.id, author_of(s, *o), optional_time(o->created_at));
    else if (ref.type == "replied_to")
      b.add_post_fact(ref.id, t.reply_to_user, -1);
  }
}

void parse_line(simdjson::ondemand::document& doc, std::uint64_t line, Scratch& s, PostBatch& b,
                bool repost_entities) {
  s.clear();
  if (doc.type().value() != json_type::object) throw BadRecord{"not a JSON object"};
  const std::size_t top = s.new_tweet();  // the line itself, when it is a flattened tweet
  bool page = false, errors = false, tweet_fields = false;
  for (auto field : doc.get_object()) {
    const std::string_view key = twitter::raw_key(field);
    value v = field.value();
    if (key == "data") {
      page = true;
      const json_type type = v.type();
      if (type == json_type::object) {
        s.data.push_back(s.new_tweet());
        parse_tweet(v.get_object(), s.data.back(), s, false);
      } else {
        bool null = false;
        for (auto item : get_array(v, "data", null)) {
          s.data.push_back(s.new_tweet());
          parse_tweet(get_object(item.value(), "data[]"), s.data.back(), s, false);
        }
      }
    } else if (key == "includes") {
      for (auto f : get_object(v, "includes")) {
        const std::string_view k = twitter::raw_key(f);
        bool null = false;
        if (k == "users") {
          for (auto item : get_array(f.value(), "includes.users", null))
            parse_user(get_object(item.value(), "includes.users[]"), s);
        } else if (k == "tweets") {
          for (auto item : get_array(f.value(), "includes.tweets", null)) {
            s.included.push_back(s.new_tweet());
            parse_tweet(get_object(item.value(), "includes.tweets[]"), s.included.back(), s, true);
          }
        }
      }
    } else if (key == "errors") {
      errors = true;
    } else if (key == "meta") {
      page = true;  // a page, possibly without data
    } else if (key != "__twarc") {
      tweet_fields = true;
      parse_tweet_field(key, v, top, s, false);
    }
  }
  twitter::expect_end(doc);

  std::vector<Resolved>& resolved = s.resolved;  // every tweet is validated before any is added
  if (page) {
    for (std::size_t i = 0; i < s.data.size(); ++i) resolved.push_back(validate(s, s.data[i], i));
    for (const auto* list : {&s.included, &s.data})
      for (const std::size_t ti : *list) s.tweet_index.emplace_back(s.tweets[ti].id, ti);
    std::stable_sort(s.tweet_index.begin(), s.tweet_index.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
  } else if (tweet_fields) {
    resolved.push_back(validate(s, top, kNone));
  } else if (errors) {
    ++b.n_skipped;
    return;
  } else {
    throw BadRecord{"neither a twarc2 page (data) nor a tweet (id)"};
  }
  if (resolved.empty()) {  // a page without tweets
    ++b.n_skipped;
    return;
  }
  for (const Resolved& r : resolved) emit(s, r, line, b, repost_entities, s.json.fold);
  for (const User& u : s.users) {
    b.add_account(Platform::twitter, u.id, u.username, u.name, optional_time(u.created_at),
                  u.followers);
  }
}

}  // namespace

void read_twitter_v2(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  twitter::read_json_lines<Scratch>(paths, ctx, table, kTwitterV2Format, &parse_line);
}

}  // namespace lockstep::io
