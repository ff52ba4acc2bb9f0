// SPDX-License-Identifier: Apache-2.0
#include "analysis/cluster_scoring.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

#include "analysis/cluster_features.hpp"
#include "analysis/columns.hpp"
#include "analysis/null_model.hpp"

namespace lockstep::analysis {
namespace {

std::string json_escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

/// Members of each kept community, in canonical cluster order.
std::vector<std::vector<VertexId>> canonical_clusters(const ActivityTable& table,
                                                      const Partition& partition,
                                                      std::uint32_t min_size) {
  std::vector<std::vector<VertexId>> groups(partition.num_clusters);
  for (VertexId v = 0; v < partition.labels.size(); ++v) groups[partition.labels[v]].push_back(v);
  std::erase_if(groups, [&](const auto& g) { return g.size() < min_size; });
  const auto& accounts = table.pool(ObjectKind::account);
  auto smallest_id = [&](const std::vector<VertexId>& g) {
    std::string_view best = accounts.view(g.front());
    for (auto v : g) best = std::min(best, accounts.view(v));
    return best;
  };
  std::vector<std::pair<std::string_view, std::size_t>> keys;
  for (std::size_t i = 0; i < groups.size(); ++i) keys.emplace_back(smallest_id(groups[i]), i);
  std::vector<std::size_t> order(groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (groups[a].size() != groups[b].size()) return groups[a].size() > groups[b].size();
    return keys[a].first < keys[b].first;
  });
  std::vector<std::vector<VertexId>> out;
  out.reserve(groups.size());
  for (auto i : order) out.push_back(std::move(groups[i]));
  return out;
}

struct EvidenceRow {
  std::int32_t cluster;
  std::uint8_t signal;
  std::uint32_t object;
  std::uint32_t n_accounts;
  std::uint32_t n_actions;
  std::int64_t first, last;
};

/// Per (cluster, object): the members' actions that have another member's action on the same
/// object within the window. Top `keep` objects per cluster by accounts, then actions.
std::vector<EvidenceRow> collect_evidence(const SignalActions& actions,
                                          const std::vector<std::int32_t>& cluster_of,
                                          std::int64_t window, std::uint32_t keep) {
  struct Act {
    std::int32_t cluster;
    std::uint32_t object;
    std::int64_t time;
    std::uint32_t actor;
  };
  std::vector<Act> acts;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const auto c = cluster_of[actions.actor[i]];
    if (c >= 0) acts.push_back({c, actions.object[i], actions.time[i], actions.actor[i]});
  }
  std::sort(acts.begin(), acts.end(), [](const Act& a, const Act& b) {
    return std::tie(a.cluster, a.object, a.time, a.actor) <
           std::tie(b.cluster, b.object, b.time, b.actor);
  });
  std::vector<EvidenceRow> rows;
  std::vector<std::uint32_t> actors;
  for (std::size_t b = 0; b < acts.size();) {
    std::size_t e = b;
    while (e < acts.size() && acts[e].cluster == acts[b].cluster && acts[e].object == acts[b].object)
      ++e;
    EvidenceRow row{acts[b].cluster, static_cast<std::uint8_t>(actions.signal), acts[b].object, 0, 0, 0, 0};
    actors.clear();
    for (std::size_t i = b; i < e; ++i) {
      bool co = false;
      for (std::size_t j = i; j-- > b && acts[i].time - acts[j].time <= window && !co;)
        co = acts[j].actor != acts[i].actor;
      for (std::size_t j = i + 1; j < e && acts[j].time - acts[i].time <= window && !co; ++j)
        co = acts[j].actor != acts[i].actor;
      if (!co) continue;
      if (row.n_actions++ == 0) row.first = acts[i].time;
      row.last = acts[i].time;
      actors.push_back(acts[i].actor);
    }
    std::sort(actors.begin(), actors.end());
    row.n_accounts = static_cast<std::uint32_t>(std::unique(actors.begin(), actors.end()) - actors.begin());
    if (row.n_actions > 0) rows.push_back(row);
    b = e;
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const EvidenceRow& a, const EvidenceRow& b) {
    if (a.cluster != b.cluster) return a.cluster < b.cluster;
    if (a.n_accounts != b.n_accounts) return a.n_accounts > b.n_accounts;
    if (a.n_actions != b.n_actions) return a.n_actions > b.n_actions;
    return actions.object_name(a.object) < actions.object_name(b.object);
  });
  std::vector<EvidenceRow> top;
  std::uint32_t taken = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i == 0 || rows[i].cluster != rows[i - 1].cluster) taken = 0;
    if (taken++ < keep) top.push_back(rows[i]);
  }
  return top;
}

}  // namespace

double coordination_score(double density, double mean_weight, double p_value,
                          const FlagConfig& flag) {
  const double significance = std::isnan(p_value) ? 1.0 : 1.0 - p_value;
  return density * mean_weight / (mean_weight + flag.half_weight) * significance;
}

ScoredClusters score_clusters(const ActivityTable& table, std::span<const SignalActions> actions,
                              const MultiplexEdges& edges, std::span<const double> units,
                              const CsrGraph& graph, const Partition& partition,
                              const PipelineConfig& cfg) {
  const auto groups = canonical_clusters(table, partition, cfg.min_cluster_size);
  const auto k = static_cast<std::uint32_t>(groups.size());
  ScoredClusters out;
  out.num_clusters = k;
  out.account_cluster.assign(graph.num_vertices(), -1);
  out.account_flagged.assign(graph.num_vertices(), 0);
  for (std::uint32_t c = 0; c < k; ++c)
    for (auto v : groups[c]) out.account_cluster[v] = static_cast<std::int32_t>(c);

  // Activity span of members over all their posts.
  std::vector<std::int64_t> first(k, std::numeric_limits<std::int64_t>::max()), last(k, -1);
  for (std::size_t p = 0; p < table.num_posts(); ++p) {
    const auto c = out.account_cluster[table.post_account[p]];
    if (c < 0) continue;
    first[c] = std::min(first[c], table.post_time[p]);
    last[c] = std::max(last[c], table.post_time[p]);
  }

  // Evidence of every signal, ranked per cluster across signals.
  std::vector<EvidenceRow> evidence;
  for (const auto& a : actions) {
    const auto rows = collect_evidence(a, out.account_cluster,
                                       cfg.signals.params[static_cast<std::size_t>(a.signal)].window_s,
                                       cfg.evidence_per_cluster);
    evidence.insert(evidence.end(), rows.begin(), rows.end());
  }
  std::stable_sort(evidence.begin(), evidence.end(), [](const EvidenceRow& a, const EvidenceRow& b) {
    if (a.cluster != b.cluster) return a.cluster < b.cluster;
    if (a.n_accounts != b.n_accounts) return a.n_accounts > b.n_accounts;
    return a.n_actions > b.n_actions;
  });
  const SignalActions* by_signal[kNumSignals] = {};
  for (const auto& a : actions) by_signal[static_cast<std::size_t>(a.signal)] = &a;

  auto feature_cfg = cfg.features;
  feature_cfg.seed = cfg.seed;
  const auto features = cluster_features(table, actions, graph, out.account_cluster, k,
                                         cfg.signals, feature_cfg);
  // Internal weight per signal: each edge's combined weight split by the signals'
  // contributions (factor * w / unit), as combine_signals formed it.
  std::array<double, kNumSignals> unit_of{};
  unit_of.fill(1.0);
  for (std::size_t i = 0; i < actions.size(); ++i)
    unit_of[static_cast<std::size_t>(actions[i].signal)] = units[i];
  std::vector<std::array<double, kNumSignals>> signal_weight(k);
  for (auto& w : signal_weight) w.fill(0.0);
  std::vector<double> inside_weight(k, 0.0), inside_edges(k, 0.0);
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const auto c = out.account_cluster[edges.u[e]];
    if (c < 0 || c != out.account_cluster[edges.v[e]]) continue;
    inside_weight[c] += edges.weight[e];
    ++inside_edges[c];
    for (std::size_t s = 0; s < kNumSignals; ++s)
      if (!edges.w[s].empty())
        signal_weight[c][s] += cfg.signals.params[s].weight * edges.w[s][e] / unit_of[s];
  }
  // The null model runs for flag candidates: clusters that pass the size and mean-weight rules.
  std::vector<std::uint8_t> candidate(k, 0);
  for (std::uint32_t c = 0; c < k; ++c)
    candidate[c] = groups[c].size() >= cfg.flag.min_size && inside_edges[c] > 0 &&
                   inside_weight[c] / inside_edges[c] >= cfg.flag.min_mean_weight;
  const auto null = null_model(actions, out.account_cluster, candidate, cfg.signals, units,
                               cfg.null_model, cfg.seed);

  std::vector<std::int32_t> id(k);
  std::vector<std::uint32_t> size(k), n_edges(k);
  std::vector<double> density(k), total(k), mean(k), score(k);
  std::array<std::vector<double>, kNumSignals> share;
  BoolVector flagged;
  std::vector<std::string> reasons(k), top_json(k);
  std::vector<std::int32_t> m_cluster;
  std::vector<std::uint32_t> m_account, m_degree, m_internal_degree;
  std::vector<std::uint8_t> m_core;  // per membership row
  BoolVector m_flagged;
  std::vector<double> m_score, m_strength;

  for (std::uint32_t c = 0; c < k; ++c) {
    id[c] = static_cast<std::int32_t>(c);
    size[c] = static_cast<std::uint32_t>(groups[c].size());
    double internal_arc_weight = 0.0;
    std::uint64_t internal_arcs = 0;
    auto members = groups[c];
    std::sort(members.begin(), members.end());
    const auto first_member = m_core.size();
    for (auto v : members) {
      double inside = 0.0, strength = 0.0;
      std::uint32_t internal_degree = 0;
      const auto nb = graph.neighbors(v);
      const auto wt = graph.weights(v);
      for (std::size_t i = 0; i < nb.size(); ++i) {
        strength += wt[i];
        if (out.account_cluster[nb[i]] == static_cast<std::int32_t>(c)) {
          inside += wt[i];
          ++internal_arcs;
          ++internal_degree;
        }
      }
      internal_arc_weight += inside;
      // Core: tied to at least half of the other members, with most of its weight inside.
      const bool core = 2 * internal_degree >= size[c] - 1 && strength > 0.0 && inside >= 0.5 * strength;
      m_core.push_back(core ? 1 : 0);
      m_internal_degree.push_back(internal_degree);
      m_cluster.push_back(static_cast<std::int32_t>(c));
      m_account.push_back(v);
      m_degree.push_back(static_cast<std::uint32_t>(nb.size()));
      m_strength.push_back(strength);
      m_score.push_back(strength > 0.0 ? inside / strength : std::nan(""));
    }
    n_edges[c] = static_cast<std::uint32_t>(internal_arcs / 2);
    total[c] = internal_arc_weight / 2.0;
    const double pairs = 0.5 * size[c] * (size[c] - 1.0);
    density[c] = pairs > 0 ? n_edges[c] / pairs : 0.0;
    mean[c] = n_edges[c] > 0 ? total[c] / n_edges[c] : 0.0;
    score[c] = coordination_score(density[c], mean[c], null.p[c], cfg.flag);
    std::size_t main_signal = 0;
    for (std::size_t s = 0; s < kNumSignals; ++s) {
      if (edges.w[s].empty()) continue;
      share[s].push_back(total[c] > 0 ? signal_weight[c][s] / total[c] : 0.0);
      if (signal_weight[c][s] > signal_weight[c][main_signal]) main_signal = s;
    }
    const bool significant = std::isnan(null.p[c]) || null.p[c] <= cfg.flag.max_p_value;
    const bool flag = size[c] >= cfg.flag.min_size && mean[c] >= cfg.flag.min_mean_weight &&
                      score[c] >= cfg.flag.score_threshold && significant;
    flagged.values.push_back(flag ? 1 : 0);
    for (auto i = first_member; i < m_core.size(); ++i) {
      m_flagged.values.push_back(flag && m_core[i] ? 1 : 0);
      if (flag && m_core[i]) out.account_flagged[m_account[i]] = 1;
    }
    out.num_flagged += flag;
    if (flag) {
      const auto main = static_cast<Signal>(main_signal);
      reasons[c] = fmt::format(
          "{} accounts, {} of {} possible pairs co-acted (density {:.2f});"
          "mean weight {:.1f} per pair (threshold {:g}), {:.0f}% from {} within {} s",
          size[c], n_edges[c], static_cast<std::uint64_t>(pairs), density[c], mean[c],
          cfg.flag.min_mean_weight,
          total[c] > 0 ? 100.0 * signal_weight[c][main_signal] / total[c] : 0.0,
          signal_name(main), cfg.signals.params[main_signal].window_s);
      if (!std::isnan(features.sync_median_s[c]))
        reasons[c] += fmt::format(";median {:g} s between members' actions on the same object, "
                                  "{:.0f}% within {} s",
                                  features.sync_median_s[c], 100.0 * features.sync_fraction[c],
                                  cfg.features.sync_window_s);
      if (!std::isnan(null.p[c]))
        reasons[c] += fmt::format(
            ";{} of {} time-shifted replicates reached the observed {:.0f} co-actions "
            "(null mean {:.1f}, z = {:.1f}, p = {:.3f} <= {:g})",
            null.reached[c], cfg.null_model.replicates, null.observed[c], null.mean[c], null.z[c],
            null.p[c], cfg.flag.max_p_value);
      if (!std::isnan(features.duplication[c]) && features.duplication[c] > 0)
        reasons[c] += fmt::format(";{:.0f}% of members' texts duplicate another member's",
                                  100.0 * features.duplication[c]);
      if (!std::isnan(features.creation_concentration[c]) && features.creation_concentration[c] >= 0.5)
        reasons[c] += fmt::format(";{:.0f}% of members created within 7 days",
                                  100.0 * features.creation_concentration[c]);
      reasons[c] += fmt::format(";coordination score {:.2f} >= {:g}", score[c],
                                cfg.flag.score_threshold);
    }
  }

  // Evidence rows and the short JSON summary of the top five per cluster.
  std::vector<std::int32_t> e_cluster;
  std::vector<std::string> e_signal, e_object;
  std::vector<std::uint32_t> e_accounts, e_actions;
  std::vector<std::int64_t> e_first, e_last;
  std::vector<std::uint32_t> in_json(k, 0);
  for (const auto& r : evidence) {
    const auto& a = *by_signal[r.signal];
    const auto object = a.object_name(r.object);
    e_cluster.push_back(r.cluster);
    e_signal.emplace_back(signal_name(a.signal));
    e_object.emplace_back(object);
    e_accounts.push_back(r.n_accounts);
    e_actions.push_back(r.n_actions);
    e_first.push_back(r.first);
    e_last.push_back(r.last);
    if (in_json[r.cluster]++ < 5) {
      auto& j = top_json[r.cluster];
      j += fmt::format("{}{{\"signal\":\"{}\",\"object\":\"{}\",\"n_accounts\":{},\"n_actions\":{}}}",
                       j.empty() ? "[" : ",", signal_name(a.signal), json_escape(object),
                       r.n_accounts, r.n_actions);
    }
  }
  for (auto& j : top_json) j = j.empty() ? "[]" : j + "]";
  for (std::uint32_t c = 0; c < k; ++c)
    if (first[c] == std::numeric_limits<std::int64_t>::max()) first[c] = -1;

  out.clusters.path = "/clusters";
  auto& cc = out.clusters.columns;
  cc.push_back(column("cluster_id", "canonical id: size desc, then smallest member account_id", "", id));
  cc.push_back(column("size", "member accounts", "accounts", size));
  cc.push_back(column("n_edges", "kept edges between members", "edges", n_edges));
  cc.push_back(column("density", "n_edges / (size (size - 1) / 2), in [0, 1]", "", density));
  cc.push_back(column("total_weight", "sum of internal combined edge weights", "", total));
  cc.push_back(column("mean_weight", "total_weight / n_edges", "", mean));
  cc.push_back(column("conductance", "cut weight / min(volume inside, volume outside), in [0, 1]; lower = more separated", "", features.conductance));
  cc.push_back(column("behavioural_similarity", "mean pairwise cosine of members' TF-IDF vectors over (signal, object), in [0, 1]", "", features.similarity, "NaN"));
  cc.push_back(column("sync_median_s", "median |dt| from a member's action to the nearest other member's on the same object", "s", features.sync_median_s, "NaN"));
  cc.push_back(column("sync_fraction", "share of those |dt| within features.sync_window_s", "", features.sync_fraction, "NaN"));
  cc.push_back(column("content_duplication", "share of members' texts that near-duplicate another member's", "", features.duplication, "NaN"));
  cc.push_back(column("creation_concentration", "largest share of members (with known creation date) created within 7 days", "", features.creation_concentration, "NaN"));
  cc.push_back(column("repost_ratio", "members' reposts / members' posts", "", features.repost_ratio, "NaN"));
  cc.push_back(column("active_span_s", "last - first member activity", "s", features.active_span_s, "NaN"));
  cc.push_back(column("null_observed", "co-actions inside the cluster (combined units)", "", null.observed));
  cc.push_back(column("null_mean", "mean of the same count over time-shifted replicates", "", null.mean));
  cc.push_back(column("null_z", "(observed - null mean) / max(null sd, 1)", "", null.z, "NaN"));
  cc.push_back(column("null_p", "empirical p-value: (1 + replicates reaching observed) / (replicates + 1)", "", null.p, "NaN"));
  cc.push_back(column("score", "coordination score in [0, 1): density * w / (w + half_weight) * (1 - null_p)", "", score));
  for (std::size_t sg = 0; sg < kNumSignals; ++sg)
    if (!edges.w[sg].empty())
      cc.push_back(column("score_" + std::string(signal_name(static_cast<Signal>(sg))),
                          "share of the internal weight from this signal, in [0, 1]", "",
                          std::move(share[sg])));
  cc.push_back(column("flagged", "all flag rules hold (README, Flags)", "", flagged));
  cc.push_back(column("flag_reasons", "';'-joined rules that fired, in words", "", reasons));
  cc.push_back(column("first_activity", "earliest post of a member", kTimeUnits, first, "-1"));
  cc.push_back(column("last_activity", "latest post of a member", kTimeUnits, last, "-1"));
  cc.push_back(column("top_objects_json", "top five evidence objects over all signals (JSON array)", "", top_json));

  out.memberships.path = "/memberships";
  auto& mc = out.memberships.columns;
  mc.push_back(column("cluster_id", "cluster of the account", "", m_cluster));
  mc.push_back(column("account_idx", "row of /accounts", "", m_account));
  mc.push_back(column("membership_score", "share of the account's edge weight inside its cluster", "", m_score, "NaN"));
  mc.push_back(column("degree", "kept edges of the account", "edges", m_degree));
  mc.push_back(column("strength", "sum of the combined weights of those edges", "", m_strength));
  mc.push_back(column("internal_degree", "kept edges to other members", "edges", m_internal_degree));
  std::vector<std::string> role;
  for (auto c : m_core) role.emplace_back(c ? "core" : "periphery");
  mc.push_back(column("role", "core: tied to at least half of the other members with at least half of its weight inside; else periphery", "", role));
  mc.push_back(column("flagged", "the cluster is flagged and the account is core", "", m_flagged));

  out.evidence.path = "/evidence";
  auto& ec = out.evidence.columns;
  ec.push_back(column("cluster_id", "cluster the evidence supports", "", e_cluster));
  ec.push_back(column("signal", "signal name", "", e_signal));
  ec.push_back(column("object", "the shared object, as in the input", "", e_object));
  ec.push_back(column("n_accounts", "members with a co-action on the object", "accounts", e_accounts));
  ec.push_back(column("n_actions", "members' actions on it within the window of another member's", "actions", e_actions));
  ec.push_back(column("first_time", "first such action", kTimeUnits, e_first));
  ec.push_back(column("last_time", "last such action", kTimeUnits, e_last));
  return out;
}

}  // namespace lockstep::analysis
