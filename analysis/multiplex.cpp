// SPDX-License-Identifier: Apache-2.0
#include "analysis/multiplex.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include "algorithms/graph/backbone.hpp"
#include "algorithms/graph/csr_graph.hpp"
#include "algorithms/similarity/cosine.hpp"
#include "algorithms/stats/quantile.hpp"

namespace lockstep::analysis {

EdgeCut cut_edges(const algo::CoActionEdges& edges, double percentile, double max_threshold) {
  EdgeCut cut;
  if (percentile > 0.0 && edges.size() > 0) {
    std::vector<double> w(edges.weight.begin(), edges.weight.end());
    cut.threshold = std::min(algo::quantile_type7(w, percentile), max_threshold);
  }
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (percentile <= 0.0 || edges.weight[i] > cut.threshold) cut.kept.push_back(i);
  return cut;
}

namespace {

CsrGraph graph_of(const algo::CoActionEdges& e, std::span<const std::size_t> rows,
                  std::uint32_t n) {
  std::vector<WeightedEdge> w;
  w.reserve(rows.size());
  for (auto i : rows) w.push_back({e.u[i], e.v[i], static_cast<float>(e.weight[i])});
  return CsrGraph::from_edges(w, n);
}

}  // namespace

EdgeCut filter_edges(const algo::CoActionEdges& edges, const SignalActions& actions,
                     const EdgeFilterConfig& cfg) {
  const auto num_actors = actions.num_actors;
  if (cfg.method == "cosine") {
    const auto cos = algo::pair_cosine(actions.actor, actions.object, num_actors, edges.u, edges.v);
    EdgeCut cut;
    if (cfg.percentile > 0.0 && !cos.empty()) cut.threshold = algo::quantile_type7(cos, cfg.percentile);
    for (std::size_t i = 0; i < edges.size(); ++i)
      if (cfg.percentile <= 0.0 || cos[i] > cut.threshold) cut.kept.push_back(i);
    cut.threshold = 0.0;  // a cosine, not a co-action count: the combined-weight unit stays 1
    return cut;
  }
  if (cfg.method == "disparity") {
    std::vector<std::size_t> all(edges.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const auto g = graph_of(edges, all, num_actors);
    const auto keep = algo::disparity_backbone(g, cfg.disparity_alpha);
    EdgeCut cut;
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const auto nb = g.neighbors(edges.u[i]);
      const auto j = static_cast<std::size_t>(std::lower_bound(nb.begin(), nb.end(), edges.v[i]) - nb.begin());
      if (keep[g.offsets()[edges.u[i]] + j]) cut.kept.push_back(i);
    }
    return cut;
  }
  auto cut = cut_edges(edges, cfg.percentile, cfg.max_threshold);
  if (cfg.method != "eigen-prune" || cut.kept.empty()) return cut;
  const auto g = graph_of(edges, cut.kept, num_actors);
  const auto x = algo::eigenvector_centrality(g);
  std::vector<double> active;
  for (VertexId v = 0; v < g.num_vertices(); ++v)
    if (g.degree(v) > 0) active.push_back(x[v]);
  const double threshold = algo::quantile_type7(active, cfg.eigen_quantile);
  std::erase_if(cut.kept, [&](std::size_t i) {
    return x[edges.u[i]] < threshold || x[edges.v[i]] < threshold;
  });
  return cut;
}

MultiplexEdges combine_signals(std::span<const SignalEdges> signals, const Interactions& inter,
                               const SignalsConfig& cfg) {
  struct Entry {
    std::uint32_t u, v;
    std::uint8_t signal;
    std::uint32_t index;  // into that signal's edges
    bool operator<(const Entry& o) const {
      return std::tie(u, v, signal) < std::tie(o.u, o.v, o.signal);
    }
  };
  std::vector<Entry> all;
  for (std::size_t k = 0; k < signals.size(); ++k)
    for (auto i : signals[k].cut.kept)
      all.push_back({signals[k].edges.u[i], signals[k].edges.v[i], static_cast<std::uint8_t>(k),
                     static_cast<std::uint32_t>(i)});
  std::sort(all.begin(), all.end());

  MultiplexEdges m;
  std::vector<bool> present(kNumSignals, false);
  for (const auto& s : signals) present[static_cast<std::size_t>(s.signal)] = true;
  for (std::size_t b = 0; b < all.size();) {
    std::size_t e = b;
    while (e < all.size() && all[e].u == all[b].u && all[e].v == all[b].v) ++e;
    const auto row = m.u.size();
    m.u.push_back(all[b].u);
    m.v.push_back(all[b].v);
    for (std::size_t s = 0; s < kNumSignals; ++s)
      if (present[s]) m.w[s].push_back(0.0F);
    double combined = 0.0, best = -1.0;
    std::uint32_t objects = 0;
    std::int64_t min_delta = std::numeric_limits<std::int64_t>::max();
    float median = 0.0F, symmetry = 0.0F;
    for (std::size_t i = b; i < e; ++i) {
      const auto& se = signals[all[i].signal];
      const auto& ed = se.edges;
      const auto k = all[i].index;
      const auto s = static_cast<std::size_t>(se.signal);
      const double raw = ed.weighted.empty() ? ed.weight[k] : ed.weighted[k];
      m.w[s][row] = static_cast<float>(raw);
      const double contribution = cfg.params[s].weight * raw / se.unit;
      combined += contribution;
      objects += ed.n_objects[k];
      min_delta = std::min(min_delta, ed.min_delta[k]);
      if (contribution > best) {
        best = contribution;
        median = static_cast<float>(ed.median_delta[k]);
        symmetry = ed.symmetry[k];
      }
    }
    m.weight.push_back(combined);
    m.n_shared_objects.push_back(objects);
    m.min_delta.push_back(min_delta);
    m.median_delta.push_back(median);
    m.symmetry.push_back(symmetry);
    m.n_uv.push_back(inter.count(all[b].u, all[b].v));
    m.n_vu.push_back(inter.count(all[b].v, all[b].u));
    b = e;
  }
  return m;
}

}  // namespace lockstep::analysis
