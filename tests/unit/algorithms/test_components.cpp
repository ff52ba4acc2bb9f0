// SPDX-License-Identifier: Apache-2.0
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <catch2/catch.hpp>
#include <vector>

#include "algorithms/community/components.hpp"
#include "support/graphs.hpp"

using namespace lockstep;

TEST_CASE("connected_components labels by smallest vertex", "[algorithms][components]") {
  // 0 - 2   1 - 3 - 4   5
  const auto g = test::make_graph(6, {{0, 2}, {1, 3}, {3, 4}});
  const auto p = algo::connected_components(g);
  CHECK(p.num_clusters == 3);
  CHECK(p.labels == std::vector<std::uint32_t>{0, 1, 0, 1, 1, 2});
  CHECK(algo::connected_components(CsrGraph{}).num_clusters == 0);
}

TEST_CASE("connected_components within labels splits disconnected groups",
          "[algorithms][components]") {
  // Path 0 - 1 - 2 - 3 with groups {0, 2} and {1, 3}: each group falls apart.
  const auto g = test::make_graph(4, {{0, 1}, {1, 2}, {2, 3}});
  const std::vector<std::uint32_t> groups = {0, 1, 0, 1};
  CHECK(algo::connected_components(g, groups).num_clusters == 4);
  const std::vector<std::uint32_t> halves = {0, 0, 1, 1};
  CHECK(algo::connected_components(g, halves).labels == halves);
}

TEST_CASE("connected_components matches Boost.Graph", "[algorithms][components]") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const VertexId n = 400;
    const auto g = test::random_graph(n, 150 + 40 * seed, seed);  // sparse: many components
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> bg(n);
    for (VertexId v = 0; v < n; ++v)
      for (VertexId u : g.neighbors(v))
        if (v < u) boost::add_edge(v, u, bg);
    std::vector<std::uint32_t> oracle(n);
    const auto count = boost::connected_components(bg, oracle.data());
    const auto expected = compact_labels(oracle);
    const auto p = algo::connected_components(g);
    CHECK(p.num_clusters == count);
    CHECK(p.labels == expected.labels);
  }
}
