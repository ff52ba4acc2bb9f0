// SPDX-License-Identifier: Apache-2.0
// `lockstep export` and `lockstep inspect` end to end on the bundled dataset; every format is
// read back by an independent reader (networkx, sqlite3, csv, nbconvert, html.parser).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "notebooks_export/pseudonymize.hpp"
#include "support/export_fixture.hpp"
#include "support/run_cli.hpp"

using namespace lockstep;
namespace fs = std::filesystem;

namespace {

/// A results file of the bundled dataset (6 flagged clusters) in a fresh directory.
struct TinyRun {
  test::TempDir dir;
  std::string h5 = (dir.path() / "r.h5").string();
  std::size_t n_accounts = 0, n_edges = 0, n_flagged = 0, n_flagged_accounts = 0;
  TinyRun() {
    const auto r = test::run_cli(
        "run --input " LOCKSTEP_DATASETS_DIR "/tiny/shares.csv --out " + h5, dir.path());
    REQUIRE(r.exit_code == 0);
    const auto f = io::read_results_h5(h5);
    n_accounts = f.table("/accounts")->num_rows();
    n_edges = f.table("/edges")->num_rows();
    const auto& flagged =
        std::get<BoolVector>(f.table("/clusters")->find("flagged")->values).values;
    const auto& size =
        std::get<std::vector<std::uint32_t>>(f.table("/clusters")->find("size")->values);
    for (std::size_t i = 0; i < flagged.size(); ++i)
      if (flagged[i] != 0) ++n_flagged, n_flagged_accounts += size[i];
    REQUIRE(n_flagged == 6);
  }
  std::string path(const std::string& name) const { return (dir.path() / name).string(); }
  test::CliResult cli(const std::string& args) const { return test::run_cli(args, dir.path()); }
  void export_to(const std::string& format, const std::string& out,
                 const std::string& extra = "") const {
    const auto r = cli("export " + h5 + " --to " + format + " --out " + out + " " + extra);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

void require_python(const test::ProcessResult& r) {
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
}

constexpr const char* kReadGraphs = R"py(import sys
import networkx as nx
from networkx.readwrite import gexf
# networkx 2.8 knows the GEXF 1.1draft/1.2draft namespaces only; 1.3 keeps their structure.
gexf.GEXF.versions["1.3"] = dict(gexf.GEXF.versions["1.2draft"], NS_GEXF="http://gexf.net/1.3",
                                 NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")
for g in (nx.read_gexf(sys.argv[1], version="1.3"), nx.read_graphml(sys.argv[2])):
    assert g.number_of_nodes() == int(sys.argv[3]), g.number_of_nodes()
    assert g.number_of_edges() == int(sys.argv[4]), g.number_of_edges()
    for n, a in g.nodes(data=True):
        assert a["label"] and a["cluster_id"] >= 0 and 0 <= a["membership_score"] <= 1, a
        assert 0 <= a["cluster_score"] <= 1 and a["cluster_flagged"] is True, a
    for u, v, a in g.edges(data=True):
        assert a["weight"] > 0 and "w_co_share" in a, a
print("ok")
)py";

}  // namespace

TEST_CASE("export gexf and graphml open in networkx", "[integration][export]") {
  TinyRun run;
  run.export_to("gexf", run.path("f.gexf"), "--flagged-only");
  run.export_to("graphml", run.path("f.graphml"), "--flagged-only");
  const auto f = io::read_results_h5(run.h5);
  // Edges between flagged members: count them from the file itself.
  const auto& cluster =
      std::get<std::vector<std::int32_t>>(f.table("/accounts")->find("cluster_id")->values);
  const auto& flagged = std::get<BoolVector>(f.table("/clusters")->find("flagged")->values).values;
  const auto& src =
      std::get<std::vector<std::uint32_t>>(f.table("/edges")->find("src_idx")->values);
  const auto& dst =
      std::get<std::vector<std::uint32_t>>(f.table("/edges")->find("dst_idx")->values);
  const auto in_flagged = [&](std::uint32_t a) {
    return cluster[a] >= 0 && flagged[cluster[a]] != 0;
  };
  std::size_t n_edges = 0;
  for (std::size_t i = 0; i < src.size(); ++i) n_edges += in_flagged(src[i]) && in_flagged(dst[i]);
  require_python(test::run_python(run.dir.path().string(), "check_graphs.py", kReadGraphs,
                                  run.path("f.gexf") + " " + run.path("f.graphml") + " " +
                                      std::to_string(run.n_flagged_accounts) + " " +
                                      std::to_string(n_edges)));
}

TEST_CASE("export sqlite answers the README queries", "[integration][export]") {
  TinyRun run;
  run.export_to("sqlite", run.path("r.sqlite"));
  const auto script = R"py(import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
assert {"accounts", "clusters", "memberships", "edges", "evidence", "runs"} <= tables, tables
assert db.execute("select count(*) from accounts").fetchone()[0] == int(sys.argv[2])
assert db.execute("select count(*) from edges").fetchone()[0] == int(sys.argv[3])
run_id, seed = db.execute("select run_id, param_random_seed from runs").fetchone()
assert run_id and seed == 42
# The three queries of notebooks_export/README.md, verbatim.
readme = open(sys.argv[5], encoding="utf-8").read()
sql = readme.split("```sql")[1].split("```")[0]
q1, q2, q3 = [db.execute(q).fetchall() for q in sql.split(";") if q.strip()]
assert len(q1) == int(sys.argv[4]) and q1[0][2] >= q1[-1][2], q1
assert q2 and all(len(r) == 3 for r in q2), q2
assert all(n > 1 for _, n, _ in q3), q3
plan = " ".join(str(r) for r in db.execute("explain query plan select * from memberships where account_idx = 3"))
assert "INDEX" in plan.upper(), plan
print("ok")
)py";
  require_python(test::run_python(run.dir.path().string(), "check_sqlite.py", script,
                                  run.path("r.sqlite") + " " + std::to_string(run.n_accounts) +
                                      " " + std::to_string(run.n_edges) + " " +
                                      std::to_string(run.n_flagged) +
                                      " " LOCKSTEP_SOURCE_DIR "/notebooks_export/README.md"));
}

TEST_CASE("export csv, gephi-csv and jira-csv read back with Python's csv",
          "[integration][export]") {
  TinyRun run;
  run.export_to("csv", run.path("tables"));
  run.export_to("gephi-csv", run.path("gephi"));
  run.export_to("jira-csv", run.path("jira1.csv"));
  run.export_to("jira-csv", run.path("jira2.csv"));
  CHECK(test::slurp(run.path("jira1.csv")) == test::slurp(run.path("jira2.csv")));
  const auto script = R"py(import csv, os, sys
d, gephi, jira, n_accounts, n_edges, n_flagged = sys.argv[1:4] + [int(x) for x in sys.argv[4:]]
def rows(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.reader(f, strict=True))
for name in ["accounts", "clusters", "edges", "memberships", "evidence", "run", "run_inputs"]:
    r = rows(os.path.join(d, name + ".csv"))
    assert all(len(x) == len(r[0]) for x in r), name
acc = rows(os.path.join(d, "accounts.csv"))
assert acc[0][:2] == ["account_idx", "account_id"] and len(acc) == n_accounts + 1
assert len(rows(os.path.join(d, "edges.csv"))) == n_edges + 1
nodes, edges = rows(os.path.join(gephi, "nodes.csv")), rows(os.path.join(gephi, "edges.csv"))
assert nodes[0][:2] == ["Id", "Label"] and len(nodes) == n_accounts + 1
assert edges[0][:4] == ["Source", "Target", "Type", "Weight"] and len(edges) == n_edges + 1
ids = {n[0] for n in nodes[1:]}
assert all(e[0] in ids and e[1] in ids and e[2] == "Undirected" for e in edges[1:])
t = rows(jira)
assert t[0][:4] == ["Summary", "Issue Type", "Priority", "Description"], t[0]
assert t[0][4:] and set(t[0][4:]) == {"Labels"}
assert len(t) == n_flagged + 1 and all(len(x) == len(t[0]) for x in t)
summaries = [x[0] for x in t[1:]]
assert len(set(summaries)) == len(summaries)
assert all(s.startswith("[lockstep] Cluster ") for s in summaries)
assert all("\n" in x[3] and "Top shared objects" in x[3] for x in t[1:])
assert all(" " not in l for x in t[1:] for l in x[4:])
print("ok")
)py";
  require_python(test::run_python(run.dir.path().string(), "check_csv.py", script,
                                  run.path("tables") + " " + run.path("gephi") + " " +
                                      run.path("jira1.csv") + " " + std::to_string(run.n_accounts) +
                                      " " + std::to_string(run.n_edges) + " " +
                                      std::to_string(run.n_flagged)));
}

TEST_CASE("export html is well-formed, offline, with an svg per flagged cluster",
          "[integration][export]") {
  TinyRun run;
  run.export_to("html", run.path("report.html"));
  const auto script = R"py(import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link", "line", "circle", "rect", "path"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.svgs, self.sections, self.scripts = [], 0, 0, 0
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            assert k not in ("src", "srcset") and not (k == "href" and not v.startswith("#")), (tag, k, v)
            assert "url(" not in (v or ""), v
        self.svgs += tag == "svg"
        self.sections += tag == "section"
        self.scripts += tag == "script"
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, (self.stack[-3:], tag, self.getpos())
        self.stack.pop()
p = Check()
text = open(sys.argv[1], encoding="utf-8").read()
p.feed(text)
p.close()
n = int(sys.argv[2])
assert not p.stack, p.stack
assert p.sections == n and p.svgs == 2 * n, (p.sections, p.svgs)
assert p.scripts == 1 and "<link" not in text and "@import" not in text
print("ok")
)py";
  require_python(test::run_python(run.dir.path().string(), "check_html.py", script,
                                  run.path("report.html") + " " + std::to_string(run.n_flagged)));
  // Handles, objects and reasons that try to inject markup stay text.
  io::write_results_h5(run.path("evil.h5"), test::small_results());
  const auto r =
      run.cli("export " + run.path("evil.h5") + " --to html --out " + run.path("evil.html"));
  REQUIRE(r.exit_code == 0);
  require_python(test::run_python(run.dir.path().string(), "check_html.py", script,
                                  run.path("evil.html") + " 1"));
  const auto evil = test::slurp(run.path("evil.html"));
  CHECK(evil.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(evil.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("export notebook executes headless with nbconvert", "[integration][export]") {
  TinyRun run;
  run.export_to("notebook", run.path("nb.ipynb"), "--flagged-only");
  const auto r = test::run_command("cd " + run.dir.path().string() +
                                   " && PYDEVD_DISABLE_FILE_VALIDATION=1 jupyter-nbconvert --to "
                                   "notebook --execute nb.ipynb --output executed.ipynb");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto script = R"py(import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
outs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
assert not [o for o in outs if o["output_type"] == "error"]
images = sum("image/png" in o.get("data", {}) for o in outs)
assert images == 1 + int(sys.argv[2]), images  # network + one timeline per flagged cluster
assert any("text/html" in o.get("data", {}) for o in outs)  # the flagged clusters table
print("ok")
)py";
  require_python(
      test::run_python(run.dir.path().string(), "check_notebook.py", script,
                       run.path("executed.ipynb") + " " + std::to_string(run.n_flagged)));
}

TEST_CASE("pseudonymized exports hide account ids consistently across formats",
          "[integration][export]") {
  TinyRun run;
  const auto key = run.path("key");
  std::ofstream(key) << "a secret key\n";
  const auto k = " --pseudonymize-key " + key;
  run.export_to("gephi-csv", run.path("g"), "--flagged-only" + k);
  run.export_to("csv", run.path("c"), "--flagged-only" + k);
  run.export_to("html", run.path("r.html"), "--flagged-only" + k);
  run.export_to("jira-csv", run.path("j.csv"), "--flagged-only" + k);
  run.export_to("sqlite", run.path("s.sqlite"), "--flagged-only" + k);
  run.export_to("notebook", run.path("n.ipynb"), "--flagged-only" + k);
  run.export_to("gexf", run.path("x.gexf"), "--flagged-only" + k);
  const auto f = io::read_results_h5(run.h5);
  const auto& ids =
      std::get<std::vector<std::string>>(f.table("/accounts")->find("account_id")->values);
  const auto& cluster =
      std::get<std::vector<std::int32_t>>(f.table("/accounts")->find("cluster_id")->values);
  const auto& flagged = std::get<BoolVector>(f.table("/clusters")->find("flagged")->values).values;
  const auto gexf = test::slurp(run.path("x.gexf")), html = test::slurp(run.path("r.html")),
             jira = test::slurp(run.path("j.csv")), nodes = test::slurp(run.path("g/nodes.csv")),
             accounts = test::slurp(run.path("c/accounts.csv")),
             sqlite = test::slurp(run.path("s.sqlite"));
  const auto copy = io::read_results_h5(run.path("n.h5"));  // what the notebook loads
  const auto& copy_ids =
      std::get<std::vector<std::string>>(copy.table("/accounts")->find("account_id")->values);
  std::size_t checked = 0;
  for (std::size_t a = 0; a < ids.size(); ++a) {
    if (cluster[a] < 0 || flagged[cluster[a]] == 0) continue;
    const auto anon = notebooks_export::pseudonym("a secret key", ids[a]);
    INFO(ids[a] << " -> " << anon);
    for (const auto* text : {&gexf, &html, &jira, &nodes, &accounts, &sqlite})
      CHECK(text->find(ids[a]) == std::string::npos);
    CHECK(gexf.find(anon) != std::string::npos);
    CHECK(html.find(anon) != std::string::npos);
    CHECK(nodes.find(anon) != std::string::npos);
    CHECK(accounts.find(anon) != std::string::npos);
    CHECK(sqlite.find(anon) != std::string::npos);
    CHECK(copy_ids[a] == anon);
    ++checked;
  }
  CHECK(checked == run.n_flagged_accounts);
  CHECK(test::slurp(run.path("n.ipynb")).find(run.h5) == std::string::npos);
}

TEST_CASE("inspect prints the run and a cluster; bad requests exit with sysexits codes",
          "[integration][export]") {
  TinyRun run;
  auto r = run.cli("inspect " + run.h5);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("6 flagged") != std::string::npos);
  CHECK(r.out.find("time_window_s") != std::string::npos);
  r = run.cli("inspect " + run.h5 + " --cluster 0");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("members (top") != std::string::npos);
  CHECK(r.out.find("edges inside:") != std::string::npos);
  CHECK(run.cli("inspect " + run.h5 + " --cluster 999").exit_code == 78);
  CHECK(run.cli("export " + run.h5 + " --to html --out " + run.path("no/such/dir/r.html"))
            .exit_code == 73);
  CHECK(run.cli("export " + run.h5 + " --to pdf --out x").exit_code == 64);
  CHECK(run.cli("export " + run.path("missing.h5") + " --to html --out x").exit_code == 66);
}
