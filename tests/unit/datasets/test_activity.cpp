// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "algorithms/base/error.hpp"
#include "datasets/activity.hpp"
#include "datasets/render.hpp"
#include "io/readers/read_activity.hpp"
#include "support/activity_counts.hpp"
#include "support/temp_dir.hpp"

namespace ds = lockstep::datasets;
namespace io = lockstep::io;
using ds::CampaignStyle;
using ds::SynthTweet;
using ds::TweetKind;
using lockstep::ActivityTable;
using lockstep::PostKind;
using lockstep::RefKind;
using lockstep::test::TempDir;

namespace {

ds::ActivityConfig small_config(std::uint64_t seed = 7) {
  ds::ActivityConfig cfg;
  cfg.seed = seed;
  cfg.num_tweets = 40000;
  return cfg;
}

const ds::Activity& small_activity() {
  static const ds::Activity a = ds::generate_activity(small_config());
  return a;
}

std::string strip_query(const std::string& url) { return url.substr(0, url.find('?')); }

// Word-bigram shingles (character trigrams for Japanese), ignoring @mentions and links: what
// a near-duplicate detector sees of a copypasta text.
std::set<std::string> shingles(const std::string& text, bool japanese) {
  std::set<std::string> out;
  if (japanese) {
    // Japanese words are 3-byte UTF-8 code points here; trigrams of code points.
    const std::string body = text.substr(0, text.find(' '));
    for (std::size_t i = 0; i + 9 <= body.size(); i += 3) out.insert(body.substr(i, 9));
    return out;
  }
  std::vector<std::string> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ' ') continue;
    std::string w = text.substr(start, i - start);
    start = i + 1;
    if (w.empty() || w[0] == '@' || w.starts_with("https://")) continue;
    while (!w.empty() && (w.back() == '.' || w.back() == '!')) w.pop_back();
    words.push_back(w);
  }
  for (std::size_t i = 0; i + 1 < words.size(); ++i) out.insert(words[i] + " " + words[i + 1]);
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t both = 0;
  for (const auto& s : a) both += b.count(s);
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

}  // namespace

TEST_CASE("activity: same seed gives the same bytes, another seed other bytes",
          "[datasets][activity]") {
  TempDir dir;
  const auto path = [&](const char* name) { return (dir.path() / name).string(); };
  ds::render_twitter_v1(ds::generate_activity(small_config(3)), path("a.jsonl"));
  ds::render_twitter_v1(ds::generate_activity(small_config(3)), path("b.jsonl"));
  ds::render_twitter_v1(ds::generate_activity(small_config(4)), path("c.jsonl"));
  const auto a = lockstep::test::slurp(path("a.jsonl"));
  CHECK(a.size() > 1000000);
  CHECK(a == lockstep::test::slurp(path("b.jsonl")));
  CHECK(a != lockstep::test::slurp(path("c.jsonl")));
}

TEST_CASE("activity: sizes, order, ids and references", "[datasets][activity]") {
  const ds::Activity& a = small_activity();
  CHECK(a.tweets.size() > 36000);
  CHECK(a.tweets.size() < 44000);
  CHECK(a.groups.size() == 15);
  for (std::size_t i = 0; i < a.tweets.size(); ++i) {
    const SynthTweet& t = a.tweets[i];
    if (i > 0) {
      REQUIRE(a.tweets[i - 1].time <= t.time);
      REQUIRE(a.tweets[i - 1].id < t.id);
    }
    REQUIRE(static_cast<std::int64_t>((t.id >> 22) + 1288834974657ULL) == t.time * 1000);
    REQUIRE((t.kind == TweetKind::post) == (t.ref == SynthTweet::kNoRef));
    if (t.ref != SynthTweet::kNoRef) {
      REQUIRE(t.ref < i);
      const SynthTweet& o = a.tweets[t.ref];
      REQUIRE(o.kind == TweetKind::post);
      REQUIRE((t.ref_id == o.id && t.ref_author == o.author && t.ref_time == o.time));
      REQUIRE(t.time > o.time);
    }
  }
  // Every account appears in the truth; truth sorted by account_id.
  REQUIRE(a.truth.size() == a.accounts.size());
  CHECK(std::is_sorted(a.truth.begin(), a.truth.end(),
                       [](const auto& x, const auto& y) { return x.account_id < y.account_id; }));
}

TEST_CASE("activity: each planted group co-acts in its style", "[datasets][activity]") {
  const ds::Activity& a = small_activity();
  std::set<std::string> languages;
  std::set<bool> together;
  for (std::uint32_t g = 0; g < a.groups.size(); ++g) {
    const ds::PlantedGroup& group = a.groups[g];
    INFO(group.name);
    CHECK(group.members.size() >= 8);
    CHECK(group.members.size() <= 20);
    CHECK(group.pushes >= 15);
    CHECK(group.pushes <= 40);
    together.insert(group.created_together);
    std::vector<std::vector<const SynthTweet*>> pushes(group.pushes);
    for (const SynthTweet& t : a.tweets)
      if (t.group == g) pushes.at(t.push).push_back(&t);
    // Brute force: every pair of members co-acts in at least a third of the pushes.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> co;
    for (const auto& p : pushes) {
      REQUIRE(p.size() >= 2);
      std::int64_t lo = p.front()->time, hi = lo;
      for (const SynthTweet* t : p) {
        lo = std::min(lo, t->time);
        hi = std::max(hi, t->time);
        REQUIRE(std::count(group.members.begin(), group.members.end(), t->author) == 1);
      }
      for (const SynthTweet* x : p)
        for (const SynthTweet* y : p)
          if (x->author < y->author) ++co[{x->author, y->author}];
      const SynthTweet& first = *p.front();
      switch (group.style) {
        case CampaignStyle::fast_ring:
        case CampaignStyle::slow_group:
          for (const SynthTweet* t : p) {
            REQUIRE(t->kind == TweetKind::repost);
            REQUIRE(t->ref_id == first.ref_id);
          }
          if (group.style == CampaignStyle::fast_ring) {
            CHECK(hi - lo <= 9);
          } else {
            CHECK(hi - lo >= 10);
            CHECK(hi - lo <= 50);
          }
          break;
        case CampaignStyle::link_pusher: {
          std::set<std::string> variants;
          for (const SynthTweet* t : p) {
            REQUIRE(t->kind == TweetKind::post);
            REQUIRE(t->urls.size() == 1);
            REQUIRE(strip_query(t->urls[0]) == strip_query(first.urls[0]));
            variants.insert(t->urls[0]);
          }
          CHECK(hi - lo <= 59);
          if (p.size() >= 5) CHECK(variants.size() > 1);  // utm_* parameters vary
          break;
        }
        case CampaignStyle::copypasta: {
          languages.insert(first.lang);
          std::set<std::string> texts;
          for (const SynthTweet* x : p) {
            texts.insert(x->text);
            for (const SynthTweet* y : p) {
              REQUIRE(x->lang == first.lang);
              if (x < y)
                CHECK(jaccard(shingles(x->text, x->lang == "ja"),
                              shingles(y->text, y->lang == "ja")) >= 0.6);
            }
          }
          CHECK(hi - lo <= 300);
          if (p.size() >= 5) CHECK(texts.size() > 1);  // near, not exact, duplicates
          break;
        }
        case CampaignStyle::hashtag_sequence: {
          std::set<std::vector<std::string>> orders;
          auto tags = first.hashtags;
          std::sort(tags.begin(), tags.end());
          CHECK(tags.size() >= 3);
          CHECK(tags.size() <= 4);
          for (const SynthTweet* t : p) {
            auto mine = t->hashtags;
            orders.insert(mine);
            std::sort(mine.begin(), mine.end());
            REQUIRE(mine == tags);
          }
          CHECK(hi - lo <= 300);
          if (p.size() >= 8) CHECK(orders.size() > 1);  // shuffled
          break;
        }
        case CampaignStyle::reply_brigade:
          for (const SynthTweet* t : p) {
            REQUIRE(t->kind == TweetKind::reply);
            REQUIRE(t->ref_id == first.ref_id);
          }
          CHECK(hi - lo <= 240);
          break;
      }
    }
    for (std::size_t i = 0; i < group.members.size(); ++i)
      for (std::size_t j = 0; j < group.members.size(); ++j) {
        const auto x = group.members[i], y = group.members[j];
        if (x < y) CHECK(3 * co[{x, y}] >= group.pushes);
      }
  }
  CHECK(languages == std::set<std::string>{"ar", "en", "es", "ja"});
  CHECK(together == std::set<bool>{false, true});  // some groups created together, not all
}

TEST_CASE("activity: planted members keep 30-70 % organic cover; created together or not",
          "[datasets][activity]") {
  const ds::Activity& a = small_activity();
  std::vector<std::uint32_t> campaign(a.accounts.size(), 0), all(a.accounts.size(), 0);
  for (const SynthTweet& t : a.tweets) {
    ++all[t.author];
    if (t.group != SynthTweet::kNoGroup) ++campaign[t.author];
  }
  for (const ds::PlantedGroup& g : a.groups) {
    std::int64_t lo = a.accounts[g.members[0]].created_at, hi = lo;
    for (const std::uint32_t m : g.members) {
      const double cover = 1.0 - static_cast<double>(campaign[m]) / static_cast<double>(all[m]);
      INFO(g.name << " member " << m << " cover " << cover);
      CHECK(campaign[m] > 0);
      CHECK(cover >= 0.3);
      CHECK(cover <= 0.7);
      lo = std::min(lo, a.accounts[m].created_at);
      hi = std::max(hi, a.accounts[m].created_at);
    }
    if (g.created_together)
      CHECK(hi - lo < 7 * 86400);
    else
      CHECK(hi - lo > 7 * 86400);
  }
}

TEST_CASE("activity: decoys are present and labelled organic", "[datasets][activity]") {
  const ds::Activity& a = small_activity();
  std::map<std::string, std::size_t> styles;
  for (const auto& r : a.truth) {
    ++styles[r.style];
    if (r.style == "viral-crowd" || r.style == "celebrity-fans" || r.style == "news-bot")
      CHECK(r.group == "organic");
  }
  CHECK(styles["news-bot"] == 4);
  CHECK(styles["viral-crowd"] >= 500);
  CHECK(styles["celebrity-fans"] >= 250);
  // Viral bursts: posts retweeted by >= 100 accounts within 5 minutes.
  std::map<std::uint32_t, std::pair<std::uint32_t, std::int64_t>> burst;  // ref -> (n, last dt)
  for (const SynthTweet& t : a.tweets)
    if (t.kind == TweetKind::repost && t.time - t.ref_time <= 300) ++burst[t.ref].first;
  std::size_t viral = 0;
  for (const auto& [ref, n] : burst) viral += n.first >= 100;
  CHECK(viral >= 10);
  // News bots: the same feed URLs (query aside) from several bots within 90 s.
  std::map<std::string, std::set<std::uint32_t>> feed;
  for (const SynthTweet& t : a.tweets)
    if (!t.urls.empty() && t.urls[0].find("dailywire-feed.example") != std::string::npos)
      feed[strip_query(t.urls[0])].insert(t.author);
  CHECK(feed.size() >= 250);
  std::size_t shared = 0;
  for (const auto& [url, bots] : feed) shared += bots.size() >= 3;
  CHECK(shared * 10 >= feed.size() * 8);
}

TEST_CASE("activity: the v1.1 rendering reads back with the counts the generator made",
          "[datasets][activity][render]") {
  const ds::Activity& a = small_activity();
  TempDir dir;
  const auto path = (dir.path() / "a.jsonl").string();
  ds::render_twitter_v1(a, path);
  io::ReadOptions opts;
  opts.format = "twitter-v1";
  opts.rejects.strict = true;
  const ActivityTable t = io::read_activity(std::vector<std::string>{path}, opts);
  std::map<TweetKind, std::size_t> kinds;
  std::size_t tags = 0, urls = 0, mentions = 0;
  for (const SynthTweet& tw : a.tweets) {
    ++kinds[tw.kind];
    tags += tw.hashtags.size();
    urls += tw.urls.size();
    mentions += tw.mentions.size();
  }
  using lockstep::test::count_posts;
  using lockstep::test::count_refs;
  REQUIRE(t.num_posts() == a.tweets.size());
  CHECK(count_posts(t, PostKind::post) == kinds[TweetKind::post]);
  CHECK(count_posts(t, PostKind::repost) == kinds[TweetKind::repost]);
  CHECK(count_posts(t, PostKind::reply) == kinds[TweetKind::reply]);
  CHECK(count_posts(t, PostKind::quote) == kinds[TweetKind::quote]);
  CHECK(count_refs(t, RefKind::reposts) == kinds[TweetKind::repost]);
  CHECK(count_refs(t, RefKind::replies_to) == kinds[TweetKind::reply]);
  CHECK(count_refs(t, RefKind::quotes) == kinds[TweetKind::quote]);
  CHECK(count_refs(t, RefKind::tags) == tags);
  CHECK(count_refs(t, RefKind::links) == urls);
  CHECK(count_refs(t, RefKind::mentions) == mentions);
  CHECK(kinds[TweetKind::quote] > 0);
  CHECK(kinds[TweetKind::reply] > 0);
  // Account attributes survive.
  REQUIRE(t.num_accounts() == a.accounts.size());
  for (std::size_t i = 0; i < a.accounts.size(); i += 97) {
    const auto& acc = a.accounts[i];
    const auto id = lockstep::test::account_id(t, std::to_string(acc.id));
    REQUIRE(id != lockstep::StringPool::kMissing);
    CHECK(t.accounts.handle[id] == acc.screen_name);
    CHECK(t.accounts.created[id] == acc.created_at);
    CHECK(t.accounts.followers[id] == acc.followers);
  }
}

TEST_CASE("activity: impossible configs are ConfigErrors", "[datasets][activity]") {
  auto cfg = small_config();
  cfg.min_group_size = 2;
  CHECK_THROWS_AS(ds::generate_activity(cfg), lockstep::ConfigError);
  cfg = small_config();
  cfg.min_cover = 0.8;
  CHECK_THROWS_AS(ds::generate_activity(cfg), lockstep::ConfigError);
  cfg = small_config();
  cfg.num_accounts = 100;
  CHECK_THROWS_AS(ds::generate_activity(cfg), lockstep::ConfigError);
}
