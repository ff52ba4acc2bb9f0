// SPDX-License-Identifier: Apache-2.0
#include "notebooks_export/inspect.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "algorithms/base/error.hpp"
#include "io/timestamp.hpp"
#include "notebooks_export/export_data.hpp"
#include "notebooks_export/text_escape.hpp"

namespace lockstep::notebooks_export {
namespace {

constexpr std::size_t kMembersShown = 25;

std::string shorten(const std::string& s, std::size_t n) {
  return s.size() > n ? s.substr(0, n - 3) + "..." : s;
}

std::string scores_text(const ClusterRow& c) {
  std::string s = fmt::format("score {:.3f}, density {:.2f}", c.score, c.density);
  for (const auto& [name, v] : c.scores) s += fmt::format(", {} {:.3f}", name, v);
  return s;
}

std::string overview(const ExportData& d, std::size_t max_clusters) {
  const auto& f = *d.file;
  std::string s = fmt::format("run {}\n", d.run_id);
  for (const auto& [k, v] : f.root_attributes)
    if (k != "run_id") s += fmt::format("  {:<22} {}\n", k, attr_text(v));
  s += "parameters\n";
  for (const auto& [k, v] : f.parameters) s += fmt::format("  {:<22} {}\n", k, attr_text(v));
  s += "tables\n";
  for (const auto& t : f.tables)
    s += fmt::format("  {:<22} {} rows, {} columns\n", t.path, t.num_rows(), t.columns.size());
  auto flagged = d.flagged();
  std::stable_sort(flagged.begin(), flagged.end(),
                   [](const ClusterRow* a, const ClusterRow* b) { return a->score > b->score; });
  s += fmt::format("\n{} clusters, {} flagged\n", d.clusters.size(), flagged.size());
  if (flagged.empty()) return s;
  s += fmt::format("\n{:>7} {:>5} {:>6} {:>7}  {}\n", "cluster", "size", "score", "density",
                   "reasons");
  for (std::size_t i = 0; i < flagged.size() && i < max_clusters; ++i) {
    const auto& c = *flagged[i];
    std::string reasons;
    for (const auto& r : split_reasons(c.reasons))
      reasons.append(reasons.empty() ? "" : "; ").append(r);
    s += fmt::format("{:>7} {:>5} {:>6.3f} {:>7.2f}  {}\n", c.id, c.size, c.score, c.density,
                     shorten(reasons, 90));
  }
  if (flagged.size() > max_clusters)
    s += fmt::format("... and {} more (lockstep inspect FILE --cluster ID)\n",
                     flagged.size() - max_clusters);
  return s;
}

std::string cluster_detail(const ExportData& d, const ClusterRow& c) {
  std::string s =
      fmt::format("cluster {} of run {}: {}\n{} members, {}\nactive {} to {}\n", c.id, d.run_id,
                  c.flagged ? "FLAGGED" : "not flagged", c.size, scores_text(c),
                  io::format_iso_utc(c.first_activity), io::format_iso_utc(c.last_activity));
  s += "reasons:";
  for (const auto& r : split_reasons(c.reasons)) s.append("\n  - ").append(r);
  s += c.reasons.empty() ? " -\n" : "\n";
  s += fmt::format("\nmembers (top {} of {} by membership score)\n",
                   std::min(kMembersShown, c.members.size()), c.members.size());
  for (std::size_t i = 0; i < c.members.size() && i < kMembersShown; ++i) {
    const auto a = c.members[i];
    s += fmt::format("  {:<24} {:<22} membership {:>6}  seen {} to {}\n", shorten(d.handle[a], 24),
                     shorten(d.account_id[a], 22), number_text(d.membership_score[a]),
                     io::format_iso_utc(d.first_seen[a]), io::format_iso_utc(d.last_seen[a]));
  }
  s += "\nevidence\n";
  std::size_t n_evidence = 0;
  for (const auto& e : d.evidence) {
    if (e.cluster != c.id) continue;
    ++n_evidence;
    s += fmt::format("  {:<10} {:<60} {:>4} accounts {:>5} actions  {} to {}\n", e.signal,
                     shorten(e.object, 60), e.n_accounts, e.n_actions, io::format_iso_utc(e.first),
                     io::format_iso_utc(e.last));
  }
  if (n_evidence == 0) s += "  (none recorded)\n";
  std::size_t n_edges = 0;
  double total = 0, wmin = INFINITY, wmax = 0;
  for (const auto& e : d.edges) {
    if (d.account_cluster[e.src] != c.id || d.account_cluster[e.dst] != c.id) continue;
    ++n_edges;
    total += e.weight;
    wmin = std::min(wmin, e.weight);
    wmax = std::max(wmax, e.weight);
  }
  s += fmt::format("\nedges inside: {}", n_edges);
  if (n_edges > 0)
    s += fmt::format(", weight min {:g} / mean {:.2f} / max {:g}, total {:g}", wmin,
                     total / static_cast<double>(n_edges), wmax, total);
  return s + "\n";
}

}  // namespace

std::string inspect_text(const ResultsFile& file, std::optional<std::int32_t> cluster,
                         std::size_t max_clusters) {
  ExportOptions opts;
  if (cluster) opts.clusters = {*cluster};
  const auto d = resolve_export_data(file, opts);
  if (!cluster) return overview(d, max_clusters);
  return cluster_detail(d, d.clusters.front());
}

}  // namespace lockstep::notebooks_export
