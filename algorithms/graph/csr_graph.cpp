// SPDX-License-Identifier: Apache-2.0
#include "algorithms/graph/csr_graph.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>

#include "algorithms/base/error.hpp"

namespace lockstep {

CsrGraph CsrGraph::from_edges(std::span<const WeightedEdge> edges, VertexId num_vertices) {
  // A counting sort by source puts both arcs of every edge into their rows; each row is then
  // sorted by (target, weight), so parallel edges are adjacent and summed in the same order
  // whatever the thread count. An arc is packed as target << 32 | weight bits: the bits of
  // positive floats sort as the floats do. Each of P parts owns a range of sources and scans
  // all edges for them, so counts and writes need no atomics (P reads of the edge list are
  // cheaper than contended random read-modify-writes).
  const std::size_t n = num_vertices;
  const auto parts = static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  const auto for_each_part = [&](const std::vector<std::size_t>& bounds, const auto& f) {
    tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t p) {
      const std::size_t lo = bounds[p];
      const std::size_t hi = bounds[p + 1];
      for (const WeightedEdge& e : edges) {
        if (e.u == e.v) continue;
        if (e.u >= lo && e.u < hi) f(e.u, e.v, e.w);
        if (e.v >= lo && e.v < hi) f(e.v, e.u, e.w);
      }
    });
  };
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, edges.size(), 1 << 14), [&](const auto& r) {
    for (auto i = r.begin(); i != r.end(); ++i) {
      LOCKSTEP_EXPECTS(edges[i].u < num_vertices && edges[i].v < num_vertices,
                       "edge endpoint out of range");
      LOCKSTEP_EXPECTS(std::isfinite(edges[i].w) && edges[i].w > 0.0F,
                       "edge weight must be finite and > 0");
    }
  });
  std::vector<std::size_t> by_vertex(parts + 1);
  for (std::size_t p = 0; p <= parts; ++p) by_vertex[p] = n * p / parts;
  std::vector<EdgeIndex> cursor(n + 1, 0);
  for_each_part(by_vertex, [&](VertexId from, VertexId, float) { ++cursor[from + 1]; });
  std::partial_sum(cursor.begin(), cursor.end(), cursor.begin());
  const std::vector<EdgeIndex> row(cursor.begin(), cursor.end());
  // Scatter with parts of about equal arc counts.
  std::vector<std::size_t> by_arcs(parts + 1, n);
  for (std::size_t p = 0; p < parts; ++p)
    by_arcs[p] = static_cast<std::size_t>(
        std::lower_bound(row.begin(), row.end() - 1, row[n] * p / parts) - row.begin());
  std::vector<std::uint64_t> packed(row[n]);
  const auto pack = [](VertexId target, float w) {
    return static_cast<std::uint64_t>(target) << 32 | std::bit_cast<std::uint32_t>(w);
  };
  for_each_part(by_arcs,
                [&](VertexId from, VertexId to, float w) { packed[cursor[from]++] = pack(to, w); });
  // Sort every row, sum parallel arcs in place and count the distinct targets.
  std::vector<EdgeIndex> distinct(n + 1, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      std::uint64_t* const first = packed.data() + row[v];
      std::uint64_t* const last = packed.data() + row[v + 1];
      std::sort(first, last);
      std::uint64_t* out = first;
      for (std::uint64_t* i = first; i != last;) {
        const auto target = static_cast<VertexId>(*i >> 32);
        double sum = 0.0;
        for (; i != last && static_cast<VertexId>(*i >> 32) == target; ++i)
          sum += std::bit_cast<float>(static_cast<std::uint32_t>(*i));
        *out++ = pack(target, static_cast<float>(sum));
      }
      distinct[v + 1] = static_cast<EdgeIndex>(out - first);
    }
  });
  std::partial_sum(distinct.begin(), distinct.end(), distinct.begin());
  CsrGraph g;
  g.offsets_ = std::move(distinct);
  g.targets_.resize(g.offsets_[n]);
  g.weights_.resize(g.offsets_[n]);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v)
      for (EdgeIndex a = g.offsets_[v], from = row[v]; a < g.offsets_[v + 1]; ++a, ++from) {
        g.targets_[a] = static_cast<VertexId>(packed[from] >> 32);
        g.weights_[a] = std::bit_cast<float>(static_cast<std::uint32_t>(packed[from]));
      }
  });
  return g;
}

CsrGraph CsrGraph::from_csr(std::vector<EdgeIndex> offsets, std::vector<VertexId> targets,
                            std::vector<float> weights) {
  LOCKSTEP_EXPECTS(
      !offsets.empty() && offsets.back() == targets.size() && targets.size() == weights.size(),
      "inconsistent CSR arrays");
  CsrGraph g;
  g.offsets_ = std::move(offsets);
  g.targets_ = std::move(targets);
  g.weights_ = std::move(weights);
  return g;
}

double weight_sum(std::span<const float> weights) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t a = 0;
  for (; a + 4 <= weights.size(); a += 4) {
    s0 += weights[a];
    s1 += weights[a + 1];
    s2 += weights[a + 2];
    s3 += weights[a + 3];
  }
  for (; a < weights.size(); ++a) s0 += weights[a];
  return (s0 + s1) + (s2 + s3);
}

double CsrGraph::strength(VertexId v) const { return weight_sum(weights(v)); }

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
