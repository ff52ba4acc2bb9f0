// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "algorithms/base/error.hpp"
#include "datasets/render.hpp"
#include "datasets/synth.hpp"
#include "io/readers/read_activity.hpp"
#include "io/readers/sniff_format.hpp"
#include "support/temp_dir.hpp"

namespace ds = lockstep::datasets;
namespace io = lockstep::io;
using lockstep::ActivityTable;
using lockstep::ObjectKind;
using lockstep::RefKind;
using lockstep::test::slurp;
using lockstep::test::TempDir;

namespace {

using Repost = std::tuple<std::string, std::string, std::int64_t>;  // account, reposted, time

std::vector<Repost> reposts(const ActivityTable& t) {
  std::vector<Repost> out;
  for (std::size_t r = 0; r < t.num_refs(); ++r) {
    if (t.ref_kind[r] != RefKind::reposts) continue;
    const auto p = t.ref_post[r];
    out.emplace_back(std::string(t.pool(ObjectKind::account).view(t.post_account[p])),
                     std::string(t.pool(ObjectKind::post).view(t.ref_object[r])), t.post_time[p]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::string, std::string>> handles(const ActivityTable& t) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::uint32_t a = 0; a < t.num_accounts(); ++a)
    out.emplace_back(t.pool(ObjectKind::account).view(a), t.accounts.handle[a]);
  std::sort(out.begin(), out.end());
  return out;
}

ActivityTable read(const std::string& path) {
  io::ReadOptions opts;  // format "auto": the renderings must be recognised
  opts.rejects.strict = true;
  return io::read_activity(std::vector<std::string>{path}, opts);
}

}  // namespace

TEST_CASE("v1.1, v2 and IO-archive renderings of one synthetic activity give the same reposts",
          "[datasets][render]") {
  ds::SynthConfig cfg;
  cfg.num_shares = 4000;
  const auto data = ds::generate_shares(cfg);
  TempDir dir;
  const auto v1 = dir.file("v1.jsonl"), v2 = dir.file("v2.jsonl"), ioa = dir.file("io.csv");
  ds::write_rendering(v1, data.shares, ds::Rendering::twitter_v1);
  ds::write_rendering(v2, data.shares, ds::Rendering::twitter_v2);
  ds::write_rendering(ioa, data.shares, ds::Rendering::io_archive);

  // What the shares say: a numeric object is a retweeted tweet.
  std::vector<Repost> expected;
  std::size_t links = 0;
  for (const auto& s : data.shares) {
    if (std::all_of(s.object_id.begin(), s.object_id.end(),
                    [](char c) { return c >= '0' && c <= '9'; }))
      expected.emplace_back(s.account_id, s.object_id, s.timestamp);
    else
      ++links;
  }
  std::sort(expected.begin(), expected.end());
  REQUIRE(expected.size() > 1000);
  REQUIRE(links > 1000);

  const auto t1 = read(v1);
  const auto t2 = read(v2);
  CHECK(t1.inputs[0].format == "twitter-v1");
  CHECK(t2.inputs[0].format == "twitter-v2");
  CHECK(t1.num_posts() == data.shares.size());
  CHECK(t2.num_posts() == data.shares.size());
  CHECK(reposts(t1) == expected);
  CHECK(reposts(t2) == expected);
  for (const auto* t : {&t1, &t2}) {
    CHECK(std::count(t->ref_kind.begin(), t->ref_kind.end(), RefKind::links) ==
          static_cast<std::ptrdiff_t>(links));
    CHECK(handles(*t) == handles(t1));
  }
  // No IO-archive reader in this tree yet: check the rendering's shape only.
  const std::string csv = slurp(ioa);
  CHECK(csv.starts_with("tweetid,userid,user_display_name,user_screen_name,"));
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) ==
        data.shares.size() + 1);
}

TEST_CASE("renderings are deterministic and named", "[datasets][render]") {
  ds::SynthConfig cfg;
  cfg.num_shares = 3000;
  const auto data = ds::generate_shares(cfg);
  TempDir dir;
  ds::write_rendering(dir.file("a"), data.shares, ds::Rendering::twitter_v1);
  ds::write_rendering(dir.file("b"), data.shares, ds::Rendering::twitter_v1);
  CHECK(slurp(dir.file("a")) == slurp(dir.file("b")));
  ds::write_rendering(dir.file("s"), data.shares, ds::Rendering::shares);
  ds::write_shares_csv(dir.file("t"), data.shares);
  CHECK(slurp(dir.file("s")) == slurp(dir.file("t")));
  CHECK(ds::parse_rendering("io-archive") == ds::Rendering::io_archive);
  CHECK_THROWS_AS(ds::parse_rendering("csv"), lockstep::ConfigError);
}
