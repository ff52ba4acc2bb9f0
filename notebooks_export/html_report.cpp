// SPDX-License-Identifier: Apache-2.0
// One self-contained HTML file: inline CSS, a small inline sort script, inline SVG drawings.
// No URL is ever referenced, and every string from the data goes through xml_escape.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "io/timestamp.hpp"
#include "notebooks_export/force_layout.hpp"
#include "notebooks_export/output_file.hpp"
#include "notebooks_export/text_escape.hpp"
#include "notebooks_export/writers.hpp"

namespace lockstep::notebooks_export {
namespace {

constexpr std::size_t kMaxDrawnMembers = 150;
constexpr std::size_t kTimelineRows = 10;
constexpr std::size_t kListedMembers = 40;
constexpr std::uint64_t kLayoutSeed = 42;

constexpr std::string_view kStyle =
    R"(body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}table.sortable th{cursor:pointer}table.sortable th:hover{background:#e4e4e4}
td.num{text-align:right;font-variant-numeric:tabular-nums}.drawings{display:flex;flex-wrap:wrap;gap:16px}
svg{border:1px solid #ddd;background:#fff}.muted{color:#777}code{background:#f6f6f6;padding:0 3px}
.reasons li{margin:2px 0})";

constexpr std::string_view kSortScript =
    R"(document.querySelectorAll("table.sortable").forEach(function (t) {
  t.querySelectorAll("th").forEach(function (th, i) {
    th.addEventListener("click", function () {
      var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var asc = th.getAttribute("data-asc") !== "1";
      th.setAttribute("data-asc", asc ? "1" : "0");
      rows.sort(function (a, b) {
        var x = a.cells[i].getAttribute("data-v") || a.cells[i].textContent;
        var y = b.cells[i].getAttribute("data-v") || b.cells[i].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var d = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y) : nx - ny;
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});)";

std::string num_cell(double v, int digits = 3) {
  if (std::isnan(v)) return "<td class=\"num\" data-v=\"\"></td>";
  return fmt::format("<td class=\"num\" data-v=\"{}\">{:.{}f}</td>", v, v, digits);
}

std::string text_cell(const std::string& s) { return "<td>" + xml_escape(s) + "</td>"; }

std::string overview(const ExportData& d, const std::string& source) {
  std::string h = "<div class=\"drawings\"><div><h2>Run</h2>\n<table>\n";
  h += "<tr><th>results file</th>" + text_cell(source.empty() ? "(not recorded)" : source) +
       "</tr>\n";
  for (const auto& [k, v] : d.file->root_attributes)
    h += "<tr><th>" + xml_escape(k) + "</th>" + text_cell(attr_text(v)) + "</tr>\n";
  h += "</table></div>\n<div><h2>Parameters</h2>\n<table>\n";
  for (const auto& [k, v] : d.file->parameters)
    h += "<tr><th>" + xml_escape(k) + "</th>" + text_cell(attr_text(v)) + "</tr>\n";
  h += "</table></div></div>\n";
  h += fmt::format("<p>{} accounts, {} edges, {} clusters exported, {} of them flagged.</p>\n",
                   d.accounts.size(), d.edges.size(), d.clusters.size(), d.flagged().size());
  return h;
}

std::string flagged_table(const ExportData& d) {
  const auto flagged = d.flagged();
  std::string h = "<h2>Flagged clusters</h2>\n";
  if (flagged.empty()) return h + "<p class=\"muted\">No flagged cluster.</p>\n";
  h +=
      "<p class=\"muted\">Click a column header to sort.</p>\n<table class=\"sortable\"><thead><tr>"
      "<th>cluster</th><th>size</th><th>score</th><th>density</th>";
  for (const auto& [name, v] : flagged.front()->scores)
    h += "<th>score " + xml_escape(name) + "</th>";
  h += "<th>first activity</th><th>last activity</th><th>reasons</th></tr></thead><tbody>\n";
  for (const auto* c : flagged) {
    h += fmt::format("<tr><td class=\"num\" data-v=\"{0}\"><a href=\"#cluster-{0}\">{0}</a></td>",
                     c->id);
    h += num_cell(c->size, 0) + num_cell(c->score) + num_cell(c->density);
    for (const auto& [name, v] : c->scores) h += num_cell(v);
    h += text_cell(io::format_iso_utc(c->first_activity)) +
         text_cell(io::format_iso_utc(c->last_activity));
    std::string reasons;
    for (const auto& r : split_reasons(c->reasons))
      reasons.append(reasons.empty() ? "" : "; ").append(r);
    h += text_cell(reasons) + "</tr>\n";
  }
  return h + "</tbody></table>\n";
}

std::string network_svg(const ExportData& d, const ClusterRow& c) {
  const std::size_t n = std::min(c.members.size(), kMaxDrawnMembers);
  std::unordered_map<std::uint32_t, std::uint32_t> local;
  for (std::size_t i = 0; i < n; ++i) local.emplace(c.members[i], static_cast<std::uint32_t>(i));
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<double> weights;
  for (const auto& e : d.edges) {
    const auto a = local.find(e.src), b = local.find(e.dst);
    if (a == local.end() || b == local.end()) continue;
    pairs.emplace_back(a->second, b->second);
    weights.push_back(e.weight);
  }
  const auto pos = force_layout(n, pairs, kLayoutSeed ^ static_cast<std::uint64_t>(c.id));
  constexpr double kW = 480, kH = 400, kPad = 24, kLabelRoom = 80;  // labels go right of nodes
  const auto px = [&](std::size_t i) { return kPad + pos[i].x * (kW - 2 * kPad - kLabelRoom); };
  const auto py = [&](std::size_t i) { return kPad + pos[i].y * (kH - 2 * kPad); };
  const double wmax = weights.empty() ? 1.0 : *std::max_element(weights.begin(), weights.end());
  std::string s = fmt::format(
      "<svg class=\"network\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\">"
      "<title>Cluster {2}: {3} members, {4} edges</title>\n",
      kW, kH, c.id, n, pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i)
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#7f8c8d\" "
        "stroke-opacity=\"0.6\" stroke-width=\"{:.2f}\"/>\n",
        px(pairs[i].first), py(pairs[i].first), px(pairs[i].second), py(pairs[i].second),
        0.5 + 3.0 * weights[i] / wmax);
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = c.members[i];
    const double m = std::isnan(d.membership_score[a]) ? 0.5 : d.membership_score[a];
    s += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"#c0392b\" fill-opacity=\"{:.2f}\" "
        "stroke=\"#fff\"><title>{} ({}) membership {}</title></circle>\n",
        px(i), py(i), 4.0 + 4.0 * m, 0.35 + 0.65 * m, xml_escape(d.handle[a]),
        xml_escape(d.account_id[a]), number_text(d.membership_score[a]));
    if (n <= 30)
      s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" fill=\"#333\">{}</text>\n",
                       px(i) + 7, py(i) + 3, xml_escape(d.handle[a].substr(0, 24)));
  }
  return s + "</svg>\n";
}

/// One bar per top evidence object (first to last action), or per member (first to last seen).
std::string timeline_svg(const ExportData& d, const ClusterRow& c) {
  struct Row {
    std::string label, tip;
    std::int64_t first, last;
  };
  std::vector<Row> rows;
  std::string what = "members' actions on the top evidence objects";
  for (const auto& e : d.evidence)
    if (e.cluster == c.id && e.first >= 0 && rows.size() < kTimelineRows)
      rows.push_back({e.object,
                      fmt::format("{} {}: {} accounts, {} actions", e.signal, e.object,
                                  e.n_accounts, e.n_actions),
                      e.first, std::max(e.first, e.last)});
  if (rows.empty()) {
    what = "members' first and last actions";
    for (const auto a : c.members)
      if (d.first_seen[a] >= 0 && rows.size() < kTimelineRows)
        rows.push_back(
            {d.handle[a], d.handle[a], d.first_seen[a], std::max(d.first_seen[a], d.last_seen[a])});
  }
  constexpr double kW = 640, kLabel = 210, kRight = 20, kRow = 22, kTop = 26, kAxis = 34;
  const double h = kTop + kRow * static_cast<double>(std::max<std::size_t>(rows.size(), 1)) + kAxis;
  std::string s = fmt::format(
      "<svg class=\"timeline\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\">"
      "<title>Cluster {2}: {3}</title>\n<text x=\"8\" y=\"16\" font-size=\"11\" fill=\"#555\">{3} "
      "(UTC)</text>\n",
      kW, h, c.id, xml_escape(what));
  if (rows.empty())
    return s + "<text x=\"8\" y=\"40\" font-size=\"11\">no timestamps</text></svg>\n";
  std::int64_t t0 = std::numeric_limits<std::int64_t>::max(), t1 = 0;
  for (const auto& r : rows) t0 = std::min(t0, r.first), t1 = std::max(t1, r.last);
  if (t1 - t0 < 60) t0 -= 30, t1 += 30;
  const auto tx = [&](std::int64_t t) {
    return kLabel +
           static_cast<double>(t - t0) / static_cast<double>(t1 - t0) * (kW - kLabel - kRight);
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double y = kTop + kRow * static_cast<double>(i) + kRow / 2;
    const auto& r = rows[i];
    const std::string label = r.label.size() > 34 ? r.label.substr(0, 31) + "..." : r.label;
    s += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n",
        kLabel - 6, y + 3, xml_escape(label));
    s += fmt::format(
        "<g><title>{} | {} to {}</title><line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" "
        "y2=\"{:.1f}\" "
        "stroke=\"#c0392b\" stroke-width=\"8\" stroke-linecap=\"round\"/></g>\n",
        xml_escape(r.tip), io::format_iso_utc(r.first), io::format_iso_utc(r.last), tx(r.first), y,
        std::max(tx(r.last), tx(r.first) + 0.5), y);
  }
  const double axis_y = kTop + kRow * static_cast<double>(rows.size()) + 6;
  s += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#333\"/>\n",
                   kLabel, axis_y, kW - kRight, axis_y);
  for (int k = 0; k <= 4; ++k) {
    const auto t = t0 + (t1 - t0) * k / 4;
    const auto iso = io::format_iso_utc(t);
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#333\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" font-size=\"9\" text-anchor=\"middle\">{4} {5}</text>\n",
        tx(t), axis_y, axis_y + 4, axis_y + 16, iso.substr(5, 5), iso.substr(11, 8));
  }
  return s + "</svg>\n";
}

std::string cluster_section(const ExportData& d, const ClusterRow& c) {
  std::string h = fmt::format(
      "<section id=\"cluster-{0}\"><h2>Cluster {0}</h2>\n<p>{1} members, score {2:.3f}, density "
      "{3:.2f}",
      c.id, c.size, c.score, c.density);
  for (const auto& [name, v] : c.scores) h += fmt::format(", {} {:.3f}", xml_escape(name), v);
  h += fmt::format("; active {} to {}.</p>\n", io::format_iso_utc(c.first_activity),
                   io::format_iso_utc(c.last_activity));
  h += "<h3>Why it is flagged</h3>\n<ul class=\"reasons\">";
  for (const auto& r : split_reasons(c.reasons)) h += "<li>" + xml_escape(r) + "</li>";
  if (c.reasons.empty()) h += "<li class=\"muted\">no reasons recorded</li>";
  h += "</ul>\n<div class=\"drawings\">\n" + network_svg(d, c) + timeline_svg(d, c) + "</div>\n";
  h += "<h3>Evidence</h3>\n<table class=\"sortable\"><thead><tr><th>signal</th><th>object</th>"
       "<th>accounts</th><th>actions</th><th>first</th><th>last</th></tr></thead><tbody>\n";
  for (const auto& e : d.evidence)
    if (e.cluster == c.id)
      h += "<tr>" + text_cell(e.signal) + text_cell(e.object) + num_cell(e.n_accounts, 0) +
           num_cell(e.n_actions, 0) + text_cell(io::format_iso_utc(e.first)) +
           text_cell(io::format_iso_utc(e.last)) + "</tr>\n";
  h += "</tbody></table>\n";
  h += fmt::format(
      "<h3>Members ({} of {})</h3>\n<table class=\"sortable\"><thead><tr><th>handle</th>"
      "<th>account id</th><th>membership</th><th>first seen</th><th>last seen</th></tr>"
      "</thead><tbody>\n",
      std::min(kListedMembers, c.members.size()), c.members.size());
  for (std::size_t i = 0; i < c.members.size() && i < kListedMembers; ++i) {
    const auto a = c.members[i];
    h += "<tr>" + text_cell(d.handle[a]) + text_cell(d.account_id[a]) +
         num_cell(d.membership_score[a]) + text_cell(io::format_iso_utc(d.first_seen[a])) +
         text_cell(io::format_iso_utc(d.last_seen[a])) + "</tr>\n";
  }
  return h + "</tbody></table>\n</section>\n";
}

}  // namespace

WrittenFiles write_html_report(const ExportData& d, const std::string& out,
                               const std::string& source_path) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<title>lockstep report: run " + xml_escape(d.run_id) + "</title>\n";
  h += "<style>\n" + std::string(kStyle) + "\n</style>\n</head>\n<body>\n";
  h += "<h1>lockstep report: run " + xml_escape(d.run_id) + "</h1>\n";
  h += overview(d, source_path) + flagged_table(d);
  for (const auto* c : d.flagged()) h += cluster_section(d, *c);
  h += "<script>\n" + std::string(kSortScript) + "\n</script>\n</body>\n</html>\n";
  write_file_atomic(out, h);
  return {out};
}

}  // namespace lockstep::notebooks_export
