// SPDX-License-Identifier: Apache-2.0
// Every reference signal, hashtag_sequence and fast_repost against a brute-force reference
// computed straight from a seeded random ActivityTable.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "algorithms/parallel/random.hpp"
#include "analysis/signals.hpp"

using namespace lockstep;
using analysis::Signal;

namespace {

using PairWeights = std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t>;

ActivityTable random_table(std::uint64_t seed) {
  ActivityTable t;
  const std::uint32_t posts = 400, accounts = 25;
  for (std::uint32_t a = 0; a < accounts; ++a) t.pool(ObjectKind::account).intern("u" + std::to_string(a));
  for (std::uint32_t p = 0; p < posts; ++p) {
    const auto r = splitmix64(seed * 1000003 + p);
    t.post_account.push_back(static_cast<std::uint32_t>(r % accounts));
    t.post_id.push_back(t.pool(ObjectKind::post).intern("p" + std::to_string(p)));
    // The 40 popular posts come first, so most reposts of them are later.
    t.post_time.push_back(p < 40 ? static_cast<std::int64_t>(p) * 5 : static_cast<std::int64_t>((r >> 10) % 3000));
    t.post_kind.push_back(static_cast<PostKind>((r >> 30) % 4));
  }
  for (std::uint32_t p = 0; p < posts; ++p) {
    const auto r = splitmix64(seed * 7 + p * 13 + 1);
    auto ref = [&](RefKind k, const std::string& o) {
      t.ref_post.push_back(p);
      t.ref_kind.push_back(k);
      t.ref_object.push_back(t.pool(object_kind_of(k)).intern(o));
    };
    const auto target = "p" + std::to_string((r >> 5) % 40);  // 40 popular posts
    if (t.post_kind[p] == PostKind::repost) ref(RefKind::reposts, target);
    if (t.post_kind[p] == PostKind::quote) ref(RefKind::quotes, target);
    if (t.post_kind[p] == PostKind::reply) ref(RefKind::replies_to, target);
    for (std::uint32_t h = 0; h < (r >> 20) % 5; ++h)
      ref(RefKind::tags, "t" + std::to_string(splitmix64(r + h) % 6));
    if ((r >> 40) % 3 == 0) {
      ref(RefKind::links, "https://s" + std::to_string((r >> 42) % 4) + ".example/" + std::to_string((r >> 44) % 5));
      ref(RefKind::links_domain, "s" + std::to_string((r >> 42) % 4) + ".example");
    }
    if ((r >> 50) % 4 == 0) ref(RefKind::mentions, "u" + std::to_string((r >> 52) % accounts));
    if ((r >> 56) % 4 == 0) ref(RefKind::shares, "o" + std::to_string((r >> 58) % 10));
  }
  t.resize_accounts();
  t.resize_posts();
  for (std::size_t p = 0; p < posts; ++p) {
    t.known_post_author[t.post_id[p]] = t.post_account[p];
    t.known_post_time[t.post_id[p]] = t.post_time[p];
  }
  return t;
}

/// Brute force: (account, object, time, post) events of a signal, straight from the table.
struct Event {
  std::uint32_t account;
  std::string object;
  std::int64_t time;
  std::uint32_t post;
};

std::vector<Event> events(Signal s, const ActivityTable& t, const analysis::SignalsConfig& cfg) {
  std::vector<Event> out;
  const RefKind kinds[] = {RefKind::shares, RefKind::reposts, RefKind::quotes, RefKind::replies_to,
                           RefKind::mentions, RefKind::links, RefKind::links_domain, RefKind::tags};
  const auto i = static_cast<std::size_t>(s);
  if (i < 8) {
    for (std::size_t r = 0; r < t.num_refs(); ++r) {
      if (t.ref_kind[r] != kinds[i]) continue;
      const auto p = t.ref_post[r];
      const std::string o(t.pool(object_kind_of(kinds[i])).view(t.ref_object[r]));
      if (s == Signal::co_domain && std::find(cfg.ubiquitous_domains.begin(), cfg.ubiquitous_domains.end(), o) != cfg.ubiquitous_domains.end())
        continue;
      if (s == Signal::co_share && o == t.pool(ObjectKind::post).view(t.post_id[p])) continue;
      out.push_back({t.post_account[p], o, t.post_time[p], p});
    }
  } else if (s == Signal::hashtag_sequence) {
    std::map<std::uint32_t, std::set<std::string>> tags;
    for (std::size_t r = 0; r < t.num_refs(); ++r)
      if (t.ref_kind[r] == RefKind::tags)
        tags[t.ref_post[r]].insert(std::string(t.pool(ObjectKind::hashtag).view(t.ref_object[r])));
    for (const auto& [p, set] : tags) {
      if (set.size() < cfg.hashtag_sequence_min) continue;
      std::string key;
      for (const auto& h : set) key += "#" + h + " ";
      out.push_back({t.post_account[p], key, t.post_time[p], p});
    }
  } else if (s == Signal::fast_repost) {
    for (std::size_t r = 0; r < t.num_refs(); ++r) {
      if (t.ref_kind[r] != RefKind::reposts) continue;
      const auto p = t.ref_post[r], original = t.ref_object[r];
      const auto dt = t.post_time[p] - t.known_post_time[original];
      const auto author = t.known_post_author[original];
      if (dt < 0 || dt > cfg.fast_repost_delay_s || author == t.post_account[p]) continue;
      out.push_back({t.post_account[p], std::string(t.pool(ObjectKind::account).view(author)), t.post_time[p], p});
    }
  }
  return out;
}

/// Matches with min participation 1: pairs of events on one object within the window, from
/// different accounts and posts.
PairWeights brute_force(const std::vector<Event>& ev, std::int64_t window) {
  PairWeights w;
  for (std::size_t i = 0; i < ev.size(); ++i)
    for (std::size_t j = i + 1; j < ev.size(); ++j) {
      const auto &a = ev[i], &b = ev[j];
      if (a.object != b.object || a.account == b.account || a.post == b.post) continue;
      if (std::llabs(a.time - b.time) > window) continue;
      ++w[std::minmax(a.account, b.account)];
    }
  return w;
}

}  // namespace

TEST_CASE("reference signals, hashtag sequences and fast reposts equal a brute force on random "
          "tables", "[analysis][signals]") {
  analysis::SignalsConfig cfg;
  cfg.hashtag_sequence_min = 2;
  cfg.fast_repost_delay_s = 2500;
  cfg.ubiquitous_domains = {"s0.example"};
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto t = random_table(seed);
    for (std::size_t i = 0; i < analysis::kNumSignals; ++i) {
      const auto s = static_cast<Signal>(i);
      if (s == Signal::co_text) continue;  // near duplicates: test_minhash and test_signals
      const std::int64_t window = 30 + static_cast<std::int64_t>(seed * 17 % 90);
      const auto a = analysis::signal_actions(s, t, cfg);
      const auto e = algo::project_co_actions(a.view(), {window, 1, 0});
      PairWeights got;
      for (std::size_t k = 0; k < e.size(); ++k) got[{e.u[k], e.v[k]}] = e.weight[k];
      INFO("seed " << seed << " signal " << analysis::signal_name(s));
      const auto expected = brute_force(events(s, t, cfg), window);
      CHECK(got == expected);
      if (seed == 1) CHECK(!expected.empty());
    }
  }
}
