// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal: one writer per export format; export_results() dispatches to them. Each returns
// the files it wrote, in writing order.
#include <string>
#include <vector>

#include "notebooks_export/export_data.hpp"

namespace lockstep::notebooks_export {

using WrittenFiles = std::vector<std::string>;

/// GEXF 1.3 (FORMATS.md 2c): accounts as nodes, edges with weight and w_* attributes.
WrittenFiles write_gexf(const ExportData& d, const std::string& out);
/// GraphML with Gephi's conventions (label, weight keys): same content as write_gexf.
WrittenFiles write_graphml(const ExportData& d, const std::string& out);
/// Gephi spreadsheet import: out/nodes.csv (Id,Label,...) and out/edges.csv (Source,Target,...).
WrittenFiles write_gephi_csv(const ExportData& d, const std::string& out);
/// Jira CSV import, one issue per selected flagged cluster, max_rows issues per file.
WrittenFiles write_jira_csv(const ExportData& d, const std::string& out, std::size_t max_rows,
                            const std::string& source_path);
/// SQLite database: accounts, clusters, memberships, edges, evidence, runs.
WrittenFiles write_sqlite(const ExportData& d, const std::string& out);
/// One RFC-4180 CSV file per table into directory out.
WrittenFiles write_csv_tables(const ExportData& d, const std::string& out);
/// Jupyter notebook (nbformat 4) reading the HDF5 file at h5_path.
WrittenFiles write_notebook(const ExportData& d, const std::string& out,
                            const std::string& h5_path);
/// Self-contained HTML report.
WrittenFiles write_html_report(const ExportData& d, const std::string& out,
                               const std::string& source_path);

/// Attribute type of a column for GEXF/GraphML: "boolean", "long", "double" or "string".
std::string graph_attr_type(const Column& c);

}  // namespace lockstep::notebooks_export
