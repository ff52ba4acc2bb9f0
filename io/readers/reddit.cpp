// SPDX-License-Identifier: Apache-2.0
#include "io/readers/reddit.hpp"

#include <string_view>

#include "io/readers/chunked_reader.hpp"
#include "io/readers/fields.hpp"
#include "io/readers/json_fields.hpp"

namespace lockstep::io {
namespace {

void parse_record(simdjson::dom::element r, std::uint64_t line, std::string_view raw,
                  PostBatch& b) {
  JsonFields j;
  const std::string_view author = j.str(r, "author");
  const std::string_view author_fullname = j.str(r, "author_fullname");
  const std::string id = j.id(r, "id");
  std::string name(j.str(r, "name"));
  const std::string_view parent = j.str(r, "parent_id");
  const auto created = j.integer(r, "created_utc");
  const std::string_view subreddit = j.str(r, "subreddit");
  const std::string_view title = j.str(r, "title");
  const std::string_view selftext = j.str(r, "selftext");
  const std::string_view body = j.str(r, "body");
  const std::string_view url = j.str(r, "url");
  const std::string_view domain = j.str(r, "domain");
  const auto is_self = j.boolean(r, "is_self");
  if (!j.error().empty()) return b.reject(line, raw, j.error());
  if (author == "[deleted]" || author == "[removed]") {
    ++b.n_skipped;
    return;
  }
  const bool comment = !parent.empty();
  if (name.empty() && !id.empty()) name = (comment ? "t1_" : "t3_") + id;
  if (name.empty()) return b.reject(line, raw, "missing name and id");
  const std::string_view account = author_fullname.empty() ? author : author_fullname;
  if (account.empty()) return b.reject(line, raw, "missing author");
  if (!created) return b.reject(line, raw, "missing created_utc");

  std::string text;
  if (comment) {
    text = body;
  } else {
    text.append(title).append("\n").append(selftext);
  }
  b.add_post(Platform::reddit, name, account, *created, comment ? PostKind::reply : PostKind::post,
             line, text);
  b.add_account(Platform::reddit, account, author, {}, -1, -1);
  if (comment) b.add_ref(RefKind::replies_to, parent);
  if (!subreddit.empty()) b.add_ref(RefKind::tags, casefold_hashtag("r/" + std::string(subreddit)));
  // A link post's url is its link; a self post's url is its own permalink.
  const bool self = is_self ? *is_self : domain.starts_with("self.");
  if (!comment && !self) add_link(b, url);
  for_each_text_url(comment ? body : selftext, [&](std::string_view u) { add_link(b, u); });
}

}  // namespace

void read_reddit(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  BatchMerger merger(table);
  for (const std::string& path : paths) {
    read_chunked(
        path, kRedditFormat, ctx, merger, &split_lines,
        [](std::string_view text, PostBatch& b) {
          for_each_json_line(
              text, b, [&](simdjson::dom::element r, std::uint64_t line, std::string_view raw) {
                parse_record(r, line, raw, b);
              });
        },
        table);
  }
}

}  // namespace lockstep::io
