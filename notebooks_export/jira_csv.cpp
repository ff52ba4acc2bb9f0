// SPDX-License-Identifier: Apache-2.0
// Jira CSV import (FORMATS.md 2c): one issue per flagged cluster, a Summary that is the same on
// every export of the same run (so re-imports can be de-duplicated), Labels as repeated columns.
#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "io/timestamp.hpp"
#include "notebooks_export/output_file.hpp"
#include "notebooks_export/text_escape.hpp"
#include "notebooks_export/writers.hpp"

namespace lockstep::notebooks_export {
namespace {

constexpr std::size_t kTopEvidence = 5;
constexpr std::size_t kSampleMembers = 10;

std::string priority_of(double score) {
  if (score >= 0.9) return "Highest";
  if (score >= 0.75) return "High";
  if (score >= 0.5) return "Medium";
  return "Low";
}

/// Jira labels cannot hold spaces; '_' becomes '-' as well, as in "co-retweet".
std::string label_of(std::string s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == ' ' || c == '_' || c == ','; }, '-');
  return s;
}

std::string description(const ExportData& d, const ClusterRow& c, const std::string& source) {
  std::string s =
      fmt::format("Run: {}\nCluster: {} (size {}, density {:.2f})\nScores: overall={:.3f}",
                  d.run_id, c.id, c.size, c.density, c.score);
  for (const auto& [name, v] : c.scores) s += fmt::format(" {}={:.3f}", name, v);
  s += "\nFlag reasons:";
  for (const auto& r : split_reasons(c.reasons)) s += "\n- " + r;
  if (c.reasons.empty()) s += " (none recorded)";
  s += "\nTop shared objects:";
  std::size_t shown = 0;
  for (const auto& e : d.evidence) {
    if (e.cluster != c.id || shown == kTopEvidence) continue;
    ++shown;
    s += fmt::format("\n- {} {} ({} accounts, {} actions, {} to {})", e.signal, e.object,
                     e.n_accounts, e.n_actions, io::format_iso_utc(e.first),
                     io::format_iso_utc(e.last));
  }
  if (shown == 0) s += " (none recorded)";
  s += fmt::format("\nMembers ({} of {}):", std::min(kSampleMembers, c.members.size()),
                   c.members.size());
  for (std::size_t i = 0; i < c.members.size() && i < kSampleMembers; ++i) {
    const auto a = c.members[i];
    s += (i == 0 ? " " : ", ") + d.handle[a];
    if (d.handle[a] != d.account_id[a]) s += " (" + d.account_id[a] + ")";
  }
  s += fmt::format("\nArtifacts: {} (/clusters row {})", source.empty() ? "results.h5" : source,
                   c.row);
  return s;
}

std::vector<std::string> labels(const ExportData& d, const ClusterRow& c) {
  std::vector<std::string> out{"lockstep", label_of("run-" + d.run_id)};
  std::set<std::string> signals;
  for (const auto& [name, v] : c.scores)
    if (v > 0) signals.insert(name);
  for (const auto& e : d.evidence)
    if (e.cluster == c.id && !e.signal.empty()) signals.insert(e.signal);
  for (const auto& s : signals) out.push_back(label_of(s));
  return out;
}

}  // namespace

WrittenFiles write_jira_csv(const ExportData& d, const std::string& out, std::size_t max_rows,
                            const std::string& source_path) {
  const auto flagged = d.flagged();
  std::vector<std::vector<std::string>> rows;
  std::size_t n_labels = 1;
  for (const auto* c : flagged) {
    std::vector<std::string> row{fmt::format("[lockstep] Cluster {}/{}", d.run_id, c->id), "Task",
                                 priority_of(c->score), description(d, *c, source_path)};
    const auto l = labels(d, *c);
    n_labels = std::max(n_labels, l.size());
    row.insert(row.end(), l.begin(), l.end());
    rows.push_back(std::move(row));
  }
  std::string header = "Summary,Issue Type,Priority,Description";
  for (std::size_t i = 0; i < n_labels; ++i) header += ",Labels";
  header += "\r\n";

  const std::string stem =
      out.size() > 4 && out.ends_with(".csv") ? out.substr(0, out.size() - 4) : out;
  const std::size_t per_file = std::max<std::size_t>(max_rows, 1);
  WrittenFiles files;
  for (std::size_t begin = 0; begin == 0 || begin < rows.size(); begin += per_file) {
    std::string text = header;
    for (std::size_t i = begin; i < std::min(rows.size(), begin + per_file); ++i) {
      auto row = rows[i];
      row.resize(4 + n_labels);  // never omit commas for empty values
      for (std::size_t j = 0; j < row.size(); ++j)
        text.append(j ? "," : "").append(csv_field(row[j]));
      text += "\r\n";
    }
    const auto path = files.empty() ? out : fmt::format("{}.{}.csv", stem, files.size() + 1);
    write_file_atomic(path, text);
    files.push_back(path);
  }
  return files;
}

}  // namespace lockstep::notebooks_export
