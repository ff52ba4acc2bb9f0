// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "algorithms/similarity/cosine.hpp"

TEST_CASE("pair cosine of TF-IDF vectors", "[algorithms][cosine]") {
  // Actor 0 acts twice on object 0 and once on 1; actor 1 once on 0 and 1; actor 2 on 2 only.
  const std::vector<std::uint32_t> actor = {0, 0, 0, 1, 1, 2};
  const std::vector<std::uint32_t> object = {0, 0, 1, 0, 1, 2};
  const std::vector<std::uint32_t> u = {0, 0, 1}, v = {1, 2, 1};
  const auto c = lockstep::algo::pair_cosine(actor, object, 3, u, v);
  // Objects 0 and 1 have the same IDF, so it cancels: cos((2, 1), (1, 1)) = 3 / sqrt(10).
  CHECK(c[0] == Approx(3.0 / std::sqrt(10.0)));
  CHECK(c[1] == 0.0);
  CHECK(c[2] == Approx(1.0));
}
