// SPDX-License-Identifier: Apache-2.0
#include "datasets/activity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <string_view>

#include "algorithms/base/error.hpp"
#include "datasets/random_stream.hpp"

namespace lockstep::datasets {
namespace {

constexpr std::int64_t kSnowflakeEpochMs = 1288834974657;
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kYear = 365 * kDay;
constexpr std::uint32_t kNumWords = 8000;
constexpr std::uint32_t kNumTags = 3000;
constexpr std::uint32_t kNumDomains = 40;
constexpr std::uint32_t kArticlesPerDomain = 2000;
constexpr std::uint32_t kGroupTags = 8;
constexpr std::uint32_t kCopypastaWords = 24;
constexpr int kMaxRedraws = 64;

// Unscoped, so a phase converts to the stream tag it names.
enum Phase : std::uint64_t {
  kAccounts = 1,
  kGroups,
  kCampaign,
  kCelebrities,
  kViral,
  kNewsBots,
  kOrganic,
  kCover,
  kOrder
};

constexpr std::array<std::string_view, 24> kSyllables = {
    "ka", "lo", "mi", "ra", "ven", "tor", "sa",  "lu",  "pe", "di",  "mon", "zu",
    "ri", "ta", "el", "no", "ga",  "fi",  "sor", "bel", "an", "qui", "dre", "po"};
constexpr std::array<std::string_view, 16> kFirstNames = {
    "Alex", "Sam",   "Maria", "Chen",  "Fatima", "Yuki",  "Lucas", "Amara",
    "Omar", "Sofia", "Ivan",  "Priya", "Jonas",  "Leila", "Mateo", "Hana"};
constexpr std::array<std::string_view, 16> kLastNames = {
    "Smith",  "Garcia", "Khan", "Tanaka", "Rossi", "Novak", "Silva", "Haddad",
    "Okafor", "Kim",    "Berg", "Moreau", "Lopez", "Sato",  "Ali",   "Weber"};
constexpr std::array<std::string_view, 6> kUtmSources = {"twitter", "tw", "social",
                                                         "share",   "t",  "sm"};

// Copypasta vocabularies: short, common words of each language (Japanese without spaces).
struct Language {
  std::string_view code;
  std::string_view separator;
  std::array<std::string_view, 24> words;
  std::array<std::string_view, 3> endings;
};
constexpr std::array<Language, 4> kLanguages = {{
    {"en",
     " ",
     {"the",     "people",  "know",  "truth",  "about",   "election", "media", "hiding",
      "never",   "trust",   "share", "before", "deleted", "wake",     "up",    "our",
      "country", "freedom", "they",  "lie",    "every",   "day",      "now",   "stand"},
     {".", "!", "!!"}},
    {"es",
     " ",
     {"el",       "pueblo",  "sabe",     "verdad", "sobre",  "elecciones", "medios",  "ocultan",
      "nunca",    "confíes", "comparte", "antes",  "borren", "despierta",  "nuestro", "país",
      "libertad", "ellos",   "mienten",  "cada",   "día",    "ahora",      "juntos",  "todos"},
     {".", "!", "¡ya!"}},
    {"ar",
     " ",
     {"الشعب",  "يعرف", "الحقيقة", "عن",    "الانتخابات", "الإعلام", "يخفي",   "لا",
      "تثق",    "شارك", "قبل",     "الحذف", "استيقظوا",   "بلدنا",   "الحرية", "هم",
      "يكذبون", "كل",   "يوم",     "الآن",  "معا",        "نحن",     "الوطن",  "الجميع"},
     {".", "!", "!!"}},
    {"ja",
     "",
     {"国民は",     "真実を",   "知っている", "選挙について",   "メディアは", "隠している",
      "絶対に",     "信じるな", "拡散して",   "削除される前に", "目を覚ませ", "私たちの",
      "国と",       "自由を",   "彼らは",     "嘘をつく",       "毎日",       "今こそ",
      "立ち上がれ", "みんなで", "守ろう",     "本当の",         "情報を",     "広めよう"},
     {"。", "！", "！！"}},
}};

enum class Role : std::uint8_t { organic, viral_crowd, celebrity_fans, news_bot, planted };

std::string_view role_name(Role r) {
  switch (r) {
    case Role::viral_crowd:
      return "viral-crowd";
    case Role::celebrity_fans:
      return "celebrity-fans";
    case Role::news_bot:
      return "news-bot";
    default:
      return "organic";
  }
}

std::string make_word(std::uint32_t i) {
  std::string w(kSyllables[i % kSyllables.size()]);
  w += kSyllables[(i / kSyllables.size()) % kSyllables.size()];
  if (i >= kSyllables.size() * kSyllables.size())
    w += kSyllables[(i / (kSyllables.size() * kSyllables.size())) % kSyllables.size()];
  return w;
}

std::string capitalized(std::string w) {
  if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}

class Generator {
 public:
  explicit Generator(const ActivityConfig& cfg)
      : cfg_(cfg),
        n_organic_(cfg.num_accounts != 0 ? cfg.num_accounts
                                         : std::max<std::uint32_t>(500, static_cast<std::uint32_t>(
                                                                            cfg.num_tweets / 12))),
        words_(kNumWords),
        tags_(kNumTags),
        word_law_(kNumWords),
        tag_law_(kNumTags),
        domain_law_(kNumDomains),
        article_law_(kArticlesPerDomain) {
    for (std::uint32_t i = 0; i < kNumWords; ++i) words_[i] = make_word(i);
    for (std::uint32_t i = 0; i < kNumTags; ++i) tags_[i] = make_word(i * 7 + 3);
  }

  Activity run() {
    accounts_and_groups();
    campaigns();
    celebrities();
    viral();
    news_bots();
    organic();
    cover();
    return assemble();
  }

 private:
  // ---------------------------------------------------------------------------------------------
  // Accounts

  std::uint32_t add_account(Role role, std::string handle_prefix) {
    const auto i = static_cast<std::uint32_t>(out_.accounts.size());
    SynthAccount a;
    a.screen_name = std::move(handle_prefix);
    out_.accounts.push_back(std::move(a));
    role_.push_back(role);
    return i;
  }

  std::int64_t spread_creation(Stream& rng) const {
    return cfg_.start_time - kDay - static_cast<std::int64_t>(rng.between(0, 10 * kYear));
  }

  // Heavy-tailed follower count: median ~ 250, a few accounts with ~10^6.
  static std::int64_t followers(Stream& rng) {
    const double u = rng.uniform();
    const double u2 = u * u, u4 = u2 * u2, u12 = u4 * u4 * u4;
    return 5 + static_cast<std::int64_t>(2e6 * u12);
  }

  void accounts_and_groups() {
    Stream rng(cfg_.seed, kAccounts);
    for (std::uint32_t i = 0; i < n_organic_; ++i) add_account(Role::organic, "");
    Stream grng(cfg_.seed, kGroups);
    for (std::size_t s = 0; s < kNumCampaignStyles; ++s) {
      for (std::uint32_t k = 0; k < cfg_.groups[s]; ++k) {
        PlantedGroup g;
        g.style = static_cast<CampaignStyle>(s);
        g.name = fmt::format("{}-{}", style_name(g.style), k);
        g.created_together = grng.chance(cfg_.created_together);
        const auto size = grng.between(cfg_.min_group_size, cfg_.max_group_size);
        for (std::uint64_t m = 0; m < size; ++m)
          g.members.push_back(add_account(Role::planted, ""));
        g.pushes = static_cast<std::uint32_t>(grng.between(cfg_.min_pushes, cfg_.max_pushes));
        out_.groups.push_back(std::move(g));
      }
    }
    for (std::uint32_t c = 0; c < cfg_.celebrities; ++c)
      celebrity_.push_back(add_account(Role::celebrity_fans, "star"));
    for (std::uint32_t b = 0; b < cfg_.news_bots; ++b)
      bots_.push_back(add_account(Role::news_bot, "newsfeed"));

    const auto n = static_cast<std::uint32_t>(out_.accounts.size());
    const std::vector<std::uint32_t> ids = permutation(n, rng);
    for (std::uint32_t i = 0; i < n; ++i) {
      SynthAccount& a = out_.accounts[i];
      a.id = 1000000000ULL + std::uint64_t{ids[i]} * 7 + rng.between(0, 6);
      const std::string_view first = kFirstNames[rng.next() % kFirstNames.size()];
      const std::string_view last = kLastNames[rng.next() % kLastNames.size()];
      const std::string word = words_[rng.next() % kNumWords];
      a.screen_name = a.screen_name.empty() ? fmt::format("{}_{}{}", word, first, ids[i])
                                            : fmt::format("{}_{}", a.screen_name, ids[i]);
      a.display_name = fmt::format("{} {}", first, last);
      a.created_at = spread_creation(rng);
      a.followers = followers(rng);
    }
    for (const std::uint32_t c : celebrity_) {
      out_.accounts[c].display_name = fmt::format("{} (official)", out_.accounts[c].display_name);
      out_.accounts[c].followers = 2000000 + static_cast<std::int64_t>(rng.between(0, 8000000));
    }
    for (const std::uint32_t b : bots_) out_.accounts[b].display_name = "Daily Wire Feed";
    for (const PlantedGroup& g : out_.groups) {
      if (!g.created_together) continue;
      const std::int64_t w =
          cfg_.start_time - 30 * kDay - static_cast<std::int64_t>(rng.between(0, 3 * kYear));
      for (const std::uint32_t m : g.members)
        out_.accounts[m].created_at = w + static_cast<std::int64_t>(rng.between(0, 7 * kDay - 1));
    }
    activity_rank_ = permutation(n_organic_, rng);
    popularity_rank_ = permutation(n_organic_, rng);
    account_law_ = PowerLaw(n_organic_);
  }

  // An organic account: 60 % uniform, 40 % from a power law (a few very active accounts).
  std::uint32_t active_account(Stream& rng) const {
    const double u = rng.uniform();
    if (rng.chance(0.6)) return static_cast<std::uint32_t>(u * n_organic_);
    return activity_rank_[account_law_(u)];
  }
  std::uint32_t mentioned_account(Stream& rng) const {
    return popularity_rank_[account_law_(rng.uniform())];
  }

  // ---------------------------------------------------------------------------------------------
  // Tweets

  SynthTweet& add_tweet(std::uint32_t author, std::int64_t t, TweetKind kind) {
    SynthTweet& tw = out_.tweets.emplace_back();
    tw.author = author;
    tw.time = t;
    tw.kind = kind;
    return tw;
  }
  // A reference to tweet `ref` (an index into out_.tweets, always earlier in time).
  SynthTweet& add_ref_tweet(std::uint32_t author, std::int64_t t, TweetKind kind,
                            std::uint32_t ref) {
    SynthTweet& tw = add_tweet(author, t, kind);
    tw.ref = ref;
    return tw;
  }
  std::uint32_t last_index() const { return static_cast<std::uint32_t>(out_.tweets.size() - 1); }

  void append_words(Stream& rng, std::string& text, std::uint64_t lo, std::uint64_t hi) const {
    const auto n = rng.between(lo, hi);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!text.empty()) text += ' ';
      text += words_[word_law_(rng.uniform())];
    }
  }
  void add_mention(SynthTweet& tw, std::uint32_t account) const {
    tw.mentions.push_back(account);
    tw.text += " @";
    tw.text += out_.accounts[account].screen_name;
  }
  void add_hashtag(SynthTweet& tw, std::string tag) const {
    tw.text += " #";
    tw.text += tag;
    tw.hashtags.push_back(std::move(tag));
  }
  static std::string with_utm(Stream& rng, std::string url) {
    url += fmt::format("?utm_source={}&utm_medium=social&utm_campaign=c{}",
                       kUtmSources[rng.next() % kUtmSources.size()], rng.between(1, 999));
    return url;
  }

  // Organic text, hashtags, links and mentions of an original post, a quote or a reply.
  void organic_content(Stream& rng, SynthTweet& tw) const {
    append_words(rng, tw.text, 6, 14);
    if (rng.chance(0.35)) {
      const auto n = rng.between(1, 3);
      std::uint32_t prev = kNumTags;
      for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint32_t tag = tag_law_(rng.uniform());
        if (tag != prev) add_hashtag(tw, tags_[tag]);
        prev = tag;
      }
    }
    if (rng.chance(0.25)) {
      std::string url = fmt::format("https://{}.example/a/{}", words_[domain_law_(rng.uniform())],
                                    article_law_(rng.uniform()));
      tw.urls.push_back(rng.chance(0.2) ? with_utm(rng, std::move(url)) : std::move(url));
    }
    if (rng.chance(0.15)) {
      const auto n = rng.between(1, 2);
      for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint32_t m = mentioned_account(rng);
        if (m != tw.author &&
            std::find(tw.mentions.begin(), tw.mentions.end(), m) == tw.mentions.end())
          add_mention(tw, m);
      }
    }
  }

  std::int64_t random_time(Stream& rng, std::int64_t head, std::int64_t tail) const {
    return cfg_.start_time + head +
           static_cast<std::int64_t>(rng.between(0, cfg_.duration_s - 1 - head - tail));
  }

  // An original post by author at t.
  std::uint32_t organic_post(Stream& rng, std::uint32_t author, std::int64_t t) {
    SynthTweet& tw = add_tweet(author, t, TweetKind::post);
    organic_content(rng, tw);
    return last_index();
  }

  // A retweet, reply or quote by author of a popular original, after a heavy-tailed delay
  // (1 s to 2 days, most within hours). False when no original fits before the period's end.
  bool organic_interaction(Stream& rng, std::uint32_t author, TweetKind kind) {
    const std::int64_t end = cfg_.start_time + cfg_.duration_s;
    for (int tries = 0; tries < kMaxRedraws; ++tries) {
      const std::uint32_t ref = originals_[original_law_(rng.uniform())];
      const SynthTweet& orig = out_.tweets[ref];
      if (orig.author == author) continue;
      const double u = rng.uniform();
      const double u2 = u * u;
      const std::int64_t t = orig.time + 1 + static_cast<std::int64_t>(2 * kDay * u2 * u2);
      if (t >= end) continue;
      const std::uint32_t ref_author = orig.author;
      SynthTweet& tw = add_ref_tweet(author, t, kind, ref);
      if (kind == TweetKind::reply) {
        tw.mentions.push_back(ref_author);
        tw.text = "@" + out_.accounts[ref_author].screen_name;
      }
      if (kind != TweetKind::repost) organic_content(rng, tw);
      return true;
    }
    return false;
  }

  // One organic tweet of any kind by author: 45 % posts, 35 % retweets, 12 % replies, 8 % quotes.
  void organic_tweet(Stream& rng, std::uint32_t author) {
    const double u = rng.uniform();
    const TweetKind kind = u < 0.45   ? TweetKind::post
                           : u < 0.80 ? TweetKind::repost
                           : u < 0.92 ? TweetKind::reply
                                      : TweetKind::quote;
    if (kind == TweetKind::post || !organic_interaction(rng, author, kind))
      organic_post(rng, author, random_time(rng, 0, 0));
  }

  // ---------------------------------------------------------------------------------------------
  // Planted campaigns

  // Which members join each push: each with cfg.participation, but none misses more than a
  // third of the pushes and every push has at least two members.
  std::vector<std::vector<std::uint32_t>> participants(Stream& rng, const PlantedGroup& g) const {
    std::vector<std::vector<std::uint32_t>> out(g.pushes);
    std::vector<std::uint32_t> missed(g.members.size(), 0);
    const std::uint32_t max_missed = g.pushes / 3;
    for (std::uint32_t p = 0; p < g.pushes; ++p) {
      for (std::uint32_t m = 0; m < g.members.size(); ++m) {
        if (missed[m] < max_missed && !rng.chance(cfg_.participation))
          ++missed[m];
        else
          out[p].push_back(g.members[m]);
      }
      for (std::uint32_t m = 0; out[p].size() < 2 && m < g.members.size(); ++m)
        if (std::find(out[p].begin(), out[p].end(), g.members[m]) == out[p].end())
          out[p].push_back(g.members[m]);
    }
    return out;
  }

  SynthTweet& campaign_tweet(std::uint32_t g, std::uint32_t push, std::uint32_t author,
                             std::int64_t t, TweetKind kind, std::uint32_t ref) {
    SynthTweet& tw = add_ref_tweet(author, t, kind, ref);
    tw.group = g;
    tw.push = push;
    ++campaign_tweets_[author];
    return tw;
  }

  void campaigns() {
    campaign_tweets_.assign(out_.accounts.size(), 0);
    std::uint32_t copypasta_index = 0;
    for (std::uint32_t g = 0; g < out_.groups.size(); ++g) {
      Stream rng(splitmix64(cfg_.seed + g), kCampaign);
      const PlantedGroup& group = out_.groups[g];
      const auto joined = participants(rng, group);
      const Language& lang = kLanguages[copypasta_index % kLanguages.size()];
      if (group.style == CampaignStyle::copypasta) ++copypasta_index;
      const std::string domain = fmt::format("{}-{}.example", words_[rng.next() % kNumWords], g);
      std::vector<std::string> pool;
      for (std::uint32_t i = 0; i < kGroupTags; ++i)
        pool.push_back(fmt::format("{}{}{}", capitalized(words_[rng.next() % kNumWords]),
                                   capitalized(words_[rng.next() % kNumWords]), g));
      for (std::uint32_t p = 0; p < group.pushes; ++p) {
        const std::int64_t t0 = random_time(rng, 2 * 3600, 3600);
        run_push(rng, g, p, t0, joined[p], lang, domain, pool);
      }
    }
  }

  void run_push(Stream& rng, std::uint32_t g, std::uint32_t p, std::int64_t t0,
                const std::vector<std::uint32_t>& members, const Language& lang,
                const std::string& domain, std::vector<std::string>& pool) {
    const CampaignStyle style = out_.groups[g].style;
    std::uint32_t source = SynthTweet::kNoRef;
    if (style == CampaignStyle::fast_ring || style == CampaignStyle::slow_group ||
        style == CampaignStyle::reply_brigade) {
      // The pushed post: an ordinary post by an organic account, some time before the push.
      const auto lead = static_cast<std::int64_t>(rng.between(30, 3600));
      source = organic_post(rng, static_cast<std::uint32_t>(rng.next() % n_organic_), t0 - lead);
    }
    const auto span = static_cast<std::int64_t>(rng.between(10, 50));  // slow-group spread
    const std::string url =
        fmt::format("https://{}/{}/{}-{}", domain, 2022, words_[rng.next() % kNumWords], p);
    // Copypasta: the push's base text.
    std::vector<std::string_view> base(kCopypastaWords);
    for (auto& w : base) w = lang.words[rng.next() % lang.words.size()];
    // Hashtag sequence: 3-4 tags of the group's pool (partial Fisher-Yates).
    const auto n_tags = static_cast<std::uint32_t>(rng.between(3, 4));
    for (std::uint32_t i = 0; i < n_tags; ++i)
      std::swap(pool[i], pool[i + rng.next() % (pool.size() - i)]);

    for (std::size_t i = 0; i < members.size(); ++i) {
      const std::uint32_t m = members[i];
      switch (style) {
        case CampaignStyle::fast_ring:
          campaign_tweet(g, p, m, t0 + static_cast<std::int64_t>(rng.between(0, 9)),
                         TweetKind::repost, source);
          break;
        case CampaignStyle::slow_group: {
          // First and last member at the ends of the span, the others anywhere in it.
          const std::int64_t off = i == 0 ? 0
                                   : i + 1 == members.size()
                                       ? span
                                       : static_cast<std::int64_t>(rng.between(0, span));
          campaign_tweet(g, p, m, t0 + off, TweetKind::repost, source);
          break;
        }
        case CampaignStyle::link_pusher: {
          SynthTweet& tw =
              campaign_tweet(g, p, m, t0 + static_cast<std::int64_t>(rng.between(0, 59)),
                             TweetKind::post, SynthTweet::kNoRef);
          append_words(rng, tw.text, 5, 12);
          tw.urls.push_back(rng.chance(0.7) ? with_utm(rng, url) : url);
          break;
        }
        case CampaignStyle::copypasta: {
          SynthTweet& tw =
              campaign_tweet(g, p, m, t0 + static_cast<std::int64_t>(rng.between(0, 300)),
                             TweetKind::post, SynthTweet::kNoRef);
          copypasta_text(rng, tw, base, lang, url);
          break;
        }
        case CampaignStyle::hashtag_sequence: {
          SynthTweet& tw =
              campaign_tweet(g, p, m, t0 + static_cast<std::int64_t>(rng.between(0, 300)),
                             TweetKind::post, SynthTweet::kNoRef);
          append_words(rng, tw.text, 4, 10);
          std::vector<std::uint32_t> order(n_tags);
          std::iota(order.begin(), order.end(), 0);
          for (std::uint32_t k = n_tags; k > 1; --k) std::swap(order[k - 1], order[rng.next() % k]);
          for (const std::uint32_t k : order) add_hashtag(tw, pool[k]);
          break;
        }
        case CampaignStyle::reply_brigade: {
          const std::uint32_t target_author = out_.tweets[source].author;
          SynthTweet& tw =
              campaign_tweet(g, p, m, t0 + static_cast<std::int64_t>(rng.between(0, 240)),
                             TweetKind::reply, source);
          tw.mentions.push_back(target_author);
          tw.text = "@" + out_.accounts[target_author].screen_name;
          append_words(rng, tw.text, 5, 12);
          break;
        }
      }
    }
  }

  // A near-duplicate of the push's base text: one word swapped or the punctuation changed, and
  // sometimes a mention or the campaign link added.
  void copypasta_text(Stream& rng, SynthTweet& tw, std::vector<std::string_view> words,
                      const Language& lang, const std::string& url) const {
    std::string_view ending = lang.endings[0];
    if (rng.chance(0.6))
      words[rng.next() % words.size()] = lang.words[rng.next() % lang.words.size()];
    else
      ending = lang.endings[1 + rng.next() % 2];
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i) tw.text += lang.separator;
      tw.text += words[i];
    }
    tw.text += ending;
    tw.lang = std::string(lang.code);
    const double u = rng.uniform();
    if (u < 0.3)
      add_mention(tw, mentioned_account(rng));
    else if (u < 0.5)
      tw.urls.push_back(url);
  }

  // ---------------------------------------------------------------------------------------------
  // Decoys

  // An organic account that has no decoy role yet (or any organic account after many tries).
  std::uint32_t free_organic(Stream& rng) const {
    std::uint32_t a = 0;
    for (int tries = 0; tries < kMaxRedraws; ++tries) {
      a = static_cast<std::uint32_t>(rng.next() % n_organic_);
      if (role_[a] == Role::organic) break;
    }
    return a;
  }

  void celebrities() {
    Stream rng(cfg_.seed, kCelebrities);
    for (const std::uint32_t c : celebrity_) {
      std::vector<std::uint32_t> fans;
      for (std::uint32_t f = 0; f < cfg_.fans_per_celebrity; ++f) {
        const std::uint32_t a = free_organic(rng);
        if (role_[a] != Role::organic) continue;
        role_[a] = Role::celebrity_fans;
        fans.push_back(a);
      }
      for (std::uint32_t p = 0; p < cfg_.celebrity_posts; ++p) {
        const std::uint32_t post = organic_post(rng, c, random_time(rng, 0, 6 * 3600 + 1));
        const std::int64_t t = out_.tweets[post].time;
        for (const std::uint32_t f : fans) {
          if (!rng.chance(cfg_.fan_retweet_chance)) continue;
          const double u = rng.uniform();  // 5 s to 6 h, most within the first hour
          add_ref_tweet(f, t + 5 + static_cast<std::int64_t>(6 * 3600 * u * u * u),
                        TweetKind::repost, post);
        }
      }
    }
  }

  void viral() {
    Stream rng(cfg_.seed, kViral);
    std::vector<std::uint32_t> stamp(n_organic_, 0);
    for (std::uint32_t v = 1; v <= cfg_.viral_posts; ++v) {
      const std::uint32_t post = organic_post(
          rng, static_cast<std::uint32_t>(rng.next() % n_organic_), random_time(rng, 0, 3600));
      const std::int64_t t = out_.tweets[post].time;
      const std::uint32_t poster = out_.tweets[post].author;
      const auto crowd = rng.between(cfg_.min_viral_crowd, cfg_.max_viral_crowd);
      for (std::uint64_t i = 0; i < crowd; ++i) {
        const std::uint32_t a = free_organic(rng);
        if (stamp[a] == v || a == poster) continue;
        stamp[a] = v;
        if (role_[a] == Role::organic) role_[a] = Role::viral_crowd;
        const double u = rng.uniform();  // front-loaded burst within 5 minutes
        add_ref_tweet(a, t + 1 + static_cast<std::int64_t>(299 * u * u), TweetKind::repost, post);
      }
    }
  }

  void news_bots() {
    Stream rng(cfg_.seed, kNewsBots);
    for (std::uint32_t item = 0; item < cfg_.feed_items; ++item) {
      const std::int64_t t = random_time(rng, 0, 120);
      const std::string url =
          fmt::format("https://dailywire-feed.example/{}/{}", words_[rng.next() % kNumWords], item);
      std::string headline;
      append_words(rng, headline, 7, 12);
      headline = capitalized(std::move(headline));
      for (std::uint32_t b = 0; b < bots_.size(); ++b) {
        if (!rng.chance(0.9)) continue;  // each bot polls the feed on its own schedule
        SynthTweet& tw =
            add_tweet(bots_[b], t + static_cast<std::int64_t>(rng.between(5, 90)), TweetKind::post);
        tw.text = headline;
        tw.urls.push_back(fmt::format("{}?utm_source=feedbot{}&utm_medium=rss", url, b));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Organic background and cover

  std::uint64_t expected_cover() const {
    std::uint64_t n = 0;
    for (const PlantedGroup& g : out_.groups)
      for (const std::uint32_t m : g.members) n += campaign_tweets_[m];
    return n;  // the mean cover share is 1/2: as many cover tweets as campaign tweets
  }

  void organic() {
    Stream rng(cfg_.seed, kOrganic);
    const std::uint64_t made = out_.tweets.size() + expected_cover();
    const std::uint64_t budget =
        std::max<std::uint64_t>(cfg_.num_tweets > made ? cfg_.num_tweets - made : 0, n_organic_);
    const std::uint64_t n_posts = std::max<std::uint64_t>(budget * 45 / 100, n_organic_ / 2);
    // Originals first (every organic account posts at least once, while accounts last), so
    // the interactions have earlier targets.
    for (std::uint64_t i = 0; i < n_posts; ++i) {
      const std::uint32_t author =
          i < n_organic_ ? static_cast<std::uint32_t>(i) : active_account(rng);
      originals_.push_back(organic_post(rng, author, random_time(rng, 0, 0)));
    }
    const std::vector<std::uint32_t> popularity =
        permutation(static_cast<std::uint32_t>(originals_.size()), rng);
    std::vector<std::uint32_t> ranked(originals_.size());
    for (std::size_t i = 0; i < originals_.size(); ++i) ranked[popularity[i]] = originals_[i];
    originals_.swap(ranked);
    original_law_ = PowerLaw(static_cast<std::uint32_t>(originals_.size()));
    for (std::uint64_t i = n_posts; i < budget; ++i) {
      const std::uint32_t author =
          i < n_organic_ ? static_cast<std::uint32_t>(i) : active_account(rng);
      const double u = rng.uniform() * 0.55;  // the non-post part of organic_tweet's mix
      const TweetKind kind = u < 0.35   ? TweetKind::repost
                             : u < 0.47 ? TweetKind::reply
                                        : TweetKind::quote;
      if (!organic_interaction(rng, author, kind))
        organic_post(rng, author, random_time(rng, 0, 0));
    }
  }

  void cover() {
    Stream rng(cfg_.seed, kCover);
    for (const PlantedGroup& g : out_.groups) {
      for (const std::uint32_t m : g.members) {
        const std::uint64_t c = campaign_tweets_[m];
        const double share = cfg_.min_cover + (cfg_.max_cover - cfg_.min_cover) * rng.uniform();
        auto n = static_cast<std::uint64_t>(static_cast<double>(c) * share / (1.0 - share) + 0.5);
        // Rounding must not leave [min_cover, max_cover].
        while (n > 0 && static_cast<double>(n) > cfg_.max_cover * static_cast<double>(n + c)) --n;
        while (static_cast<double>(n) < cfg_.min_cover * static_cast<double>(n + c)) ++n;
        for (std::uint64_t i = 0; i < n; ++i) organic_tweet(rng, m);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Order, ids, truth

  Activity assemble() {
    Stream rng(cfg_.seed, kOrder);
    const auto n = static_cast<std::uint32_t>(out_.tweets.size());
    std::vector<std::uint64_t> key(n);
    for (auto& k : key) k = rng.next();
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const auto ta = out_.tweets[a].time, tb = out_.tweets[b].time;
      return ta != tb ? ta < tb : key[a] < key[b];
    });
    std::vector<std::uint32_t> new_index(n);
    for (std::uint32_t i = 0; i < n; ++i) new_index[order[i]] = i;
    std::vector<SynthTweet> sorted;
    sorted.reserve(n);
    std::uint64_t seq = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      SynthTweet& tw = sorted.emplace_back(std::move(out_.tweets[order[i]]));
      seq = i > 0 && sorted[i - 1].time == tw.time ? seq + 1 : 0;
      // Snowflake: milliseconds since Twitter's epoch, the sequence in the low 22 bits.
      tw.id = (static_cast<std::uint64_t>(tw.time * 1000 - kSnowflakeEpochMs) << 22) | seq;
      if (tw.ref != SynthTweet::kNoRef) {
        tw.ref = new_index[tw.ref];
        const SynthTweet& orig = sorted[tw.ref];
        tw.ref_id = orig.id;
        tw.ref_author = orig.author;
        tw.ref_time = orig.time;
      }
    }
    out_.tweets.swap(sorted);

    std::vector<TruthRow>& truth = out_.truth;
    truth.reserve(out_.accounts.size());
    for (std::uint32_t a = 0; a < out_.accounts.size(); ++a)
      truth.push_back(
          {std::to_string(out_.accounts[a].id), "organic", std::string(role_name(role_[a]))});
    for (const PlantedGroup& g : out_.groups)
      for (const std::uint32_t m : g.members) {
        truth[m].group = g.name;
        truth[m].style = std::string(style_name(g.style));
      }
    std::sort(truth.begin(), truth.end(),
              [](const TruthRow& a, const TruthRow& b) { return a.account_id < b.account_id; });
    return std::move(out_);
  }

  const ActivityConfig& cfg_;
  std::uint32_t n_organic_;
  std::vector<std::string> words_, tags_;
  PowerLaw word_law_, tag_law_, domain_law_, article_law_;
  PowerLaw account_law_{1};
  PowerLaw original_law_{1};
  Activity out_;
  std::vector<Role> role_;
  std::vector<std::uint32_t> celebrity_, bots_;
  std::vector<std::uint32_t> activity_rank_, popularity_rank_;
  std::vector<std::uint32_t> originals_;  // organic original posts, most popular first
  std::vector<std::uint64_t> campaign_tweets_;
};

}  // namespace

std::string_view style_name(CampaignStyle s) {
  switch (s) {
    case CampaignStyle::fast_ring:
      return "fast-ring";
    case CampaignStyle::slow_group:
      return "slow-group";
    case CampaignStyle::link_pusher:
      return "link-pusher";
    case CampaignStyle::copypasta:
      return "copypasta";
    case CampaignStyle::hashtag_sequence:
      return "hashtag-sequence";
    case CampaignStyle::reply_brigade:
      return "reply-brigade";
  }
  return "unknown";
}

void validate(const ActivityConfig& cfg) {
  const auto fail = [](const std::string& what) { throw ConfigError("activity: " + what); };
  if (cfg.duration_s < 6 * 3600 + 10) fail("duration must be at least 6 hours");
  if (cfg.start_time * 1000 <= kSnowflakeEpochMs)
    fail("start time must be after the snowflake epoch (2010-11-04)");
  if (cfg.min_group_size < 3 || cfg.min_group_size > cfg.max_group_size)
    fail("group sizes need 3 <= min <= max");
  if (cfg.min_pushes < 3 || cfg.min_pushes > cfg.max_pushes) fail("pushes need 3 <= min <= max");
  if (!(cfg.participation > 0 && cfg.participation <= 1)) fail("participation outside (0, 1]");
  if (!(cfg.min_cover >= 0 && cfg.min_cover <= cfg.max_cover && cfg.max_cover < 1))
    fail("cover shares need 0 <= min <= max < 1");
  if (!(cfg.created_together >= 0 && cfg.created_together <= 1))
    fail("created_together outside [0, 1]");
  if (cfg.min_viral_crowd > cfg.max_viral_crowd) fail("viral crowd needs min <= max");
  if (!(cfg.fan_retweet_chance >= 0 && cfg.fan_retweet_chance <= 1))
    fail("fan retweet chance outside [0, 1]");
  const std::uint32_t organic =
      cfg.num_accounts != 0
          ? cfg.num_accounts
          : std::max<std::uint32_t>(500, static_cast<std::uint32_t>(cfg.num_tweets / 12));
  if (std::uint64_t{cfg.max_viral_crowd} * 2 > organic ||
      std::uint64_t{cfg.fans_per_celebrity} * cfg.celebrities * 4 > organic)
    fail(
        fmt::format("{} organic accounts are too few for the decoy crowds and fan bases", organic));
}

Activity generate_activity(const ActivityConfig& cfg) {
  validate(cfg);
  return Generator(cfg).run();
}

}  // namespace lockstep::datasets
