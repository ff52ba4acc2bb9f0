// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>
#include <cmath>

#include "algorithms/community/components.hpp"
#include "analysis/cluster_scoring.hpp"
#include "analysis/multiplex.hpp"
#include "analysis/results_file.hpp"

using namespace lockstep;

namespace {

/// A table where account i shares object `o` at time t as content c.
struct TableBuilder {
  ActivityTable t;
  void share(const std::string& account, const std::string& object, std::int64_t time) {
    const auto p = static_cast<std::uint32_t>(t.num_posts());
    t.post_account.push_back(t.pool(ObjectKind::account).intern(account));
    t.post_id.push_back(t.pool(ObjectKind::post).intern("c" + std::to_string(p)));
    t.post_time.push_back(time);
    t.post_kind.push_back(PostKind::post);
    t.ref_post.push_back(p);
    t.ref_kind.push_back(RefKind::shares);
    t.ref_object.push_back(t.pool(ObjectKind::shared).intern(object));
  }
};

template <class T>
const std::vector<T>& values(const ColumnTable& t, const std::string& name) {
  const auto* c = t.find(name);
  REQUIRE(c != nullptr);
  return std::get<std::vector<T>>(c->values);
}

}  // namespace

TEST_CASE("scores of a hand-built cluster", "[analysis][scores]") {
  TableBuilder b;
  // Accounts a, b, c (ids 0, 1, 2) and loner d (3) plus pair e-f (4, 5).
  for (const auto* n : {"a", "b", "c", "d", "e", "f"}) b.t.pool(ObjectKind::account).intern(n);
  b.share("a", "x", 100);
  b.share("b", "x", 105);
  b.share("c", "y", 300);
  b.share("e", "z", 50);
  b.share("f", "z", 51);
  std::vector<analysis::SignalActions> actions;
  actions.push_back(analysis::signal_actions(analysis::Signal::co_share, b.t, {}));
  // Triangle a-b (w 4), b-c (w 2), a-c (w 6); pair e-f (w 1); d-e (w 1).
  const std::vector<WeightedEdge> edges = {{0, 1, 4}, {0, 2, 6}, {1, 2, 2}, {3, 4, 1}, {4, 5, 1}};
  analysis::MultiplexEdges m;
  for (const auto& e : edges) {
    m.u.push_back(e.u);
    m.v.push_back(e.v);
    m.weight.push_back(e.w);
    m.w[0].push_back(e.w);
  }
  const auto g = CsrGraph::from_edges(edges, 6);
  const auto p = algo::connected_components(g);
  analysis::PipelineConfig cfg;
  cfg.min_cluster_size = 3;
  cfg.null_model.replicates = 0;  // scores without the null model factor
  const std::vector<double> units = {1.0};
  const auto s = analysis::score_clusters(b.t, actions, m, units, g, p, cfg);
  // Components: {a, b, c} and {d, e, f}: both size 3; canonical order by smallest account id.
  REQUIRE(s.num_clusters == 2);
  CHECK(s.account_cluster[0] == 0);
  CHECK(s.account_cluster[3] == 1);
  const auto& size = values<std::uint32_t>(s.clusters, "size");
  const auto& density = values<double>(s.clusters, "density");
  const auto& mean = values<double>(s.clusters, "mean_weight");
  const auto& score = values<double>(s.clusters, "score");
  CHECK(size[0] == 3);
  CHECK(density[0] == Approx(1.0));
  CHECK(mean[0] == Approx(4.0));
  CHECK(score[0] == Approx(1.0 * 4.0 / 7.0));
  CHECK(density[1] == Approx(2.0 / 3.0));
  CHECK(mean[1] == Approx(1.0));
  const auto& flagged = std::get<BoolVector>(s.clusters.find("flagged")->values).values;
  CHECK(flagged[0] == 1);
  CHECK(flagged[1] == 0);
  CHECK(values<std::string>(s.clusters, "flag_reasons")[0].find("3 accounts") != std::string::npos);
  CHECK(values<double>(s.clusters, "score_co_share")[0] == Approx(1.0));
  CHECK(values<std::string>(s.clusters, "flag_reasons")[1].empty());
  // Membership of a: inside 10 of 10.
  const auto& ms = values<double>(s.memberships, "membership_score");
  CHECK(ms[0] == Approx(1.0));
  // Evidence: a and b co-shared x within 5 s; c's y has no partner; e and f co-shared z.
  const auto& obj = values<std::string>(s.evidence, "object");
  const auto& ec = values<std::int32_t>(s.evidence, "cluster_id");
  REQUIRE(obj.size() == 2);
  CHECK(obj[0] == "x");
  CHECK(ec[0] == 0);
  CHECK(values<std::uint32_t>(s.evidence, "n_accounts")[0] == 2);
  CHECK(obj[1] == "z");
  CHECK(ec[1] == 1);
}

TEST_CASE("edge cut keeps weights strictly above the quantile; 0 keeps all", "[analysis][cut]") {
  algo::CoActionEdges e;
  e.weight = {1, 1, 1, 2, 5};
  e.u = {0, 0, 0, 1, 2};
  e.v = {1, 2, 3, 2, 3};
  const auto all = analysis::cut_edges(e, 0.0);
  CHECK(all.kept.size() == 5);
  const auto half = analysis::cut_edges(e, 0.5);  // median 1: keep 2 and 5
  CHECK(half.threshold == 1.0);
  CHECK(half.kept == std::vector<std::size_t>{3, 4});
  const auto high = analysis::cut_edges(e, 0.9);  // type 7: 2 + 0.6 * 3 = 3.8
  CHECK(high.threshold == Approx(3.8));
  CHECK(high.kept == std::vector<std::size_t>{4});
}
