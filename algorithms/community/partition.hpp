// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/graph/csr_graph.hpp"

namespace lockstep {

/// A community label per vertex, compacted to 0..num_clusters-1.
struct Partition {
  std::vector<std::uint32_t> labels;
  std::uint32_t num_clusters = 0;
};

/// Relabels to 0..k-1 in order of first appearance by vertex id. O(n).
Partition compact_labels(std::vector<std::uint32_t> labels);

/// Checks labels are dense (0..k-1, each used) and, when require_connected, that every
/// community induces a connected subgraph of graph. Returns "" when valid. O(n + m).
std::string verify_partition(const CsrGraph& graph, const Partition& partition,
                             bool require_connected);

/// Newman modularity with resolution gamma: sum_c [ w_in(c)/W - gamma * (S_c / W)^2 ], where W is
/// twice the total edge weight and S_c the total strength of community c. O(n + m).
double modularity(const CsrGraph& graph, const Partition& partition, double gamma = 1.0);

}  // namespace lockstep
