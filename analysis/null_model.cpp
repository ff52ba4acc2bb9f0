// SPDX-License-Identifier: Apache-2.0
#include "analysis/null_model.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/parallel/random.hpp"
#include "algorithms/projection/co_action.hpp"

namespace lockstep::analysis {
namespace {

/// Co-actions inside each cluster for the members' actions with times `time`.
void count_internal(const SignalActions& a, std::span<const std::uint32_t> rows,
                    std::span<const std::int64_t> time, std::span<const std::int32_t> cluster,
                    const SignalParams& p, double unit, std::vector<double>& out) {
  std::vector<std::uint32_t> actor, object, content;
  std::vector<std::uint8_t> pairable;
  actor.reserve(rows.size());
  for (auto r : rows) {
    actor.push_back(a.actor[r]);
    object.push_back(a.object[r]);
    content.push_back(a.content[r]);
    pairable.push_back(a.pairable[r]);
  }
  const algo::ActionColumns view{actor, object, time, content, pairable, a.num_actors};
  const auto e = algo::project_co_actions(view, {p.window_s, 1, 0});
  for (std::size_t i = 0; i < e.size(); ++i) {
    const auto c = cluster[e.u[i]];
    if (c >= 0 && c == cluster[e.v[i]]) out[static_cast<std::size_t>(c)] += p.weight * e.weight[i] / unit;
  }
}

}  // namespace

NullModelResult null_model(std::span<const SignalActions> actions,
                           std::span<const std::int32_t> account_cluster,
                           std::span<const std::uint8_t> tested, const SignalsConfig& signals,
                           std::span<const double> units, const NullModelConfig& cfg,
                           std::uint64_t seed) {
  const auto num_clusters = static_cast<std::uint32_t>(tested.size());
  NullModelResult r;
  r.observed.assign(num_clusters, 0.0);
  std::vector<std::vector<double>> replicate(cfg.replicates, std::vector<double>(num_clusters, 0.0));
  const auto span = static_cast<std::uint64_t>(2 * cfg.max_shift_s + 1);
  for (std::size_t k = 0; k < actions.size(); ++k) {
    const auto& a = actions[k];
    const auto s = static_cast<std::size_t>(a.signal);
    std::vector<std::uint32_t> rows;
    std::vector<std::int64_t> time;
    for (std::uint32_t i = 0; i < a.size(); ++i)
      if (account_cluster[a.actor[i]] >= 0 && tested[static_cast<std::size_t>(account_cluster[a.actor[i]])]) {
        rows.push_back(i);
        time.push_back(a.time[i]);
      }
    if (rows.empty()) continue;
    count_internal(a, rows, time, account_cluster, signals.params[s], units[k], r.observed);
    for (std::uint32_t rep = 0; rep < cfg.replicates; ++rep) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto actor = a.actor[rows[i]];
        const auto shift = static_cast<std::int64_t>(
                               splitmix64(seed ^ (std::uint64_t{rep + 1} << 32) ^ actor) % span) -
                           cfg.max_shift_s;
        time[i] = a.time[rows[i]] + shift;
      }
      count_internal(a, rows, time, account_cluster, signals.params[s], units[k], replicate[rep]);
    }
  }
  r.mean.assign(num_clusters, 0.0);
  r.sd.assign(num_clusters, 0.0);
  r.z.assign(num_clusters, 0.0);
  r.p.assign(num_clusters, 1.0);
  r.reached.assign(num_clusters, 0);
  for (std::uint32_t c = 0; c < num_clusters; ++c) {
    if (cfg.replicates == 0 || !tested[c]) {
      r.z[c] = std::nan("");
      r.p[c] = std::nan("");
      continue;
    }
    double sum = 0.0, sq = 0.0;
    for (const auto& rep : replicate) {
      sum += rep[c];
      sq += rep[c] * rep[c];
      r.reached[c] += rep[c] >= r.observed[c];
    }
    const double n = cfg.replicates;
    r.mean[c] = sum / n;
    r.sd[c] = std::sqrt(std::max(0.0, sq / n - r.mean[c] * r.mean[c]));
    r.z[c] = (r.observed[c] - r.mean[c]) / std::max(r.sd[c], 1.0);
    r.p[c] = (1.0 + r.reached[c]) / (n + 1.0);
  }
  return r;
}

}  // namespace lockstep::analysis
