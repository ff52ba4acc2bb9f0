// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "algorithms/parallel/random.hpp"
#include "analysis/interaction_graph.hpp"
#include "analysis/signals.hpp"
#include "io/url.hpp"

using namespace lockstep;
using analysis::Signal;

namespace {

/// Builds an ActivityTable post by post.
struct Builder {
  ActivityTable t;
  std::uint32_t post(const std::string& account, const std::string& id, std::int64_t time,
                     PostKind kind = PostKind::post, const std::string& text = "") {
    const auto row = static_cast<std::uint32_t>(t.num_posts());
    t.post_account.push_back(t.pool(ObjectKind::account).intern(account));
    t.post_id.push_back(t.pool(ObjectKind::post).intern(id));
    t.post_time.push_back(time);
    t.post_kind.push_back(kind);
    t.post_text.push_back(text);
    return row;
  }
  void ref(RefKind kind, const std::string& object) {
    t.ref_post.push_back(static_cast<std::uint32_t>(t.num_posts() - 1));
    t.ref_kind.push_back(kind);
    t.ref_object.push_back(t.pool(object_kind_of(kind)).intern(object));
  }
  /// An original post by author at time (so reposts know its author and time).
  void original(const std::string& author, const std::string& id, std::int64_t time) {
    post(author, id, time);
  }
  ActivityTable& done() {
    t.resize_accounts();
    t.resize_posts();
    for (std::size_t p = 0; p < t.num_posts(); ++p) {
      t.known_post_author[t.post_id[p]] = t.post_account[p];
      t.known_post_time[t.post_id[p]] = t.post_time[p];
    }
    return t;
  }
};

/// Account-name pairs of a signal's edges with their weights.
std::map<std::pair<std::string, std::string>, std::uint32_t> pairs(
    Signal s, const ActivityTable& t, analysis::SignalsConfig cfg = {}, std::int64_t window = 60,
    std::uint32_t k = 1) {
  const auto a = analysis::signal_actions(s, t, cfg);
  const auto e = algo::project_co_actions(a.view(), {window, k, 0});
  std::map<std::pair<std::string, std::string>, std::uint32_t> out;
  const auto& acc = t.pool(ObjectKind::account);
  for (std::size_t i = 0; i < e.size(); ++i)
    out[{std::string(acc.view(e.u[i])), std::string(acc.view(e.v[i]))}] = e.weight[i];
  return out;
}

}  // namespace

TEST_CASE("co-repost: window boundary inclusive, self pairs never", "[analysis][signals]") {
  Builder b;
  b.original("src", "p0", 0);
  b.post("a", "r1", 100, PostKind::repost);
  b.ref(RefKind::reposts, "p0");
  b.post("b", "r2", 160, PostKind::repost);  // 60 s after a: pairs
  b.ref(RefKind::reposts, "p0");
  b.post("c", "r3", 231, PostKind::repost);  // 71 s after b, 61 s after a's second: no pair
  b.ref(RefKind::reposts, "p0");
  b.post("a", "r4", 170, PostKind::repost);  // a again: pairs with b (10 s), never with a
  b.ref(RefKind::reposts, "p0");
  const auto& t = b.done();
  const auto p = pairs(Signal::co_repost, t);
  REQUIRE(p.size() == 1);
  CHECK(p.at({"a", "b"}) == 2);
  // The interaction graph sees each repost of src's post.
  const auto g = analysis::build_interactions(t);
  const auto& acc = t.pool(ObjectKind::account);
  CHECK(g.count(acc.find("a"), acc.find("src")) == 2);
  CHECK(g.count(acc.find("src"), acc.find("a")) == 0);
}

TEST_CASE("a post that is both a reply and a quote counts for co-reply and co-quote",
          "[analysis][signals]") {
  Builder b;
  b.original("x", "target", 0);
  b.original("y", "quoted", 0);
  b.post("a", "p1", 100, PostKind::reply);
  b.ref(RefKind::replies_to, "target");
  b.ref(RefKind::quotes, "quoted");
  b.post("b", "p2", 110, PostKind::reply);
  b.ref(RefKind::replies_to, "target");
  b.post("c", "p3", 120, PostKind::quote);
  b.ref(RefKind::quotes, "quoted");
  const auto& t = b.done();
  CHECK(pairs(Signal::co_reply, t) == decltype(pairs(Signal::co_reply, t)){{{"a", "b"}, 1}});
  CHECK(pairs(Signal::co_quote, t) == decltype(pairs(Signal::co_quote, t)){{{"a", "c"}, 1}});
  const auto g = analysis::build_interactions(t);
  const auto& acc = t.pool(ObjectKind::account);
  CHECK(g.count(acc.find("a"), acc.find("x")) == 1);
  CHECK(g.count(acc.find("a"), acc.find("y")) == 1);
}

TEST_CASE("co-link joins URLs that differ only by tracking parameters; co-domain skips "
          "ubiquitous domains", "[analysis][signals]") {
  Builder b;
  const auto link = [&](const std::string& account, const std::string& id, std::int64_t time,
                        const std::string& url) {
    b.post(account, id, time);
    const auto n = io::normalize_url(url);
    b.ref(RefKind::links, n.url);
    b.ref(RefKind::links_domain, n.domain);
  };
  link("a", "1", 0, "https://www.news.example/story/7?utm_source=tw&fbclid=abc");
  link("b", "2", 5, "https://news.example/story/7/#comments");
  link("c", "3", 10, "https://news.example/story/8");
  link("d", "4", 0, "https://youtube.com/watch?v=1");
  link("e", "5", 1, "https://youtube.com/watch?v=2");
  const auto& t = b.done();
  CHECK(pairs(Signal::co_link, t) == decltype(pairs(Signal::co_link, t)){{{"a", "b"}, 1}});
  const auto domains = pairs(Signal::co_domain, t);
  CHECK(domains.size() == 3);  // a, b, c on news.example; youtube.com left out
  CHECK(domains.count({"d", "e"}) == 0);
}

TEST_CASE("hashtag-sequence needs the same set of at least N tags", "[analysis][signals]") {
  Builder b;
  const auto tags = [&](const std::string& account, const std::string& id, std::int64_t time,
                        std::initializer_list<const char*> list) {
    b.post(account, id, time);
    for (const auto* h : list) b.ref(RefKind::tags, h);
  };
  tags("a", "1", 0, {"vote", "fraud", "now"});
  tags("b", "2", 5, {"now", "vote", "fraud"});  // same set, other order
  tags("c", "3", 6, {"vote", "fraud"});         // fewer than 3
  tags("d", "4", 7, {"vote", "fraud", "later"});
  const auto& t = b.done();
  CHECK(pairs(Signal::hashtag_sequence, t) ==
        decltype(pairs(Signal::hashtag_sequence, t)){{{"a", "b"}, 1}});
  CHECK(pairs(Signal::co_hashtag, t).size() == 6);  // every pair shares #vote and #fraud
}

TEST_CASE("fast-repost ties accounts that repost the same author within seconds",
          "[analysis][signals]") {
  Builder b;
  b.original("source", "s1", 1000);
  b.original("source", "s2", 50000);
  b.post("a", "r1", 1010, PostKind::repost);  // 10 s after s1
  b.ref(RefKind::reposts, "s1");
  b.post("b", "r2", 50020, PostKind::repost);  // 20 s after s2: another post, same author
  b.ref(RefKind::reposts, "s2");
  b.post("c", "r3", 1900, PostKind::repost);  // 900 s after s1: not fast
  b.ref(RefKind::reposts, "s1");
  const auto& t = b.done();
  analysis::SignalsConfig cfg;
  CHECK(pairs(Signal::fast_repost, t, cfg, 86400) ==
        decltype(pairs(Signal::fast_repost, t)){{{"a", "b"}, 1}});
  CHECK(pairs(Signal::co_repost, t, cfg, 86400).size() == 1);  // only a-c reposted the same post
}

TEST_CASE("co-text finds copypasta in Spanish, Arabic and Japanese, not unrelated texts",
          "[analysis][signals]") {
  Builder b;
  b.post("es1", "1", 0, PostKind::post, "La elección fue robada, todos a la plaza mañana a las 10 para defender la patria");
  b.post("es2", "2", 30, PostKind::post, "@x la eleccion fue robada todos a la plaza mañana a las 11 para defender la patria");
  b.post("ar1", "3", 0, PostKind::post, "الانتخابات مزورة والشعب يطالب بالحقيقة الآن في كل المدن والقرى");
  b.post("ar2", "4", 40, PostKind::post, "الانتخابَات مُزوّرة والشعب يطالب بالحقيقة الآن في كل المدن والقرى اليوم");
  b.post("ja1", "5", 0, PostKind::post, "選挙は不正だった。真実を求めて明日の十時に広場へ集まろう。");
  b.post("ja2", "6", 50, PostKind::post, "選挙は不正だった。真実を求めて明日の九時に広場へ集まろう。");
  b.post("x1", "7", 0, PostKind::post, "Hoy hace buen tiempo para pasear por el parque con los niños");
  b.post("x2", "8", 10, PostKind::post, "今日はとても良い天気なので公園で散歩しました。楽しかった");
  b.post("rt", "9", 5, PostKind::repost, "RT @es1: La elección fue robada, todos a la plaza mañana a las 10 para defender la patria");
  const auto& t = b.done();
  const auto p = pairs(Signal::co_text, t, {}, 300);
  CHECK(p == decltype(p){{{"ar1", "ar2"}, 1}, {{"es1", "es2"}, 1}, {{"ja1", "ja2"}, 1}});
}

TEST_CASE("IDF weighting lowers the weight of popular objects", "[analysis][signals]") {
  Builder b;
  for (int i = 0; i < 20; ++i) {  // 20 accounts share "popular"; a and b also share "rare"
    b.post("u" + std::to_string(i), "p" + std::to_string(i), i);
    b.ref(RefKind::shares, "popular");
  }
  b.post("u0", "q0", 100);
  b.ref(RefKind::shares, "rare");
  b.post("u1", "q1", 101);
  b.ref(RefKind::shares, "rare");
  const auto& t = b.done();
  analysis::SignalsConfig cfg;
  cfg.idf = true;
  const auto a = analysis::signal_actions(Signal::co_share, t, cfg);
  const auto& shared = t.pool(ObjectKind::shared);
  CHECK(a.object_idf[shared.find("rare")] > a.object_idf[shared.find("popular")]);
  auto view = a.view();
  view.object_weight = a.object_idf;
  const auto e = algo::project_co_actions(view, {60, 1, 0});
  // u0-u1 share both; their weighted weight exceeds any pair that only shares "popular".
  double w01 = 0, other = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e.u[i] == 0 && e.v[i] == 1) w01 = e.weighted[i];
    else other = std::max(other, e.weighted[i]);
  }
  CHECK(w01 > other);
}

TEST_CASE("signal names parse with dashes or underscores", "[analysis][signals]") {
  CHECK(analysis::parse_signal("co-repost") == Signal::co_repost);
  CHECK(analysis::parse_signal("hashtag_sequence") == Signal::hashtag_sequence);
  CHECK_FALSE(analysis::parse_signal("co-nothing").has_value());
  for (std::size_t i = 0; i < analysis::kNumSignals; ++i)
    CHECK(analysis::parse_signal(analysis::signal_name(static_cast<Signal>(i))) == static_cast<Signal>(i));
}
