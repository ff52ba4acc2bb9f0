// SPDX-License-Identifier: Apache-2.0
#include "algorithms/similarity/minhash.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <numeric>

#include "algorithms/base/error.hpp"
#include "algorithms/parallel/random.hpp"

namespace lockstep::algo {
namespace {

constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

/// Signature of one set: bin = high bits of the mixed token, value = the rest; min per bin.
/// Empty bins borrow from the next non-empty bin (circularly), offset by the distance, so two
/// sets agree on a bin with probability close to their Jaccard similarity.
void signature(std::span<const std::uint64_t> tokens, std::uint64_t seed, std::uint32_t k,
               std::uint64_t* out) {
  std::fill(out, out + k, kEmpty);
  for (auto t : tokens) {
    const auto x = splitmix64(t ^ seed);
    const auto bin = static_cast<std::uint32_t>((x >> 32) % k);
    out[bin] = std::min<std::uint64_t>(out[bin], x & 0xFFFFFFFFULL);
  }
  if (tokens.empty()) return;
  for (std::uint32_t b = 0; b < k; ++b) {
    if (out[b] != kEmpty) continue;
    std::uint32_t step = 1;
    while (out[(b + step) % k] == kEmpty) ++step;
    out[b] = splitmix64(out[(b + step) % k] + step) | (std::uint64_t{1} << 63);  // borrowed
  }
}

std::uint32_t find(std::vector<std::uint32_t>& parent, std::uint32_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

double jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

NearDuplicateGroups near_duplicate_groups(const TokenSets& docs, const MinHashConfig& cfg) {
  LOCKSTEP_EXPECTS(cfg.num_hashes > 0 && cfg.bands > 0 && cfg.num_hashes % cfg.bands == 0,
                   "bands must divide num_hashes");
  const auto n = docs.num_docs();
  LOCKSTEP_EXPECTS(n < 0xFFFFFFFFULL, "too many documents");
  const std::uint32_t k = cfg.num_hashes, rows = cfg.num_hashes / cfg.bands;
  // Band keys of every document, in parallel; the signature itself lives in a per-thread
  // buffer (docs x bands keys in memory, not docs x num_hashes values).
  std::vector<std::uint64_t> band_key(n * cfg.bands, 0);
  auto doc = [&](std::size_t d) {
    return docs.tokens.subspan(docs.offsets[d], docs.offsets[d + 1] - docs.offsets[d]);
  };
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> buffers(k);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const auto& r) {
    auto& sig = buffers.local();
    for (auto d = r.begin(); d != r.end(); ++d) {
      signature(doc(d), cfg.seed, k, sig.data());
      for (std::uint32_t band = 0; band < cfg.bands; ++band) {
        std::uint64_t h = splitmix64(cfg.seed + band);
        for (std::uint32_t row = 0; row < rows; ++row) h = splitmix64(h ^ sig[band * rows + row]);
        band_key[d * cfg.bands + band] = h;
      }
    }
  });

  // Bands in order; within a bucket each doc is compared with the bucket's first doc and its
  // predecessor, unless an earlier band already joined them. Verification runs in parallel
  // against the union-find of the previous bands (read-only); joins are applied in sorted
  // order after each band, so the groups do not depend on the thread count.
  struct Keyed {
    std::uint64_t key;
    std::uint32_t doc;
    bool operator<(const Keyed& o) const { return key != o.key ? key < o.key : doc < o.doc; }
  };
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0U);
  auto root = [&](std::uint32_t x) {  // no path compression: safe to call in parallel
    while (parent[x] != x) x = parent[x];
    return x;
  };
  std::vector<Keyed> keyed;
  NearDuplicateGroups out;
  for (std::uint32_t band = 0; band < cfg.bands; ++band) {
    keyed.clear();
    for (std::size_t d = 0; d < n; ++d)
      if (docs.offsets[d] != docs.offsets[d + 1])
        keyed.push_back({band_key[d * cfg.bands + band], static_cast<std::uint32_t>(d)});
    tbb::parallel_sort(keyed.begin(), keyed.end());
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < keyed.size(); ++i)
      if ((i == 0 || keyed[i].key != keyed[i - 1].key) &&
          (i + 1 < keyed.size() && keyed[i + 1].key == keyed[i].key))
        starts.push_back(i);  // buckets of two or more only
    struct Local {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
      std::uint64_t compared = 0;
    };
    tbb::enumerable_thread_specific<Local> local;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, starts.size(), 64), [&](const auto& r) {
      auto& l = local.local();
      auto compare = [&](std::uint32_t x, std::uint32_t y) {
        if (root(x) == root(y)) return;
        ++l.compared;
        if (jaccard(doc(x), doc(y)) >= cfg.threshold) l.pairs.emplace_back(x, y);
      };
      for (auto g = r.begin(); g != r.end(); ++g) {
        const auto b = starts[g];
        for (auto i = b + 1; i < keyed.size() && keyed[i].key == keyed[b].key; ++i) {
          compare(keyed[b].doc, keyed[i].doc);
          if (i - 1 > b) compare(keyed[i - 1].doc, keyed[i].doc);
        }
      }
    });
    std::vector<std::pair<std::uint32_t, std::uint32_t>> joined;
    for (auto& l : local) {
      out.candidate_pairs += l.compared;
      joined.insert(joined.end(), l.pairs.begin(), l.pairs.end());
    }
    std::sort(joined.begin(), joined.end());
    for (auto [a, b] : joined) {
      const auto ra = find(parent, a), rb = find(parent, b);
      if (ra == rb) continue;
      ++out.joined_pairs;
      parent[std::max(ra, rb)] = std::min(ra, rb);
    }
  }
  out.group.assign(n, 0);
  std::vector<std::uint32_t> label(n, 0xFFFFFFFFU);
  for (std::size_t d = 0; d < n; ++d) {
    const auto r = find(parent, static_cast<std::uint32_t>(d));
    if (label[r] == 0xFFFFFFFFU) label[r] = out.num_groups++;
    out.group[d] = label[r];
  }
  return out;
}

}  // namespace lockstep::algo
