// SPDX-License-Identifier: Apache-2.0
#include <tbb/task_arena.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "algorithms/base/error.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/partition.hpp"
#include "algorithms/parallel/random.hpp"
#include "support/graphs.hpp"

using namespace lockstep;

namespace {

// `groups` planted groups of `size` vertices; each vertex draws `degree` edges, a fraction `mix`
// of them to other groups, weighing 1-4 (or 1 with `unit`; an edge drawn twice weighs the sum).
// Returns the graph; the planted group of v is v / size.
CsrGraph planted_graph(VertexId groups, VertexId size, int degree, double mix, std::uint64_t seed,
                       bool unit = false) {
  const VertexId n = groups * size;
  std::vector<WeightedEdge> edges;
  for (VertexId v = 0; v < n; ++v) {
    for (int i = 0; i < degree; ++i) {
      const auto r = splitmix64(seed ^ (static_cast<std::uint64_t>(v) << 20) ^ i);
      const bool outside = unit_interval(r) < mix;
      const auto pick = static_cast<VertexId>(splitmix64(r) % (outside ? n : size));
      const VertexId u = outside ? pick : (v / size) * size + pick;
      if (u != v) edges.push_back({v, u, unit ? 1.0F : static_cast<float>(1 + (r >> 62))});
    }
  }
  return CsrGraph::from_edges(edges, n);
}

// Leiden's partition of g computed on `threads` threads.
Partition leiden_on(const CsrGraph& g, const algo::LeidenConfig& cfg, int threads) {
  Partition p;
  tbb::task_arena(threads).execute([&] { p = algo::leiden(g, cfg); });
  return p;
}

Partition planted_truth(VertexId groups, VertexId size) {
  std::vector<std::uint32_t> labels(groups * size);
  for (VertexId v = 0; v < labels.size(); ++v) labels[v] = v / size;
  return compact_labels(std::move(labels));
}

// `count` cliques of `size` vertices, clique i joined to clique i + 1 by one edge.
CsrGraph ring_of_cliques(VertexId count, VertexId size) {
  std::vector<WeightedEdge> edges;
  for (VertexId c = 0; c < count; ++c) {
    for (VertexId a = 0; a < size; ++a)
      for (VertexId b = a + 1; b < size; ++b) edges.push_back({c * size + a, c * size + b, 1.0F});
    edges.push_back({c * size, ((c + 1) % count) * size + 1, 1.0F});
  }
  return CsrGraph::from_edges(edges, count * size);
}

}  // namespace

TEST_CASE("leiden separates two triangles joined by one edge", "[algorithms][leiden]") {
  // 0 - 1         4 - 5
  //  \ /           \ /
  //   2 --------- 3
  const auto g = test::make_graph(6, {{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {3, 5}, {4, 5}});
  for (bool refine : {true, false}) {
    algo::LeidenConfig cfg;
    cfg.refine = refine;
    const auto p = algo::leiden(g, cfg);
    CHECK(p.num_clusters == 2);
    CHECK(p.labels == std::vector<std::uint32_t>{0, 0, 0, 1, 1, 1});
    CHECK(modularity(g, p) == Approx(5.0 / 14.0).epsilon(1e-12));
  }
}

TEST_CASE("leiden finds every clique of a ring of cliques", "[algorithms][leiden]") {
  const auto g = ring_of_cliques(8, 5);
  const auto p = algo::leiden(g, {});
  CHECK(p.num_clusters == 8);
  CHECK(verify_partition(g, p, true).empty());
  for (VertexId v = 0; v < g.num_vertices(); ++v) CHECK(p.labels[v] == v / 5);
}

TEST_CASE("leiden on disconnected pieces, isolated vertices and the empty graph",
          "[algorithms][leiden]") {
  // Triangle 0-1-2, isolated 3, triangle 4-5-6, isolated 7.
  const auto g = test::make_graph(8, {{0, 1}, {1, 2}, {0, 2}, {4, 5}, {5, 6}, {4, 6}});
  const auto p = algo::leiden(g, {});
  CHECK(p.labels == std::vector<std::uint32_t>{0, 0, 0, 1, 2, 2, 2, 3});
  CHECK(p.num_clusters == 4);

  const auto lonely = test::make_graph(5, {});
  const auto q = algo::leiden(lonely, {});
  CHECK(q.num_clusters == 5);
  CHECK(q.labels == std::vector<std::uint32_t>{0, 1, 2, 3, 4});

  const auto empty = algo::leiden(CsrGraph{}, {});
  CHECK(empty.num_clusters == 0);
  CHECK(empty.labels.empty());
}

TEST_CASE("leiden with CPM on two 4-cliques joined by an edge", "[algorithms][leiden][cpm]") {
  const auto g = test::make_graph(8, {{0, 1},
                                      {0, 2},
                                      {0, 3},
                                      {1, 2},
                                      {1, 3},
                                      {2, 3},
                                      {3, 4},
                                      {4, 5},
                                      {4, 6},
                                      {4, 7},
                                      {5, 6},
                                      {5, 7},
                                      {6, 7}});
  algo::LeidenConfig cfg;
  cfg.quality = algo::Quality::cpm;
  cfg.resolution = 0.5;  // density 1 inside each clique > 0.5 > 1/16 between them
  CHECK(algo::leiden(g, cfg).labels == std::vector<std::uint32_t>{0, 0, 0, 0, 1, 1, 1, 1});
  cfg.resolution = 2.0;  // no edge of weight 1 beats the penalty 2 per pair: all singletons
  CHECK(algo::leiden(g, cfg).num_clusters == 8);
  cfg.resolution = 0.01;  // merging the cliques gains 1 - 0.01 * 16 > 0
  CHECK(algo::leiden(g, cfg).num_clusters == 1);
}

TEST_CASE("leiden recovers planted groups with connected communities", "[algorithms][leiden]") {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const auto g = planted_graph(20, 50, 12, 0.3, seed);
    const auto truth = planted_truth(20, 50);
    for (bool refine : {true, false}) {
      algo::LeidenConfig cfg;
      cfg.refine = refine;
      cfg.seed = seed;
      const auto p = algo::leiden(g, cfg);
      CHECK(verify_partition(g, p, refine).empty());
      CHECK(modularity(g, p) >= modularity(g, truth) - 0.01);
    }
  }
}

TEST_CASE("leiden with full later iterations (as igraph) stays valid", "[algorithms][leiden]") {
  const auto g = planted_graph(20, 50, 12, 0.4, 5);
  algo::LeidenConfig quick;
  algo::LeidenConfig full;
  full.later_levels = full.max_levels;
  const auto p = algo::leiden(g, quick);
  const auto q = algo::leiden(g, full);
  CHECK(verify_partition(g, q, true).empty());
  CHECK(modularity(g, p) >= modularity(g, q) - 0.005);
}

TEST_CASE("leiden invariants on seeded random graphs", "[algorithms][leiden]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto g = test::random_graph(500, 1500, seed);
    algo::LeidenConfig cfg;
    cfg.seed = seed;
    const auto p = algo::leiden(g, cfg);
    CHECK(verify_partition(g, p, true).empty());
    // Sparse random graphs have modularity well above 0.3 (Guimera et al. 2004); singletons
    // give < 0.
    CHECK(modularity(g, p) > 0.3);
    cfg.resolution = 3.0;
    const auto fine = algo::leiden(g, cfg);
    CHECK(verify_partition(g, fine, true).empty());
    CHECK(fine.num_clusters > p.num_clusters);
  }
}

TEST_CASE("leiden gives the same partition at 1, 2 and 8 threads", "[algorithms][leiden]") {
  const auto g = planted_graph(40, 100, 10, 0.45, 7);
  const bool refine = GENERATE(true, false);
  algo::LeidenConfig cfg;
  cfg.refine = refine;
  cfg.seed = 11;
  const Partition reference = leiden_on(g, cfg, 1);
  const int threads = GENERATE(1, 2, 8);
  CHECK(leiden_on(g, cfg, threads).labels == reference.labels);
  cfg.seed = 12;
  CHECK(verify_partition(g, leiden_on(g, cfg, threads), refine).empty());
}

TEST_CASE("leiden rejects bad configurations", "[algorithms][leiden]") {
  const auto g = test::make_graph(3, {{0, 1}, {1, 2}});
  algo::LeidenConfig cfg;
  cfg.resolution = 0.0;
  CHECK_THROWS_AS(algo::leiden(g, cfg), Error);
  cfg = {};
  cfg.max_levels = 0;
  CHECK_THROWS_AS(algo::leiden(g, cfg), Error);
  cfg = {};
  cfg.iterations = 0;
  CHECK_THROWS_AS(algo::leiden(g, cfg), Error);
  cfg = {};
  cfg.later_levels = 0;
  CHECK_THROWS_AS(algo::leiden(g, cfg), Error);
  cfg = {};
  cfg.min_level_gain = -1e-3;
  CHECK_THROWS_AS(algo::leiden(g, cfg), Error);
  cfg = {};
  cfg.min_merge_shrink = -0.1;
  CHECK_THROWS_AS(algo::leiden(g, cfg), Error);
}

TEST_CASE("leiden is thread-count independent on larger graphs", "[algorithms][leiden]") {
  // 40,000 vertices: level 0 runs 16 batches of 39-vertex chunks, so chunking and batching take
  // part. 160,000 vertices: level 0 sums weights per community in the hashed table (over 2^17
  // communities), the coarser levels in the flat array.
  struct Planted {
    VertexId groups, size;
    int degree;
    double mix;
    std::uint64_t seed;
  };
  const auto [groups, size, degree, mix, seed] =
      GENERATE(Planted{100, 400, 10, 0.45, 3}, Planted{400, 400, 4, 0.2, 17});
  const auto g = planted_graph(groups, size, degree, mix, seed);
  algo::LeidenConfig cfg;
  const Partition reference = leiden_on(g, cfg, 1);
  for (const int threads : {2, 4}) CHECK(leiden_on(g, cfg, threads).labels == reference.labels);
  CHECK(verify_partition(g, reference, true).empty());
  CHECK(modularity(g, reference) >= modularity(g, planted_truth(groups, size)) - 0.01);
}

TEST_CASE("leiden reports the work of every level", "[algorithms][leiden]") {
  const auto g = planted_graph(40, 100, 10, 0.4, 9);
  std::vector<algo::LeidenLevelStats> seen;
  algo::LeidenConfig cfg;
  cfg.min_level_gain = 1e-3;
  cfg.on_level = [&](const algo::LeidenLevelStats& s) { seen.push_back(s); };
  const auto p = algo::leiden(g, cfg);
  REQUIRE(seen.size() >= 3);  // iteration 0 descends at least once; iteration 1 is one level
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const auto& s = seen[i];
    CHECK(s.passes >= 1);
    CHECK(s.passes <= cfg.max_passes);
    CHECK(s.communities <= s.vertices);
    CHECK(s.next_vertices <= s.vertices);
    if (s.level == 0) {
      CHECK(s.vertices == g.num_vertices());
      CHECK(s.arcs == g.num_arcs());
    }
    CHECK(s.last_gain <= s.gain);
    if (s.iteration == 0 && s.level > 0 && s.next_vertices != 0) {
      // A coarser level gaining less, or from level 2 on converged (its last sweep gaining
      // less), is the last.
      CHECK(s.gain >= cfg.min_level_gain);
      if (s.level > 1) CHECK(s.last_gain >= cfg.min_level_gain);
    }
    if (s.next_vertices != 0) {  // aggregated: the next report is its next level
      REQUIRE(i + 1 < seen.size());
      CHECK(seen[i + 1].iteration == s.iteration);
      CHECK(seen[i + 1].level == s.level + 1);
      CHECK(seen[i + 1].vertices == s.next_vertices);
      CHECK(seen[i + 1].arcs < s.arcs);  // arcs inside the merged groups vanished
    }
  }
  CHECK(seen.back().iteration == cfg.iterations - 1);
  CHECK(seen.back().level == 0);  // later iterations run cfg.later_levels = 1 level
  CHECK(p.num_clusters >= seen.back().communities);  // the final split never merges
  // Without the early stop, the first iteration descends at least as deep.
  std::vector<algo::LeidenLevelStats> deep;
  cfg.min_level_gain = 0.0;
  cfg.on_level = [&](const algo::LeidenLevelStats& s) { deep.push_back(s); };
  const auto q = algo::leiden(g, cfg);
  const auto levels_of_first = [](const std::vector<algo::LeidenLevelStats>& v) {
    return std::count_if(v.begin(), v.end(), [](const auto& s) { return s.iteration == 0; });
  };
  CHECK(levels_of_first(deep) >= levels_of_first(seen));
  CHECK(verify_partition(g, q, true).empty());
}

TEST_CASE("leiden refinement merges unit-weight vertices into pieces of several",
          "[algorithms][leiden]") {
  // With unit weights most pieces a vertex could join are linked to it by one arc; ties go to the
  // larger piece, so level 1 is a fraction of the graph (the largest gain, which prefers the
  // smallest piece, leaves pairs: level 1 near n / 2).
  const auto g = planted_graph(40, 100, 10, 0.3, 21, true);
  VertexId level1 = 0;
  algo::LeidenConfig cfg;
  cfg.on_level = [&](const algo::LeidenLevelStats& s) {
    if (s.iteration == 0 && s.level == 0) level1 = s.next_vertices;
  };
  const auto p = algo::leiden(g, cfg);
  CHECK(level1 > 0);
  CHECK(level1 < g.num_vertices() / 4);
  CHECK(verify_partition(g, p, true).empty());
  CHECK(modularity(g, p) >= modularity(g, planted_truth(40, 100)) - 0.01);
}

TEST_CASE("leiden ends an iteration at a converged level from level 2 on", "[algorithms][leiden]") {
  // Level 1 of this graph gains ~0.2 in all and ~0.002 in its last sweep; level 2 ~0.014 in all
  // and ~0.0004 in its last sweep.
  const auto g = planted_graph(200, 30, 6, 0.6, 1);
  const auto first_iteration = [&](double min_level_gain) {
    std::vector<algo::LeidenLevelStats> seen;
    algo::LeidenConfig cfg;
    cfg.min_level_gain = min_level_gain;
    cfg.on_level = [&](const algo::LeidenLevelStats& s) {
      if (s.iteration == 0) seen.push_back(s);
    };
    algo::leiden(g, cfg);
    return seen;
  };
  const auto deep = first_iteration(0.0);
  REQUIRE(deep.size() >= 4);
  const double between_1 = (deep[1].last_gain + deep[1].gain) / 2;
  const double between_2 = (deep[2].last_gain + deep[2].gain) / 2;
  REQUIRE(deep[2].gain < between_1);
  REQUIRE(deep[1].last_gain < between_2);
  REQUIRE(deep[2].last_gain < between_2);
  REQUIRE(deep[2].gain > between_2);
  // Level 1 converged (its last sweep gained less than the threshold) but gained more in all:
  // it goes on, so level 2 can merge communities level 1 left split. Level 2 gains less than
  // the threshold in all and ends the iteration.
  const auto past_level_1 = first_iteration(between_1);
  REQUIRE(past_level_1.size() == 3);
  CHECK(past_level_1[2].next_vertices == 0);
  // Level 2 gained more than the threshold in all, but converged: it is the last.
  const auto stopped = first_iteration(between_2);
  REQUIRE(stopped.size() == 3);
  CHECK(stopped[2].next_vertices == 0);
  CHECK(stopped[2].gain == deep[2].gain);
}

TEST_CASE("leiden finds the same partition whether aggregation merges arcs or not",
          "[algorithms][leiden]") {
  // Integer weights sum exactly in floats, so merged and repeated arcs give every gain the same
  // value: the partitions must be identical, while the rows kept differ.
  for (const bool unit : {false, true}) {
    const auto g = planted_graph(200, 30, 6, 0.6, 11, unit);
    const auto run = [&](double min_merge_shrink) {
      algo::LeidenConfig cfg;
      cfg.iterations = 1;  // the partition of the coarser levels, not polished by a second one
      cfg.min_merge_shrink = min_merge_shrink;
      EdgeIndex coarser_arcs = 0;
      cfg.on_level = [&](const algo::LeidenLevelStats& s) {
        if (s.level > 0) coarser_arcs += s.arcs;
      };
      auto p = algo::leiden(g, cfg);
      return std::pair{std::move(p), coarser_arcs};
    };
    const auto [merged, merged_arcs] = run(0.0);
    const auto [kept, kept_arcs] = run(2.0);
    const auto [chosen, chosen_arcs] = run(algo::LeidenConfig{}.min_merge_shrink);
    CHECK(kept.labels == merged.labels);
    CHECK(chosen.labels == merged.labels);
    CHECK(kept_arcs > merged_arcs);
    CHECK(chosen_arcs >= merged_arcs);
    CHECK(chosen_arcs <= kept_arcs);
    CHECK(verify_partition(g, merged, true).empty());
  }
}

TEST_CASE("leiden gives a unit-weight graph the partition of the same graph with weights 2",
          "[algorithms][leiden]") {
  // Weights of 1 take loops that never read them. Doubling every weight doubles every gain
  // exactly (a power of two), so the partitions must be identical; for CPM the resolution doubles
  // too. (planted_graph sums repeated edges, so the weights are set here.)
  const auto planted = planted_graph(200, 30, 6, 0.6, 11, true);
  const auto offsets = planted.offsets();
  const auto targets = planted.targets();
  const auto with_weights = [&](float w) {
    return CsrGraph::from_csr({offsets.begin(), offsets.end()}, {targets.begin(), targets.end()},
                              std::vector<float>(targets.size(), w));
  };
  const auto g = with_weights(1.0F);
  const auto doubled = with_weights(2.0F);
  for (const auto quality : {algo::Quality::modularity, algo::Quality::cpm}) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      algo::LeidenConfig cfg;
      cfg.quality = quality;
      cfg.resolution = quality == algo::Quality::cpm ? 0.05 : 1.0;
      cfg.seed = seed;
      const auto p = algo::leiden(g, cfg);
      if (quality == algo::Quality::cpm) cfg.resolution *= 2.0;
      const auto q = algo::leiden(doubled, cfg);
      CHECK(p.labels == q.labels);
      CHECK(p.num_clusters > 1);
      CHECK(p.num_clusters < g.num_vertices() / 2);
      CHECK(verify_partition(g, p, true).empty());
    }
  }
}
