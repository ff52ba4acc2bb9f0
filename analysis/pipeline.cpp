// SPDX-License-Identifier: Apache-2.0
#include "analysis/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "algorithms/base/error.hpp"
#include "algorithms/community/components.hpp"
#include "algorithms/graph/csr_graph.hpp"
#include "algorithms/projection/co_action.hpp"
#include "analysis/cluster_scoring.hpp"
#include "analysis/log.hpp"
#include "analysis/results_file.hpp"
#include "analysis/signals.hpp"
#include "io/hdf5_writer.hpp"
#include "io/readers/read_activity.hpp"

namespace lockstep::analysis {
namespace {

void check(const std::string& problem, const char* what) {
  if (!problem.empty()) throw Error(std::string("--check: ") + what + ": " + problem);
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

RunSummary run_pipeline(const PipelineConfig& cfg, const RunHooks& hooks) {
  validate(cfg);
  StageTimer total("run");
  RunSummary s;
  s.output_path = cfg.output_path;
  s.rejects_path = cfg.rejects_path.empty() ? cfg.output_path + ".rejects.txt" : cfg.rejects_path;

  ActivityTable table;
  {
    StageTimer t("read");
    io::ReadOptions opts;
    opts.format = cfg.format;
    opts.account_files = cfg.account_files;
    opts.rejects = {cfg.strict, cfg.max_reject_fraction, s.rejects_path};
    opts.progress = hooks.progress;
    table = io::read_activity(cfg.inputs, opts);
  }
  for (const auto& in : table.inputs) {
    s.n_records += in.n_records;
    s.n_rejected += in.n_rejected;
    s.n_duplicates += in.n_duplicates;
  }
  s.n_accounts = table.num_accounts();
  log(LogLevel::info, "read",
      fmt::format("{} records, {} rejected, {} duplicates, {} accounts", s.n_records,
                  s.n_rejected, s.n_duplicates, s.n_accounts));
  if (s.n_rejected > 0)
    log(LogLevel::warn, "read", fmt::format("{} rejected records kept in {}", s.n_rejected, s.rejects_path));

  const auto actions = co_share_actions(table);
  s.n_actions = actions.size();
  algo::CoActionEdges edges;
  {
    StageTimer t("project");
    edges = algo::project_co_actions(actions.view(), {cfg.window_s, cfg.min_participation});
  }
  if (cfg.check && actions.size() <= 20000)
    check(edges.u == algo::project_co_actions_brute_force(
                         actions.view(), {cfg.window_s, cfg.min_participation}).u
              ? ""
              : "projection differs from the brute-force reference",
          "co_share");
  const auto cut = cut_edges(edges, cfg.edge_percentile);
  s.n_matches = edges.num_matches;
  s.n_edges = edges.size();
  s.n_edges_kept = cut.kept.size();
  s.edge_weight_threshold = cut.threshold;
  log(LogLevel::info, "project",
      fmt::format("{} co-shares, {} account pairs, {} kept (weight > {:g})", edges.num_matches,
                  edges.size(), cut.kept.size(), cut.threshold));

  ScoredClusters scored;
  {
    StageTimer t("cluster");
    std::vector<WeightedEdge> kept;
    kept.reserve(cut.kept.size());
    for (auto i : cut.kept)
      kept.push_back({edges.u[i], edges.v[i], static_cast<float>(edges.weight[i])});
    const auto graph =
        CsrGraph::from_edges(kept, static_cast<VertexId>(table.num_accounts()));
    if (cfg.check) check(validate(graph), "graph");
    const auto partition = algo::connected_components(graph);
    if (cfg.check) check(verify_partition(graph, partition, true), "partition");
    scored = score_clusters(table, actions, graph, partition, cfg);
  }
  s.n_clusters = scored.num_clusters;
  s.n_flagged = scored.num_flagged;
  {
    StageTimer t("write");
    auto file = assemble_results(table, cfg, edges, cut, std::move(scored));
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
