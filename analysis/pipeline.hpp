// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/pipeline_config.hpp"

namespace lockstep::analysis {

/// One flagged cluster, for the end-of-run table.
struct FlaggedCluster {
  std::int32_t cluster_id = 0;
  std::uint32_t size = 0;
  double score = 0.0, density = 0.0, mean_weight = 0.0;
  std::string top_object;  // most shared object ("" when none)
};

/// What a run did, for the CLI's summary (the full results are in the HDF5 file).
struct RunSummary {
  std::string output_path, rejects_path, run_id;
  std::uint64_t n_records = 0, n_rejected = 0, n_duplicates = 0;
  std::uint64_t n_accounts = 0, n_actions = 0, n_matches = 0;
  std::uint64_t n_edges = 0, n_edges_kept = 0;
  double edge_weight_threshold = 0.0;  // edges with weight strictly above were kept
  std::uint32_t n_clusters = 0, n_flagged = 0;
  std::vector<FlaggedCluster> flagged;  // by score, descending
  double seconds = 0.0;
};

/// Callbacks a run reports through (all optional): input progress (bytes done, total).
struct RunHooks {
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

/// read -> co-share projection -> edge cut -> clusters -> scores -> results.h5 (tmp + rename).
/// The only caller of io and algorithms in sequence. Throws the lockstep error family.
/// Deterministic: the same inputs and config give a byte-identical file at any thread count.
RunSummary run_pipeline(const PipelineConfig& cfg, const RunHooks& hooks = {});

}  // namespace lockstep::analysis
