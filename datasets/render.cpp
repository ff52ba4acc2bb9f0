// SPDX-License-Identifier: Apache-2.0
#include "datasets/render.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <iterator>
#include <span>
#include <string>
#include <unordered_set>

#include "algorithms/base/error.hpp"
#include "algorithms/parallel/random.hpp"
#include "datasets/csv_file.hpp"

namespace lockstep::datasets {
namespace {

constexpr std::int64_t kSnowflakeEpochMs = 1288834974657;
constexpr std::size_t kPageTweets = 100;
constexpr std::string_view kSource = "Twitter Web App";

// Calendar fields of UTC seconds (H. Hinnant's civil_from_days).
struct Civil {
  std::int64_t year;
  unsigned month, day, hour, minute, second, weekday;  // weekday 0 = Sunday
};

Civil civil(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const auto secs = static_cast<unsigned>(t - days * 86400);
  const auto weekday = static_cast<unsigned>(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2),
          m,
          d,
          secs / 3600,
          secs / 60 % 60,
          secs % 60,
          weekday};
}

// "Wed Oct 10 20:19:24 +0000 2018"
std::string v1_time(std::int64_t t) {
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = civil(t);
  return fmt::format("{} {} {:02} {:02}:{:02}:{:02} +0000 {}", kDays[c.weekday],
                     kMonths[c.month - 1], c.day, c.hour, c.minute, c.second, c.year);
}

// "2022-03-01T12:00:00.000Z"
std::string iso_time(std::int64_t t) {
  const Civil c = civil(t);
  return fmt::format("{}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z", c.year, c.month, c.day, c.hour,
                     c.minute, c.second);
}

bool is_tweet_id(std::string_view s) {
  if (s.empty() || s.size() > 19) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::uint64_t hash(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL;
  for (const char c : s) h = splitmix64(h ^ static_cast<unsigned char>(c));
  return h;
}

// JSON string content: escapes quotes, backslashes and control characters.
std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// An invented account: attributes derived from the id, so every rendering agrees.
struct Account {
  std::string id, handle, name;
  std::int64_t created;
  std::int64_t followers, following, statuses;
};

Account retweeter(std::string_view id) {
  const std::uint64_t h = hash(id);
  return {std::string(id),
          fmt::format("acct_{}", id),
          fmt::format("Account {}", id),
          1262304000 + static_cast<std::int64_t>(h % (12 * 365 * 86400ULL)),
          static_cast<std::int64_t>((h >> 20) % 5000),
          static_cast<std::int64_t>((h >> 33) % 2000),
          static_cast<std::int64_t>((h >> 44) % 20000)};
}

// The author of a tweet object: one of 100k invented accounts with snowflake-like ids.
Account original_author(std::string_view tweet_id) {
  const std::uint64_t k = hash(tweet_id) % 100000;
  const std::string id = std::to_string(1200000000000000000ULL + k * 7919);
  Account a = retweeter(id);
  a.handle = fmt::format("source_{}", k);
  a.name = fmt::format("Source {}", k);
  a.followers += 10000;
  return a;
}

std::int64_t snowflake_time(std::string_view id) {
  std::uint64_t v = 0;
  std::from_chars(id.data(), id.data() + id.size(), v);
  return (static_cast<std::int64_t>(v >> 22) + kSnowflakeEpochMs) / 1000;
}

std::string original_text(std::string_view tweet_id) {
  return fmt::format("Synthetic post {} #synth", tweet_id);
}

std::string tco(std::string_view s) {
  return fmt::format("https://t.co/{:010x}", hash(s) % (1ULL << 40));
}

// ---------------------------------------------------------------------------------------------
// v1.1

void v1_user(std::string& o, const Account& a) {
  fmt::format_to(std::back_inserter(o),
                 R"({{"id":{0},"id_str":"{0}","name":"{1}","screen_name":"{2}","location":"",)"
                 R"("description":"Synthetic account","url":null,"protected":false,)"
                 R"("verified":false,"followers_count":{3},"friends_count":{4},"listed_count":0,)"
                 R"("favourites_count":0,"statuses_count":{5},"created_at":"{6}","lang":null,)"
                 R"("default_profile":true,"default_profile_image":false}})",
                 a.id, json_escape(a.name), a.handle, a.followers, a.following, a.statuses,
                 v1_time(a.created));
}

void v1_tail(std::string& o, bool quote = false, std::string_view lang = "en") {
  fmt::format_to(
      std::back_inserter(o),
      R"("geo":null,"coordinates":null,"place":null,"contributors":null,"is_quote_status":{},)"
      R"("retweet_count":0,"favorite_count":0,"favorited":false,"retweeted":false,"lang":"{}"}})",
      quote, lang);
}

void v1_head(std::string& o, std::string_view id, std::int64_t t, std::string_view text) {
  fmt::format_to(std::back_inserter(o),
                 R"({{"created_at":"{}","id":{},"id_str":"{}","full_text":"{}","truncated":false,)"
                 R"("display_text_range":[0,{}],)",
                 v1_time(t), id, id, json_escape(text), text.size());
}

void v1_replies_none(std::string& o) {
  fmt::format_to(std::back_inserter(o),
                 R"("source":"<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">{}</a>",)"
                 R"("in_reply_to_status_id":null,"in_reply_to_status_id_str":null,)"
                 R"("in_reply_to_user_id":null,"in_reply_to_user_id_str":null,)"
                 R"("in_reply_to_screen_name":null,)",
                 kSource);
}

void v1_replies_to(std::string& o, std::string_view status, const Account& user) {
  fmt::format_to(std::back_inserter(o),
                 R"("source":"<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">{0}</a>",)"
                 R"("in_reply_to_status_id":{1},"in_reply_to_status_id_str":"{1}",)"
                 R"("in_reply_to_user_id":{2},"in_reply_to_user_id_str":"{2}",)"
                 R"("in_reply_to_screen_name":"{3}",)",
                 kSource, status, user.id, user.handle);
}

void render_v1(CsvFile& out, const Share& s, std::string& o) {
  o.clear();
  const Account user = retweeter(s.account_id);
  if (is_tweet_id(s.object_id)) {
    const Account src = original_author(s.object_id);
    const std::string otext = original_text(s.object_id);
    const std::string text = fmt::format("RT @{}: {}", src.handle, otext);
    v1_head(o, s.content_id, s.timestamp, text);
    fmt::format_to(std::back_inserter(o),
                   R"("entities":{{"hashtags":[{{"text":"synth","indices":[{},{}]}}],"symbols":[],)"
                   R"("user_mentions":[{{"screen_name":"{}","name":"{}","id":{},"id_str":"{}",)"
                   R"("indices":[3,{}]}}],"urls":[]}},)",
                   text.size() - 6, text.size(), src.handle, json_escape(src.name), src.id, src.id,
                   4 + src.handle.size());
    v1_replies_none(o);
    o += R"("user":)";
    v1_user(o, user);
    o += R"(,"retweeted_status":)";
    v1_head(o, s.object_id, snowflake_time(s.object_id), otext);
    fmt::format_to(std::back_inserter(o),
                   R"("entities":{{"hashtags":[{{"text":"synth","indices":[{},{}]}}],"symbols":[],)"
                   R"("user_mentions":[],"urls":[]}},)",
                   otext.size() - 6, otext.size());
    v1_replies_none(o);
    o += R"("user":)";
    v1_user(o, src);
    o += ',';
    v1_tail(o);
    o += ',';
  } else {
    const std::string link = tco(s.object_id);
    const std::string text = "Worth reading " + link;
    v1_head(o, s.content_id, s.timestamp, text);
    fmt::format_to(std::back_inserter(o),
                   R"("entities":{{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[{{)"
                   R"("url":"{}","expanded_url":"{}","display_url":"{}","indices":[14,{}]}}]}},)",
                   link, json_escape(s.object_id),
                   json_escape(s.object_id.substr(s.object_id.find("://") + 3, 24)), text.size());
    v1_replies_none(o);
    o += R"("user":)";
    v1_user(o, user);
    o += ',';
  }
  v1_tail(o);
  out.raw(o);
  out.end_row();
}

// ---------------------------------------------------------------------------------------------
// Synthetic activity (v1.1)

std::vector<Account> activity_accounts(const Activity& a) {
  std::vector<Account> out;
  out.reserve(a.accounts.size());
  for (const SynthAccount& s : a.accounts) {
    Account acc = retweeter(std::to_string(s.id));
    acc.handle = s.screen_name;
    acc.name = s.display_name;
    acc.created = s.created_at;
    acc.followers = s.followers;
    out.push_back(std::move(acc));
  }
  return out;
}

// What the platform shows: the written text with the links appended as t.co links.
std::string shown_text(const SynthTweet& t) {
  std::string full = t.text;
  for (const std::string& url : t.urls) {
    full += ' ';
    full += tco(url);
  }
  return full;
}

// "indices":[a,b] of needle in text (bytes), [0,0] when absent.
void v1_indices(std::string& o, std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  const std::size_t a = at == std::string_view::npos ? 0 : at;
  const std::size_t b = at == std::string_view::npos ? 0 : at + needle.size();
  fmt::format_to(std::back_inserter(o), R"("indices":[{},{}])", a, b);
}

void v1_entities(std::string& o, std::string_view text, const SynthTweet& t,
                 std::span<const std::uint32_t> mentions, const std::vector<Account>& accounts) {
  o += R"("entities":{"hashtags":[)";
  for (std::size_t i = 0; i < t.hashtags.size(); ++i) {
    fmt::format_to(std::back_inserter(o), R"({}{{"text":"{}",)", i ? "," : "",
                   json_escape(t.hashtags[i]));
    v1_indices(o, text, "#" + t.hashtags[i]);
    o += '}';
  }
  o += R"(],"symbols":[],"user_mentions":[)";
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Account& m = accounts[mentions[i]];
    fmt::format_to(std::back_inserter(o), R"({}{{"screen_name":"{}","name":"{}","id":{},"id_str":"{}",)",
                   i ? "," : "", m.handle, json_escape(m.name), m.id, m.id);
    v1_indices(o, text, "@" + m.handle);
    o += '}';
  }
  o += R"(],"urls":[)";
  for (std::size_t i = 0; i < t.urls.size(); ++i) {
    const std::string& url = t.urls[i];
    const std::string link = tco(url);
    fmt::format_to(std::back_inserter(o), R"({}{{"url":"{}","expanded_url":"{}","display_url":"{}",)",
                   i ? "," : "", link, json_escape(url),
                   json_escape(url.substr(url.find("://") + 3, 24)));
    v1_indices(o, text, link);
    o += '}';
  }
  o += "]},";
}

// Tweet i as a v1.1 object; embed: the retweeted or quoted original is embedded (one level).
void v1_activity_tweet(std::string& o, const Activity& a, const std::vector<Account>& accounts,
                       std::uint32_t i, bool embed) {
  const SynthTweet& t = a.tweets[i];
  const std::string id = std::to_string(t.id);
  if (t.kind == TweetKind::repost) {
    const SynthTweet& orig = a.tweets[t.ref];
    const std::string text =
        fmt::format("RT @{}: {}", accounts[orig.author].handle, shown_text(orig));
    std::vector<std::uint32_t> mentions = {orig.author};
    mentions.insert(mentions.end(), orig.mentions.begin(), orig.mentions.end());
    v1_head(o, id, t.time, text);
    v1_entities(o, text, orig, mentions, accounts);
  } else {
    const std::string text = shown_text(t);
    v1_head(o, id, t.time, text);
    v1_entities(o, text, t, t.mentions, accounts);
  }
  if (t.kind == TweetKind::reply)
    v1_replies_to(o, std::to_string(t.ref_id), accounts[t.ref_author]);
  else
    v1_replies_none(o);
  o += R"("user":)";
  v1_user(o, accounts[t.author]);
  o += ',';
  if (t.kind == TweetKind::quote)
    fmt::format_to(std::back_inserter(o), R"("quoted_status_id":{0},"quoted_status_id_str":"{0}",)",
                   t.ref_id);
  if (embed && (t.kind == TweetKind::repost || t.kind == TweetKind::quote)) {
    o += t.kind == TweetKind::repost ? R"("retweeted_status":)" : R"("quoted_status":)";
    v1_activity_tweet(o, a, accounts, t.ref, false);
    o += ',';
  }
  v1_tail(o, t.kind == TweetKind::quote, t.lang);
}

// ---------------------------------------------------------------------------------------------
// v2 (twarc2 pages)

void v2_user(std::string& o, const Account& a) {
  fmt::format_to(
      std::back_inserter(o),
      R"({{"id":"{}","username":"{}","name":"{}","created_at":"{}",)"
      R"("description":"Synthetic account","location":"","protected":false,)"
      R"("verified":false,"profile_image_url":"https://pbs.twimg.com/profile_images/0/default_normal.png",)"
      R"("url":"","public_metrics":{{"followers_count":{},"following_count":{},)"
      R"("tweet_count":{},"listed_count":0}}}})",
      a.id, a.handle, json_escape(a.name), iso_time(a.created), a.followers, a.following,
      a.statuses);
}

void v2_tweet(std::string& o, std::string_view id, std::string_view author, std::int64_t t,
              std::string_view text, std::string_view refs, std::string_view entities) {
  fmt::format_to(std::back_inserter(o),
                 R"({{"id":"{0}","text":"{1}","author_id":"{2}","created_at":"{3}",)"
                 R"("conversation_id":"{0}","lang":"en","source":"{4}","possibly_sensitive":false,)"
                 R"("reply_settings":"everyone","edit_history_tweet_ids":["{0}"],)"
                 R"("public_metrics":{{"retweet_count":0,"reply_count":0,"like_count":0,)"
                 R"("quote_count":0,"impression_count":0}}{5},"entities":{{{6}}}}})",
                 id, json_escape(text), author, iso_time(t), kSource, refs, entities);
}

void render_v2_page(CsvFile& out, std::span<const Share> page, std::string& o) {
  o.clear();
  std::string users, tweets;
  std::unordered_set<std::string> seen_users, seen_tweets;
  const auto add_user = [&](const Account& a) {
    if (!seen_users.insert(a.id).second) return;
    if (!users.empty()) users += ',';
    v2_user(users, a);
  };
  o += R"({"data":[)";
  for (std::size_t i = 0; i < page.size(); ++i) {
    const Share& s = page[i];
    if (i) o += ',';
    const Account user = retweeter(s.account_id);
    if (is_tweet_id(s.object_id)) {
      const Account src = original_author(s.object_id);
      const std::string otext = original_text(s.object_id);
      const std::string text = fmt::format("RT @{}: {}", src.handle, otext);
      v2_tweet(
          o, s.content_id, user.id, s.timestamp, text,
          fmt::format(R"(,"referenced_tweets":[{{"type":"retweeted","id":"{}"}}])", s.object_id),
          fmt::format(R"("mentions":[{{"start":3,"end":{},"username":"{}","id":"{}"}}],)"
                      R"("hashtags":[{{"start":{},"end":{},"tag":"synth"}}])",
                      4 + src.handle.size(), src.handle, src.id, text.size() - 6, text.size()));
      if (seen_tweets.insert(s.object_id).second) {
        if (!tweets.empty()) tweets += ',';
        v2_tweet(tweets, s.object_id, src.id, snowflake_time(s.object_id), otext, "",
                 fmt::format(R"("hashtags":[{{"start":{},"end":{},"tag":"synth"}}])",
                             otext.size() - 6, otext.size()));
      }
      add_user(user);
      add_user(src);
    } else {
      const std::string link = tco(s.object_id);
      const std::string text = "Worth reading " + link;
      v2_tweet(o, s.content_id, user.id, s.timestamp, text, "",
               fmt::format(R"("urls":[{{"start":14,"end":{},"url":"{}","expanded_url":"{}",)"
                           R"("display_url":"{}"}}])",
                           text.size(), link, json_escape(s.object_id),
                           json_escape(s.object_id.substr(s.object_id.find("://") + 3, 24))));
      add_user(user);
    }
  }
  fmt::format_to(std::back_inserter(o),
                 R"(],"includes":{{"users":[{}],"tweets":[{}]}},"meta":{{"newest_id":"{}",)"
                 R"("oldest_id":"{}","result_count":{}}},"__twarc":{{"url":)"
                 R"("https://api.twitter.com/2/tweets/search/all?query=synth&max_results=100",)"
                 R"("version":"2.14.0","retrieved_at":"{}"}}}})",
                 users, tweets, page.back().content_id, page.front().content_id, page.size(),
                 iso_time(page.back().timestamp + 3600).substr(0, 19) + "+00:00");
  out.raw(o);
  out.end_row();
}

// ---------------------------------------------------------------------------------------------
// IO archive (FORMATS.md 1c, 2019+ releases)

constexpr std::string_view kIoHeader =
    "tweetid,userid,user_display_name,user_screen_name,user_reported_location,"
    "user_profile_description,user_profile_url,follower_count,following_count,"
    "account_creation_date,account_language,tweet_language,tweet_text,tweet_time,"
    "tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,"
    "retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,"
    "retweet_count,hashtags,urls,user_mentions,poll_choices\n";

void render_io(CsvFile& out, const Share& s) {
  const Account user = retweeter(s.account_id);
  const Civil created = civil(user.created);
  const Civil t = civil(s.timestamp);
  const bool retweet = is_tweet_id(s.object_id);
  const Account src = retweet ? original_author(s.object_id) : Account{};
  const std::string text = retweet
                               ? fmt::format("RT @{}: {}", src.handle, original_text(s.object_id))
                               : "Worth reading " + tco(s.object_id);
  const std::string fields[] = {
      s.content_id,
      user.id,
      user.name,
      user.handle,
      "",
      "Synthetic account",
      "",
      std::to_string(user.followers),
      std::to_string(user.following),
      fmt::format("{}-{:02}-{:02}", created.year, created.month, created.day),
      "en",
      "en",
      text,
      fmt::format("{}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute),
      std::string(kSource),
      "",
      "",
      "",
      retweet ? "True" : "False",
      retweet ? src.id : "",
      retweet ? s.object_id : "",
      "absent",
      "absent",
      "0",
      "0",
      "0",
      "0",
      retweet ? "['synth']" : "[]",
      retweet ? "[]" : "['" + s.object_id + "']",
      retweet ? "['" + src.id + "']" : "[]",
      ""};
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    if (i) out.raw(",");
    out.field(fields[i]);
  }
  out.end_row();
}

}  // namespace

Rendering parse_rendering(std::string_view name) {
  if (name == "shares") return Rendering::shares;
  if (name == "twitter-v1") return Rendering::twitter_v1;
  if (name == "twitter-v2") return Rendering::twitter_v2;
  if (name == "io-archive") return Rendering::io_archive;
  throw ConfigError(fmt::format(
      "unknown rendering '{}' (known: shares, twitter-v1, twitter-v2, io-archive)", name));
}

void write_rendering(const std::string& path, const std::vector<Share>& shares, Rendering r) {
  if (r == Rendering::shares) {
    write_shares_csv(path, shares);
    return;
  }
  CsvFile out(path);
  std::string line;
  switch (r) {
    case Rendering::twitter_v1:
      for (const Share& s : shares) render_v1(out, s, line);
      break;
    case Rendering::twitter_v2:
      for (std::size_t i = 0; i < shares.size(); i += kPageTweets)
        render_v2_page(out, std::span(shares).subspan(i, std::min(kPageTweets, shares.size() - i)),
                       line);
      break;
    case Rendering::io_archive:
      out.raw(kIoHeader);
      for (const Share& s : shares) render_io(out, s);
      break;
    case Rendering::shares:
      break;
  }
  out.commit();
}

void render_twitter_v1(const Activity& activity, const std::string& path) {
  const std::vector<Account> accounts = activity_accounts(activity);
  CsvFile out(path);
  std::string line;
  for (std::uint32_t i = 0; i < activity.tweets.size(); ++i) {
    line.clear();
    v1_activity_tweet(line, activity, accounts, i, true);
    out.raw(line);
    out.end_row();
  }
  out.commit();
}

}  // namespace lockstep::datasets
