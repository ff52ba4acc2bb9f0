// SPDX-License-Identifier: Apache-2.0
// `lockstep run`: the main job. Fills PipelineConfig from flags, runs it, prints a summary.
#include <fmt/core.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <type_traits>

#include "algorithms/base/error.hpp"

#include "analysis/pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace lockstep::cli {
namespace {

/// Input progress on stderr: a redrawn bar on a terminal, a plain line every 5 s otherwise.
class Progress {
 public:
  void operator()(std::uint64_t done, std::uint64_t total) {
    const auto now = std::chrono::steady_clock::now();
    const bool tty = isatty(fileno(stderr)) != 0;
    if (done == last_done_) return;
    if (now - last_ < (tty ? std::chrono::milliseconds(200) : std::chrono::seconds(5)) &&
        done != total)
      return;
    last_ = now;
    last_done_ = done;
    const double mb = static_cast<double>(done) / 1e6;
    if (total == 0) {
      fmt::print(stderr, "{}[read] {:.0f} MB{}", tty ? "\r" : "", mb, tty ? "" : "\n");
    } else if (tty) {
      const int width = 30;
      const int fill = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
      fmt::print(stderr, "\r[read] [{}{}] {:.0f}/{:.0f} MB", std::string(fill, '#'),
                 std::string(width - fill, ' '), mb, static_cast<double>(total) / 1e6);
      if (done == total) fmt::print(stderr, "\n");
    } else {
      fmt::print(stderr, "[read] {:.0f}/{:.0f} MB\n", mb, static_cast<double>(total) / 1e6);
    }
  }

 private:
  std::chrono::steady_clock::time_point last_{};
  std::uint64_t last_done_ = ~std::uint64_t{0};
};

/// Signal options given on the command line, applied over the defaults once parsed.
struct SignalOverrides {
  std::optional<std::int64_t> window;
  std::optional<std::uint32_t> min_participation;
  std::vector<std::string> enabled, windows, weights, participation;

  static analysis::Signal signal(const std::string& name) {
    const auto s = analysis::parse_signal(name);
    if (!s) throw ConfigError("unknown signal '" + name + "'");
    return *s;
  }
  template <class T>
  static void per_signal(const std::vector<std::string>& items, analysis::SignalsConfig& cfg,
                         T analysis::SignalParams::*field) {
    for (const auto& item : items) {
      const auto eq = item.find('=');
      if (eq == std::string::npos) throw ConfigError("expected NAME=VALUE, got '" + item + "'");
      auto& p = cfg.params[static_cast<std::size_t>(signal(item.substr(0, eq)))];
      const auto value = item.substr(eq + 1);
      try {
        if constexpr (std::is_floating_point_v<T>) p.*field = std::stod(value);
        else p.*field = static_cast<T>(std::stoll(value));
      } catch (const std::exception&) {
        throw ConfigError("bad number in '" + item + "'");
      }
    }
  }
  void apply(analysis::SignalsConfig& cfg) const {
    for (auto& p : cfg.params) {
      if (window) p.window_s = *window;
      if (min_participation) p.min_participation = *min_participation;
    }
    if (!enabled.empty()) {
      for (auto& p : cfg.params) p.enabled = false;
      for (const auto& name : enabled) cfg.params[static_cast<std::size_t>(signal(name))].enabled = true;
    }
    per_signal(windows, cfg, &analysis::SignalParams::window_s);
    per_signal(weights, cfg, &analysis::SignalParams::weight);
    per_signal(participation, cfg, &analysis::SignalParams::min_participation);
  }
};

void print_summary(const analysis::RunSummary& s) {
  fmt::print("{} records ({} rejected, {} duplicates), {} accounts, {} co-actions\n", s.n_records,
             s.n_rejected, s.n_duplicates, s.n_accounts, s.n_matches);
  fmt::print("{} account pairs over all signals, {} in the combined graph; {} clusters, {} flagged\n",
             s.n_edges, s.n_edges_kept, s.n_clusters, s.n_flagged);
  if (!s.flagged.empty()) {
    fmt::print("\n{:>7} {:>5} {:>6} {:>7} {:>8}  {}\n", "cluster", "size", "score", "density",
               "mean_w", "top shared object");
    const std::size_t shown = std::min<std::size_t>(s.flagged.size(), 20);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& f = s.flagged[i];
      std::string top = f.top_object.size() > 60 ? f.top_object.substr(0, 57) + "..." : f.top_object;
      fmt::print("{:>7} {:>5} {:>6.3f} {:>7.2f} {:>8.1f}  {}\n", f.cluster_id, f.size, f.score,
                 f.density, f.mean_weight, top);
    }
    if (s.flagged.size() > shown) fmt::print("... and {} more\n", s.flagged.size() - shown);
  }
  fmt::print("\nwrote {} (run {}) in {:.2f} s\n", s.output_path, s.run_id, s.seconds);
  if (s.n_rejected > 0) fmt::print("rejected records: {}\n", s.rejects_path);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("peak RSS {:.0f} MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
}

Command make_run(CLI::App& app) {
  auto cfg = std::make_shared<analysis::PipelineConfig>();
  auto* cmd = app.add_subcommand("run", "Read dumps, find coordinated clusters, write results.h5");
  cmd->add_option("-i,--input", cfg->inputs, "Input file, directory or glob; '-' = stdin (repeatable)")
      ->required();
  cmd->add_option("-f,--format", cfg->format, "Input format")->capture_default_str()
      ->check(CLI::IsMember({"auto", "shares-csv", "twitter-v1", "twitter-v2", "twarc-csv",
                             "io-archive", "io-archive-users", "cnt-csv", "telegram", "reddit",
                             "bluesky", "mastodon"}));
  cmd->add_option("--accounts", cfg->account_files,
                  "Account attribute file (IO-archive users CSV) read before the inputs (repeatable)");
  cmd->add_option("-o,--out", cfg->output_path, "Output HDF5 file")->capture_default_str();
  cmd->add_option("--rejects", cfg->rejects_path, "Rejects file (default: <out>.rejects.txt)");
  cmd->add_flag("--strict", cfg->strict, "Fail on the first malformed record (exit 65)");
  cmd->add_option("--max-reject-fraction", cfg->max_reject_fraction,
                  "Fail when more than this fraction of records is rejected")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  auto overrides = std::make_shared<SignalOverrides>();
  cmd->add_option("-w,--window", overrides->window,
                  "Pairing window in seconds (|dt| <= window) for every signal")
      ->check(CLI::Range(std::int64_t{0}, (std::int64_t{1} << 31) - 1));
  cmd->add_option("-k,--min-participation", overrides->min_participation,
                  "Drop accounts with fewer actions of a signal before pairing (every signal)");
  cmd->add_option("--signals", overrides->enabled,
                  "Comma-separated signals to compute (default: all that the input has)")
      ->delimiter(',');
  cmd->add_option("--signal-window", overrides->windows, "Per-signal window, NAME=SECONDS");
  cmd->add_option("--signal-weight", overrides->weights, "Per-signal combination factor, NAME=W");
  cmd->add_option("--signal-min-participation", overrides->participation,
                  "Per-signal min participation, NAME=K");
  cmd->add_option("--max-pairs-per-object", cfg->signals.max_pairs_per_object,
                  "Cap on candidate pairs per object (viral posts); 0 = none")->capture_default_str();
  cmd->add_option("--fast-repost-delay", cfg->signals.fast_repost_delay_s,
                  "fast_repost: reposts within this many seconds of the original")
      ->capture_default_str();
  cmd->add_option("--hashtag-sequence-min", cfg->signals.hashtag_sequence_min,
                  "hashtag_sequence: hashtags a post needs")->capture_default_str();
  cmd->add_option("--text-jaccard", cfg->signals.text.threshold,
                  "co_text: Jaccard similarity of shingles that makes texts near-duplicates")
      ->capture_default_str()->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--ubiquitous-domains", cfg->signals.ubiquitous_domains,
                  "co_domain: domains left out (comma-separated)")->delimiter(',');
  cmd->add_flag("--idf", cfg->signals.idf, "Down-weight popular objects (IDF) in edge weights");
  cmd->add_flag("--repost-entities", cfg->repost_entities,
                "Reposts also claim the original's hashtags, links and mentions");
  cmd->add_option("-p,--edge-percentile", cfg->edge_percentile,
                  "Per signal: keep edges with weight strictly above this quantile of the signal's edge weights; 0 = keep all")
      ->capture_default_str()->check(CLI::Range(0.0, 0.999999));
  cmd->add_option("--edge-cut-max", cfg->edge_cut_max,
                  "The percentile threshold never exceeds this many co-actions (1: keep every edge "
                  "with two or more; raise it for the pure percentile cut)")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_option("--edge-filter", cfg->edge_filter,
                  "Per-signal edge filter before fusion: cut (percentile), cosine, disparity, "
                  "eigen-prune")
      ->capture_default_str()->check(CLI::IsMember({"cut", "cosine", "disparity", "eigen-prune"}));
  cmd->add_option("--disparity-alpha", cfg->disparity_alpha, "disparity: significance level")
      ->capture_default_str();
  cmd->add_option("--eigen-quantile", cfg->eigen_quantile,
                  "eigen-prune: centrality quantile an account needs")->capture_default_str();
  cmd->add_option("--communities", cfg->communities, "Community detection on the kept graph")
      ->capture_default_str()->check(CLI::IsMember({"leiden", "louvain", "components"}));
  cmd->add_option("--resolution", cfg->resolution, "Leiden/Louvain modularity resolution")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--min-cluster-size", cfg->min_cluster_size, "Smallest cluster reported")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--flag-min-size", cfg->flag.min_size, "Flag rule: at least this many members")
      ->capture_default_str();
  cmd->add_option("--flag-min-mean-weight", cfg->flag.min_mean_weight,
                  "Flag rule: mean combined weight per internal edge at least this")->capture_default_str();
  cmd->add_option("--flag-score", cfg->flag.score_threshold,
                  "Flag rule: coordination score at least this")->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--evidence", cfg->evidence_per_cluster, "Top evidence objects kept per cluster and signal")
      ->capture_default_str();
  cmd->add_option("--seed", cfg->seed, "Random seed (recorded in the output)")->capture_default_str();
  cmd->add_flag("--check", cfg->check, "Run the verifiers on every stage's output");
  return {cmd, [cfg, overrides] {
            overrides->apply(cfg->signals);
            Progress progress;
            const auto summary = analysis::run_pipeline(
                *cfg, {.progress = [&progress](std::uint64_t d, std::uint64_t t) { progress(d, t); }});
            print_summary(summary);
            return kExitOk;
          }};
}

const VerbRegistration kRegistration(10, &make_run);

}  // namespace
}  // namespace lockstep::cli
