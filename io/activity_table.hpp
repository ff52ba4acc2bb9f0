// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "io/string_pool.hpp"

namespace lockstep {

/// What a post is. A shares-CSV row is a `post` that references a generic shared object.
enum class PostKind : std::uint8_t { post = 0, repost = 1, quote = 2, reply = 3 };

/// Namespaces of interned strings. Each has its own dictionary in ActivityTable::dict.
enum class ObjectKind : std::uint8_t {
  account = 0,  // platform account id (or archive hash)
  post = 1,     // platform post id (content id)
  shared = 2,   // generic shared object of a shares CSV (URL, post id, hashtag, hash: unknown kind)
  hashtag = 3,  // lower-cased, without '#'
  url = 4,      // normalized URL
  domain = 5,   // host of a normalized URL, without "www."
  text = 6,     // text fingerprint
};
inline constexpr std::size_t kNumObjectKinds = 7;

/// How a post refers to an object; determines the dictionary of ref_object.
enum class RefKind : std::uint8_t {
  shares = 0,       // generic share of a `shared` object (shares CSV)
  reposts = 1,      // post -> reposted post
  quotes = 2,       // post -> quoted post
  replies_to = 3,   // post -> replied-to post
  mentions = 4,     // post -> mentioned account
  tags = 5,         // post -> hashtag
  links = 6,        // post -> url
  links_domain = 7, // post -> domain
  has_text = 8,     // post -> text fingerprint
};
inline constexpr std::size_t kNumRefKinds = 9;

/// The dictionary a reference kind points into.
constexpr ObjectKind object_kind_of(RefKind k) {
  constexpr std::array<ObjectKind, kNumRefKinds> map = {
      ObjectKind::shared,  ObjectKind::post,   ObjectKind::post,
      ObjectKind::post,    ObjectKind::account, ObjectKind::hashtag,
      ObjectKind::url,     ObjectKind::domain, ObjectKind::text};
  return map[static_cast<std::size_t>(k)];
}

/// Platform an account or post comes from (/accounts.platform codes).
enum class Platform : std::uint8_t {
  generic = 0,  // a shares table: platform unknown
  twitter = 1,
  telegram = 2,
  reddit = 3,
  bluesky = 4,
  mastodon = 5,
};

/// Account attributes, parallel to dict[account] (resize_accounts() keeps them in step).
/// Unknown values: "" for strings, -1 for numbers.
struct AccountAttributes {
  std::vector<Platform> platform;
  std::vector<std::string> handle;
  std::vector<std::string> display_name;
  std::vector<std::int64_t> created;    // UTC seconds
  std::vector<std::int64_t> followers;
};

/// Texts of posts in one buffer; text i is bytes[offsets[i], offsets[i + 1]).
struct TextColumn {
  std::vector<std::uint64_t> offsets{0};
  std::string bytes;

  void push_back(std::string_view text) {
    bytes.append(text);
    offsets.push_back(bytes.size());
  }
  std::string_view operator[](std::size_t i) const {
    return std::string_view(bytes).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
  std::size_t size() const noexcept { return offsets.size() - 1; }
};

/// Per-input-file bookkeeping, written to /run/inputs.
struct InputStats {
  std::string path;
  std::string format;
  std::string sha256;              // of the bytes as stored (compressed when compressed)
  std::uint64_t n_records = 0;     // records accepted (after de-duplication)
  std::uint64_t n_rejected = 0;    // records written to the rejects file
  std::uint64_t n_duplicates = 0;  // exact duplicate records dropped, counted here
  std::uint64_t n_skipped = 0;     // well-formed records that carry no post (e.g. error lines)
  std::int64_t min_time = -1;      // -1 when no record
  std::int64_t max_time = -1;
};

/// Columnar table of activity (struct of arrays). One row per post; a second column set holds
/// references from posts to objects. Every string is interned once per ObjectKind; the
/// dictionaries keep the originals for output. Row order is input order.
struct ActivityTable {
  // Posts.
  std::vector<std::uint32_t> post_account;  // id in dict[account]
  std::vector<std::uint32_t> post_id;       // id in dict[post]
  std::vector<std::int64_t> post_time;      // UTC seconds since epoch
  std::vector<PostKind> post_kind;

  // References: (post row, kind, object id in dict[object_kind_of(kind)]).
  std::vector<std::uint32_t> ref_post;
  std::vector<RefKind> ref_kind;
  std::vector<std::uint32_t> ref_object;

  // Post texts, parallel to the post rows when the format carries text; else empty.
  TextColumn post_text;

  std::array<StringPool, kNumObjectKinds> dict;
  AccountAttributes accounts;

  // What is known of every post id in dict[post], including referenced posts that are not rows
  // of the dump (a retweet's embedded original): author (dict[account], StringPool::kMissing
  // when unknown) and creation time (-1). Parallel to dict[post]; resize_posts() keeps it so.
  std::vector<std::uint32_t> known_post_author;
  std::vector<std::int64_t> known_post_time;

  std::vector<InputStats> inputs;

  /// Grows the account attributes to the account dictionary, with unknown values.
  void resize_accounts(Platform platform = Platform::generic) {
    const auto n = num_accounts();
    accounts.platform.resize(n, platform);
    accounts.handle.resize(n);
    accounts.display_name.resize(n);
    accounts.created.resize(n, -1);
    accounts.followers.resize(n, -1);
  }
  /// Grows known_post_* to the post dictionary, with unknown values.
  void resize_posts() {
    const auto n = pool(ObjectKind::post).size();
    known_post_author.resize(n, StringPool::kMissing);
    known_post_time.resize(n, -1);
  }

  std::size_t num_posts() const noexcept { return post_account.size(); }
  std::size_t num_refs() const noexcept { return ref_post.size(); }
  StringPool& pool(ObjectKind k) { return dict[static_cast<std::size_t>(k)]; }
  const StringPool& pool(ObjectKind k) const { return dict[static_cast<std::size_t>(k)]; }
  std::size_t num_accounts() const noexcept { return dict[0].size(); }
};

}  // namespace lockstep
