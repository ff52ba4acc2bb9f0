// SPDX-License-Identifier: Apache-2.0
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <vector>

#include "algorithms/parallel/random.hpp"
#include "algorithms/projection/co_action.hpp"
#include "algorithms/stats/quantile.hpp"

using namespace lockstep;
using algo::CoActionConfig;

namespace {

/// Owns the columns that ActionColumns views.
struct Actions {
  std::vector<std::uint32_t> actor, object, content;
  std::vector<std::int64_t> time;
  std::vector<std::uint8_t> pairable;
  std::uint32_t num_actors = 0;

  void add(std::uint32_t a, std::uint32_t o, std::int64_t t, std::uint32_t c, bool p = true) {
    actor.push_back(a);
    object.push_back(o);
    time.push_back(t);
    content.push_back(c);
    pairable.push_back(p ? 1 : 0);
    num_actors = std::max(num_actors, a + 1);
  }
  algo::ActionColumns view() const {
    return {actor, object, time, content, pairable, num_actors};
  }
};

Actions random_actions(std::uint64_t seed, std::uint32_t n, std::uint32_t actors,
                       std::uint32_t objects, std::int64_t span) {
  Actions x;
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto r = splitmix64(seed * 7919 + i);
    const auto r2 = splitmix64(r);
    // Some repeated contents (same post sharing two objects) and a few non-pairable actions.
    const auto content = (r2 % 10 == 0 && i > 0) ? x.content[i - 1] : 1000 + i;
    x.add(static_cast<std::uint32_t>(r % actors), static_cast<std::uint32_t>((r >> 20) % objects),
          static_cast<std::int64_t>((r >> 40) % static_cast<std::uint64_t>(span)), content,
          (r2 >> 8) % 25 != 0);
  }
  x.num_actors = actors;
  return x;
}

void require_equal(const algo::CoActionEdges& a, const algo::CoActionEdges& b) {
  REQUIRE(a.u == b.u);
  REQUIRE(a.v == b.v);
  REQUIRE(a.weight == b.weight);
  REQUIRE(a.n_objects == b.n_objects);
  REQUIRE(a.min_delta == b.min_delta);
  REQUIRE(a.median_delta == b.median_delta);
  REQUIRE(a.symmetry == b.symmetry);
  REQUIRE(a.weighted == b.weighted);
  REQUIRE(a.num_matches == b.num_matches);
  REQUIRE(a.num_active_actors == b.num_active_actors);
}

}  // namespace

TEST_CASE("co-action window is inclusive and self pairs never count", "[algorithms][co_action]") {
  Actions x;
  x.add(0, 7, 100, 1);
  x.add(1, 7, 160, 2);  // exactly 60 s later: a match
  x.add(2, 7, 161, 3);  // 61 s after actor 0: no match with 0, 1 s after actor 1: match
  x.add(0, 7, 150, 4);  // actor 0 again: never pairs with itself
  const auto e = algo::project_co_actions(x.view(), {.window_s = 60, .min_participation = 1});
  REQUIRE(e.size() == 3);
  // (0,1): rows (100,160) dt 60 and (150,160) dt 10.
  CHECK(e.u[0] == 0);
  CHECK(e.v[0] == 1);
  CHECK(e.weight[0] == 2);
  CHECK(e.n_objects[0] == 1);
  CHECK(e.min_delta[0] == 10);
  CHECK(e.median_delta[0] == Approx(35.0));
  CHECK(e.symmetry[0] == Approx(0.5));  // actor 0 used 2 contents, actor 1 one
  // (0,2): only (150,161) dt 11.
  CHECK(e.u[1] == 0);
  CHECK(e.v[1] == 2);
  CHECK(e.weight[1] == 1);
  CHECK(e.min_delta[1] == 11);
  // (1,2): dt 1.
  CHECK(e.u[2] == 1);
  CHECK(e.v[2] == 2);
  CHECK(e.min_delta[2] == 1);
  CHECK(e.num_matches == 4);
}

TEST_CASE("co-action drops same content, non-pairable actions and sparse actors",
          "[algorithms][co_action]") {
  Actions x;
  x.add(0, 1, 0, 5);
  x.add(1, 1, 1, 5);          // same content as actor 0's action: no match
  x.add(2, 1, 2, 6, false);   // not pairable (content equals the object)
  x.add(3, 1, 3, 7);
  x.add(3, 2, 3, 8);          // actor 3 has 2 actions
  const auto e1 = algo::project_co_actions(x.view(), {.window_s = 10, .min_participation = 1});
  // Pairs: (0,3), (1,3); (0,1) same content; 2 never pairs.
  REQUIRE(e1.size() == 2);
  CHECK(e1.u[0] == 0);
  CHECK(e1.v[0] == 3);
  CHECK(e1.u[1] == 1);
  CHECK(e1.v[1] == 3);
  // K = 2 drops actors 0, 1, 2 before pairing: nothing is left to pair with actor 3.
  const auto e2 = algo::project_co_actions(x.view(), {.window_s = 10, .min_participation = 2});
  CHECK(e2.size() == 0);
  CHECK(e2.num_active_actors == 1);
}

TEST_CASE("co-action rule (d): a match needs one actor with K matched actions",
          "[algorithms][co_action]") {
  Actions x;
  // Actors 0 and 1 each have 2 actions, but only one action each falls in a match.
  x.add(0, 1, 0, 1);
  x.add(0, 2, 1000, 2);
  x.add(1, 1, 5, 3);
  x.add(1, 3, 5000, 4);
  // Actors 2 and 3 co-act twice.
  x.add(2, 4, 0, 5);
  x.add(3, 4, 1, 6);
  x.add(2, 5, 100, 7);
  x.add(3, 5, 101, 8);
  const auto e = algo::project_co_actions(x.view(), {.window_s = 10, .min_participation = 2});
  REQUIRE(e.size() == 1);
  CHECK(e.u[0] == 2);
  CHECK(e.v[0] == 3);
  CHECK(e.weight[0] == 2);
  CHECK(e.n_objects[0] == 2);
}

TEST_CASE("co-action equals the brute-force reference on seeded random inputs",
          "[algorithms][co_action]") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto n = static_cast<std::uint32_t>(50 + seed * 13);
    const auto x = random_actions(seed, n, 5 + static_cast<std::uint32_t>(seed % 17),
                                  3 + static_cast<std::uint32_t>(seed % 11), 200);
    for (std::int64_t window : {0, 1, 10, 60}) {
      for (std::uint32_t k : {1U, 2U, 4U}) {
        const CoActionConfig cfg{.window_s = window, .min_participation = k};
        INFO("seed " << seed << " window " << window << " K " << k);
        require_equal(algo::project_co_actions(x.view(), cfg),
                      algo::project_co_actions_brute_force(x.view(), cfg));
      }
    }
  }
}

TEST_CASE("co-action output is identical at 1, 2 and 8 threads", "[algorithms][co_action]") {
  const auto x = random_actions(99, 60000, 3000, 2000, 86400);
  const CoActionConfig cfg{.window_s = 600, .min_participation = 2};
  const auto reference = [&] {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    return algo::project_co_actions(x.view(), cfg);
  }();
  REQUIRE(reference.size() > 100);
  const int threads = GENERATE(2, 8);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  require_equal(algo::project_co_actions(x.view(), cfg), reference);
}

TEST_CASE("quantile_type7 matches R's default", "[algorithms][quantile]") {
  const std::vector<double> v = {1, 1, 2, 3, 10};
  CHECK(algo::quantile_type7(v, 0.0) == 1.0);
  CHECK(algo::quantile_type7(v, 0.5) == 2.0);
  CHECK(algo::quantile_type7(v, 0.9) == Approx(7.2));  // R: quantile(c(1,1,2,3,10), .9) = 7.2
  CHECK(algo::quantile_type7(v, 1.0) == 10.0);
  CHECK_THROWS(algo::quantile_type7(std::vector<double>{}, 0.5));
}

TEST_CASE("co-action caps the pairs of a viral object deterministically and reports it",
          "[algorithms][co_action]") {
  Actions x;
  for (std::uint32_t i = 0; i < 100; ++i) x.add(i, 0, 1000 + i / 10, i);  // 100 actors, one object
  x.add(0, 1, 5, 500);
  x.add(1, 1, 6, 501);  // a second, small object stays complete
  algo::CoActionConfig cfg{.window_s = 60, .min_participation = 1, .max_pairs_per_object = 100};
  const auto e = algo::project_co_actions(x.view(), cfg);
  CHECK(e.num_capped_objects == 1);
  CHECK(e.num_capped_pairs == 4950 - 100);
  CHECK(e.num_matches == 100 + 1);
  cfg.max_pairs_per_object = 0;
  const auto full = algo::project_co_actions(x.view(), cfg);
  CHECK(full.num_capped_objects == 0);
  CHECK(full.num_matches == 4950 + 1);
  // The same cap gives the same edges at any thread count.
  cfg.max_pairs_per_object = 100;
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  require_equal(algo::project_co_actions(x.view(), cfg), e);
}
