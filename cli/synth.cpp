// SPDX-License-Identifier: Apache-2.0
// `lockstep synth`: writes synthetic activity with planted coordinated groups, decoys and the
// ground truth: the shares model as a CooRTweet shares CSV or rendered as Twitter data
// (--render), or the activity model (--model activity) as Twitter v1.1 JSONL.
#include "datasets/synth.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <string>

#include "algorithms/base/error.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "datasets/activity.hpp"
#include "datasets/render.hpp"

namespace lockstep::cli {
namespace {

struct SynthArgs {
  datasets::SynthConfig cfg;
  datasets::ActivityConfig activity;
  std::string model = "shares";
  std::string out;
  std::string truth;
  std::string render;  // "" = shares for the shares model, twitter-v1 for the activity model
};

// The shares model's run.
int run_shares(const SynthArgs& args) {
  const datasets::SynthData data = datasets::generate_shares(args.cfg);
  datasets::write_rendering(
      args.out, data.shares,
      datasets::parse_rendering(args.render.empty() ? "shares" : args.render));
  if (!args.truth.empty()) datasets::write_truth_csv(args.truth, data.truth);
  const auto planted = std::count_if(data.truth.begin(), data.truth.end(),
                                     [](const auto& r) { return r.group != "organic"; });
  const auto groups = args.cfg.num_fast_rings + args.cfg.num_slow_groups;
  fmt::print(
      "synth: {} shares, {} accounts ({} planted in {} groups: {} fast rings, {} "
      "slow groups) -> {}{}\n",
      data.shares.size(), data.truth.size(), planted, groups, args.cfg.num_fast_rings,
      args.cfg.num_slow_groups, args.out, args.truth.empty() ? "" : ", " + args.truth);
  return kExitOk;
}

// The activity model's run: seed and period come from the shared options.
int run_activity(const SynthArgs& args) {
  if (!args.render.empty() && args.render != "twitter-v1")
    throw ConfigError("--model activity renders only twitter-v1");
  datasets::ActivityConfig cfg = args.activity;
  cfg.seed = args.cfg.seed;
  cfg.start_time = args.cfg.start_time;
  cfg.duration_s = args.cfg.duration_s;
  const datasets::Activity data = datasets::generate_activity(cfg);
  datasets::render_twitter_v1(data, args.out);
  if (!args.truth.empty()) datasets::write_truth_csv(args.truth, data.truth);
  std::size_t planted = 0;
  for (const auto& g : data.groups) planted += g.members.size();
  fmt::print("synth: {} tweets, {} accounts ({} planted in {} groups) -> {}{}\n",
             data.tweets.size(), data.accounts.size(), planted, data.groups.size(), args.out,
             args.truth.empty() ? "" : ", " + args.truth);
  return kExitOk;
}

Command make_synth(CLI::App& app) {
  auto args = std::make_shared<SynthArgs>();
  auto& c = args->cfg;
  CLI::App* sub = app.add_subcommand(
      "synth",
      "Generate synthetic shares (CooRTweet CSV) or Twitter activity with planted coordinated "
      "groups and decoys");
  sub->add_option("--model", args->model,
                  "shares (co-sharing rows) or activity (tweets with campaign styles and decoys)")
      ->capture_default_str()
      ->check(CLI::IsMember({"shares", "activity"}));
  sub->add_option("--out", args->out, "File to write (shares CSV, or --render's format)")
      ->required();
  sub->add_option("--render", args->render,
                  "Output format: shares (CooRTweet CSV), twitter-v1 (v1.1 JSONL), twitter-v2 "
                  "(twarc2 pages JSONL), io-archive (IO-archive tweets CSV); default shares, "
                  "for --model activity twitter-v1 (its only rendering)")
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

  auto& a = args->activity;
  sub->add_option("--tweets", a.num_tweets, "activity: approximate number of tweets")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--organic-accounts", a.num_accounts,
                  "activity: organic accounts (default: tweets / 12)");
  for (std::size_t s = 0; s < datasets::kNumCampaignStyles; ++s) {
    const auto style = datasets::style_name(static_cast<datasets::CampaignStyle>(s));
    sub->add_option(fmt::format("--{}-groups", style), a.groups[s],
                    fmt::format("activity: planted {} groups", style))
        ->capture_default_str();
  }
  sub->add_option("--group-size-min", a.min_group_size, "activity: fewest members per group")
      ->capture_default_str();
  sub->add_option("--group-size-max", a.max_group_size, "activity: most members per group")
      ->capture_default_str();
  sub->add_option("--viral-posts", a.viral_posts, "activity: decoy viral bursts")
      ->capture_default_str();
  sub->add_option("--celebrities", a.celebrities, "activity: decoy celebrities with fan bases")
      ->capture_default_str();
  sub->add_option("--feed-bots", a.news_bots, "activity: decoy news bots on one feed")
      ->capture_default_str();

  return {sub,
          [args] { return args->model == "activity" ? run_activity(*args) : run_shares(*args); }};
}

const VerbRegistration kRegistration{20, &make_synth};

}  // namespace
}  // namespace lockstep::cli
