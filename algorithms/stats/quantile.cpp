// SPDX-License-Identifier: Apache-2.0
#include "algorithms/stats/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "algorithms/base/error.hpp"

namespace lockstep::algo {

double quantile_type7(std::span<const double> values, double p) {
  LOCKSTEP_EXPECTS(!values.empty(), "quantile of an empty set");
  LOCKSTEP_EXPECTS(p >= 0.0 && p <= 1.0, "quantile probability outside [0, 1]");
  std::vector<double> x(values.begin(), values.end());
  const double h = static_cast<double>(x.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = static_cast<std::size_t>(std::ceil(h));
  std::nth_element(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(lo), x.end());
  const double x_lo = x[lo];
  double x_hi = x_lo;
  if (hi != lo) x_hi = *std::min_element(x.begin() + static_cast<std::ptrdiff_t>(lo) + 1, x.end());
  return x_lo + (h - static_cast<double>(lo)) * (x_hi - x_lo);
}

}  // namespace lockstep::algo
