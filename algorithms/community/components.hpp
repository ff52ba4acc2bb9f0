// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "algorithms/community/partition.hpp"
#include "algorithms/graph/csr_graph.hpp"

namespace lockstep::algo {

/// Connected components; labels numbered by smallest member vertex. Deterministic.
/// Cost: O(n + m) (BFS).
Partition connected_components(const CsrGraph& graph);

}  // namespace lockstep::algo
