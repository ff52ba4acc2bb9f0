// SPDX-License-Identifier: Apache-2.0
#pragma once
// An independent, string-based O(n^2) rendering of CooRTweet 2.1's detect_groups +
// generate_coordinated_network (edge_weight cut off) semantics, written from the documented
// rules, for end-to-end comparisons with the /edges table.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace lockstep::test {

struct ShareRow {
  std::string object_id, account_id, content_id;
  std::int64_t timestamp = 0;
};

struct ReferenceEdge {
  std::uint64_t weight = 0;
  double symmetry = 0.0;
};

/// (account_a, account_b) with a < b -> edge.
inline std::map<std::pair<std::string, std::string>, ReferenceEdge> coortweet_edges(
    const std::vector<ShareRow>& rows, std::int64_t window, std::uint32_t k) {
  std::map<std::string, std::uint32_t> count;
  for (const auto& r : rows) ++count[r.account_id];
  struct M {
    std::size_t i, j;
  };
  std::vector<M> matches;
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = i + 1; j < rows.size(); ++j) {
      const auto &a = rows[i], &b = rows[j];
      if (count[a.account_id] < k || count[b.account_id] < k) continue;  // (a)
      if (a.object_id != b.object_id) continue;
      if (std::llabs(a.timestamp - b.timestamp) > window) continue;  // (b)
      if (a.content_id == b.content_id || a.account_id == b.account_id) continue;  // (c)
      if (a.content_id == a.object_id || b.content_id == b.object_id) continue;
      matches.push_back({i, j});
    }
  std::map<std::string, std::set<std::size_t>> matched_rows;  // (d)
  for (const auto& m : matches) {
    matched_rows[rows[m.i].account_id].insert(m.i);
    matched_rows[rows[m.j].account_id].insert(m.j);
  }
  std::map<std::pair<std::string, std::string>, ReferenceEdge> edges;
  std::map<std::pair<std::string, std::string>,
           std::pair<std::set<std::string>, std::set<std::string>>> contents;
  for (const auto& m : matches) {
    const auto &a = rows[m.i], &b = rows[m.j];
    if (matched_rows[a.account_id].size() < k && matched_rows[b.account_id].size() < k) continue;
    const bool a_first = a.account_id < b.account_id;
    const auto key = a_first ? std::make_pair(a.account_id, b.account_id)
                             : std::make_pair(b.account_id, a.account_id);
    ++edges[key].weight;  // (e)
    auto& [lo, hi] = contents[key];
    lo.insert(a_first ? a.content_id : b.content_id);
    hi.insert(a_first ? b.content_id : a.content_id);
  }
  for (auto& [key, e] : edges) {
    const auto& [lo, hi] = contents[key];
    e.symmetry = static_cast<double>(std::min(lo.size(), hi.size())) /
                 static_cast<double>(std::max(lo.size(), hi.size()));
  }
  return edges;
}

}  // namespace lockstep::test
