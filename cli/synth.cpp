// SPDX-License-Identifier: Apache-2.0
// `lockstep synth`: writes synthetic activity with planted coordinated groups, decoys and the
// ground truth, as a CooRTweet shares CSV or rendered as Twitter data (--render).
#include "datasets/synth.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "datasets/render.hpp"

namespace lockstep::cli {
namespace {

struct SynthArgs {
  datasets::SynthConfig cfg;
  std::string out;
  std::string truth;
  std::string render = "shares";
};

Command make_synth(CLI::App& app) {
  auto args = std::make_shared<SynthArgs>();
  auto& c = args->cfg;
  CLI::App* sub = app.add_subcommand(
      "synth",
      "Generate synthetic shares (CooRTweet CSV) with planted coordinated groups and decoys");
  sub->add_option("--out", args->out, "File to write (shares CSV, or --render's format)")
      ->required();
  sub->add_option("--render", args->render,
                  "Output format: shares (CooRTweet CSV), twitter-v1 (v1.1 JSONL), twitter-v2 "
                  "(twarc2 pages JSONL), io-archive (IO-archive tweets CSV)")
      ->capture_default_str()
      ->check(CLI::IsMember({"shares", "twitter-v1", "twitter-v2", "io-archive"}));
  sub->add_option("--truth", args->truth, "Ground-truth CSV to write (account_id,group,style)");
  sub->add_option("--seed", c.seed, "Random seed")->capture_default_str();
  sub->add_option("--shares", c.num_shares, "Approximate number of shares (rows)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--accounts", c.num_accounts, "Organic accounts (default: shares / 12)");
  sub->add_option("--objects", c.num_objects, "Organic objects (default: shares / 3)");
  sub->add_option("--start", c.start_time, "Start of the period, UNIX s")->capture_default_str();
  sub->add_option("--duration", c.duration_s, "Length of the period, s")->capture_default_str();
  sub->add_option("--fast-rings", c.num_fast_rings, "Planted fast rings (share within 0-9 s)")
      ->capture_default_str();
  sub->add_option("--fast-ring-size", c.fast_ring_size, "Members per fast ring")
      ->capture_default_str();
  sub->add_option("--slow-groups", c.num_slow_groups, "Planted slow groups (10-50 s relays)")
      ->capture_default_str();
  sub->add_option("--slow-group-size", c.slow_group_size, "Members per slow group")
      ->capture_default_str();
  sub->add_option("--group-objects-min", c.min_group_objects, "Fewest objects a group pushes")
      ->capture_default_str();
  sub->add_option("--group-objects-max", c.max_group_objects, "Most objects a group pushes")
      ->capture_default_str();
  sub->add_option("--participation", c.participation, "Chance a member joins one push")
      ->capture_default_str();
  sub->add_option("--viral-objects", c.num_viral_objects, "Decoy viral objects")
      ->capture_default_str();
  sub->add_option("--viral-crowd", c.viral_crowd_size, "Accounts sharing each viral object")
      ->capture_default_str();
  sub->add_option("--news-bots", c.num_news_bots, "Decoy very active organic accounts")
      ->capture_default_str();

  return {sub, [args] {
            const datasets::SynthData data = datasets::generate_shares(args->cfg);
            datasets::write_rendering(args->out, data.shares,
                                      datasets::parse_rendering(args->render));
            if (!args->truth.empty()) datasets::write_truth_csv(args->truth, data.truth);
            const auto planted = std::count_if(data.truth.begin(), data.truth.end(),
                                               [](const auto& r) { return r.group != "organic"; });
            const auto groups = args->cfg.num_fast_rings + args->cfg.num_slow_groups;
            fmt::print(
                "synth: {} shares, {} accounts ({} planted in {} groups: {} fast rings, {} "
                "slow groups) -> {}{}\n",
                data.shares.size(), data.truth.size(), planted, groups, args->cfg.num_fast_rings,
                args->cfg.num_slow_groups, args->out,
                args->truth.empty() ? "" : ", " + args->truth);
            return kExitOk;
          }};
}

const VerbRegistration kRegistration{20, &make_synth};

}  // namespace
}  // namespace lockstep::cli
