// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <functional>

#include "algorithms/community/partition.hpp"
#include "algorithms/graph/csr_graph.hpp"

namespace lockstep::algo {

/// The quality function Leiden maximises.
enum class Quality : std::uint8_t {
  modularity,  // Newman modularity with resolution gamma: null model gamma * K_u * K_v / 2m
  cpm,         // Constant Potts model: null model gamma per pair of (original) vertices
};

/// What one level of one Leiden iteration did, for progress logs and profiling.
struct LeidenLevelStats {
  int iteration = 0;
  int level = 0;
  VertexId vertices = 0;
  // Arcs in its rows; a coarser level's may repeat a target (see LeidenConfig::min_merge_shrink).
  EdgeIndex arcs = 0;
  int passes = 0;  // local-moving sweeps
  std::size_t moves = 0;
  double gain = 0.0;           // quality gained by the moves, relative to the total edge weight
  double last_gain = 0.0;      // the part of it gained by the last sweep
  VertexId communities = 0;    // after local moving
  VertexId next_vertices = 0;  // vertices of the aggregated next level; 0 if this level is last
  double move_seconds = 0.0;
  double refine_seconds = 0.0;
  double aggregate_seconds = 0.0;
};

/// Leiden / Louvain parameters. Defaults follow GVE-Leiden (Sahu 2023).
struct LeidenConfig {
  Quality quality = Quality::modularity;
  double resolution = 1.0;       // gamma; > 0
  bool refine = true;            // false: Louvain (no refinement, communities may be disconnected)
  int iterations = 2;            // runs, each starting from the previous partition (as
                                 // igraph's n_iterations); the second one gains ~0.01 modularity
  int max_levels = 20;           // aggregation levels
  int later_levels = 1;          // levels run by the iterations after the first. The second
                                 // iteration's gain comes almost entirely from its level 0
                                 // (single vertices moving between the first one's communities:
                                 // +0.013 modularity on dcppm 1e5); level 1 adds < 5e-4 for a
                                 // third of the run. max_levels gives igraph's full iterations.
  int max_passes = 20;           // local-moving sweeps per level
  double tolerance = 1e-2;       // a level stops sweeping once a sweep gains less quality than
                                 // this, relative to the total edge weight
  double tolerance_drop = 1.0;   // the tolerance is divided by this after every level; 1
                                 // (GVE-Leiden uses 10) spares level 1 of dcppm 1e6 two of its
                                 // eight sweeps, ~10 % of the run, at the same quality
  double min_level_gain = 5e-4;  // a coarser level (not level 0) whose moves gain less quality
                                 // than this, relative to the total edge weight, or from level 2
                                 // on whose last sweep does (it converged: on weighted dcppm the
                                 // level below then gained < 3e-4 and merged planted
                                 // communities), is the last of its iteration (0: descend while
                                 // aggregation shrinks).
                                 // The levels below merge whole communities for slivers of
                                 // quality: on weighted dcppm graphs they cost 5-12 % of the
                                 // run and merge planted communities (NMI 0.972 with them,
                                 // 0.995 without, on 1e5). 1e-3 also stops unweighted dcppm
                                 // graphs before levels worth +0.01 modularity
  // Aggregation merges the arcs of a community's members to one target into one arc only where a
  // sample of the communities shows that shrinks their rows by at least this fraction; else a
  // coarser vertex's row keeps one arc per member arc. Merging costs ~3.5 of the ~8 ms
  // aggregating weighted dcppm 1e5 level 0, whose rows it shrinks by 5 % (the duplicates cost
  // level 1 ~0.5 ms); unweighted dcppm 1e5 shrinks by 62 %, where keeping the duplicates made
  // level 1 cost 9 ms more. 0: always merge; above 1: never. The partition is the same either
  // way, but for the rounding of float sums.
  double min_merge_shrink = 1.0 / 3.0;
  std::uint64_t seed = 42;  // decides the vertex processing order
  // Called after every level, on the calling thread; empty: no statistics are gathered.
  std::function<void(const LeidenLevelStats&)> on_level;
};

/// Leiden community detection (Traag, Waltman & van Eck 2019, doi:10.1038/s41598-019-41695-z),
/// parallel in the style of GVE-Leiden (Sahu 2023, arXiv:2312.13936): local moving with pruning
/// of settled vertices (only neighbours of moved vertices are re-evaluated, or every vertex
/// after a sweep whose moved vertices hold a quarter of the arcs, and a woken vertex with more
/// than half of its weight provably still at home is passed over without reading its row),
/// refinement of each community into well-connected parts (a singleton joins the part it
/// is most strongly linked to among those it gains by joining, the larger on a tie),
/// aggregation in place by counting sort (arcs to the same coarser vertex merged where that
/// shrinks the rows enough, see min_merge_shrink), and a final split of any community that is not
/// connected (its pieces found by an Afforest-style union-find; pieces cut off from a
/// community's largest piece then join a neighbouring community where that gains quality). A
/// coarser level whose local moving gains less than cfg.min_level_gain ends the iteration, and
/// so does one from level 2 on whose last sweep gains less (level 1 goes on: a coarser level may
/// still merge communities it left split).
/// Iterations after the first run cfg.later_levels levels and stop early when no vertex moves.
/// With cfg.refine == false it is Louvain (Blondel et al. 2008) and communities may be
/// disconnected.
/// Vertices are processed in seeded batches of chunks of consecutive ids: each batch evaluates
/// its moves in parallel against the current state and commits them in a fixed order, so the
/// result depends on cfg.seed only, never on the thread count.
/// Pre: weights > 0, cfg.resolution > 0, iterations, max_levels, later_levels, max_passes >= 1,
/// tolerance, min_level_gain and min_merge_shrink >= 0 (else throws Error).
/// Cost: O(m) per sweep; at most max_passes sweeps per level, max_levels levels in the first
/// iteration and later_levels in the others; O(n + m) extra memory (two arc buffers of the
/// graph's size are reused by every level) plus, per thread, a small table and, on levels of at
/// most 2^17 vertices or once a row touches over 1024 communities, a flat O(n) accumulator.
/// Returns compacted labels 0..k-1 in order of first vertex.
Partition leiden(const CsrGraph& graph, const LeidenConfig& cfg);

}  // namespace lockstep::algo
