// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::notebooks_export {

/// The formats `lockstep export --to` writes (notebooks_export/README.md describes each).
enum class ExportFormat { gexf, graphml, gephi_csv, jira_csv, sqlite, csv, notebook, html };

/// What to export and how.
struct ExportOptions {
  bool flagged_only = false;           // only flagged clusters (and their members and edges)
  std::vector<std::int32_t> clusters;  // only these cluster ids; empty = every cluster
  std::string pseudonymize_key;        // HMAC key; empty = real account ids and handles
  std::string source_path;             // the results.h5 exported, cited in tickets and reports
  std::size_t max_jira_rows = 1500;    // issues per Jira CSV file (Atlassian's advice)
};

/// The format named `name` ("gexf", "graphml", "gephi-csv", "jira-csv", "sqlite", "csv",
/// "notebook", "html"). Throws ConfigError for any other name. O(1).
ExportFormat parse_export_format(std::string_view name);

/// Every format name parse_export_format accepts, in declaration order.
std::vector<std::string> export_format_names();

}  // namespace lockstep::notebooks_export
