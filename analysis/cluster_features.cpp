// SPDX-License-Identifier: Apache-2.0
#include "analysis/cluster_features.hpp"

#include <Eigen/SparseCore>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "algorithms/parallel/random.hpp"

namespace lockstep::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double median(std::vector<double>& v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const auto k = v.size();
  return k % 2 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]);
}

std::vector<std::vector<std::uint32_t>> members_of(std::span<const std::int32_t> cluster,
                                                   std::uint32_t k) {
  std::vector<std::vector<std::uint32_t>> m(k);
  for (std::uint32_t a = 0; a < cluster.size(); ++a)
    if (cluster[a] >= 0) m[static_cast<std::size_t>(cluster[a])].push_back(a);
  return m;
}

void conductance(const CsrGraph& g, std::span<const std::int32_t> cluster, ClusterFeatures& f) {
  const auto k = f.conductance.size();
  std::vector<double> cut(k, 0.0), vol(k, 0.0);
  double total = 0.0;
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    const auto nb = g.neighbors(v);
    const auto wt = g.weights(v);
    const auto c = cluster[v];
    for (std::size_t i = 0; i < nb.size(); ++i) {
      total += wt[i];
      if (c < 0) continue;
      vol[static_cast<std::size_t>(c)] += wt[i];
      if (cluster[nb[i]] != c) cut[static_cast<std::size_t>(c)] += wt[i];
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    const double denom = std::min(vol[c], total - vol[c]);
    f.conductance[c] = denom > 0 ? cut[c] / denom : 0.0;
  }
}

/// Nearest other-member |dt| of every member action, per cluster, over all signals.
void synchrony(std::span<const SignalActions> actions, std::span<const std::int32_t> cluster,
               const SignalsConfig& signals, const FeatureConfig& cfg, ClusterFeatures& f) {
  const auto k = f.sync_median_s.size();
  std::vector<std::vector<double>> deltas(k);
  struct Act {
    std::int32_t cluster;
    std::uint32_t object;
    std::int64_t time;
    std::uint32_t actor;
  };
  for (const auto& a : actions) {
    const auto window = signals.params[static_cast<std::size_t>(a.signal)].window_s;
    std::vector<Act> acts;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (cluster[a.actor[i]] >= 0) acts.push_back({cluster[a.actor[i]], a.object[i], a.time[i], a.actor[i]});
    std::sort(acts.begin(), acts.end(), [](const Act& x, const Act& y) {
      return std::tie(x.cluster, x.object, x.time, x.actor) < std::tie(y.cluster, y.object, y.time, y.actor);
    });
    for (std::size_t b = 0; b < acts.size();) {
      std::size_t e = b;
      while (e < acts.size() && acts[e].cluster == acts[b].cluster && acts[e].object == acts[b].object) ++e;
      for (std::size_t i = b; i < e; ++i) {
        std::int64_t best = window + 1;
        for (std::size_t j = i; j-- > b && acts[i].time - acts[j].time < best;)
          if (acts[j].actor != acts[i].actor) best = acts[i].time - acts[j].time;
        for (std::size_t j = i + 1; j < e && acts[j].time - acts[i].time < best; ++j)
          if (acts[j].actor != acts[i].actor) best = acts[j].time - acts[i].time;
        if (best <= window) deltas[static_cast<std::size_t>(acts[i].cluster)].push_back(static_cast<double>(best));
      }
      b = e;
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    const auto n = deltas[c].size();
    const auto close = std::count_if(deltas[c].begin(), deltas[c].end(),
                                     [&](double d) { return d <= static_cast<double>(cfg.sync_window_s); });
    f.sync_fraction[c] = n ? static_cast<double>(close) / static_cast<double>(n) : kNaN;
    f.sync_median_s[c] = median(deltas[c]);
  }
}

/// Mean pairwise cosine of TF-IDF vectors over (signal, object) features; IDF over all actions.
void similarity(std::span<const SignalActions> actions, std::span<const std::int32_t> cluster,
                const std::vector<std::vector<std::uint32_t>>& members, const FeatureConfig& cfg,
                ClusterFeatures& f) {
  // Feature ids: per signal an offset; document frequency over every actor of the signal.
  std::vector<std::uint64_t> offset(actions.size() + 1, 0);
  for (std::size_t s = 0; s < actions.size(); ++s) {
    std::uint32_t objects = 0;
    for (auto o : actions[s].object) objects = std::max(objects, o + 1);
    offset[s + 1] = offset[s] + objects;
  }
  // Document frequency of a feature: actions on it (accounts rarely act twice on one object;
  // counting actions avoids a sort of every action).
  std::vector<std::uint32_t> df(offset.back(), 0);
  std::uint64_t num_actors = 0;
  {
    std::vector<std::uint8_t> any(actions.empty() ? 0 : actions.front().num_actors, 0);
    for (std::size_t s = 0; s < actions.size(); ++s)
      for (std::size_t i = 0; i < actions[s].size(); ++i) {
        ++df[offset[s] + actions[s].object[i]];
        any[actions[s].actor[i]] = 1;
      }
    for (auto x : any) num_actors += x;
  }
  // Per member: its (feature, count) entries.
  std::vector<std::vector<std::pair<std::uint64_t, double>>> vec(cluster.size());
  for (std::size_t s = 0; s < actions.size(); ++s)
    for (std::size_t i = 0; i < actions[s].size(); ++i)
      if (cluster[actions[s].actor[i]] >= 0)
        vec[actions[s].actor[i]].emplace_back(offset[s] + actions[s].object[i], 1.0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, members.size(), 1), [&](const auto& r) {
    for (auto c = r.begin(); c != r.end(); ++c) {
      auto sample = members[c];
      if (sample.size() > cfg.similarity_sample) {
        std::sort(sample.begin(), sample.end(), [&](auto x, auto y) {
          return splitmix64(cfg.seed ^ x) < splitmix64(cfg.seed ^ y);
        });
        sample.resize(cfg.similarity_sample);
        std::sort(sample.begin(), sample.end());
      }
      const auto n = sample.size();
      if (n < 2) {
        f.similarity[c] = kNaN;
        continue;
      }
      // Rows: sampled members; columns: the features they use, renumbered densely so the
      // matrix (and its transpose) is as small as the sample, not the whole feature space.
      std::vector<std::vector<std::pair<std::uint64_t, double>>> rows(n);
      std::vector<std::uint64_t> used;
      for (std::size_t row = 0; row < n; ++row) {
        auto entries = vec[sample[row]];
        std::sort(entries.begin(), entries.end());
        auto& merged = rows[row];
        for (const auto& [feature, one] : entries) {
          if (!merged.empty() && merged.back().first == feature) merged.back().second += one;
          else merged.emplace_back(feature, one);
        }
        double norm = 0.0;
        for (auto& [feature, tf] : merged) {
          tf *= std::log(static_cast<double>(num_actors + 1) / (df[feature] + 1.0)) + 1.0;
          norm += tf * tf;
          used.push_back(feature);
        }
        norm = std::sqrt(norm);
        for (auto& entry : merged) entry.second = norm > 0 ? entry.second / norm : 0.0;
      }
      std::sort(used.begin(), used.end());
      used.erase(std::unique(used.begin(), used.end()), used.end());
      std::vector<Eigen::Triplet<double, std::int64_t>> triplets;
      for (std::size_t row = 0; row < n; ++row)
        for (const auto& [feature, w] : rows[row])
          triplets.emplace_back(
              static_cast<std::int64_t>(row),
              static_cast<std::int64_t>(std::lower_bound(used.begin(), used.end(), feature) - used.begin()),
              w);
      Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t> m(
          static_cast<std::int64_t>(n), static_cast<std::int64_t>(used.size()));
      m.setFromTriplets(triplets.begin(), triplets.end());
      const Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t> gram = m * m.transpose();
      double sum = 0.0;
      for (std::int64_t i = 0; i < gram.outerSize(); ++i)
        for (decltype(gram)::InnerIterator it(gram, i); it; ++it)
          if (it.row() != it.col()) sum += it.value();
      f.similarity[c] = sum / (static_cast<double>(n) * static_cast<double>(n - 1));
    }
  });
}

void duplication(const ActivityTable& t, std::span<const SignalActions> actions,
                 std::span<const std::int32_t> cluster, ClusterFeatures& f) {
  const auto k = f.duplication.size();
  if (t.post_text.size() != t.num_posts()) return;  // no text: stays NaN
  std::vector<double> texts(k, 0.0), duplicated(k, 0.0);
  for (std::size_t p = 0; p < t.num_posts(); ++p) {
    const auto c = cluster[t.post_account[p]];
    if (c >= 0 && t.post_kind[p] != PostKind::repost && !t.post_text[p].empty()) ++texts[static_cast<std::size_t>(c)];
  }
  const auto text = std::find_if(actions.begin(), actions.end(),
                                 [](const auto& a) { return a.signal == Signal::co_text; });
  if (text != actions.end()) {
    // A member's post is duplicated when its text group holds another member's post.
    std::vector<std::tuple<std::int32_t, std::uint32_t, std::uint32_t>> rows;  // cluster, group, actor
    for (std::size_t i = 0; i < text->size(); ++i)
      if (cluster[text->actor[i]] >= 0) rows.emplace_back(cluster[text->actor[i]], text->object[i], text->actor[i]);
    std::sort(rows.begin(), rows.end());
    for (std::size_t b = 0; b < rows.size();) {
      std::size_t e = b;
      while (e < rows.size() && std::get<0>(rows[e]) == std::get<0>(rows[b]) && std::get<1>(rows[e]) == std::get<1>(rows[b])) ++e;
      if (std::get<2>(rows[b]) != std::get<2>(rows[e - 1]))  // at least two members
        duplicated[static_cast<std::size_t>(std::get<0>(rows[b]))] += static_cast<double>(e - b);
      b = e;
    }
  }
  for (std::size_t c = 0; c < k; ++c) f.duplication[c] = texts[c] > 0 ? duplicated[c] / texts[c] : kNaN;
}

}  // namespace

ClusterFeatures cluster_features(const ActivityTable& table, std::span<const SignalActions> actions,
                                 const CsrGraph& graph, std::span<const std::int32_t> cluster,
                                 std::uint32_t k, const SignalsConfig& signals,
                                 const FeatureConfig& cfg) {
  ClusterFeatures f;
  for (auto* v : {&f.conductance, &f.similarity, &f.sync_median_s, &f.sync_fraction,
                  &f.duplication, &f.creation_concentration, &f.repost_ratio, &f.active_span_s})
    v->assign(k, kNaN);
  const auto members = members_of(cluster, k);
  conductance(graph, cluster, f);
  synchrony(actions, cluster, signals, cfg, f);
  similarity(actions, cluster, members, cfg, f);
  duplication(table, actions, cluster, f);

  std::vector<double> posts(k, 0.0), reposts(k, 0.0);
  std::vector<std::int64_t> first(k, std::numeric_limits<std::int64_t>::max()), last(k, -1);
  for (std::size_t p = 0; p < table.num_posts(); ++p) {
    const auto c = cluster[table.post_account[p]];
    if (c < 0) continue;
    const auto ci = static_cast<std::size_t>(c);
    ++posts[ci];
    reposts[ci] += table.post_kind[p] == PostKind::repost;
    first[ci] = std::min(first[ci], table.post_time[p]);
    last[ci] = std::max(last[ci], table.post_time[p]);
  }
  for (std::size_t c = 0; c < k; ++c) {
    if (posts[c] > 0) {
      f.repost_ratio[c] = reposts[c] / posts[c];
      f.active_span_s[c] = static_cast<double>(last[c] - first[c]);
    }
    std::vector<std::int64_t> created;
    for (auto a : members[c])
      if (a < table.accounts.created.size() && table.accounts.created[a] >= 0)
        created.push_back(table.accounts.created[a]);
    if (created.size() < 2) continue;
    std::sort(created.begin(), created.end());
    std::size_t best = 0;
    for (std::size_t i = 0, j = 0; i < created.size(); ++i) {
      while (created[i] - created[j] > cfg.creation_window_s) ++j;
      best = std::max(best, i - j + 1);
    }
    f.creation_concentration[c] = static_cast<double>(best) / static_cast<double>(created.size());
  }
  return f;
}

}  // namespace lockstep::analysis
