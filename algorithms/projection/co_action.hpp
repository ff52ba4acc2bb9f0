// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace lockstep::algo {

/// Actions of actors on objects in time, as parallel columns (one row per action). Ids are
/// dense: actor < num_actors. `content` identifies the action's own content: two actions with
/// the same content never pair. `pairable[i] == 0` marks an action that counts for
/// participation but never forms a pair (empty span: every action is pairable).
struct ActionColumns {
  std::span<const std::uint32_t> actor;
  std::span<const std::uint32_t> object;
  std::span<const std::int64_t> time;
  std::span<const std::uint32_t> content;
  std::span<const std::uint8_t> pairable;
  std::uint32_t num_actors = 0;
  /// Optional weight of each object (e.g. IDF); a match counts object_weight[object] in
  /// CoActionEdges::weighted. Empty: every match counts 1.
  std::span<const float> object_weight = {};
};

struct CoActionConfig {
  std::int64_t window_s = 60;           // |dt| <= window_s pairs two actions (inclusive)
  std::uint32_t min_participation = 2;  // actors with fewer actions are dropped first
  /// At most this many candidate pairs per object (0 = no cap). The pairs kept are the first in
  /// (time, row) order of the object's sliding window, so capping is deterministic.
  std::uint64_t max_pairs_per_object = 0;
};

/// Co-action edges, one row per unordered actor pair (u < v), sorted by (u, v). A plain,
/// mergeable value: the columns are what nightly jobs keep per day.
struct CoActionEdges {
  std::vector<std::uint32_t> u, v;
  std::vector<std::uint32_t> weight;     // matched action pairs of u and v
  std::vector<std::uint32_t> n_objects;  // distinct objects among those matches
  std::vector<std::int64_t> min_delta;   // smallest |dt| of a match, seconds
  std::vector<double> median_delta;      // median |dt| over matches (mean of the middle two)
  std::vector<float> symmetry;           // min/max of u's and v's distinct contents in matches
  std::vector<double> weighted;          // sum of object weights over matches (= weight if none)
  std::uint64_t num_matches = 0;         // sum of weight
  std::uint64_t num_active_actors = 0;   // actors left after the participation filter
  std::uint64_t num_capped_objects = 0;  // objects whose window pairs exceeded the cap
  std::uint64_t num_capped_pairs = 0;    // candidate pairs not examined because of the cap

  std::size_t size() const noexcept { return u.size(); }
};

/// Windowed bipartite projection (actor x object x time) with CooRTweet 2.1 semantics:
/// (a) actors with fewer than min_participation actions are dropped; (b) per object, every
/// unordered pair of actions with |dt| <= window_s is a match; (c) matches of one actor with
/// itself, of two actions with the same content, or involving a non-pairable action are
/// dropped; (d) a match is kept only when at least one of its actors has >= min_participation
/// distinct actions among those in any match of (c); (e) per actor pair: weight = matches,
/// symmetry = min/max of the two actors' distinct contents in their matches.
/// Work per object is bounded by the window (a sliding window, never all pairs of an object)
/// and by cfg.max_pairs_per_object; what the cap left out is counted in the result.
/// Pre: columns have equal length, actor < num_actors, window_s in [0, 2^31).
/// Cost: O(n + k log k) for n actions and k matches, oneTBB-parallel. Deterministic: the same
/// columns give the same edges at any thread count.
CoActionEdges project_co_actions(const ActionColumns& actions, const CoActionConfig& cfg);

/// Reference implementation of the same semantics by brute force over all action pairs,
/// O(n^2). For tests and --check on small inputs.
CoActionEdges project_co_actions_brute_force(const ActionColumns& actions,
                                             const CoActionConfig& cfg);

}  // namespace lockstep::algo
