// SPDX-License-Identifier: Apache-2.0
#include "algorithms/similarity/cosine.hpp"

#include <Eigen/SparseCore>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "algorithms/base/error.hpp"

namespace lockstep::algo {

std::vector<double> pair_cosine(std::span<const std::uint32_t> actor,
                                std::span<const std::uint32_t> object, std::uint32_t num_actors,
                                std::span<const std::uint32_t> u, std::span<const std::uint32_t> v) {
  LOCKSTEP_EXPECTS(actor.size() == object.size() && u.size() == v.size(), "column lengths differ");
  // (actor, object) counts.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entries(actor.size());
  for (std::size_t i = 0; i < actor.size(); ++i) {
    LOCKSTEP_EXPECTS(actor[i] < num_actors, "actor id out of range");
    entries[i] = {actor[i], object[i]};
  }
  std::sort(entries.begin(), entries.end());
  std::uint32_t num_objects = 0;
  for (auto o : object) num_objects = std::max(num_objects, o + 1);
  std::vector<std::uint32_t> actors_of(num_objects, 0);
  std::vector<std::uint8_t> active(num_actors, 0);
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (i == 0 || entries[i] != entries[i - 1]) {
      ++actors_of[entries[i].second];
      active[entries[i].first] = 1;
    }
  double total = 0;
  for (auto a : active) total += a;

  std::vector<Eigen::Triplet<double, std::int64_t>> triplets;
  for (std::size_t b = 0; b < entries.size();) {
    std::size_t e = b;
    while (e < entries.size() && entries[e] == entries[b]) ++e;
    const double idf = std::log(total / actors_of[entries[b].second]) + 1.0;
    triplets.emplace_back(entries[b].first, entries[b].second, static_cast<double>(e - b) * idf);
    b = e;
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t> m(num_actors, num_objects);
  m.setFromTriplets(triplets.begin(), triplets.end());
  std::vector<double> norm(num_actors, 0.0);
  for (std::int64_t r = 0; r < m.outerSize(); ++r) norm[static_cast<std::size_t>(r)] = m.row(r).norm();

  std::vector<double> out(u.size(), 0.0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, u.size(), 1024), [&](const auto& r) {
    for (auto k = r.begin(); k != r.end(); ++k) {
      const double d = norm[u[k]] * norm[v[k]];
      out[k] = d > 0 ? std::min(1.0, m.row(u[k]).dot(m.row(v[k])) / d) : 0.0;
    }
  });
  return out;
}

}  // namespace lockstep::algo
