// SPDX-License-Identifier: Apache-2.0
#include "notebooks_export/export.hpp"

#include <array>
#include <filesystem>

#include "algorithms/base/error.hpp"
#include "io/hdf5_writer.hpp"
#include "notebooks_export/pseudonymize.hpp"
#include "notebooks_export/writers.hpp"

namespace lockstep::notebooks_export {
namespace {

constexpr std::array<std::pair<std::string_view, ExportFormat>, 8> kFormats{{
    {"gexf", ExportFormat::gexf},
    {"graphml", ExportFormat::graphml},
    {"gephi-csv", ExportFormat::gephi_csv},
    {"jira-csv", ExportFormat::jira_csv},
    {"sqlite", ExportFormat::sqlite},
    {"csv", ExportFormat::csv},
    {"notebook", ExportFormat::notebook},
    {"html", ExportFormat::html},
}};

/// The HDF5 file the notebook loads: the exported file itself, or, when account ids must not
/// appear, a pseudonymized copy written beside the notebook.
std::string notebook_source(const ResultsFile& file, const std::string& out,
                            const ExportOptions& opts, WrittenFiles& files) {
  if (opts.pseudonymize_key.empty() && !opts.source_path.empty())
    return std::filesystem::absolute(opts.source_path).string();
  const auto copy = std::filesystem::path(out).replace_extension(".h5").string();
  std::error_code ec;
  if (copy == out ||
      (!opts.source_path.empty() && std::filesystem::equivalent(copy, opts.source_path, ec)))
    throw ConfigError("the notebook's data copy " + copy +
                      " would overwrite an input; choose another --out");
  io::write_results_h5(copy, file);
  files.push_back(copy);
  return std::filesystem::absolute(copy).string();
}

}  // namespace

ExportFormat parse_export_format(std::string_view name) {
  for (const auto& [n, f] : kFormats)
    if (n == name) return f;
  throw ConfigError("unknown export format '" + std::string(name) + "'");
}

std::vector<std::string> export_format_names() {
  std::vector<std::string> names;
  for (const auto& [n, f] : kFormats) names.emplace_back(n);
  return names;
}

ExportSummary export_results(const ResultsFile& input, ExportFormat format, const std::string& out,
                             const ExportOptions& opts) {
  const ResultsFile file =
      opts.pseudonymize_key.empty() ? input : pseudonymize_accounts(input, opts.pseudonymize_key);
  const auto d = resolve_export_data(file, opts);
  ExportSummary s{{}, d.clusters.size(), d.accounts.size(), d.edges.size()};
  switch (format) {
    case ExportFormat::gexf:
      s.files = write_gexf(d, out);
      break;
    case ExportFormat::graphml:
      s.files = write_graphml(d, out);
      break;
    case ExportFormat::gephi_csv:
      s.files = write_gephi_csv(d, out);
      break;
    case ExportFormat::jira_csv:
      s.files = write_jira_csv(d, out, opts.max_jira_rows, opts.source_path);
      break;
    case ExportFormat::sqlite:
      s.files = write_sqlite(d, out);
      break;
    case ExportFormat::csv:
      s.files = write_csv_tables(d, out);
      break;
    case ExportFormat::notebook: {
      const auto h5 = notebook_source(file, out, opts, s.files);
      const auto nb = write_notebook(d, out, h5);
      s.files.insert(s.files.end(), nb.begin(), nb.end());
      break;
    }
    case ExportFormat::html:
      s.files = write_html_report(d, out, opts.source_path);
      break;
  }
  return s;
}

}  // namespace lockstep::notebooks_export
