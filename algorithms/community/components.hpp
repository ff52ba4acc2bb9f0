// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>

#include "algorithms/community/partition.hpp"
#include "algorithms/graph/csr_graph.hpp"

namespace lockstep::algo {

/// Connected components by breadth-first search. When `within` is given (one label per vertex),
/// only edges whose endpoints share a label count, which splits every labelled group into its
/// connected pieces. Labels are compacted in order of each component's smallest vertex.
/// Pre: within is empty or has num_vertices() entries. Sequential, so deterministic.
/// Cost: O(n + m) time, O(n) extra memory.
Partition connected_components(const CsrGraph& graph, std::span<const std::uint32_t> within = {});

}  // namespace lockstep::algo
