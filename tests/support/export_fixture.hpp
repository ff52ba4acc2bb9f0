// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small hand-made ResultsFile for the export tests, and a runner for the independent Python
// readers (Debian's /usr/bin/python3 with the modules scripts/setup.sh installs).
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "io/column_table.hpp"
#include "support/run_cli.hpp"

namespace lockstep::test {

inline Column col(std::string name, ColumnValues v) {
  return {std::move(name), "", "", "", std::move(v)};
}

/// Two clusters: 0 (flagged, accounts 0-2) and 1 (not flagged, accounts 3-4), account 5
/// unclustered. Handles and objects carry HTML/CSV injection attempts; /clusters has an extra
/// score column and lacks density and activity columns (fallbacks).
inline ResultsFile small_results() {
  ResultsFile f;
  f.root_attributes = {{"format", std::string("lockstep")},
                       {"run_id", std::string("run42")},
                       {"random_seed", std::int64_t{7}}};
  f.parameters = {{"time_window_s", std::int64_t{60}},
                  {"flag_score_threshold", 0.5},
                  {"random_seed", std::int64_t{7}}};
  f.config_toml = "[run]\nseed = 7\n";
  f.tables.push_back(
      {"/accounts",
       {col("account_id", std::vector<std::string>{"a0", "a1", "a2", "a3", "a4", "a5"}),
        col("handle",
            std::vector<std::string>{"<script>alert(1)</script>", "x,\"y\"\nz", "", "d", "e", "f"}),
        col("first_seen", std::vector<std::int64_t>{100, 110, 120, 130, 140, -1}),
        col("last_seen", std::vector<std::int64_t>{900, 910, 920, 930, 940, -1}),
        col("cluster_id", std::vector<std::int32_t>{0, 0, 0, 1, 1, -1})}});
  f.tables.push_back(
      {"/clusters",
       {col("cluster_id", std::vector<std::int32_t>{0, 1}),
        col("size", std::vector<std::uint32_t>{3, 2}), col("score", std::vector<double>{0.93, 0.2}),
        col("score_co_url", std::vector<double>{0.5, 0.0}), col("flagged", BoolVector{{1, 0}}),
        col("flag_reasons", std::vector<std::string>{"dense;<b>fast</b>", ""})}});
  f.tables.push_back({"/memberships",
                      {col("cluster_id", std::vector<std::int32_t>{0, 0, 0, 1, 1}),
                       col("account_idx", std::vector<std::uint32_t>{0, 1, 2, 3, 4}),
                       col("membership_score", std::vector<double>{1.0, 0.8, 0.6, 1.0, 1.0})}});
  f.tables.push_back({"/edges",
                      {col("src_idx", std::vector<std::uint32_t>{0, 0, 1, 3, 4}),
                       col("dst_idx", std::vector<std::uint32_t>{1, 2, 2, 4, 5}),
                       col("weight", std::vector<double>{5, 3, 3, 1, 1}),
                       col("w_co_share", std::vector<float>{4, 3, 2, 1, 1}),
                       col("w_co_url", std::vector<float>{1, 0, 1, 0, 0})}});
  f.tables.push_back({"/evidence",
                      {col("cluster_id", std::vector<std::int32_t>{0, 1}),
                       col("signal", std::vector<std::string>{"co_share", "co_share"}),
                       col("object", std::vector<std::string>{"<img src=x onerror=alert(1)>",
                                                              "https://example.org/x"}),
                       col("n_accounts", std::vector<std::uint32_t>{3, 2}),
                       col("first_time", std::vector<std::int64_t>{200, 300}),
                       col("last_time", std::vector<std::int64_t>{260, 300})}});
  return f;
}


/// Writes `script` to dir/name and runs it with Debian's python3 and `args`. A missing module
/// fails the calling test: scripts/setup.sh installs every one.
inline ProcessResult run_python(const std::string& dir, const std::string& name,
                                const std::string& script, const std::string& args = "") {
  const auto path = dir + "/" + name;
  std::ofstream(path) << script;
  return run_command("/usr/bin/python3 " + path + " " + args);
}

}  // namespace lockstep::test
