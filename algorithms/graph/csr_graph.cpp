// SPDX-License-Identifier: Apache-2.0
#include "algorithms/graph/csr_graph.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "algorithms/base/error.hpp"

namespace lockstep {

CsrGraph CsrGraph::from_edges(std::span<const WeightedEdge> edges, VertexId num_vertices) {
  // Both directions of every edge, sorted by (source, target): parallel sort on a total order
  // is deterministic, and parallel edges become adjacent so they can be summed in order.
  std::vector<WeightedEdge> arcs;
  arcs.reserve(edges.size() * 2);
  for (const auto& e : edges) {
    LOCKSTEP_EXPECTS(e.u < num_vertices && e.v < num_vertices, "edge endpoint out of range");
    LOCKSTEP_EXPECTS(std::isfinite(e.w) && e.w > 0.0F, "edge weight must be finite and > 0");
    if (e.u == e.v) continue;
    arcs.push_back(e);
    arcs.push_back({e.v, e.u, e.w});
  }
  // Sort by (u, v, w) so parallel edges are summed in the same order every time.
  tbb::parallel_sort(arcs.begin(), arcs.end(), [](const WeightedEdge& a, const WeightedEdge& b) {
    if (a.u != b.u) return a.u < b.u;
    if (a.v != b.v) return a.v < b.v;
    return a.w < b.w;
  });
  CsrGraph g;
  g.offsets_.assign(static_cast<std::size_t>(num_vertices) + 1, 0);
  g.targets_.reserve(arcs.size());
  g.weights_.reserve(arcs.size());
  for (std::size_t i = 0; i < arcs.size();) {
    std::size_t j = i;
    double sum = 0.0;
    while (j < arcs.size() && arcs[j].u == arcs[i].u && arcs[j].v == arcs[i].v) sum += arcs[j++].w;
    g.targets_.push_back(arcs[i].v);
    g.weights_.push_back(static_cast<float>(sum));
    ++g.offsets_[arcs[i].u + 1];
    i = j;
  }
  for (std::size_t v = 0; v < num_vertices; ++v) g.offsets_[v + 1] += g.offsets_[v];
  return g;
}

CsrGraph CsrGraph::from_csr(std::vector<EdgeIndex> offsets, std::vector<VertexId> targets,
                            std::vector<float> weights) {
  LOCKSTEP_EXPECTS(!offsets.empty() && offsets.back() == targets.size() &&
                       targets.size() == weights.size(),
                   "inconsistent CSR arrays");
  CsrGraph g;
  g.offsets_ = std::move(offsets);
  g.targets_ = std::move(targets);
  g.weights_ = std::move(weights);
  return g;
}

double CsrGraph::strength(VertexId v) const {
  double s = 0.0;
  for (float w : weights(v)) s += w;
  return s;
}

std::string validate(const CsrGraph& graph) {
  const VertexId n = graph.num_vertices();
  const auto off = graph.offsets();
  if (off.front() != 0 || off.back() != graph.num_arcs()) return "offsets do not span the arcs";
  for (VertexId v = 0; v < n; ++v) {
    if (off[v] > off[v + 1]) return "offsets not monotone at vertex " + std::to_string(v);
    const auto nb = graph.neighbors(v);
    const auto wt = graph.weights(v);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const VertexId u = nb[i];
      if (u >= n) return "target out of range in row " + std::to_string(v);
      if (u == v) return "self loop at vertex " + std::to_string(v);
      if (i > 0 && nb[i - 1] >= u) return "row " + std::to_string(v) + " not strictly sorted";
      if (!(wt[i] > 0.0F) || !std::isfinite(wt[i]))
        return "non-positive weight in row " + std::to_string(v);
      const auto back = graph.neighbors(u);
      const auto it = std::lower_bound(back.begin(), back.end(), v);
      if (it == back.end() || *it != v)
        return "arc " + std::to_string(v) + "->" + std::to_string(u) + " has no reverse";
      if (graph.weights(u)[static_cast<std::size_t>(it - back.begin())] != wt[i])
        return "asymmetric weight on " + std::to_string(v) + "-" + std::to_string(u);
    }
  }
  return {};
}

}  // namespace lockstep
