// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "algorithms/projection/co_action.hpp"
#include "analysis/interaction_graph.hpp"
#include "analysis/signals.hpp"

namespace lockstep::analysis {

/// The edge cut of one signal: which co-action edges were kept, and the threshold used.
struct EdgeCut {
  std::vector<std::size_t> kept;  // indices into CoActionEdges, ascending
  double threshold = 0.0;         // weights strictly above were kept (0 when no cut)
};

/// Keeps edges whose weight is strictly above the `percentile` quantile (type 7) of all edge
/// weights, as CooRTweet's edge_weight with subgraph = 1, with the threshold capped at
/// max_threshold (a few automated accounts with hundreds of co-actions must not raise the bar
/// for everyone); percentile 0 keeps every edge.
EdgeCut cut_edges(const algo::CoActionEdges& edges, double percentile,
                  double max_threshold = std::numeric_limits<double>::infinity());

/// How each signal's edges are filtered before the signals are fused (README, "Edge filters").
struct EdgeFilterConfig {
  std::string method = "cut";     // cut | cosine | disparity | eigen-prune
  double percentile = 0.5;        // cut and cosine, and the first step of eigen-prune
  double max_threshold = 1.0;     // cut: the percentile threshold never exceeds this
  double disparity_alpha = 0.05;  // disparity: significance level
  double eigen_quantile = 0.5;    // eigen-prune: keep accounts at or above this centrality quantile
};

/// Applies cfg.method to one signal's edges (actions: that signal's actions):
/// cut = cut_edges(percentile, max_threshold); cosine = keep the pairs whose TF-IDF cosine
/// similarity over the signal's objects (Pacheco et al. 2021) is strictly above the percentile
/// of the candidate pairs' cosines (weights stay co-action counts); disparity = the disparity backbone of the full co-action graph
/// (Serrano et al. 2009); eigen-prune = cut_edges, then only accounts whose eigenvector
/// centrality in that signal's graph reaches the eigen_quantile of its non-isolated accounts
/// keep their edges (Luceri et al. 2024). Deterministic.
EdgeCut filter_edges(const algo::CoActionEdges& edges, const SignalActions& actions,
                     const EdgeFilterConfig& cfg);

/// One signal's projection and cut.
struct SignalEdges {
  Signal signal = Signal::co_share;
  algo::CoActionEdges edges;
  EdgeCut cut;
  /// The combined weight counts this signal's edges in units of max(1, cut threshold).
  double unit = 1.0;
};

/// The multiplex coordination graph as rows: every account pair kept by at least one signal,
/// sorted by (u, v), u < v. `w[s]` is signal s's raw weight (co-actions, or IDF-weighted
/// co-actions) on the pair (0 when the signal did not keep it).
struct MultiplexEdges {
  std::vector<std::uint32_t> u, v;
  std::vector<double> weight;  // combined: sum_s factor_s * w_s / unit_s
  std::array<std::vector<float>, kNumSignals> w;
  std::vector<std::uint32_t> n_shared_objects;  // sum over signals
  std::vector<std::int64_t> min_delta;          // smallest over signals
  std::vector<float> median_delta, symmetry;    // of the signal with the largest contribution
  std::vector<std::uint32_t> n_uv, n_vu;        // directed interactions u -> v and v -> u
  std::size_t size() const noexcept { return u.size(); }
};

/// Merges the kept edges of every signal into one row per pair. Deterministic. O(sum of kept
/// edges * log).
MultiplexEdges combine_signals(std::span<const SignalEdges> signals, const Interactions& inter,
                               const SignalsConfig& cfg);

}  // namespace lockstep::analysis
