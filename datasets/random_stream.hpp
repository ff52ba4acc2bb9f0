// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal to datasets/: counter-based random draws shared by the generators.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "algorithms/parallel/random.hpp"

namespace lockstep::datasets {

/// Counter-based random stream: draw i is splitmix64(key ^ splitmix64(i)). No shared state; each
/// generator phase has its own tag, so changing one phase leaves the draws of the others.
class Stream {
 public:
  Stream(std::uint64_t seed, std::uint64_t tag) : key_(splitmix64(seed ^ (tag << 56))) {}
  std::uint64_t next() { return splitmix64(key_ ^ splitmix64(counter_++)); }
  double uniform() { return unit_interval(next()); }
  /// Uniform integer in [lo, hi] (modulo bias < 2^-40 for the ranges used here).
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + next() % (hi - lo + 1); }
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

/// Power-law rank in [0, n): frequency of rank r ~ (r + 1)^-3/4, by inverting the continuous
/// CDF (x^1/4 - 1) / ((n + 1)^1/4 - 1) on [1, n + 1). Only sqrt, * and +: bit-reproducible.
class PowerLaw {
 public:
  explicit PowerLaw(std::uint32_t n)
      : n_(n), c_(std::sqrt(std::sqrt(static_cast<double>(n) + 1.0)) - 1.0) {}
  std::uint32_t operator()(double u) const {
    const double x = 1.0 + u * c_;
    const double x2 = x * x;
    const double r = x2 * x2 - 1.0;
    return std::min(n_ - 1, static_cast<std::uint32_t>(r));
  }

 private:
  std::uint32_t n_;
  double c_;
};

/// Random permutation of 0..n-1 (Fisher-Yates on a counter-based stream). O(n).
inline std::vector<std::uint32_t> permutation(std::uint32_t n, Stream& rng) {
  std::vector<std::uint32_t> p(n);
  for (std::uint32_t i = 0; i < n; ++i) p[i] = i;
  for (std::uint32_t i = n; i > 1; --i) std::swap(p[i - 1], p[rng.next() % i]);
  return p;
}

}  // namespace lockstep::datasets
