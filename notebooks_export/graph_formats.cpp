// SPDX-License-Identifier: Apache-2.0
// GEXF 1.3, GraphML and Gephi spreadsheet CSV: one node per selected account, one edge per
// selected edge; attribute names follow the HDF5 column names (FORMATS.md 2c, samples/exports).
#include <fmt/core.h>

#include <type_traits>

#include "notebooks_export/output_file.hpp"
#include "notebooks_export/text_escape.hpp"
#include "notebooks_export/writers.hpp"

namespace lockstep::notebooks_export {
namespace {

/// One typed attribute of a node or edge, with its value per exported row.
struct GraphAttr {
  std::string name, type;
};

/// Node attributes: account fields plus the scores of the account's cluster.
struct NodeTable {
  std::vector<GraphAttr> attrs;
  std::vector<std::vector<std::string>> values;  // [node][attr], "" = missing
};

NodeTable node_table(const ExportData& d) {
  NodeTable t;
  t.attrs = {{"account_id", "string"},       {"cluster_id", "long"},
             {"membership_score", "double"}, {"cluster_score", "double"},
             {"cluster_flagged", "boolean"}, {"cluster_size", "long"}};
  std::vector<std::string> score_names;
  if (!d.clusters.empty())
    for (const auto& [name, v] : d.clusters.front().scores) {
      score_names.push_back(name);
      t.attrs.push_back({"cluster_score_" + name, "double"});
    }
  for (const auto a : d.accounts) {
    std::vector<std::string> row{d.account_id[a], fmt::format("{}", d.account_cluster[a]),
                                 number_text(d.membership_score[a])};
    const auto k = d.cluster_index(d.account_cluster[a]);
    if (k >= 0) {
      const auto& c = d.clusters[static_cast<std::size_t>(k)];
      row.push_back(number_text(c.score));
      row.emplace_back(c.flagged ? "true" : "false");
      row.push_back(number_text(c.size));
      for (const auto& [name, v] : c.scores) row.push_back(number_text(v));
    } else {
      row.resize(t.attrs.size());
    }
    t.values.push_back(std::move(row));
  }
  return t;
}

std::vector<const Column*> edge_columns(const ExportData& d) {
  auto cols = d.edge_signal_columns;
  cols.insert(cols.end(), d.edge_extra_columns.begin(), d.edge_extra_columns.end());
  return cols;
}

std::string edge_value(const Column* c, std::size_t row) {
  return graph_attr_type(*c) == "boolean" ? text_at(c, row) : number_text(number_at(c, row));
}

}  // namespace

std::string graph_attr_type(const Column& c) {
  return std::visit(
      [](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, BoolVector>)
          return "boolean";
        else if constexpr (std::is_same_v<V, std::vector<std::string>>)
          return "string";
        else if constexpr (std::is_floating_point_v<typename V::value_type>)
          return "double";
        else
          return "long";
      },
      c.values);
}

WrittenFiles write_gexf(const ExportData& d, const std::string& out) {
  const auto nodes = node_table(d);
  const auto ecols = edge_columns(d);
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
      "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "      xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
      "version=\"1.3\">\n";
  x += "  <meta>\n    <creator>lockstep export</creator>\n";
  x += fmt::format("    <description>{} clusters of run {}</description>\n  </meta>\n",
                   d.clusters.size(), xml_escape(d.run_id));
  x += "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n";
  x += "    <attributes class=\"node\" mode=\"static\">\n";
  for (const auto& a : nodes.attrs)
    x += fmt::format("      <attribute id=\"{0}\" title=\"{0}\" type=\"{1}\"/>\n", a.name, a.type);
  x += "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
  for (const auto* c : ecols)
    x += fmt::format("      <attribute id=\"{0}\" title=\"{0}\" type=\"{1}\"/>\n",
                     xml_escape(c->name), graph_attr_type(*c));
  x += "    </attributes>\n    <nodes>\n";
  for (std::size_t i = 0; i < d.accounts.size(); ++i) {
    const auto a = d.accounts[i];
    x += fmt::format("      <node id=\"{}\" label=\"{}\"><attvalues>", xml_escape(d.account_id[a]),
                     xml_escape(d.handle[a]));
    for (std::size_t j = 0; j < nodes.attrs.size(); ++j)
      if (!nodes.values[i][j].empty())
        x += fmt::format("<attvalue for=\"{}\" value=\"{}\"/>", nodes.attrs[j].name,
                         xml_escape(nodes.values[i][j]));
    x += "</attvalues></node>\n";
  }
  x += "    </nodes>\n    <edges>\n";
  for (std::size_t i = 0; i < d.edges.size(); ++i) {
    const auto& e = d.edges[i];
    x += fmt::format("      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\"><attvalues>",
                     i, xml_escape(d.account_id[e.src]), xml_escape(d.account_id[e.dst]), e.weight);
    for (const auto* c : ecols) {
      const auto v = edge_value(c, e.row);
      if (!v.empty())
        x += fmt::format("<attvalue for=\"{}\" value=\"{}\"/>", xml_escape(c->name), v);
    }
    x += "</attvalues></edge>\n";
  }
  x += "    </edges>\n  </graph>\n</gexf>\n";
  write_file_atomic(out, x);
  return {out};
}

WrittenFiles write_graphml(const ExportData& d, const std::string& out) {
  const auto nodes = node_table(d);
  const auto ecols = edge_columns(d);
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  x += "  <key id=\"g_run\" for=\"graph\" attr.name=\"run_id\" attr.type=\"string\"/>\n";
  x += "  <key id=\"n_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n";
  for (std::size_t j = 0; j < nodes.attrs.size(); ++j)
    x += fmt::format("  <key id=\"n{}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>\n", j,
                     nodes.attrs[j].name, nodes.attrs[j].type);
  x += "  <key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n";
  for (std::size_t j = 0; j < ecols.size(); ++j)
    x += fmt::format("  <key id=\"e{}\" for=\"edge\" attr.name=\"{}\" attr.type=\"{}\"/>\n", j,
                     xml_escape(ecols[j]->name), graph_attr_type(*ecols[j]));
  x += "  <graph id=\"G\" edgedefault=\"undirected\">\n";
  x += fmt::format("    <data key=\"g_run\">{}</data>\n", xml_escape(d.run_id));
  for (std::size_t i = 0; i < d.accounts.size(); ++i) {
    const auto a = d.accounts[i];
    x += fmt::format("    <node id=\"{}\"><data key=\"n_label\">{}</data>",
                     xml_escape(d.account_id[a]), xml_escape(d.handle[a]));
    for (std::size_t j = 0; j < nodes.attrs.size(); ++j)
      if (!nodes.values[i][j].empty())
        x += fmt::format("<data key=\"n{}\">{}</data>", j, xml_escape(nodes.values[i][j]));
    x += "</node>\n";
  }
  for (std::size_t i = 0; i < d.edges.size(); ++i) {
    const auto& e = d.edges[i];
    x += fmt::format(
        "    <edge id=\"e{}\" source=\"{}\" target=\"{}\"><data key=\"e_weight\">{}</data>", i,
        xml_escape(d.account_id[e.src]), xml_escape(d.account_id[e.dst]), e.weight);
    for (std::size_t j = 0; j < ecols.size(); ++j) {
      const auto v = edge_value(ecols[j], e.row);
      if (!v.empty()) x += fmt::format("<data key=\"e{}\">{}</data>", j, v);
    }
    x += "</edge>\n";
  }
  x += "  </graph>\n</graphml>\n";
  write_file_atomic(out, x);
  return {out};
}

WrittenFiles write_gephi_csv(const ExportData& d, const std::string& out) {
  ensure_directory(out);
  const auto nodes = node_table(d);
  std::string n = "Id,Label";
  for (const auto& a : nodes.attrs) n += "," + a.name;
  n += "\r\n";
  for (std::size_t i = 0; i < d.accounts.size(); ++i) {
    const auto a = d.accounts[i];
    n += csv_field(d.account_id[a]) + "," + csv_field(d.handle[a]);
    for (const auto& v : nodes.values[i]) n.append(",").append(csv_field(v));
    n += "\r\n";
  }
  const auto ecols = edge_columns(d);
  std::string e = "Source,Target,Type,Weight";
  for (const auto* c : ecols) e.append(",").append(csv_field(c->name));
  e += "\r\n";
  for (const auto& r : d.edges) {
    e += fmt::format("{},{},Undirected,{}", csv_field(d.account_id[r.src]),
                     csv_field(d.account_id[r.dst]), r.weight);
    for (const auto* c : ecols) e.append(",").append(edge_value(c, r.row));
    e += "\r\n";
  }
  const auto nodes_path = out + "/nodes.csv", edges_path = out + "/edges.csv";
  write_file_atomic(nodes_path, n);
  write_file_atomic(edges_path, e);
  return {nodes_path, edges_path};
}

}  // namespace lockstep::notebooks_export
