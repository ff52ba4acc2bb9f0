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

ActivityTable read_archive(const std::vector<std::string>& paths, io::ReadOptions opts = {}) {
  opts.format = "io-archive";
  return io::read_activity(paths, opts);
}

const char* kHeader2019 =
    "tweetid,userid,user_display_name,user_screen_name,user_reported_location,"
    "user_profile_description,user_profile_url,follower_count,following_count,"
    "account_creation_date,account_language,tweet_language,tweet_text,tweet_time,"
    "tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,"
    "retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,"
    "retweet_count,hashtags,urls,user_mentions,poll_choices\n";

}  // namespace

TEST_CASE("io-archive reads the 2019+ sample", "[io][io_archive]") {
  const auto t = read_archive({kSamples + "io_archive_tweets_2019plus.csv"});
  REQUIRE(t.num_posts() == 5);
  CHECK(count_posts(t, PostKind::post) == 1);
  CHECK(count_posts(t, PostKind::repost) == 2);
  CHECK(count_posts(t, PostKind::quote) == 1);
  CHECK(count_posts(t, PostKind::reply) == 1);
  CHECK(count_refs(t, RefKind::reposts) == 2);
  CHECK(count_refs(t, RefKind::quotes) == 1);
  CHECK(count_refs(t, RefKind::replies_to) == 1);
  CHECK(count_refs(t, RefKind::tags) == 2);
  CHECK(count_refs(t, RefKind::links) == 3);
  CHECK(count_refs(t, RefKind::links_domain) == 3);
  CHECK(count_refs(t, RefKind::mentions) == 1);
  CHECK(t.num_accounts() == 3);
  CHECK(t.inputs[0].n_records == 5);
  CHECK(t.inputs[0].n_rejected == 0);
  CHECK(t.post_time[0] == 1646136000);
  CHECK(t.post_time[4] == 1646136120);
  CHECK(has_ref(t, 0, RefKind::tags, "demotag"));
  CHECK(has_ref(t, 0, RefKind::links, "https://example.org/story-1"));
  CHECK(has_ref(t, 0, RefKind::links_domain, "example.org"));
  CHECK(has_ref(t, 1, RefKind::reposts, "1498629119800246273"));
  CHECK(has_ref(t, 3, RefKind::quotes, "1498629119800246273"));
  CHECK(has_ref(t, 3, RefKind::links_domain, "twitter.com"));
  CHECK(has_ref(t, 4, RefKind::replies_to, "1498629119800246273"));
  CHECK(has_ref(t, 4, RefKind::mentions, "900000000000000001"));
  CHECK(t.post_text[4] ==
        "@newsdesk_demo Totally agree, sharing with everyone I know.\n"
        "More context: https://t.co/Rr1234Rr12");
  const auto a = account_id(t, "900000000000000001");
  REQUIRE(a != StringPool::kMissing);
  CHECK(t.accounts.platform[a] == Platform::twitter);
  CHECK(t.accounts.handle[a] == "newsdesk_demo");
  CHECK(t.accounts.display_name[a] == "Newsdesk Demo");
  CHECK(t.accounts.followers[a] == 5210);
  CHECK(t.accounts.created[a] == 1433116800);
}

TEST_CASE("io-archive reads the 2018 sample with swapped reply columns", "[io][io_archive]") {
  const std::string path = kSamples + "io_archive_tweets_2018.csv";
  auto t = read_archive({path});
  REQUIRE(t.num_posts() == 2);
  CHECK(t.post_kind[0] == PostKind::repost);
  CHECK(t.post_kind[1] == PostKind::reply);
  CHECK(t.num_refs() == 4);  // reposts; replies_to, links, links_domain
  CHECK(has_ref(t, 0, RefKind::reposts, "880000000000000001"));
  CHECK(has_ref(t, 1, RefKind::replies_to, "880000000000000101"));
  CHECK(has_ref(t, 1, RefKind::links, "http://example.org/old-story-2"));
  CHECK(t.post_time[0] == 1498147380);
  const auto original = t.pool(ObjectKind::post).find("880000000000000001");
  REQUIRE(original != StringPool::kMissing);
  CHECK(t.pool(ObjectKind::account).view(t.known_post_author[original]) == "2572000000");
  CHECK(t.known_post_time[original] == -1);
  const auto a = account_id(t, "3f1c0d9a7b2e4c6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f");
  CHECK(t.accounts.followers[a] == 132);
  CHECK(t.accounts.created[a] == 1386374400);

  io::ReadOptions opts;
  opts.repost_entities = true;
  t = read_archive({path}, opts);
  CHECK(has_ref(t, 0, RefKind::tags, "тегдемо"));
  CHECK(has_ref(t, 0, RefKind::links, "http://example.org/old-story"));
  CHECK(has_ref(t, 0, RefKind::mentions, "2572000000"));
  CHECK(count_refs(t, RefKind::tags) == 1);
  CHECK(count_refs(t, RefKind::links) == 2);
}

TEST_CASE("io-archive release styles give the same model for equivalent rows", "[io][io_archive]") {
  TempDir dir;
  std::string h2018 = kHeader2019;
  h2018.replace(h2018.find("in_reply_to_userid,in_reply_to_tweetid"),
                std::string("in_reply_to_userid,in_reply_to_tweetid").size(),
                "in_reply_to_tweetid,in_reply_to_userid");
  std::string quoted_header;
  for (std::size_t p = 0; p < h2018.size() - 1;) {
    const auto e = std::min(h2018.find(',', p), h2018.size() - 1);
    quoted_header += (p ? ",\"" : "\"") + h2018.substr(p, e - p) + "\"";
    p = e + 1;
  }
  const std::string style2018 =
      quoted_header + "\n" +
      "\"11\",\"u1\",\"U One\",\"u_one\",\"\",\"\",\"\",\"10\",\"5\",\"2014-03-15\",\"en\",\"en\","
      "\"Hello #Tag, \"\"quoted\"\"\nsecond line\",\"2017-06-22 16:03\",\"web\",\"\",\"\",\"\","
      "\"false\",\"\",\"\",\"\",\"\",\"0\",\"0\",\"0\",\"0\",\"[Tag, Other]\","
      "\"[http://x.org/a,b, https://y.org/p]\",\"[42, 43]\",\"\"\n"
      "\"12\",\"u2\",\"U Two\",\"u_two\",\"\",\"\",\"\",\"7\",\"5\",\"2014-03-16\",\"en\",\"en\","
      "\"reply\",\"2017-06-22 16:04\",\"web\",\"11\",\"u1\",\"\",\"false\",\"\",\"\",\"\",\"\","
      "\"0\",\"0\",\"0\",\"0\",\"\",\"\",\"[u1]\",\"\"\n"
      "\"13\",\"u2\",\"U Two\",\"u_two\",\"\",\"\",\"\",\"7\",\"5\",\"2014-03-16\",\"en\",\"en\","
      "\"RT\",\"2017-06-22 16:05\",\"web\",\"\",\"\",\"\",\"true\",\"u1\",\"11\",\"\",\"\","
      "\"0\",\"0\",\"0\",\"0\",\"[Tag]\",\"\",\"[u1]\",\"\"\n";
  const std::string style2019 =
      std::string(kHeader2019) +
      "11,u1,U One,u_one,,,,10.0,5,2014-03-15,en,en,\"Hello #Tag, \"\"quoted\"\"\nsecond line\","
      "2017-06-22 16:03:00,web,,,,False,,,absent,absent,0.0,0.0,0.0,0.0,\"['Tag', 'Other']\","
      "\"['http://x.org/a,b', 'https://y.org/p']\",\"['42', '43']\",\n"
      "12,u2,U Two,u_two,,,,7.0,5,2014-03-16,en,en,reply,2017-06-22 16:04,web,u1,11,,False,,,"
      "absent,absent,0.0,0.0,0.0,0.0,[],[],['u1'],\n"
      "13,u2,U Two,u_two,,,,7,5,2014-03-16,en,en,RT,2017-06-22 16:05,web,,,,True,u1,11,"
      "absent,absent,0.0,0.0,0.0,0.0,['Tag'],[],['u1'],\n";
  const auto a = read_archive({dir.write("a.csv", style2018)});
  const auto b = read_archive({dir.write("b.csv", style2019)});
  REQUIRE(a.num_posts() == 3);
  CHECK(same_content(a, b));
  CHECK(a.post_kind[1] == PostKind::reply);
  CHECK(has_ref(a, 1, RefKind::replies_to, "11"));
  CHECK(has_ref(a, 0, RefKind::links, "http://x.org/a,b"));
  CHECK(count_refs(a, RefKind::tags) == 2);  // the retweet keeps only its reposts ref
  CHECK(count_refs(a, RefKind::mentions) == 3);
  CHECK(a.post_text[0] == "Hello #Tag, \"quoted\"\nsecond line");
}

TEST_CASE("io-archive applies the users file given as account_files", "[io][io_archive]") {
  io::ReadOptions opts;
  opts.account_files = {kSamples + "io_archive_users.csv"};
  const auto t = read_archive({kSamples + "io_archive_tweets_2018.csv"}, opts);
  REQUIRE(t.inputs.size() == 2);
  CHECK(t.inputs[0].format == "io-archive-users");
  CHECK(t.inputs[0].n_records == 3);
  CHECK(t.inputs[1].format == "io-archive");
  CHECK(t.num_posts() == 2);
  CHECK(t.num_accounts() == 2 + 3 + 1);  // users, tweet authors, the retweeted 2572000000
  const auto q = account_id(t, "Qk3vT1mZ0pX8cR2yL5nW7aH4sJ6dF9gE1uI0oP3qV8k=");
  REQUIRE(q != StringPool::kMissing);
  CHECK(t.accounts.followers[q] == 12);
  CHECK(t.accounts.created[q] == 1635811200);
  CHECK(t.accounts.platform[q] == Platform::twitter);
  const auto n = account_id(t, "900000000000000001");
  CHECK(t.accounts.handle[n] == "newsdesk_demo");
  CHECK(t.accounts.display_name[n] == "Newsdesk Demo");
}

TEST_CASE("io-archive rejects bad rows verbatim with reasons", "[io][io_archive]") {
  TempDir dir;
  const std::string h =
      "\xEF\xBB\xBFtweetid,userid,tweet_time,is_retweet,retweet_tweetid,"
      "follower_count,account_creation_date,hashtags\r\n";
  const std::string body = h +
                           "1,u1,2022-03-01 12:00,False,,1.0,2020-01-01,['A']\r\n"  // 2 ok
                           "2,u1,2022-03-01 12:00,False,,1\r\n"                     // 3
                           ",u1,2022-03-01 12:00,False,,1,,\r\n"                    // 4
                           "3,,2022-03-01 12:00,False,,1,,\r\n"                     // 5
                           "4,u1,yesterday,False,,1,,\r\n"                          // 6
                           "5,u1,2022-03-01 12:00,maybe,,1,,\r\n"                   // 7
                           "6,u1,2022-03-01 12:00,True,,1,,\r\n"                    // 8
                           "7,u1,2022-03-01 12:00,False,,many,,\r\n"                // 9
                           "8,u1,2022-03-01 12:00,False,,1,2020-02-30,\r\n"         // 10
                           "9,u\xff,2022-03-01 12:00,False,,1,,\r\n"                // 11
                           "\"10\nx\",u1,2022-03-01 12:00,False,,1,,\r\n"           // 12-13 ok
                           "11,u1,\"2022-03-01 12:00,False,,1,,\r\n";               // 14
  const auto p = dir.write("bad.csv", body);
  io::ReadOptions opts;
  opts.rejects.max_reject_fraction = 1.0;
  opts.rejects.rejects_path = dir.file("rejects.txt");
  const auto t = read_archive({p}, opts);
  CHECK(t.num_posts() == 2);
  CHECK(t.inputs[0].n_records == 2);
  CHECK(t.inputs[0].n_rejected == 10);
  const std::string expected =
      "# " + p + ":3: expected 8 fields, found 6\n2,u1,2022-03-01 12:00,False,,1\r\n" + "# " + p +
      ":4: empty tweetid\n,u1,2022-03-01 12:00,False,,1,,\r\n" + "# " + p +
      ":5: empty userid\n3,,2022-03-01 12:00,False,,1,,\r\n" + "# " + p +
      ":6: bad tweet_time 'yesterday'\n4,u1,yesterday,False,,1,,\r\n" + "# " + p +
      ":7: bad is_retweet 'maybe'\n5,u1,2022-03-01 12:00,maybe,,1,,\r\n" + "# " + p +
      ":8: is_retweet is true but retweet_tweetid is empty\n" +
      "6,u1,2022-03-01 12:00,True,,1,,\r\n" + "# " + p +
      ":9: bad follower_count 'many'\n7,u1,2022-03-01 12:00,False,,many,,\r\n" + "# " + p +
      ":10: bad account_creation_date '2020-02-30'\n" +
      "8,u1,2022-03-01 12:00,False,,1,2020-02-30,\r\n" + "# " + p +
      ":11: invalid UTF-8\n9,u\xff,2022-03-01 12:00,False,,1,,\r\n" + "# " + p +
      ":14: unterminated quoted field\n11,u1,\"2022-03-01 12:00,False,,1,,\r\n";
  CHECK(slurp(opts.rejects.rejects_path) == expected);
  CHECK(t.post_time[1] == 1646136000);
  CHECK(t.pool(ObjectKind::post).view(t.post_id[1]) == "10\nx");

  CHECK_THROWS_AS(read_archive({dir.write("nohdr.csv", "")}), InputError);
  CHECK_THROWS_WITH(read_archive({dir.write("nocol.csv", "tweetid,userid\n1,u\n")}),
                    Catch::Contains("nocol.csv:1: missing column tweet_time"));
}

TEST_CASE("io-archive gives identical tables at 1 and 2 threads with tiny chunks",
          "[io][io_archive]") {
  TempDir dir;
  std::string text = kHeader2019;
  const std::string sample = slurp(kSamples + "io_archive_tweets_2019plus.csv");
  const std::string rows = sample.substr(sample.find('\n') + 1);
  for (int i = 0; i < 200; ++i) {
    std::string r = rows;
    for (std::size_t p = 0; (p = r.find("1498629", p)) != std::string::npos; p += 7)
      r.replace(p, 7, std::to_string(1000000 + i));  // fresh tweet ids per copy
    text += r;
    if (i % 50 == 3) text += "bad,row\n";
  }
  const auto path = dir.write("many.csv", text);
  io::ReadOptions opts;
  opts.format = "io-archive";
  opts.rejects.max_reject_fraction = 1.0;
  opts.rejects.rejects_path = dir.file("ref.txt");
  const ActivityTable reference = io::read_activity(std::vector<std::string>{path}, opts);
  CHECK(reference.num_posts() == 1000);
  CHECK(reference.inputs[0].n_rejected == 4);
  const int threads = GENERATE(1, 2);
  io::ReaderTuning tuning;
  tuning.chunk_bytes = 700;
  tuning.chunks_per_block = 3;
  opts.rejects.rejects_path = dir.file("r" + std::to_string(threads) + ".txt");
  tbb::task_arena arena(threads);
  ActivityTable t;
  arena.execute([&] { t = io::read_activity(std::vector<std::string>{path}, opts, tuning); });
  CHECK(same_content(reference, t));
  CHECK(slurp(opts.rejects.rejects_path) == slurp(dir.file("ref.txt")));
}
