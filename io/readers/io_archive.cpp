// SPDX-License-Identifier: Apache-2.0
#include "io/readers/io_archive.hpp"

#include <charconv>
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/readers/chunked_reader.hpp"
#include "io/readers/fields.hpp"

namespace lockstep::io {
namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

// Columns the reader uses; each has the release name first, then aliases seen in tools.
enum Col : std::size_t {
  kTweetId,
  kUserId,
  kDisplayName,
  kScreenName,
  kFollowers,
  kCreated,
  kText,
  kTime,
  kReplyUser,
  kReplyTweet,
  kQuoted,
  kIsRetweet,
  kRetweetUser,
  kRetweetTweet,
  kHashtags,
  kUrls,
  kMentions,
  kNumCols
};
constexpr std::array<std::array<std::string_view, 3>, kNumCols> kNames = {{
    {"tweetid", "tweet_id", ""},
    {"userid", "user_id", ""},
    {"user_display_name", "display_name", ""},
    {"user_screen_name", "screen_name", ""},
    {"follower_count", "user_follower_count", "followers_count"},
    {"account_creation_date", "user_account_creation_date", ""},
    {"tweet_text", "text", ""},
    {"tweet_time", "created_at", ""},
    {"in_reply_to_userid", "in_reply_to_user_id", ""},
    {"in_reply_to_tweetid", "in_reply_to_tweet_id", ""},
    {"quoted_tweet_tweetid", "quoted_tweet_id", ""},
    {"is_retweet", "retweet", ""},
    {"retweet_userid", "retweet_user_id", ""},
    {"retweet_tweetid", "retweet_tweet_id", ""},
    {"hashtags", "", ""},
    {"urls", "", ""},
    {"user_mentions", "mentions", ""},
}};

struct Layout {
  std::array<std::size_t, kNumCols> index{};
  std::size_t n_fields = 0;
};

Layout map_columns(const std::string& path, const CsvHeader& h,
                   std::initializer_list<Col> required) {
  Layout l;
  l.index.fill(kAbsent);
  l.n_fields = h.names.size();
  for (std::size_t c = 0; c < kNumCols; ++c) {
    for (const std::string_view name : kNames[c]) {  // first name present wins
      if (name.empty() || l.index[c] != kAbsent) continue;
      for (std::size_t i = 0; i < h.names.size(); ++i)
        if (h.names[i] == name) l.index[c] = i;
    }
  }
  for (const Col c : required)
    if (l.index[c] == kAbsent)
      throw InputError(path + ":" + std::to_string(h.lines) + ": missing column " +
                       std::string(kNames[c][0]));
  return l;
}

std::string_view field(const CsvRecord& rec, const Layout& l, Col c) {
  return l.index[c] == kAbsent ? std::string_view{} : trim_ascii(rec.fields[l.index[c]]);
}

// Optional numeric/date attributes: "" (or "absent") is unknown (-1); anything else must parse.
bool optional_int(std::string_view v, std::int64_t& out) {
  out = -1;
  if (v.empty() || v == "absent") return true;
  const auto x = parse_int_floor(v);
  if (!x || *x < 0) return false;
  out = *x;
  return true;
}
bool optional_date(std::string_view v, std::int64_t& out) {
  out = -1;
  if (v.empty()) return true;
  const auto x = parse_iso8601_utc(v);
  if (!x) return false;
  out = *x;
  return true;
}

// Numeric account attributes shared by the tweet and user files; the reason when malformed.
std::optional<std::string> parse_attributes(const CsvRecord& rec, const Layout& l,
                                            std::int64_t& followers, std::int64_t& created) {
  if (!optional_int(field(rec, l, kFollowers), followers))
    return "bad follower_count " + quote_value(field(rec, l, kFollowers));
  if (!optional_date(field(rec, l, kCreated), created))
    return "bad account_creation_date " + quote_value(field(rec, l, kCreated));
  return std::nullopt;
}

void add_account_row(const CsvRecord& rec, const Layout& l, std::string_view user,
                     std::int64_t followers, std::int64_t created, PostBatch& b) {
  b.add_account(Platform::twitter, user, field(rec, l, kScreenName), field(rec, l, kDisplayName),
                created, followers);
}

std::optional<bool> parse_bool(std::string_view v) {
  if (v == "true" || v == "True" || v == "TRUE" || v == "1" || v == "1.0") return true;
  if (v == "false" || v == "False" || v == "FALSE" || v == "0" || v == "0.0" || v.empty())
    return false;
  return std::nullopt;
}

// Creation second of a Twitter snowflake id: (id >> 22) + 1288834974657 ms.
std::optional<std::int64_t> snowflake_seconds(std::string_view id) {
  std::uint64_t x = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), x);
  if (ec != std::errc() || end != id.data() + id.size()) return std::nullopt;
  return static_cast<std::int64_t>(((x >> 22) + 1288834974657ULL) / 1000);
}

// One tweet row; returns the reason when it is rejected.
std::optional<std::string> parse_tweet(const CsvRecord& rec, const Layout& l, bool repost_entities,
                                       PostBatch& b, std::vector<std::string_view>& items) {
  const auto id = field(rec, l, kTweetId);
  const auto user = field(rec, l, kUserId);
  if (id.empty()) return "empty tweetid";
  if (user.empty()) return "empty userid";
  auto time = parse_iso8601_utc(field(rec, l, kTime));
  if (!time) return "bad tweet_time " + quote_value(field(rec, l, kTime));
  // tweet_time has minute resolution; a snowflake tweetid carries the second. Use it when it
  // falls within that minute (hashed or pre-2010 ids never do).
  if (const auto precise = snowflake_seconds(id); precise && *precise >= *time && *precise < *time + 60)
    time = precise;
  const auto is_rt = parse_bool(field(rec, l, kIsRetweet));
  if (!is_rt) return "bad is_retweet " + quote_value(field(rec, l, kIsRetweet));
  const auto rt_id = field(rec, l, kRetweetTweet);
  if (*is_rt && rt_id.empty()) return "is_retweet is true but retweet_tweetid is empty";
  const auto quoted = field(rec, l, kQuoted);
  const auto reply_to = field(rec, l, kReplyTweet);
  // Validate the attributes before the post is added, so a rejected row leaves nothing behind.
  std::int64_t followers = -1, created = -1;
  if (auto bad = parse_attributes(rec, l, followers, created)) return bad;

  // Kind precedence as in every reader: repost, then reply, then quote (a reply that quotes
  // is a reply with both references).
  const PostKind kind = *is_rt              ? PostKind::repost
                        : !reply_to.empty() ? PostKind::reply
                        : !quoted.empty()   ? PostKind::quote
                                            : PostKind::post;
  b.add_post(Platform::twitter, id, user, *time, kind, rec.line, field(rec, l, kText));
  add_account_row(rec, l, user, followers, created, b);
  if (*is_rt) {
    b.add_ref(RefKind::reposts, rt_id);
    b.add_post_fact(rt_id, field(rec, l, kRetweetUser), -1);
    if (!repost_entities) return std::nullopt;
  }
  b.add_ref(RefKind::quotes, quoted);
  b.add_ref(RefKind::replies_to, reply_to);
  if (!reply_to.empty()) b.add_post_fact(reply_to, field(rec, l, kReplyUser), -1);
  items.clear();
  parse_list_column(field(rec, l, kHashtags), items);
  for (const auto tag : items) b.add_ref(RefKind::tags, casefold_hashtag(tag));
  items.clear();
  parse_list_column(field(rec, l, kUrls), items);
  for (const auto url : items) add_link(b, url);
  items.clear();
  parse_list_column(field(rec, l, kMentions), items);
  for (const auto user_id : items) b.add_ref(RefKind::mentions, user_id);
  return std::nullopt;
}

template <class RowFn>
void read_csv_files(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table,
                    const char* format, std::initializer_list<Col> required, RowFn row) {
  BatchMerger merger(table);
  const std::size_t max_record = ctx.tuning.max_record_bytes;
  for (const std::string& path : paths) {
    Layout layout;
    auto preamble = [&](std::string_view text) -> std::pair<std::size_t, std::uint64_t> {
      const CsvHeader h = parse_csv_header(path, text, max_record);
      layout = map_columns(path, h, required);
      return {h.bytes, h.lines};
    };
    auto parse = [&](std::string_view text, PostBatch& b) {
      std::vector<std::string_view> items;
      for_each_csv_row(text, layout.n_fields, max_record, b, [&](const CsvRecord& rec) {
        if (auto bad = row(rec, layout, b, items)) b.reject(rec.line, rec.raw, std::move(*bad));
      });
    };
    read_chunked(path, format, ctx, merger, &split_csv_chunks, parse, table, preamble);
  }
}

}  // namespace

void read_io_archive(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  const bool entities = ctx.opts.repost_entities;
  read_csv_files(paths, ctx, table, kIoArchiveFormat, {kTweetId, kUserId, kTime},
                 [entities](const CsvRecord& rec, const Layout& l, PostBatch& b,
                            std::vector<std::string_view>& items) {
                   return parse_tweet(rec, l, entities, b, items);
                 });
}

void read_io_archive_users(std::span<const std::string> paths, ReaderContext& ctx,
                           ActivityTable& table) {
  read_csv_files(paths, ctx, table, kIoArchiveUsersFormat, {kUserId},
                 [](const CsvRecord& rec, const Layout& l, PostBatch& b,
                    std::vector<std::string_view>&) -> std::optional<std::string> {
                   const auto user = field(rec, l, kUserId);
                   if (user.empty()) return "empty userid";
                   std::int64_t followers = -1, created = -1;
                   if (auto bad = parse_attributes(rec, l, followers, created)) return bad;
                   add_account_row(rec, l, user, followers, created, b);
                   ++b.n_attribute_records;
                   return std::nullopt;
                 });
}

}  // namespace lockstep::io
