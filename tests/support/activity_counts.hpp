// SPDX-License-Identifier: Apache-2.0
#pragma once
// Small queries on an ActivityTable for reader tests: counts by kind and string lookups.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "io/activity_table.hpp"

namespace lockstep::test {

/// Number of posts of kind k.
inline std::size_t count_posts(const ActivityTable& t, PostKind k) {
  return static_cast<std::size_t>(std::count(t.post_kind.begin(), t.post_kind.end(), k));
}

/// Number of references of kind k.
inline std::size_t count_refs(const ActivityTable& t, RefKind k) {
  return static_cast<std::size_t>(std::count(t.ref_kind.begin(), t.ref_kind.end(), k));
}

/// Whether post row `row` has a reference (k, object).
inline bool has_ref(const ActivityTable& t, std::size_t row, RefKind k, std::string_view object) {
  for (std::size_t r = 0; r < t.num_refs(); ++r)
    if (t.ref_post[r] == row && t.ref_kind[r] == k &&
        t.pool(object_kind_of(k)).view(t.ref_object[r]) == object)
      return true;
  return false;
}

/// Row of the post with id `id` (num_posts() when absent).
inline std::size_t row_of(const ActivityTable& t, std::string_view id) {
  for (std::size_t i = 0; i < t.num_posts(); ++i)
    if (t.pool(ObjectKind::post).view(t.post_id[i]) == id) return i;
  return t.num_posts();
}

/// Account id (dict[account]) of an account string; StringPool::kMissing when absent.
inline std::uint32_t account_id(const ActivityTable& t, std::string_view account) {
  return t.pool(ObjectKind::account).find(account);
}

/// Everything a reader produced, as comparable data (dictionaries by content).
inline bool same_content(const ActivityTable& a, const ActivityTable& b) {
  if (a.post_account != b.post_account || a.post_id != b.post_id || a.post_time != b.post_time ||
      a.post_kind != b.post_kind || a.ref_post != b.ref_post || a.ref_kind != b.ref_kind ||
      a.ref_object != b.ref_object || a.post_text.bytes != b.post_text.bytes ||
      a.post_text.offsets != b.post_text.offsets || a.known_post_author != b.known_post_author ||
      a.known_post_time != b.known_post_time || a.accounts.handle != b.accounts.handle ||
      a.accounts.display_name != b.accounts.display_name ||
      a.accounts.created != b.accounts.created || a.accounts.followers != b.accounts.followers ||
      a.accounts.platform != b.accounts.platform)
    return false;
  for (std::size_t k = 0; k < kNumObjectKinds; ++k) {
    if (a.dict[k].size() != b.dict[k].size()) return false;
    for (std::uint32_t i = 0; i < a.dict[k].size(); ++i)
      if (a.dict[k].view(i) != b.dict[k].view(i)) return false;
  }
  return true;
}

}  // namespace lockstep::test
