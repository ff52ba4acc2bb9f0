// SPDX-License-Identifier: Apache-2.0
#include "analysis/signals.hpp"

namespace lockstep::analysis {

SignalActions co_share_actions(const ActivityTable& table) {
  SignalActions s;
  s.num_actors = static_cast<std::uint32_t>(table.num_accounts());
  const auto& posts = table.pool(ObjectKind::post);
  const auto& shared = table.pool(ObjectKind::shared);
  for (std::size_t r = 0; r < table.num_refs(); ++r) {
    if (table.ref_kind[r] != RefKind::shares) continue;
    const auto p = table.ref_post[r];
    const auto object = table.ref_object[r];
    s.actor.push_back(table.post_account[p]);
    s.object.push_back(object);
    s.time.push_back(table.post_time[p]);
    s.content.push_back(table.post_id[p]);
    s.pairable.push_back(posts.view(table.post_id[p]) == shared.view(object) ? 0 : 1);
  }
  return s;
}

}  // namespace lockstep::analysis
