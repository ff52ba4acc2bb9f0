// SPDX-License-Identifier: Apache-2.0
// Issue 6's acceptance: lockstep with default settings on the activity generator's ground truth
// (one seed, small scale; scripts/eval_synth.sh is the full evaluation with the same metrics).
// A flagged account is /accounts.flagged: a core member of a flagged cluster.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/column_table.hpp"
#include "io/hdf5_reader.hpp"
#include "support/run_cli.hpp"

namespace io = lockstep::io;

namespace {

const std::vector<std::string> kCampaigns = {"fast-ring", "slow-group",       "link-pusher",
                                             "copypasta", "hashtag-sequence", "reply-brigade"};
const std::set<std::string> kDecoys = {"viral-crowd", "celebrity-fans", "news-bot"};

template <class T>
const std::vector<T>& col(const lockstep::ResultsFile& f, const std::string& table,
                          const std::string& name) {
  const auto* t = f.table(table);
  REQUIRE(t != nullptr);
  const auto* c = t->find(name);
  REQUIRE(c != nullptr);
  return std::get<std::vector<T>>(c->values);
}

// account_id -> style (truth.csv: account_id,group,style; no quoting needed for these values).
std::map<std::string, std::string> read_truth(const std::string& path) {
  std::map<std::string, std::string> style;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto a = line.find(','), b = line.rfind(',');
    style[line.substr(0, a)] = line.substr(b + 1);
  }
  return style;
}

}  // namespace

TEST_CASE("default settings find every campaign style and spare the decoys (issue 6)",
          "[integration][synth]") {
  lockstep::test::TempDir dir;
  const auto tweets = (dir.path() / "tweets.jsonl").string();
  const auto truth_csv = (dir.path() / "truth.csv").string();
  const auto results = (dir.path() / "results.h5").string();
  const auto synth = lockstep::test::run_cli(
      "synth --model activity --render twitter-v1 --seed 1 "
      "--tweets 50000 --out " +
          tweets + " --truth " + truth_csv,
      dir.path());
  REQUIRE(synth.exit_code == 0);
  const auto r = lockstep::test::run_cli("run --input " + tweets + " --out " + results, dir.path());
  if (r.exit_code != 0) FAIL(r.err);

  const auto truth = read_truth(truth_csv);
  const auto f = io::read_results_h5(results);
  const auto& ids = col<std::string>(f, "/accounts", "account_id");
  const auto* flagged_col = f.table("/accounts")->find("flagged");
  REQUIRE(flagged_col != nullptr);
  const auto& account_flagged = std::get<lockstep::BoolVector>(flagged_col->values).values;

  std::map<std::string, std::size_t> total, flagged;
  for (const auto& [id, style] : truth) ++total[style];
  std::size_t n_flagged = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!account_flagged[i]) continue;
    ++n_flagged;
    const auto it = truth.find(ids[i]);
    ++flagged[it == truth.end() ? "organic" : it->second];
  }
  std::size_t planted = 0, decoys = 0, decoys_flagged = 0;
  for (const auto& s : kCampaigns) planted += flagged[s];
  for (const auto& s : kDecoys) {
    decoys += total[s];
    decoys_flagged += flagged[s];
  }
  const double precision =
      n_flagged ? static_cast<double>(planted) / static_cast<double>(n_flagged) : 0.0;
  const double decoy_share = static_cast<double>(decoys_flagged) / static_cast<double>(decoys);
  INFO("flagged " << n_flagged << ", precision " << precision << ", decoys flagged "
                  << decoys_flagged << " of " << decoys);
  CHECK(precision >= 0.95);
  CHECK(decoy_share <= 0.02);
  for (const auto& s : kCampaigns) {
    REQUIRE(total[s] > 0);
    INFO(s << ": " << flagged[s] << " of " << total[s] << " members flagged");
    CHECK(static_cast<double>(flagged[s]) / static_cast<double>(total[s]) >= 0.90);
  }
}
