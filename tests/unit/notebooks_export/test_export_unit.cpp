// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "algorithms/base/error.hpp"
#include "notebooks_export/export.hpp"
#include "notebooks_export/force_layout.hpp"
#include "notebooks_export/inspect.hpp"
#include "notebooks_export/pseudonymize.hpp"
#include "notebooks_export/text_escape.hpp"
#include "support/export_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace lockstep;
using namespace lockstep::notebooks_export;

namespace {
ExportOptions flagged_only() {
  ExportOptions o;
  o.flagged_only = true;
  return o;
}
ExportOptions only_cluster(std::int32_t id) {
  ExportOptions o;
  o.clusters = {id};
  return o;
}
}  // namespace

TEST_CASE("pseudonym is HMAC-SHA256 (RFC 4231 case 2), 16 hex digits", "[notebooks_export]") {
  CHECK(pseudonym("Jefe", "what do ya want for nothing?") == "anon_5bdcc146bf60754e");
  CHECK(pseudonym("k", "a0") == pseudonym("k", "a0"));
  CHECK(pseudonym("k", "a0") != pseudonym("other", "a0"));
  CHECK_THROWS_AS(pseudonym("", "a0"), Error);
}

TEST_CASE("read_pseudonymize_key strips the newline and refuses empty keys", "[notebooks_export]") {
  test::TempDir dir;
  CHECK(read_pseudonymize_key(dir.write("k", "secret\n")) == "secret");
  CHECK_THROWS_AS(read_pseudonymize_key(dir.write("e", "\n")), ConfigError);
  CHECK_THROWS_AS(read_pseudonymize_key(dir.file("missing")), MissingInputError);
}

TEST_CASE("pseudonymize_accounts replaces ids and handles only", "[notebooks_export]") {
  const auto f = pseudonymize_accounts(test::small_results(), "k");
  const auto& ids =
      std::get<std::vector<std::string>>(f.table("/accounts")->find("account_id")->values);
  const auto& handles =
      std::get<std::vector<std::string>>(f.table("/accounts")->find("handle")->values);
  CHECK(ids[0] == pseudonym("k", "a0"));
  CHECK(handles[3] == pseudonym("k", "d"));
  CHECK(handles[2].empty());
  CHECK(std::get<std::vector<float>>(f.table("/edges")->find("w_co_url")->values) ==
        std::vector<float>{1, 0, 1, 0, 0});
}

TEST_CASE("escaping for XML, CSV and JSON", "[notebooks_export]") {
  CHECK(xml_escape("<a href=\"x\">'&'</a>\x01") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,\"b\"\nc") == "\"a,\"\"b\"\"\nc\"");
  CHECK(json_string("q\"\\\n\x02") == "\"q\\\"\\\\\\n\\u0002\"");
  CHECK(number_text(0.5) == "0.5");
  CHECK(number_text(std::nan("")).empty());
}

TEST_CASE("force_layout is deterministic, in the unit square, and pulls neighbours together",
          "[notebooks_export]") {
  // Two triangles joined by one edge.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> edges{{0, 1}, {0, 2}, {1, 2}, {2, 3},
                                                                   {3, 4}, {3, 5}, {4, 5}};
  const auto a = force_layout(6, edges, 42);
  const auto b = force_layout(6, edges, 42);
  REQUIRE(a.size() == 6);
  const auto dist = [&](int i, int j) { return std::hypot(a[i].x - a[j].x, a[i].y - a[j].y); };
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].x == b[i].x);
    CHECK(a[i].y == b[i].y);
    CHECK((a[i].x >= 0 && a[i].x <= 1 && a[i].y >= 0 && a[i].y <= 1));
  }
  CHECK(dist(0, 1) < dist(0, 5));
  CHECK(force_layout(1, {}, 1).size() == 1);
  CHECK(force_layout(0, {}, 1).empty());
}

TEST_CASE("export selects clusters and tolerates missing optional columns", "[notebooks_export]") {
  test::TempDir dir;
  const auto f = test::small_results();
  auto s = export_results(f, ExportFormat::gexf, dir.file("all.gexf"), {});
  CHECK(s.n_clusters == 2);
  CHECK(s.n_accounts == 6);
  CHECK(s.n_edges == 5);
  s = export_results(f, ExportFormat::gexf, dir.file("flagged.gexf"), flagged_only());
  CHECK(s.n_clusters == 1);
  CHECK(s.n_accounts == 3);
  CHECK(s.n_edges == 3);
  s = export_results(f, ExportFormat::graphml, dir.file("c1.graphml"), only_cluster(1));
  CHECK(s.n_accounts == 2);
  CHECK(s.n_edges == 1);
  CHECK_THROWS_AS(export_results(f, ExportFormat::gexf, dir.file("x.gexf"), only_cluster(9)),
                  ConfigError);
  CHECK(!std::filesystem::exists(dir.file("x.gexf")));
}

TEST_CASE("export fails on a missing core column and on an unwritable output",
          "[notebooks_export]") {
  test::TempDir dir;
  auto f = test::small_results();
  CHECK_THROWS_AS(export_results(f, ExportFormat::html, dir.file("none/x.html"), {}), IoError);
  CHECK_THROWS_AS(export_results(f, ExportFormat::sqlite, dir.file("none/x.sqlite"), {}), IoError);
  auto& clusters = f.tables[1].columns;
  clusters.erase(clusters.begin() + 4);  // flagged
  CHECK_THROWS_AS(export_results(f, ExportFormat::csv, dir.file("csv"), {}), InputError);
  CHECK_THROWS_AS(parse_export_format("pdf"), ConfigError);
  CHECK(parse_export_format("gephi-csv") == ExportFormat::gephi_csv);
}

TEST_CASE("jira-csv splits files past max_jira_rows", "[notebooks_export]") {
  test::TempDir dir;
  auto f = test::small_results();
  std::get<BoolVector>(f.tables[1].columns[4].values).values = {1, 1};
  ExportOptions o;
  o.max_jira_rows = 1;
  const auto s = export_results(f, ExportFormat::jira_csv, dir.file("t.csv"), o);
  REQUIRE(s.files == std::vector<std::string>{dir.file("t.csv"), dir.file("t.2.csv")});
  CHECK(test::slurp(dir.file("t.csv")).find("[lockstep] Cluster run42/0,") != std::string::npos);
  CHECK(test::slurp(dir.file("t.2.csv")).find("[lockstep] Cluster run42/1,") != std::string::npos);
}

TEST_CASE("html report escapes every string from the data", "[notebooks_export]") {
  test::TempDir dir;
  export_results(test::small_results(), ExportFormat::html, dir.file("r.html"), {});
  const auto html = test::slurp(dir.file("r.html"));
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>fast") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("inspect summarises the run and one cluster", "[notebooks_export]") {
  const auto f = test::small_results();
  const auto all = inspect_text(f, std::nullopt);
  CHECK(all.find("run run42") != std::string::npos);
  CHECK(all.find("2 clusters, 1 flagged") != std::string::npos);
  const auto one = inspect_text(f, 0);
  CHECK(one.find("cluster 0 of run run42: FLAGGED") != std::string::npos);
  CHECK(one.find("edges inside: 3") != std::string::npos);
  CHECK_THROWS_AS(inspect_text(f, 5), ConfigError);
}

TEST_CASE("evidence signal codes resolve through /run/signals and sqlite keeps the recipe tables",
          "[notebooks_export]") {
  test::TempDir dir;
  auto f = test::small_results();
  for (auto& t : f.tables)
    if (t.path == "/evidence") t.columns[1] = test::col("signal", std::vector<std::int8_t>{3, 3});
  f.tables.push_back({"/run/signals",
                      {test::col("signal_id", std::vector<std::int8_t>{3}),
                       test::col("name", std::vector<std::string>{"co_url"})}});
  CHECK(inspect_text(f, 0).find("co_url     <img") != std::string::npos);
  f.tables.erase(std::remove_if(f.tables.begin(), f.tables.end(),
                                [](const ColumnTable& t) {
                                  return t.path == "/evidence" || t.path == "/memberships";
                                }),
                 f.tables.end());
  const auto s = export_results(f, ExportFormat::sqlite, dir.file("r.sqlite"), flagged_only());
  CHECK(s.n_accounts == 3);  // members from /accounts.cluster_id
  CHECK(test::slurp(dir.file("r.sqlite")).find("CREATE TABLE evidence") != std::string::npos);
}

TEST_CASE("a pseudonymized notebook never overwrites its source", "[notebooks_export]") {
  test::TempDir dir;
  ExportOptions o;
  o.pseudonymize_key = "k";
  o.source_path = dir.write("r.h5", "original");
  CHECK_THROWS_AS(
      export_results(test::small_results(), ExportFormat::notebook, dir.file("r.ipynb"), o),
      ConfigError);
  CHECK(test::slurp(dir.file("r.h5")) == "original");
  const auto s =
      export_results(test::small_results(), ExportFormat::notebook, dir.file("nb.ipynb"), o);
  CHECK(s.files == std::vector<std::string>{dir.file("nb.h5"), dir.file("nb.ipynb")});
}
