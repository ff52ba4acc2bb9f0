// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/cluster_features.hpp"
#include "analysis/null_model.hpp"
#include "analysis/signals.hpp"

namespace lockstep::analysis {

/// When a cluster is flagged (all must hold), and how its score is formed.
struct FlagConfig {
  std::uint32_t min_size = 3;        // members
  double min_mean_weight = 3.0;      // mean co-actions per internal edge
  double score_threshold = 0.5;      // coordination score in [0, 1]
  double half_weight = 3.0;          // mean weight at which the weight factor of the score is 1/2
  double max_p_value = 0.05;         // null-model p-value at most this (when replicates > 0)
};

/// Every parameter of a run, with its default. The CLI (and, later, a TOML file) only fills
/// this struct; the resolved values are written to /run/config_toml and /run/parameters.
struct PipelineConfig {
  // Inputs and outputs.
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string output_path = "results.h5";
  std::string rejects_path;  // "" = <output_path>.rejects.txt
  bool strict = false;
  double max_reject_fraction = 0.01;

  std::vector<std::string> account_files;  // IO-archive users files (account attributes)
  bool repost_entities = false;            // reposts also claim the original's tags and links

  // Signals (each a windowed co-action projection) and the per-signal edge cut.
  SignalsConfig signals;
  double edge_percentile = 0.5;  // keep edges with weight strictly above this quantile; 0 = all
  double edge_cut_max = 1.0;     // the quantile threshold never exceeds this many co-actions
  std::string edge_filter = "cut";  // cut | cosine | disparity | eigen-prune (per signal)
  double disparity_alpha = 0.05;
  double eigen_quantile = 0.5;

  // Clusters.
  std::string communities = "leiden";  // leiden | louvain | components
  double resolution = 1.0;
  std::uint32_t min_cluster_size = 3;
  std::uint32_t evidence_per_cluster = 10;  // top shared objects kept per cluster
  FlagConfig flag;
  NullModelConfig null_model;
  FeatureConfig features;

  std::uint64_t seed = 42;
  bool check = false;  // run the O(n + m) verifiers on every stage's output
};

/// The resolved config as TOML text (sorted, stable: the basis of config_sha256).
std::string to_toml(const PipelineConfig& cfg);

/// Throws ConfigError naming the first invalid parameter.
void validate(const PipelineConfig& cfg);

}  // namespace lockstep::analysis
