// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace lockstep::notebooks_export {

struct Point {
  double x = 0, y = 0;
};

/// Fruchterman-Reingold force-directed layout (Fruchterman & Reingold 1991, "Graph drawing by
/// force-directed placement") of n vertices joined by `edges` (pairs of indices < n), from
/// seeded splitmix64 start positions, with a linearly cooling temperature. Returns positions
/// scaled into [0, 1] x [0, 1]. Deterministic: same inputs and seed give the same positions.
/// Cost: O(iterations * (n^2 + |edges|)), for drawings of one cluster (n up to a few hundred).
std::vector<Point> force_layout(std::size_t n,
                                std::span<const std::pair<std::uint32_t, std::uint32_t>> edges,
                                std::uint64_t seed, int iterations = 150);

}  // namespace lockstep::notebooks_export
