// SPDX-License-Identifier: Apache-2.0
#include "analysis/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "algorithms/base/error.hpp"
#include "algorithms/community/components.hpp"
#include "algorithms/community/leiden.hpp"
#include "algorithms/graph/csr_graph.hpp"
#include "algorithms/projection/co_action.hpp"
#include "analysis/cluster_scoring.hpp"
#include "analysis/log.hpp"
#include "analysis/results_file.hpp"
#include "analysis/interaction_graph.hpp"
#include "analysis/multiplex.hpp"
#include "analysis/signals.hpp"
#include "io/hdf5_writer.hpp"
#include "io/readers/read_activity.hpp"

namespace lockstep::analysis {
namespace {

void check(const std::string& problem, const std::string& what) {
  if (!problem.empty()) throw Error(std::string("--check: ") + what + ": " + problem);
}

/// Communities of the kept graph. Leiden and Louvain run on the vertices that have edges only
/// (most accounts have none), isolated accounts become singletons.
Partition find_communities(const CsrGraph& graph, const PipelineConfig& cfg) {
  if (cfg.communities == "components") return algo::connected_components(graph);
  constexpr VertexId kNone = ~VertexId{0};
  std::vector<VertexId> local(graph.num_vertices(), kNone);
  VertexId active = 0;
  for (VertexId v = 0; v < graph.num_vertices(); ++v)
    if (graph.degree(v) > 0) local[v] = active++;
  std::vector<WeightedEdge> edges;
  edges.reserve(graph.num_edges());
  for (VertexId v = 0; v < graph.num_vertices(); ++v) {
    const auto nb = graph.neighbors(v);
    const auto wt = graph.weights(v);
    for (std::size_t i = 0; i < nb.size(); ++i)
      if (v < nb[i]) edges.push_back({local[v], local[nb[i]], wt[i]});
  }
  algo::LeidenConfig leiden;
  leiden.resolution = cfg.resolution;
  leiden.refine = cfg.communities == "leiden";
  leiden.seed = cfg.seed;
  const auto inner = algo::leiden(CsrGraph::from_edges(edges, active), leiden);
  std::vector<std::uint32_t> labels(graph.num_vertices());
  std::uint32_t next = inner.num_clusters;
  for (VertexId v = 0; v < graph.num_vertices(); ++v)
    labels[v] = local[v] == kNone ? next++ : inner.labels[local[v]];
  return compact_labels(std::move(labels));
}

std::vector<FlaggedCluster> flagged_summary(const ResultsFile& file) {
  const auto* c = file.table("/clusters");
  const auto* e = file.table("/evidence");
  const auto& ids = std::get<std::vector<std::int32_t>>(c->find("cluster_id")->values);
  const auto& flagged = std::get<BoolVector>(c->find("flagged")->values).values;
  const auto& size = std::get<std::vector<std::uint32_t>>(c->find("size")->values);
  const auto& score = std::get<std::vector<double>>(c->find("score")->values);
  const auto& density = std::get<std::vector<double>>(c->find("density")->values);
  const auto& mean = std::get<std::vector<double>>(c->find("mean_weight")->values);
  const auto& e_cluster = std::get<std::vector<std::int32_t>>(e->find("cluster_id")->values);
  const auto& e_object = std::get<std::vector<std::string>>(e->find("object")->values);
  std::vector<FlaggedCluster> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!flagged[i]) continue;
    FlaggedCluster f{ids[i], size[i], score[i], density[i], mean[i], {}};
    // Evidence rows are sorted by cluster, best object first.
    const auto it = std::lower_bound(e_cluster.begin(), e_cluster.end(), ids[i]);
    if (it != e_cluster.end() && *it == ids[i]) f.top_object = e_object[it - e_cluster.begin()];
    out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  return out;
}

}  // namespace

RunSummary run_pipeline(const PipelineConfig& cfg_in, const RunHooks& hooks) {
  validate(cfg_in);
  PipelineConfig cfg = cfg_in;
  cfg.signals.text.seed = cfg.seed;
  StageTimer total("run");
  RunSummary s;
  s.output_path = cfg.output_path;
  s.rejects_path = cfg.rejects_path.empty() ? cfg.output_path + ".rejects.txt" : cfg.rejects_path;

  ActivityTable table;
  {
    StageTimer t("read");
    io::ReadOptions opts;
    opts.format = cfg.format;
    opts.rejects = {cfg.strict, cfg.max_reject_fraction, s.rejects_path};
    opts.progress = hooks.progress;
    opts.repost_entities = cfg.repost_entities;
    opts.account_files = cfg.account_files;
    table = io::read_activity(cfg.inputs, opts);
  }
  for (const auto& in : table.inputs) {
    s.n_records += in.n_records;
    s.n_rejected += in.n_rejected;
    s.n_duplicates += in.n_duplicates;
    log(LogLevel::info, "read", fmt::format("{}: {} ({} records)", in.path, in.format, in.n_records));
  }
  s.n_accounts = table.num_accounts();
  log(LogLevel::info, "read",
      fmt::format("{} records, {} rejected, {} duplicates, {} accounts, {} posts, {} references",
                  s.n_records, s.n_rejected, s.n_duplicates, s.n_accounts, table.num_posts(),
                  table.num_refs()));
  if (s.n_rejected > 0)
    log(LogLevel::warn, "read", fmt::format("{} rejected records kept in {}", s.n_rejected, s.rejects_path));

  // Every enabled signal with actions: projection and edge cut.
  std::vector<SignalActions> actions;
  std::vector<SignalEdges> signals;
  {
    StageTimer t("project");
    for (std::size_t i = 0; i < kNumSignals; ++i) {
      const auto sig = static_cast<Signal>(i);
      const auto& p = cfg.signals.params[i];
      if (!p.enabled) continue;
      const auto started = std::chrono::steady_clock::now();
      auto a = signal_actions(sig, table, cfg.signals);
      if (a.size() == 0) continue;
      const algo::CoActionConfig pc{p.window_s, p.min_participation, cfg.signals.max_pairs_per_object};
      auto view = a.view();
      view.object_weight = a.object_idf;
      SignalEdges se;
      se.signal = sig;
      se.edges = algo::project_co_actions(view, pc);
      if (cfg.check && a.size() <= 20000) {
        const auto ref = algo::project_co_actions_brute_force(view, pc);
        check(ref.u == se.edges.u && ref.v == se.edges.v && ref.weight == se.edges.weight
                  ? "" : "projection differs from the brute-force reference",
              std::string(signal_name(sig)).c_str());
      }
      se.cut = filter_edges(se.edges, a,
                            {cfg.edge_filter, cfg.edge_percentile, cfg.edge_cut_max,
                             cfg.disparity_alpha, cfg.eigen_quantile});
      se.unit = std::max(1.0, se.cut.threshold);
      s.n_actions += a.size();
      s.n_matches += se.edges.num_matches;
      s.n_edges += se.edges.size();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      log(LogLevel::info, "project",
          fmt::format("{}: {} actions, {} co-actions, {} pairs, {} kept (weight > {:g}) in {:.2f} s{}{}",
                      signal_name(sig), a.size(), se.edges.num_matches, se.edges.size(),
                      se.cut.kept.size(), se.cut.threshold, seconds, a.note.empty() ? "" : "; ",
                      a.note));
      if (se.edges.num_capped_objects > 0)
        log(LogLevel::warn, "project",
            fmt::format("{}: {} objects hit the cap of {} pairs; {} candidate pairs left out",
                        signal_name(sig), se.edges.num_capped_objects,
                        cfg.signals.max_pairs_per_object, se.edges.num_capped_pairs));
      actions.push_back(std::move(a));
      signals.push_back(std::move(se));
    }
  }
  const auto interactions = build_interactions(table);
  const auto multiplex = combine_signals(signals, interactions, cfg.signals);
  s.n_edges_kept = multiplex.size();
  if (signals.size() == 1) s.edge_weight_threshold = signals.front().cut.threshold;

  std::vector<WeightedEdge> kept(multiplex.size());
  for (std::size_t i = 0; i < multiplex.size(); ++i)
    kept[i] = {multiplex.u[i], multiplex.v[i], static_cast<float>(multiplex.weight[i])};
  const auto graph = CsrGraph::from_edges(kept, static_cast<VertexId>(table.num_accounts()));
  Partition partition;
  {
    StageTimer t("cluster");
    if (cfg.check) check(validate(graph), "graph");
    partition = find_communities(graph, cfg);
    if (cfg.check)
      check(verify_partition(graph, partition, cfg.communities != "louvain"), "partition");
  }
  ScoredClusters scored;
  {
    StageTimer t("score");
    std::vector<double> units;
    for (const auto& se : signals) units.push_back(se.unit);
    scored = score_clusters(table, actions, multiplex, units, graph, partition, cfg);
  }
  s.n_clusters = scored.num_clusters;
  s.n_flagged = scored.num_flagged;
  {
    StageTimer t("write");
    auto file = assemble_results(table, cfg, signals, actions, multiplex, interactions,
                                 std::move(scored));
    s.flagged = flagged_summary(file);
    for (const auto& [name, value] : file.root_attributes)
      if (name == "run_id") s.run_id = std::get<std::string>(value);
    io::write_results_h5(cfg.output_path, file);
  }
  s.seconds = total.seconds();
  log(LogLevel::info, "run",
      fmt::format("{} clusters, {} flagged; wrote {}", s.n_clusters, s.n_flagged, s.output_path));
  return s;
}

}  // namespace lockstep::analysis
