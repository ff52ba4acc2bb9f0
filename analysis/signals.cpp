// SPDX-License-Identifier: Apache-2.0
#include "analysis/signals.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "analysis/text_features.hpp"

namespace lockstep::analysis {
namespace {

constexpr std::array<std::string_view, kNumSignals> kNames = {
    "co_share", "co_repost",  "co_quote",   "co_reply",         "co_mention", "co_link",
    "co_domain", "co_hashtag", "hashtag_sequence", "fast_repost", "co_text"};

/// The reference kind a simple signal projects.
std::optional<RefKind> ref_kind_of(Signal s) {
  switch (s) {
    case Signal::co_share: return RefKind::shares;
    case Signal::co_repost: return RefKind::reposts;
    case Signal::co_quote: return RefKind::quotes;
    case Signal::co_reply: return RefKind::replies_to;
    case Signal::co_mention: return RefKind::mentions;
    case Signal::co_link: return RefKind::links;
    case Signal::co_domain: return RefKind::links_domain;
    case Signal::co_hashtag: return RefKind::tags;
    default: return std::nullopt;
  }
}

void push(SignalActions& a, const ActivityTable& t, std::uint32_t post, std::uint32_t object) {
  a.actor.push_back(t.post_account[post]);
  a.object.push_back(object);
  a.time.push_back(t.post_time[post]);
  a.content.push_back(t.post_id[post]);
  a.pairable.push_back(1);
}

void reference_actions(SignalActions& a, const ActivityTable& t, RefKind kind,
                       const SignalsConfig& cfg) {
  a.dictionary = &t.pool(object_kind_of(kind));
  std::vector<std::uint8_t> excluded;
  if (kind == RefKind::links_domain) {
    excluded.assign(a.dictionary->size(), 0);
    for (const auto& d : cfg.ubiquitous_domains)
      if (const auto id = a.dictionary->find(d); id != StringPool::kMissing) excluded[id] = 1;
  }
  const auto& posts = t.pool(ObjectKind::post);
  for (std::size_t r = 0; r < t.num_refs(); ++r) {
    if (t.ref_kind[r] != kind) continue;
    const auto object = t.ref_object[r];
    if (!excluded.empty() && excluded[object]) continue;
    push(a, t, t.ref_post[r], object);
    // A share whose content id is the object id (a post "sharing" itself) counts for
    // participation but never pairs: CooRTweet's rule.
    if (kind == RefKind::shares && posts.view(t.post_id[t.ref_post[r]]) == a.dictionary->view(object))
      a.pairable.back() = 0;
  }
}

/// Posts with at least N hashtags: the object is the sorted set of tags.
void hashtag_sequence_actions(SignalActions& a, const ActivityTable& t, std::uint32_t min_tags) {
  const auto& tags = t.pool(ObjectKind::hashtag);
  std::vector<std::vector<std::uint32_t>> of_post(t.num_posts());
  for (std::size_t r = 0; r < t.num_refs(); ++r)
    if (t.ref_kind[r] == RefKind::tags) of_post[t.ref_post[r]].push_back(t.ref_object[r]);
  std::vector<std::string_view> names;
  for (std::uint32_t p = 0; p < of_post.size(); ++p) {
    auto& ids = of_post[p];
    if (ids.size() < min_tags) continue;
    names.clear();
    for (auto id : ids) names.push_back(tags.view(id));
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (names.size() < min_tags) continue;
    std::string key;
    for (auto n : names) key += (key.empty() ? "#" : " #") + std::string(n);
    push(a, t, p, a.synthesized.intern(key));
  }
}

/// Reposts made within delay of the original's creation, projected on the original's author.
void fast_repost_actions(SignalActions& a, const ActivityTable& t, std::int64_t delay) {
  a.dictionary = &t.pool(ObjectKind::account);
  std::uint64_t unknown = 0;
  for (std::size_t r = 0; r < t.num_refs(); ++r) {
    if (t.ref_kind[r] != RefKind::reposts) continue;
    const auto p = t.ref_post[r], original = t.ref_object[r];
    const auto author = t.known_post_author[original];
    const auto created = t.known_post_time[original];
    if (author == StringPool::kMissing || created < 0) {
      ++unknown;
      continue;
    }
    const auto reaction = t.post_time[p] - created;
    if (reaction < 0 || reaction > delay || author == t.post_account[p]) continue;
    push(a, t, p, author);
  }
  a.note = fmt::format("{} fast reposts; {} reposts of originals with unknown author or time",
                       a.size(), unknown);
}

/// Same or near-duplicate texts: posts (not reposts) whose shingle sets are joined by MinHash
/// + LSH and verified Jaccard; the object is the near-duplicate group.
void text_actions(SignalActions& a, const ActivityTable& t, const SignalsConfig& cfg) {
  const auto n = t.post_text.size();
  std::vector<std::vector<std::uint64_t>> shingles(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 512), [&](const auto& r) {
    for (auto p = r.begin(); p != r.end(); ++p) {
      if (t.post_kind[p] == PostKind::repost) continue;
      auto s = text_shingles(normalize_text(t.post_text[p]));
      if (s.size() >= cfg.text_min_shingles) shingles[p] = std::move(s);
    }
  });
  std::vector<std::uint64_t> offsets{0}, tokens;
  std::vector<std::uint8_t> has_shingles(n, 0);
  std::size_t total = 0;
  for (const auto& s : shingles) total += s.size();
  tokens.reserve(total);
  for (std::size_t p = 0; p < n; ++p) {
    has_shingles[p] = !shingles[p].empty();
    tokens.insert(tokens.end(), shingles[p].begin(), shingles[p].end());
    offsets.push_back(tokens.size());
    std::vector<std::uint64_t>().swap(shingles[p]);  // keep one copy of the shingles at a time
  }
  const auto groups = algo::near_duplicate_groups({offsets, tokens}, cfg.text);
  std::vector<std::uint32_t> size(groups.num_groups, 0);
  for (std::size_t p = 0; p < n; ++p)
    if (has_shingles[p]) ++size[groups.group[p]];
  std::vector<std::uint32_t> object(groups.num_groups, StringPool::kMissing);
  for (std::uint32_t p = 0; p < n; ++p) {
    if (!has_shingles[p] || size[groups.group[p]] < 2) continue;
    auto& o = object[groups.group[p]];
    if (o == StringPool::kMissing) {
      // Named by its first post's normalized text (at most 200 bytes, on a UTF-8 boundary).
      std::string name = normalize_text(t.post_text[p]);
      if (name.size() > 200) {
        std::size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
        name = name.substr(0, cut) + "...";
      }
      o = a.synthesized.intern(fmt::format("text group {}: {}", groups.group[p], name));
    }
    push(a, t, p, o);
  }
  a.note = fmt::format("{} texts compared, {} candidate pairs, {} near-duplicate pairs, {} posts "
                       "in copypasta groups",
                       offsets.size() - 1, groups.candidate_pairs, groups.joined_pairs, a.size());
}

/// IDF of each object: log(A / a_o), A = accounts with an action, a_o = accounts acting on o.
void set_idf(SignalActions& a) {
  std::uint32_t num_objects = 0;
  for (auto o : a.object) num_objects = std::max(num_objects, o + 1);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (object, actor)
  pairs.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) pairs.emplace_back(a.object[i], a.actor[i]);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<std::uint32_t> actors_of(num_objects, 0);
  for (const auto& [o, actor] : pairs) ++actors_of[o];
  std::vector<std::uint32_t> actors(a.actor);
  std::sort(actors.begin(), actors.end());
  const auto total = static_cast<double>(std::unique(actors.begin(), actors.end()) - actors.begin());
  a.object_idf.assign(num_objects, 0.0F);
  for (std::uint32_t o = 0; o < num_objects; ++o)
    if (actors_of[o] > 0) a.object_idf[o] = static_cast<float>(std::log(total / actors_of[o]) + 1.0);
}

}  // namespace

std::string_view signal_name(Signal s) { return kNames[static_cast<std::size_t>(s)]; }

std::optional<Signal> parse_signal(std::string_view name) {
  std::string n(name);
  std::replace(n.begin(), n.end(), '-', '_');
  for (std::size_t i = 0; i < kNumSignals; ++i)
    if (kNames[i] == n) return static_cast<Signal>(i);
  return std::nullopt;
}

std::array<SignalParams, kNumSignals> SignalsConfig::default_params() {
  std::array<SignalParams, kNumSignals> p{};
  p[static_cast<std::size_t>(Signal::hashtag_sequence)].window_s = 300;
  p[static_cast<std::size_t>(Signal::fast_repost)].window_s = 3600;
  p[static_cast<std::size_t>(Signal::co_text)].window_s = 300;
  return p;
}

SignalActions signal_actions(Signal s, const ActivityTable& t, const SignalsConfig& cfg) {
  SignalActions a;
  a.signal = s;
  a.num_actors = static_cast<std::uint32_t>(t.num_accounts());
  if (const auto kind = ref_kind_of(s)) {
    reference_actions(a, t, *kind, cfg);
  } else if (s == Signal::hashtag_sequence) {
    hashtag_sequence_actions(a, t, cfg.hashtag_sequence_min);
  } else if (s == Signal::fast_repost) {
    fast_repost_actions(a, t, cfg.fast_repost_delay_s);
  } else {
    text_actions(a, t, cfg);
  }
  if (cfg.idf && a.size() > 0) set_idf(a);
  return a;
}

}  // namespace lockstep::analysis
