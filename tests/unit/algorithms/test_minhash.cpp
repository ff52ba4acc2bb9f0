// SPDX-License-Identifier: Apache-2.0
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <vector>

#include "algorithms/parallel/random.hpp"
#include "algorithms/similarity/minhash.hpp"

using namespace lockstep;

namespace {

struct Docs {
  std::vector<std::uint64_t> offsets{0}, tokens;
  void add(std::vector<std::uint64_t> t) {
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    tokens.insert(tokens.end(), t.begin(), t.end());
    offsets.push_back(tokens.size());
  }
  algo::TokenSets view() const { return {offsets, tokens}; }
  std::span<const std::uint64_t> doc(std::size_t d) const {
    return std::span<const std::uint64_t>(tokens).subspan(offsets[d], offsets[d + 1] - offsets[d]);
  }
};

}  // namespace

TEST_CASE("jaccard of sorted sets", "[algorithms][minhash]") {
  const std::vector<std::uint64_t> a = {1, 2, 3, 4}, b = {3, 4, 5};
  CHECK(algo::jaccard(a, b) == Approx(2.0 / 5.0));
  CHECK(algo::jaccard(a, a) == 1.0);
  CHECK(algo::jaccard(a, std::vector<std::uint64_t>{}) == 0.0);
}

TEST_CASE("near-duplicate groups: planted families found, verified, never unrelated",
          "[algorithms][minhash]") {
  // 40 families of 5 variants (each variant changes 2 of 30 tokens: J ~ 0.88), plus 300
  // unrelated documents.
  Docs docs;
  for (std::uint64_t f = 0; f < 40; ++f) {
    std::vector<std::uint64_t> base;
    for (std::uint64_t t = 0; t < 30; ++t) base.push_back(splitmix64(f * 1000 + t));
    for (std::uint64_t v = 0; v < 5; ++v) {
      auto variant = base;
      variant[v % 30] = splitmix64(f * 7777 + v * 13 + 1);
      variant[(v + 11) % 30] = splitmix64(f * 7777 + v * 13 + 2);
      docs.add(variant);
    }
  }
  for (std::uint64_t u = 0; u < 300; ++u) {
    std::vector<std::uint64_t> t;
    for (std::uint64_t k = 0; k < 30; ++k) t.push_back(splitmix64(999999 + u * 100 + k));
    docs.add(t);
  }
  const algo::MinHashConfig cfg{};
  const auto g = algo::near_duplicate_groups(docs.view(), cfg);
  REQUIRE(g.group.size() == 500);
  CHECK(g.num_groups == 40 + 300);
  for (std::size_t f = 0; f < 40; ++f)
    for (std::size_t v = 1; v < 5; ++v) CHECK(g.group[f * 5 + v] == g.group[f * 5]);
  // Brute force: every joined pair within a group is connected by verified similar pairs, and
  // no unrelated document joined anything.
  for (std::size_t u = 200; u < 500; ++u)
    for (std::size_t d = 0; d < 500; ++d)
      if (d != u) CHECK(g.group[d] != g.group[u]);
  CHECK(g.candidate_pairs < 500 * 16);  // never all pairs
  // Same groups at any thread count.
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  CHECK(algo::near_duplicate_groups(docs.view(), cfg).group == g.group);
}
