// SPDX-License-Identifier: Apache-2.0
#include "algorithms/community/partition.hpp"

#include <limits>
#include <string>

namespace lockstep {

Partition compact_labels(std::vector<std::uint32_t> labels) {
  constexpr auto kUnset = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t max_label = 0;
  for (auto l : labels) max_label = std::max(max_label, l);
  std::vector<std::uint32_t> remap(labels.empty() ? 0 : static_cast<std::size_t>(max_label) + 1,
                                   kUnset);
  Partition p;
  for (auto& l : labels) {
    if (remap[l] == kUnset) remap[l] = p.num_clusters++;
    l = remap[l];
  }
  p.labels = std::move(labels);
  return p;
}

std::string verify_partition(const CsrGraph& graph, const Partition& partition,
                             bool require_connected) {
  const VertexId n = graph.num_vertices();
  if (partition.labels.size() != n) return "label count differs from vertex count";
  std::vector<std::uint32_t> size(partition.num_clusters, 0);
  for (auto l : partition.labels) {
    if (l >= partition.num_clusters) return "label out of range: " + std::to_string(l);
    ++size[l];
  }
  for (std::uint32_t c = 0; c < partition.num_clusters; ++c)
    if (size[c] == 0) return "empty community " + std::to_string(c);
  if (!require_connected) return {};
  // BFS inside each community from its first vertex; every member must be reached.
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<std::uint32_t> reached(partition.num_clusters, 0);
  std::vector<VertexId> queue;
  for (VertexId s = 0; s < n; ++s) {
    const auto c = partition.labels[s];
    if (reached[c] != 0) continue;
    queue.assign(1, s);
    seen[s] = 1;
    for (std::size_t h = 0; h < queue.size(); ++h) {
      ++reached[c];
      for (VertexId u : graph.neighbors(queue[h]))
        if (!seen[u] && partition.labels[u] == c) {
          seen[u] = 1;
          queue.push_back(u);
        }
    }
    if (reached[c] != size[c])
      return "community " + std::to_string(c) + " is disconnected (" +
             std::to_string(reached[c]) + " of " + std::to_string(size[c]) +
             " members reachable)";
  }
  return {};
}

double modularity(const CsrGraph& graph, const Partition& partition, double gamma) {
  std::vector<double> inside(partition.num_clusters, 0.0), total(partition.num_clusters, 0.0);
  double two_m = 0.0;
  for (VertexId v = 0; v < graph.num_vertices(); ++v) {
    const auto c = partition.labels[v];
    const auto nb = graph.neighbors(v);
    const auto wt = graph.weights(v);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      two_m += wt[i];
      total[c] += wt[i];
      if (partition.labels[nb[i]] == c) inside[c] += wt[i];
    }
  }
  if (two_m == 0.0) return 0.0;
  double q = 0.0;
  for (std::uint32_t c = 0; c < partition.num_clusters; ++c)
    q += inside[c] / two_m - gamma * (total[c] / two_m) * (total[c] / two_m);
  return q;
}

}  // namespace lockstep
