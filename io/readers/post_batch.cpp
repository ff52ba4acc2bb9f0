// SPDX-License-Identifier: Apache-2.0
#include "io/readers/post_batch.hpp"

#include "algorithms/base/error.hpp"

namespace lockstep::io {
namespace {
constexpr std::uint32_t kNone = StringPool::kMissing;

std::uint32_t intern(PostBatch& b, ObjectKind k, std::string_view s) {
  return b.dict[static_cast<std::size_t>(k)].intern(s);
}
}  // namespace

std::uint32_t PostBatch::add_post(Platform p, std::string_view id, std::string_view account_id,
                                  std::int64_t t, PostKind k, std::uint64_t rel_line,
                                  std::string_view post_text) {
  const auto row = static_cast<std::uint32_t>(account.size());
  account.push_back(intern(*this, ObjectKind::account, account_id));
  post_id.push_back(intern(*this, ObjectKind::post, id));
  time.push_back(t);
  kind.push_back(k);
  platform.push_back(p);
  line.push_back(rel_line);
  text.push_back(post_text);
  return row;
}

void PostBatch::add_ref(RefKind k, std::string_view object) {
  if (object.empty() || account.empty()) return;
  ref_post.push_back(static_cast<std::uint32_t>(account.size() - 1));
  ref_kind.push_back(k);
  ref_object.push_back(intern(*this, object_kind_of(k), object));
}

void PostBatch::add_account(Platform p, std::string_view account_id, std::string_view handle,
                            std::string_view display_name, std::int64_t created,
                            std::int64_t followers) {
  if (account_id.empty()) return;
  account_facts.push_back({intern(*this, ObjectKind::account, account_id), p, std::string(handle),
                           std::string(display_name), created, followers});
}

void PostBatch::add_post_fact(std::string_view id, std::string_view author_id, std::int64_t t) {
  if (id.empty()) return;
  const auto post = intern(*this, ObjectKind::post, id);
  const auto author = author_id.empty() ? kNone : intern(*this, ObjectKind::account, author_id);
  post_facts.push_back({post, author, t});
}

void PostBatch::reject(std::uint64_t rel_line, std::string_view raw, std::string reason) {
  rejects.push_back({rel_line, std::string(raw), std::move(reason)});
}

void BatchMerger::begin_file(const std::string& path, std::string format,
                             std::uint64_t first_line) {
  path_ = &path;
  line_ = first_line;
  stats_ = InputStats{};
  stats_.path = path;
  stats_.format = std::move(format);
}

void BatchMerger::merge(PostBatch& b, RejectSink& rejects) {
  for (const auto& r : b.rejects) rejects.reject(*path_, line_ + r.line, r.reason, r.raw);
  stats_.n_rejected += b.rejects.size();
  stats_.n_skipped += b.n_skipped;
  stats_.n_records += b.n_attribute_records;

  for (std::size_t k = 0; k < kNumObjectKinds; ++k) {
    auto& pool = table_.dict[k];
    const auto& local = b.dict[k];
    map_[k].resize(local.size());
    constexpr std::uint32_t kAhead = 16;  // prefetch distance, hides the global table's misses
    for (std::uint32_t i = 0; i < local.size(); ++i) {
      if (i + kAhead < local.size()) pool.prefetch(local.hash_of(i + kAhead));
      map_[k][i] = pool.intern(local.view(i), local.hash_of(i));
    }
  }
  const auto& acc = map_[static_cast<std::size_t>(ObjectKind::account)];
  const auto& pid = map_[static_cast<std::size_t>(ObjectKind::post)];
  table_.resize_accounts();
  table_.resize_posts();
  if (row_of_post_.size() < table_.pool(ObjectKind::post).size())
    row_of_post_.resize(table_.pool(ObjectKind::post).size(), kNone);

  // Posts (de-duplicated), then the references of the posts that were kept.
  std::vector<std::uint32_t> row_of(b.num_posts(), kNone);
  const bool with_text = b.text.bytes.size() > 0 || table_.post_text.size() > 0;
  for (std::uint32_t i = 0; i < b.num_posts(); ++i) {
    const auto id = pid[b.post_id[i]];
    const auto existing = row_of_post_[id];
    if (existing != kNone && table_.accounts.platform[table_.post_account[existing]] == b.platform[i]) {
      ++stats_.n_duplicates;
      continue;
    }
    const auto row = static_cast<std::uint32_t>(table_.num_posts());
    LOCKSTEP_EXPECTS(row != kNone, "more than 2^32-1 posts");
    if (existing == kNone) row_of_post_[id] = row;
    row_of[i] = row;
    const auto a = acc[b.account[i]];
    table_.post_account.push_back(a);
    table_.post_id.push_back(id);
    table_.post_time.push_back(b.time[i]);
    table_.post_kind.push_back(b.kind[i]);
    if (with_text) {
      // Texts stay parallel to posts: fill the gap left by earlier text-less inputs.
      while (table_.post_text.size() + 1 < table_.num_posts()) table_.post_text.push_back({});
      table_.post_text.push_back(b.text[i]);
    }
    table_.accounts.platform[a] = b.platform[i];
    if (table_.known_post_author[id] == kNone) table_.known_post_author[id] = a;
    if (table_.known_post_time[id] < 0) table_.known_post_time[id] = b.time[i];
    ++stats_.n_records;
    if (stats_.min_time < 0 || b.time[i] < stats_.min_time) stats_.min_time = b.time[i];
    if (b.time[i] > stats_.max_time) stats_.max_time = b.time[i];
  }
  for (std::size_t r = 0; r < b.ref_post.size(); ++r) {
    const auto row = row_of[b.ref_post[r]];
    if (row == kNone) continue;
    table_.ref_post.push_back(row);
    table_.ref_kind.push_back(b.ref_kind[r]);
    table_.ref_object.push_back(
        map_[static_cast<std::size_t>(object_kind_of(b.ref_kind[r]))][b.ref_object[r]]);
  }
  for (const auto& f : b.account_facts) {
    const auto a = acc[f.account];
    auto& at = table_.accounts;
    at.platform[a] = f.platform;
    if (!f.handle.empty()) at.handle[a] = f.handle;
    if (!f.display_name.empty()) at.display_name[a] = f.display_name;
    if (f.created >= 0) at.created[a] = f.created;
    if (f.followers >= 0) at.followers[a] = f.followers;
  }
  for (const auto& f : b.post_facts) {
    const auto id = pid[f.post];
    if (table_.known_post_author[id] == kNone && f.author != kNone)
      table_.known_post_author[id] = acc[f.author];
    if (table_.known_post_time[id] < 0) table_.known_post_time[id] = f.time;
  }
  line_ += b.n_lines;
}

InputStats BatchMerger::end_file() { return std::move(stats_); }

}  // namespace lockstep::io
