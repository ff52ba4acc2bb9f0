// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>

#include "algorithms/graph/backbone.hpp"
#include "support/graphs.hpp"

using namespace lockstep;

TEST_CASE("disparity filter keeps the dominant edges of a hub", "[algorithms][backbone]") {
  // Hub 0 with one heavy edge to 1 and nine light edges to 2..10.
  std::vector<WeightedEdge> e = {{0, 1, 91.0F}};
  for (VertexId v = 2; v <= 10; ++v) e.push_back({0, v, 1.0F});
  const auto g = CsrGraph::from_edges(e, 11);
  const auto keep = algo::disparity_backbone(g, 0.05);
  // Hub row: heavy arc alpha = (1 - 0.91)^9 ~ 0 -> kept; light arcs (1 - 0.01)^9 ~ 0.91 -> not
  // significant for the hub, but significant for the degree-1 leaves, so kept too.
  for (auto k : keep) CHECK(k == 1);
  // A triangle 0-1-2 plus a light chord structure: in a 4-clique with one weak edge, the weak
  // edge is not significant for either endpoint.
  const auto c = CsrGraph::from_edges(
      std::vector<WeightedEdge>{{0, 1, 50}, {0, 2, 50}, {1, 2, 50}, {0, 3, 50}, {1, 3, 50},
                                {2, 3, 0.1F}},
      4);
  const auto kc = algo::disparity_backbone(c, 0.2);
  const auto off = c.offsets();
  const auto nb2 = c.neighbors(2);
  const auto i23 = static_cast<std::size_t>(std::find(nb2.begin(), nb2.end(), 3U) - nb2.begin());
  CHECK(kc[off[2] + i23] == 0);
  // In a uniform clique no edge stands out: alpha = (2/3)^2 = 0.44 for every strong edge.
  CHECK(std::count(kc.begin(), kc.end(), 1) == 0);
}

TEST_CASE("eigenvector centrality of a star and of two components", "[algorithms][backbone]") {
  const auto star = test::make_graph(6, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  const auto x = algo::eigenvector_centrality(star);
  CHECK(x[0] == Approx(1.0));
  for (VertexId v = 1; v <= 4; ++v) CHECK(x[v] == Approx(x[1]));
  CHECK(x[1] < 1.0);
  CHECK(x[5] == 0.0);  // isolated
  // Two triangles of different weights: each normalised to max 1 within its component.
  const auto two = CsrGraph::from_edges(
      std::vector<WeightedEdge>{{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 9}, {4, 5, 9}, {3, 5, 9}}, 6);
  const auto y = algo::eigenvector_centrality(two);
  for (VertexId v = 0; v < 6; ++v) CHECK(y[v] == Approx(1.0));
}
