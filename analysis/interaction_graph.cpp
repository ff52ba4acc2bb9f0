// SPDX-License-Identifier: Apache-2.0
#include "analysis/interaction_graph.hpp"

#include <algorithm>
#include <tuple>

namespace lockstep::analysis {

std::uint32_t Interactions::count(std::uint32_t a, std::uint32_t b) const {
  std::size_t lo = 0, hi = size();
  while (lo < hi) {
    const auto mid = (lo + hi) / 2;
    if (std::tie(src[mid], dst[mid]) < std::tie(a, b)) lo = mid + 1;
    else hi = mid;
  }
  if (lo == size() || src[lo] != a || dst[lo] != b) return 0;
  return n_reposts[lo] + n_quotes[lo] + n_replies[lo] + n_mentions[lo];
}

Interactions build_interactions(const ActivityTable& t) {
  struct Row {
    std::uint32_t src, dst;
    std::uint8_t kind;  // 0 repost, 1 quote, 2 reply, 3 mention
    bool operator<(const Row& o) const { return std::tie(src, dst, kind) < std::tie(o.src, o.dst, o.kind); }
  };
  std::vector<Row> rows;
  for (std::size_t r = 0; r < t.num_refs(); ++r) {
    std::uint8_t kind = 0;
    std::uint32_t dst = StringPool::kMissing;
    switch (t.ref_kind[r]) {
      case RefKind::reposts: kind = 0; break;
      case RefKind::quotes: kind = 1; break;
      case RefKind::replies_to: kind = 2; break;
      case RefKind::mentions: kind = 3; dst = t.ref_object[r]; break;
      default: continue;
    }
    if (kind < 3 && t.ref_object[r] < t.known_post_author.size())
      dst = t.known_post_author[t.ref_object[r]];
    const auto src = t.post_account[t.ref_post[r]];
    if (dst == StringPool::kMissing || dst == src) continue;
    rows.push_back({src, dst, kind});
  }
  std::sort(rows.begin(), rows.end());
  Interactions g;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i == 0 || rows[i].src != rows[i - 1].src || rows[i].dst != rows[i - 1].dst) {
      g.src.push_back(rows[i].src);
      g.dst.push_back(rows[i].dst);
      g.n_reposts.push_back(0);
      g.n_quotes.push_back(0);
      g.n_replies.push_back(0);
      g.n_mentions.push_back(0);
    }
    auto& c = rows[i].kind == 0 ? g.n_reposts : rows[i].kind == 1 ? g.n_quotes
            : rows[i].kind == 2 ? g.n_replies : g.n_mentions;
    ++c.back();
  }
  return g;
}

}  // namespace lockstep::analysis
