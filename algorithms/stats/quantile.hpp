// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <span>

namespace lockstep::algo {

/// The p-quantile of values by linear interpolation between order statistics (Hyndman & Fan
/// type 7, R's and numpy's default): h = (n - 1) p, q = x[floor h] + (h - floor h) (x[ceil h] -
/// x[floor h]). Pre: values non-empty, 0 <= p <= 1. Cost: O(n) (selection on a copy).
double quantile_type7(std::span<const double> values, double p);

}  // namespace lockstep::algo
