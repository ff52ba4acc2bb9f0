// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <vector>

#include "io/activity_table.hpp"

namespace lockstep::analysis {

/// The directed interaction graph: who reposts, quotes, replies to and mentions whom, with
/// counts. One row per ordered account pair (src != dst), sorted by (src, dst).
struct Interactions {
  std::vector<std::uint32_t> src, dst;
  std::vector<std::uint32_t> n_reposts, n_quotes, n_replies, n_mentions;
  std::size_t size() const noexcept { return src.size(); }
  /// Total interactions from a to b (0 when none). O(log rows).
  std::uint32_t count(std::uint32_t a, std::uint32_t b) const;
};

/// Builds the interaction graph: reposts, quotes and replies point to the referenced post's
/// known author (skipped when unknown), mentions to the mentioned account. O(refs log refs).
Interactions build_interactions(const ActivityTable& table);

}  // namespace lockstep::analysis
