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
  std::string style;  // "organic", "fast-ring", "slow-group", "viral-crowd" (decoy) ...
};

/// Parameters of the synthetic generator. Defaults make the bundled dataset.
struct SynthConfig {
  std::uint64_t seed = 42;
  std::uint64_t num_shares = 60000;       // approximate total, organic + planted
  std::uint32_t num_accounts = 5000;      // organic accounts
  std::uint32_t num_objects = 20000;      // organic objects (heavy-tailed popularity)
  std::int64_t start_time = 1646092800;   // 2022-03-01T00:00:00Z
  std::int64_t duration_s = 7 * 86400;
  std::uint32_t num_fast_rings = 4;       // share the same objects within seconds, repeatedly
  std::uint32_t fast_ring_size = 12;
  std::uint32_t num_slow_groups = 2;      // share the same objects within ~a minute
  std::uint32_t slow_group_size = 8;
  std::uint32_t num_viral_objects = 20;   // decoys: crowds sharing one object once, within seconds
  std::uint32_t viral_crowd_size = 150;
};

struct SynthData {
  std::vector<Share> shares;  // sorted by (timestamp, content_id)
  std::vector<TruthRow> truth;
};

/// Deterministic: the same config gives the same data, byte for byte. O(num_shares).
SynthData generate_shares(const SynthConfig& cfg);

/// Writes shares as CooRTweet CSV (object_id,account_id,content_id,timestamp_share) and the
/// truth as CSV (account_id,group,style). Throws IoError.
void write_shares_csv(const std::string& path, const std::vector<Share>& shares);
void write_truth_csv(const std::string& path, const std::vector<TruthRow>& truth);

}  // namespace lockstep::datasets
