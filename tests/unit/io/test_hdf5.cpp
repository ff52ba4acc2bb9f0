// SPDX-License-Identifier: Apache-2.0
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/column_table.hpp"
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"

using namespace lockstep;
namespace fs = std::filesystem;

using lockstep::test::TempDir;

namespace {

// A fresh directory under the system temp dir, removed with everything in it.

Column col(std::string name, ColumnValues values, std::string units = "",
           std::string missing = "") {
  return Column{name, "the " + name + " column", std::move(units), std::move(missing),
                std::move(values)};
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();
const std::string kTimeUnits = "s since 1970-01-01T00:00:00Z";

// Every column type, UTF-8 strings, sentinels, an empty table, nested groups and a table
// longer than one 64K-row chunk.
ResultsFile make_sample() {
  ResultsFile f;
  f.root_attributes = {{"format", std::string("lockstep")},
                       {"format_version", std::string("1.0.0")},
                       {"tool_version", std::string("0.1.0")},
                       {"run_id", std::string("run-2024-05-01-é")},
                       {"random_seed", std::int64_t{42}},
                       {"created_utc", std::string("2024-05-01T00:00:00Z")},
                       {"data_start_utc", std::string("2024-04-30T00:00:00Z")},
                       {"data_end_utc", std::string("2024-05-01T00:00:00Z")},
                       {"platform", std::string("twitter")},
                       {"git_sha", std::string("abc123")},
                       {"config_sha256", std::string(64, 'a')},
                       {"input_manifest_sha256", std::string(64, 'b')},
                       {"some_double", 0.125}};
  f.config_toml = "[leiden]\nresolution = 1.0\n# résolution, 解像度 🚀\n";
  f.parameters = {{"time_window_s", std::int64_t{60}},
                  {"min_participation", std::int64_t{2}},
                  {"resolution", 1.0},
                  {"edge_weight_quantile", 0.5},
                  {"signals", std::string("co_retweet;co_url")}};
  f.tables.push_back(ColumnTable{
      "/run/inputs",
      {col("path", std::vector<std::string>{"data/a.jsonl.gz", "data/b.csv"}),
       col("format", std::vector<std::string>{"twitter-v1", "io-archive"}),
       col("sha256", std::vector<std::string>{std::string(64, 'c'), std::string(64, 'd')}),
       col("n_records", std::vector<std::int64_t>{10, 20}),
       col("n_rejected", std::vector<std::int64_t>{0, 1}),
       col("min_time", std::vector<std::int64_t>{1700000000, -1}, kTimeUnits, "-1"),
       col("max_time", std::vector<std::int64_t>{1700000100, -1}, kTimeUnits, "-1")}});
  f.tables.push_back(ColumnTable{
      "/accounts",
      {col("account_id", std::vector<std::string>{"حساب", "アカウント", "🤖bot", ""}),
       col("platform", std::vector<std::int8_t>{0, 1, -128, 127}),
       col("n_posts", std::vector<std::uint32_t>{0, 1, 4000000000U, 7}),
       col("first_seen", std::vector<std::int64_t>{1, -1, INT64_MIN, INT64_MAX}, kTimeUnits, "-1"),
       col("followers_count", std::vector<std::uint64_t>{0, UINT64_MAX, 5, 6}),
       col("cluster_id", std::vector<std::int32_t>{0, 1, -1, -1}, "", "-1")}});
  f.tables.push_back(
      ColumnTable{"/edges",
                  {col("src_idx", std::vector<std::uint32_t>{0, 0, 1}),
                   col("dst_idx", std::vector<std::uint32_t>{1, 2, 2}),
                   col("weight", std::vector<double>{1.5, kNaN, -0.0}, "", "NaN"),
                   col("w_co_retweet", std::vector<float>{0.25F, kNaNf, 3.0F}, "", "NaN")}});
  f.tables.push_back(ColumnTable{
      "/clusters",
      {col("cluster_id", std::vector<std::int32_t>{0, 1, 2}), col("flagged", BoolVector{{1, 0, 1}}),
       col("flag_reasons", std::vector<std::string>{"co_retweet;co_url", "", "تنسيق;協調"})}});
  f.tables.push_back(
      ColumnTable{"/memberships",
                  {col("cluster_id", std::vector<std::int32_t>{}),
                   col("account_idx", std::vector<std::uint32_t>{}),
                   col("membership_score", std::vector<double>{}), col("flagged", BoolVector{}),
                   col("label", std::vector<std::string>{})}});
  std::vector<std::uint64_t> big(70000);
  std::vector<std::string> big_s(70000);
  for (std::size_t i = 0; i < big.size(); ++i) {
    big[i] = i * 2654435761ULL;
    big_s[i] = "id" + std::to_string(i);
  }
  f.tables.push_back(ColumnTable{"/daily/2024-05-01/edges",
                                 {col("key", std::move(big)), col("object", std::move(big_s))}});
  return f;
}

// Column equality with floats compared bit for bit (NaN == NaN, -0.0 != 0.0).
bool same_values(const ColumnValues& a, const ColumnValues& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& va) {
        using V = std::decay_t<decltype(va)>;
        const auto& vb = std::get<V>(b);
        if constexpr (std::is_same_v<V, std::vector<float>> ||
                      std::is_same_v<V, std::vector<double>>) {
          return va.size() == vb.size() &&
                 (va.empty() || std::memcmp(va.data(), vb.data(), va.size() * sizeof(va[0])) == 0);
        } else {
          return va == vb;
        }
      },
      a);
}

void check_same_table(const ColumnTable& expected, const ColumnTable& actual) {
  INFO("table " << expected.path);
  REQUIRE(actual.columns.size() == expected.columns.size());
  CHECK(actual.num_rows() == expected.num_rows());
  for (std::size_t i = 0; i < expected.columns.size(); ++i) {
    const auto& e = expected.columns[i];
    const auto& a = actual.columns[i];
    INFO("column " << e.name);
    CHECK(a.name == e.name);
    CHECK(a.description == e.description);
    CHECK(a.units == e.units);
    CHECK(a.missing == e.missing);
    CHECK(same_values(a.values, e.values));
  }
}

void check_same_file(const ResultsFile& expected, const ResultsFile& actual) {
  CHECK(actual.root_attributes == expected.root_attributes);
  CHECK(actual.config_toml == expected.config_toml);
  CHECK(actual.parameters == expected.parameters);
  REQUIRE(actual.tables.size() == expected.tables.size());
  for (const auto& t : expected.tables) {
    const ColumnTable* read = actual.table(t.path);
    REQUIRE(read != nullptr);
    check_same_table(t, *read);
  }
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> dir_entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("HDF5 results round trip keeps every column type, attribute and sentinel", "[io][hdf5]") {
  const TempDir dir;
  const auto sample = make_sample();
  const auto path = dir.file("results.h5");
  io::write_results_h5(path, sample);
  const auto read = io::read_results_h5(path);
  check_same_file(sample, read);

  SECTION("attributes come back in the order written, with their types") {
    REQUIRE(read.root_attributes.size() == sample.root_attributes.size());
    CHECK(read.root_attributes.front().first == "format");
    CHECK(std::get<std::int64_t>(read.root_attributes[4].second) == 42);
    CHECK(std::get<double>(read.parameters[2].second) == 1.0);
  }
  SECTION("tables are found by walking groups, sorted by path") {
    std::vector<std::string> paths;
    for (const auto& t : read.tables) paths.push_back(t.path);
    CHECK(paths == std::vector<std::string>{"/accounts", "/clusters", "/daily/2024-05-01/edges",
                                            "/edges", "/memberships", "/run/inputs"});
  }
  SECTION("values that are easy to get wrong") {
    const auto& ids =
        std::get<std::vector<std::string>>(read.table("/accounts")->find("account_id")->values);
    CHECK(ids[0] == "حساب");
    CHECK(ids[2] == "🤖bot");
    CHECK(ids[3].empty());
    const auto& w = std::get<std::vector<double>>(read.table("/edges")->find("weight")->values);
    CHECK(std::isnan(w[1]));
    CHECK(std::signbit(w[2]));
    const auto& flagged = std::get<BoolVector>(read.table("/clusters")->find("flagged")->values);
    CHECK(flagged.values == std::vector<std::uint8_t>{1, 0, 1});
    CHECK(read.table("/memberships")->num_rows() == 0);
    CHECK(read.table("/memberships")->columns.size() == 5);
    CHECK(read.table("/daily/2024-05-01/edges")->num_rows() == 70000);
  }
}

TEST_CASE("HDF5 writer normalises booleans to 0/1 and handles a table without columns",
          "[io][hdf5]") {
  const TempDir dir;
  ResultsFile f;
  f.root_attributes = {{"format", std::string("lockstep")}};
  f.tables.push_back(ColumnTable{"/flags", {col("b", BoolVector{{0, 2, 255}})}});
  f.tables.push_back(ColumnTable{"/nothing", {}});
  io::write_results_h5(dir.file("r.h5"), f);
  const auto read = io::read_results_h5(dir.file("r.h5"));
  CHECK(std::get<BoolVector>(read.table("/flags")->columns[0].values).values ==
        std::vector<std::uint8_t>{0, 1, 1});
  REQUIRE(read.table("/nothing") != nullptr);
  CHECK(read.table("/nothing")->columns.empty());
  CHECK(read.config_toml.empty());
  CHECK(read.parameters.empty());
}

TEST_CASE("HDF5 rewrites of the same results are byte-identical", "[io][hdf5]") {
  const TempDir dir;
  const auto sample = make_sample();
  io::write_results_h5(dir.file("a.h5"), sample);
  // Object timestamps have one-second resolution: make sure a clock tick separates the writes.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  io::write_results_h5(dir.file("b.h5"), sample);
  const auto a = slurp(dir.file("a.h5"));
  REQUIRE(!a.empty());
  CHECK(a == slurp(dir.file("b.h5")));
  io::write_results_h5(dir.file("a.h5"), sample);  // overwrite in place
  CHECK(a == slurp(dir.file("a.h5")));
}

TEST_CASE("HDF5 writes are atomic", "[io][hdf5]") {
  const TempDir dir;
  const auto sample = make_sample();
  const auto path = dir.file("results.h5");

  SECTION("no temporary file is left behind") {
    io::write_results_h5(path, sample);
    CHECK(dir_entries(dir.path()) == std::vector<std::string>{"results.h5"});
  }
  SECTION("a missing output directory is an IoError naming it") {
    const auto missing = dir.file("no/such/dir/results.h5");
    REQUIRE_THROWS_AS(io::write_results_h5(missing, sample), IoError);
    REQUIRE_THROWS_WITH(io::write_results_h5(missing, sample),
                        Catch::Contains("does not exist") && Catch::Contains("no/such/dir"));
    CHECK(dir_entries(dir.path()).empty());
  }
  SECTION("an existing file is replaced on success") {
    { std::ofstream(path) << "old"; }
    io::write_results_h5(path, sample);
    CHECK(io::read_results_h5(path).tables.size() == sample.tables.size());
    CHECK(dir_entries(dir.path()) == std::vector<std::string>{"results.h5"});
  }
  SECTION("an existing file survives a failed write, and the temporary file is removed") {
    { std::ofstream(path) << "old"; }
    auto bad = sample;
    bad.root_attributes.emplace_back("format", std::string("lockstep"));  // duplicate: HDF5 fails
    REQUIRE_THROWS_AS(io::write_results_h5(path, bad), IoError);
    REQUIRE_THROWS_WITH(io::write_results_h5(path, bad),
                        Catch::Contains(path) && Catch::Contains("/@format"));
    CHECK(slurp(path) == "old");
    CHECK(dir_entries(dir.path()) == std::vector<std::string>{"results.h5"});
  }
  SECTION("the path of a directory is refused") {
    CHECK_THROWS_AS(io::write_results_h5(dir.path().string(), sample), IoError);
  }
}

TEST_CASE("HDF5 writer checks its preconditions before touching the disk", "[io][hdf5]") {
  const TempDir dir;
  const auto path = dir.file("r.h5");
  auto f = make_sample();
  SECTION("columns of different lengths") {
    std::get<std::vector<std::int32_t>>(f.tables[1].columns.back().values).push_back(3);
  }
  SECTION("no format attribute") { f.root_attributes.erase(f.root_attributes.begin()); }
  SECTION("duplicate table") { f.tables.push_back(f.tables.front()); }
  SECTION("nested tables") { f.tables.push_back(ColumnTable{"/accounts/inner", {}}); }
  SECTION("relative table path") { f.tables.front().path = "accounts2"; }
  SECTION("NUL in a string column") {
    std::get<std::vector<std::string>>(f.tables[1].columns[0].values)[0] = std::string("a\0b", 3);
  }
  CHECK_THROWS_AS(io::write_results_h5(path, f), Error);
  CHECK(dir_entries(dir.path()).empty());
}

TEST_CASE("HDF5 reader rejects missing and foreign files", "[io][hdf5]") {
  const TempDir dir;
  CHECK_THROWS_AS(io::read_results_h5(dir.file("missing.h5")), MissingInputError);
  { std::ofstream(dir.file("text.h5")) << "not an HDF5 file\n"; }
  CHECK_THROWS_AS(io::read_results_h5(dir.file("text.h5")), IoError);
  CHECK_THROWS_WITH(io::read_results_h5(dir.file("text.h5")), Catch::Contains("not an HDF5 file"));
  { std::ofstream(dir.file("empty.h5")); }
  CHECK_THROWS_AS(io::read_results_h5(dir.file("empty.h5")), IoError);
}
