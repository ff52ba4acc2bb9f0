// SPDX-License-Identifier: Apache-2.0
#include "notebooks_export/force_layout.hpp"

#include <algorithm>
#include <cmath>

#include "algorithms/parallel/random.hpp"

namespace lockstep::notebooks_export {

std::vector<Point> force_layout(std::size_t n,
                                std::span<const std::pair<std::uint32_t, std::uint32_t>> edges,
                                std::uint64_t seed, int iterations) {
  if (n < 2) return std::vector<Point>(n, Point{0.5, 0.5});
  std::vector<Point> p(n), disp(n);
  const auto unit = [](std::uint64_t r) { return static_cast<double>(r >> 11) * 0x1.0p-53; };
  for (std::size_t i = 0; i < n; ++i)
    p[i] = {unit(splitmix64(seed ^ (2 * i))), unit(splitmix64(seed ^ (2 * i + 1)))};
  const double k = std::sqrt(1.0 / static_cast<double>(n));  // ideal edge length, unit square
  constexpr double kMin = 1e-9;
  for (int it = 0; it < iterations; ++it) {
    std::fill(disp.begin(), disp.end(), Point{});
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const double dx = p[i].x - p[j].x, dy = p[i].y - p[j].y;
        const double dist = std::max(std::hypot(dx, dy), kMin);
        const double f = k * k / dist;  // repulsion
        disp[i].x += dx / dist * f;
        disp[i].y += dy / dist * f;
        disp[j].x -= dx / dist * f;
        disp[j].y -= dy / dist * f;
      }
    for (const auto& [a, b] : edges) {
      const double dx = p[a].x - p[b].x, dy = p[a].y - p[b].y;
      const double dist = std::max(std::hypot(dx, dy), kMin);
      const double f = dist * dist / k;  // attraction
      disp[a].x -= dx / dist * f;
      disp[a].y -= dy / dist * f;
      disp[b].x += dx / dist * f;
      disp[b].y += dy / dist * f;
    }
    const double temp = 0.1 * (1.0 - static_cast<double>(it) / iterations);
    for (std::size_t i = 0; i < n; ++i) {
      const double len = std::max(std::hypot(disp[i].x, disp[i].y), kMin);
      const double step = std::min(len, temp);
      p[i].x += disp[i].x / len * step;
      p[i].y += disp[i].y / len * step;
    }
  }
  double x0 = p[0].x, x1 = p[0].x, y0 = p[0].y, y1 = p[0].y;
  for (const auto& q : p) {
    x0 = std::min(x0, q.x), x1 = std::max(x1, q.x), y0 = std::min(y0, q.y), y1 = std::max(y1, q.y);
  }
  for (auto& q : p) {
    q.x = x1 > x0 ? (q.x - x0) / (x1 - x0) : 0.5;
    q.y = y1 > y0 ? (q.y - y0) / (y1 - y0) : 0.5;
  }
  return p;
}

}  // namespace lockstep::notebooks_export
