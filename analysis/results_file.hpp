// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>

#include "algorithms/projection/co_action.hpp"
#include "analysis/cluster_scoring.hpp"
#include "analysis/pipeline_config.hpp"
#include "io/activity_table.hpp"
#include "io/column_table.hpp"

namespace lockstep::analysis {

/// The edge cut of a run: which co-share edges were kept, and the weight threshold used.
struct EdgeCut {
  std::vector<std::size_t> kept;  // indices into CoActionEdges, ascending
  double threshold = 0.0;         // weights strictly above were kept (0 when no cut)
};

/// Keeps edges whose weight is strictly above the cfg.edge_percentile quantile (type 7) of all
/// edge weights, as CooRTweet's edge_weight with subgraph = 1; percentile 0 keeps every edge.
EdgeCut cut_edges(const algo::CoActionEdges& edges, double percentile);

/// Everything results.h5 holds (FORMATS.md 2b, io/hdf5_schema.md), from the stages' outputs.
/// Contains no wall-clock time, so reruns are byte-identical.
ResultsFile assemble_results(const ActivityTable& table, const PipelineConfig& cfg,
                             const algo::CoActionEdges& edges, const EdgeCut& cut,
                             ScoredClusters scored);

/// ISO-8601 UTC ("2022-03-01T00:00:00Z") of seconds since the epoch.
std::string iso_utc(std::int64_t seconds);

}  // namespace lockstep::analysis
