// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal: the one place that resolves tables and columns by name, applies the selection and
// hands every writer plain rows.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "io/column_table.hpp"
#include "notebooks_export/export_options.hpp"

namespace lockstep::notebooks_export {

/// Row i of a numeric column as double (NaN for strings and for a null column). O(1).
double number_at(const Column* c, std::size_t i);
/// Row i of any column as text (numbers in shortest round-trip form, booleans "true"/"false",
/// "" for a null column). O(length).
std::string text_at(const Column* c, std::size_t i);

struct ClusterRow {
  std::int32_t id = -1;
  std::size_t row = 0;  // row in /clusters
  double size = 0, score = 0, density = 0;
  bool flagged = false;
  std::string reasons;  // ';'-joined
  std::int64_t first_activity = -1, last_activity = -1;
  std::vector<std::pair<std::string, double>> scores;  // score_<signal> columns, by name
  std::vector<std::uint32_t> members;                  // account_idx, by membership score desc
};

struct EdgeRow {
  std::uint32_t src = 0, dst = 0;
  std::size_t row = 0;  // row in /edges
  double weight = 0;
};

struct EvidenceRow {
  std::int32_t cluster = -1;
  std::string signal, object;
  double n_accounts = 0, n_actions = 0;
  std::int64_t first = -1, last = -1;
};

/// A ResultsFile resolved once for the writers.
struct ExportData {
  const ResultsFile* file = nullptr;
  std::string run_id;
  // /accounts, indexed by account_idx (all accounts, selected or not)
  std::vector<std::string> account_id, handle;  // handle falls back to account_id
  std::vector<std::int32_t> account_cluster;    // -1 = none
  std::vector<double> membership_score;         // NaN when unknown
  std::vector<std::int64_t> first_seen, last_seen;
  std::vector<std::uint8_t> account_selected;
  std::vector<std::uint32_t> accounts;  // selected account_idx, ascending
  // /clusters (selected, ascending id), /edges (both ends selected), /evidence (selected)
  std::vector<ClusterRow> clusters;
  std::vector<EdgeRow> edges;
  std::vector<const Column*> edge_signal_columns;  // w_<signal> columns of /edges
  std::vector<const Column*> edge_extra_columns;   // other numeric /edges columns
  std::vector<EvidenceRow> evidence;
  bool filtered = false;

  /// Selected flagged clusters.
  std::vector<const ClusterRow*> flagged() const;
  /// Index in `clusters` of cluster id, or -1.
  std::ptrdiff_t cluster_index(std::int32_t id) const;
  /// Rows of table `t` that belong to the selection (all rows when not filtered).
  std::vector<std::size_t> selected_rows(const ColumnTable& t) const;
  /// Root attribute `name` as text ("" when absent).
  std::string root_attribute(const std::string& name) const;
};

/// Resolves `file` for export under `opts` (selection only; pseudonymize before). Throws
/// InputError for a missing core table or column, ConfigError for unknown cluster ids.
ExportData resolve_export_data(const ResultsFile& file, const ExportOptions& opts);

/// Table `path` of `file`; throws InputError naming it when absent.
const ColumnTable& require_table(const ResultsFile& file, const std::string& path);
/// Column `name` of `t`; throws InputError naming it when absent.
const Column& require_column(const ColumnTable& t, const std::string& name);
/// The ';'-joined flag reasons as a list, empty parts dropped. O(|reasons|).
std::vector<std::string> split_reasons(const std::string& reasons);
/// An attribute value as text.
std::string attr_text(const AttrValue& v);

}  // namespace lockstep::notebooks_export
