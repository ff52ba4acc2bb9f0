// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "io/column_table.hpp"
#include "notebooks_export/export_options.hpp"

namespace lockstep::notebooks_export {

/// What export_results wrote.
struct ExportSummary {
  std::vector<std::string> files;  // every file written, in writing order
  std::size_t n_clusters = 0;      // clusters exported (after --flagged-only / --cluster)
  std::size_t n_accounts = 0;      // accounts exported
  std::size_t n_edges = 0;         // edges exported
};

/// Writes `file` (as read by io::read_results_h5) to `out` in `format`. Single-file formats
/// (gexf, graphml, sqlite, notebook, html) write `out`; jira-csv writes `out` and, past
/// opts.max_jira_rows flagged clusters, `<out minus .csv>.2.csv`, `.3.csv`, ...; gephi-csv and
/// csv write files into the directory `out` (created when missing). Selection: with
/// opts.flagged_only or opts.clusters, only those clusters, their members, the edges between
/// members and their evidence are exported; otherwise everything. With opts.pseudonymize_key,
/// account ids and handles become pseudonym() values in every format (the notebook then reads
/// a pseudonymized copy `<out minus .ipynb>.h5` written beside it; ConfigError when that copy
/// would overwrite `out` or opts.source_path).
/// Columns are found by name: extra columns are exported (w_* as per-signal weights, score_*
/// as cluster scores), optional missing ones fall back to defaults; missing core columns
/// (account_id, cluster_id, src_idx, dst_idx, weight, flagged, score, size) throw InputError.
/// Unknown cluster ids in opts.clusters throw ConfigError. Every file is written to a temporary
/// name and renamed when complete; failures throw IoError naming the file.
/// Deterministic: the same inputs give the same bytes. Cost: O(file size) plus, for html,
/// O(iterations * members^2) per flagged cluster for the layout.
ExportSummary export_results(const ResultsFile& file, ExportFormat format, const std::string& out,
                             const ExportOptions& opts);

}  // namespace lockstep::notebooks_export
