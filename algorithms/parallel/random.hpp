// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>

namespace lockstep {

/// splitmix64 (Steele, Lea & Flood 2014): a counter-based random source. Hash
/// (seed ^ (round << 32) ^ index) instead of sharing a generator, so parallel loops draw the same
/// numbers at any thread count.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// Uniform double in [0, 1) from a 64-bit random value.
constexpr double unit_interval(std::uint64_t r) {
  return static_cast<double>(r >> 11) * 0x1.0p-53;
}

}  // namespace lockstep
