// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/signals.hpp"

namespace lockstep::analysis {

/// Time-shift null model parameters.
struct NullModelConfig {
  std::uint32_t replicates = 50;         // shifted copies of the data (0 = off)
  std::int64_t max_shift_s = 6 * 3600;   // each account's timeline moves by U[-max, +max] s
};

/// Per cluster: internal co-actions observed and under the null model.
struct NullModelResult {
  std::vector<double> observed;  // sum over signals of factor * co-actions / unit inside
  std::vector<double> mean, sd;  // over replicates
  std::vector<double> z;         // (observed - mean) / max(sd, 1)
  std::vector<double> p;         // (1 + #replicates >= observed) / (replicates + 1)
  std::vector<std::uint32_t> reached;  // replicates that reached the observed count
};

/// The time-shift null model: every account's whole timeline is shifted by its own seeded
/// random offset (the same offset for all its actions, so its rhythm is kept), the members'
/// actions are re-projected with each signal's window, and the co-actions inside each cluster
/// are counted. Rings that act together within seconds again and again lose their co-actions
/// under shifting; accounts that merely act on the same popular objects at their own times
/// keep about as many. units[s] is the combined-weight unit of signal s (1 when unknown).
/// Deterministic for a seed at any thread count. Cost: (replicates + 1) projections of the
/// cluster members' actions.
/// Only clusters with tested[c] != 0 are re-projected (the others get NaN z and p and 0 counts):
/// the pipeline tests the flag candidates.
NullModelResult null_model(std::span<const SignalActions> actions,
                           std::span<const std::int32_t> account_cluster,
                           std::span<const std::uint8_t> tested, const SignalsConfig& signals,
                           std::span<const double> units, const NullModelConfig& cfg,
                           std::uint64_t seed);

}  // namespace lockstep::analysis
