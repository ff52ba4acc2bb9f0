// SPDX-License-Identifier: Apache-2.0
#include "io/readers/cnt_csv.hpp"

#include <string_view>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/readers/chunked_reader.hpp"
#include "io/readers/fields.hpp"

namespace lockstep::io {
namespace {

enum Col : std::size_t { kId, kUser, kName, kRepost, kReply, kMessage, kTime, kUrls };
constexpr std::size_t kMinCols = 7;

void parse_row(const CsvRecord& rec, bool repost_entities, PostBatch& b,
               std::vector<std::string_view>& urls) {
  const auto f = [&](Col c) {
    return c < rec.fields.size() ? trim_ascii(rec.fields[c]) : std::string_view{};
  };
  if (f(kId).empty()) return b.reject(rec.line, rec.raw, "empty message_id");
  if (f(kUser).empty()) return b.reject(rec.line, rec.raw, "empty user_id");
  const auto t = parse_int_floor(f(kTime));
  if (!t) return b.reject(rec.line, rec.raw, "bad timestamp " + quote_value(f(kTime)));
  const auto repost = f(kRepost);
  const auto reply = f(kReply);
  const PostKind kind = !repost.empty()  ? PostKind::repost
                        : !reply.empty() ? PostKind::reply
                                         : PostKind::post;
  b.add_post(Platform::twitter, f(kId), f(kUser), *t, kind, rec.line, f(kMessage));
  b.add_account(Platform::twitter, f(kUser), f(kName), {}, -1, -1);
  if (!repost.empty()) {
    b.add_ref(RefKind::reposts, repost);
    if (!repost_entities) return;
  }
  b.add_ref(RefKind::replies_to, reply);
  const auto u = f(kUrls);
  urls.clear();
  if (u.starts_with('[')) {
    parse_list_column(u, urls);
  } else {
    for (std::size_t p = 0; p < u.size();) {
      const std::size_t e = std::min(u.find_first_of(" \t", p), u.size());
      if (e > p) urls.push_back(u.substr(p, e - p));
      p = e + 1;
    }
  }
  for (const auto url : urls) add_link(b, url);
}

}  // namespace

void read_cnt_csv(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  BatchMerger merger(table);
  const std::size_t max_record = ctx.tuning.max_record_bytes;
  const bool entities = ctx.opts.repost_entities;
  for (const std::string& path : paths) {
    std::size_t n_fields = 0;
    auto preamble = [&](std::string_view text) -> std::pair<std::size_t, std::uint64_t> {
      const CsvHeader h = parse_csv_header(path, text, max_record);
      if (h.names.size() < kMinCols)
        throw InputError(path + ":" + std::to_string(h.lines) + ": expected at least " +
                         std::to_string(kMinCols) + " columns (message_id, user_id, username, " +
                         "repost_id, reply_id, message, timestamp[, urls]), found " +
                         std::to_string(h.names.size()));
      n_fields = h.names.size();
      return {h.bytes, h.lines};
    };
    auto parse = [&](std::string_view text, PostBatch& b) {
      std::vector<std::string_view> urls;
      for_each_csv_row(text, n_fields, max_record, b,
                       [&](const CsvRecord& rec) { parse_row(rec, entities, b, urls); });
    };
    read_chunked(path, kCntCsvFormat, ctx, merger, &split_csv_chunks, parse, table, preamble);
  }
}

}  // namespace lockstep::io
