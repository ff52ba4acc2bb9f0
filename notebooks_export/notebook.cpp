// SPDX-License-Identifier: Apache-2.0
// A Jupyter notebook (nbformat 4.5 JSON) that loads results.h5 with h5py + pandas and draws the
// flagged clusters; the Python is fixed text, only the file path and cluster ids vary.
#include <fmt/core.h>

#include <sstream>
#include <string_view>

#include "notebooks_export/output_file.hpp"
#include "notebooks_export/text_escape.hpp"
#include "notebooks_export/writers.hpp"

namespace lockstep::notebooks_export {
namespace {

constexpr std::string_view kLoad = R"py(import h5py
import numpy as np
import pandas as pd
import networkx as nx
import matplotlib.pyplot as plt


def read_table(f, name):
    """One table group of results.h5 as a DataFrame (strings decoded to str)."""
    g = f[name]
    return pd.DataFrame({c: (g[c].asstr()[()] if g[c].dtype.kind in "SO" else g[c][()])
                         for c in g.attrs["column-order"]})


tables = {}
with h5py.File(RESULTS, "r") as f:
    attrs = dict(f.attrs)
    params = dict(f["run/parameters"].attrs) if "run/parameters" in f else {}
    f.visititems(lambda n, o: tables.__setitem__(n, read_table(f, n))
                 if isinstance(o, h5py.Group) and o.attrs.get("encoding-type") == "table" else None)

accounts, clusters, edges = tables["accounts"], tables["clusters"], tables["edges"]
evidence = tables.get("evidence")
if "handle" in accounts:
    accounts["label"] = accounts["handle"].where(accounts["handle"] != "", accounts["account_id"])
else:
    accounts["label"] = accounts["account_id"]
print("run", attrs.get("run_id"), "|", {t: len(df) for t, df in tables.items()})
pd.Series(params, dtype=object).to_frame("value"))py";

constexpr std::string_view kFlagged =
    R"py(flagged = clusters[clusters["flagged"] & clusters["cluster_id"].isin(CLUSTERS)]
flagged = flagged.sort_values("score", ascending=False)
flagged.drop(columns=[c for c in ["top_objects_json"] if c in flagged]))py";

constexpr std::string_view kNetwork =
    R"py(members = accounts.index[accounts["cluster_id"].isin(flagged["cluster_id"])]
inside = edges[edges["src_idx"].isin(members) & edges["dst_idx"].isin(members)]
G = nx.Graph()
G.add_nodes_from((int(i), {"cluster": int(accounts.at[i, "cluster_id"])}) for i in members)
G.add_weighted_edges_from(zip(inside["src_idx"].astype(int), inside["dst_idx"].astype(int),
                              inside["weight"].astype(float)))
fig, ax = plt.subplots(figsize=(9, 7))
if len(G):
    pos = nx.spring_layout(G, seed=42, weight="weight")
    nx.draw_networkx(G, pos, ax=ax, node_color=[G.nodes[n]["cluster"] for n in G], cmap="tab20",
                     node_size=80, width=0.5, with_labels=len(G) <= 40,
                     labels={n: accounts.at[n, "label"] for n in G}, font_size=6)
ax.set_title(f"{len(flagged)} flagged clusters: {G.number_of_nodes()} accounts, "
             f"{G.number_of_edges()} edges (colour = cluster)")
ax.axis("off")
plt.show())py";

constexpr std::string_view kTimeline = R"py(for cid in flagged["cluster_id"]:
    ev = evidence[evidence["cluster_id"] == cid].head(10) if evidence is not None else None
    fig, ax = plt.subplots(figsize=(9, 3))
    if ev is not None and len(ev):
        rows, names = range(len(ev)), [str(o)[:40] for o in ev["object"]]
        start = pd.to_datetime(ev["first_time"], unit="s")
        end = pd.to_datetime(ev["last_time"], unit="s")
        title = "members' actions on the top evidence objects"
    else:
        ev = accounts[accounts["cluster_id"] == cid].head(10)
        rows, names = range(len(ev)), list(ev["label"])
        start = pd.to_datetime(ev["first_seen"], unit="s")
        end = pd.to_datetime(ev["last_seen"], unit="s")
        title = "members' first and last actions"
    ax.hlines(list(rows), start, end, linewidth=6, color="tab:red")
    ax.plot(start, list(rows), "|", color="black")
    ax.plot(end, list(rows), "|", color="black")
    ax.set_yticks(list(rows))
    ax.set_yticklabels(names, fontsize=7)
    ax.set_title(f"Cluster {cid}: {title}")
    fig.autofmt_xdate()
    plt.show())py";

std::string source_json(std::string_view text) {
  std::string out = "[";
  std::istringstream in{std::string(text)};
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!first) out += ",\n    ";
    out += json_string(in.eof() ? line : line + "\n");
    first = false;
  }
  return out + "]";
}

std::string cell(std::size_t id, bool code, std::string_view text) {
  if (!code)
    return fmt::format(
        "  {{\"cell_type\": \"markdown\", \"id\": \"cell-{}\", \"metadata\": {{}},\n   "
        "\"source\": {}}}",
        id, source_json(text));
  return fmt::format(
      "  {{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"cell-{}\", "
      "\"metadata\": {{}}, \"outputs\": [],\n   \"source\": {}}}",
      id, source_json(text));
}

}  // namespace

WrittenFiles write_notebook(const ExportData& d, const std::string& out,
                            const std::string& h5_path) {
  std::string ids;
  for (const auto* c : d.flagged()) ids += (ids.empty() ? "" : ", ") + std::to_string(c->id);
  const std::vector<std::pair<bool, std::string>> cells{
      {false, fmt::format("# lockstep run {}\n\nFlagged clusters of `{}`: the table, a network "
                          "drawing and an activity timeline per cluster. Re-run all cells after "
                          "changing `RESULTS` or `CLUSTERS`.",
                          d.run_id, h5_path)},
      {true, fmt::format("RESULTS = {}\nCLUSTERS = [{}]  # flagged clusters to show",
                         json_string(h5_path), ids)},
      {true, std::string(kLoad)},
      {false, "## Flagged clusters"},
      {true, std::string(kFlagged)},
      {false, "## Network of the flagged clusters"},
      {true, std::string(kNetwork)},
      {false, "## Activity timelines"},
      {true, std::string(kTimeline)},
  };
  std::string nb = "{\n \"cells\": [\n";
  for (std::size_t i = 0; i < cells.size(); ++i)
    nb += (i ? ",\n" : "") + cell(i, cells[i].first, cells[i].second);
  nb +=
      "\n ],\n \"metadata\": {\n  \"kernelspec\": {\"display_name\": \"Python 3\", "
      "\"language\": \"python\", \"name\": \"python3\"},\n  \"language_info\": {\"name\": "
      "\"python\"}\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
  write_file_atomic(out, nb);
  return {out};
}

}  // namespace lockstep::notebooks_export
