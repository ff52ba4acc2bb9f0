// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/synth.hpp"

namespace lockstep::datasets {

/// The campaign styles a planted group can have (datasets/README.md, "Activity model").
enum class CampaignStyle : std::uint8_t {
  fast_ring = 0,         // retweet the same posts within 0-10 s of each other
  slow_group = 1,        // retweet the same posts, each push spread over 10-50 s
  link_pusher = 2,       // post the same URLs (varying utm_* parameters and text) within 60 s
  copypasta = 3,         // post near-duplicate texts within minutes (en, es, ar, ja)
  hashtag_sequence = 4,  // post the same set of 3-4 hashtags, order shuffled, within minutes
  reply_brigade = 5,     // reply to the same target posts within minutes
};
inline constexpr std::size_t kNumCampaignStyles = 6;

/// "fast-ring", "slow-group", "link-pusher", "copypasta", "hashtag-sequence", "reply-brigade".
std::string_view style_name(CampaignStyle s);

enum class TweetKind : std::uint8_t { post = 0, repost = 1, quote = 2, reply = 3 };

/// One synthetic tweet. Times are UTC seconds; ids are snowflakes (Twitter's epoch) that grow
/// with time, so (id >> 22) + 1288834974657 gives back time * 1000.
struct SynthTweet {
  std::uint64_t id = 0;
  std::uint32_t author = 0;  // index into Activity::accounts
  std::int64_t time = 0;
  TweetKind kind = TweetKind::post;
  // The reposted, quoted or replied-to tweet (kind != post): its index in Activity::tweets (always
  // an earlier tweet), id, author index and time.
  std::uint32_t ref = kNoRef;
  std::uint64_t ref_id = 0;
  std::uint32_t ref_author = 0;
  std::int64_t ref_time = 0;
  // What the author wrote, with the "#tag" and "@handle" words but without the links (a
  // rendering appends them, e.g. as t.co links). Empty for reposts: the original's text counts.
  std::string text;
  std::vector<std::string> hashtags;    // without '#'; empty for reposts
  std::vector<std::string> urls;        // expanded URLs; empty for reposts
  std::vector<std::uint32_t> mentions;  // account indices; empty for reposts
  std::string lang = "en";
  // Tweet-level truth: the planted group whose campaign made the tweet (index into
  // Activity::groups) and the push of that group, or kNoGroup for organic and cover tweets.
  std::uint32_t group = kNoGroup;
  std::uint32_t push = 0;

  static constexpr std::uint32_t kNoRef = ~std::uint32_t{0};
  static constexpr std::uint32_t kNoGroup = ~std::uint32_t{0};
};

/// One synthetic account.
struct SynthAccount {
  std::uint64_t id = 0;
  std::string screen_name, display_name;
  std::int64_t created_at = 0;  // UTC s
  std::int64_t followers = 0;
};

/// One planted group: its style, name ("<style>-<k>") and member account indices.
struct PlantedGroup {
  CampaignStyle style = CampaignStyle::fast_ring;
  std::string name;
  std::vector<std::uint32_t> members;
  std::uint32_t pushes = 0;       // campaign pushes: tweets carry push 0..pushes-1
  bool created_together = false;  // members' accounts created within 7 days
};

/// Parameters of the activity generator; every default documented in datasets/README.md.
/// Sizes: organic accounts = num_tweets / 12 unless given; planted groups and decoys keep their
/// configured sizes.
struct ActivityConfig {
  std::uint64_t seed = 42;
  std::uint64_t num_tweets = 200000;     // approximate total, campaigns and decoys included
  std::uint32_t num_accounts = 0;        // organic accounts (0 = num_tweets / 12, at least 500)
  std::int64_t start_time = 1646092800;  // 2022-03-01T00:00:00Z
  std::int64_t duration_s = 7 * 86400;
  // Planted groups per style, indexed by CampaignStyle. Copypasta groups cycle through the
  // languages en, es, ar, ja.
  std::array<std::uint32_t, kNumCampaignStyles> groups = {3, 2, 2, 4, 2, 2};
  std::uint32_t min_group_size = 8;
  std::uint32_t max_group_size = 20;
  std::uint32_t min_pushes = 15;  // pushes per group: uniform in [min_pushes, max_pushes]
  std::uint32_t max_pushes = 40;
  double participation = 0.8;     // chance that a member joins one push (at most 1/3 missed)
  double min_cover = 0.3;         // share of a member's tweets that are organic cover: uniform in
  double max_cover = 0.7;         // [min_cover, max_cover], drawn per account
  double created_together = 0.5;  // chance that a group's accounts were created within 7 days
  // Decoys (group "organic").
  std::uint32_t viral_posts = 10;  // each retweeted once by a crowd within minutes
  std::uint32_t min_viral_crowd = 100;
  std::uint32_t max_viral_crowd = 200;
  std::uint32_t celebrities = 2;  // each with a stable fan base retweeting its posts
  std::uint32_t celebrity_posts = 40;
  std::uint32_t fans_per_celebrity = 150;
  double fan_retweet_chance = 0.3;  // a fan retweets one celebrity post with this chance
  std::uint32_t news_bots = 4;      // bots posting the links of one news feed
  std::uint32_t feed_items = 300;
};

/// A synthetic activity: accounts, tweets sorted by (time, id) and the truth per account
/// (sorted by account_id; group "organic" with style organic, viral-crowd, celebrity-fans or
/// news-bot for the negatives).
struct Activity {
  std::vector<SynthAccount> accounts;
  std::vector<SynthTweet> tweets;
  std::vector<PlantedGroup> groups;
  std::vector<TruthRow> truth;
};

/// Throws ConfigError on an impossible config (empty period, min > max sizes, a group smaller
/// than 3, participation or cover shares outside [0, 1], too few organic accounts for the
/// decoys ...).
void validate(const ActivityConfig& cfg);

/// Synthetic Twitter activity with planted campaigns of six styles, decoys and ground truth.
/// Organic background: account activity and post popularity from power laws; originals carry
/// hashtags, links and mentions; retweets, replies and quotes go to popular earlier posts after
/// heavy-tailed delays; accounts created over ten years. Every planted member also has organic
/// cover tweets (a share in [min_cover, max_cover] of its tweets). Deterministic: the same
/// config gives the same activity (counter-based splitmix64 streams). Cost: O(num_tweets) plus
/// the final O(n log n) time sort. Throws ConfigError as validate does.
Activity generate_activity(const ActivityConfig& cfg);

}  // namespace lockstep::datasets
