// SPDX-License-Identifier: Apache-2.0
#include <tbb/task_arena.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/readers/read_activity.hpp"
#include "io/readers/reader_context.hpp"
#include "io/readers/sniff_format.hpp"
#include "io/timestamp.hpp"
#include "support/temp_dir.hpp"

namespace io = lockstep::io;
using lockstep::ActivityTable;
using lockstep::ConfigError;
using lockstep::ObjectKind;
using lockstep::PostKind;
using lockstep::RefKind;
using lockstep::StringPool;
using lockstep::test::slurp;
using lockstep::test::TempDir;

namespace {

std::string sample(const std::string& name) {
  return std::string(LOCKSTEP_DATASETS_DIR) + "/samples/" + name;
}

ActivityTable read(const std::string& path, const std::string& format, bool repost_entities = false,
                   const std::string& rejects = "") {
  io::ReadOptions opts;
  opts.format = format;
  opts.repost_entities = repost_entities;
  opts.rejects.max_reject_fraction = 1.0;
  opts.rejects.rejects_path = rejects;
  return io::read_activity(std::vector<std::string>{path}, opts);
}

std::size_t count_kind(const ActivityTable& t, PostKind k) {
  return static_cast<std::size_t>(std::count(t.post_kind.begin(), t.post_kind.end(), k));
}
std::size_t count_ref(const ActivityTable& t, RefKind k) {
  return static_cast<std::size_t>(std::count(t.ref_kind.begin(), t.ref_kind.end(), k));
}
std::vector<std::string> refs_of(const ActivityTable& t, RefKind k) {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < t.num_refs(); ++r)
    if (t.ref_kind[r] == k)
      out.emplace_back(t.pool(lockstep::object_kind_of(k)).view(t.ref_object[r]));
  std::sort(out.begin(), out.end());
  return out;
}

struct AccountInfo {
  std::string handle, name;
  std::int64_t created, followers;
  bool operator==(const AccountInfo&) const = default;
};
AccountInfo account(const ActivityTable& t, std::string_view id) {
  const auto a = t.pool(ObjectKind::account).find(id);
  REQUIRE(a != StringPool::kMissing);
  return {t.accounts.handle[a], t.accounts.display_name[a], t.accounts.created[a],
          t.accounts.followers[a]};
}

// The table as text, independent of row order and interning order: one line per post with its
// sorted references, plus the account attributes.
std::vector<std::string> canonical(const ActivityTable& t, bool with_text = false) {
  std::vector<std::vector<std::string>> refs(t.num_posts());
  for (std::size_t r = 0; r < t.num_refs(); ++r)
    refs[t.ref_post[r]].push_back(
        std::to_string(static_cast<int>(t.ref_kind[r])) + ":" +
        std::string(t.pool(lockstep::object_kind_of(t.ref_kind[r])).view(t.ref_object[r])));
  std::vector<std::string> out;
  for (std::size_t p = 0; p < t.num_posts(); ++p) {
    std::sort(refs[p].begin(), refs[p].end());
    std::string line = std::string(t.pool(ObjectKind::post).view(t.post_id[p])) + " " +
                       std::string(t.pool(ObjectKind::account).view(t.post_account[p])) + " " +
                       std::to_string(t.post_time[p]) + " " +
                       std::to_string(static_cast<int>(t.post_kind[p]));
    for (const auto& r : refs[p]) line += " " + r;
    if (with_text) line += " |" + std::string(t.post_text[p]);
    out.push_back(line);
  }
  for (std::uint32_t a = 0; a < t.num_accounts(); ++a)
    out.push_back("account " + std::string(t.pool(ObjectKind::account).view(a)) + " " +
                  t.accounts.handle[a] + " " + std::to_string(t.accounts.followers[a]));
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* kOriginal = "1498629119800246273";
constexpr std::int64_t kT0 = 1646136000;  // 2022-03-01T12:00:00Z

}  // namespace

TEST_CASE("twitter timestamps parse without locale", "[io][twitter]") {
  std::int64_t t = 0;
  CHECK(io::parse_twitter_time("Tue Mar 01 12:00:00 +0000 2022", t));
  CHECK(t == kT0);
  CHECK(io::parse_twitter_time("Tue Mar 01 13:30:00 +0130 2022", t));
  CHECK(t == kT0);
  CHECK_FALSE(io::parse_twitter_time("Tue Mar 01 25:00:00 +0000 2022", t));
  CHECK_FALSE(io::parse_twitter_time("Tue Feb 30 12:00:00 +0000 2022", t));
  CHECK_FALSE(io::parse_twitter_time("2022-03-01T12:00:00Z", t));
  CHECK(io::parse_iso8601("2022-03-01T12:00:00.000Z", t));
  CHECK(t == kT0);
  CHECK(io::parse_iso8601("2022-03-01T13:00:00+01:00", t));
  CHECK(t == kT0);
  CHECK(io::parse_iso8601("2022-03-01 12:00", t));
  CHECK(t == kT0);
  CHECK(io::parse_iso8601("2022-03-01", t));
  CHECK(t == kT0 - 12 * 3600);
  CHECK_FALSE(io::parse_iso8601("2022-03-01T12:00:00.Z", t));
  CHECK_FALSE(io::parse_iso8601("2022-13-01", t));
  CHECK_FALSE(io::parse_iso8601("yesterday", t));
}

TEST_CASE("twitter-v1 sample: kinds, references and accounts", "[io][twitter]") {
  const auto t = read(sample("twitter_v1_tweets.jsonl"), "twitter-v1");
  REQUIRE(t.num_posts() == 5);
  CHECK(count_kind(t, PostKind::post) == 1);
  CHECK(count_kind(t, PostKind::repost) == 2);
  CHECK(count_kind(t, PostKind::quote) == 1);
  CHECK(count_kind(t, PostKind::reply) == 1);
  CHECK(refs_of(t, RefKind::reposts) == std::vector<std::string>{kOriginal, kOriginal});
  CHECK(refs_of(t, RefKind::quotes) == std::vector<std::string>{kOriginal});
  CHECK(refs_of(t, RefKind::replies_to) == std::vector<std::string>{kOriginal});
  CHECK(refs_of(t, RefKind::tags) == std::vector<std::string>{"demotag", "demotag"});
  // The quote's only URL is its permalink: not a link. The reply's link comes from
  // extended_tweet (the truncated top level only has the twitter.com/i/web link).
  CHECK(refs_of(t, RefKind::links) ==
        std::vector<std::string>{"https://example.org/story-1", "https://example.org/story-1"});
  CHECK(refs_of(t, RefKind::links_domain) ==
        std::vector<std::string>{"example.org", "example.org"});
  CHECK(refs_of(t, RefKind::mentions) == std::vector<std::string>{"900000000000000001"});
  CHECK(t.num_refs() == 11);
  CHECK(t.post_time[0] == kT0);
  CHECK(t.post_time[4] == kT0 + 120);
  CHECK(t.post_text[4].ends_with("xxxxxxxxxx https://example.org/story-1"));  // extended text
  REQUIRE(t.num_accounts() == 3);
  CHECK(account(t, "900000000000000001") ==
        AccountInfo{"newsdesk_demo", "Newsdesk Demo", 1433145600, 5210});
  CHECK(account(t, "1400000000000000011") ==
        AccountInfo{"civic_echo_01", "Civic Echo 01", 1635822245, 12});
  CHECK(account(t, "1400000000000000012") ==
        AccountInfo{"civic_echo_02", "Civic Echo 02", 1635822581, 9});
  for (auto p : t.accounts.platform) CHECK(p == lockstep::Platform::twitter);
  // The retweeted original is no row, but its author and time are known.
  const auto orig = t.pool(ObjectKind::post).find(kOriginal);
  REQUIRE(orig != StringPool::kMissing);
  CHECK(t.pool(ObjectKind::account).view(t.known_post_author[orig]) == "900000000000000001");
  CHECK(t.known_post_time[orig] == kT0);
  REQUIRE(t.inputs.size() == 1);
  CHECK(t.inputs[0].format == "twitter-v1");
  CHECK(t.inputs[0].n_records == 5);
  CHECK(t.inputs[0].n_rejected == 0);

  SECTION("repost_entities attaches the originals' entities to the retweets") {
    const auto e = read(sample("twitter_v1_tweets.jsonl"), "twitter-v1", true);
    CHECK(count_ref(e, RefKind::tags) == 4);
    CHECK(count_ref(e, RefKind::links) == 4);
    CHECK(count_ref(e, RefKind::links_domain) == 4);
    CHECK(count_ref(e, RefKind::mentions) == 1);
    CHECK(count_ref(e, RefKind::reposts) == 2);
  }
}

TEST_CASE("twitter-v1: a reply that quotes is a reply with both references", "[io][twitter]") {
  TempDir dir;
  const std::string line =
      R"({"created_at":"Tue Mar 01 12:05:00 +0000 2022","id_str":"1498630000000000001",)"
      R"("text":"@newsdesk_demo see https://t.co/q","in_reply_to_status_id_str":"1498629119800246273",)"
      R"("is_quote_status":true,"quoted_status_id_str":"1498629119800246273",)"
      R"("quoted_status_permalink":{"expanded":"https://x.com/newsdesk_demo/status/1498629119800246273"},)"
      R"("entities":{"hashtags":[{"text":"ＤｅｍｏＴａｇ"}],"user_mentions":[],"urls":[{"expanded_url":"https://x.com/newsdesk_demo/status/1498629119800246273?s=20"},{"expanded_url":"https://WWW.Example.org/a?utm_source=x"}]},)"
      R"("user":{"id_str":"7","screen_name":"seven"}})";
  const auto t = read(dir.write("q.jsonl", line + "\n"), "twitter-v1");
  REQUIRE(t.num_posts() == 1);
  CHECK(t.post_kind[0] == PostKind::reply);
  CHECK(refs_of(t, RefKind::replies_to) == std::vector<std::string>{kOriginal});
  CHECK(refs_of(t, RefKind::quotes) == std::vector<std::string>{kOriginal});
  CHECK(refs_of(t, RefKind::links) == std::vector<std::string>{"https://example.org/a"});
  CHECK(refs_of(t, RefKind::tags) == std::vector<std::string>{"demotag"});  // NFKC + casefold
}

TEST_CASE("twitter-v2 sample pages and flattened lines", "[io][twitter]") {
  const auto pages = read(sample("twitter_v2_twarc2_responses.jsonl"), "twitter-v2");
  const auto flat = read(sample("twitter_v2_flattened.jsonl"), "twitter-v2");
  const auto v1 = read(sample("twitter_v1_tweets.jsonl"), "twitter-v1");
  for (const ActivityTable* t : {&pages, &flat}) {
    REQUIRE(t->num_posts() == 5);
    CHECK(count_kind(*t, PostKind::post) == 1);
    CHECK(count_kind(*t, PostKind::repost) == 2);
    CHECK(count_kind(*t, PostKind::quote) == 1);
    CHECK(count_kind(*t, PostKind::reply) == 1);
    CHECK(count_ref(*t, RefKind::reposts) == 2);
    CHECK(count_ref(*t, RefKind::quotes) == 1);
    CHECK(count_ref(*t, RefKind::replies_to) == 1);
    CHECK(count_ref(*t, RefKind::tags) == 2);
    CHECK(count_ref(*t, RefKind::links) == 2);
    CHECK(count_ref(*t, RefKind::links_domain) == 2);
    CHECK(refs_of(*t, RefKind::mentions) == std::vector<std::string>{"900000000000000001"});
    REQUIRE(t->num_accounts() == 3);
    CHECK(account(*t, "900000000000000001") ==
          AccountInfo{"newsdesk_demo", "Newsdesk Demo", 1433145600, 5210});
    CHECK(account(*t, "1400000000000000012") ==
          AccountInfo{"civic_echo_02", "Civic Echo 02", 1635822581, 9});
    CHECK(t->inputs[0].format == "twitter-v2");
    CHECK(t->inputs[0].n_skipped == 0);
  }
  // Same tweets, same table: pages == flattened (texts included), and == v1.1 (without texts:
  // v2 texts keep t.co links).
  CHECK(canonical(pages, true) == canonical(flat, true));
  CHECK(canonical(pages) == canonical(v1));
  CHECK(canonical(read(sample("twitter_v2_twarc2_responses.jsonl"), "twitter-v2", true)) ==
        canonical(read(sample("twitter_v1_tweets.jsonl"), "twitter-v1", true)));
}

TEST_CASE("twitter-v2: error-only lines are skipped, not rejected", "[io][twitter]") {
  TempDir dir;
  const std::string flat = slurp(sample("twitter_v2_flattened.jsonl"));
  const std::string text =
      R"({"errors":[{"title":"Not Found Error","detail":"Could not find tweet"}]})"
      "\n" +
      flat +
      R"({"meta":{"result_count":0}})"
      "\n";
  const auto t = read(dir.write("e.jsonl", text), "twitter-v2");
  CHECK(t.num_posts() == 5);
  CHECK(t.inputs[0].n_skipped == 2);
  CHECK(t.inputs[0].n_rejected == 0);
}

TEST_CASE("twarc-csv sample with merged retweets", "[io][twitter]") {
  const auto t = read(sample("twarc_csv_tweets.csv"), "twarc-csv");
  REQUIRE(t.num_posts() == 3);
  CHECK(count_kind(t, PostKind::repost) == 1);
  CHECK(count_kind(t, PostKind::quote) == 1);
  CHECK(count_kind(t, PostKind::reply) == 1);
  CHECK(refs_of(t, RefKind::reposts) == std::vector<std::string>{kOriginal});
  CHECK(refs_of(t, RefKind::quotes) == std::vector<std::string>{kOriginal});
  CHECK(refs_of(t, RefKind::replies_to) == std::vector<std::string>{kOriginal});
  CHECK(refs_of(t, RefKind::tags) == std::vector<std::string>{"demotag"});  // the quote's
  CHECK(refs_of(t, RefKind::links) == std::vector<std::string>{"https://example.org/story-1"});
  CHECK(refs_of(t, RefKind::mentions) == std::vector<std::string>{"900000000000000001"});
  CHECK(t.num_refs() == 7);
  REQUIRE(t.num_accounts() == 3);
  CHECK(account(t, "1400000000000000011") == AccountInfo{"civic_echo_01", "", 1635822245, 12});
  CHECK(account(t, "900000000000000001").handle == "newsdesk_demo");
  CHECK(t.post_time[0] == kT0 + 4);
  CHECK(t.inputs[0].format == "twarc-csv");

  const auto e = read(sample("twarc_csv_tweets.csv"), "twarc-csv", true);
  CHECK(refs_of(e, RefKind::tags) == std::vector<std::string>{"demotag", "demotag"});
  CHECK(count_ref(e, RefKind::links) == 2);
}

TEST_CASE("twitter-v1 bad records: file:line: reason, verbatim rejects", "[io][twitter]") {
  TempDir dir;
  const std::string s = slurp(sample("twitter_v1_tweets.jsonl"));
  std::vector<std::string> lines;
  for (std::size_t p = 0, e; (e = s.find('\n', p)) != std::string::npos; p = e + 1)
    lines.push_back(s.substr(p, e - p));
  REQUIRE(lines.size() == 5);
  auto with = [](std::string l, const std::string& from, const std::string& to) {
    const auto p = l.find(from);
    REQUIRE(p != std::string::npos);
    return l.replace(p, from.size(), to);
  };
  const std::string good2 =
      with(lines[0], "\"id_str\": \"1498629119800246273\"", "\"id_str\": \"2\"");
  const std::vector<std::string> bad = {
      lines[1].substr(0, 300),  // 2 truncated
      with(lines[2], "Officials",
           "Offi\xff"
           "cials"),                                                                 // 3 bad UTF-8
      with(lines[3], "\"id_str\": \"1498629371458486276\"", "\"idx\": \"1\""),       // 4 no id
      with(lines[4], "\"id_str\": \"1498629623116726277\"", "\"id_str\": 1498"),     // 5 type
      with(lines[0], "Tue Mar 01 12:00:00 +0000 2022", "Tue Mar 01 12:00:00 2022"),  // 6 date
  };
  std::string text = "\xEF\xBB\xBF" + lines[0] + "\n";  // 1: BOM
  for (const auto& b : bad) text += b + "\n";
  text += good2 + "\r\n";  // 7: CRLF
  text += "\n";            // 8: blank
  text += R"({"delete":{"status":{"id":1,"id_str":"1","user_id":2,"user_id_str":"2"}}})" "\n";
  const std::string path = dir.write("bad.jsonl", text);
  const std::string rejects = dir.file("rejects.txt");
  const auto t = read(path, "twitter-v1", false, rejects);
  CHECK(t.num_posts() == 2);
  CHECK(t.inputs[0].n_records == 2);
  CHECK(t.inputs[0].n_rejected == 5);
  CHECK(t.inputs[0].n_skipped == 1);  // the delete notice
  const std::string r = slurp(rejects);
  CHECK_THAT(r, Catch::Contains("# " + path + ":2: invalid JSON: ") &&
                    Catch::Contains("\n" + bad[0] + "\n"));
  CHECK_THAT(r, Catch::Contains("# " + path + ":3: invalid UTF-8\n" + bad[1] + "\n"));
  CHECK_THAT(r, Catch::Contains("# " + path + ":4: missing id_str\n" + bad[2] + "\n"));
  CHECK_THAT(r, Catch::Contains("# " + path + ":5: id_str: expected a string, found a number\n" +
                                bad[3] + "\n"));
  CHECK_THAT(r, Catch::Contains("# " + path +
                                ":6: created_at: unparseable date 'Tue Mar 01 12:00:00 2022'\n" +
                                bad[4] + "\n"));

  SECTION("strict mode stops at the first bad line") {
    io::ReadOptions opts;
    opts.format = "twitter-v1";
    opts.rejects.strict = true;
    CHECK_THROWS_WITH(io::read_activity(std::vector<std::string>{path}, opts),
                      Catch::StartsWith(path + ":2: invalid JSON"));
  }
}

TEST_CASE("twitter-v2 and twarc-csv bad records", "[io][twitter]") {
  TempDir dir;
  const std::string flat = slurp(sample("twitter_v2_flattened.jsonl"));
  const std::string first = flat.substr(0, flat.find('\n'));
  const std::string no_author = R"({"id":"5","text":"x","created_at":"2022-03-01T12:00:00.000Z"})";
  const std::string bad_date = R"({"id":"6","text":"x","author_id":"1","created_at":"01/03/2022"})";
  const std::string page =
      R"({"data":[{"id":"7","author_id":"1","created_at":"2022-03-01T12:00:00Z"},{"id":"8","created_at":"2022-03-01T12:00:00Z"}]})";
  const std::string path = dir.write(
      "v2.jsonl", first + "\n" + no_author + "\n" + bad_date + "\n" + page + "\n" + "[1,2]\n");
  const std::string rejects = dir.file("rejects.txt");
  const auto t = read(path, "twitter-v2", false, rejects);
  CHECK(t.num_posts() == 1);
  CHECK(t.inputs[0].n_rejected == 4);
  const std::string r = slurp(rejects);
  CHECK_THAT(r, Catch::Contains(":2: missing author_id\n" + no_author + "\n"));
  CHECK_THAT(r, Catch::Contains(":3: created_at: unparseable date '01/03/2022'\n"));
  CHECK_THAT(r, Catch::Contains(":4: data[1]: missing author_id\n" + page + "\n"));
  CHECK_THAT(r, Catch::Contains(":5: not a JSON object\n"));

  const std::string csv = slurp(sample("twarc_csv_tweets.csv"));
  const std::string header = csv.substr(0, csv.find('\n') + 1);
  std::string rows = csv.substr(header.size());
  rows += ",,,,,1,,,,,,,2022-03-01T12:00:00Z,t,en,,,,1,a,,,x\n";               // no id
  rows += "9,,,,,1,,,,,,,March,t,en,,,,1,a,,,x\n";                             // bad date
  rows += "10,,,,,1,,,,,,,2022-03-01T12:00:00Z,t,en,\"[\"\"#a\",,,1,a,,,x\n";  // bad list
  rows += "11,,,,,1,,,,,,,2022-03-01T12:00:00Z,t\xc3,en,,,,1,a,,,x\n";         // UTF-8
  rows += "12,,,,,1\n";                                                        // fields
  const std::string cpath = dir.write("t.csv", header + rows);
  const std::string crejects = dir.file("crejects.txt");
  const auto c = read(cpath, "twarc-csv", false, crejects);
  CHECK(c.num_posts() == 3);
  CHECK(c.inputs[0].n_rejected == 5);
  const std::string cr = slurp(crejects);
  CHECK_THAT(cr, Catch::Contains(cpath + ":5: missing id\n"));
  CHECK_THAT(cr, Catch::Contains(cpath + ":6: created_at: unparseable date 'March'\n"));
  CHECK_THAT(cr, Catch::Contains(cpath + ":7: entities.hashtags: not a JSON list of strings\n"));
  CHECK_THAT(cr, Catch::Contains(cpath + ":8: invalid UTF-8\n"));
  CHECK_THAT(cr, Catch::Contains(cpath + ":9: expected 23 fields, found 6\n12,,,,,1\n"));
}

TEST_CASE("twitter readers give identical tables at 1 and 2 threads with tiny chunks",
          "[io][twitter]") {
  TempDir dir;
  // Many copies of the samples with fresh ids (ids differ per copy: no duplicates).
  std::string v1, v2;
  const std::string s1 = slurp(sample("twitter_v1_tweets.jsonl"));
  const std::string s2 = slurp(sample("twitter_v2_twarc2_responses.jsonl"));
  for (int k = 0; k < 60; ++k) {
    auto bump = [k](std::string s) {
      for (std::size_t p = 0; (p = s.find("149862", p)) != std::string::npos; p += 6)
        s.replace(p, 6, std::to_string(100000 + k * 7));
      return s;
    };
    v1 += bump(s1);
    v2 += bump(s2);
    if (k % 10 == 3) v1 += "{\"broken\n";
  }
  const auto p1 = dir.write("v1.jsonl", v1);
  const auto p2 = dir.write("v2.jsonl", v2);
  for (const auto& [path, format] : {std::pair{p1, "twitter-v1"}, std::pair{p2, "twitter-v2"}}) {
    std::vector<ActivityTable> tables;
    for (const auto& [threads, chunk] :
         {std::pair{1, std::size_t{1} << 20}, std::pair{2, std::size_t{700}},
          std::pair{2, std::size_t{1}}}) {
      io::ReadOptions opts;
      opts.format = format;
      opts.rejects.max_reject_fraction = 1.0;
      io::ReaderTuning tuning;
      tuning.chunk_bytes = chunk;
      tuning.chunks_per_block = 3;
      tbb::task_arena arena(threads);
      ActivityTable t;
      arena.execute([&] { t = io::read_activity(std::vector<std::string>{path}, opts, tuning); });
      tables.push_back(std::move(t));
    }
    REQUIRE(tables[0].num_posts() == 300);
    for (std::size_t i = 1; i < tables.size(); ++i) {
      CHECK(tables[i].post_id == tables[0].post_id);
      CHECK(tables[i].post_account == tables[0].post_account);
      CHECK(tables[i].post_time == tables[0].post_time);
      CHECK(tables[i].ref_object == tables[0].ref_object);
      CHECK(tables[i].ref_kind == tables[0].ref_kind);
      CHECK(tables[i].accounts.handle == tables[0].accounts.handle);
      CHECK(tables[i].inputs[0].n_rejected == tables[0].inputs[0].n_rejected);
    }
  }
}

TEST_CASE("format auto detects every Twitter sample and the shares CSV", "[io][twitter]") {
  CHECK(io::detect_format(sample("twitter_v1_tweets.jsonl")) == "twitter-v1");
  CHECK(io::detect_format(sample("twitter_v2_twarc2_responses.jsonl")) == "twitter-v2");
  CHECK(io::detect_format(sample("twitter_v2_flattened.jsonl")) == "twitter-v2");
  CHECK(io::detect_format(sample("twarc_csv_tweets.csv")) == "twarc-csv");
  CHECK(io::detect_format(sample("coortweet_input.csv")) == "shares-csv");
  CHECK(io::sniff_format("{\"errors\":[{\"title\":\"x\"}]}\n") == "twitter-v2");
  CHECK(io::sniff_format("\xEF\xBB\xBF\n\nobject_id,account_id,content_id,timestamp_share\n") ==
        "shares-csv");
  CHECK(io::sniff_format("a,b,c\n1,2,3\n").empty());

  const auto t = read(sample("twitter_v2_flattened.jsonl"), "auto");
  CHECK(t.inputs[0].format == "twitter-v2");
  CHECK(t.num_posts() == 5);
  // Mixed inputs: each gets its own format.
  io::ReadOptions opts;
  const auto m = io::read_activity(
      std::vector<std::string>{sample("twitter_v1_tweets.jsonl"), sample("twarc_csv_tweets.csv")},
      opts);
  REQUIRE(m.inputs.size() == 2);
  CHECK(m.inputs[0].format == "twitter-v1");
  CHECK(m.inputs[1].format == "twarc-csv");

  TempDir dir;
  const auto unknown = dir.write("x.txt", "hello\n");
  CHECK_THROWS_WITH(read(unknown, "auto"), Catch::Contains(unknown) && Catch::Contains("--format"));
  CHECK_THROWS_AS(read(unknown, "auto"), ConfigError);
}
