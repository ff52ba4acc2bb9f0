// SPDX-License-Identifier: Apache-2.0
#include "algorithms/projection/co_action.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <limits>

#include "algorithms/base/error.hpp"

namespace lockstep::algo {
namespace {

/// One matched pair of actions. row_lo is the action of the smaller actor id.
struct Match {
  std::uint64_t key;  // (actor_lo << 32) | actor_hi
  std::uint32_t object;
  std::uint32_t delta;
  std::uint32_t row_lo;
  std::uint32_t row_hi;

  bool operator<(const Match& o) const {
    if (key != o.key) return key < o.key;
    if (object != o.object) return object < o.object;
    if (delta != o.delta) return delta < o.delta;
    if (row_lo != o.row_lo) return row_lo < o.row_lo;
    return row_hi < o.row_hi;
  }
};

void check_columns(const ActionColumns& a, const CoActionConfig& cfg) {
  const auto n = a.actor.size();
  LOCKSTEP_EXPECTS(a.object.size() == n && a.time.size() == n && a.content.size() == n,
                   "action columns differ in length");
  LOCKSTEP_EXPECTS(a.pairable.empty() || a.pairable.size() == n, "pairable column length");
  LOCKSTEP_EXPECTS(n < std::numeric_limits<std::uint32_t>::max(), "more than 2^32 actions");
  LOCKSTEP_EXPECTS(cfg.window_s >= 0 && cfg.window_s < (std::int64_t{1} << 31),
                   "window must be in [0, 2^31) seconds");
  for (auto x : a.actor) LOCKSTEP_EXPECTS(x < a.num_actors, "actor id out of range");
  if (!a.object_weight.empty())
    for (auto o : a.object) LOCKSTEP_EXPECTS(o < a.object_weight.size(), "object without a weight");
}

bool pairable(const ActionColumns& a, std::uint32_t row) {
  return a.pairable.empty() || a.pairable[row] != 0;
}

/// Number of actions per actor.
std::vector<std::uint32_t> count_by_actor(const ActionColumns& a,
                                          std::span<const std::uint32_t> rows) {
  std::vector<std::uint32_t> count(a.num_actors, 0);
  for (auto r : rows) ++count[a.actor[r]];
  return count;
}

/// Rule (d): keep a match when one of its actors has >= k distinct actions among matched ones.
void apply_matched_participation(const ActionColumns& a, std::uint32_t k,
                                 std::vector<Match>& matches) {
  if (k <= 1) return;
  std::vector<std::uint8_t> in_match(a.actor.size(), 0);
  for (const auto& m : matches) in_match[m.row_lo] = in_match[m.row_hi] = 1;
  std::vector<std::uint32_t> matched(a.num_actors, 0);
  for (std::size_t r = 0; r < in_match.size(); ++r) matched[a.actor[r]] += in_match[r];
  std::erase_if(matches, [&](const Match& m) {
    return matched[m.key >> 32] < k && matched[m.key & 0xFFFFFFFFULL] < k;
  });
}

/// Sorted matches -> one edge row per key. Parallel over keys; each row's values depend only
/// on its own (sorted) matches, so the result is thread-count independent.
CoActionEdges aggregate(const ActionColumns& a, const std::vector<Match>& matches) {
  std::vector<std::size_t> start;
  for (std::size_t i = 0; i < matches.size(); ++i)
    if (i == 0 || matches[i].key != matches[i - 1].key) start.push_back(i);
  start.push_back(matches.size());
  const std::size_t m = start.size() - 1;

  CoActionEdges e;
  e.u.resize(m);
  e.v.resize(m);
  e.weight.resize(m);
  e.n_objects.resize(m);
  e.min_delta.resize(m);
  e.median_delta.resize(m);
  e.symmetry.resize(m);
  e.weighted.resize(m);
  e.num_matches = matches.size();

  struct Scratch {
    std::vector<std::uint32_t> deltas, lo, hi;
  };
  tbb::enumerable_thread_specific<Scratch> scratch;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, m, 256), [&](const auto& range) {
    auto& s = scratch.local();
    for (std::size_t g = range.begin(); g != range.end(); ++g) {
      const std::size_t b = start[g], end = start[g + 1];
      s.deltas.clear();
      s.lo.clear();
      s.hi.clear();
      std::uint32_t objects = 0;
      double weighted = 0.0;
      for (std::size_t i = b; i < end; ++i) {
        const auto& x = matches[i];
        if (i == b || x.object != matches[i - 1].object) ++objects;
        weighted += a.object_weight.empty() ? 1.0 : a.object_weight[x.object];
        s.deltas.push_back(x.delta);
        s.lo.push_back(a.content[x.row_lo]);
        s.hi.push_back(a.content[x.row_hi]);
      }
      std::sort(s.deltas.begin(), s.deltas.end());
      const std::size_t k = s.deltas.size();
      const double median = (k % 2 == 1) ? s.deltas[k / 2]
                                         : 0.5 * (static_cast<double>(s.deltas[k / 2 - 1]) +
                                                  static_cast<double>(s.deltas[k / 2]));
      auto distinct = [](std::vector<std::uint32_t>& v) {
        std::sort(v.begin(), v.end());
        return static_cast<double>(std::unique(v.begin(), v.end()) - v.begin());
      };
      const double dl = distinct(s.lo), dh = distinct(s.hi);
      e.u[g] = static_cast<std::uint32_t>(matches[b].key >> 32);
      e.v[g] = static_cast<std::uint32_t>(matches[b].key & 0xFFFFFFFFULL);
      e.weight[g] = static_cast<std::uint32_t>(k);
      e.n_objects[g] = objects;
      e.min_delta[g] = s.deltas.front();
      e.median_delta[g] = median;
      e.symmetry[g] = static_cast<float>(std::min(dl, dh) / std::max(dl, dh));
      e.weighted[g] = weighted;
    }
  });
  return e;
}

Match make_match(const ActionColumns& a, std::uint32_t r1, std::uint32_t r2, std::int64_t dt) {
  std::uint32_t x = a.actor[r1], y = a.actor[r2];
  if (x > y) {
    std::swap(x, y);
    std::swap(r1, r2);
  }
  return {(std::uint64_t{x} << 32) | y, a.object[r1], static_cast<std::uint32_t>(dt), r1, r2};
}

bool forms_match(const ActionColumns& a, std::uint32_t r1, std::uint32_t r2) {
  return a.actor[r1] != a.actor[r2] && a.content[r1] != a.content[r2] && pairable(a, r1) &&
         pairable(a, r2);
}

}  // namespace

CoActionEdges project_co_actions(const ActionColumns& a, const CoActionConfig& cfg) {
  check_columns(a, cfg);
  const auto n = static_cast<std::uint32_t>(a.actor.size());

  // (a) participation filter.
  std::vector<std::uint32_t> all(n);
  for (std::uint32_t r = 0; r < n; ++r) all[r] = r;
  const auto count = count_by_actor(a, all);
  std::vector<std::uint32_t> active;
  active.reserve(n);
  for (std::uint32_t r = 0; r < n; ++r)
    if (count[a.actor[r]] >= std::max<std::uint32_t>(cfg.min_participation, 1)) active.push_back(r);

  // Bucket active actions by object (stable counting sort), then order each bucket by time.
  std::uint32_t num_objects = 0;
  for (auto r : active) num_objects = std::max(num_objects, a.object[r] + 1);
  std::vector<std::uint32_t> offset(static_cast<std::size_t>(num_objects) + 1, 0);
  for (auto r : active) ++offset[a.object[r] + 1];
  for (std::size_t o = 0; o < num_objects; ++o) offset[o + 1] += offset[o];
  std::vector<std::uint32_t> order(active.size());
  {
    std::vector<std::uint32_t> fill(offset.begin(), offset.end() - 1);
    for (auto r : active) order[fill[a.object[r]]++] = r;
  }

  // (b, c) sliding window per object; per-thread match buffers.
  struct Local {
    std::vector<Match> matches;
    std::uint64_t capped_objects = 0, capped_pairs = 0;
  };
  tbb::enumerable_thread_specific<Local> local;
  const std::uint64_t cap = cfg.max_pairs_per_object == 0 ? ~std::uint64_t{0} : cfg.max_pairs_per_object;
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, num_objects, 512), [&](const auto& rg) {
    auto& out = local.local();
    for (auto o = rg.begin(); o != rg.end(); ++o) {
      const auto b = order.begin() + offset[o], e = order.begin() + offset[o + 1];
      if (e - b < 2) continue;
      std::sort(b, e, [&](std::uint32_t x, std::uint32_t y) {
        return a.time[x] != a.time[y] ? a.time[x] < a.time[y] : x < y;
      });
      std::uint64_t examined = 0;
      auto j_end = b;  // two pointers: [i + 1, j_end) is i's window
      for (auto i = b; i != e; ++i) {
        if (j_end <= i) j_end = i + 1;
        while (j_end != e && a.time[*j_end] - a.time[*i] <= cfg.window_s) ++j_end;
        const auto in_window = static_cast<std::uint64_t>(j_end - i - 1);
        if (examined + in_window > cap) {
          // Count what the cap leaves out (O(window) per action, no pairs stored).
          const auto take = cap - examined;
          for (auto j = i + 1; j != i + 1 + static_cast<std::ptrdiff_t>(take); ++j)
            if (forms_match(a, *i, *j)) out.matches.push_back(make_match(a, *i, *j, a.time[*j] - a.time[*i]));
          std::uint64_t skipped = in_window - take;
          auto k_end = j_end;
          for (auto k = i + 1; k != e; ++k) {
            if (k_end <= k) k_end = k + 1;
            while (k_end != e && a.time[*k_end] - a.time[*k] <= cfg.window_s) ++k_end;
            skipped += static_cast<std::uint64_t>(k_end - k - 1);
          }
          ++out.capped_objects;
          out.capped_pairs += skipped;
          break;
        }
        examined += in_window;
        for (auto j = i + 1; j != j_end; ++j)
          if (forms_match(a, *i, *j)) out.matches.push_back(make_match(a, *i, *j, a.time[*j] - a.time[*i]));
      }
    }
  });
  std::size_t total = 0;
  std::uint64_t capped_objects = 0, capped_pairs = 0;
  for (const auto& l : local) {
    total += l.matches.size();
    capped_objects += l.capped_objects;
    capped_pairs += l.capped_pairs;
  }
  std::vector<Match> matches;
  matches.reserve(total);
  for (auto& l : local) {
    matches.insert(matches.end(), l.matches.begin(), l.matches.end());
    std::vector<Match>().swap(l.matches);
  }

  apply_matched_participation(a, cfg.min_participation, matches);  // (d)
  tbb::parallel_sort(matches.begin(), matches.end());               // total order: deterministic
  auto edges = aggregate(a, matches);                                // (e)
  for (auto c : count) edges.num_active_actors += c >= std::max<std::uint32_t>(cfg.min_participation, 1);
  edges.num_capped_objects = capped_objects;
  edges.num_capped_pairs = capped_pairs;
  return edges;
}

CoActionEdges project_co_actions_brute_force(const ActionColumns& a, const CoActionConfig& cfg) {
  check_columns(a, cfg);
  const auto n = static_cast<std::uint32_t>(a.actor.size());
  const std::uint32_t k = std::max<std::uint32_t>(cfg.min_participation, 1);
  std::vector<std::uint32_t> count(a.num_actors, 0);
  for (std::uint32_t r = 0; r < n; ++r) ++count[a.actor[r]];
  std::vector<Match> matches;
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::uint32_t j = i + 1; j < n; ++j) {
      if (count[a.actor[i]] < k || count[a.actor[j]] < k) continue;
      if (a.object[i] != a.object[j] || !forms_match(a, i, j)) continue;
      const auto dt = a.time[i] > a.time[j] ? a.time[i] - a.time[j] : a.time[j] - a.time[i];
      if (dt <= cfg.window_s) matches.push_back(make_match(a, i, j, dt));
    }
  apply_matched_participation(a, cfg.min_participation, matches);
  std::sort(matches.begin(), matches.end());
  auto edges = aggregate(a, matches);
  for (auto c : count) edges.num_active_actors += c >= k;
  return edges;
}

}  // namespace lockstep::algo
