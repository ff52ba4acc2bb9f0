// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing for the format readers: a chunk's worth of parsed posts with chunk-local
// string ids (filled in parallel), and the serial merge that appends batches to the
// ActivityTable in input order. Shared by every reader except shares-csv (which has its own
// specialised path).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/activity_table.hpp"
#include "io/readers/reject_sink.hpp"

namespace lockstep::io {

/// Posts, references and facts parsed from one chunk. Ids index the batch's own dictionaries.
/// Line numbers are relative to the chunk's first line (0-based).
struct PostBatch {
  std::array<StringPool, kNumObjectKinds> dict;

  std::vector<std::uint32_t> account, post_id;
  std::vector<std::int64_t> time;
  std::vector<PostKind> kind;
  std::vector<Platform> platform;
  std::vector<std::uint64_t> line;
  TextColumn text;  // one entry per post ("" when the format has no text)

  std::vector<std::uint32_t> ref_post;  // batch post row
  std::vector<RefKind> ref_kind;
  std::vector<std::uint32_t> ref_object;

  /// Attributes of an account seen in this chunk; "" / -1 = not given.
  struct AccountFact {
    std::uint32_t account;
    Platform platform;
    std::string handle, display_name;
    std::int64_t created = -1, followers = -1;
  };
  std::vector<AccountFact> account_facts;

  /// What is known of a (possibly referenced) post: author and creation time.
  struct PostFact {
    std::uint32_t post;
    std::uint32_t author;  // StringPool::kMissing when unknown
    std::int64_t time;     // -1 when unknown
  };
  std::vector<PostFact> post_facts;

  struct Reject {
    std::uint64_t line;
    std::string raw;
    std::string reason;
  };
  std::vector<Reject> rejects;
  std::uint64_t n_lines = 0;    // newlines consumed by the chunk
  std::uint64_t n_skipped = 0;  // well-formed records that carry no post (counted, not rejected)
  std::uint64_t n_attribute_records = 0;  // accepted records that carry only account attributes

  /// Appends a post; references and text follow with add_ref(). Returns the batch row.
  std::uint32_t add_post(Platform p, std::string_view id, std::string_view account_id,
                         std::int64_t t, PostKind k, std::uint64_t rel_line,
                         std::string_view post_text = {});
  /// Adds a reference from the last post. Empty objects are ignored.
  void add_ref(RefKind k, std::string_view object);
  /// Records account attributes (call as often as the input repeats them).
  void add_account(Platform p, std::string_view account_id, std::string_view handle,
                   std::string_view display_name, std::int64_t created, std::int64_t followers);
  /// Records what is known of a post id (e.g. a retweet's embedded original).
  void add_post_fact(std::string_view id, std::string_view author_id, std::int64_t t);
  /// Records a malformed record verbatim.
  void reject(std::uint64_t rel_line, std::string_view raw, std::string reason);

  std::size_t num_posts() const noexcept { return account.size(); }
};

/// Appends batches to a table in input order: maps batch ids to global ids, de-duplicates
/// posts by (platform, post id) — a duplicate and its references are dropped and counted —
/// forwards rejects to the sink with absolute line numbers, and keeps per-file InputStats.
/// Account attributes: the last non-empty value in input order wins. Post facts: the first.
class BatchMerger {
 public:
  explicit BatchMerger(ActivityTable& table) : table_(table) {}

  void begin_file(const std::string& path, std::string format, std::uint64_t first_line);
  void merge(PostBatch& batch, RejectSink& rejects);
  /// Stats of the file (sha256 is the caller's to fill).
  InputStats end_file();

 private:
  ActivityTable& table_;
  const std::string* path_ = nullptr;
  std::uint64_t line_ = 1;
  InputStats stats_;
  std::array<std::vector<std::uint32_t>, kNumObjectKinds> map_;
  std::vector<std::uint32_t> row_of_post_;  // post dict id -> row of the first post with it
};

}  // namespace lockstep::io
