// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace lockstep::algo {

struct MinHashConfig {
  std::uint32_t num_hashes = 64;  // signature length (one-permutation hashing bins)
  std::uint32_t bands = 16;       // LSH bands; rows per band = num_hashes / bands
  double threshold = 0.6;         // verified Jaccard similarity that joins two documents
  std::uint64_t seed = 42;
};

/// Documents as sets of 64-bit token hashes in CSR form: document d owns
/// tokens[offsets[d], offsets[d + 1]), sorted and unique.
struct TokenSets {
  std::span<const std::uint64_t> offsets;  // num_docs + 1
  std::span<const std::uint64_t> tokens;
  std::size_t num_docs() const noexcept { return offsets.empty() ? 0 : offsets.size() - 1; }
};

struct NearDuplicateGroups {
  std::vector<std::uint32_t> group;  // per document; documents without a near duplicate are alone
  std::uint32_t num_groups = 0;
  std::uint64_t candidate_pairs = 0;  // pairs compared exactly
  std::uint64_t joined_pairs = 0;     // verified pairs (Jaccard >= threshold) that joined groups
};

/// Exact Jaccard similarity of two sorted unique sets. O(|a| + |b|).
double jaccard(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);

/// Groups near-duplicate documents: MinHash signatures by one-permutation hashing with
/// rotation densification (Shrivastava 2017), LSH banding (Indyk & Motwani 1998) for
/// candidates, every candidate verified by exact Jaccard >= threshold, groups = connected
/// components of verified pairs. Within an LSH bucket each document is compared with the
/// bucket's first document and with its predecessor, never with all pairs, so work stays
/// O(docs * bands) however large a bucket grows. Empty documents stay alone.
/// Pre: bands divides num_hashes. Deterministic at any thread count (groups numbered by
/// smallest document). Cost: O(tokens + docs * bands log docs), oneTBB-parallel.
NearDuplicateGroups near_duplicate_groups(const TokenSets& docs, const MinHashConfig& cfg);

}  // namespace lockstep::algo
