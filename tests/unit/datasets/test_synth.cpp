// SPDX-License-Identifier: Apache-2.0
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "algorithms/base/error.hpp"
#include "datasets/synth.hpp"

namespace ds = lockstep::datasets;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A small RFC-4180 reader: rows of fields; quoted fields may hold commas, quotes, line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field.push_back(c);
    }
  }
  return rows;
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("lockstep_test_synth_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

ds::SynthConfig small_config(std::uint64_t seed) {
  ds::SynthConfig cfg;
  cfg.seed = seed;
  cfg.num_shares = 20000;
  return cfg;
}

bool same(const ds::SynthData& a, const ds::SynthData& b) {
  if (a.shares.size() != b.shares.size() || a.truth.size() != b.truth.size()) return false;
  for (std::size_t i = 0; i < a.shares.size(); ++i) {
    const auto& x = a.shares[i];
    const auto& y = b.shares[i];
    if (x.object_id != y.object_id || x.account_id != y.account_id ||
        x.content_id != y.content_id || x.timestamp != y.timestamp)
      return false;
  }
  for (std::size_t i = 0; i < a.truth.size(); ++i) {
    const auto& x = a.truth[i];
    const auto& y = b.truth[i];
    if (x.account_id != y.account_id || x.group != y.group || x.style != y.style) return false;
  }
  return true;
}

// Brute force: for every pair of accounts, the number of objects both shared within window_s.
std::map<std::pair<std::string, std::string>, int> co_shares(const std::vector<ds::Share>& shares,
                                                             std::int64_t window_s) {
  std::unordered_map<std::string, std::vector<const ds::Share*>> by_object;
  for (const auto& s : shares) by_object[s.object_id].push_back(&s);
  std::map<std::pair<std::string, std::string>, int> weight;
  for (auto& [object, list] : by_object) {
    std::sort(list.begin(), list.end(),
              [](const ds::Share* x, const ds::Share* y) { return x->timestamp < y->timestamp; });
    std::set<std::pair<std::string, std::string>> seen;  // count a pair once per object
    for (std::size_t i = 0; i < list.size(); ++i)
      for (std::size_t j = i + 1;
           j < list.size() && list[j]->timestamp - list[i]->timestamp <= window_s; ++j) {
        auto a = list[i]->account_id;
        auto b = list[j]->account_id;
        if (a == b) continue;
        if (b < a) std::swap(a, b);
        if (seen.emplace(a, b).second) ++weight[{a, b}];
      }
  }
  return weight;
}

std::map<std::string, std::vector<std::string>> members_by_group(const ds::SynthData& d) {
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& r : d.truth)
    if (r.group != "organic") groups[r.group].push_back(r.account_id);
  return groups;
}

const ds::SynthData& default_data() {
  static const ds::SynthData data = ds::generate_shares(ds::SynthConfig{});
  return data;
}

}  // namespace

TEST_CASE("synth is deterministic and seed-dependent", "[datasets][synth]") {
  const auto a = ds::generate_shares(small_config(7));
  const auto b = ds::generate_shares(small_config(7));
  const auto c = ds::generate_shares(small_config(8));
  CHECK(same(a, b));
  CHECK_FALSE(same(a, c));
}

TEST_CASE("synth scales accounts and objects with shares", "[datasets][synth]") {
  ds::SynthConfig cfg;
  const auto r = ds::resolve_config(cfg);
  CHECK(r.num_accounts == 5000);
  CHECK(r.num_objects == 20000);
  cfg.num_shares = 5000000;
  cfg.num_accounts = 1000;
  const auto big = ds::resolve_config(cfg);
  CHECK(big.num_accounts == 1000);
  CHECK(big.num_objects == 5000000 / 3);
}

TEST_CASE("synth rejects impossible configs", "[datasets][synth]") {
  ds::SynthConfig cfg;
  cfg.fast_ring_size = 2;
  CHECK_THROWS_AS(ds::generate_shares(cfg), lockstep::ConfigError);
  cfg = {};
  cfg.participation = 0.0;
  CHECK_THROWS_AS(ds::generate_shares(cfg), lockstep::ConfigError);
  cfg = {};
  cfg.num_accounts = 100;  // smaller than a viral crowd
  CHECK_THROWS_AS(ds::generate_shares(cfg), lockstep::ConfigError);
  cfg = {};
  cfg.start_time = 0;
  CHECK_THROWS_AS(ds::generate_shares(cfg), lockstep::ConfigError);
}

TEST_CASE("synth default config: sizes, order, truth coverage", "[datasets][synth]") {
  const ds::SynthConfig cfg;
  const auto& d = default_data();
  CHECK(d.shares.size() == cfg.num_shares);

  const auto groups = members_by_group(d);
  REQUIRE(groups.size() == cfg.num_fast_rings + cfg.num_slow_groups);
  for (std::uint32_t k = 0; k < cfg.num_fast_rings; ++k)
    CHECK(groups.at("fast-ring-" + std::to_string(k)).size() == cfg.fast_ring_size);
  for (std::uint32_t k = 0; k < cfg.num_slow_groups; ++k)
    CHECK(groups.at("slow-group-" + std::to_string(k)).size() == cfg.slow_group_size);

  // Every truth account shares, every sharing account is in the truth, exactly once.
  std::set<std::string> truth_ids;
  for (const auto& r : d.truth) CHECK(truth_ids.insert(r.account_id).second);
  std::set<std::string> share_ids;
  std::set<std::string> content_ids;
  std::set<std::pair<std::string, std::string>> account_object;
  for (std::size_t i = 0; i < d.shares.size(); ++i) {
    const auto& s = d.shares[i];
    share_ids.insert(s.account_id);
    content_ids.insert(s.content_id);
    account_object.emplace(s.account_id, s.object_id);
    CHECK((s.timestamp >= cfg.start_time && s.timestamp < cfg.start_time + cfg.duration_s));
    if (i > 0) {
      const auto& p = d.shares[i - 1];
      CHECK((p.timestamp < s.timestamp ||
             (p.timestamp == s.timestamp && p.content_id < s.content_id)));
    }
  }
  CHECK(share_ids == truth_ids);
  CHECK(content_ids.size() == d.shares.size());     // content ids unique
  CHECK(account_object.size() == d.shares.size());  // an account shares an object once

  std::map<std::string, int> styles;
  for (const auto& r : d.truth) {
    ++styles[r.style];
    if (r.style == "organic" || r.style == "viral-crowd" || r.style == "news-bot")
      CHECK(r.group == "organic");
  }
  CHECK(styles["news-bot"] == static_cast<int>(cfg.num_news_bots));
  CHECK(styles["viral-crowd"] >= static_cast<int>(cfg.viral_crowd_size));
}

TEST_CASE("synth planted groups co-share repeatedly within the window", "[datasets][synth]") {
  const auto& d = default_data();
  const auto w10 = co_shares(d.shares, 10);
  const auto w60 = co_shares(d.shares, 60);
  const auto weight = [](const auto& w, std::string a, std::string b) {
    if (b < a) std::swap(a, b);
    const auto it = w.find({a, b});
    return it == w.end() ? 0 : it->second;
  };
  for (const auto& [group, members] : members_by_group(d)) {
    const bool fast = group.rfind("fast-ring", 0) == 0;
    int pairs = 0, total10 = 0, total60 = 0;
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        ++pairs;
        const int c10 = weight(w10, members[i], members[j]);
        const int c60 = weight(w60, members[i], members[j]);
        total10 += c10;
        total60 += c60;
        if (fast) {
          INFO(group << " " << members[i] << " " << members[j]);
          CHECK(c10 >= 5);
        }
      }
    INFO(group << " mean weight at 10 s " << double(total10) / pairs << ", at 60 s "
               << double(total60) / pairs);
    if (fast) {
      CHECK(total10 == total60);  // nothing to gain from a longer window
    } else {
      CHECK(double(total60) / pairs >= 3.0);  // found at 60 s
      CHECK(double(total10) / pairs < 1.0);   // mostly not at 10 s
      CHECK(total10 * 5 < total60);
    }
  }

  // Decoys: organic pairs (viral crowds, news bots) hardly ever co-share twice.
  std::set<std::string> planted;
  for (const auto& r : d.truth)
    if (r.group != "organic") planted.insert(r.account_id);
  std::size_t organic_pairs = 0, repeated = 0, heavy = 0;
  for (const auto& [pair, w] : w60) {
    if (planted.count(pair.first) || planted.count(pair.second)) continue;
    ++organic_pairs;
    if (w >= 2) ++repeated;
    if (w >= 3) ++heavy;
  }
  INFO("organic co-share pairs " << organic_pairs << ", weight >= 2: " << repeated
                                 << ", weight >= 3: " << heavy);
  CHECK(organic_pairs > 100000);  // viral crowds make many weight-1 pairs
  CHECK(repeated * 100 < organic_pairs);
  CHECK(heavy <= 10);
}

TEST_CASE("synth viral decoys: >= 100 accounts within minutes", "[datasets][synth]") {
  const ds::SynthConfig cfg;
  const auto& d = default_data();
  std::unordered_map<std::string, std::vector<std::int64_t>> times;
  for (const auto& s : d.shares) times[s.object_id].push_back(s.timestamp);
  std::size_t bursts = 0;
  for (const auto& [object, t] : times) {
    const auto [lo, hi] = std::minmax_element(t.begin(), t.end());
    if (t.size() >= 100 && *hi - *lo <= 600) ++bursts;
  }
  CHECK(bursts == cfg.num_viral_objects);
}

TEST_CASE("synth CSV writers round trip, quoting when needed", "[datasets][synth]") {
  const std::vector<ds::Share> shares = {
      {"https://a.example/x?q=1,2", "1001", "9001", 1646092800},
      {"say \"hi\"", "1002", "9002", 1646092801},
      {"line\nbreak", "1003", "9003", -5},
      {"plain", "1004", "9004", 0},
  };
  const auto path = temp_path("shares.csv");
  ds::write_shares_csv(path, shares);
  const auto text = read_all(path);
  CHECK(text.find("\"https://a.example/x?q=1,2\"") != std::string::npos);
  CHECK(text.find("\"say \"\"hi\"\"\"") != std::string::npos);
  CHECK(text.find("\nplain,1004,9004,0\n") != std::string::npos);
  const auto rows = parse_csv(text);
  REQUIRE(rows.size() == shares.size() + 1);
  CHECK(rows[0] ==
        std::vector<std::string>{"object_id", "account_id", "content_id", "timestamp_share"});
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const auto& r = rows[i + 1];
    REQUIRE(r.size() == 4);
    CHECK(r[0] == shares[i].object_id);
    CHECK(r[1] == shares[i].account_id);
    CHECK(r[2] == shares[i].content_id);
    CHECK(r[3] == std::to_string(shares[i].timestamp));
  }
  std::filesystem::remove(path);

  const std::vector<ds::TruthRow> truth = {{"1001", "fast-ring-0", "fast-ring"},
                                           {"1002", "organic", "viral-crowd"}};
  const auto tpath = temp_path("truth.csv");
  ds::write_truth_csv(tpath, truth);
  const auto trows = parse_csv(read_all(tpath));
  REQUIRE(trows.size() == 3);
  CHECK(trows[0] == std::vector<std::string>{"account_id", "group", "style"});
  CHECK(trows[1] == std::vector<std::string>{"1001", "fast-ring-0", "fast-ring"});
  CHECK(trows[2] == std::vector<std::string>{"1002", "organic", "viral-crowd"});
  std::filesystem::remove(tpath);

  // No temporary file is left behind.
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    CHECK(e.path().filename().string().find("lockstep_test_synth_" + std::to_string(::getpid())) ==
          std::string::npos);
}

TEST_CASE("synth CSV writer throws IoError when it cannot create the file", "[datasets][synth]") {
  CHECK_THROWS_AS(ds::write_shares_csv("/nonexistent-dir/x/shares.csv", {}), lockstep::IoError);
  CHECK_THROWS_AS(ds::write_truth_csv("/nonexistent-dir/x/truth.csv", {}), lockstep::IoError);
}

TEST_CASE("bundled datasets/tiny equals the default generator output", "[datasets][synth]") {
  const auto& d = default_data();
  const auto shares_path = temp_path("tiny_shares.csv");
  const auto truth_path = temp_path("tiny_truth.csv");
  ds::write_shares_csv(shares_path, d.shares);
  ds::write_truth_csv(truth_path, d.truth);
  const std::string dir = LOCKSTEP_DATASETS_DIR;
  const auto bundled_shares = read_all(dir + "/tiny/shares.csv");
  const auto bundled_truth = read_all(dir + "/tiny/truth.csv");
  REQUIRE_FALSE(bundled_shares.empty());
  CHECK(bundled_shares.size() < 5u * 1000 * 1000);
  // Whole-file comparisons, without printing megabytes on failure.
  CHECK((bundled_shares == read_all(shares_path)));
  CHECK((bundled_truth == read_all(truth_path)));
  std::filesystem::remove(shares_path);
  std::filesystem::remove(truth_path);
}
