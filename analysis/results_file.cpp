// SPDX-License-Identifier: Apache-2.0
#include "analysis/results_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>

#include "analysis/columns.hpp"
#include "io/sha256.hpp"
#include "io/timestamp.hpp"

#ifndef LOCKSTEP_VERSION
#define LOCKSTEP_VERSION "0.0.0"
#endif
#ifndef LOCKSTEP_GIT_SHA
#define LOCKSTEP_GIT_SHA "unknown"
#endif

namespace lockstep::analysis {
namespace {

ColumnTable inputs_table(const ActivityTable& table) {
  std::vector<std::string> path, format, sha;
  std::vector<std::uint64_t> records, rejected, duplicates, skipped;
  std::vector<std::int64_t> min_time, max_time;
  for (const auto& in : table.inputs) {
    path.push_back(in.path);
    format.push_back(in.format);
    sha.push_back(in.sha256);
    records.push_back(in.n_records);
    rejected.push_back(in.n_rejected);
    duplicates.push_back(in.n_duplicates);
    skipped.push_back(in.n_skipped);
    min_time.push_back(in.min_time);
    max_time.push_back(in.max_time);
  }
  ColumnTable t{"/run/inputs", {}};
  t.columns.push_back(column("path", "input as given (after glob/directory expansion)", "", path));
  t.columns.push_back(column("format", "reader used", "", format));
  t.columns.push_back(column("sha256", "SHA-256 of the stored bytes", "", sha));
  t.columns.push_back(column("n_records", "records accepted", "records", records));
  t.columns.push_back(column("n_rejected", "records written to the rejects file", "records", rejected));
  t.columns.push_back(column("n_duplicates", "exact duplicate records dropped", "records", duplicates));
  t.columns.push_back(column("n_skipped", "well-formed records without a post (error lines, service messages)", "records", skipped));
  t.columns.push_back(column("min_time", "earliest record", kTimeUnits, min_time, "-1"));
  t.columns.push_back(column("max_time", "latest record", kTimeUnits, max_time, "-1"));
  return t;
}

ColumnTable accounts_table(const ActivityTable& table, const std::vector<std::int32_t>& cluster,
                           const std::vector<std::uint8_t>& flagged) {
  const auto n = table.num_accounts();
  std::vector<std::string> id(n);
  std::vector<std::int8_t> platform(n);
  for (std::size_t a = 0; a < n; ++a) platform[a] = static_cast<std::int8_t>(table.accounts.platform[a]);
  std::vector<std::uint32_t> posts(n, 0), reposts(n, 0), quotes(n, 0), replies(n, 0);
  std::vector<std::int64_t> first(n, std::numeric_limits<std::int64_t>::max()), last(n, -1);
  for (std::size_t a = 0; a < n; ++a)
    id[a] = std::string(table.pool(ObjectKind::account).view(static_cast<std::uint32_t>(a)));
  for (std::size_t p = 0; p < table.num_posts(); ++p) {
    const auto a = table.post_account[p];
    switch (table.post_kind[p]) {
      case PostKind::post: ++posts[a]; break;
      case PostKind::repost: ++reposts[a]; break;
      case PostKind::quote: ++quotes[a]; break;
      case PostKind::reply: ++replies[a]; break;
    }
    first[a] = std::min(first[a], table.post_time[p]);
    last[a] = std::max(last[a], table.post_time[p]);
  }
  for (auto& f : first)
    if (f == std::numeric_limits<std::int64_t>::max()) f = -1;
  ColumnTable t{"/accounts", {}};
  t.columns.push_back(column("account_id", "platform account id or archive hash", "", id));
  t.columns.push_back(column("platform", "0 generic, 1 twitter, 2 telegram, 3 reddit, 4 bluesky, 5 mastodon", "", platform));
  t.columns.push_back(column("handle", "screen name when the input has it", "", table.accounts.handle));
  t.columns.push_back(column("n_posts", "original posts (shares-csv rows count here)", "posts", posts));
  t.columns.push_back(column("n_reposts", "reposts", "posts", reposts));
  t.columns.push_back(column("n_quotes", "quotes", "posts", quotes));
  t.columns.push_back(column("n_replies", "replies", "posts", replies));
  t.columns.push_back(column("first_seen", "earliest post", kTimeUnits, first, "-1"));
  t.columns.push_back(column("last_seen", "latest post", kTimeUnits, last, "-1"));
  t.columns.push_back(column("account_created", "account creation time", kTimeUnits, table.accounts.created, "-1"));
  t.columns.push_back(column("followers_count", "followers when the input has it", "accounts", table.accounts.followers, "-1"));
  t.columns.push_back(column("cluster_id", "row of /clusters, -1 = none", "", cluster, "-1"));
  t.columns.push_back(column("flagged", "core member of a flagged cluster (/memberships.role)", "", BoolVector{flagged}));
  return t;
}

ColumnTable edges_table(const MultiplexEdges& e) {
  ColumnTable t{"/edges", {}};
  t.columns.push_back(column("src_idx", "row of /accounts, src_idx < dst_idx", "", e.u));
  t.columns.push_back(column("dst_idx", "row of /accounts", "", e.v));
  t.columns.push_back(column("weight", "combined weight: sum over signals of factor * w / unit (README)", "", e.weight));
  for (std::size_t s = 0; s < kNumSignals; ++s)
    if (!e.w[s].empty())
      t.columns.push_back(column("w_" + std::string(signal_name(static_cast<Signal>(s))),
                                 "co-actions of this signal on the pair within its window (0 = not kept)",
                                 "co-actions", e.w[s]));
  t.columns.push_back(column("n_shared_objects", "distinct objects behind the pair's co-actions, summed over signals", "objects", e.n_shared_objects));
  t.columns.push_back(column("min_delta_s", "smallest |dt| of a co-action", "s", e.min_delta));
  t.columns.push_back(column("median_delta_s", "median |dt| of the strongest signal's co-actions", "s", e.median_delta));
  t.columns.push_back(column("edge_symmetry", "min/max of the two accounts' distinct contents in the strongest signal's co-actions", "", e.symmetry));
  t.columns.push_back(column("n_src_to_dst", "interactions (reposts, quotes, replies, mentions) of src towards dst", "interactions", e.n_uv));
  t.columns.push_back(column("n_dst_to_src", "interactions of dst towards src", "interactions", e.n_vu));
  return t;
}

ColumnTable interactions_table(const Interactions& g) {
  ColumnTable t{"/interactions", {}};
  t.columns.push_back(column("src_idx", "acting account (row of /accounts)", "", g.src));
  t.columns.push_back(column("dst_idx", "account acted upon", "", g.dst));
  t.columns.push_back(column("n_reposts", "reposts of dst's posts", "posts", g.n_reposts));
  t.columns.push_back(column("n_quotes", "quotes of dst's posts", "posts", g.n_quotes));
  t.columns.push_back(column("n_replies", "replies to dst's posts", "posts", g.n_replies));
  t.columns.push_back(column("n_mentions", "mentions of dst", "mentions", g.n_mentions));
  return t;
}

ColumnTable signals_table(const PipelineConfig& cfg, std::span<const SignalEdges> signals,
                          std::span<const SignalActions> actions) {
  std::vector<std::int8_t> id;
  std::vector<std::string> name, params;
  std::vector<std::int64_t> window;
  std::vector<std::uint64_t> n_actions, n_edges, n_kept, capped_objects, capped_pairs;
  for (std::size_t i = 0; i < signals.size(); ++i) {
    const auto& se = signals[i];
    const auto s = static_cast<std::size_t>(se.signal);
    const auto& p = cfg.signals.params[s];
    id.push_back(static_cast<std::int8_t>(s));
    name.emplace_back(signal_name(se.signal));
    window.push_back(p.window_s);
    n_actions.push_back(actions[i].size());
    n_edges.push_back(se.edges.size());
    n_kept.push_back(se.cut.kept.size());
    capped_objects.push_back(se.edges.num_capped_objects);
    capped_pairs.push_back(se.edges.num_capped_pairs);
    params.push_back(fmt::format(
        "{{\"min_participation\":{},\"weight\":{},\"edge_percentile\":{},"
        "\"edge_weight_threshold\":{},\"unit\":{},\"max_pairs_per_object\":{},\"idf\":{},"
        "\"n_active_accounts\":{},\"n_matches\":{}}}",
        p.min_participation, p.weight, cfg.edge_percentile, se.cut.threshold, se.unit,
        cfg.signals.max_pairs_per_object, cfg.signals.idf, se.edges.num_active_actors,
        se.edges.num_matches));
  }
  ColumnTable t{"/run/signals", {}};
  t.columns.push_back(column("signal_id", "id of the signal (w_<name> in /edges)", "", id));
  t.columns.push_back(column("name", "signal name", "", name));
  t.columns.push_back(column("time_window_s", "pairing window", "s", window));
  t.columns.push_back(column("n_actions", "actions projected", "actions", n_actions));
  t.columns.push_back(column("n_edges", "account pairs with a co-action", "edges", n_edges));
  t.columns.push_back(column("n_edges_kept", "pairs kept by the edge cut", "edges", n_kept));
  t.columns.push_back(column("n_capped_objects", "objects whose pairs hit max_pairs_per_object", "objects", capped_objects));
  t.columns.push_back(column("n_capped_pairs", "candidate pairs left out by the cap", "pairs", capped_pairs));
  t.columns.push_back(column("params_json", "parameters and counts (JSON)", "", params));
  return t;
}

}  // namespace

namespace {

/// Largest window and smallest participation over the signals the run projected (per-signal
/// values are in /run/signals and /run/config_toml); -1 when no signal had actions.
std::int64_t max_window(const PipelineConfig& cfg, std::span<const SignalEdges> signals) {
  std::int64_t w = -1;
  for (const auto& s : signals)
    w = std::max(w, cfg.signals.params[static_cast<std::size_t>(s.signal)].window_s);
  return w;
}
std::int64_t min_participation(const PipelineConfig& cfg, std::span<const SignalEdges> signals) {
  std::int64_t k = -1;
  for (const auto& s : signals) {
    const std::int64_t p = cfg.signals.params[static_cast<std::size_t>(s.signal)].min_participation;
    k = k < 0 ? p : std::min(k, p);
  }
  return k;
}

/// The platforms of the accounts, ","-joined in code order ("generic" for shares tables).
std::string platforms(const ActivityTable& table) {
  static constexpr const char* kNames[] = {"generic", "twitter", "telegram", "reddit", "bluesky", "mastodon"};
  bool seen[std::size(kNames)] = {};
  for (auto p : table.accounts.platform) seen[static_cast<std::size_t>(p)] = true;
  std::string out;
  for (std::size_t i = 0; i < std::size(kNames); ++i)
    if (seen[i]) {
      if (!out.empty()) out.push_back(',');
      out.append(kNames[i]);
    }
  return out.empty() ? "generic" : out;
}

}  // namespace

ResultsFile assemble_results(const ActivityTable& table, const PipelineConfig& cfg,
                             std::span<const SignalEdges> signals,
                             std::span<const SignalActions> actions, const MultiplexEdges& edges,
                             const Interactions& interactions, ScoredClusters scored) {
  ResultsFile f;
  f.config_toml = to_toml(cfg);
  const auto config_sha = io::sha256_hex(f.config_toml);
  std::string manifest;
  for (const auto& in : table.inputs) manifest += in.sha256 + "\n";
  const auto manifest_sha = io::sha256_hex(manifest);
  const auto run_id = io::sha256_hex(config_sha + manifest_sha).substr(0, 16);
  std::int64_t start = -1, end = -1;
  for (const auto& in : table.inputs) {
    if (in.min_time >= 0) start = start < 0 ? in.min_time : std::min(start, in.min_time);
    end = std::max(end, in.max_time);
  }
  f.root_attributes = {
      {"format", std::string("lockstep")},
      {"format_version", std::string("1.0.0")},
      {"tool_version", std::string(LOCKSTEP_VERSION)},
      {"git_sha", std::string(LOCKSTEP_GIT_SHA)},
      {"run_id", run_id},
      {"created_utc", std::string("unrecorded")},
      {"data_start_utc", io::format_iso_utc(start)},
      {"data_end_utc", io::format_iso_utc(end)},
      {"platform", platforms(table)},
      {"random_seed", static_cast<std::int64_t>(cfg.seed)},
      {"config_sha256", config_sha},
      {"input_manifest_sha256", manifest_sha},
  };
  f.parameters = {
      {"format", cfg.format},
      {"time_window_s", max_window(cfg, signals)},
      {"min_participation", min_participation(cfg, signals)},
      {"edge_weight_quantile", cfg.edge_percentile},
      {"edge_filter", cfg.edge_filter},
      {"communities", cfg.communities},
      {"resolution", cfg.resolution},
      {"min_cluster_size", static_cast<std::int64_t>(cfg.min_cluster_size)},
      {"flag_min_size", static_cast<std::int64_t>(cfg.flag.min_size)},
      {"flag_min_mean_weight", cfg.flag.min_mean_weight},
      {"flag_half_weight", cfg.flag.half_weight},
      {"flag_score_threshold", cfg.flag.score_threshold},
      {"max_reject_fraction", cfg.max_reject_fraction},
      {"strict", static_cast<std::int64_t>(cfg.strict)},
      {"random_seed", static_cast<std::int64_t>(cfg.seed)},
  };
  f.tables.push_back(inputs_table(table));
  f.tables.push_back(signals_table(cfg, signals, actions));
  f.tables.push_back(accounts_table(table, scored.account_cluster, scored.account_flagged));
  f.tables.push_back(edges_table(edges));
  f.tables.push_back(interactions_table(interactions));
  f.tables.push_back(std::move(scored.clusters));
  f.tables.push_back(std::move(scored.memberships));
  f.tables.push_back(std::move(scored.evidence));
  return f;
}

}  // namespace lockstep::analysis
