// SPDX-License-Identifier: Apache-2.0
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/cluster_features.hpp"
#include "analysis/null_model.hpp"

using namespace lockstep;
using analysis::Signal;

namespace {

// Accounts a, b, c form cluster 0, d and e cluster 1, f is in none.
//   co_share: a and b share X (t 0, 5) and Y (t 100, 130); c shares Z alone.
//   co_text: a and b post near-duplicates (group 0, t 1000, 1003); c a text of its own (group 1).
//   Graph: a-b, b-c, a-c weight 2 inside; c-f weight 2 leaves the cluster; d-e weight 1.
struct Fixture {
  ActivityTable t;
  std::vector<analysis::SignalActions> actions;
  CsrGraph graph;
  std::vector<std::int32_t> cluster = {0, 0, 0, 1, 1, -1};

  Fixture() {
    for (const char* n : {"a", "b", "c", "d", "e", "f"}) t.pool(ObjectKind::account).intern(n);
    auto post = [&](std::uint32_t account, std::int64_t time, PostKind kind, const char* text) {
      t.post_account.push_back(account);
      t.post_id.push_back(t.pool(ObjectKind::post).intern("p" + std::to_string(t.num_posts())));
      t.post_time.push_back(time);
      t.post_kind.push_back(kind);
      t.post_text.push_back(text);
    };
    post(0, 0, PostKind::post, "");          // a: X
    post(1, 5, PostKind::repost, "");        // b: X (a repost)
    post(0, 100, PostKind::post, "");        // a: Y
    post(1, 130, PostKind::post, "");        // b: Y
    post(2, 50, PostKind::post, "");         // c: Z
    post(0, 1000, PostKind::post, "copy");   // a: text group 0
    post(1, 1003, PostKind::post, "copy!");  // b: text group 0
    post(2, 2000, PostKind::post, "own");    // c: text group 1
    post(3, 10, PostKind::post, "");         // d
    post(4, 11, PostKind::post, "");         // e
    t.resize_accounts();
    t.resize_posts();
    t.accounts.created = {0, 3 * 86400, 30 * 86400, -1, -1, -1};

    analysis::SignalActions share;
    share.signal = Signal::co_share;
    share.num_actors = 6;
    const std::uint32_t share_rows[][3] = {{0, 0, 0}, {1, 0, 1}, {0, 1, 2}, {1, 1, 3}, {2, 2, 4}};
    for (const auto& [actor, object, post_row] : share_rows) {
      share.actor.push_back(actor);
      share.object.push_back(object);
      share.time.push_back(t.post_time[post_row]);
      share.content.push_back(post_row);
      share.pairable.push_back(1);
    }
    analysis::SignalActions text;
    text.signal = Signal::co_text;
    text.num_actors = 6;
    const std::uint32_t text_rows[][3] = {{0, 0, 5}, {1, 0, 6}, {2, 1, 7}};
    for (const auto& [actor, object, post_row] : text_rows) {
      text.actor.push_back(actor);
      text.object.push_back(object);
      text.time.push_back(t.post_time[post_row]);
      text.content.push_back(post_row);
      text.pairable.push_back(1);
    }
    actions.push_back(std::move(share));
    actions.push_back(std::move(text));
    graph = CsrGraph::from_edges(
        std::vector<WeightedEdge>{{0, 1, 2}, {1, 2, 2}, {0, 2, 2}, {2, 5, 2}, {3, 4, 1}}, 6);
  }
};

}  // namespace

TEST_CASE("cluster features on a hand-built cluster", "[analysis][scores]") {
  Fixture x;
  const auto f = analysis::cluster_features(x.t, x.actions, x.graph, x.cluster, 2, {}, {});
  // Conductance: cut 2, vol(C) = 4 + 4 + 6 = 14, vol(rest) = 18 - 14 = 4.
  CHECK(f.conductance[0] == Approx(2.0 / 4.0));
  // Similarity: a and b have identical vectors (X, Y, text group 0), c a disjoint one.
  CHECK(f.similarity[0] == Approx(1.0 / 3.0));
  // Synchrony: nearest other-member |dt|: X 5, 5; Y 30, 30; text 3, 3 -> median 5, 4 of 6 <= 10.
  CHECK(f.sync_median_s[0] == Approx(5.0));
  CHECK(f.sync_fraction[0] == Approx(4.0 / 6.0));
  // Duplication: a's and b's texts are in one group, c's is alone: 2 of 3.
  CHECK(f.duplication[0] == Approx(2.0 / 3.0));
  // Creation: a (day 0) and b (day 3) within 7 days, c (day 30) not.
  CHECK(f.creation_concentration[0] == Approx(2.0 / 3.0));
  CHECK(std::isnan(f.creation_concentration[1]));  // unknown dates
  // One repost among the members' 8 posts; activity from t 0 to t 2000.
  CHECK(f.repost_ratio[0] == Approx(1.0 / 8.0));
  CHECK(f.active_span_s[0] == Approx(2000.0));
  CHECK(f.similarity[1] == Approx(0.0));  // d and e have no actions of a signal

  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const auto g = analysis::cluster_features(x.t, x.actions, x.graph, x.cluster, 2, {}, {});
  auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
    return true;
  };
  CHECK(same(g.similarity, f.similarity));
  CHECK(same(g.sync_fraction, f.sync_fraction));
  CHECK(same(g.sync_median_s, f.sync_median_s));
  CHECK(same(g.conductance, f.conductance));
}

TEST_CASE("null model: a cluster's synchronous co-actions vanish under time shifts",
          "[analysis][scores][null_model]") {
  Fixture x;
  const analysis::SignalsConfig signals;
  const std::vector<double> units = {1.0, 1.0};
  const analysis::NullModelConfig cfg{.replicates = 20, .max_shift_s = 6 * 3600};
  const std::vector<std::uint8_t> tested = {1, 1};
  const auto r = analysis::null_model(x.actions, x.cluster, tested, signals, units, cfg, 7);
  // Observed inside cluster 0: co_share X (dt 5) and Y (dt 30), co_text (dt 3).
  CHECK(r.observed[0] == Approx(3.0));
  CHECK(r.observed[1] == Approx(0.0));
  CHECK(r.p[0] == Approx(1.0 / 21.0));
  CHECK(r.reached[0] == 0);
  CHECK(r.z[0] == Approx((3.0 - r.mean[0]) / std::max(r.sd[0], 1.0)));
  CHECK(r.p[1] == Approx(1.0));  // 0 co-actions observed: every replicate reaches it
  tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
  const auto again = analysis::null_model(x.actions, x.cluster, tested, signals, units, cfg, 7);
  // An untested cluster gets NaN.
  const std::vector<std::uint8_t> only_first = {1, 0};
  const auto partial = analysis::null_model(x.actions, x.cluster, only_first, signals, units, cfg, 7);
  CHECK(partial.p[0] == r.p[0]);
  CHECK(std::isnan(partial.p[1]));
  CHECK(again.mean == r.mean);
  CHECK(again.p == r.p);
}
