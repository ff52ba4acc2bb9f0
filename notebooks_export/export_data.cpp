// SPDX-License-Identifier: Apache-2.0
#include "notebooks_export/export_data.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <type_traits>

#include "algorithms/base/error.hpp"

namespace lockstep::notebooks_export {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t int_at(const Column* c, std::size_t i, std::int64_t fallback) {
  const double v = number_at(c, i);
  return std::isnan(v) ? fallback : static_cast<std::int64_t>(v);
}

const Column* find_column(const ColumnTable* t, const std::string& name) {
  return t == nullptr ? nullptr : t->find(name);
}

}  // namespace

double number_at(const Column* c, std::size_t i) {
  if (c == nullptr) return kNaN;
  return std::visit(
      [i](const auto& v) -> double {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, BoolVector>) {
          return v.values[i] != 0 ? 1.0 : 0.0;
        } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
          return kNaN;
        } else {
          return static_cast<double>(v[i]);
        }
      },
      c->values);
}

std::string text_at(const Column* c, std::size_t i) {
  if (c == nullptr) return {};
  return std::visit(
      [i](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, BoolVector>) {
          return v.values[i] != 0 ? "true" : "false";
        } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
          return v[i];
        } else if constexpr (std::is_same_v<V, std::vector<std::int8_t>>) {
          return fmt::format("{}", static_cast<int>(v[i]));
        } else {
          return fmt::format("{}", v[i]);
        }
      },
      c->values);
}

const ColumnTable& require_table(const ResultsFile& file, const std::string& path) {
  const auto* t = file.table(path);
  if (t == nullptr) throw InputError("results file has no table " + path);
  return *t;
}

const Column& require_column(const ColumnTable& t, const std::string& name) {
  const auto* c = t.find(name);
  if (c == nullptr) throw InputError("results file: table " + t.path + " has no column " + name);
  return *c;
}

std::vector<std::string> split_reasons(const std::string& reasons) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= reasons.size()) {
    auto end = reasons.find(';', start);
    if (end == std::string::npos) end = reasons.size();
    if (end > start) out.push_back(reasons.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string attr_text(const AttrValue& v) {
  return std::visit([](const auto& x) { return fmt::format("{}", x); }, v);
}

std::vector<const ClusterRow*> ExportData::flagged() const {
  std::vector<const ClusterRow*> out;
  for (const auto& c : clusters)
    if (c.flagged) out.push_back(&c);
  return out;
}

std::ptrdiff_t ExportData::cluster_index(std::int32_t id) const {
  const auto it = std::lower_bound(clusters.begin(), clusters.end(), id,
                                   [](const ClusterRow& c, std::int32_t x) { return c.id < x; });
  return it != clusters.end() && it->id == id ? it - clusters.begin() : -1;
}

std::vector<std::size_t> ExportData::selected_rows(const ColumnTable& t) const {
  std::vector<std::size_t> rows;
  const auto n = t.num_rows();
  const auto* cluster = t.find("cluster_id");
  const auto* src = t.find("src_idx");
  const auto* dst = t.find("dst_idx");
  const auto* account = t.find("account_idx");
  for (std::size_t i = 0; i < n; ++i) {
    bool keep = true;
    if (filtered) {
      if (t.path == "/accounts") {
        keep = account_selected[i] != 0;
      } else if (src != nullptr && dst != nullptr) {
        const auto s = static_cast<std::size_t>(number_at(src, i));
        const auto d = static_cast<std::size_t>(number_at(dst, i));
        keep = s < account_selected.size() && d < account_selected.size() &&
               account_selected[s] != 0 && account_selected[d] != 0;
      } else if (cluster != nullptr) {
        keep = cluster_index(static_cast<std::int32_t>(number_at(cluster, i))) >= 0;
      } else if (account != nullptr) {
        const auto a = static_cast<std::size_t>(number_at(account, i));
        keep = a < account_selected.size() && account_selected[a] != 0;
      }
    }
    if (keep) rows.push_back(i);
  }
  return rows;
}

std::string ExportData::root_attribute(const std::string& name) const {
  for (const auto& [k, v] : file->root_attributes)
    if (k == name) return attr_text(v);
  return {};
}

ExportData resolve_export_data(const ResultsFile& file, const ExportOptions& opts) {
  ExportData d;
  d.file = &file;
  d.run_id = d.root_attribute("run_id");
  if (d.run_id.empty()) d.run_id = "unknown-run";

  // Accounts.
  const auto& acc = require_table(file, "/accounts");
  const auto& ids = require_column(acc, "account_id");
  const auto* handles = acc.find("handle");
  const auto* acc_cluster = acc.find("cluster_id");
  const auto* first_seen = acc.find("first_seen");
  const auto* last_seen = acc.find("last_seen");
  const auto n_acc = acc.num_rows();
  d.account_id.resize(n_acc);
  d.handle.resize(n_acc);
  d.account_cluster.assign(n_acc, -1);
  d.membership_score.assign(n_acc, kNaN);
  d.first_seen.resize(n_acc);
  d.last_seen.resize(n_acc);
  for (std::size_t i = 0; i < n_acc; ++i) {
    d.account_id[i] = text_at(&ids, i);
    d.handle[i] = text_at(handles, i);
    if (d.handle[i].empty()) d.handle[i] = d.account_id[i];
    d.account_cluster[i] = static_cast<std::int32_t>(int_at(acc_cluster, i, -1));
    d.first_seen[i] = int_at(first_seen, i, -1);
    d.last_seen[i] = int_at(last_seen, i, -1);
  }

  // Clusters.
  const auto& cl = require_table(file, "/clusters");
  const auto& cid = require_column(cl, "cluster_id");
  const auto& size = require_column(cl, "size");
  const auto& score = require_column(cl, "score");
  const auto& flagged = require_column(cl, "flagged");
  const auto* density = cl.find("density");
  const auto* reasons = cl.find("flag_reasons");
  const auto* first_act = cl.find("first_activity");
  const auto* last_act = cl.find("last_activity");
  std::vector<const Column*> score_cols;
  for (const auto& c : cl.columns)
    if (c.name.starts_with("score_")) score_cols.push_back(&c);
  std::set<std::int32_t> wanted(opts.clusters.begin(), opts.clusters.end());
  std::set<std::int32_t> seen;
  d.filtered = opts.flagged_only || !opts.clusters.empty();
  for (std::size_t i = 0; i < cl.num_rows(); ++i) {
    ClusterRow r;
    r.id = static_cast<std::int32_t>(number_at(&cid, i));
    r.row = i;
    r.flagged = number_at(&flagged, i) != 0.0;
    seen.insert(r.id);
    if (opts.flagged_only && !r.flagged) continue;
    if (!wanted.empty() && wanted.count(r.id) == 0) continue;
    r.size = number_at(&size, i);
    r.score = number_at(&score, i);
    r.density = number_at(density, i);
    r.reasons = text_at(reasons, i);
    r.first_activity = int_at(first_act, i, -1);
    r.last_activity = int_at(last_act, i, -1);
    for (const auto* c : score_cols) r.scores.emplace_back(c->name.substr(6), number_at(c, i));
    d.clusters.push_back(std::move(r));
  }
  for (const auto id : wanted)
    if (seen.count(id) == 0)
      throw ConfigError(fmt::format("no cluster {} in the results file", id));
  std::sort(d.clusters.begin(), d.clusters.end(),
            [](const ClusterRow& a, const ClusterRow& b) { return a.id < b.id; });

  // Memberships (fall back to /accounts.cluster_id when the table is absent).
  const auto* mem = file.table("/memberships");
  if (mem != nullptr) {
    const auto& m_cluster = require_column(*mem, "cluster_id");
    const auto& m_account = require_column(*mem, "account_idx");
    const auto* m_score = mem->find("membership_score");
    for (std::size_t i = 0; i < mem->num_rows(); ++i) {
      const auto a = static_cast<std::size_t>(number_at(&m_account, i));
      if (a >= n_acc) throw InputError("/memberships: account_idx out of range");
      d.account_cluster[a] = static_cast<std::int32_t>(number_at(&m_cluster, i));
      d.membership_score[a] = number_at(m_score, i);
    }
  }
  for (std::size_t a = 0; a < n_acc; ++a) {
    const auto k = d.cluster_index(d.account_cluster[a]);
    if (k >= 0)
      d.clusters[static_cast<std::size_t>(k)].members.push_back(static_cast<std::uint32_t>(a));
  }
  for (auto& c : d.clusters)
    std::stable_sort(c.members.begin(), c.members.end(), [&](std::uint32_t a, std::uint32_t b) {
      const double sa = std::isnan(d.membership_score[a]) ? -1 : d.membership_score[a];
      const double sb = std::isnan(d.membership_score[b]) ? -1 : d.membership_score[b];
      return sa > sb;
    });
  d.account_selected.assign(n_acc, d.filtered ? 0 : 1);
  for (const auto& c : d.clusters)
    for (const auto a : c.members) d.account_selected[a] = 1;
  for (std::size_t a = 0; a < n_acc; ++a)
    if (d.account_selected[a] != 0) d.accounts.push_back(static_cast<std::uint32_t>(a));

  // Edges.
  const auto& ed = require_table(file, "/edges");
  const auto& src = require_column(ed, "src_idx");
  const auto& dst = require_column(ed, "dst_idx");
  const auto& weight = require_column(ed, "weight");
  for (const auto& c : ed.columns) {
    if (c.name.starts_with("w_")) {
      d.edge_signal_columns.push_back(&c);
    } else if (c.name != "src_idx" && c.name != "dst_idx" && c.name != "weight" &&
               !std::holds_alternative<std::vector<std::string>>(c.values)) {
      d.edge_extra_columns.push_back(&c);
    }
  }
  for (std::size_t i = 0; i < ed.num_rows(); ++i) {
    EdgeRow e{static_cast<std::uint32_t>(number_at(&src, i)),
              static_cast<std::uint32_t>(number_at(&dst, i)), i, number_at(&weight, i)};
    if (e.src >= n_acc || e.dst >= n_acc) throw InputError("/edges: account index out of range");
    if (d.account_selected[e.src] != 0 && d.account_selected[e.dst] != 0) d.edges.push_back(e);
  }

  // Evidence (optional table; signal as a name or as a /run/signals code).
  if (const auto* ev = file.table("/evidence")) {
    const auto* e_cluster = ev->find("cluster_id");
    const auto* e_signal = ev->find("signal");
    const auto* sig = file.table("/run/signals");
    const auto* sig_id = find_column(sig, "signal_id");
    const auto* sig_name = find_column(sig, "name");
    for (std::size_t i = 0; e_cluster != nullptr && i < ev->num_rows(); ++i) {
      EvidenceRow r;
      r.cluster = static_cast<std::int32_t>(number_at(e_cluster, i));
      if (d.cluster_index(r.cluster) < 0) continue;
      r.signal = text_at(e_signal, i);
      if (e_signal != nullptr &&
          !std::holds_alternative<std::vector<std::string>>(e_signal->values))
        for (std::size_t s = 0; sig_id != nullptr && s < sig->num_rows(); ++s)
          if (number_at(sig_id, s) == number_at(e_signal, i)) r.signal = text_at(sig_name, s);
      r.object = text_at(ev->find("object"), i);
      r.n_accounts = number_at(ev->find("n_accounts"), i);
      r.n_actions = number_at(ev->find("n_actions"), i);
      r.first = int_at(ev->find("first_time"), i, -1);
      r.last = int_at(ev->find("last_time"), i, -1);
      d.evidence.push_back(std::move(r));
    }
  }
  return d;
}

}  // namespace lockstep::notebooks_export
