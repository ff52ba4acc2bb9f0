// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/graph/csr_graph.hpp"

namespace lockstep::algo {

/// Disparity-filter backbone (Serrano, Boguñá & Vespignani 2009, PNAS 106:6483): an edge
/// (i, j) of weight w is significant for i when alpha_ij = (1 - w / s_i)^(k_i - 1) < alpha,
/// with s_i and k_i the strength and degree of i; edges of degree-1 vertices are significant.
/// An edge is kept when it is significant for either endpoint. Returns one flag per arc
/// (parallel to graph.targets(); both arcs of an edge get the same flag). O(m).
std::vector<std::uint8_t> disparity_backbone(const CsrGraph& graph, double alpha);

/// Eigenvector centrality by power iteration on the weighted adjacency matrix, normalised to
/// max 1 per connected component; isolated vertices get 0. Converges when the L1 change is below
/// tolerance or after max_iterations. Deterministic (fixed-order sums). O(m) per iteration.
std::vector<double> eigenvector_centrality(const CsrGraph& graph, int max_iterations = 200,
                                           double tolerance = 1e-9);

}  // namespace lockstep::algo
