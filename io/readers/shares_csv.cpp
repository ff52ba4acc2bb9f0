// SPDX-License-Identifier: Apache-2.0
#include "io/readers/shares_csv.hpp"

#include <fmt/format.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/csv.hpp"
#include "io/input_source.hpp"
#include "io/readers/chunk_source.hpp"
#include "io/utf8.hpp"

namespace lockstep::io {
namespace {

constexpr std::int64_t kMinTime = 631152000;   // 1990-01-01T00:00:00Z
constexpr std::int64_t kMaxTime = 4102444800;  // 2100-01-01T00:00:00Z
constexpr std::uint32_t kNone = 0xFFFFFFFFU;
constexpr std::size_t kPrefetch = 16;  // strings interned ahead of their cache prefetch

// ---------------------------------------------------------------------------------------------
// Header

enum Col : std::size_t { kObject = 0, kAccount = 1, kContent = 2, kTime = 3, kNumCols = 4 };
constexpr std::array<std::string_view, kNumCols> kColNames = {"object_id", "account_id",
                                                              "content_id", "timestamp_share"};

struct Layout {
  std::array<std::size_t, kNumCols> index{};  // field index of each required column
  std::size_t n_fields = 0;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Layout parse_header(const std::string& file, const CsvRecord& rec) {
  if (!rec.ok())
    throw InputError(fmt::format("{}:{}: malformed header: {}", file, rec.line, rec.error));
  Layout layout;
  layout.n_fields = rec.fields.size();
  std::array<std::size_t, kNumCols> found;
  found.fill(kNone);
  std::size_t id_user = kNone;
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    const std::string name = lower(trim_ascii(rec.fields[i]));
    for (std::size_t c = 0; c < kNumCols; ++c) {
      if (name != kColNames[c]) continue;
      if (found[c] != kNone)
        throw InputError(fmt::format("{}:{}: duplicate column {}", file, rec.line, kColNames[c]));
      found[c] = i;
    }
    if (name == "id_user") id_user = i;  // CooRTweet 1.x name of account_id
  }
  if (found[kAccount] == kNone) found[kAccount] = id_user;
  for (std::size_t c = 0; c < kNumCols; ++c) {
    if (found[c] != kNone) continue;
    std::string have;
    for (std::size_t i = 0; i < rec.fields.size(); ++i)
      have += (i ? ", " : "") + std::string(trim_ascii(rec.fields[i]));
    throw InputError(
        fmt::format("{}:{}: missing column {} (have: {})", file, rec.line, kColNames[c], have));
  }
  layout.index = found;
  return layout;
}

// ---------------------------------------------------------------------------------------------
// Field validation

// A value quoted for an error message: at most 40 bytes, non-printable bytes as '?'.
std::string quoted(std::string_view v) {
  std::string out = "'";
  for (std::size_t i = 0; i < v.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
  }
  if (v.size() > 40) out += "...";
  return out + "'";
}

// Parses an integer UNIX time in seconds ("1646136004", also "1646136004.0" as written by
// tools that store integers as doubles). Returns the reason on failure.
std::optional<std::string> parse_time(std::string_view v, std::int64_t& out) {
  if (v.empty()) return std::string("empty timestamp_share");
  std::size_t i = 0;
  bool neg = false;
  if (v[0] == '-' || v[0] == '+') {
    neg = v[0] == '-';
    i = 1;
  }
  const std::size_t digits_begin = i;
  std::int64_t x = 0;
  bool overflow = false;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
    if (x > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
      overflow = true;
    else
      x = x * 10 + (v[i] - '0');
  }
  const bool has_digits = i > digits_begin;
  if (has_digits && i < v.size() && v[i] == '.') {
    std::size_t j = i + 1;
    bool nonzero = false;
    for (; j < v.size() && v[j] >= '0' && v[j] <= '9'; ++j) nonzero |= v[j] != '0';
    if (j == v.size()) {
      if (nonzero)
        return fmt::format(
            "timestamp_share {} has a fractional part (integer UNIX seconds expected)", quoted(v));
      i = j;
    }
  }
  if (!has_digits || i != v.size())
    return fmt::format("timestamp_share {} is not an integer UNIX time in seconds", quoted(v));
  if (neg) x = -x;
  if (overflow || x < kMinTime || x >= kMaxTime)
    return fmt::format(
        "timestamp_share {} is outside 1990-01-01..2100-01-01 (UNIX seconds expected{})", quoted(v),
        v.size() >= 12 ? "; milliseconds?" : "");
  out = x;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Chunk-local interning: string_views into the chunk, ids in order of first appearance.

class LocalInterner {
 public:
  std::uint32_t intern(std::string_view s) {
    if ((strings_.size() + 1) * 2 > slots_.size()) grow();
    const std::size_t h = StringPool::hash(s);
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id == kNone) {
        slot = {static_cast<std::uint32_t>(strings_.size()), tag};
        strings_.push_back(s);
        hashes_.push_back(h);
        return slot.id;
      }
      if (slot.tag == tag && strings_[slot.id] == s) return slot.id;
    }
  }
  /// Sizes the table for n strings without rehashing.
  void reserve(std::size_t n) {
    std::size_t slots = 4096;
    while (slots < 2 * n) slots *= 2;
    if (slots > slots_.size()) {
      strings_.reserve(n);
      hashes_.reserve(n);
      grow_to(slots);
    }
  }
  const std::vector<std::string_view>& strings() const noexcept { return strings_; }
  /// StringPool::hash of each string, so the serial merge does not hash again.
  const std::vector<std::size_t>& hashes() const noexcept { return hashes_; }

 private:
  struct Slot {
    std::uint32_t id = kNone;
    std::uint32_t tag = 0;
  };
  void grow() { grow_to(std::max<std::size_t>(4096, slots_.size() * 2)); }
  void grow_to(std::size_t n_slots) {
    slots_.assign(n_slots, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t id = 0; id < strings_.size(); ++id) {
      std::size_t i = hashes_[id] & mask;
      while (slots_[i].id != kNone) i = (i + 1) & mask;
      slots_[i] = {id, static_cast<std::uint32_t>(hashes_[id] >> 32)};
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::string_view> strings_;
  std::vector<std::size_t> hashes_;
};

// ---------------------------------------------------------------------------------------------
// Chunks: cut by the serial reading stage, parsed in parallel, merged in input order.

struct Chunk {
  std::shared_ptr<const Block> block;  // owns the bytes text points into
  std::string_view text;
  // Parse results (line numbers relative to the chunk's first line).
  struct Row {
    std::uint32_t account, object;  // chunk-local ids
    std::int64_t time;
    // Content ids are nearly unique per row: interning them chunk-locally would only repeat
    // the global work, so rows carry the view and its hash to the merge.
    std::string_view content;
    std::size_t content_hash;
  };
  struct Reject {
    std::uint64_t line;
    std::string_view raw;
    std::string reason;
  };
  std::array<LocalInterner, 2> strings;  // account, object
  std::deque<std::string> unescaped;     // quoted fields that were unescaped out of text
  std::vector<Row> rows;
  std::vector<Reject> rejects;
  std::uint64_t n_newlines = 0;
  std::uint64_t stored_consumed = 0;  // stored bytes read up to this chunk (progress)
};

// Parallel stage: tokenizes one chunk and interns its fields into chunk-local tables.
void parse_chunk(Chunk& c, const Layout& layout, std::size_t max_record_bytes) {
  CsvTokenizer tok(c.text, 0, max_record_bytes);
  CsvRecord rec;
  const char* text_begin = c.text.data();
  const char* text_end = text_begin + c.text.size();
  const std::size_t expected_rows = c.text.size() / 48 + 16;  // ~60 bytes per typical row
  c.rows.reserve(expected_rows);
  auto stable = [&](std::string_view s) -> std::string_view {
    if (s.empty() || (s.data() >= text_begin && s.data() < text_end)) return s;
    return c.unescaped.emplace_back(s);  // an unescaped field lives in tokenizer scratch
  };
  while (tok.next(rec)) {
    if (!rec.ok()) {
      c.rejects.push_back({rec.line, rec.raw, rec.error});
      continue;
    }
    if (rec.fields.size() != layout.n_fields) {
      c.rejects.push_back(
          {rec.line, rec.raw,
           fmt::format("expected {} fields, found {}", layout.n_fields, rec.fields.size())});
      continue;
    }
    std::optional<std::string> bad;
    for (std::size_t col : {kObject, kAccount, kContent}) {
      const std::string_view v = rec.fields[layout.index[col]];
      if (v.empty())
        bad = fmt::format("empty {}", kColNames[col]);
      else if (!is_valid_utf8(v))
        bad = fmt::format("invalid UTF-8 in {}", kColNames[col]);
      if (bad) break;
    }
    std::int64_t t = 0;
    if (!bad) bad = parse_time(rec.fields[layout.index[kTime]], t);
    if (bad) {
      c.rejects.push_back({rec.line, rec.raw, std::move(*bad)});
      continue;
    }
    Chunk::Row row{};
    row.account = c.strings[0].intern(stable(rec.fields[layout.index[kAccount]]));
    row.object = c.strings[1].intern(stable(rec.fields[layout.index[kObject]]));
    row.time = t;
    row.content = stable(rec.fields[layout.index[kContent]]);
    row.content_hash = StringPool::hash(row.content);
    c.rows.push_back(row);
  }
  c.n_newlines = tok.line();
}

// Serial, input-ordered stage: maps chunk-local ids to global ids and appends rows, resolving
// post identity (account, content, time) and exact duplicates against everything read so far.
class Merger {
 public:
  explicit Merger(ActivityTable& table) : table_(table) {}

  void begin_file(const std::string& path, std::uint64_t first_line) {
    path_ = &path;
    line_ = first_line;
    stats_ = InputStats{};
    stats_.path = path;
    stats_.format = kSharesCsvFormat;
  }

  void merge(const Chunk& c, RejectSink& rejects) {
    for (const auto& r : c.rejects) rejects.reject(*path_, line_ + r.line, r.reason, r.raw);
    stats_.n_rejected += c.rejects.size();
    line_ += c.n_newlines;

    constexpr std::array<ObjectKind, 2> kKinds = {ObjectKind::account, ObjectKind::shared};
    for (std::size_t k = 0; k < 2; ++k) {
      StringPool& pool = table_.pool(kKinds[k]);
      const auto& local = c.strings[k].strings();
      const auto& hashes = c.strings[k].hashes();
      map_[k].resize(local.size());
      for (std::size_t i = 0; i < local.size(); ++i) {
        if (i + kPrefetch < local.size()) pool.prefetch(hashes[i + kPrefetch]);
        map_[k][i] = pool.intern(local[i], hashes[i]);
      }
    }
    StringPool& contents = table_.pool(ObjectKind::post);
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
      const Chunk::Row& r = c.rows[i];
      if (i + kPrefetch < c.rows.size()) contents.prefetch(c.rows[i + kPrefetch].content_hash);
      const std::uint32_t account = map_[0][r.account];
      const std::uint32_t object = map_[1][r.object];
      const std::uint32_t content = contents.intern(r.content, r.content_hash);
      if (content >= row_of_content_.size()) row_of_content_.resize(content + 1, kNone);
      std::uint32_t row = row_of_content_[content];
      while (row != kNone &&
             (table_.post_account[row] != account || table_.post_time[row] != r.time))
        row = next_same_content_[row];
      if (row == kNone) {
        row = static_cast<std::uint32_t>(table_.post_account.size());
        LOCKSTEP_EXPECTS(row != kNone, "more than 2^32-1 posts");
        table_.post_account.push_back(account);
        table_.post_id.push_back(content);
        table_.post_time.push_back(r.time);
        table_.post_kind.push_back(PostKind::post);
        next_same_content_.push_back(row_of_content_[content]);
        row_of_content_[content] = row;
        first_ref_.push_back(kNone);
      } else {
        std::uint32_t ref = first_ref_[row];
        while (ref != kNone && table_.ref_object[ref] != object) ref = next_ref_[ref];
        if (ref != kNone) {
          ++stats_.n_duplicates;
          continue;
        }
      }
      const auto ref = static_cast<std::uint32_t>(table_.ref_post.size());
      table_.ref_post.push_back(row);
      table_.ref_kind.push_back(RefKind::shares);
      table_.ref_object.push_back(object);
      next_ref_.push_back(first_ref_[row]);
      first_ref_[row] = ref;
      ++stats_.n_records;
      if (stats_.min_time < 0 || r.time < stats_.min_time) stats_.min_time = r.time;
      if (r.time > stats_.max_time) stats_.max_time = r.time;
    }
  }

  InputStats end_file() { return std::move(stats_); }

 private:
  ActivityTable& table_;
  const std::string* path_ = nullptr;
  std::uint64_t line_ = 1;
  InputStats stats_;
  std::array<std::vector<std::uint32_t>, 2> map_;  // chunk-local id -> global id
  // Post identity index: posts sharing a content id are chained (usually a chain of one).
  std::vector<std::uint32_t> row_of_content_;     // content id -> last post row with it
  std::vector<std::uint32_t> next_same_content_;  // post row -> previous row, same content id
  std::vector<std::uint32_t> first_ref_;          // post row -> its last reference
  std::vector<std::uint32_t> next_ref_;           // reference -> previous reference, same post
};

void read_one(const std::string& path, ReaderContext& ctx, Merger& merger, ActivityTable& table) {
  InputSource src(path);
  ChunkSource<Chunk> chunks(src, ctx.tuning, &split_csv_chunks);
  const std::size_t max_record = ctx.tuning.max_record_bytes;

  // The header is the first record; it may sit behind blank lines.
  std::optional<Layout> layout;
  std::shared_ptr<Chunk> first;
  std::uint64_t line = 1;
  while (!layout) {
    first = chunks.next();
    if (!first)
      throw InputError(path + ":" + std::to_string(line) + ": no header line (empty input)");
    CsvTokenizer tok(first->text, line, max_record);
    CsvRecord rec;
    if (tok.next(rec)) {
      layout = parse_header(path, rec);
      first->text.remove_prefix(tok.offset());
    } else {
      first->text = {};
    }
    line = tok.line();
    if (!layout) first.reset();
  }
  merger.begin_file(path, line);

  std::size_t tokens = ctx.tuning.max_tokens;
  if (tokens == 0)
    tokens = 2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()) + 1;
  tbb::parallel_pipeline(tokens,
                         tbb::make_filter<void, std::shared_ptr<Chunk>>(
                             tbb::filter_mode::serial_in_order,
                             [&](tbb::flow_control& fc) -> std::shared_ptr<Chunk> {
                               std::shared_ptr<Chunk> c = first ? std::move(first) : chunks.next();
                               first.reset();
                               if (!c) {
                                 fc.stop();
                                 return nullptr;
                               }
                               ctx.report(c->stored_consumed);
                               return c;
                             }) &
                             tbb::make_filter<std::shared_ptr<Chunk>, std::shared_ptr<Chunk>>(
                                 tbb::filter_mode::parallel,
                                 [&](std::shared_ptr<Chunk> c) {
                                   parse_chunk(*c, *layout, max_record);
                                   return c;
                                 }) &
                             tbb::make_filter<std::shared_ptr<Chunk>, void>(
                                 tbb::filter_mode::serial_in_order,
                                 [&](std::shared_ptr<Chunk> c) { merger.merge(*c, ctx.rejects); }));

  InputStats stats = merger.end_file();
  stats.sha256 = src.stored_sha256();
  ctx.progress_done += src.stored_consumed();
  ctx.report(0);
  table.inputs.push_back(std::move(stats));
}

}  // namespace

void read_shares_csv(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  Merger merger(table);
  for (const std::string& path : paths) read_one(path, ctx, merger, table);
}

}  // namespace lockstep::io
