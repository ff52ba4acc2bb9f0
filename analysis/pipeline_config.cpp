// SPDX-License-Identifier: Apache-2.0
#include "analysis/pipeline_config.hpp"

#include <fmt/format.h>

#include "algorithms/base/error.hpp"

namespace lockstep::analysis {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string to_toml(const PipelineConfig& c) {
  auto list = [](const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + quoted(v[i]);
    return "[" + out + "]";
  };
  // {} formats doubles in their shortest round-trip form: the text is exact and stable.
  std::string out = fmt::format(
      "[input]\naccount_files = {}\nformat = {}\ninputs = {}\nmax_reject_fraction = {}\n"
      "repost_entities = {}\nstrict = {}\n\n"
      "[signals]\ndisparity_alpha = {}\nedge_cut_max = {}\nedge_filter = {}\nedge_percentile = {}\neigen_quantile = {}\nfast_repost_delay_s = {}\nhashtag_sequence_min = {}\n"
      "idf = {}\nmax_pairs_per_object = {}\ntext_bands = {}\ntext_jaccard = {}\n"
      "text_min_shingles = {}\ntext_num_hashes = {}\nubiquitous_domains = {}\n",
      list(c.account_files), quoted(c.format), list(c.inputs), c.max_reject_fraction,
      c.repost_entities, c.strict, c.disparity_alpha, c.edge_cut_max, quoted(c.edge_filter),
      c.edge_percentile,
      c.eigen_quantile, c.signals.fast_repost_delay_s,
      c.signals.hashtag_sequence_min, c.signals.idf, c.signals.max_pairs_per_object,
      c.signals.text.bands, c.signals.text.threshold, c.signals.text_min_shingles,
      c.signals.text.num_hashes, list(c.signals.ubiquitous_domains));
  for (std::size_t i = 0; i < kNumSignals; ++i) {
    const auto& p = c.signals.params[i];
    out += fmt::format(
        "\n[signals.{}]\nenabled = {}\nmin_participation = {}\nweight = {}\nwindow_s = {}\n",
        signal_name(static_cast<Signal>(i)), p.enabled, p.min_participation, p.weight, p.window_s);
  }
  out += fmt::format(
      "\n[clusters]\ncommunities = {}\nevidence_per_cluster = {}\nmin_cluster_size = {}\n"
      "resolution = {}\n\n"
      "[flag]\nhalf_weight = {}\nmax_p_value = {}\nmin_mean_weight = {}\nmin_size = {}\n"
      "score_threshold = {}\n\n"
      "[null_model]\nmax_shift_s = {}\nreplicates = {}\n\n"
      "[features]\ncreation_window_s = {}\nsimilarity_sample = {}\nsync_window_s = {}\n\n"
      "[run]\ncheck = {}\nseed = {}\n",
      quoted(c.communities), c.evidence_per_cluster, c.min_cluster_size, c.resolution,
      c.flag.half_weight, c.flag.max_p_value, c.flag.min_mean_weight, c.flag.min_size,
      c.flag.score_threshold, c.null_model.max_shift_s, c.null_model.replicates,
      c.features.creation_window_s, c.features.similarity_sample, c.features.sync_window_s,
      c.check, c.seed);
  return out;
}

void validate(const PipelineConfig& c) {
  auto fail = [](const std::string& m) { throw ConfigError(m); };
  if (c.inputs.empty()) fail("no input given (--input FILE)");
  bool any = false;
  for (std::size_t i = 0; i < kNumSignals; ++i) {
    const auto& p = c.signals.params[i];
    const auto name = signal_name(static_cast<Signal>(i));
    any |= p.enabled;
    if (p.window_s < 0 || p.window_s >= (std::int64_t{1} << 31))
      fail(fmt::format("signals.{}.window_s = {} outside [0, 2^31)", name, p.window_s));
    if (!(p.weight > 0.0)) fail(fmt::format("signals.{}.weight must be > 0", name));
  }
  if (!any) fail("no signal enabled");
  if (c.signals.text.bands == 0 || c.signals.text.num_hashes % c.signals.text.bands != 0)
    fail("signals.text_bands must divide signals.text_num_hashes");
  if (!(c.signals.text.threshold > 0.0 && c.signals.text.threshold <= 1.0))
    fail("signals.text_jaccard outside (0, 1]");
  if (!(c.edge_percentile >= 0.0 && c.edge_percentile < 1.0))
    fail(fmt::format("edge_percentile = {} outside [0, 1)", c.edge_percentile));
  if (c.edge_filter != "cut" && c.edge_filter != "cosine" && c.edge_filter != "disparity" &&
      c.edge_filter != "eigen-prune")
    fail("edge_filter = \"" + c.edge_filter + "\": use cut, cosine, disparity or eigen-prune");
  if (!(c.edge_cut_max >= 0.0)) fail("edge_cut_max must be >= 0");
  if (!(c.disparity_alpha > 0.0 && c.disparity_alpha < 1.0)) fail("disparity_alpha outside (0, 1)");
  if (!(c.eigen_quantile >= 0.0 && c.eigen_quantile <= 1.0)) fail("eigen_quantile outside [0, 1]");
  if (!(c.max_reject_fraction >= 0.0 && c.max_reject_fraction <= 1.0))
    fail(fmt::format("max_reject_fraction = {} outside [0, 1]", c.max_reject_fraction));
  if (c.communities != "components" && c.communities != "leiden" && c.communities != "louvain")
    fail("communities = \"" + c.communities + "\": use leiden, louvain or components");
  if (!(c.resolution > 0.0)) fail("resolution must be > 0");
  if (c.min_cluster_size < 1) fail("min_cluster_size must be >= 1");
  if (!(c.flag.half_weight > 0.0)) fail("flag.half_weight must be > 0");
  if (c.null_model.max_shift_s < 0) fail("null_model.max_shift_s must be >= 0");
  if (c.features.similarity_sample < 2) fail("features.similarity_sample must be >= 2");
  if (!(c.flag.score_threshold >= 0.0 && c.flag.score_threshold <= 1.0))
    fail("flag.score_threshold outside [0, 1]");
}

}  // namespace lockstep::analysis
