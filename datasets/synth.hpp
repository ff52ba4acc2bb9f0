// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lockstep::datasets {

/// One share: account shared object at time (UTC s), as its own post content_id.
struct Share {
  std::string object_id;
  std::string account_id;
  std::string content_id;
  std::int64_t timestamp = 0;
};

/// Ground truth: which planted group (or "organic") each account belongs to.
struct TruthRow {
  std::string account_id;
  std::string group;  // "organic", or "<style>-<k>" for planted groups, e.g. "fast-ring-0"
  std::string style;  // "organic", "fast-ring", "slow-group"; decoys (group "organic"):
                      // "viral-crowd" (joined a viral burst), "news-bot" (very active account)
};

/// Parameters of the synthetic generator. Defaults make the bundled dataset (datasets/tiny/).
/// Scaling rule: num_accounts = 0 means num_shares / 12 and num_objects = 0 means
/// num_shares / 3 (each at least 100), so 60000 shares give 5000 accounts and 20000 objects.
/// Planted groups, viral objects and news bots keep their counts: they stay a small part.
struct SynthConfig {
  std::uint64_t seed = 42;
  std::uint64_t num_shares = 60000;      // approximate total rows: organic + decoys + planted
  std::uint32_t num_accounts = 0;        // organic accounts (0 = num_shares / 12)
  std::uint32_t num_objects = 0;         // organic objects, heavy-tailed (0 = num_shares / 3)
  std::int64_t start_time = 1646092800;  // 2022-03-01T00:00:00Z; >= 1288834975 (snowflake epoch)
  std::int64_t duration_s = 7 * 86400;
  std::uint32_t num_fast_rings = 4;  // share the same objects within 0-9 s, repeatedly
  std::uint32_t fast_ring_size = 12;
  std::uint32_t num_slow_groups = 2;  // share the same objects 10-50 s apart, repeatedly
  std::uint32_t slow_group_size = 8;
  std::uint32_t num_viral_objects = 20;  // decoys: crowds sharing one object once, within minutes
  std::uint32_t viral_crowd_size = 150;
  std::uint32_t num_news_bots = 5;  // decoys: organic accounts with ~1 % of organic shares each
  std::uint32_t min_group_objects = 15;  // objects one planted group pushes: uniform in [min, max]
  std::uint32_t max_group_objects = 40;
  double participation = 0.8;  // chance that a member joins one push of its group
};

struct SynthData {
  std::vector<Share> shares;  // sorted by (timestamp, content_id)
  std::vector<TruthRow> truth;
};

/// Returns cfg with the automatic sizes (0 values) filled in by the scaling rule above.
/// Throws ConfigError on an impossible config (empty period, group size < 3, crowd larger than
/// the organic accounts, participation outside (0, 1], min_group_objects < 3 or > max ...).
SynthConfig resolve_config(const SynthConfig& cfg);

/// Synthetic co-sharing activity with planted coordinated groups, decoys and ground truth.
/// Organic background: every organic account shares at least once, the rest of the shares go
/// to accounts and objects drawn from power laws (frequency ~ rank^-3/4), at uniform times in
/// [start_time, start_time + duration_s). An account shares an object at most once.
/// Decoys: viral objects, each shared once by a crowd of distinct organic accounts within
/// 30-600 s; news bots sharing many popular objects. Planted groups: each pushes 15-40 own
/// objects at random times; a fast ring's members share within 0-9 s of each other, a slow
/// group's members one after the other, 10-50 s apart; each member joins a push with
/// probability cfg.participation but misses at most a third of its group's pushes, so every
/// member pair co-shares at least a third of the objects. Planted accounts also have 30-70 %
/// organic cover shares. Truth lists every account that appears, sorted by account_id.
/// Deterministic: the same config gives the same data, byte for byte, on any IEEE-754 platform
/// (only +, -, *, /, sqrt on doubles). Cost: O(num_shares) plus the final O(n log n) time sort.
/// Throws ConfigError as resolve_config does.
SynthData generate_shares(const SynthConfig& cfg);

/// Writes shares as CooRTweet CSV (header object_id,account_id,content_id,timestamp_share; LF
/// line ends; RFC-4180 quoting of fields holding a comma, quote or line break). Writes
/// `<path>.tmp.<pid>` and renames it onto path. Throws IoError. O(rows).
void write_shares_csv(const std::string& path, const std::vector<Share>& shares);

/// Writes the truth as CSV (header account_id,group,style), as write_shares_csv. Throws IoError.
void write_truth_csv(const std::string& path, const std::vector<TruthRow>& truth);

}  // namespace lockstep::datasets
