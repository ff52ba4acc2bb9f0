// SPDX-License-Identifier: Apache-2.0
#include "datasets/synth.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "algorithms/base/error.hpp"
#include "algorithms/parallel/random.hpp"
#include "datasets/csv_file.hpp"
#include "datasets/random_stream.hpp"

namespace lockstep::datasets {
namespace {

// Twitter's snowflake epoch: content ids look like real tweet ids and grow with time.
constexpr std::int64_t kSnowflakeEpochMs = 1288834974657;
constexpr std::int64_t kMinStartTime = kSnowflakeEpochMs / 1000 + 1;
constexpr std::uint32_t kMaxSlowGapS = 50;
constexpr std::uint32_t kMinSlowGapS = 10;
constexpr std::uint32_t kMaxFastOffsetS = 9;  // every pair of a fast ring < 10 s apart
constexpr std::uint32_t kMinViralSpanS = 30;
constexpr std::uint32_t kMaxViralSpanS = 600;
constexpr int kMaxRedraws = 64;

// Phase tags: every phase draws from its own stream, so changing one phase leaves the others.
// Unscoped, so a phase converts to the stream tag it names.
enum Phase : std::uint64_t {
  kAccountIds = 1,
  kObjectIds,
  kPlanted,
  kCover,
  kViral,
  kNewsBots,
  kOrganic,
  kContentIds
};

/// Open-addressing set of (account, object) pairs: an account shares an object at most once.
class PairSet {
 public:
  explicit PairSet(std::size_t expected) {
    std::size_t cap = 64;
    while (cap < 2 * expected) cap *= 2;
    slots_.assign(cap, kEmpty);
  }
  /// True when the pair was new.
  bool insert(std::uint32_t account, std::uint32_t object) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    if (!place(slots_, (std::uint64_t{account} << 32) | object)) return false;
    ++size_;
    return true;
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static bool place(std::vector<std::uint64_t>& slots, std::uint64_t key) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = splitmix64(key) & mask;; i = (i + 1) & mask) {
      if (slots[i] == key) return false;
      if (slots[i] == kEmpty) {
        slots[i] = key;
        return true;
      }
    }
  }
  void grow() {
    std::vector<std::uint64_t> bigger(2 * slots_.size(), kEmpty);
    for (const auto key : slots_)
      if (key != kEmpty) place(bigger, key);
    slots_.swap(bigger);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

/// Id strings packed in one buffer: building shares reads one cache line, not a string header
/// and then its heap buffer.
class IdTable {
 public:
  explicit IdTable(std::size_t n, std::size_t mean_len) {
    offsets_.reserve(n + 1);
    offsets_.push_back(0);
    chars_.reserve(n * mean_len);
  }
  void push(std::string_view id) {
    chars_.append(id);
    offsets_.push_back(chars_.size());
  }
  /// Appends to the id pushed last.
  void extend(std::string_view tail) {
    chars_.append(tail);
    offsets_.back() = chars_.size();
  }
  std::string_view operator[](std::size_t i) const {
    return {chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }

 private:
  std::string chars_;
  std::vector<std::size_t> offsets_;
};

struct Event {
  std::int64_t t;
  std::uint32_t account;
  std::uint32_t object;
};

enum class GroupKind { kFastRing, kSlowGroup };

struct Group {
  GroupKind kind;
  std::uint32_t index;         // k in "fast-ring-<k>"
  std::uint32_t first_member;  // account index of the first member
  std::uint32_t size;
};

class Generator {
 public:
  explicit Generator(const SynthConfig& cfg)
      : cfg_(cfg),
        organic_accounts_(cfg.num_accounts),
        news_bots_(std::min(cfg.num_news_bots, cfg.num_accounts)),
        organic_objects_(cfg.num_objects),
        pairs_(cfg.num_shares + cfg.num_accounts) {
    std::uint32_t next = organic_accounts_;
    for (std::uint32_t k = 0; k < cfg.num_fast_rings; ++k) {
      groups_.push_back({GroupKind::kFastRing, k, next, cfg.fast_ring_size});
      next += cfg.fast_ring_size;
    }
    for (std::uint32_t k = 0; k < cfg.num_slow_groups; ++k) {
      groups_.push_back({GroupKind::kSlowGroup, k, next, cfg.slow_group_size});
      next += cfg.slow_group_size;
    }
    num_accounts_ = next;
    share_count_.assign(num_accounts_, 0);
    viral_member_.assign(organic_accounts_, 0);
    next_object_ = organic_objects_ + cfg.num_viral_objects;  // campaign objects come after
    events_.reserve(cfg.num_shares + cfg.num_accounts + 1024);
  }

  SynthData run() {
    planted();
    cover();
    viral();
    news_bots();
    organic();
    return assemble();
  }

 private:
  std::int64_t random_time(Stream& rng, std::int64_t reserve_s) {
    return cfg_.start_time +
           static_cast<std::int64_t>(rng.between(0, cfg_.duration_s - 1 - reserve_s));
  }
  void add(std::int64_t t, std::uint32_t account, std::uint32_t object) {
    events_.push_back({t, account, object});
    ++share_count_[account];
  }
  /// One share of an organic object by account, redrawing the object while it is a repeat.
  void add_organic(Stream& rng, std::uint32_t account, const PowerLaw& objects) {
    for (int tries = 0; tries < kMaxRedraws; ++tries) {
      const std::uint32_t object = objects(rng.uniform());
      if (pairs_.insert(account, object)) {
        add(random_time(rng, 0), account, object);
        return;
      }
    }
  }

  void planted() {
    Stream rng(cfg_.seed, Phase::kPlanted);
    coord_count_.assign(num_accounts_, 0);
    std::vector<std::uint32_t> skips, joined;
    for (const Group& g : groups_) {
      const auto pushes =
          static_cast<std::uint32_t>(rng.between(cfg_.min_group_objects, cfg_.max_group_objects));
      const std::uint32_t max_skips = pushes / 3;  // any two members share >= pushes / 3 objects
      skips.assign(g.size, 0);
      const bool fast = g.kind == GroupKind::kFastRing;
      const std::int64_t span = fast ? kMaxFastOffsetS : std::int64_t{kMaxSlowGapS} * (g.size - 1);
      for (std::uint32_t p = 0; p < pushes; ++p) {
        const std::uint32_t object = next_object_++;
        joined.clear();
        for (std::uint32_t m = 0; m < g.size; ++m) {
          if (skips[m] < max_skips && !rng.chance(cfg_.participation))
            ++skips[m];
          else
            joined.push_back(m);
        }
        for (std::uint32_t m = 0; joined.size() < 2 && m < g.size; ++m) {
          if (std::find(joined.begin(), joined.end(), m) != joined.end()) continue;
          joined.push_back(m);
          --skips[m];
        }
        std::int64_t t = random_time(rng, span);
        if (fast) {
          for (const auto m : joined)
            add_planted(t + static_cast<std::int64_t>(rng.between(0, kMaxFastOffsetS)),
                        g.first_member + m, object);
        } else {
          // A relay: members one after the other, in a new order for each push.
          for (std::size_t i = joined.size(); i > 1; --i)
            std::swap(joined[i - 1], joined[rng.next() % i]);
          for (std::size_t i = 0; i < joined.size(); ++i) {
            if (i > 0) t += static_cast<std::int64_t>(rng.between(kMinSlowGapS, kMaxSlowGapS));
            add_planted(t, g.first_member + joined[i], object);
          }
        }
      }
    }
  }
  void add_planted(std::int64_t t, std::uint32_t account, std::uint32_t object) {
    pairs_.insert(account, object);
    add(t, account, object);
    ++coord_count_[account];
  }

  /// Organic cover activity: 30-70 % of a planted account's shares.
  void cover() {
    Stream rng(cfg_.seed, Phase::kCover);
    const PowerLaw objects(organic_objects_);
    for (std::uint32_t a = organic_accounts_; a < num_accounts_; ++a) {
      const double f = 0.3 + 0.4 * rng.uniform();
      const auto n = static_cast<std::uint32_t>(coord_count_[a] * f / (1.0 - f) + 0.5);
      for (std::uint32_t i = 0; i < n; ++i) add_organic(rng, a, objects);
    }
  }

  /// Decoys: each viral object is shared once by a crowd of distinct organic (non-bot)
  /// accounts within 30-600 s, front-loaded like a real burst.
  void viral() {
    Stream rng(cfg_.seed, Phase::kViral);
    for (std::uint32_t v = 0; v < cfg_.num_viral_objects; ++v) {
      const std::uint32_t object = organic_objects_ + v;
      const auto span = static_cast<std::int64_t>(rng.between(kMinViralSpanS, kMaxViralSpanS));
      const std::int64_t t0 = random_time(rng, span);
      for (std::uint32_t k = 0; k < cfg_.viral_crowd_size;) {
        const auto a = static_cast<std::uint32_t>(rng.between(news_bots_, organic_accounts_ - 1));
        if (!pairs_.insert(a, object)) continue;
        const double u = rng.uniform();
        add(t0 + static_cast<std::int64_t>(static_cast<double>(span) * u * u), a, object);
        viral_member_[a] = 1;
        ++k;
      }
    }
  }

  /// Decoys: news bots share ~1 % of the organic shares each, drawn from the most popular
  /// tenth of the objects.
  void news_bots() {
    Stream rng(cfg_.seed, Phase::kNewsBots);
    const std::uint64_t budget = remaining();
    const std::uint64_t per_bot = budget / 100;
    const PowerLaw popular(std::max<std::uint32_t>(1, organic_objects_ / 10));
    for (std::uint32_t b = 0; b < news_bots_; ++b)
      for (std::uint64_t i = 0; i < per_bot; ++i) add_organic(rng, b, popular);
  }

  /// Background: every organic account shares at least once; the rest goes to power-law
  /// accounts (news bots excluded) and objects.
  void organic() {
    Stream rng(cfg_.seed, Phase::kOrganic);
    const PowerLaw objects(organic_objects_);
    for (std::uint32_t a = 0; a < organic_accounts_; ++a)
      if (share_count_[a] == 0) add_organic(rng, a, objects);
    const PowerLaw accounts(organic_accounts_ - news_bots_);
    for (std::uint64_t left = remaining(); left > 0; --left)
      add_organic(rng, news_bots_ + accounts(rng.uniform()), objects);
  }

  std::uint64_t remaining() const {
    return events_.size() < cfg_.num_shares ? cfg_.num_shares - events_.size() : 0;
  }

  SynthData assemble() {
    // (t, account, object) is a total order: an (account, object) pair occurs once.
    std::sort(events_.begin(), events_.end(), [](const Event& x, const Event& y) {
      if (x.t != y.t) return x.t < y.t;
      if (x.account != y.account) return x.account < y.account;
      return x.object < y.object;
    });
    const auto account_ids = make_account_ids();
    const auto object_ids = make_object_ids();

    SynthData out;
    out.shares.reserve(events_.size());
    Stream rng(cfg_.seed, Phase::kContentIds);
    std::int64_t second = events_.empty() ? 0 : events_.front().t;
    std::uint64_t k = 0;  // rank within the second: keeps content ids increasing with the sort
    for (const Event& e : events_) {
      if (e.t != second) {
        second = e.t;
        k = 0;
      }
      const auto ms = static_cast<std::uint64_t>(e.t * 1000 - kSnowflakeEpochMs);
      const std::uint64_t content = (ms << 22) + (k++ << 12) + (rng.next() & 0xFFF);
      char num[24];  // a uint64 in decimal fits
      const char* const end = std::to_chars(num, num + sizeof num, content).ptr;
      Share& share = out.shares.emplace_back();
      share.object_id.assign(object_ids[e.object]);
      share.account_id.assign(account_ids[e.account]);
      share.content_id.assign(num, static_cast<std::size_t>(end - num));
      share.timestamp = e.t;
    }

    out.truth.reserve(num_accounts_);
    for (std::uint32_t a = 0; a < num_accounts_; ++a) {
      if (share_count_[a] == 0) continue;
      if (a < organic_accounts_) {
        const char* style = a < news_bots_     ? "news-bot"
                            : viral_member_[a] ? "viral-crowd"
                                               : "organic";
        out.truth.push_back({std::string(account_ids[a]), "organic", style});
      }
    }
    for (const Group& g : groups_) {
      const char* style = g.kind == GroupKind::kFastRing ? "fast-ring" : "slow-group";
      for (std::uint32_t m = 0; m < g.size; ++m)
        out.truth.push_back({std::string(account_ids[g.first_member + m]),
                             fmt::format("{}-{}", style, g.index), style});
    }
    std::sort(out.truth.begin(), out.truth.end(),
              [](const TruthRow& x, const TruthRow& y) { return x.account_id < y.account_id; });
    return out;
  }

  /// Numeric 10-digit account ids in a shuffled order, so ids reveal neither rank nor group.
  IdTable make_account_ids() const {
    Stream rng(cfg_.seed, Phase::kAccountIds);
    const auto perm = permutation(num_accounts_, rng);
    IdTable ids(num_accounts_, 10);
    for (std::uint32_t a = 0; a < num_accounts_; ++a)
      ids.push(std::to_string(1000000000ULL + std::uint64_t{perm[a]} * 97 + rng.next() % 97));
    return ids;
  }

  /// Object ids: 45 % tweet ids, the rest news/blog/video URLs (1 in 64 with a comma in the
  /// query, as real URLs have, which exercises CSV quoting). Shuffled like the accounts.
  IdTable make_object_ids() const {
    static constexpr std::string_view kPrefixes[] = {
        "https://news.example/a/", "https://daily.example/story/", "https://blog.example/p/",
        "https://video.example/watch?v="};
    Stream rng(cfg_.seed, Phase::kObjectIds);
    const std::uint32_t n = next_object_;
    const auto perm = permutation(n, rng);
    IdTable ids(n, 28);
    for (std::uint32_t o = 0; o < n; ++o) {
      const std::uint64_t h = rng.next();
      const std::uint64_t pos = perm[o];
      if (h % 100 < 45) {
        ids.push(std::to_string(1400000000000000000ULL + pos * 1000003 + (h >> 8) % 1000000));
        continue;
      }
      const auto prefix = kPrefixes[(h >> 8) % 4];
      ids.push(fmt::format("{}{}", prefix, 100000 + pos * 7 + (h >> 16) % 7));
      if ((h >> 24) % 64 == 0)
        ids.extend(prefix.find('?') == std::string_view::npos ? "?utm=feed,share" : "&t=1,30");
    }
    return ids;
  }

  const SynthConfig& cfg_;
  std::uint32_t organic_accounts_;
  std::uint32_t news_bots_;
  std::uint32_t organic_objects_;
  std::uint32_t num_accounts_ = 0;
  std::uint32_t next_object_ = 0;
  std::vector<Group> groups_;
  std::vector<Event> events_;
  std::vector<std::uint32_t> share_count_;
  std::vector<std::uint32_t> coord_count_;
  std::vector<std::uint8_t> viral_member_;
  PairSet pairs_;
};

}  // namespace

SynthConfig resolve_config(const SynthConfig& cfg) {
  SynthConfig r = cfg;
  const auto scaled = [&](std::uint64_t divisor) {
    return static_cast<std::uint32_t>(
        std::clamp<std::uint64_t>(cfg.num_shares / divisor, 100, std::uint64_t{1} << 30));
  };
  if (r.num_accounts == 0) r.num_accounts = scaled(12);
  if (r.num_objects == 0) r.num_objects = scaled(3);
  const auto fail = [](const std::string& msg) { throw ConfigError("synth: " + msg); };
  if (r.start_time < kMinStartTime)
    fail(
        fmt::format("start time {} is before the snowflake epoch {}", r.start_time, kMinStartTime));
  const std::int64_t longest = std::int64_t{kMaxSlowGapS} * r.slow_group_size + kMaxViralSpanS;
  if (r.duration_s <= longest)
    fail(fmt::format("duration {} s must exceed {} s", r.duration_s, longest));
  if ((r.num_fast_rings > 0 && r.fast_ring_size < 3) ||
      (r.num_slow_groups > 0 && r.slow_group_size < 3))
    fail("planted groups need at least 3 members");
  if (r.min_group_objects < 3 || r.min_group_objects > r.max_group_objects)
    fail(fmt::format("group objects [{}, {}]: need 3 <= min <= max", r.min_group_objects,
                     r.max_group_objects));
  if (!(r.participation > 0.0 && r.participation <= 1.0))
    fail(fmt::format("participation {} is not in (0, 1]", r.participation));
  const std::uint32_t bots = std::min(r.num_news_bots, r.num_accounts);
  if (r.num_viral_objects > 0 && r.viral_crowd_size > r.num_accounts - bots)
    fail(fmt::format("viral crowd of {} exceeds the {} organic accounts (news bots excluded)",
                     r.viral_crowd_size, r.num_accounts - bots));
  const std::uint64_t total_accounts = std::uint64_t{r.num_accounts} +
                                       std::uint64_t{r.num_fast_rings} * r.fast_ring_size +
                                       std::uint64_t{r.num_slow_groups} * r.slow_group_size;
  const std::uint64_t total_objects =
      std::uint64_t{r.num_objects} + r.num_viral_objects +
      std::uint64_t{r.num_fast_rings + r.num_slow_groups} * r.max_group_objects;
  if (total_accounts > (std::uint64_t{1} << 30) || total_objects > (std::uint64_t{1} << 30))
    fail("too many accounts or objects (limit 2^30)");
  return r;
}

SynthData generate_shares(const SynthConfig& cfg) {
  const SynthConfig resolved = resolve_config(cfg);
  return Generator(resolved).run();
}

void write_shares_csv(const std::string& path, const std::vector<Share>& shares) {
  CsvFile out(path);
  out.raw("object_id,account_id,content_id,timestamp_share\n");
  char num[24];  // an int64 in decimal fits
  for (const Share& s : shares) {
    out.field(s.object_id);
    out.raw(",");
    out.field(s.account_id);
    out.raw(",");
    out.field(s.content_id);
    out.raw(",");
    const auto end = std::to_chars(num, num + sizeof num, s.timestamp).ptr;
    out.raw(std::string_view(num, static_cast<std::size_t>(end - num)));
    out.end_row();
  }
  out.commit();
}

void write_truth_csv(const std::string& path, const std::vector<TruthRow>& truth) {
  CsvFile out(path);
  out.raw("account_id,group,style\n");
  for (const TruthRow& r : truth) {
    out.field(r.account_id);
    out.raw(",");
    out.field(r.group);
    out.raw(",");
    out.field(r.style);
    out.end_row();
  }
  out.commit();
}

}  // namespace lockstep::datasets
