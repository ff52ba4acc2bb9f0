// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/projection/co_action.hpp"
#include "io/activity_table.hpp"

namespace lockstep::analysis {

/// The actions one signal projects, as owned columns (actor = account id, object id in the
/// signal's dictionary, time, content = post id).
struct SignalActions {
  std::vector<std::uint32_t> actor, object, content;
  std::vector<std::int64_t> time;
  std::vector<std::uint8_t> pairable;
  std::uint32_t num_actors = 0;

  std::size_t size() const noexcept { return actor.size(); }
  algo::ActionColumns view() const { return {actor, object, time, content, pairable, num_actors}; }
};

/// Co-share: one action per RefKind::shares reference of the table. A share whose content id
/// equals its object id (a post "sharing" itself) counts for participation but never pairs,
/// as CooRTweet's rule. O(refs).
SignalActions co_share_actions(const ActivityTable& table);

}  // namespace lockstep::analysis
