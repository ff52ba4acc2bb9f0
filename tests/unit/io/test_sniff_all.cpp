// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>
#include <string>

#include "io/readers/sniff_format.hpp"

TEST_CASE("format auto-detection recognises every bundled sample", "[io][auto]") {
  const std::string dir = std::string(LOCKSTEP_DATASETS_DIR) + "/samples/";
  const std::pair<const char*, const char*> cases[] = {
      {"bluesky_jetstream.jsonl", "bluesky"},
      {"cnt_input.csv", "cnt-csv"},
      {"coortweet_input.csv", "shares-csv"},
      {"csds_input_multiplatform.csv", "shares-csv"},
      {"io_archive_tweets_2018.csv", "io-archive"},
      {"io_archive_tweets_2019plus.csv", "io-archive"},
      {"io_archive_users.csv", "io-archive-users"},
      {"mastodon_statuses.json", "mastodon"},
      {"reddit_RC_comments.ndjson", "reddit"},
      {"reddit_RS_submissions.ndjson", "reddit"},
      {"telegram_result.json", "telegram"},
      {"twarc_csv_tweets.csv", "twarc-csv"},
      {"twitter_v1_tweets.jsonl", "twitter-v1"},
      {"twitter_v2_flattened.jsonl", "twitter-v2"},
      {"twitter_v2_twarc2_responses.jsonl", "twitter-v2"},
  };
  for (const auto& [file, format] : cases) {
    INFO(file);
    CHECK(lockstep::io::detect_format(dir + file) == format);
  }
}
