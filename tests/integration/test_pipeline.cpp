// SPDX-License-Identifier: Apache-2.0
// End-to-end: the lockstep binary on generated and bundled data, read back from results.h5.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "algorithms/parallel/random.hpp"
#include "io/hdf5_reader.hpp"
#include "support/coortweet_reference.hpp"
#include "support/run_cli.hpp"

using namespace lockstep;
namespace fs = std::filesystem;

namespace {

template <class T>
const std::vector<T>& col(const ResultsFile& f, const std::string& table, const std::string& name) {
  const auto* t = f.table(table);
  REQUIRE(t != nullptr);
  const auto* c = t->find(name);
  REQUIRE(c != nullptr);
  return std::get<std::vector<T>>(c->values);
}

std::vector<test::ShareRow> random_shares(std::uint64_t seed, std::size_t n) {
  std::vector<test::ShareRow> rows;
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = splitmix64(seed * 104729 + i);
    test::ShareRow row;
    row.object_id = "https://example.org/o" + std::to_string(r % 23);
    row.account_id = "acct_" + std::to_string((r >> 16) % 31);
    // Every 9th row repeats the previous content id (one post sharing two objects), and a few
    // rows "share" their own content id.
    row.content_id = (i > 0 && r % 9 == 0) ? rows.back().content_id : "post" + std::to_string(i);
    if ((r >> 50) % 40 == 0) row.content_id = row.object_id;
    row.timestamp = 1646136000 + static_cast<std::int64_t>((r >> 32) % 400);
    rows.push_back(row);
  }
  return rows;
}

void write_csv(const fs::path& p, const std::vector<test::ShareRow>& rows) {
  std::ofstream out(p);
  out << "account_id,timestamp_share,object_id,content_id\n";  // any column order
  for (const auto& r : rows)
    out << r.account_id << ',' << r.timestamp << ',' << r.object_id << ',' << r.content_id << '\n';
}

std::map<std::string, std::string> read_truth(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::string> style;
  while (std::getline(in, line)) {
    const auto a = line.find(','), b = line.rfind(',');
    style[line.substr(0, a)] = line.substr(b + 1);
  }
  return style;
}

}  // namespace

TEST_CASE("run with --window 60 -k 1 -p 0 writes exactly CooRTweet's pairs", "[integration]") {
  test::TempDir dir;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const auto rows = random_shares(seed, 700);
    write_csv(dir.path() / "in.csv", rows);
    const auto r = test::run_cli("run --input " + (dir.path() / "in.csv").string() + " --out " +
                                     (dir.path() / "r.h5").string() +
                                     " --window 60 --min-participation 1 --edge-percentile 0",
                                 dir.path());
    REQUIRE(r.exit_code == 0);
    const auto f = io::read_results_h5((dir.path() / "r.h5").string());
    const auto& ids = col<std::string>(f, "/accounts", "account_id");
    const auto& src = col<std::uint32_t>(f, "/edges", "src_idx");
    const auto& dst = col<std::uint32_t>(f, "/edges", "dst_idx");
    const auto& w = col<float>(f, "/edges", "w_co_share");
    const auto& sym = col<float>(f, "/edges", "edge_symmetry");
    const auto expected = test::coortweet_edges(rows, 60, 1);
    REQUIRE(src.size() == expected.size());
    for (std::size_t i = 0; i < src.size(); ++i) {
      auto a = ids[src[i]], b = ids[dst[i]];
      if (a > b) std::swap(a, b);
      const auto it = expected.find({a, b});
      INFO("seed " << seed << " pair " << a << " " << b);
      REQUIRE(it != expected.end());
      CHECK(w[i] == static_cast<float>(it->second.weight));
      CHECK(sym[i] == Approx(it->second.symmetry));
      if (i > 0) CHECK(std::make_pair(src[i - 1], dst[i - 1]) < std::make_pair(src[i], dst[i]));
      CHECK(src[i] < dst[i]);
    }
  }
}

TEST_CASE("the bundled dataset: planted groups flagged, decoys not, same bytes at 1 and 2 threads",
          "[integration]") {
  test::TempDir dir;
  const std::string data = std::string(LOCKSTEP_DATASETS_DIR) + "/tiny";
  const auto out1 = (dir.path() / "t1.h5").string(), out2 = (dir.path() / "t2.h5").string();
  const auto r1 = test::run_cli("--threads 1 run --input " + data + "/shares.csv --out " + out1, dir.path());
  REQUIRE(r1.exit_code == 0);
  CHECK(r1.out.find("flagged") != std::string::npos);
  const auto r2 = test::run_cli("--threads 2 run --input " + data + "/shares.csv --out " + out2, dir.path());
  REQUIRE(r2.exit_code == 0);
  CHECK(test::slurp(out1) == test::slurp(out2));

  const auto truth = read_truth(data + "/truth.csv");
  const auto f = io::read_results_h5(out1);
  const auto& ids = col<std::string>(f, "/accounts", "account_id");
  const auto& cluster = col<std::int32_t>(f, "/accounts", "cluster_id");
  const auto& flagged = std::get<BoolVector>(f.table("/clusters")->find("flagged")->values).values;
  std::size_t flagged_accounts = 0, flagged_planted = 0, planted = 0, planted_found = 0;
  std::size_t decoys = 0, decoys_flagged = 0;
  for (std::size_t a = 0; a < ids.size(); ++a) {
    const auto& style = truth.at(ids[a]);
    const bool is_planted = style == "fast-ring" || style == "slow-group";
    const bool is_flagged = cluster[a] >= 0 && flagged[static_cast<std::size_t>(cluster[a])];
    flagged_accounts += is_flagged;
    flagged_planted += is_flagged && is_planted;
    planted += is_planted;
    planted_found += is_flagged && is_planted;
    decoys += style == "viral-crowd";
    decoys_flagged += is_flagged && style == "viral-crowd";
  }
  REQUIRE(planted > 0);
  REQUIRE(flagged_accounts > 0);
  CHECK(static_cast<double>(flagged_planted) / static_cast<double>(flagged_accounts) >= 0.95);
  CHECK(static_cast<double>(planted_found) / static_cast<double>(planted) >= 0.90);
  if (decoys > 0) CHECK(static_cast<double>(decoys_flagged) / static_cast<double>(decoys) <= 0.02);
}

TEST_CASE("run exit codes and the rejects file", "[integration]") {
  test::TempDir dir;
  const auto out = (dir.path() / "r.h5").string();
  // Missing input: 66, no output left behind.
  auto r = test::run_cli("run --input " + (dir.path() / "nope.csv").string() + " --out " + out, dir.path());
  CHECK(r.exit_code == 66);
  CHECK_FALSE(fs::exists(out));
  // Usage error: 64.
  CHECK(test::run_cli("run --window -5 --input x", dir.path()).exit_code == 64);

  // One bad row in 200: default mode keeps it in the rejects file and counts it.
  {
    std::ofstream csv(dir.path() / "bad.csv");
    csv << "object_id,account_id,content_id,timestamp_share\n";
    for (int i = 0; i < 200; ++i)
      csv << "o" << i % 7 << ",a" << i % 13 << ",c" << i << "," << 1646136000 + i << "\n";
    csv << "o1,a1,c_bad,yesterday\n";
  }
  const auto bad = (dir.path() / "bad.csv").string();
  r = test::run_cli("run --input " + bad + " --out " + out, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto rejects = test::slurp(out + ".rejects.txt");
  CHECK(rejects.find("bad.csv:202:") != std::string::npos);
  CHECK(rejects.find("o1,a1,c_bad,yesterday") != std::string::npos);
  const auto f = io::read_results_h5(out);
  CHECK(col<std::uint64_t>(f, "/run/inputs", "n_rejected").at(0) == 1);
  CHECK(col<std::uint64_t>(f, "/run/inputs", "n_records").at(0) == 200);

  // Strict mode: exit 65 with file:line, and no output file.
  fs::remove(out);
  r = test::run_cli("run --strict --input " + bad + " --out " + out, dir.path());
  CHECK(r.exit_code == 65);
  CHECK(r.err.find("bad.csv:202:") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  // Above the reject fraction: exit 65.
  r = test::run_cli("run --max-reject-fraction 0.001 --input " + bad + " --out " + out, dir.path());
  CHECK(r.exit_code == 65);
}

TEST_CASE("one post shared by 200,000 accounts over a day: capped, reported, bounded memory",
          "[integration]") {
  test::TempDir dir;
  {
    std::ofstream csv(dir.path() / "viral.csv");
    csv << "object_id,account_id,content_id,timestamp_share\n";
    for (std::uint64_t i = 0; i < 200000; ++i)
      csv << "viral_post,acct" << i << ",c" << i << ',' << 1646092800 + splitmix64(i) % 86400
          << '\n';
  }
  const auto r = test::run_cli("run --input " + (dir.path() / "viral.csv").string() + " --out " +
                                   (dir.path() / "v.h5").string() + " -k 1 --max-pairs-per-object 1000000",
                               dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("1 objects hit the cap of 1000000 pairs") != std::string::npos);
  const auto at = r.out.find("peak RSS ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(r.out.substr(at + 9)) < 1024.0);
  const auto f = io::read_results_h5((dir.path() / "v.h5").string());
  CHECK(col<std::uint64_t>(f, "/run/signals", "n_capped_objects").at(0) == 1);
  CHECK(col<std::uint64_t>(f, "/run/signals", "n_capped_pairs").at(0) > 0);
}

TEST_CASE("v1.1 and v2-page and IO-archive renderings of one activity give identical co-repost "
          "edges", "[integration]") {
  test::TempDir dir;
  std::map<std::pair<std::string, std::string>, float> first;
  for (const char* render : {"twitter-v1", "twitter-v2", "io-archive"}) {
    const auto in = (dir.path() / (std::string(render) + ".dump")).string();
    const auto out = (dir.path() / (std::string(render) + ".h5")).string();
    REQUIRE(test::run_cli("synth --seed 5 --shares 6000 --accounts 600 --viral-crowd 40 --render " +
                              std::string(render) + " --out " + in,
                          dir.path())
                .exit_code == 0);
    const auto r = test::run_cli("run --input " + in + " --out " + out +
                                     " --signals co-repost -k 1 -p 0", dir.path());
    INFO(render << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    const auto f = io::read_results_h5(out);
    const auto& ids = col<std::string>(f, "/accounts", "account_id");
    const auto& src = col<std::uint32_t>(f, "/edges", "src_idx");
    const auto& dst = col<std::uint32_t>(f, "/edges", "dst_idx");
    const auto& w = col<float>(f, "/edges", "w_co_repost");
    std::map<std::pair<std::string, std::string>, float> edges;
    for (std::size_t i = 0; i < src.size(); ++i)
      edges[std::minmax(ids[src[i]], ids[dst[i]])] = w[i];
    REQUIRE(edges.size() > 100);
    if (first.empty()) first = edges;
    else CHECK(edges == first);
  }
}

TEST_CASE("every signal and score: identical results.h5 at 1 and 2 threads", "[integration]") {
  test::TempDir dir;
  const auto in = (dir.path() / "tweets.jsonl").string();
  REQUIRE(test::run_cli("synth --model activity --render twitter-v1 --seed 3 --tweets 30000 --out " + in,
                        dir.path())
              .exit_code == 0);
  const auto out1 = (dir.path() / "t1.h5").string(), out2 = (dir.path() / "t2.h5").string();
  const auto r1 = test::run_cli("--threads 1 run --input " + in + " --out " + out1, dir.path());
  REQUIRE(r1.exit_code == 0);
  REQUIRE(test::run_cli("--threads 2 run --input " + in + " --out " + out2, dir.path()).exit_code == 0);
  CHECK(test::slurp(out1) == test::slurp(out2));
  // The run used several signals.
  const auto f = io::read_results_h5(out1);
  CHECK(f.table("/run/signals")->num_rows() >= 6);
}
