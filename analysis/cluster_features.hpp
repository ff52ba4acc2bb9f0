// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/graph/csr_graph.hpp"
#include "analysis/signals.hpp"
#include "io/activity_table.hpp"

namespace lockstep::analysis {

struct FeatureConfig {
  std::int64_t sync_window_s = 10;          // "within a short window" for temporal synchrony
  std::uint32_t similarity_sample = 200;    // members sampled (seeded) for behavioural similarity
  std::int64_t creation_window_s = 7 * 86400;
  std::uint64_t seed = 42;
};

/// Descriptive scores of each cluster (README, "Scores"); NaN where undefined.
struct ClusterFeatures {
  std::vector<double> conductance;       // cut weight / min(vol C, vol rest), in [0, 1]
  std::vector<double> similarity;        // mean pairwise cosine of members' TF-IDF vectors
  std::vector<double> sync_median_s;     // median |dt| from a member's action to the nearest
                                         // other member's action on the same object
  std::vector<double> sync_fraction;     // share of those |dt| <= sync_window_s
  std::vector<double> duplication;       // share of members' texts near-duplicating another
                                         // member's text
  std::vector<double> creation_concentration;  // largest share of members created in 7 days
  std::vector<double> repost_ratio;      // members' reposts / members' posts
  std::vector<double> active_span_s;     // last - first member activity
};

/// Computes every descriptive feature. cluster: per account, -1 = none. Deterministic at any
/// thread count. Cost: O(n + m + a log a) plus one sparse product per cluster on at most
/// similarity_sample members.
ClusterFeatures cluster_features(const ActivityTable& table, std::span<const SignalActions> actions,
                                 const CsrGraph& graph, std::span<const std::int32_t> cluster,
                                 std::uint32_t num_clusters, const SignalsConfig& signals,
                                 const FeatureConfig& cfg);

}  // namespace lockstep::analysis
