// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algorithms/community/partition.hpp"
#include "algorithms/graph/csr_graph.hpp"
#include "analysis/multiplex.hpp"
#include "analysis/pipeline_config.hpp"
#include "analysis/signals.hpp"
#include "io/activity_table.hpp"
#include "io/column_table.hpp"

namespace lockstep::analysis {

/// Clusters as analysts read them: /clusters, /memberships and /evidence, plus each account's
/// cluster id (-1 = none). Cluster ids are canonical: size descending, then smallest member
/// account_id, so they do not depend on community labels or thread count.
struct ScoredClusters {
  ColumnTable clusters;
  ColumnTable memberships;
  ColumnTable evidence;
  std::vector<std::int32_t> account_cluster;
  std::vector<std::uint8_t> account_flagged;  // in a flagged cluster, as a core member
  std::uint32_t num_clusters = 0;
  std::uint32_t num_flagged = 0;
};

/// Scores every community with at least cfg.min_cluster_size members (README, "Scores").
/// edges: the multiplex rows; units: each signal's combined-weight unit (parallel to actions);
/// graph: the same edges as CSR over all accounts (vertex = account
/// id); partition over the same vertices; actions: every signal's actions, for evidence.
/// Deterministic. Cost: O(n + m + a log a) for a actions of cluster members.
ScoredClusters score_clusters(const ActivityTable& table, std::span<const SignalActions> actions,
                              const MultiplexEdges& edges, std::span<const double> units,
                              const CsrGraph& graph, const Partition& partition,
                              const PipelineConfig& cfg);

/// Coordination score of a cluster in [0, 1): density * w / (w + half_weight) * (1 - p), with w
/// the mean edge weight and p the null-model p-value (the last factor is 1 without null model).
double coordination_score(double density, double mean_weight, double p_value,
                          const FlagConfig& flag);

}  // namespace lockstep::analysis
