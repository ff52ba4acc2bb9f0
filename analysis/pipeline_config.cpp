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
  std::string inputs;
  for (std::size_t i = 0; i < c.inputs.size(); ++i)
    inputs += (i ? ", " : "") + quoted(c.inputs[i]);
  // repr-style float formatting ({}) keeps the text exact and stable.
  return fmt::format(
      "[input]\nformat = {}\ninputs = [{}]\nmax_reject_fraction = {}\nstrict = {}\n\n"
      "[co_share]\nedge_percentile = {}\nmin_participation = {}\nwindow_s = {}\n\n"
      "[clusters]\ncommunities = {}\nevidence_per_cluster = {}\nmin_cluster_size = {}\n"
      "resolution = {}\n\n"
      "[flag]\nhalf_weight = {}\nmin_mean_weight = {}\nmin_size = {}\nscore_threshold = {}\n\n"
      "[run]\ncheck = {}\nseed = {}\n",
      quoted(c.format), inputs, c.max_reject_fraction, c.strict, c.edge_percentile,
      c.min_participation, c.window_s, quoted(c.communities), c.evidence_per_cluster,
      c.min_cluster_size, c.resolution, c.flag.half_weight, c.flag.min_mean_weight,
      c.flag.min_size, c.flag.score_threshold, c.check, c.seed);
}

void validate(const PipelineConfig& c) {
  auto fail = [](const std::string& m) { throw ConfigError(m); };
  if (c.inputs.empty()) fail("no input given (--input FILE)");
  if (c.window_s < 0 || c.window_s >= (std::int64_t{1} << 31))
    fail(fmt::format("window_s = {} outside [0, 2^31)", c.window_s));
  if (!(c.edge_percentile >= 0.0 && c.edge_percentile < 1.0))
    fail(fmt::format("edge_percentile = {} outside [0, 1)", c.edge_percentile));
  if (!(c.max_reject_fraction >= 0.0 && c.max_reject_fraction <= 1.0))
    fail(fmt::format("max_reject_fraction = {} outside [0, 1]", c.max_reject_fraction));
  if (c.communities != "components" && c.communities != "leiden" && c.communities != "louvain")
    fail("communities = \"" + c.communities + "\": use leiden, louvain or components");
  if (!(c.resolution > 0.0)) fail("resolution must be > 0");
  if (c.min_cluster_size < 1) fail("min_cluster_size must be >= 1");
  if (!(c.flag.half_weight > 0.0)) fail("flag.half_weight must be > 0");
  if (!(c.flag.score_threshold >= 0.0 && c.flag.score_threshold <= 1.0))
    fail("flag.score_threshold outside [0, 1]");
}

}  // namespace lockstep::analysis
