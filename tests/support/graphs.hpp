// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "algorithms/graph/csr_graph.hpp"
#include "algorithms/parallel/random.hpp"

namespace lockstep::test {

/// Unit-weight graph from an edge list.
inline CsrGraph make_graph(VertexId n, std::initializer_list<std::pair<VertexId, VertexId>> edges) {
  std::vector<WeightedEdge> e;
  for (auto [u, v] : edges) e.push_back({u, v, 1.0F});
  return CsrGraph::from_edges(e, n);
}

/// Erdos-Renyi-like random weighted graph with m edge draws (duplicates summed), seeded.
inline CsrGraph random_graph(VertexId n, std::size_t m, std::uint64_t seed) {
  std::vector<WeightedEdge> e;
  for (std::size_t i = 0; i < m; ++i) {
    const auto r = splitmix64(seed * 1000003ULL + i);
    const auto u = static_cast<VertexId>(r % n);
    const auto v = static_cast<VertexId>((r >> 32) % n);
    e.push_back({u, v, static_cast<float>(1 + (r >> 60))});
  }
  return CsrGraph::from_edges(e, n);
}

}  // namespace lockstep::test
