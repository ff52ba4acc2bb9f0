// SPDX-License-Identifier: Apache-2.0
#include "algorithms/community/components.hpp"

#include <limits>
#include <vector>

#include "algorithms/base/error.hpp"

namespace lockstep::algo {

Partition connected_components(const CsrGraph& graph, std::span<const std::uint32_t> within) {
  const VertexId n = graph.num_vertices();
  LOCKSTEP_EXPECTS(within.empty() || within.size() == n, "one label per vertex");
  constexpr auto kUnset = std::numeric_limits<std::uint32_t>::max();
  Partition p;
  p.labels.assign(n, kUnset);
  std::vector<VertexId> queue;
  queue.reserve(n);
  // Starting each search from the smallest unreached vertex numbers components in the order of
  // their smallest vertex, which is exactly the compacted order.
  for (VertexId s = 0; s < n; ++s) {
    if (p.labels[s] != kUnset) continue;
    const std::uint32_t c = p.num_clusters++;
    queue.assign(1, s);
    p.labels[s] = c;
    for (std::size_t h = 0; h < queue.size(); ++h) {
      const VertexId v = queue[h];
      for (VertexId u : graph.neighbors(v)) {
        if (p.labels[u] != kUnset || (!within.empty() && within[u] != within[v])) continue;
        p.labels[u] = c;
        queue.push_back(u);
      }
    }
  }
  return p;
}

}  // namespace lockstep::algo
