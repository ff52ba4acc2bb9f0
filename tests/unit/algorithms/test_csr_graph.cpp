// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>
#include <vector>

#include "algorithms/base/error.hpp"
#include "algorithms/community/partition.hpp"
#include "algorithms/graph/csr_graph.hpp"
#include "algorithms/parallel/random.hpp"
#include "support/graphs.hpp"

using namespace lockstep;

TEST_CASE("from_edges symmetrizes, sums parallel edges and drops self loops", "[algorithms][csr]") {
  const std::vector<WeightedEdge> edges = {{0, 1, 2.0F}, {1, 0, 1.5F}, {2, 2, 9.0F}, {1, 2, 1.0F}};
  const auto g = CsrGraph::from_edges(edges, 4);
  CHECK(validate(g).empty());
  CHECK(g.num_vertices() == 4);
  CHECK(g.num_edges() == 2);
  REQUIRE(g.degree(0) == 1);
  CHECK(g.weights(0)[0] == Approx(3.5));
  CHECK(g.degree(1) == 2);
  CHECK(g.neighbors(1)[0] == 0);
  CHECK(g.neighbors(1)[1] == 2);
  CHECK(g.degree(3) == 0);
  CHECK(g.strength(1) == Approx(4.5));
}

TEST_CASE("from_edges matches a map-based reference at any thread count", "[algorithms][csr]") {
  // Multigraphs with many parallel edges of different weights, self loops and a hub row.
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    constexpr VertexId n = 300;
    std::vector<WeightedEdge> edges;
    for (std::size_t i = 0; i < 20000; ++i) {
      const auto r = splitmix64(seed * 7919 + i);
      const auto u = static_cast<VertexId>(i % 5 == 0 ? 0 : r % 60);  // vertex 0 is a hub
      const auto v = static_cast<VertexId>((r >> 20) % n);
      edges.push_back({u, v, 0.25F * static_cast<float>(1 + (r >> 58))});
    }
    // Reference: arcs summed per (source, target) in increasing order of weight, as documented.
    std::map<std::pair<VertexId, VertexId>, std::vector<float>> arcs;
    for (const auto& e : edges) {
      if (e.u == e.v) continue;
      arcs[{e.u, e.v}].push_back(e.w);
      arcs[{e.v, e.u}].push_back(e.w);
    }
    std::vector<EdgeIndex> offsets(n + 1, 0);
    std::vector<VertexId> targets;
    std::vector<float> weights;
    for (auto& [key, ws] : arcs) {
      std::sort(ws.begin(), ws.end());
      double sum = 0.0;
      for (const float w : ws) sum += w;
      ++offsets[key.first + 1];
      targets.push_back(key.second);
      weights.push_back(static_cast<float>(sum));
    }
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    for (const int threads : {1, 4}) {
      CsrGraph g;
      tbb::task_arena(threads).execute([&] { g = CsrGraph::from_edges(edges, n); });
      CHECK(validate(g).empty());
      CHECK(std::equal(g.offsets().begin(), g.offsets().end(), offsets.begin(), offsets.end()));
      CHECK(std::equal(g.targets().begin(), g.targets().end(), targets.begin(), targets.end()));
      CHECK(std::equal(g.arc_weights().begin(), g.arc_weights().end(), weights.begin(),
                       weights.end()));
    }
  }
}

TEST_CASE("from_edges rejects out-of-range endpoints and bad weights", "[algorithms][csr]") {
  const std::vector<WeightedEdge> out_of_range = {{0, 5, 1.0F}};
  CHECK_THROWS_AS(CsrGraph::from_edges(out_of_range, 3), Error);
  const std::vector<WeightedEdge> zero = {{0, 1, 0.0F}};
  CHECK_THROWS_AS(CsrGraph::from_edges(zero, 3), Error);
}

TEST_CASE("validate finds an asymmetric CSR", "[algorithms][csr]") {
  // 0 -> 1 without 1 -> 0.
  const auto g = CsrGraph::from_csr({0, 1, 1}, {1}, {1.0F});
  CHECK_FALSE(validate(g).empty());
}

TEST_CASE("random graphs are valid CSR", "[algorithms][csr]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto g = test::random_graph(200, 1000, seed);
    CHECK(validate(g).empty());
  }
}

TEST_CASE("verify_partition and modularity on two triangles", "[algorithms][partition]") {
  // 0 - 1         4 - 5
  //  \ /           \ /
  //   2 --------- 3
  const auto g = test::make_graph(6, {{0, 1}, {0, 2}, {1, 2}, {2, 3}, {3, 4}, {3, 5}, {4, 5}});
  const auto good = compact_labels({7, 7, 7, 3, 3, 3});
  CHECK(good.num_clusters == 2);
  CHECK(good.labels[0] == 0);
  CHECK(verify_partition(g, good, true).empty());
  // Hand computation: W = 14, each side w_in = 6, S = 7: Q = 2 * (6/14 - 0.25) = 5/14.
  CHECK(modularity(g, good) == Approx(5.0 / 14.0).epsilon(1e-12));
  const auto split = compact_labels({0, 1, 0, 1, 0, 1});
  CHECK_FALSE(verify_partition(g, split, true).empty());
  CHECK(verify_partition(g, split, false).empty());
}
