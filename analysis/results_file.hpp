// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>

#include "analysis/cluster_scoring.hpp"
#include "analysis/interaction_graph.hpp"
#include "analysis/multiplex.hpp"
#include "analysis/pipeline_config.hpp"
#include "io/activity_table.hpp"
#include "io/column_table.hpp"

namespace lockstep::analysis {

/// Everything results.h5 holds (FORMATS.md 2b, io/hdf5_schema.md), from the stages' outputs.
/// Contains no wall-clock time, so reruns are byte-identical.
ResultsFile assemble_results(const ActivityTable& table, const PipelineConfig& cfg,
                             std::span<const SignalEdges> signals,
                             std::span<const SignalActions> actions, const MultiplexEdges& edges,
                             const Interactions& interactions, ScoredClusters scored);

}  // namespace lockstep::analysis
