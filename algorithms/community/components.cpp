// SPDX-License-Identifier: Apache-2.0
#include "algorithms/community/components.hpp"

#include <limits>
#include <vector>

namespace lockstep::algo {

Partition connected_components(const CsrGraph& graph) {
  constexpr auto kUnset = std::numeric_limits<std::uint32_t>::max();
  const VertexId n = graph.num_vertices();
  Partition p;
  p.labels.assign(n, kUnset);
  std::vector<VertexId> queue;
  for (VertexId s = 0; s < n; ++s) {
    if (p.labels[s] != kUnset) continue;
    const auto c = p.num_clusters++;
    p.labels[s] = c;
    queue.assign(1, s);
    for (std::size_t h = 0; h < queue.size(); ++h)
      for (VertexId u : graph.neighbors(queue[h]))
        if (p.labels[u] == kUnset) {
          p.labels[u] = c;
          queue.push_back(u);
        }
  }
  return p;
}

}  // namespace lockstep::algo
