// SPDX-License-Identifier: Apache-2.0
#include "algorithms/graph/backbone.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "algorithms/community/components.hpp"

namespace lockstep::algo {

std::vector<std::uint8_t> disparity_backbone(const CsrGraph& g, double alpha) {
  const auto n = g.num_vertices();
  std::vector<std::uint8_t> significant(g.num_arcs(), 0);  // for the row's vertex
  const auto off = g.offsets();
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      const auto k = g.degree(v);
      const double s = g.strength(v);
      const auto wt = g.weights(v);
      for (std::size_t i = 0; i < k; ++i) {
        const double a = k == 1 ? 0.0 : std::pow(1.0 - wt[i] / s, static_cast<double>(k - 1));
        significant[off[v] + i] = a < alpha ? 1 : 0;
      }
    }
  });
  // Keep an edge when either direction is significant.
  std::vector<std::uint8_t> keep(g.num_arcs(), 0);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      const auto nb = g.neighbors(v);
      for (std::size_t i = 0; i < nb.size(); ++i) {
        const auto u = nb[i];
        const auto back = g.neighbors(u);
        const auto j = static_cast<std::size_t>(std::lower_bound(back.begin(), back.end(), v) - back.begin());
        keep[off[v] + i] = significant[off[v] + i] | significant[off[u] + j];
      }
    }
  });
  return keep;
}

std::vector<double> eigenvector_centrality(const CsrGraph& g, int max_iterations,
                                           double tolerance) {
  const auto n = g.num_vertices();
  std::vector<double> x(n), next(n);
  for (VertexId v = 0; v < n; ++v) x[v] = g.degree(v) > 0 ? 1.0 : 0.0;
  for (int it = 0; it < max_iterations; ++it) {
    // (A + I) x: the shift keeps power iteration from oscillating on bipartite components.
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const auto& r) {
      for (auto v = r.begin(); v != r.end(); ++v) {
        double sum = x[v];
        const auto nb = g.neighbors(v);
        const auto wt = g.weights(v);
        for (std::size_t i = 0; i < nb.size(); ++i) sum += wt[i] * x[nb[i]];
        next[v] = sum;
      }
    });
    double norm = 0.0;
    for (auto y : next) norm = std::max(norm, y);
    if (norm == 0.0) return x;
    double change = 0.0;
    for (VertexId v = 0; v < n; ++v) {
      next[v] /= norm;
      change += std::abs(next[v] - x[v]);
    }
    x.swap(next);
    if (change < tolerance * std::max<double>(1.0, n)) break;
  }
  // Normalise per connected component (power iteration on a disconnected graph lets the
  // largest component dominate).
  const auto comp = connected_components(g);
  std::vector<double> top(comp.num_clusters, 0.0);
  for (VertexId v = 0; v < n; ++v) top[comp.labels[v]] = std::max(top[comp.labels[v]], x[v]);
  for (VertexId v = 0; v < n; ++v) x[v] = top[comp.labels[v]] > 0 ? x[v] / top[comp.labels[v]] : 0.0;
  return x;
}

}  // namespace lockstep::algo
