// SPDX-License-Identifier: Apache-2.0
#include "analysis/null_model.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/parallel/random.hpp"
#include "algorithms/projection/co_action.hpp"

namespace lockstep::analysis {
namespace {

/// The tested members' actions of one signal, with dense local actor and object ids so that each
/// re-projection costs O(these actions), not O(all accounts and objects).
struct MemberActions {
  std::vector<std::uint32_t> actor, object, content, account;  // account: local actor -> account
  std::vector<std::int64_t> time;
  std::vector<std::uint8_t> pairable;
  std::uint32_t num_actors = 0;
};

MemberActions member_actions(const SignalActions& a, std::span<const std::int32_t> cluster,
                             std::span<const std::uint8_t> tested) {
  MemberActions m;
  std::vector<std::uint32_t> local_actor(a.num_actors, 0xFFFFFFFFU);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> objects;  // (object, row in m)
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    const auto c = cluster[a.actor[i]];
    if (c < 0 || !tested[static_cast<std::size_t>(c)]) continue;
    auto& la = local_actor[a.actor[i]];
    if (la == 0xFFFFFFFFU) {
      la = m.num_actors++;
      m.account.push_back(a.actor[i]);
    }
    objects.emplace_back(a.object[i], static_cast<std::uint32_t>(m.actor.size()));
    m.actor.push_back(la);
    m.object.push_back(0);
    m.content.push_back(a.content[i]);
    m.time.push_back(a.time[i]);
    m.pairable.push_back(a.pairable[i]);
  }
  std::sort(objects.begin(), objects.end());
  std::uint32_t next = 0;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (i > 0 && objects[i].first != objects[i - 1].first) ++next;
    m.object[objects[i].second] = next;
  }
  return m;
}

/// Co-actions inside each cluster for the members' actions at times `time`.
void count_internal(const MemberActions& m, std::span<const std::int64_t> time,
                    std::span<const std::int32_t> cluster, const SignalParams& p, double unit,
                    std::vector<double>& out) {
  const algo::ActionColumns view{m.actor, m.object, time, m.content, m.pairable, m.num_actors};
  const auto e = algo::project_co_actions(view, {p.window_s, 1, 0});
  for (std::size_t i = 0; i < e.size(); ++i) {
    const auto c = cluster[m.account[e.u[i]]];
    if (c >= 0 && c == cluster[m.account[e.v[i]]])
      out[static_cast<std::size_t>(c)] += p.weight * e.weight[i] / unit;
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
    const auto m = member_actions(a, account_cluster, tested);
    if (m.actor.empty()) continue;
    count_internal(m, m.time, account_cluster, signals.params[s], units[k], r.observed);
    std::vector<std::int64_t> time(m.time.size());
    for (std::uint32_t rep = 0; rep < cfg.replicates; ++rep) {
      for (std::size_t i = 0; i < time.size(); ++i) {
        const auto account = m.account[m.actor[i]];
        const auto shift = static_cast<std::int64_t>(
                               splitmix64(seed ^ (std::uint64_t{rep + 1} << 32) ^ account) % span) -
                           cfg.max_shift_s;
        time[i] = m.time[i] + shift;
      }
      count_internal(m, time, account_cluster, signals.params[s], units[k], replicate[rep]);
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
