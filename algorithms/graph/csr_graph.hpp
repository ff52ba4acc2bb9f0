// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algorithms/base/types.hpp"

namespace lockstep {

/// One undirected weighted edge as given to the builder.
struct WeightedEdge {
  VertexId u = 0;
  VertexId v = 0;
  float w = 1.0F;
};

/// Immutable undirected weighted graph in compressed sparse row form. Every undirected edge is
/// stored as two arcs; rows are sorted by target. Built once by from_edges(), then read many.
class CsrGraph {
 public:
  CsrGraph() : offsets_(1, 0) {}

  /// Symmetrizes, drops self loops, sums parallel edges (in increasing order of weight). Pre:
  /// every endpoint < num_vertices, weights finite and > 0. Deterministic at any thread count.
  /// Cost: a counting sort by source (each of the P threads reads all m edges and writes the
  /// rows of its sources: O(P m + n)) plus sorting every row, parallel; 8 bytes per arc of
  /// scratch.
  static CsrGraph from_edges(std::span<const WeightedEdge> edges, VertexId num_vertices);

  /// Adopts ready CSR arrays (used by aggregation steps that build rows directly).
  /// Pre: offsets has n + 1 entries, rows sorted, symmetric; checked only by validate().
  static CsrGraph from_csr(std::vector<EdgeIndex> offsets, std::vector<VertexId> targets,
                           std::vector<float> weights);

  VertexId num_vertices() const noexcept { return static_cast<VertexId>(offsets_.size() - 1); }
  EdgeIndex num_arcs() const noexcept { return targets_.size(); }  // 2 per undirected edge
  EdgeIndex num_edges() const noexcept { return targets_.size() / 2; }
  std::size_t degree(VertexId v) const { return offsets_[v + 1] - offsets_[v]; }
  std::span<const VertexId> neighbors(VertexId v) const {
    return {targets_.data() + offsets_[v], degree(v)};
  }
  std::span<const float> weights(VertexId v) const {
    return {weights_.data() + offsets_[v], degree(v)};
  }
  /// Sum of the weights of v's arcs.
  double strength(VertexId v) const;

  std::span<const EdgeIndex> offsets() const noexcept { return offsets_; }
  std::span<const VertexId> targets() const noexcept { return targets_; }
  std::span<const float> arc_weights() const noexcept { return weights_; }

 private:
  std::vector<EdgeIndex> offsets_;  // n + 1 entries
  std::vector<VertexId> targets_;   // sorted within each row
  std::vector<float> weights_;      // parallel to targets_
};

/// Sum of `weights` in four interleaved partial sums (one running sum is a chain of dependent
/// adds, ~4x slower); the order is fixed, so every caller gets the same bits.
double weight_sum(std::span<const float> weights);

/// O(n + m) structural check: offsets monotone, targets in range, rows sorted without
/// duplicates or self loops, every arc has its reverse with the same weight, weights > 0.
/// Returns an empty string when valid, else a description of the first violation.
std::string validate(const CsrGraph& graph);

}  // namespace lockstep
