// SPDX-License-Identifier: Apache-2.0
#include <tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/readers/read_activity.hpp"
#include "io/readers/reader_context.hpp"
#include "support/activity_counts.hpp"
#include "support/temp_dir.hpp"

namespace io = lockstep::io;
using lockstep::ActivityTable;
using lockstep::InputError;
using lockstep::ObjectKind;
using lockstep::Platform;
using lockstep::PostKind;
using lockstep::RefKind;
using lockstep::StringPool;
using namespace lockstep::test;

namespace {

const std::string kSamples = std::string(LOCKSTEP_DATASETS_DIR) + "/samples/";

ActivityTable read_as(const std::string& format, const std::vector<std::string>& paths,
                      io::ReadOptions opts = {}) {
  opts.format = format;
  return io::read_activity(paths, opts);
}

// Reads with rejects kept in dir/rejects.txt and no reject limit; returns the rejects text.
ActivityTable read_bad(const TempDir& dir, const std::string& format, const std::string& path,
                       std::string& rejects) {
  io::ReadOptions opts;
  opts.format = format;
  opts.rejects.max_reject_fraction = 1.0;
  opts.rejects.rejects_path = dir.file("rejects_" + format + ".txt");
  auto t = io::read_activity(std::vector<std::string>{path}, opts);
  rejects = slurp(opts.rejects.rejects_path);
  return t;
}

std::string post_id(const ActivityTable& t, std::size_t row) {
  return std::string(t.pool(ObjectKind::post).view(t.post_id[row]));
}

// Same table at 1 and 2 threads with tiny chunks as with the defaults.
void check_thread_invariance(const std::string& format, const std::string& path) {
  TempDir dir;
  io::ReadOptions opts;
  opts.format = format;
  opts.rejects.max_reject_fraction = 1.0;
  opts.rejects.rejects_path = dir.file("ref.txt");
  const std::vector<std::string> paths{path};
  const ActivityTable reference = io::read_activity(paths, opts);
  const std::string reference_rejects = slurp(opts.rejects.rejects_path);
  for (const int threads : {1, 2}) {
    io::ReaderTuning tuning;
    tuning.chunk_bytes = 300;
    tuning.chunks_per_block = 2;
    opts.rejects.rejects_path = dir.file("r" + std::to_string(threads) + ".txt");
    tbb::task_arena arena(threads);
    ActivityTable t;
    arena.execute([&] { t = io::read_activity(paths, opts, tuning); });
    CHECK(same_content(reference, t));
    CHECK(slurp(opts.rejects.rejects_path) == reference_rejects);
  }
}

// Copies of the lines of a sample with every occurrence of `id_marker` made unique per copy,
// plus a malformed line now and then.
std::string replicate(const std::string& text, const std::string& id_marker, int copies) {
  std::string out;
  for (int i = 0; i < copies; ++i) {
    std::string r = text;
    for (std::size_t p = 0; (p = r.find(id_marker, p)) != std::string::npos;
         p += id_marker.size() + 4)
      r.insert(p + id_marker.size(), std::to_string(1000 + i));
    out += r;
    if (i % 7 == 2) out += "{\"truncated\": \n";
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// cnt-csv

TEST_CASE("cnt-csv reads the sample by column position", "[io][cnt_csv]") {
  const auto t = read_as("cnt-csv", {kSamples + "cnt_input.csv"});
  REQUIRE(t.num_posts() == 4);
  CHECK(count_posts(t, PostKind::post) == 1);
  CHECK(count_posts(t, PostKind::repost) == 2);
  CHECK(count_posts(t, PostKind::reply) == 1);
  CHECK(count_refs(t, RefKind::reposts) == 2);
  CHECK(count_refs(t, RefKind::replies_to) == 1);
  CHECK(count_refs(t, RefKind::links) == 3);
  CHECK(count_refs(t, RefKind::links_domain) == 3);
  CHECK(count_refs(t, RefKind::tags) == 0);
  CHECK(count_refs(t, RefKind::mentions) == 0);
  CHECK(t.num_accounts() == 3);
  CHECK(has_ref(t, 3, RefKind::links, "https://example.org/story-2"));
  CHECK(has_ref(t, 1, RefKind::reposts, "1498629119800246273"));
  CHECK(t.post_time[3] == 1646136120);
  const auto a = account_id(t, "1400000000000000011");
  CHECK(t.accounts.handle[a] == "civic_echo_01");
  CHECK(t.accounts.platform[a] == Platform::twitter);
}

TEST_CASE("cnt-csv accepts list-repr urls, float times and rejects bad rows", "[io][cnt_csv]") {
  TempDir dir;
  const auto p = dir.write("c.csv",
                           "a,b,c,d,e,f,g,h\n"
                           "1,u1,one,,,hi,1646136000.9,\"['https://x.org/a,b', 'https://y.org']\"\n"
                           "2,u1,one,,,hi,soon,\n"
                           ",u1,one,,,hi,1,\n"
                           "3,,one,,,hi,1,\n"
                           "4,u1,one,,,hi\n"
                           "5,u1,one,,,\"multi\nline\",1646136001,\n");
  std::string rejects;
  const auto t = read_bad(dir, "cnt-csv", p, rejects);
  REQUIRE(t.num_posts() == 2);
  CHECK(t.post_time[0] == 1646136000);
  CHECK(has_ref(t, 0, RefKind::links, "https://x.org/a,b"));
  CHECK(count_refs(t, RefKind::links) == 2);
  CHECK(t.post_text[1] == "multi\nline");
  CHECK(t.inputs[0].n_rejected == 4);
  CHECK(rejects == "# " + p + ":3: bad timestamp 'soon'\n2,u1,one,,,hi,soon,\n" + "# " + p +
                       ":4: empty message_id\n,u1,one,,,hi,1,\n" + "# " + p +
                       ":5: empty user_id\n3,,one,,,hi,1,\n" + "# " + p +
                       ":6: expected 8 fields, found 6\n4,u1,one,,,hi\n");
  CHECK_THROWS_WITH(read_as("cnt-csv", {dir.write("short.csv", "a,b,c\n1,2,3\n")}),
                    Catch::Contains("short.csv:1: expected at least 7 columns"));
}

TEST_CASE("cnt-csv is identical at 1 and 2 threads", "[io][cnt_csv]") {
  TempDir dir;
  const std::string sample = slurp(kSamples + "cnt_input.csv");
  const auto nl = sample.find('\n') + 1;
  std::string text = sample.substr(0, nl);
  for (int i = 0; i < 60; ++i) text += replicate(sample.substr(nl), "14986291", 1);
  check_thread_invariance("cnt-csv", dir.write("many.csv", text));
}

// ---------------------------------------------------------------------------------------------
// Telegram

TEST_CASE("telegram reads the sample export", "[io][telegram]") {
  const auto t = read_as("telegram", {kSamples + "telegram_result.json"});
  REQUIRE(t.num_posts() == 3);
  CHECK(post_id(t, 0) == "1234567890/101");
  CHECK(t.post_kind[0] == PostKind::post);
  CHECK(t.post_kind[1] == PostKind::repost);
  CHECK(t.post_kind[2] == PostKind::reply);
  CHECK(count_refs(t, RefKind::tags) == 1);
  CHECK(count_refs(t, RefKind::links) == 1);
  CHECK(count_refs(t, RefKind::links_domain) == 1);
  CHECK(count_refs(t, RefKind::mentions) == 0);
  CHECK(count_refs(t, RefKind::reposts) == 1);
  CHECK(count_refs(t, RefKind::replies_to) == 1);
  CHECK(t.num_refs() == 5);
  CHECK(has_ref(t, 0, RefKind::tags, "demotag"));
  CHECK(has_ref(t, 0, RefKind::links, "https://example.org/story-1"));
  CHECK(has_ref(t, 2, RefKind::replies_to, "1234567890/101"));
  const auto fwd = t.pool(ObjectKind::post).view(t.ref_object[3]);
  CHECK(fwd.starts_with("tg-forward:Other Demo Channel/"));
  CHECK(fwd.size() == std::string("tg-forward:Other Demo Channel/").size() + 16);
  CHECK(t.post_text[0] == "Read: https://example.org/story-1 #DemoTag");
  CHECK(t.post_time[1] == 1646136009);
  CHECK(t.num_accounts() == 1);
  CHECK(t.accounts.display_name[0] == "Demo Channel");
  CHECK(t.accounts.platform[0] == Platform::telegram);
  CHECK(t.inputs[0].n_skipped == 1);
  CHECK(t.inputs[0].n_records == 3);
}

TEST_CASE("telegram full exports, bad messages and bad documents", "[io][telegram]") {
  TempDir dir;
  const auto p = dir.write(
      "r.json",
      "\xEF\xBB\xBF{\"chats\": {\"list\": [{\"name\": \"A\", \"id\": 7, \"messages\": [\r\n"
      "{\"id\": 1, \"type\": \"message\", \"date\": \"2022-03-01T12:00:00\", \"from_id\": "
      "\"user1\", \"text\": [\"hi \", {\"type\": \"mention\", \"text\": \"@Bob\"}, {\"type\": "
      "\"text_link\", \"text\": \"here\", \"href\": \"https://x.org/\"}]},\r\n"
      "{\"id\": 2, \"type\": \"message\", \"date_unixtime\": \"1646136000\", \"text\": \"\"},\r\n"
      "{\"id\": 3, \"type\": \"message\", \"date\": \"noon\", \"from_id\": \"user1\"},\r\n"
      "{\"id\": 4, \"type\": \"message\", \"date_unixtime\": \"1\", \"from_id\": \"user1\", "
      "\"text\": 5},\r\n"
      "42,\r\n"
      "{\"id\": 5, \"type\": \"service\", \"date_unixtime\": \"1\"}\r\n"
      "]}]}}\r\n");
  std::string rejects;
  const auto t = read_bad(dir, "telegram", p, rejects);
  REQUIRE(t.num_posts() == 1);
  CHECK(post_id(t, 0) == "7/1");
  CHECK(t.post_time[0] == 1646136000);
  CHECK(has_ref(t, 0, RefKind::mentions, "@bob"));
  CHECK(has_ref(t, 0, RefKind::links, "https://x.org"));
  CHECK(t.post_text[0] == "hi @Bobhere");
  CHECK(t.inputs[0].n_rejected == 4);
  CHECK(t.inputs[0].n_skipped == 1);
  CHECK(rejects ==
        "# " + p + ":3: missing from_id\n" +
            "{\"id\": 2, \"type\": \"message\", \"date_unixtime\": \"1646136000\", \"text\": "
            "\"\"}\n" +
            "# " + p + ":4: bad date 'noon'\n" +
            "{\"id\": 3, \"type\": \"message\", \"date\": \"noon\", \"from_id\": \"user1\"}\n" +
            "# " + p + ":5: field 'text' is not an array\n" +
            "{\"id\": 4, \"type\": \"message\", \"date_unixtime\": \"1\", \"from_id\": "
            "\"user1\", \"text\": 5}\n" +
            "# " + p + ":6: message is not a JSON object\n42\n");
  CHECK_THROWS_WITH(read_as("telegram", {dir.write("t.json", "{\"id\": 1, \"messages\": [\n{")}),
                    Catch::Contains("t.json:"));
  CHECK_THROWS_WITH(read_as("telegram", {dir.write("a.json", "[1, 2]")}),
                    Catch::Contains("a.json:1: not a Telegram export"));
  CHECK_THROWS_WITH(read_as("telegram", {dir.write("u.json", "{\"name\": \"\xff\"}")}),
                    Catch::Contains("u.json:1: invalid UTF-8"));
}

// ---------------------------------------------------------------------------------------------
// Reddit

TEST_CASE("reddit reads submissions and comments", "[io][reddit]") {
  const auto t = read_as("reddit", {kSamples + "reddit_RS_submissions.ndjson",
                                    kSamples + "reddit_RC_comments.ndjson"});
  REQUIRE(t.num_posts() == 4);
  CHECK(count_posts(t, PostKind::post) == 2);
  CHECK(count_posts(t, PostKind::reply) == 2);
  CHECK(count_refs(t, RefKind::replies_to) == 2);
  CHECK(count_refs(t, RefKind::tags) == 4);
  CHECK(count_refs(t, RefKind::links) == 4);
  CHECK(count_refs(t, RefKind::links_domain) == 4);
  CHECK(count_refs(t, RefKind::mentions) == 0);
  CHECK(t.pool(ObjectKind::hashtag).size() == 2);
  CHECK(t.num_accounts() == 3);
  CHECK(post_id(t, 0) == "t3_t41xyz");
  CHECK(has_ref(t, 1, RefKind::tags, "r/demosub2"));
  CHECK(has_ref(t, 3, RefKind::replies_to, "t1_hz0a001"));
  CHECK(has_ref(t, 2, RefKind::links, "https://example.org/story-1"));
  CHECK(t.post_text[0] == "Officials announce new demo policy\n");
  const auto a = account_id(t, "t2_aaaa111");
  CHECK(t.accounts.handle[a] == "demo_user_a");
  CHECK(t.accounts.platform[a] == Platform::reddit);
  REQUIRE(t.inputs.size() == 2);
  CHECK(t.inputs[0].n_skipped == 1);
  CHECK(t.inputs[0].n_records == 2);
  CHECK(t.inputs[1].n_records == 2);
}

TEST_CASE("reddit rejects bad lines verbatim", "[io][reddit]") {
  TempDir dir;
  const std::string lines[] = {
      "{\"id\":\"a1\",\"author\":\"u\",\"created_utc\":\"1646136000\",\"title\":\"t\"}\r\n",  // 1
      "{\"id\":\"x\"\n",                                                                      // 2
      "{\"id\":\"a2\",\"author\":\"u\xff\",\"created_utc\":1}\n",                             // 3
      "[1,2]\n",                                                                              // 4
      "{\"name\":\"t3_b\",\"created_utc\":1}\n",                                              // 5
      "{\"name\":\"t3_c\",\"author\":\"u\",\"created_utc\":{}}\n",                            // 6
      "{\"name\":\"t3_d\",\"author\":\"u\",\"created_utc\":\"soon\"}\n",                      // 7
      "\n",                                                                                   // 8
      "{\"id\":\"c1\",\"parent_id\":\"t3_a1\",\"author\":\"v\",\"created_utc\":2.5}",         // 9
  };
  std::string text;
  for (const auto& l : lines) text += l;
  const auto p = dir.write("r.ndjson", text);
  std::string rejects;
  const auto t = read_bad(dir, "reddit", p, rejects);
  REQUIRE(t.num_posts() == 2);
  CHECK(post_id(t, 0) == "t3_a1");
  CHECK(post_id(t, 1) == "t1_c1");
  CHECK(t.post_time[1] == 2);
  CHECK(t.inputs[0].n_rejected == 6);
  CHECK_THAT(rejects, Catch::StartsWith("# " + p + ":2: invalid JSON"));
  CHECK_THAT(rejects,
             Catch::Contains("\n{\"id\":\"x\"\n# " + p + ":3: invalid UTF-8\n" + lines[2] + "# " +
                             p + ":4: record is not a JSON object\n" + lines[3] + "# " + p +
                             ":5: missing author\n" + lines[4] + "# " + p +
                             ":6: field 'created_utc' is not an integer\n" + lines[5] + "# " + p +
                             ":7: field 'created_utc' is not an integer\n" + lines[6]));
}

TEST_CASE("reddit is identical at 1 and 2 threads", "[io][reddit]") {
  TempDir dir;
  const std::string text = slurp(kSamples + "reddit_RS_submissions.ndjson") +
                           slurp(kSamples + "reddit_RC_comments.ndjson");
  check_thread_invariance("reddit", dir.write("many.ndjson", replicate(text, "\"t41", 40)));
}

// ---------------------------------------------------------------------------------------------
// Bluesky

TEST_CASE("bluesky reads Jetstream events", "[io][bluesky]") {
  const auto t = read_as("bluesky", {kSamples + "bluesky_jetstream.jsonl"});
  REQUIRE(t.num_posts() == 4);
  CHECK(t.post_kind[0] == PostKind::post);
  CHECK(t.post_kind[1] == PostKind::repost);
  CHECK(t.post_kind[2] == PostKind::reply);
  CHECK(t.post_kind[3] == PostKind::quote);
  const std::string original =
      "at://did:plc:demoaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3kdemopost00001";
  CHECK(post_id(t, 0) == original);
  CHECK(post_id(t, 1) ==
        "at://did:plc:demobbbbbbbbbbbbbbbbbbbb/app.bsky.feed.repost/3kdemorepost0001");
  CHECK(count_refs(t, RefKind::reposts) == 1);
  CHECK(count_refs(t, RefKind::replies_to) == 1);
  CHECK(count_refs(t, RefKind::quotes) == 1);
  CHECK(count_refs(t, RefKind::tags) == 1);
  CHECK(count_refs(t, RefKind::links) == 1);
  CHECK(count_refs(t, RefKind::links_domain) == 1);
  CHECK(count_refs(t, RefKind::mentions) == 1);
  CHECK(has_ref(t, 1, RefKind::reposts, original));
  CHECK(has_ref(t, 2, RefKind::replies_to, original));
  CHECK(has_ref(t, 3, RefKind::quotes, original));
  CHECK(has_ref(t, 2, RefKind::mentions, "did:plc:demoaaaaaaaaaaaaaaaaaaaa"));
  CHECK(has_ref(t, 0, RefKind::tags, "demotag"));
  CHECK(t.post_time[0] == 1646136000);
  CHECK(t.post_time[1] == 1646136004);
  CHECK(t.num_accounts() == 3);
  const auto b = account_id(t, "did:plc:demobbbbbbbbbbbbbbbbbbbb");
  CHECK(t.accounts.handle[b] == "demo-b.bsky.social");
  CHECK(t.accounts.platform[b] == Platform::bluesky);
  CHECK(t.inputs[0].n_skipped == 1);
}

TEST_CASE("bluesky rejects bad events and skips the others", "[io][bluesky]") {
  TempDir dir;
  const std::string lines[] = {
      "{\"did\":\"d1\",\"time_us\":1646136000500000,\"kind\":\"commit\",\"commit\":{\"operation\":"
      "\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r1\",\"record\":{\"text\":"
      "\"x\"}}}\n",  // 1 ok, time from time_us
      "{\"did\":\"d1\",\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\",\"collection\":"
      "\"app.bsky.feed.post\",\"rkey\":\"r1\"}}\n",  // 2 skipped
      "{\"did\":\"d1\",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":"
      "\"app.bsky.feed.like\",\"rkey\":\"r9\",\"record\":{}}}\n",  // 3 skipped
      "{\"did\":\"d1\",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":"
      "\"app.bsky.feed.post\",\"rkey\":\"r2\",\"record\":{\"createdAt\":\"later\"}}}\n",  // 4
      "{\"did\":\"d1\",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":"
      "\"app.bsky.feed.repost\",\"rkey\":\"r3\",\"record\":{\"createdAt\":"
      "\"2022-03-01T12:00:00Z\"}}}\n",  // 5
      "{\"kind\":\"commit\",\"commit\":{\"operation\":\"create\",\"collection\":"
      "\"app.bsky.feed.post\",\"rkey\":\"r4\",\"record\":{}}}\n",    // 6
      "{\"did\":\"d1\",\"kind\":\"commit\",\"commit\":\"oops\"}\n",  // 7
      "{\"did\":\"d1\",\"kind\":\"account\",\"account\":{}}\n",      // 8 skipped
  };
  std::string text;
  for (const auto& l : lines) text += l;
  const auto p = dir.write("b.jsonl", text);
  std::string rejects;
  const auto t = read_bad(dir, "bluesky", p, rejects);
  REQUIRE(t.num_posts() == 1);
  CHECK(t.post_time[0] == 1646136000);
  CHECK(t.inputs[0].n_skipped == 3);
  CHECK(t.inputs[0].n_rejected == 4);
  CHECK(rejects == "# " + p + ":4: bad createdAt 'later'\n" + lines[3] + "# " + p +
                       ":5: repost without subject.uri\n" + lines[4] + "# " + p +
                       ":6: missing did\n" + lines[5] + "# " + p +
                       ":7: field 'commit' is not an object\n" + lines[6]);
}

TEST_CASE("bluesky is identical at 1 and 2 threads", "[io][bluesky]") {
  TempDir dir;
  const std::string text = slurp(kSamples + "bluesky_jetstream.jsonl");
  check_thread_invariance("bluesky", dir.write("many.jsonl", replicate(text, "3kdemo", 30)));
}

// ---------------------------------------------------------------------------------------------
// Mastodon

TEST_CASE("mastodon reads a status array", "[io][mastodon]") {
  const auto t = read_as("mastodon", {kSamples + "mastodon_statuses.json"});
  REQUIRE(t.num_posts() == 3);
  CHECK(t.post_kind[0] == PostKind::reply);
  CHECK(t.post_kind[1] == PostKind::repost);
  CHECK(t.post_kind[2] == PostKind::post);
  const std::string original =
      "https://demo.social/users/newsdesk_demo/statuses/109950000000000001";
  CHECK(post_id(t, 2) == original);
  CHECK(count_refs(t, RefKind::replies_to) == 1);
  CHECK(count_refs(t, RefKind::reposts) == 1);
  CHECK(count_refs(t, RefKind::quotes) == 0);
  CHECK(count_refs(t, RefKind::tags) == 1);
  CHECK(count_refs(t, RefKind::links) == 1);
  CHECK(count_refs(t, RefKind::links_domain) == 1);
  CHECK(count_refs(t, RefKind::mentions) == 1);
  CHECK(has_ref(t, 0, RefKind::replies_to, original));
  CHECK(has_ref(t, 0, RefKind::mentions, "newsdesk_demo@demo.social"));
  CHECK(has_ref(t, 1, RefKind::reposts, original));
  CHECK(has_ref(t, 2, RefKind::links, "https://example.org/story-1"));
  CHECK(t.post_text[0] == "@newsdesk_demo agreed");
  CHECK(t.post_text[2] == "Officials announce new demo policy #DemoTag example.org/story-1");
  CHECK(t.post_time[0] == 1646136120);
  CHECK(t.num_accounts() == 2);
  const auto n = account_id(t, "newsdesk_demo@demo.social");
  REQUIRE(n != StringPool::kMissing);
  CHECK(t.accounts.handle[n] == "newsdesk_demo");
  CHECK(t.accounts.display_name[n] == "Newsdesk Demo");
  CHECK(t.accounts.followers[n] == 5210);
  CHECK(t.accounts.created[n] == 1635811200);
  CHECK(t.accounts.platform[n] == Platform::mastodon);

  io::ReadOptions opts;
  opts.repost_entities = true;
  const auto e = read_as("mastodon", {kSamples + "mastodon_statuses.json"}, opts);
  CHECK(has_ref(e, 1, RefKind::tags, "demotag"));
  CHECK(count_refs(e, RefKind::links) == 2);
}

TEST_CASE("mastodon rejects bad statuses and fails on bad documents", "[io][mastodon]") {
  TempDir dir;
  const std::string ok =
      "{\"uri\":\"https://m.org/s/1\",\"created_at\":\"2022-03-01T12:00:00Z\",\"account\":"
      "{\"acct\":\"a\",\"url\":\"https://m.org/@a\"},\"content\":\"<p>x &amp; <a "
      "href=\\\"https://y.org/?a=1&amp;b=2\\\">y</a></p>\"}";
  const std::string no_time = "{\"uri\":\"https://m.org/s/2\",\"account\":{\"acct\":\"a\"}}";
  const std::string bad_acc =
      "{\"uri\":\"https://m.org/s/3\",\"created_at\":\"2022-03-01T12:00:00Z\",\"account\":[]}";
  const std::string no_id =
      "{\"created_at\":\"2022-03-01T12:00:00Z\",\"account\":{\"acct\":\"a\"}}";
  const auto p = dir.write(
      "m.json", "[\n" + ok + ",\n" + no_time + ",\n" + bad_acc + ",\n" + no_id + ",\n\"s\"\n]\n");
  std::string rejects;
  const auto t = read_bad(dir, "mastodon", p, rejects);
  REQUIRE(t.num_posts() == 1);
  CHECK(t.post_text[0] == "x & y");
  CHECK(has_ref(t, 0, RefKind::links, "https://y.org?a=1&b=2"));
  CHECK(t.pool(ObjectKind::account).view(t.post_account[0]) == "a@m.org");
  CHECK(t.inputs[0].n_rejected == 4);
  CHECK(rejects == "# " + p + ":3: missing created_at\n" + no_time + "\n" + "# " + p +
                       ":4: field 'account' is not an object\n" + bad_acc + "\n" + "# " + p +
                       ":5: missing uri and url\n" + no_id + "\n" + "# " + p +
                       ":6: status is not a JSON object\n\"s\"\n");
  CHECK_THROWS_WITH(read_as("mastodon", {dir.write("o.json", "{}")}),
                    Catch::Contains("o.json:1: not a Mastodon status array"));
  CHECK_THROWS_WITH(read_as("mastodon", {dir.write("t.json", "[\n" + ok + ",\n{\"uri\": ")}),
                    Catch::Contains("t.json:"));
  CHECK_THROWS_AS(read_as("mastodon", {dir.write("e.json", "")}), InputError);
}
