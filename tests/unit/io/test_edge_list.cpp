// SPDX-License-Identifier: Apache-2.0
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/edge_list.hpp"

using namespace lockstep;

namespace {

// Writes text to a fresh file in the temp directory and removes it on destruction.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& text) {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("lockstep_edge_list_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
            ".txt");
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

std::string error_of(const std::string& text) {
  TempFile f(text);
  try {
    io::read_edge_list(f.path.string());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("read_edge_list reads integer ids in order of first appearance", "[io][edge_list]") {
  TempFile f("# comment\n% another\n\n30 10 2.5\n10 7\n  7\t30 1e-1\r\n");
  const auto list = io::read_edge_list(f.path.string());
  REQUIRE(list.size() == 3);
  CHECK(list.names == std::vector<std::string>{"30", "10", "7"});
  CHECK(list.source == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(list.target == std::vector<std::uint32_t>{1, 2, 0});
  CHECK(list.weight == std::vector<float>{2.5F, 1.0F, 0.1F});
}

TEST_CASE("read_edge_list keeps string ids and big integers", "[io][edge_list]") {
  TempFile strings("alice bob\nbob carol 3\n123 alice\n");
  const auto a = io::read_edge_list(strings.path.string());
  CHECK(a.names == std::vector<std::string>{"alice", "bob", "carol", "123"});
  CHECK(a.source == std::vector<std::uint32_t>{0, 1, 3});

  TempFile big("1234567890123456789 -5\n-5 1234567890123456789\n");
  const auto b = io::read_edge_list(big.path.string());
  CHECK(b.names == std::vector<std::string>{"1234567890123456789", "-5"});
  CHECK(b.target == std::vector<std::uint32_t>{1, 0});
}

TEST_CASE("read_edge_list matches across block boundaries", "[io][edge_list]") {
  // More than one 4 MiB block: ids and order must be those of a sequential read.
  std::string text;
  for (int i = 0; i < 400000; ++i)
    text += std::to_string(i % 1000) + " " + std::to_string((i * 7 + 3) % 5000) + " 1.5\n";
  TempFile f(text);
  const auto list = io::read_edge_list(f.path.string());
  REQUIRE(list.size() == 400000);
  CHECK(list.names[0] == "0");
  CHECK(list.names[1] == "3");
  CHECK(list.names[list.source[399999]] == std::to_string(399999 % 1000));
  CHECK(list.names[list.target[399999]] == std::to_string((399999LL * 7 + 3) % 5000));
}

TEST_CASE("read_edge_list reports malformed lines with file:line", "[io][edge_list]") {
  CHECK_THAT(error_of("1 2\n3\n"), Catch::Contains(":2: expected"));
  CHECK_THAT(error_of("1 2\n# c\n1 2 3 4\n"), Catch::Contains(":3: expected"));
  CHECK_THAT(error_of("1 2 0\n"), Catch::Contains(":1: weight \"0\""));
  CHECK_THAT(error_of("1 2 -1\n"), Catch::Contains(":1: weight"));
  CHECK_THAT(error_of("1 2 abc\n"), Catch::Contains(":1: weight \"abc\""));
  CHECK_THAT(error_of("1 2 nan\n"), Catch::Contains(":1: weight"));
  CHECK(error_of("1 2 1.5\n").empty());
  CHECK_THROWS_AS(io::read_edge_list("/nonexistent/lockstep/edges.txt"), MissingInputError);
}

TEST_CASE("read_edge_list gives first-appearance ids on the dense, hashed and text paths",
          "[io][edge_list]") {
  // Small non-negative ids take the parallel dense path, huge ones the hash, "x" forces text.
  for (const std::string suffix : {"", "000000000000", "x"}) {
    std::string text;
    std::vector<std::string> tokens;
    for (std::int64_t i = 0; i < 300000; ++i) {
      const std::string u = std::to_string((i * 7919) % 20011) + suffix;
      const std::string v = std::to_string((i * 104729 + 17) % 30011) + suffix;
      tokens.push_back(u);
      tokens.push_back(v);
      text += u + (i % 3 == 0 ? "\t" : " ") + v + (i % 5 == 0 ? " 3\n" : " 0.5\r\n");
    }
    TempFile f(text);
    const auto list = io::read_edge_list(f.path.string());
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::string> names;
    for (const auto& t : tokens)
      if (ids.try_emplace(t, static_cast<std::uint32_t>(names.size())).second) names.push_back(t);
    REQUIRE(list.size() == 300000);
    CHECK(list.names == names);
    bool same = true;
    for (std::size_t e = 0; e < list.size(); ++e) {
      same =
          same && list.source[e] == ids[tokens[2 * e]] && list.target[e] == ids[tokens[2 * e + 1]];
      same = same && list.weight[e] == (e % 5 == 0 ? 3.0F : 0.5F);
    }
    CHECK(same);
  }
  TempFile leading_zeros("007 7 2\n7 8\n");
  const auto z = io::read_edge_list(leading_zeros.path.string());
  CHECK(z.names == std::vector<std::string>{"007", "8"});
  CHECK(z.weight == std::vector<float>{2.0F, 1.0F});
}
