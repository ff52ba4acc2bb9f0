// SPDX-License-Identifier: Apache-2.0
#include "algorithms/community/leiden.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

#include "algorithms/base/error.hpp"
#include "algorithms/parallel/random.hpp"

namespace lockstep::algo {
namespace {

constexpr VertexId kNone = std::numeric_limits<VertexId>::max();
// Batches per sweep. Moves inside one batch are evaluated against the same state, so more
// batches means fresher information (closer to sequential Louvain) and fewer means more
// parallel work per batch; 32 keeps > 300 vertices per batch from n = 10^4 on.
constexpr std::size_t kMaxBatches = 32;
constexpr std::size_t kGrain = 64;

// Per-thread flat accumulator: weight from one vertex to each community it touches.
struct Scratch {
  std::vector<double> weight_to;  // 0 = untouched (arc weights are > 0)
  std::vector<VertexId> touched;
};
using ScratchSet = tbb::enumerable_thread_specific<Scratch>;

Scratch& local_scratch(ScratchSet& set, std::size_t n) {
  Scratch& s = set.local();
  if (s.weight_to.size() < n) s.weight_to.assign(n, 0.0);
  return s;
}

// Room for `degree` touched communities (a buffer filled by index, cheaper than push_back).
VertexId* touched_room(Scratch& s, std::size_t degree) {
  if (s.touched.size() < degree) s.touched.resize(std::max(degree, 2 * s.touched.size()));
  return s.touched.data();
}

// One level's graph and node weights. Row v holds the arcs [begin[v], end[v]) of targets and
// weights; aggregated rows are unsorted and may keep unused room after end[v] (building them in
// place needs neither a sort nor a compaction copy). The gain of moving v (taken out of its
// community) into community c is weight(v, c) - scale * x_v * total(c): x is the strength and
// scale gamma / 2m for modularity, x the number of original vertices and scale gamma for CPM.
struct Level {
  VertexId n = 0;
  const EdgeIndex* begin = nullptr;
  const EdgeIndex* end = nullptr;
  const VertexId* targets = nullptr;
  const float* weights = nullptr;
  std::vector<double> x;
  double scale = 0.0;
  // Aggregated levels own their arrays (the pointers above point into them).
  std::vector<EdgeIndex> owned_begin;
  std::vector<EdgeIndex> owned_end;
  std::unique_ptr<VertexId[]> owned_targets;
  std::unique_ptr<float[]> owned_weights;
};

// Vertices grouped into seeded batches, by vertex id inside a batch.
struct Schedule {
  std::vector<VertexId> order;
  std::vector<std::size_t> start;  // batches + 1 entries
};

Schedule make_schedule(VertexId n, std::uint64_t seed, int level) {
  const std::size_t batches = std::min<std::size_t>(kMaxBatches, std::max<VertexId>(n, 1));
  const std::uint64_t key = splitmix64(seed + static_cast<std::uint64_t>(level));
  std::vector<std::uint32_t> batch_of(n);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v)
      batch_of[v] = static_cast<std::uint32_t>(splitmix64(key ^ v) % batches);
  });
  Schedule s;
  s.start.assign(batches + 1, 0);
  for (VertexId v = 0; v < n; ++v) ++s.start[batch_of[v] + 1];
  std::partial_sum(s.start.begin(), s.start.end(), s.start.begin());
  std::vector<std::size_t> fill(s.start.begin(), s.start.end() - 1);
  s.order.resize(n);
  for (VertexId v = 0; v < n; ++v) s.order[fill[batch_of[v]]++] = v;
  return s;
}

// A partition of one level with the per-community sums the gains need.
struct Communities {
  std::vector<VertexId> label;  // per vertex, < n
  std::vector<double> total;    // sum of x per community
  std::vector<VertexId> size;   // members per community
};

Communities make_communities(const Level& lv, std::vector<VertexId> label) {
  Communities cs;
  cs.total.assign(label.size(), 0.0);
  cs.size.assign(label.size(), 0);
  for (std::size_t v = 0; v < label.size(); ++v) {
    cs.total[label[v]] += lv.x[v];
    ++cs.size[label[v]];
  }
  cs.label = std::move(label);
  return cs;
}

// Evaluates every vertex of each batch in parallel against the current state, then commits the
// proposals sequentially in batch order. A proposal into a community that an earlier commit of
// the same batch emptied is dropped (it would only relabel, and it stops two singletons from
// swapping). `propose` returns the target (or kNone) and sets the gain; `admit` may veto a
// commit; `on_commit` sees every applied move. Returns the summed gain of applied moves.
template <class Propose, class Admit, class OnCommit>
double run_batches(const Level& lv, const Schedule& sched, Communities& cs, ScratchSet& scratch,
                   std::vector<VertexId>& target, std::vector<double>& gain, Propose propose,
                   Admit admit, OnCommit on_commit) {
  const std::size_t n = lv.x.size();
  double total_gain = 0.0;
  for (std::size_t b = 0; b + 1 < sched.start.size(); ++b) {
    const std::size_t first = sched.start[b];
    const std::size_t last = sched.start[b + 1];
    tbb::parallel_for(tbb::blocked_range<std::size_t>(first, last, kGrain), [&](const auto& r) {
      Scratch& s = local_scratch(scratch, n);
      for (auto i = r.begin(); i != r.end(); ++i) {
        const VertexId v = sched.order[i];
        target[v] = propose(v, s, gain[v]);
      }
    });
    for (std::size_t i = first; i < last; ++i) {
      const VertexId v = sched.order[i];
      const VertexId to = std::exchange(target[v], kNone);
      if (to == kNone || cs.size[to] == 0 || !admit(v)) continue;
      const VertexId from = cs.label[v];
      cs.total[from] -= lv.x[v];
      cs.total[to] += lv.x[v];
      --cs.size[from];
      ++cs.size[to];
      cs.label[v] = to;
      total_gain += gain[v];
      on_commit(v);
    }
    on_commit(kNone);  // end of batch
  }
  return total_gain;
}

// Local moving: sweeps over the vertices whose neighbourhood changed (all at first) until a sweep
// gains at most tol * norm or max_passes sweeps ran. Returns the number of moves made.
std::size_t move_nodes(const Level& lv, const Schedule& sched, Communities& cs, double tol,
                       double norm, int max_passes, ScratchSet& scratch) {
  const VertexId n = lv.n;
  std::vector<std::uint8_t> active(n, 1);
  std::vector<VertexId> target(n, kNone);
  std::vector<double> gain(n, 0.0);
  std::vector<VertexId> moved;
  std::size_t moves = 0;
  // Gathers the weight to each neighbouring community in the flat accumulator, then scores the
  // touched communities and clears their entries in the same loop.
  const auto propose = [&](VertexId v, Scratch& s, double& best_gain) {
    if (active[v] == 0) return kNone;
    active[v] = 0;
    const EdgeIndex first = lv.begin[v];
    const EdgeIndex last = lv.end[v];
    VertexId* const touched = touched_room(s, last - first);
    double* const weight_to = s.weight_to.data();
    const VertexId* const label = cs.label.data();
    std::size_t count = 0;
    for (EdgeIndex i = first; i < last; ++i) {
      const VertexId c = label[lv.targets[i]];
      if (weight_to[c] == 0.0) touched[count++] = c;
      weight_to[c] += lv.weights[i];
    }
    const VertexId own = label[v];
    const double xv = lv.x[v];
    const double penalty = lv.scale * xv;
    const double stay = weight_to[own] - penalty * (cs.total[own] - xv);
    double best_score = stay;
    VertexId best = kNone;
    for (std::size_t j = 0; j < count; ++j) {
      const VertexId c = touched[j];
      const double w = weight_to[c];
      weight_to[c] = 0.0;
      // score <= w (totals are >= 0), so a candidate with w < best_score can neither win nor
      // tie: skipping it saves the random read of its total.
      if (c == own || w < best_score) continue;
      const double score = w - penalty * cs.total[c];
      if (score > best_score || (score == best_score && best != kNone && c < best)) {
        best_score = score;
        best = c;
      }
    }
    best_gain = best_score - stay;
    return best;
  };
  const auto admit = [](VertexId) { return true; };
  // Moved vertices wake their neighbours once the batch is committed; setting a flag to 1 from
  // several threads gives the same flags in any order.
  const auto on_commit = [&](VertexId v) {
    if (v != kNone) {
      moved.push_back(v);
      ++moves;
      return;
    }
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, moved.size(), kGrain), [&](const auto& r) {
      for (auto i = r.begin(); i != r.end(); ++i)
        for (EdgeIndex a = lv.begin[moved[i]], last = lv.end[moved[i]]; a < last; ++a)
          std::atomic_ref<std::uint8_t>(active[lv.targets[a]]).store(1, std::memory_order_relaxed);
    });
    moved.clear();
  };
  for (int pass = 0; pass < max_passes; ++pass) {
    const double pass_gain =
        run_batches(lv, sched, cs, scratch, target, gain, propose, admit, on_commit);
    if (pass_gain <= tol * norm) break;
  }
  return moves;
}

// Leiden refinement: one sweep in which every vertex still alone in its refined community may
// join the refined community inside its own community that gains most, provided the vertex is
// well connected to its community. Only singletons move and targets are never empty at commit,
// so every refined community stays connected. Returns the refined labels.
std::vector<VertexId> refine(const Level& lv, const Schedule& sched, const Communities& parent,
                             ScratchSet& scratch) {
  const VertexId n = lv.n;
  std::vector<VertexId> identity(n);
  std::iota(identity.begin(), identity.end(), VertexId{0});
  Communities rs = make_communities(lv, std::move(identity));
  std::vector<VertexId> target(n, kNone);
  std::vector<double> gain(n, 0.0);
  const auto propose = [&](VertexId v, Scratch& s, double& best_gain) {
    if (rs.size[rs.label[v]] != 1) return kNone;
    const VertexId home = parent.label[v];
    const EdgeIndex first = lv.begin[v];
    const EdgeIndex last = lv.end[v];
    VertexId* const touched = touched_room(s, last - first);
    double* const weight_to = s.weight_to.data();
    std::size_t count = 0;
    double inside = 0.0;
    for (EdgeIndex i = first; i < last; ++i) {
      const VertexId u = lv.targets[i];
      if (parent.label[u] != home) continue;
      const VertexId c = rs.label[u];
      const double w = lv.weights[i];
      if (weight_to[c] == 0.0) touched[count++] = c;
      weight_to[c] += w;
      inside += w;
    }
    const double xv = lv.x[v];
    const double penalty = lv.scale * xv;
    const bool well_connected = inside >= penalty * (parent.total[home] - xv);
    VertexId best = kNone;
    double best_score = 0.0;
    for (std::size_t j = 0; j < count; ++j) {
      const VertexId c = touched[j];
      const double w = weight_to[c];
      weight_to[c] = 0.0;
      if (!well_connected || w < best_score) continue;  // score <= w, as in move_nodes
      const double score = w - penalty * rs.total[c];
      if (score > best_score || (score == best_score && best != kNone && c < best)) {
        best_score = score;
        best = c;
      }
    }
    best_gain = best_score;
    return best;
  };
  // A vertex joined earlier in this batch is no longer a singleton and must stay.
  const auto admit = [&](VertexId v) { return rs.size[rs.label[v]] == 1; };
  run_batches(lv, sched, rs, scratch, target, gain, propose, admit, [](VertexId) {});
  return std::move(rs.label);
}

// Collapses each of the k communities of `label` (compacted) into one vertex. Members are
// grouped by a counting sort; each row gets room for its members' total degree and is filled in
// place from the thread's flat accumulator, so no sort and no copy. Arcs between communities are
// summed in member order (deterministic); arcs inside vanish, their weight stays in x.
Level aggregate(const Level& lv, std::span<const VertexId> label, VertexId k, ScratchSet& scratch) {
  const VertexId n = lv.n;
  std::vector<VertexId> member_start(static_cast<std::size_t>(k) + 1, 0);
  for (VertexId v = 0; v < n; ++v) ++member_start[label[v] + 1];
  std::partial_sum(member_start.begin(), member_start.end(), member_start.begin());
  std::vector<VertexId> members(n);
  {
    std::vector<VertexId> fill(member_start.begin(), member_start.end() - 1);
    for (VertexId v = 0; v < n; ++v) members[fill[label[v]]++] = v;
  }
  Level next;
  next.n = k;
  next.scale = lv.scale;
  next.x.resize(k);
  next.owned_begin.resize(static_cast<std::size_t>(k) + 1);
  next.owned_end.resize(k);
  std::vector<EdgeIndex>& room = next.owned_begin;
  room[0] = 0;
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, k, 1024), [&](const auto& r) {
    for (auto c = r.begin(); c != r.end(); ++c) {
      EdgeIndex d = 0;
      double x = 0.0;
      for (VertexId i = member_start[c]; i < member_start[c + 1]; ++i) {
        d += lv.end[members[i]] - lv.begin[members[i]];
        x += lv.x[members[i]];
      }
      room[c + 1] = d;
      next.x[c] = x;
    }
  });
  std::partial_sum(room.begin(), room.end(), room.begin());
  next.owned_targets.reset(new VertexId[room[k]]);  // uninitialised on purpose
  next.owned_weights.reset(new float[room[k]]);
  VertexId* const targets = next.owned_targets.get();
  float* const weights = next.owned_weights.get();
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, k, kGrain), [&](const auto& r) {
    Scratch& s = local_scratch(scratch, k);
    double* const w_to = s.weight_to.data();
    for (auto c = r.begin(); c != r.end(); ++c) {
      EdgeIndex pos = room[c];
      for (VertexId i = member_start[c]; i < member_start[c + 1]; ++i) {
        const VertexId v = members[i];
        for (EdgeIndex a = lv.begin[v], last = lv.end[v]; a < last; ++a) {
          const VertexId d = label[lv.targets[a]];
          if (d == c) continue;
          if (w_to[d] == 0.0) targets[pos++] = d;
          w_to[d] += lv.weights[a];
        }
      }
      for (EdgeIndex a = room[c]; a < pos; ++a) {
        weights[a] = static_cast<float>(w_to[targets[a]]);
        w_to[targets[a]] = 0.0;
      }
      next.owned_end[c] = pos;
    }
  });
  next.begin = next.owned_begin.data();
  next.end = next.owned_end.data();
  next.targets = targets;
  next.weights = weights;
  return next;
}

// One Leiden iteration: levels of local moving, refinement and aggregation starting from
// `labels` (a community per vertex of base, < n). Returns the new community of every vertex.
std::vector<VertexId> iterate(const Level& base, std::vector<VertexId> labels,
                              const LeidenConfig& cfg, int iteration, double edge_weight,
                              ScratchSet& scratch) {
  const VertexId n = base.n;
  std::vector<VertexId> node_of(n);  // vertex of base -> vertex of the current level
  std::iota(node_of.begin(), node_of.end(), VertexId{0});
  const Level* lv = &base;
  Level aggregated;
  std::vector<VertexId> start = std::move(labels);  // initial community of each level vertex
  double tol = cfg.tolerance;
  const std::uint64_t seed = splitmix64(cfg.seed + static_cast<std::uint64_t>(iteration));
  const int max_levels =
      iteration == 0 ? cfg.max_levels : std::min(cfg.max_levels, cfg.later_levels);
  for (int level = 0; level < max_levels; ++level) {
    const VertexId level_n = lv->n;
    const Schedule sched = make_schedule(level_n, seed, level);
    Communities cs = make_communities(*lv, std::move(start));
    const std::size_t moves = move_nodes(*lv, sched, cs, tol, edge_weight, cfg.max_passes, scratch);
    // The last level is not aggregated, so its refinement would be wasted. A later iteration
    // whose vertices all stay put has converged: its coarser levels could only shuffle the
    // same refined groups again (on sbm 1e4 they cost ~25% of the run and gain nothing).
    const bool last = level + 1 == max_levels || (iteration > 0 && level == 0 && moves == 0);
    std::vector<VertexId> refined;
    if (cfg.refine && !last) refined = refine(*lv, sched, cs, scratch);
    const Partition moved = compact_labels(std::move(cs.label));
    start = moved.labels;
    if (last || moved.num_clusters == level_n) break;
    const Partition groups = cfg.refine ? compact_labels(std::move(refined)) : moved;
    if (groups.num_clusters == level_n) break;
    // Leiden starts the next level from the unrefined communities, Louvain from singletons.
    std::vector<VertexId> next_start(groups.num_clusters);
    for (VertexId v = 0; v < level_n; ++v)
      next_start[groups.labels[v]] = cfg.refine ? moved.labels[v] : groups.labels[v];
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
      for (auto v = r.begin(); v != r.end(); ++v) node_of[v] = groups.labels[node_of[v]];
    });
    aggregated = aggregate(*lv, groups.labels, groups.num_clusters, scratch);
    lv = &aggregated;
    start = std::move(next_start);
    tol /= cfg.tolerance_drop;
  }
  std::vector<VertexId> result(n);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) result[v] = start[node_of[v]];
  });
  return result;
}

// Splits every community of `labels` into its connected pieces, in parallel per community: each
// community's members are visited in vertex order and every unreached one roots a breadth-first
// search inside the community, so a piece is named by its smallest vertex. Pieces other than
// the largest of their community (usually a vertex or two cut off when a neighbour left in the
// last moves) then join, whole, the main piece of a neighbouring community where that gains
// quality (weight to it - scale * x(piece) * total(main) > 0, ties to the smaller name). A piece
// is connected and joins through an arc, and main pieces never move, so every community stays
// connected. All decisions read the state after the split, so the result does not depend on the
// thread count. Returns labels compacted in vertex order.
Partition split_disconnected(const Level& base, std::vector<VertexId> labels, ScratchSet& scratch) {
  const VertexId n = base.n;
  const Partition groups = compact_labels(std::move(labels));
  const VertexId k = groups.num_clusters;
  std::vector<VertexId> member_start(static_cast<std::size_t>(k) + 1, 0);
  for (VertexId v = 0; v < n; ++v) ++member_start[groups.labels[v] + 1];
  std::partial_sum(member_start.begin(), member_start.end(), member_start.begin());
  std::vector<VertexId> members(n);
  {
    std::vector<VertexId> fill(member_start.begin(), member_start.end() - 1);
    for (VertexId v = 0; v < n; ++v) members[fill[groups.labels[v]]++] = v;
  }
  std::vector<VertexId> root(n, kNone);
  std::vector<VertexId> pieces(n);             // per community range: its pieces one after another
  std::vector<std::uint8_t> piece_head(n, 0);  // 1 where a piece starts in `pieces`
  std::vector<double> piece_x(n, 0.0);         // per root
  std::vector<VertexId> main_of(k);            // root of each community's largest piece
  std::vector<std::uint8_t> split(k, 0);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, k, 1), [&](const auto& r) {
    for (auto c = r.begin(); c != r.end(); ++c) {
      VertexId pos = member_start[c];
      VertexId biggest = 0;
      for (VertexId i = member_start[c]; i < member_start[c + 1]; ++i) {
        const VertexId s = members[i];
        if (root[s] != kNone) continue;
        root[s] = s;  // only the task of community c writes its members
        const VertexId head = pos;
        piece_head[head] = 1;
        pieces[pos++] = s;
        double x = 0.0;
        for (VertexId h = head; h < pos; ++h) {
          const VertexId v = pieces[h];
          x += base.x[v];
          for (EdgeIndex a = base.begin[v], last = base.end[v]; a < last; ++a) {
            const VertexId u = base.targets[a];
            if (root[u] == kNone && groups.labels[u] == c) {
              root[u] = s;
              pieces[pos++] = u;
            }
          }
        }
        piece_x[s] = x;
        if (pos - head > biggest) {
          biggest = pos - head;
          main_of[c] = s;
        }
      }
      split[c] = biggest < member_start[c + 1] - member_start[c] ? 1 : 0;
    }
  });
  // Main pieces' totals are their pieces' x; a piece's target is kNone while it stays alone.
  std::vector<VertexId> joins(n, kNone);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, k, 1), [&](const auto& r) {
    Scratch& s = local_scratch(scratch, n);
    std::vector<VertexId> touched;
    for (auto c = r.begin(); c != r.end(); ++c) {
      if (split[c] == 0) continue;
      for (VertexId a = member_start[c]; a < member_start[c + 1];) {
        VertexId b = a + 1;
        while (b < member_start[c + 1] && piece_head[b] == 0) ++b;
        const VertexId me = pieces[a];
        if (me != main_of[c]) {
          for (VertexId h = a; h < b; ++h) {
            const VertexId v = pieces[h];
            for (EdgeIndex e = base.begin[v], last = base.end[v]; e < last; ++e) {
              const VertexId u = base.targets[e];
              const VertexId to = root[u];
              if (to != main_of[groups.labels[u]]) continue;  // only main pieces take pieces
              if (s.weight_to[to] == 0.0) touched.push_back(to);
              s.weight_to[to] += base.weights[e];
            }
          }
          const double penalty = base.scale * piece_x[me];
          double best_score = 0.0;
          VertexId best = kNone;
          for (const VertexId to : touched) {
            const double score = s.weight_to[to] - penalty * piece_x[to];
            s.weight_to[to] = 0.0;
            if (score > best_score || (score == best_score && best != kNone && to < best)) {
              best_score = score;
              best = to;
            }
          }
          touched.clear();
          joins[me] = best;
        }
        a = b;
      }
    }
  });
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v)
      if (joins[root[v]] != kNone) root[v] = joins[root[v]];
  });
  return compact_labels(std::move(root));
}

}  // namespace

Partition leiden(const CsrGraph& graph, const LeidenConfig& cfg) {
  LOCKSTEP_EXPECTS(std::isfinite(cfg.resolution) && cfg.resolution > 0.0, "resolution > 0");
  LOCKSTEP_EXPECTS(
      cfg.iterations >= 1 && cfg.max_levels >= 1 && cfg.later_levels >= 1 && cfg.max_passes >= 1,
      "iterations, max_levels, later_levels and max_passes >= 1");
  LOCKSTEP_EXPECTS(cfg.tolerance >= 0.0 && cfg.tolerance_drop >= 1.0,
                   "tolerance >= 0 and tolerance_drop >= 1");
  const VertexId n = graph.num_vertices();
  Level base;
  base.n = n;
  base.begin = graph.offsets().data();
  base.end = graph.offsets().data() + 1;
  base.targets = graph.targets().data();
  base.weights = graph.arc_weights().data();
  std::vector<double> strength(n);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) strength[v] = graph.strength(v);
  });
  const double arc_weight = tbb::parallel_deterministic_reduce(
      tbb::blocked_range<VertexId>(0, n, 1024), 0.0,
      [&](const auto& r, double sum) {
        for (auto v = r.begin(); v != r.end(); ++v) sum += strength[v];
        return sum;
      },
      std::plus<>());
  if (cfg.quality == Quality::modularity)
    base.x = std::move(strength);
  else
    base.x.assign(n, 1.0);
  std::vector<VertexId> labels(n);
  std::iota(labels.begin(), labels.end(), VertexId{0});
  if (arc_weight == 0.0) return compact_labels(std::move(labels));
  base.scale = cfg.quality == Quality::modularity ? cfg.resolution / arc_weight : cfg.resolution;
  ScratchSet scratch;
  for (int it = 0; it < cfg.iterations; ++it)
    labels = iterate(base, std::move(labels), cfg, it, arc_weight / 2.0, scratch);
  if (!cfg.refine) return compact_labels(std::move(labels));
  // The last local-moving phase may cut a community in two (a bridge vertex leaves); splitting
  // it into its connected parts only raises the quality.
  return split_disconnected(base, std::move(labels), scratch);
}

}  // namespace lockstep::algo
