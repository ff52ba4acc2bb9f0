// SPDX-License-Identifier: Apache-2.0
// `lockstep communities`: the standalone clustering command, end to end through the binary.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "support/run_cli.hpp"

using namespace lockstep;
namespace fs = std::filesystem;

namespace {

// Two heavy triangles joined by one light edge, with string ids, a comment and a blank line.
constexpr const char* kTwoTriangles =
    "# two triangles and a bridge\n"
    "alice bob 3\nbob carol 3\ncarol alice 3\n"
    "\n"
    "dave erin 3\nerin frank 3\nfrank dave 3\n"
    "carol dave 1\n";

std::map<std::string, std::string> read_membership(const fs::path& p) {
  std::map<std::string, std::string> community;
  std::ifstream in(p);
  std::string node, label;
  while (in >> node >> label) community[node] = label;
  return community;
}

bool has_temporary_file(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().find(".tmp.") != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("lockstep communities writes every node's community under its input id",
          "[integration][communities]") {
  test::TempDir dir;
  const std::string edges = dir.write("edges.txt", kTwoTriangles);
  const std::string out = dir.file("membership.txt");
  const auto r = test::run_cli(
      "--threads 2 communities --edges " + edges + " --out " + out + " --seed 3", dir.path());
  REQUIRE(r.exit_code == 0);
  const auto community = read_membership(out);
  REQUIRE(community.size() == 6);
  CHECK(community.at("alice") == community.at("bob"));
  CHECK(community.at("bob") == community.at("carol"));
  CHECK(community.at("dave") == community.at("erin"));
  CHECK(community.at("erin") == community.at("frank"));
  CHECK(community.at("alice") != community.at("dave"));
  CHECK(r.out.find("nodes 6\n") != std::string::npos);
  CHECK(r.out.find("edges 7\n") != std::string::npos);
  CHECK(r.out.find("communities 2\n") != std::string::npos);
  CHECK(r.out.find("disconnected_communities 0\n") != std::string::npos);
  CHECK(r.out.find("clustering_seconds ") != std::string::npos);
  CHECK_FALSE(has_temporary_file(dir.path()));
}

TEST_CASE("lockstep communities reports a bad edge line by file and line, and writes nothing",
          "[integration][communities]") {
  test::TempDir dir;
  const std::string edges = dir.write("edges.txt", "a b 1\nb c -2\n");
  const std::string out = dir.file("membership.txt");
  const auto r = test::run_cli("communities --edges " + edges + " --out " + out, dir.path());
  CHECK(r.exit_code == 65);
  CHECK(r.err.find(edges + ":2:") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("lockstep communities leaves no partial file when the membership cannot be written",
          "[integration][communities]") {
  test::TempDir dir;
  const std::string edges = dir.write("edges.txt", kTwoTriangles);
  // The output path is a directory: the complete temporary file cannot be renamed onto it.
  fs::create_directory(dir.path() / "taken");
  const auto r =
      test::run_cli("communities --edges " + edges + " --out " + dir.file("taken"), dir.path());
  CHECK(r.exit_code == 73);
  CHECK(r.err.find(dir.file("taken")) != std::string::npos);
  CHECK_FALSE(has_temporary_file(dir.path()));
  // A directory that does not exist.
  const auto missing = test::run_cli(
      "communities --edges " + edges + " --out " + dir.file("no/such/dir/m.txt"), dir.path());
  CHECK(missing.exit_code == 73);
  CHECK_FALSE(has_temporary_file(dir.path()));
}
