// SPDX-License-Identifier: Apache-2.0
// Per-signal extraction + projection on an in-process synthetic ActivityTable:
//   lockstep_bench --benchmark_filter=Signal
// state.range(0) = signal id, range(1) = millions of references, range(2) = threads.
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <string>

#include "algorithms/parallel/random.hpp"
#include "algorithms/projection/co_action.hpp"
#include "analysis/signals.hpp"

namespace {

using namespace lockstep;

/// A week of activity: ~refs/2 posts by refs/40 accounts; every post has ~2 references drawn
/// from heavy-tailed popularity (reposts, replies, mentions, hashtags, links, domains), and
/// one post in four carries a short text from a pool of templates with small edits.
const ActivityTable& table(std::int64_t millions) {
  static std::int64_t built = -1;
  static ActivityTable t;
  if (built == millions) return t;
  t = ActivityTable{};
  const std::uint64_t refs = static_cast<std::uint64_t>(millions) * 1000000;
  const std::uint64_t posts = refs / 2, accounts = refs / 40;
  auto heavy = [](std::uint64_t r, std::uint64_t n) {  // ~Zipf via a squared uniform
    const double u = unit_interval(r);
    return static_cast<std::uint64_t>(u * u * u * static_cast<double>(n));
  };
  for (std::uint64_t p = 0; p < posts; ++p) {
    const auto r = splitmix64(p);
    const auto kind = static_cast<PostKind>(r % 4);
    t.post_account.push_back(t.pool(ObjectKind::account).intern("u" + std::to_string(heavy(r >> 8, accounts))));
    t.post_id.push_back(t.pool(ObjectKind::post).intern(std::to_string(1000000000000 + p)));
    t.post_time.push_back(1646092800 + static_cast<std::int64_t>((r >> 20) % 604800));
    t.post_kind.push_back(kind);
    if (r % 4 == 0) {
      const auto tpl = heavy(r >> 30, 20000);
      t.post_text.push_back("template " + std::to_string(tpl) + " spreads the word about the vote today edit " + std::to_string((r >> 50) % 3));
    } else {
      t.post_text.push_back("");
    }
    auto ref = [&](RefKind k, const std::string& o) {
      t.ref_post.push_back(static_cast<std::uint32_t>(p));
      t.ref_kind.push_back(k);
      t.ref_object.push_back(t.pool(object_kind_of(k)).intern(o));
    };
    const auto target = std::to_string(1000000000000 + heavy(r >> 12, posts));
    if (kind == PostKind::repost) ref(RefKind::reposts, target);
    if (kind == PostKind::reply) ref(RefKind::replies_to, target);
    if (kind == PostKind::quote) ref(RefKind::quotes, target);
    const auto r2 = splitmix64(r);
    ref(RefKind::tags, "tag" + std::to_string(heavy(r2, 50000)));
    if (r2 % 3 == 0) {
      const auto site = heavy(r2 >> 10, 5000);
      ref(RefKind::links, "https://site" + std::to_string(site) + ".example/a/" + std::to_string(heavy(r2 >> 20, 200000)));
      ref(RefKind::links_domain, "site" + std::to_string(site) + ".example");
    }
    if (r2 % 5 == 0) ref(RefKind::mentions, "u" + std::to_string(heavy(r2 >> 30, accounts)));
  }
  t.resize_accounts();
  t.resize_posts();
  for (std::size_t p = 0; p < t.num_posts(); ++p) {
    t.known_post_author[t.post_id[p]] = t.post_account[p];
    t.known_post_time[t.post_id[p]] = t.post_time[p];
  }
  built = millions;
  return t;
}

void BM_Signal(benchmark::State& state) {
  const auto signal = static_cast<analysis::Signal>(state.range(0));
  const auto& t = table(state.range(1));
  tbb::task_arena arena(static_cast<int>(state.range(2)));
  const analysis::SignalsConfig cfg;
  const auto& p = cfg.params[static_cast<std::size_t>(signal)];
  std::uint64_t actions = 0;
  for (auto _ : state) {
    arena.execute([&] {
      const auto a = analysis::signal_actions(signal, t, cfg);
      actions = a.size();
      benchmark::DoNotOptimize(
          algo::project_co_actions(a.view(), {p.window_s, p.min_participation, cfg.max_pairs_per_object}));
    });
  }
  state.SetLabel(std::string(analysis::signal_name(signal)));
  state.counters["actions"] = static_cast<double>(actions);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(actions));
}

// All signals on 20M references; co_text's share of posts with text makes ~2.5M texts.
BENCHMARK(BM_Signal)
    ->ArgsProduct({{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {20}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
