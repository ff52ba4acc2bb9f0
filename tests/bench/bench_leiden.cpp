// SPDX-License-Identifier: Apache-2.0
// Leiden and Louvain on seeded planted-partition graphs, at 1 and 2 threads.
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <vector>

#include "algorithms/community/leiden.hpp"
#include "algorithms/graph/csr_graph.hpp"
#include "algorithms/parallel/random.hpp"

namespace {

using namespace lockstep;

// Degree-uniform planted partition: n vertices in groups of 100, `degree` edge draws per vertex,
// a fraction mix of them leaving the group. Seeded, so every run sees the same graph.
CsrGraph planted(VertexId n, int degree, double mix, std::uint64_t seed) {
  constexpr VertexId kGroup = 100;
  std::vector<WeightedEdge> edges;
  edges.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(degree));
  for (VertexId v = 0; v < n; ++v)
    for (int i = 0; i < degree; ++i) {
      const auto r = splitmix64(seed ^ (static_cast<std::uint64_t>(v) << 20) ^ i);
      const bool outside = unit_interval(r) < mix;
      const auto pick = static_cast<VertexId>(splitmix64(r) % (outside ? n : kGroup));
      const VertexId u = outside ? pick : (v / kGroup) * kGroup + pick;
      if (u != v && u < n) edges.push_back({v, u, 1.0F});
    }
  return CsrGraph::from_edges(edges, n);
}

void run(benchmark::State& state, bool refine) {
  const auto g = planted(static_cast<VertexId>(state.range(0)), 10, 0.4, 1);  // untimed
  algo::LeidenConfig cfg;
  cfg.refine = refine;
  tbb::task_arena arena(static_cast<int>(state.range(1)));
  for (auto _ : state) arena.execute([&] { benchmark::DoNotOptimize(algo::leiden(g, cfg)); });
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(g.num_arcs()));
}

void BM_Leiden(benchmark::State& state) { run(state, true); }
void BM_Louvain(benchmark::State& state) { run(state, false); }

}  // namespace

BENCHMARK(BM_Leiden)
    ->ArgsProduct({{20000, 200000}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Louvain)
    ->ArgsProduct({{20000, 200000}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
