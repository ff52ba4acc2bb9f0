// SPDX-License-Identifier: Apache-2.0
// `lockstep communities`: Leiden (or Louvain) communities of any undirected edge list.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "algorithms/base/error.hpp"
#include "algorithms/community/components.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/community/partition.hpp"
#include "algorithms/graph/csr_graph.hpp"
#include "cli/commands.hpp"
#include "io/edge_list.hpp"
#include "notebooks_export/output_file.hpp"

namespace lockstep::cli {
namespace {

struct CommunitiesOptions {
  std::string edges;
  std::string out;
  std::string quality = "modularity";
  bool louvain = false;
  bool verbose = false;
  int repeat = 1;
  algo::LeidenConfig leiden;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The graph of the edge list, whose edges are dropped (only the node names are used later): their
// memory (~28 bytes per edge with the edge array) goes to the clustering.
CsrGraph build_graph(io::EdgeList& list) {
  std::vector<WeightedEdge> edges(list.size());
  for (std::size_t e = 0; e < list.size(); ++e)
    edges[e] = {list.source[e], list.target[e], list.weight[e]};
  std::vector<std::uint32_t>().swap(list.source);
  std::vector<std::uint32_t>().swap(list.target);
  std::vector<float>().swap(list.weight);
  return CsrGraph::from_edges(edges, static_cast<VertexId>(list.names.size()));
}

// Writes "node community" lines atomically (temporary file, then rename), so a failed write
// never leaves a partial membership file.
void write_membership(const std::string& path, const io::EdgeList& list, const Partition& p) {
  std::string text;
  for (std::size_t v = 0; v < list.names.size(); ++v) {
    text += list.names[v];
    text += ' ';
    text += std::to_string(p.labels[v]);
    text += '\n';
  }
  notebooks_export::write_file_atomic(path, text);
}

int run(const CommunitiesOptions& opts) {
  algo::LeidenConfig cfg = opts.leiden;
  cfg.quality = opts.quality == "cpm" ? algo::Quality::cpm : algo::Quality::modularity;
  cfg.refine = !opts.louvain;
  if (opts.verbose)
    cfg.on_level = [](const algo::LeidenLevelStats& s) {
      fmt::print(stderr,
                 "iteration {} level {}: {} vertices, {} arcs, {} passes, {} moves, gain {:.5f} "
                 "(last pass {:.5f}), {} communities, {} next; move {:.3f} s, refine {:.3f} s, "
                 "aggregate {:.3f} s\n",
                 s.iteration, s.level, s.vertices, s.arcs, s.passes, s.moves, s.gain, s.last_gain,
                 s.communities, s.next_vertices, s.move_seconds, s.refine_seconds,
                 s.aggregate_seconds);
    };

  auto start = std::chrono::steady_clock::now();
  io::EdgeList list = io::read_edge_list(opts.edges);
  const double load_s = seconds_since(start);

  start = std::chrono::steady_clock::now();
  const CsrGraph graph = build_graph(list);
  const double build_s = seconds_since(start);

  // Repeated runs give a stable timing on a noisy machine and check that a seed always gives
  // the same partition.
  std::vector<double> cluster_s;
  Partition p;
  for (int r = 0; r < opts.repeat; ++r) {
    start = std::chrono::steady_clock::now();
    Partition run_p = algo::leiden(graph, cfg);
    cluster_s.push_back(seconds_since(start));
    if (r > 0 && run_p.labels != p.labels)
      throw Error("run " + std::to_string(r + 1) + " gave another partition than run 1");
    p = std::move(run_p);
  }
  std::sort(cluster_s.begin(), cluster_s.end());

  write_membership(opts.out, list, p);
  const auto pieces = algo::connected_components(graph, p.labels).num_clusters;
  fmt::print("nodes {}\nedges {}\ncommunities {}\nmodularity {:.6f}\n", graph.num_vertices(),
             graph.num_edges(), p.num_clusters, modularity(graph, p));
  fmt::print("disconnected_communities {}\n", pieces - p.num_clusters);
  fmt::print("load_seconds {:.4f}\nbuild_seconds {:.4f}\nclustering_seconds {:.4f}\n", load_s,
             build_s, cluster_s[cluster_s.size() / 2]);
  if (opts.repeat > 1)
    fmt::print("clustering_runs {}\nclustering_seconds_min {:.4f}\nclustering_seconds_max {:.4f}\n",
               opts.repeat, cluster_s.front(), cluster_s.back());
  return 0;
}

Command make_communities(CLI::App& app) {
  auto opts = std::make_shared<CommunitiesOptions>();
  CLI::App* sub = app.add_subcommand(
      "communities", "Leiden communities of an undirected edge list (\"u v [w]\" per line)");
  sub->add_option("--edges", opts->edges, "Edge list file")->required();
  sub->add_option("--out", opts->out, "Membership output, \"node community\" per line")->required();
  sub->add_option("--seed", opts->leiden.seed, "Random seed")->capture_default_str();
  sub->add_option("--resolution", opts->leiden.resolution, "Resolution gamma")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--quality", opts->quality, "Quality function")
      ->check(CLI::IsMember({"modularity", "cpm"}))
      ->capture_default_str();
  sub->add_flag("--louvain", opts->louvain, "Louvain: skip the Leiden refinement");
  sub->add_flag("-v,--verbose", opts->verbose, "Print every level's work and timings to stderr");
  sub->add_option("--repeat", opts->repeat,
                  "Cluster this many times: clustering_seconds is the median; fails if the "
                  "partitions differ")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--iterations", opts->leiden.iterations, "Leiden iterations")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--later-levels", opts->leiden.later_levels,
                  "Levels of every iteration after the first (20: full iterations, as igraph)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--tolerance", opts->leiden.tolerance,
                  "Stop a level's sweeps once one gains less modularity than this")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--tolerance-drop", opts->leiden.tolerance_drop,
                  "Divide the tolerance by this after every level")
      ->check(CLI::Range(1.0, 1e9))
      ->capture_default_str();
  sub->add_option("--max-passes", opts->leiden.max_passes, "Local-moving sweeps per level")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--min-level-gain", opts->leiden.min_level_gain,
                  "End an iteration at the first coarser level whose moves (or, from level 2 on, "
                  "last sweep) gain less modularity than this")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--min-merge-shrink", opts->leiden.min_merge_shrink,
                  "Merge a coarser vertex's arcs to the same target only if a sample shows that "
                  "shrinks the rows by at least this fraction (0: always, above 1: never)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  return {sub, [opts] { return run(*opts); }};
}

const VerbRegistration kCommunities{30, make_communities};

}  // namespace
}  // namespace lockstep::cli
