// SPDX-License-Identifier: Apache-2.0
// Twitter readers on synthetic renderings (lockstep synth --render), at 1 and 2 threads: bytes
// and records per second to a finished ActivityTable.
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "datasets/render.hpp"
#include "datasets/synth.hpp"
#include "io/readers/read_activity.hpp"

namespace {

using namespace lockstep;

// One rendering of 200k synthetic shares per format, written once per process (untimed).
const std::string& rendered(datasets::Rendering r, const char* name) {
  static std::vector<std::pair<std::string, std::string>> files;
  for (const auto& [n, p] : files)
    if (n == name) return p;
  datasets::SynthConfig cfg;
  cfg.num_shares = 200000;
  const auto data = datasets::generate_shares(cfg);
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("lockstep_bench_" + std::to_string(::getpid()) + "_" + name))
                               .string();
  datasets::write_rendering(path, data.shares, r);
  files.emplace_back(name, path);
  return files.back().second;
}

void read_format(benchmark::State& state, datasets::Rendering r, const char* format) {
  const std::string& path = rendered(r, format);
  io::ReadOptions opts;
  opts.format = format;
  tbb::task_arena arena(static_cast<int>(state.range(0)));
  std::uint64_t records = 0;
  for (auto _ : state) {
    arena.execute([&] {
      const auto t = io::read_activity(std::vector<std::string>{path}, opts);
      records = t.inputs[0].n_records;
      benchmark::DoNotOptimize(t.post_id.data());
    });
  }
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records));
}

void BM_ReadTwitterV1(benchmark::State& state) {
  read_format(state, datasets::Rendering::twitter_v1, "twitter-v1");
}
void BM_ReadTwitterV2(benchmark::State& state) {
  read_format(state, datasets::Rendering::twitter_v2, "twitter-v2");
}

}  // namespace

BENCHMARK(BM_ReadTwitterV1)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadTwitterV2)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
