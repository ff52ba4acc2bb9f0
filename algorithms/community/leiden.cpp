// SPDX-License-Identifier: Apache-2.0
#include "algorithms/community/leiden.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_group.h>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <span>
#include <thread>
#include <utility>
#include <vector>

#include "algorithms/base/error.hpp"
#include "algorithms/base/scratch_buffer.hpp"
#include "algorithms/parallel/random.hpp"

namespace lockstep::algo {
namespace {

constexpr VertexId kNone = std::numeric_limits<VertexId>::max();
// Batches per sweep: about one per kBatchVertices vertices (kBaseBatchVertices on level 0), within
// [kMinBatches, kMaxBatches]. Moves inside one batch are evaluated against the same state, so
// more batches means fresher information (closer to sequential Louvain) and fewer means more
// parallel work per batch and fewer synchronisations (they cost ~20% at n = 10^5 with 128
// batches). Level 0's rows are the shortest (one vertex of the input each), so its batches hold
// twice as many vertices: dcppm 1e5 runs 24 batches per sweep there instead of 48, 5-7 % faster
// at 1 and 2 threads with as many sweeps and the same quality over seeds 1-5. (Coarser levels
// of dcppm 1e6 with 4096 too: fewer batches, but an extra level and 10 % more instructions.)
constexpr std::size_t kBatchVertices = 2048;
constexpr std::size_t kBaseBatchVertices = 4096;
constexpr std::size_t kMinBatches = 16;
constexpr std::size_t kMaxBatches = 128;
// A batch is a seeded pick of chunks of consecutive vertices, up to kMaxChunk long and about
// kChunksPerBatch per batch: whole chunks read the arcs as a stream (a random pick of single
// vertices made level 0 of a 10^7-arc graph 1.7x slower), and many chunks keep the choice random.
constexpr VertexId kMaxChunk = 256;
constexpr std::size_t kChunksPerBatch = 64;
constexpr std::size_t kGrain = 64;
// Arcs ahead whose target's label is prefetched (rows of consecutive vertices are adjacent).
constexpr EdgeIndex kPrefetch = 16;
// Moves ahead whose community sums are prefetched in the sequential commit.
constexpr std::size_t kCommitAhead = 8;
// Aggregation judges whether merging arcs is worth it on every kSampleStride-th community.
constexpr VertexId kSampleStride = 32;

// Per-thread sums of arc weight per community around one vertex (or one group of vertices).
// Where there are at most kDenseKeys communities, they go into a flat array indexed by community
// (512 KiB, which stays in the L2 cache): no hashing, ~23 % fewer instructions than the table on
// weighted dcppm 1e5 and 10 % less time on sbm 1e4. Past that, up to kTableKeys distinct
// communities per vertex go into a small open-addressing table that stays in the L1/L2 cache
// whatever the graph size (a flat array of 2^19 communities made 15 % more cache misses at 1e6;
// one of 2^20 on dcppm 1e6's level 0 took 1.2-1.7x the time on 2 threads), and more again into
// the flat array. Either way the communities come back in first-touch order, so results never
// depend on the mode.
class WeightSums {
 public:
  static constexpr std::size_t kTableKeys = 1024;
  static constexpr std::size_t kDenseKeys = std::size_t{1} << 17;

  // Prepares for at most `max_keys` distinct communities, all < `key_space`.
  void start(std::size_t max_keys, std::size_t key_space) {
    if (order_.size() < max_keys) order_.resize(std::max(max_keys, 2 * order_.size()));
    count_ = 0;
    table_ = key_space > kDenseKeys && max_keys <= kTableKeys;
    if (table_) {
      if (slots_.empty()) slots_.assign(kTableSlots + 1, Slot{});  // + 1: the sink of skipped arcs
      // At most 1/8 full, so most keys sit in their home slot and the insert needs no branch.
      // 2^bits slots, at least 64 (no loop: its trip count would follow the degree).
      const int bits =
          static_cast<int>(std::bit_width(std::max<std::size_t>(8 * max_keys, 64) - 1));
      shift_ = 32 - bits;
      mask_ = static_cast<std::uint32_t>((std::size_t{1} << bits) - 1);
    } else if (dense_.size() < key_space + 1) {
      dense_.assign(key_space + 1, 0.0F);
    }
  }

  // Adds weights[i] (1 if kUnit: weights is not read) to key_of(i) for every i in [first, last);
  // key_of returns kNone to skip an arc (when kSkips; otherwise the test is compiled out).
  // Branch-free but for the rare probe past a taken slot: a skipped arc lands in a sink slot that
  // is never reported, and a new key is recorded by adding a 0/1 to the count.
  template <bool kSkips = true, bool kUnit = false, class KeyOf>
  void gather(EdgeIndex first, EdgeIndex last, const float* weights, KeyOf key_of) {
    std::uint32_t* const order = order_.data();
    std::size_t count = count_;
    if (table_) {
      Slot* const slots = slots_.data();
      const int shift = shift_;
      const std::uint32_t mask = mask_;
      for (EdgeIndex i = first; i < last; ++i) {
        const VertexId c = key_of(i);
        const bool skip = kSkips && c == kNone;
        std::uint32_t slot = skip ? kTableSlots : (c * 0x9E3779B1U) >> shift;
        VertexId k = slots[slot].key;
        // One branch, rarely taken: the slot holds neither c nor nothing (k ^ c and ~k both
        // non-zero). Two compares made two branches, and whether a key is new is a coin flip.
        if (std::min(k ^ c, ~k) != 0) [[unlikely]] {
          do {
            slot = (slot + 1) & mask;
            k = slots[slot].key;
          } while ((k != c) & (k != kEmpty));
        }
        order[count] = slot;
        count += static_cast<std::size_t>((k == kEmpty) & !skip);
        slots[slot].key = c;  // kEmpty (= kNone) in the sink
        slots[slot].sum += kUnit ? 1.0F : weights[i];
      }
    } else {
      float* const dense = dense_.data();
      const std::size_t sink = dense_.size() - 1;
      for (EdgeIndex i = first; i < last; ++i) {
        const VertexId c = key_of(i);
        const bool skip = kSkips && c == kNone;
        const std::size_t at = skip ? sink : c;
        order[count] = c;
        count += static_cast<std::size_t>((dense[at] == 0.0F) & !skip);
        dense[at] += kUnit ? 1.0F : weights[i];
      }
    }
    count_ = count;
  }

  // The sum for c (0 when untouched).
  double get(VertexId c) const {
    if (!table_) return dense_[c];
    for (std::uint32_t slot = (c * 0x9E3779B1U) >> shift_;; slot = (slot + 1) & mask_) {
      if (slots_[slot].key == c) return slots_[slot].sum;
      if (slots_[slot].key == kEmpty) return 0.0;
    }
  }

  std::size_t size() const { return count_; }

  // Sum over all touched communities.
  double total() const {
    double sum = 0.0;
    for (std::size_t j = 0; j < count_; ++j)
      sum += table_ ? slots_[order_[j]].sum : dense_[order_[j]];
    return sum;
  }

  // Calls f(c, sum) for every touched community in first-touch order and clears the sums.
  template <class F>
  void drain(F f) {
    if (table_) {
      for (std::size_t j = 0; j < count_; ++j) {
        const std::uint32_t slot = order_[j];
        f(slots_[slot].key, static_cast<double>(slots_[slot].sum));
        slots_[slot] = Slot{};
      }
    } else {
      for (std::size_t j = 0; j < count_; ++j) {
        const VertexId c = order_[j];
        f(c, static_cast<double>(dense_[c]));
        dense_[c] = 0.0F;
      }
    }
    count_ = 0;
  }

 private:
  static constexpr VertexId kEmpty = kNone;
  static constexpr std::uint32_t kTableSlots = 8 * kTableKeys;
  bool table_ = true;
  int shift_ = 27;
  std::uint32_t mask_ = 31;
  std::size_t count_ = 0;
  // Key and sum side by side: one cache line per probe. Sums are floats, as the arc weights:
  // half the footprint, and the relative error (< 1e-6 over a row) is far below any gain the
  // moves act on.
  struct Slot {
    VertexId key = kEmpty;
    float sum = 0.0F;
  };
  std::vector<Slot> slots_;           // table: kEmpty key when free
  std::vector<float> dense_;          // flat: sum per community, 0 = untouched (weights are > 0)
  std::vector<std::uint32_t> order_;  // touched slots (table) or communities (flat)
};

using ScratchSet = tbb::enumerable_thread_specific<WeightSums>;

// One level's graph and node weights. Row v holds the arcs [begin[v], end[v]) of targets and
// weights; aggregated rows are unsorted, may list a target more than once (see aggregate) and
// may keep unused room after end[v] (building them in place needs neither a sort nor a
// compaction copy). The gain of moving v (taken out of its community) into community c is
// weight(v, c) - scale * x_v * total(c): x is the strength and scale gamma / 2m for modularity,
// x the number of original vertices and scale gamma for CPM.
struct Level {
  VertexId n = 0;
  EdgeIndex arcs = 0;  // in all rows
  const EdgeIndex* begin = nullptr;
  const EdgeIndex* end = nullptr;
  const VertexId* targets = nullptr;
  const float* weights = nullptr;
  // Every weight is 1 (the input of an unweighted graph): the hot loops do not read them, which
  // spares a third of the memory traffic of a row (unweighted dcppm 1e6 and 1e5: 3-4 % less time).
  bool unit = false;
  std::vector<double> x;
  double scale = 0.0;
  // Aggregated levels own their row bounds; their arcs live in an ArcBuffers slot.
  std::vector<EdgeIndex> owned_begin;
  std::vector<EdgeIndex> owned_end;
};

// The weight of arc a of lv.
float weight(const Level& lv, EdgeIndex a) { return lv.unit ? 1.0F : lv.weights[a]; }

// sums.gather over the arcs [first, last) of lv, not reading their weights where all are 1.
template <bool kSkips, class KeyOf>
void gather_arcs(WeightSums& sums, const Level& lv, EdgeIndex first, EdgeIndex last, KeyOf key_of) {
  if (lv.unit)
    sums.gather<kSkips, true>(first, last, lv.weights, key_of);
  else
    sums.gather<kSkips, false>(first, last, lv.weights, key_of);
}

// Arc storage of aggregated levels, reused: level l + 1 is built from level l into the slot
// level l - 1 used, so two buffers of the base graph's size serve every level and iteration
// without fresh pages to fault in at every level.
struct ArcBuffers {
  ScratchBuffer<VertexId> targets[2];
  ScratchBuffer<float> weights[2];
};

// Vertices grouped into seeded batches, by vertex id inside a batch.
struct Schedule {
  std::vector<VertexId> order;
  std::vector<std::size_t> start;   // batches + 1 entries
  std::vector<std::uint8_t> batch;  // per vertex, its batch
};
static_assert(kMaxBatches <= 256, "Schedule::batch holds batch numbers in a byte");

Schedule make_schedule(VertexId n, std::uint64_t seed, int level) {
  const std::size_t batches = std::clamp<std::size_t>(
      n / (level == 0 ? kBaseBatchVertices : kBatchVertices),
      std::min<std::size_t>(kMinBatches, std::max<VertexId>(n, 1)), kMaxBatches);
  const auto chunk =
      static_cast<VertexId>(std::clamp<std::size_t>(n / (batches * kChunksPerBatch), 1, kMaxChunk));
  const VertexId chunks = n / chunk + (n % chunk != 0 ? 1 : 0);
  const std::uint64_t key = splitmix64(seed + static_cast<std::uint64_t>(level));
  std::vector<std::uint32_t> batch_of(chunks);
  Schedule s;
  s.start.assign(batches + 1, 0);
  for (VertexId c = 0; c < chunks; ++c) {
    batch_of[c] = static_cast<std::uint32_t>(splitmix64(key ^ c) % batches);
    s.start[batch_of[c] + 1] += std::min(chunk, n - c * chunk);
  }
  std::partial_sum(s.start.begin(), s.start.end(), s.start.begin());
  std::vector<std::size_t> fill(s.start.begin(), s.start.end() - 1);
  s.order.resize(n);
  s.batch.resize(n);
  for (VertexId c = 0; c < chunks; ++c) {
    for (VertexId v = c * chunk, end = std::min(n, v + chunk); v < end; ++v) {
      s.order[fill[batch_of[c]]++] = v;
      s.batch[v] = static_cast<std::uint8_t>(batch_of[c]);
    }
  }
  return s;
}

// A partition of one level with the per-community sums the gains need.
struct Communities {
  std::vector<VertexId> label;  // per vertex, < n
  std::vector<double> total;    // sum of x per community
  std::vector<VertexId> size;   // members per community
};

Communities make_communities(const Level& lv, std::vector<VertexId> label) {
  Communities cs;
  cs.total.assign(label.size(), 0.0);
  cs.size.assign(label.size(), 0);
  for (std::size_t v = 0; v < label.size(); ++v) {
    cs.total[label[v]] += lv.x[v];
    ++cs.size[label[v]];
  }
  cs.label = std::move(label);
  return cs;
}

// A proposed move of one vertex.
struct Move {
  VertexId v;
  VertexId to;
  double gain;
};

// A committed move: the vertex and the community it left.
struct Committed {
  VertexId v;
  VertexId from;
};

// Whether this CPU has PREFETCHW (CPUID 0x80000001, ECX bit 8).
bool cpu_has_prefetchw() {
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  return __get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx) != 0 && (ecx & bit_PRFCHW) != 0;
#else
  return false;
#endif
}

// Fetches the cache line of `p` for writing where the CPU can (`prefetchw`: see
// cpu_has_prefetchw), else by __builtin_prefetch(p, 1), which GCC turns into PREFETCHW only in
// builds for CPUs that all have it (a read prefetch otherwise, on x86-64).
inline void prefetch_for_write(const void* p, bool prefetchw) {
#if defined(__x86_64__)
  if (prefetchw) {
    asm volatile("prefetchw %0" : : "m"(*static_cast<const char*>(p)));
    return;
  }
#endif
  __builtin_prefetch(p, 1);
}

// Committed moves handed over in chunks of this many to `wake` (see run_batches).
constexpr std::size_t kWakeChunk = 64;
// Mean degree, per batch of a sweep, from which moved vertices' wakes read flags before storing.
constexpr std::size_t kRepeatedWakes = 8;
// A sweep of local moving whose moved vertices hold at least 1 / kWakeAllShare of all arcs wakes
// every vertex for the next sweep (see move_nodes).
constexpr std::size_t kWakeAllShare = 4;

// Evaluates every vertex of each batch in parallel against the current state, then commits the
// proposals sequentially in batch order. A proposal into a community that an earlier commit of
// the same batch emptied is dropped (it would only relabel, and it stops two singletons from
// swapping). `propose(v, sums, gain, tally)` returns the target (or kNone), sets the gain and may
// add to a tally; `admit` may veto a commit. `wake(span of Committed)` sees every applied move of
// the batch before the next batch is evaluated, in chunks of kWakeChunk, on any thread and while
// later moves of the batch are being committed (so it must not depend on the labels of vertices
// that move in the same batch); with kWakes false there is none. If `moved` is given, every
// vertex whose move is applied is appended to it in commit order. Returns the summed gain of
// applied moves, their number and the sum of the tallies.
struct BatchesResult {
  double gain = 0.0;
  std::size_t moves = 0;
  std::size_t tally = 0;
};

template <bool kWakes, class Propose, class Admit, class Wake>
BatchesResult run_batches(const Level& lv, const Schedule& sched, Communities& cs,
                          ScratchSet& scratch, Propose propose, Admit admit, Wake wake,
                          std::vector<VertexId>* moved = nullptr) {
  BatchesResult result;
  std::size_t largest = 0;
  for (std::size_t b = 0; b + 1 < sched.start.size(); ++b)
    largest = std::max(largest, sched.start[b + 1] - sched.start[b]);
  // Block j of a batch (kGrain vertices of the schedule) writes its proposed moves from
  // moves[j * kGrain] on, without a branch, and their number to counts[j]. The commit then reads
  // only the moves, packed: with two threads, every line the other core wrote is a slow read.
  std::vector<Move> moves(largest);
  std::vector<std::size_t> counts(largest / kGrain + 1);
  std::vector<std::size_t> tallies(largest / kGrain + 1);
  std::vector<Committed> committed(kWakes ? largest : 0);
  static const bool prefetchw = cpu_has_prefetchw();
  for (std::size_t b = 0; b + 1 < sched.start.size(); ++b) {
    const std::size_t first = sched.start[b];
    const std::size_t last = sched.start[b + 1];
    const std::size_t blocks = (last - first + kGrain - 1) / kGrain;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& r) {
      WeightSums& sums = scratch.local();
      for (auto j = r.begin(); j != r.end(); ++j) {
        Move* const out = moves.data() + j * kGrain;
        std::size_t count = 0;
        std::size_t tally = 0;
        for (std::size_t i = first + j * kGrain, end = std::min(last, i + kGrain); i < end; ++i) {
          const VertexId v = sched.order[i];
          double gain = 0.0;
          const VertexId to = propose(v, sums, gain, tally);
          out[count] = {v, to, gain};
          count += static_cast<std::size_t>(to != kNone);
        }
        counts[j] = count;
        tallies[j] = tally;
      }
    });
    std::size_t count = 0;
    for (std::size_t j = 0; j < blocks; ++j) {
      if (count != j * kGrain)  // packs down; never onto itself
        std::copy_n(moves.data() + j * kGrain, counts[j], moves.data() + count);
      count += counts[j];
      result.tally += tallies[j];
    }
    // The committing thread publishes how many moves are committed; wakers claim chunks in
    // order and wait for theirs (the committing thread itself joins once done).
    std::atomic<std::size_t> published{0};
    std::atomic<bool> done{false};
    std::atomic<std::size_t> next_chunk{0};
    const auto wake_chunks = [&] {
      for (;;) {
        const std::size_t begin = next_chunk.fetch_add(1, std::memory_order_relaxed) * kWakeChunk;
        std::size_t end = begin + kWakeChunk;
        for (int spins = 0;; ++spins) {
          const bool finished = done.load(std::memory_order_acquire);
          const std::size_t ready = published.load(std::memory_order_acquire);
          if (ready >= end) break;
          if (finished) {
            end = ready;
            break;
          }
          if (spins > 64) std::this_thread::yield();
        }
        if (begin >= end) return;
        wake(std::span<const Committed>(committed.data() + begin, end - begin));
      }
    };
    tbb::task_group wakers;
    // Without wakes, another thread still waits here for the commit to end, spinning: else it
    // falls asleep and the next batch starts on one thread until it wakes (a parallel_for after a
    // sequential stretch of 50 us or more took 21-35 us on 2 threads here, 12-15 us with the
    // other thread kept spinning).
    if (kWakes ? count > kWakeChunk : count > 0) wakers.run(wake_chunks);
    // Commits with the community sums they touch fetched a few moves ahead (and the label and
    // node weight that locate and change them, twice as far ahead), for writing where they are
    // written: the other core read them while evaluating, so a plain fetch would leave each
    // store to wait for that core to drop its copy.
    std::size_t applied = 0;
    for (std::size_t j = 0; j < count; ++j) {
      if (j + 2 * kCommitAhead < count) {
        prefetch_for_write(cs.label.data() + moves[j + 2 * kCommitAhead].v, prefetchw);
        __builtin_prefetch(lv.x.data() + moves[j + 2 * kCommitAhead].v);
      }
      if (j + kCommitAhead < count) {
        const Move& ahead = moves[j + kCommitAhead];
        prefetch_for_write(cs.size.data() + ahead.to, prefetchw);
        prefetch_for_write(cs.total.data() + ahead.to, prefetchw);
        prefetch_for_write(cs.size.data() + cs.label[ahead.v], prefetchw);
        prefetch_for_write(cs.total.data() + cs.label[ahead.v], prefetchw);
      }
      const auto [v, to, gain] = moves[j];
      if (cs.size[to] == 0 || !admit(v)) continue;
      const VertexId from = cs.label[v];
      cs.total[from] -= lv.x[v];
      cs.total[to] += lv.x[v];
      --cs.size[from];
      ++cs.size[to];
      std::atomic_ref<VertexId>(cs.label[v]).store(to, std::memory_order_relaxed);  // wakers read
      result.gain += gain;
      if (moved != nullptr) moved->push_back(v);
      if constexpr (kWakes) {
        committed[applied] = {v, from};
        if (++applied % kWakeChunk == 0) published.store(applied, std::memory_order_release);
      } else {
        ++applied;
      }
    }
    result.moves += applied;
    if constexpr (kWakes) published.store(applied, std::memory_order_release);
    done.store(true, std::memory_order_release);
    if constexpr (kWakes) wake_chunks();
    wakers.wait();
  }
  return result;
}

struct MoveResult {
  std::size_t moves = 0;
  double gain = 0.0;       // summed gains of the moves, relative to norm
  double last_gain = 0.0;  // of the last sweep, relative to norm
  int passes = 0;
};

// What local moving knows of a vertex since it last read its row: a lower bound of its weight to
// its own community and a bound over its whole row (its weight plus the float error of summing
// it). While 2 * inside - row > the vertex's penalty for staying, more than half of its weight
// is at home and no other community can score above staying: it is passed over when woken.
struct HomeBound {
  double inside;
  double row;
};

// More than half of the row's weight is at home: the bound may pass the vertex over (with a
// penalty for staying of 0), so it is worth keeping.
bool settled(double inside, double row) { return 2.0 * inside > row; }

// Flags of a vertex in local moving: woken (to be evaluated) and armed (its bound may pass it
// over, so the wake keeps the bound up to date).
constexpr std::uint8_t kWoken = 1;
constexpr std::uint8_t kArmed = 2;

// Per-vertex state of local moving, sized for the base graph once.
struct MoveScratch {
  ScratchBuffer<std::uint8_t> active;
  ScratchBuffer<HomeBound> home;
  void reserve(std::size_t n) {
    active.reserve(n);
    home.reserve(n);
  }
};

// A bound that never passes a vertex over.
constexpr HomeBound kNoBound{-std::numeric_limits<double>::infinity(), 0.0};

// HomeBound::row for a row of k arcs weighing `sum`: the sum plus an allowance for summing its
// float terms in any order (each sum errs by at most k * 2^-24 of the row; 8 times that leaves
// room for the other roundings of the bound).
double row_bound(double sum, EdgeIndex k) {
  return sum * (1.0 + 8.0 * static_cast<double>(k) * 0x1p-24 + 1e-12);
}

// w if `keep`, else 0, by masking its bits: GCC turns a select (or a product by 0 or 1) into a
// branch, and whether an arc stays inside is a coin flip.
float weight_if(float w, bool keep) {
  return std::bit_cast<float>(std::bit_cast<std::uint32_t>(w) &
                              (0U - static_cast<std::uint32_t>(keep)));
}

// Bounds of every vertex of the base level: none (label null), or for the communities `label`
// from one light read of every row (no sums per community), worth it where most vertices are
// settled. row_weights: the weight of every row.
void base_home_bounds(const Level& lv, const std::vector<double>& row_weights,
                      const VertexId* label, HomeBound* home) {
  const EdgeIndex prefetch_end = lv.end[lv.n - 1];
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, lv.n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      const EdgeIndex first = lv.begin[v];
      const EdgeIndex last = lv.end[v];
      double inside = kNoBound.inside;
      if (label != nullptr) {
        const VertexId own = label[v];
        double in0 = 0.0, in1 = 0.0;
        EdgeIndex a = first;
        for (; a + 2 <= last; a += 2) {
          if (a + kPrefetch + 1 < prefetch_end) {  // into the next rows too
            __builtin_prefetch(label + lv.targets[a + kPrefetch]);
            __builtin_prefetch(label + lv.targets[a + kPrefetch + 1]);
          }
          in0 += weight_if(weight(lv, a), label[lv.targets[a]] == own);
          in1 += weight_if(weight(lv, a + 1), label[lv.targets[a + 1]] == own);
        }
        if (a < last) in0 += weight_if(weight(lv, a), label[lv.targets[a]] == own);
        inside = in0 + in1;
      }
      home[v] = {inside, row_bound(row_weights[v], last - first)};
    }
  });
}

// Local moving: sweeps over the vertices whose neighbourhood changed (all at first) until a sweep
// gains at most tol * norm or max_passes sweeps ran.
//
// Bounds (HomeBound) let woken vertices be passed over, but keeping them costs the wake a read
// per arc, which early sweeps, where many vertices move and few are settled, do not repay. So
// bounds are kept from the start only if given (`bounded`: state.home holds one per vertex;
// otherwise kNoBound everywhere), else from the sweep after one whose settled vertices held at
// least an eighth as many arcs as its moved vertices (a skipped arc saves about three times what
// keeping bounds costs per moved arc; 8 rather than 2 or 3 turns them on a sweep earlier on
// weighted dcppm level 1: 2 % fewer instructions and cache misses). Bounds never change the
// partition, only which rows are read.
//
// A sweep that evaluates every vertex without bounds (the first, unless bounds are given) is
// quiet: it wakes nobody while it runs, and afterwards either every vertex, where its moved
// vertices hold at least 1 / kWakeAllShare of the arcs (then nearly every vertex has a moved
// neighbour), or the neighbours its moves would have woken. That spares the early sweeps, which
// move most vertices, a random store per moved arc and the hand-over of moves to the wakers:
// unweighted dcppm 1e6 sweeps 0-2 and sbm 1e4 sweeps 0-1 wake nobody.
MoveResult move_nodes(const Level& lv, const Schedule& sched, Communities& cs, double tol,
                      double norm, int max_passes, bool bounded, ScratchSet& scratch,
                      MoveScratch& state) {
  const VertexId n = lv.n;
  std::uint8_t* const active = state.active.data();
  HomeBound* const home = state.home.data();
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v)
      active[v] = settled(home[v].inside, home[v].row) ? kWoken | kArmed : kWoken;
  });
  std::size_t moves = 0;
  std::atomic<std::size_t> moved_arcs{0};  // in this sweep
  // Gathers the weight to each neighbouring community in the thread's WeightSums, then scores
  // the touched communities while draining it.
  const auto propose = [&](VertexId v, WeightSums& sums, double& best_gain, std::size_t& tally) {
    if ((active[v] & kWoken) == 0) return kNone;
    active[v] &= kArmed;
    const VertexId own = cs.label[v];
    const double xv = lv.x[v];
    const double penalty = lv.scale * xv;
    const double hold = penalty * (cs.total[own] - xv);
    // Evaluating v would keep it where it is (see HomeBound): its row is not read. Without
    // bounds every bound is kNoBound, so they are not even read.
    if (bounded && 2.0 * home[v].inside - home[v].row > std::max(hold, 0.0)) return kNone;
    const EdgeIndex first = lv.begin[v];
    const EdgeIndex last = lv.end[v];
    sums.start(last - first, n);
    const VertexId* const label = cs.label.data();
    const VertexId* const targets = lv.targets;
    const EdgeIndex prefetch_end = lv.end[n - 1];
    const double* const totals = cs.total.data();
    gather_arcs<false>(sums, lv, first, last, [&](EdgeIndex i) {
      if (i + kPrefetch < prefetch_end) __builtin_prefetch(label + targets[i + kPrefetch]);
      const VertexId c = label[targets[i]];
      __builtin_prefetch(totals + c);  // read when the candidates are scored
      return c;
    });
    const double inside = sums.get(own);
    const double stay = inside - hold;
    double best_score = stay;
    VertexId best = kNone;
    double row = 0.0;  // the row's weight, summed per community
    sums.drain([&](VertexId c, double w) {
      row += w;
      // score <= w (totals are >= 0), so a candidate with w < best_score can neither win nor
      // tie: skipping it saves the random read of its total.
      if (c == own || w < best_score) return;
      const double score = w - penalty * cs.total[c];
      if (score > best_score || (score == best_score && best != kNone && c < best)) {
        best_score = score;
        best = c;
      }
    });
    best_gain = best_score - stay;
    const HomeBound bound{inside, row_bound(row, last - first)};
    const bool at_home = settled(bound.inside, bound.row);
    if (bounded) {
      home[v] = bound;
      active[v] = at_home ? kArmed : 0;  // the wake keeps armed bounds up to date
    } else {
      tally += at_home ? last - first : 0;
    }
    return best;
  };
  const auto admit = [](VertexId) { return true; };
  // Moved vertices wake their neighbours before the next batch; only the woken bit changes
  // meanwhile, so racing stores of `was | kWoken` give the same flags in any order. A neighbour
  // left behind in the community the vertex left loses that arc's weight from its bound
  // (atomically: two moved vertices may share it; the order only changes the last bits, which the
  // error allowance covers), unless its bound already cannot pass it over. The moved vertices'
  // own bounds are dropped there too, not in the commit; a racing wake may set the armed bit of a
  // dropped bound again, which is harmless (-inf neither passes over nor is kept). So a neighbour
  // that moves in the same batch ends with a dropped bound whether its label is read before or
  // after its own commit. Where a batch's moves wake every vertex several times over (the mean
  // degree is more than kRepeatedWakes times the number of batches), the flag is read first and
  // stored only if not yet set: repeated stores of the same lines by two threads made the wake of
  // sbm 1e4 (degree 200, 16 batches) slower on two threads than on one (4.5 ms against 3.7;
  // 2.1 ms reading first). Where wakes are sparse (dcppm: degree 20-60, 16-48 batches), the
  // extra read costs more than the stores.
  const bool read_first = lv.arcs > kRepeatedWakes * n * (sched.start.size() - 1);
  const auto wake = [&](std::span<const Committed> chunk) {
    std::size_t arcs = 0;  // only counted without bounds, where it decides when to keep them
    for (const auto [u, left] : chunk) {
      if (!bounded) {
        arcs += lv.end[u] - lv.begin[u];
        for (EdgeIndex a = lv.begin[u], last = lv.end[u]; a < last; ++a) {
          std::atomic_ref<std::uint8_t> flags(active[lv.targets[a]]);
          if (!read_first || (flags.load(std::memory_order_relaxed) & kWoken) == 0)
            flags.store(kWoken, std::memory_order_relaxed);
        }
        continue;
      }
      std::atomic_ref<double>(home[u].inside).store(kNoBound.inside, std::memory_order_relaxed);
      std::atomic_ref<std::uint8_t>(active[u]).fetch_and(kWoken, std::memory_order_relaxed);
      for (EdgeIndex a = lv.begin[u], last = lv.end[u]; a < last; ++a) {
        const VertexId t = lv.targets[a];
        std::atomic_ref<std::uint8_t> flags(active[t]);
        const std::uint8_t was = flags.load(std::memory_order_relaxed);
        if (!read_first || (was & kWoken) == 0)
          flags.store(was | kWoken, std::memory_order_relaxed);
        if ((was & kArmed) == 0 ||
            std::atomic_ref<VertexId>(cs.label[t]).load(std::memory_order_relaxed) != left)
          continue;
        std::atomic_ref<double> inside(home[t].inside);
        if (settled(inside.load(std::memory_order_relaxed), home[t].row))
          inside.fetch_sub(lv.weights[a], std::memory_order_relaxed);
      }
    }
    if (!bounded) moved_arcs.fetch_add(arcs, std::memory_order_relaxed);
  };
  // After a quiet sweep (see below), wakes the neighbours that its moves would have woken during
  // it: those evaluated before the move or in its batch (the others saw the move).
  const auto wake_after = [&](const std::vector<VertexId>& moved) {
    const std::uint8_t* const batch = sched.batch.data();
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, moved.size(), kWakeChunk), [&](const auto& r) {
          for (auto i = r.begin(); i != r.end(); ++i) {
            const VertexId u = moved[i];
            for (EdgeIndex a = lv.begin[u], last = lv.end[u]; a < last; ++a) {
              const VertexId t = lv.targets[a];
              if (batch[t] <= batch[u])
                std::atomic_ref<std::uint8_t>(active[t]).store(kWoken, std::memory_order_relaxed);
            }
          }
        });
  };
  double level_gain = 0.0;
  double last_gain = 0.0;
  int pass = 0;
  bool all_woken = true;          // every vertex is evaluated in this sweep
  std::vector<VertexId> applied;  // vertices moved by a quiet sweep
  while (pass < max_passes) {
    moved_arcs.store(0, std::memory_order_relaxed);
    const bool quiet = all_woken && !bounded;
    BatchesResult swept;
    if (quiet) {
      applied.clear();
      applied.reserve(n);
      swept = run_batches<false>(lv, sched, cs, scratch, propose, admit, wake, &applied);
      moved_arcs.store(tbb::parallel_reduce(
          tbb::blocked_range<std::size_t>(0, applied.size(), 4096), EdgeIndex{0},
          [&](const auto& r, EdgeIndex sum) {
            for (auto i = r.begin(); i != r.end(); ++i)
              sum += lv.end[applied[i]] - lv.begin[applied[i]];
            return sum;
          },
          std::plus<>()));
    } else {
      swept = run_batches<true>(lv, sched, cs, scratch, propose, admit, wake);
    }
    moves += swept.moves;
    level_gain += swept.gain;
    last_gain = swept.gain;
    ++pass;
    if (swept.gain <= tol * norm) break;
    all_woken = quiet && kWakeAllShare * moved_arcs.load(std::memory_order_relaxed) >= lv.arcs;
    if (all_woken) {
      tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
        std::fill(active + r.begin(), active + r.end(), kWoken);
      });
    } else if (quiet) {
      wake_after(applied);
    }
    // No bound was written so far, so none is stale.
    bounded = bounded || 8 * swept.tally >= moved_arcs.load(std::memory_order_relaxed);
  }
  return {moves, level_gain / norm, last_gain / norm, pass};
}

// Leiden refinement: one sweep in which every vertex still alone in its refined community may
// join a refined community inside its own community, provided the vertex is well connected to
// its community: among those it would gain by joining, the one it has the heaviest link to, the
// larger on a tie (then the smaller id). The largest gain would pick the smallest of equally
// linked pieces (the penalty grows with size), which on unweighted graphs leaves pieces of ~2
// vertices and coarser levels nearly as large as the input (unweighted dcppm 1e5: 43k vertices
// and 1.72M arcs at level 1, 6k and 0.59M with the larger piece; ~20 % of the run, the same
// quality). Only singletons move and targets are never empty at commit, so every refined
// community stays connected. Returns the refined labels.
std::vector<VertexId> refine(const Level& lv, const Schedule& sched, const Communities& parent,
                             ScratchSet& scratch) {
  const VertexId n = lv.n;
  Communities rs;  // every vertex alone
  rs.label.resize(n);
  rs.total.resize(n);
  rs.size.resize(n);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      rs.label[v] = v;
      rs.total[v] = lv.x[v];
      rs.size[v] = 1;
    }
  });
  const double* const piece_total = rs.total.data();
  const EdgeIndex prefetch_end = lv.end[n - 1];  // rows are prefetched into the next ones

  const auto propose = [&](VertexId v, WeightSums& sums, double& best_gain, std::size_t&) {
    if (rs.size[rs.label[v]] != 1) return kNone;
    const VertexId home = parent.label[v];
    if (parent.size[home] == 1) return kNone;  // alone in its community: nothing to join
    const EdgeIndex first = lv.begin[v];
    const EdgeIndex last = lv.end[v];
    const VertexId* const targets = lv.targets;
    const VertexId* const home_of = parent.label.data();
    const VertexId* const piece_of = rs.label.data();
    sums.start(last - first, n);
    gather_arcs<true>(sums, lv, first, last, [&](EdgeIndex i) {
      if (i + kPrefetch < prefetch_end) {
        __builtin_prefetch(home_of + targets[i + kPrefetch]);
        __builtin_prefetch(piece_of + targets[i + kPrefetch]);
      }
      const VertexId u = targets[i];
      if (home_of[u] != home) return kNone;
      __builtin_prefetch(piece_total + piece_of[u]);  // read when the candidates are scored
      return piece_of[u];
    });
    const double xv = lv.x[v];
    const double penalty = lv.scale * xv;
    const bool well_connected = sums.total() >= penalty * (parent.total[home] - xv);
    VertexId best = kNone;
    double best_w = 0.0;
    double best_total = 0.0;
    double best_score = 0.0;
    sums.drain([&](VertexId c, double w) {
      if (!well_connected || w < best_w) return;
      const double total = rs.total[c];
      const double score = w - penalty * total;
      if (score <= 0.0) return;  // joining must gain
      // Here w >= best_w: a heavier link wins, an equal one goes to the larger piece.
      if (best == kNone || w > best_w || total > best_total || (total == best_total && c < best)) {
        best_w = w;
        best_total = total;
        best_score = score;
        best = c;
      }
    });
    best_gain = best_score;
    return best;
  };
  // A vertex joined earlier in this batch is no longer a singleton and must stay.
  const auto admit = [&](VertexId v) { return rs.size[rs.label[v]] == 1; };
  run_batches<false>(lv, sched, rs, scratch, propose, admit, [](std::span<const Committed>) {});
  return std::move(rs.label);
}

// Vertices grouped by key_of(v) in [0, k) by a counting sort: group g is members[start[g],
// start[g + 1]) in vertex order. Vertices whose key is kNone are left out.
struct Groups {
  std::vector<VertexId> start;  // k + 1 entries
  std::vector<VertexId> members;
};

template <class KeyOf>
Groups group_vertices(VertexId n, std::size_t k, KeyOf key_of) {
  Groups g;
  g.start.assign(k + 1, 0);
  for (VertexId v = 0; v < n; ++v)
    if (const VertexId c = key_of(v); c != kNone) ++g.start[c + 1];
  std::partial_sum(g.start.begin(), g.start.end(), g.start.begin());
  g.members.resize(g.start[k]);
  std::vector<VertexId> fill(g.start.begin(), g.start.end() - 1);
  for (VertexId v = 0; v < n; ++v)
    if (const VertexId c = key_of(v); c != kNone) g.members[fill[c]++] = v;
  return g;
}

// Collapses each of the k communities of `label` (compacted) into one vertex. Members are
// grouped by a counting sort; each row gets room for its members' total degree and is filled in
// place, so no sort and no second buffer. Arcs inside a community vanish (their weight stays in
// x). Arcs between communities are copied relabelled, in member order, and then merged (one arc
// per target, summed in the thread's WeightSums) if that is worth it: merging costs a hash pass
// over the arcs, and a duplicate costs every later read of its row, which every reader sums per
// target anyway. So the rows of every kSampleStride-th community are merged first, and the others
// only if those shrank by at least min_shrink (LeidenConfig::min_merge_shrink). Deterministic
// either way.
Level aggregate(const Level& lv, std::span<const VertexId> label, VertexId k, double min_shrink,
                ScratchSet& scratch, ArcBuffers& buffers, int slot) {
  const VertexId n = lv.n;
  const Groups groups = group_vertices(n, k, [&](VertexId v) { return label[v]; });
  const std::vector<VertexId>& member_start = groups.start;
  const std::vector<VertexId>& members = groups.members;
  Level next;
  next.n = k;
  next.scale = lv.scale;
  next.x.resize(k);
  next.owned_begin.resize(static_cast<std::size_t>(k) + 1);
  next.owned_end.resize(k);
  std::vector<EdgeIndex>& room = next.owned_begin;
  room[0] = 0;
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, k, 1024), [&](const auto& r) {
    for (auto c = r.begin(); c != r.end(); ++c) {
      EdgeIndex d = 0;
      double x = 0.0;
      for (VertexId i = member_start[c]; i < member_start[c + 1]; ++i) {
        d += lv.end[members[i]] - lv.begin[members[i]];
        x += lv.x[members[i]];
      }
      room[c + 1] = d;
      next.x[c] = x;
    }
  });
  std::partial_sum(room.begin(), room.end(), room.begin());
  buffers.targets[slot].reserve(room[k]);
  buffers.weights[slot].reserve(room[k]);
  VertexId* const targets = buffers.targets[slot].data();
  float* const weights = buffers.weights[slot].data();
  // Builds row c; returns the number of arcs leaving c.
  const auto build_row = [&](VertexId c, bool merge, WeightSums& sums) {
    if (merge) sums.start(room[c + 1] - room[c], k);
    EdgeIndex pos = room[c];
    // Members are scattered, so their rows are fetched ahead in a pipeline: the row bounds
    // three members ahead, the arcs two ahead, the targets' labels one ahead.
    for (VertexId i = member_start[c]; i < member_start[c + 1]; ++i) {
      if (i + 3 < n) __builtin_prefetch(lv.begin + members[i + 3]);
      if (i + 2 < n) {
        const VertexId ahead = members[i + 2];
        for (EdgeIndex a = lv.begin[ahead], last = lv.end[ahead]; a < last; a += 16) {
          __builtin_prefetch(lv.targets + a);
          if (!lv.unit) __builtin_prefetch(lv.weights + a);
        }
      }
      if (i + 1 < n) {
        const VertexId ahead = members[i + 1];
        for (EdgeIndex a = lv.begin[ahead], last = lv.end[ahead]; a < last; ++a)
          __builtin_prefetch(label.data() + lv.targets[a]);
      }
      const VertexId v = members[i];
      // Written either way (branch-free); the next arc overwrites an inside one.
      for (EdgeIndex a = lv.begin[v], last = lv.end[v]; a < last; ++a) {
        const VertexId d = label[lv.targets[a]];
        targets[pos] = d;
        weights[pos] = weight(lv, a);
        pos += static_cast<EdgeIndex>(d != c);
      }
    }
    const EdgeIndex leaving = pos - room[c];
    if (merge) {
      sums.gather<false>(room[c], pos, weights, [&](EdgeIndex a) { return targets[a]; });
      pos = room[c];
      sums.drain([&](VertexId d, double w) {
        targets[pos] = d;
        weights[pos++] = static_cast<float>(w);
      });
    }
    next.owned_end[c] = pos;
    return leaving;
  };
  // The sample: every kSampleStride-th community, merged.
  const VertexId sampled = (k + kSampleStride - 1) / kSampleStride;
  const auto [sample_leaving, sample_merged] = tbb::parallel_deterministic_reduce(
      tbb::blocked_range<VertexId>(0, sampled, 1), std::pair<EdgeIndex, EdgeIndex>{0, 0},
      [&](const auto& r, std::pair<EdgeIndex, EdgeIndex> sum) {
        WeightSums& sums = scratch.local();
        for (auto s = r.begin(); s != r.end(); ++s) {
          const VertexId c = s * kSampleStride;
          sum.first += build_row(c, true, sums);
          sum.second += next.owned_end[c] - room[c];
        }
        return sum;
      },
      [](const auto& a, const auto& b) {
        return std::pair{a.first + b.first, a.second + b.second};
      });
  const bool merge = static_cast<double>(sample_merged) <=
                     (1.0 - min_shrink) * static_cast<double>(sample_leaving);
  // Grain 1: group sizes are skewed (sbm 1e4: 24 groups of ~400 vertices among 344), and
  // coarser grains left one thread with most of the big ones.
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, k, 1), [&](const auto& r) {
    WeightSums& sums = scratch.local();
    for (auto c = r.begin(); c != r.end(); ++c)
      if (c % kSampleStride != 0) build_row(c, merge, sums);
  });
  next.begin = next.owned_begin.data();
  next.end = next.owned_end.data();
  for (VertexId c = 0; c < k; ++c) next.arcs += next.owned_end[c] - room[c];
  next.targets = targets;
  next.weights = weights;
  return next;
}

// Renumbers labels (all < labels.size()) to 0..k-1 in increasing order of the old label, in
// parallel (compact_labels numbers by first appearance, which is sequential).
Partition compact_in_parallel(std::vector<VertexId> labels) {
  const std::size_t n = labels.size();
  std::vector<VertexId> id(n + 1, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      // Read first: most labels are seen many times, and a store would take the line from the
      // other core every time.
      std::atomic_ref<VertexId> seen(id[labels[v]]);
      if (seen.load(std::memory_order_relaxed) == 0) seen.store(1, std::memory_order_relaxed);
    }
  });
  std::exclusive_scan(id.begin(), id.end(), id.begin(), VertexId{0});
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) labels[v] = id[labels[v]];
  });
  Partition p;
  p.num_clusters = id[n];
  p.labels = std::move(labels);
  return p;
}

// One Leiden iteration: levels of local moving, refinement and aggregation starting from
// `labels` (a community per vertex of base, < n). Returns the new community of every vertex.
std::vector<VertexId> iterate(const Level& base, std::vector<VertexId> labels,
                              const LeidenConfig& cfg, int iteration, double edge_weight,
                              const std::vector<double>& row_weights, ScratchSet& scratch,
                              ArcBuffers& arcs, MoveScratch& state) {
  const VertexId n = base.n;
  std::vector<VertexId> node_of(n);  // vertex of base -> vertex of the current level
  std::iota(node_of.begin(), node_of.end(), VertexId{0});
  const Level* lv = &base;
  Level aggregated;
  std::vector<VertexId> start = std::move(labels);  // initial community of each level vertex
  double tol = cfg.tolerance;
  const std::uint64_t seed = splitmix64(cfg.seed + static_cast<std::uint64_t>(iteration));
  const int max_levels =
      iteration == 0 ? cfg.max_levels : std::min(cfg.max_levels, cfg.later_levels);
  for (int level = 0; level < max_levels; ++level) {
    const VertexId level_n = lv->n;
    const Schedule sched = make_schedule(level_n, seed, level);
    // A later iteration starts from the previous one's communities, where most vertices are
    // settled; on coarser levels bounds come from the first read of each row. From level 2 on,
    // the start (level 1's communities, refined) also leaves most vertices settled, so bounds are
    // kept from the first sweep (level 2 of weighted dcppm 1e5, seed 1: 3 ms instead of 5, same
    // partition); level 1 starts from level 0's tiny communities and moves most of its vertices
    // at first, where keeping bounds costs more than they save.
    const bool settled_start = (level == 0 && iteration > 0) || level >= 2;
    if (level == 0)
      base_home_bounds(*lv, row_weights, iteration > 0 ? start.data() : nullptr, state.home.data());
    else
      tbb::parallel_for(tbb::blocked_range<VertexId>(0, level_n, 4096), [&](const auto& r) {
        std::fill(state.home.data() + r.begin(), state.home.data() + r.end(), kNoBound);
      });
    Communities cs = make_communities(*lv, std::move(start));
    using Clock = std::chrono::steady_clock;
    const auto move_start = Clock::now();
    const MoveResult moved_nodes =
        move_nodes(*lv, sched, cs, tol, edge_weight, cfg.max_passes, settled_start, scratch, state);
    const auto refine_start = Clock::now();
    // The last level is not aggregated, so its refinement would be wasted. A later iteration
    // whose vertices all stay put has converged: its coarser levels could only shuffle the
    // same refined groups again (on sbm 1e4 they cost ~25% of the run and gain nothing).
    // A coarser level whose moves gained less than cfg.min_level_gain in all is the last: the
    // levels under it often merge whole communities for a sliver of quality, but on unweighted
    // dcppm graphs they are worth +0.01 modularity. So is a converged level (its last sweep
    // gained less) from level 2 on (on weighted dcppm the level below then gained < 3e-4 for
    // ~8 % of the run), but not level 1: it has only moved pieces of the base level's
    // communities, and may have converged with communities split that only a coarser level can
    // merge (weighted dcppm 1e5, seed 13: 614 communities and modularity 0.651 when level 1
    // ended the iteration, 98 and 0.676 when level 2 merged them).
    const bool last = level + 1 == max_levels ||
                      (iteration > 0 && level == 0 && moved_nodes.moves == 0) ||
                      (level > 0 && moved_nodes.gain < cfg.min_level_gain) ||
                      (level > 1 && moved_nodes.last_gain < cfg.min_level_gain);
    std::vector<VertexId> refined;
    if (cfg.refine && !last) refined = refine(*lv, sched, cs, scratch);
    const auto aggregate_start = Clock::now();
    const Partition moved = compact_in_parallel(std::move(cs.label));
    start = moved.labels;
    const auto report = [&](VertexId next_vertices) {
      if (!cfg.on_level) return;
      const LeidenLevelStats stats{
          iteration,
          level,
          level_n,
          lv->arcs,
          moved_nodes.passes,
          moved_nodes.moves,
          moved_nodes.gain,
          moved_nodes.last_gain,
          moved.num_clusters,
          next_vertices,
          std::chrono::duration<double>(refine_start - move_start).count(),
          std::chrono::duration<double>(aggregate_start - refine_start).count(),
          std::chrono::duration<double>(Clock::now() - aggregate_start).count()};
      cfg.on_level(stats);
    };
    if (last || moved.num_clusters == level_n) {
      report(0);
      break;
    }
    const Partition groups = cfg.refine ? compact_in_parallel(std::move(refined)) : moved;
    if (groups.num_clusters == level_n) {
      report(0);
      break;
    }
    // Leiden starts the next level from the unrefined communities, Louvain from singletons.
    std::vector<VertexId> next_start(groups.num_clusters);
    for (VertexId v = 0; v < level_n; ++v)
      next_start[groups.labels[v]] = cfg.refine ? moved.labels[v] : groups.labels[v];
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
      for (auto v = r.begin(); v != r.end(); ++v) node_of[v] = groups.labels[node_of[v]];
    });
    Level next = aggregate(*lv, groups.labels, groups.num_clusters, cfg.min_merge_shrink, scratch,
                           arcs, level % 2);
    report(groups.num_clusters);
    aggregated = std::move(next);
    lv = &aggregated;
    start = std::move(next_start);
    tol /= cfg.tolerance_drop;
  }
  std::vector<VertexId> result(n);
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) result[v] = start[node_of[v]];
  });
  return result;
}

// Pieces of the communities of `labels`: connected components of the arcs inside communities,
// by a concurrent union-find that always links the larger root under the smaller (as ECL-CC), so
// each piece ends up rooted at its smallest vertex whatever the order of the links. The rows are
// read as Afforest (Sutton et al. 2018) does: first only two arcs inside its community per
// vertex, which already joins almost all of a community into one piece; then whole rows, but only
// for the vertices outside their community's largest piece so far (an arc between that piece and
// another vertex is read from the other side). Pre: labels < n. Returns the root of every vertex.
std::vector<VertexId> community_pieces(const Level& base, const std::vector<VertexId>& labels) {
  const VertexId n = base.n;
  std::vector<VertexId> parent(n);
  std::iota(parent.begin(), parent.end(), VertexId{0});
  const auto load = [&](VertexId v) {
    return std::atomic_ref<VertexId>(parent[v]).load(std::memory_order_relaxed);
  };
  // Root of v with path splitting; parent[x] <= x always holds, so plain stores are safe.
  const auto find = [&](VertexId v) {
    VertexId p = load(v);
    if (p == v) return v;
    VertexId prev = v;
    for (VertexId next = load(p); p > next; next = load(p)) {
      std::atomic_ref<VertexId>(parent[prev]).store(next, std::memory_order_relaxed);
      prev = p;
      p = next;
    }
    return p;
  };
  const auto link = [&](VertexId u, VertexId v) {
    VertexId ru = find(u);
    VertexId rv = find(v);
    while (ru != rv) {
      VertexId& big = ru > rv ? ru : rv;
      const VertexId small = ru > rv ? rv : ru;
      VertexId expected = big;
      if (std::atomic_ref<VertexId>(parent[big])
              .compare_exchange_strong(expected, small, std::memory_order_relaxed))
        return;
      big = find(expected);  // big got linked meanwhile: retry from its new root
    }
  };
  const auto compress = [&] {
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
      for (auto v = r.begin(); v != r.end(); ++v)  // others may be reading parent[v]
        std::atomic_ref<VertexId>(parent[v]).store(find(v), std::memory_order_relaxed);
    });
  };
  constexpr int kSampledArcs = 2;
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      int sampled = 0;
      for (EdgeIndex a = base.begin[v], last = base.end[v]; a < last && sampled < kSampledArcs;
           ++a) {
        const VertexId u = base.targets[a];
        if (labels[u] != labels[v]) continue;
        link(u, v);
        ++sampled;
      }
    }
  });
  compress();
  // The largest piece of every community (ties: the smaller root; any choice is correct, this
  // one is cheap and deterministic).
  std::vector<VertexId> size(n, 0);
  for (VertexId v = 0; v < n; ++v) ++size[parent[v]];
  std::vector<VertexId> largest(n, kNone);  // per community label
  for (VertexId v = 0; v < n; ++v) {
    if (parent[v] != v) continue;
    VertexId& m = largest[labels[v]];
    if (m == kNone || size[v] > size[m]) m = v;
  }
  std::vector<std::uint8_t> settled(n);
  for (VertexId v = 0; v < n; ++v) settled[v] = parent[v] == largest[labels[v]];
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const auto& r) {
    for (auto v = r.begin(); v != r.end(); ++v) {
      if (settled[v] != 0) continue;
      for (EdgeIndex a = base.begin[v], last = base.end[v]; a < last; ++a) {
        const VertexId u = base.targets[a];
        if (labels[u] == labels[v]) link(u, v);
      }
    }
  });
  compress();
  return parent;
}

// Splits every community of `labels` into its connected pieces (community_pieces). Pieces other
// than the largest of their community (ties: the smaller root; usually a vertex or two cut off
// when a neighbour left in the last moves) then join, whole, the largest piece of a neighbouring
// community where that gains quality (weight to it - scale * x(piece) * x(main piece) > 0, ties
// to the smaller root), or stay a community of their own. A piece is connected and joins
// through an arc, and main pieces never move, so every community ends connected. All decisions
// read the state after the split, so the result does not depend on the thread count. Returns
// labels compacted in vertex order.
Partition split_disconnected(const Level& base, std::vector<VertexId> labels, ScratchSet& scratch) {
  const VertexId n = base.n;
  std::vector<VertexId> root = community_pieces(base, labels);
  std::vector<VertexId> size(n, 0);
  std::vector<double> piece_x(n, 0.0);  // per root; summed in vertex order (deterministic)
  for (VertexId v = 0; v < n; ++v) {
    ++size[root[v]];
    piece_x[root[v]] += base.x[v];
  }
  std::vector<VertexId> main_of(n, kNone);  // per community label: root of its largest piece
  for (VertexId v = 0; v < n; ++v) {
    if (root[v] != v) continue;
    VertexId& m = main_of[labels[v]];
    if (m == kNone || size[v] > size[m]) m = v;  // roots ascend, so ties keep the smaller
  }
  std::vector<VertexId> minor;  // roots of the pieces cut off their community's main piece
  for (VertexId v = 0; v < n; ++v)
    if (root[v] == v && main_of[labels[v]] != v) minor.push_back(v);
  if (!minor.empty()) {
    // Members of the minor pieces, grouped by piece in vertex order.
    std::vector<VertexId> minor_index(n, kNone);
    for (std::size_t i = 0; i < minor.size(); ++i) minor_index[minor[i]] = static_cast<VertexId>(i);
    const Groups groups =
        group_vertices(n, minor.size(), [&](VertexId v) { return minor_index[root[v]]; });
    const std::vector<VertexId>& member_start = groups.start;
    const std::vector<VertexId>& members = groups.members;
    std::vector<VertexId> joins(minor.size(), kNone);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, minor.size(), 1), [&](const auto& r) {
      WeightSums& sums = scratch.local();
      for (auto i = r.begin(); i != r.end(); ++i) {
        EdgeIndex arcs = 0;
        for (VertexId m = member_start[i]; m < member_start[i + 1]; ++m)
          arcs += base.end[members[m]] - base.begin[members[m]];
        sums.start(arcs, n);
        for (VertexId m = member_start[i]; m < member_start[i + 1]; ++m) {
          const VertexId v = members[m];
          sums.gather(base.begin[v], base.end[v], base.weights, [&](EdgeIndex e) {
            const VertexId u = base.targets[e];
            const VertexId to = root[u];
            return to == main_of[labels[u]] ? to : kNone;  // only main pieces take pieces
          });
        }
        const double penalty = base.scale * piece_x[minor[i]];
        double best_score = 0.0;
        VertexId best = kNone;
        sums.drain([&](VertexId to, double w) {
          const double score = w - penalty * piece_x[to];
          if (score > best_score || (score == best_score && best != kNone && to < best)) {
            best_score = score;
            best = to;
          }
        });
        joins[i] = best;
      }
    });
    for (std::size_t i = 0; i < minor.size(); ++i)
      if (joins[i] != kNone) size[minor[i]] = 0;  // marks the joined pieces for the loop below
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 4096), [&](const auto& r) {
      for (auto v = r.begin(); v != r.end(); ++v) {
        const VertexId i = minor_index[root[v]];
        if (i != kNone && joins[i] != kNone) root[v] = joins[i];
      }
    });
  }
  return compact_labels(std::move(root));
}

}  // namespace

Partition leiden(const CsrGraph& graph, const LeidenConfig& cfg) {
  LOCKSTEP_EXPECTS(std::isfinite(cfg.resolution) && cfg.resolution > 0.0, "resolution > 0");
  LOCKSTEP_EXPECTS(
      cfg.iterations >= 1 && cfg.max_levels >= 1 && cfg.later_levels >= 1 && cfg.max_passes >= 1,
      "iterations, max_levels, later_levels and max_passes >= 1");
  LOCKSTEP_EXPECTS(cfg.tolerance >= 0.0 && cfg.tolerance_drop >= 1.0 && cfg.min_level_gain >= 0.0 &&
                       cfg.min_merge_shrink >= 0.0,
                   "tolerance >= 0, tolerance_drop >= 1, min_level_gain >= 0 and "
                   "min_merge_shrink >= 0");
  const VertexId n = graph.num_vertices();
  Level base;
  base.n = n;
  base.arcs = graph.num_arcs();
  base.begin = graph.offsets().data();
  base.end = graph.offsets().data() + 1;
  base.targets = graph.targets().data();
  base.weights = graph.arc_weights().data();
  std::vector<double> strength(n);
  std::atomic<bool> weighted{false};  // some arc weighs other than 1
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const auto& r) {
    bool other = false;
    for (auto v = r.begin(); v != r.end(); ++v) {
      strength[v] = graph.strength(v);
      for (const float w : graph.weights(v)) other |= w != 1.0F;
    }
    if (other) weighted.store(true, std::memory_order_relaxed);
  });
  base.unit = !weighted.load();
  const double arc_weight = tbb::parallel_deterministic_reduce(
      tbb::blocked_range<VertexId>(0, n, 1024), 0.0,
      [&](const auto& r, double sum) {
        for (auto v = r.begin(); v != r.end(); ++v) sum += strength[v];
        return sum;
      },
      std::plus<>());
  if (cfg.quality == Quality::modularity)
    base.x = strength;
  else
    base.x.assign(n, 1.0);
  std::vector<VertexId> labels(n);
  std::iota(labels.begin(), labels.end(), VertexId{0});
  if (arc_weight == 0.0) return compact_labels(std::move(labels));
  base.scale = cfg.quality == Quality::modularity ? cfg.resolution / arc_weight : cfg.resolution;
  ScratchSet scratch;
  ArcBuffers arcs;
  MoveScratch state;
  state.reserve(n);
  for (int it = 0; it < cfg.iterations; ++it)
    labels =
        iterate(base, std::move(labels), cfg, it, arc_weight / 2.0, strength, scratch, arcs, state);
  if (!cfg.refine) return compact_labels(std::move(labels));
  // The last local-moving phase may cut a community in two (a bridge vertex leaves); splitting
  // it into its connected parts only raises the quality.
  return split_disconnected(base, std::move(labels), scratch);
}

}  // namespace lockstep::algo
