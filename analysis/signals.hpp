// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/projection/co_action.hpp"
#include "algorithms/similarity/minhash.hpp"
#include "io/activity_table.hpp"

namespace lockstep::analysis {

/// The coordination signals: each is a windowed co-action projection (account x object x time)
/// over one kind of reference of the ActivityTable (README, "Signals").
enum class Signal : std::uint8_t {
  co_share = 0,          // same generic shared object (shares CSV)
  co_repost = 1,         // same post reposted
  co_quote = 2,          // same post quoted
  co_reply = 3,          // replies to the same post
  co_mention = 4,        // same account mentioned
  co_link = 5,           // same normalized URL
  co_domain = 6,         // same link domain (ubiquitous domains left out)
  co_hashtag = 7,        // same hashtag
  hashtag_sequence = 8,  // same set of >= N hashtags in one post
  fast_repost = 9,       // reposts within T s of the original, projected on the original's author
  co_text = 10,          // same or near-duplicate text (MinHash + LSH, verified Jaccard)
};
inline constexpr std::size_t kNumSignals = 11;

/// "co_repost" etc. (the /edges column suffix and /run/signals name).
std::string_view signal_name(Signal s);
/// Accepts "co_repost" and "co-repost". std::nullopt for an unknown name.
std::optional<Signal> parse_signal(std::string_view name);

/// Per-signal parameters.
struct SignalParams {
  bool enabled = true;
  std::int64_t window_s = 60;           // |dt| <= window_s pairs two actions
  std::uint32_t min_participation = 2;  // accounts with fewer actions of this signal are dropped
  double weight = 1.0;                  // factor in the combined weight
};

/// Every signal parameter, with documented defaults.
struct SignalsConfig {
  std::array<SignalParams, kNumSignals> params = default_params();
  std::uint64_t max_pairs_per_object = 250000;  // pair cap per object (viral posts)
  std::int64_t fast_repost_delay_s = 60;        // a repost is fast within this of the original
  std::uint32_t hashtag_sequence_min = 3;       // hashtags a post needs for hashtag_sequence
  std::vector<std::string> ubiquitous_domains = {
      "twitter.com", "x.com", "t.co", "facebook.com", "instagram.com", "youtube.com", "youtu.be",
      "google.com", "bit.ly", "tiktok.com", "reddit.com", "t.me"};
  algo::MinHashConfig text{};              // near-duplicate text: Jaccard threshold 0.6
  std::uint32_t text_min_shingles = 4;     // shorter texts never count as copypasta
  bool idf = false;                        // down-weight popular objects (Pacheco et al. 2021)

  static std::array<SignalParams, kNumSignals> default_params();
};

/// The actions one signal projects, as owned columns (actor = account id, object, time,
/// content = post id), plus how to name an object for evidence.
struct SignalActions {
  Signal signal = Signal::co_share;
  std::vector<std::uint32_t> actor, object, content;
  std::vector<std::int64_t> time;
  std::vector<std::uint8_t> pairable;
  std::vector<float> object_idf;  // per object, when SignalsConfig::idf; else empty
  std::uint32_t num_actors = 0;
  const StringPool* dictionary = nullptr;  // object names when objects are table strings
  StringPool synthesized;                  // object names otherwise (sequences, text groups)
  std::string note;                        // what the extraction did, for the log

  std::size_t size() const noexcept { return actor.size(); }
  algo::ActionColumns view() const { return {actor, object, time, content, pairable, num_actors}; }
  std::string_view object_name(std::uint32_t o) const {
    return dictionary ? dictionary->view(o) : synthesized.view(o);
  }
};

/// Extracts the actions of signal s from the table. Reposts never count for co_text (their text
/// is the original's). Deterministic. Cost: O(refs) for reference signals; O(text bytes +
/// posts * bands log posts) for co_text.
SignalActions signal_actions(Signal s, const ActivityTable& table, const SignalsConfig& cfg);

}  // namespace lockstep::analysis
