// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace lockstep::algo {

/// Cosine similarity of actor pairs' TF-IDF vectors over objects (Pacheco et al. 2021,
/// "Uncovering coordinated networks on social media"): tf = the actor's actions on the object,
/// idf = ln(A / a_o) + 1 with A actors and a_o the actors acting on o. actor[i] and object[i]
/// describe action i; returns one value in [0, 1] per pair (u[k], v[k]). Eigen sparse rows,
/// parallel over pairs, deterministic. Cost: O(actions log actions + sum over pairs of the two
/// vectors' lengths).
std::vector<double> pair_cosine(std::span<const std::uint32_t> actor,
                                std::span<const std::uint32_t> object, std::uint32_t num_actors,
                                std::span<const std::uint32_t> u, std::span<const std::uint32_t> v);

}  // namespace lockstep::algo
