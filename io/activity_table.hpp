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

/// Per-input-file bookkeeping, written to /run/inputs.
struct InputStats {
  std::string path;
  std::string format;
  std::string sha256;              // of the bytes as stored (compressed when compressed)
  std::uint64_t n_records = 0;     // records accepted (after de-duplication)
  std::uint64_t n_rejected = 0;    // records written to the rejects file
  std::uint64_t n_duplicates = 0;  // exact duplicate records dropped, counted here
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

  std::array<StringPool, kNumObjectKinds> dict;
  std::vector<InputStats> inputs;

  std::size_t num_posts() const noexcept { return post_account.size(); }
  std::size_t num_refs() const noexcept { return ref_post.size(); }
  StringPool& pool(ObjectKind k) { return dict[static_cast<std::size_t>(k)]; }
  const StringPool& pool(ObjectKind k) const { return dict[static_cast<std::size_t>(k)]; }
  std::size_t num_accounts() const noexcept { return dict[0].size(); }
};

}  // namespace lockstep
