// SPDX-License-Identifier: Apache-2.0
#include "io/readers/twarc_csv.hpp"

#include <fmt/format.h>

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/csv.hpp"
#include "io/readers/chunked_reader.hpp"
#include "io/readers/twitter_common.hpp"
#include "io/timestamp.hpp"
#include "io/utf8.hpp"

namespace lockstep::io {
namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

enum Col : std::size_t {
  kId,
  kAuthorId,
  kAuthorIdDotted,
  kCreatedAt,
  kText,
  kRetweeted,
  kQuoted,
  kRepliedTo,
  kHashtags,
  kMentions,
  kUrls,
  kUsername,
  kName,
  kAuthorCreated,
  kFollowers,
  kRtUser,
  kRtUsername,
  kQtUser,
  kQtUsername,
  kReplyUser,
  kReplyUsername,
  kNumCols
};
constexpr std::array<std::string_view, kNumCols> kColNames = {
    "id",
    "author_id",
    "author.id",
    "created_at",
    "text",
    "referenced_tweets.retweeted.id",
    "referenced_tweets.quoted.id",
    "referenced_tweets.replied_to.id",
    "entities.hashtags",
    "entities.mentions",
    "entities.urls",
    "author.username",
    "author.name",
    "author.created_at",
    "author.public_metrics.followers_count",
    "retweeted_user_id",
    "retweeted_username",
    "quoted_user_id",
    "quoted_username",
    "in_reply_to_user_id",
    "in_reply_to_username"};

struct Layout {
  std::array<std::size_t, kNumCols> index{};
  std::size_t n_fields = 0;
};

Layout parse_header(const std::string& file, const CsvRecord& rec) {
  if (!rec.ok())
    throw InputError(fmt::format("{}:{}: malformed header: {}", file, rec.line, rec.error));
  Layout layout;
  layout.index.fill(kAbsent);
  layout.n_fields = rec.fields.size();
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    std::string name(trim_ascii(rec.fields[i]));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::size_t c = 0; c < kNumCols; ++c) {
      if (name != kColNames[c]) continue;
      if (layout.index[c] != kAbsent)
        throw InputError(fmt::format("{}:{}: duplicate column {}", file, rec.line, name));
      layout.index[c] = i;
    }
  }
  if (layout.index[kAuthorId] == kAbsent) layout.index[kAuthorId] = layout.index[kAuthorIdDotted];
  for (const Col c : {kId, kCreatedAt, kAuthorId})
    if (layout.index[c] == kAbsent)
      throw InputError(fmt::format("{}:{}: missing column {}", file, rec.line, kColNames[c]));
  return layout;
}


bool hex4(std::string_view s, std::size_t pos, std::uint32_t& out) {
  if (pos + 4 > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + 4; ++i) {
    const char c = s[i];
    const int d = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
    if (d < 0) return false;
    out = out * 16 + static_cast<std::uint32_t>(d);
  }
  return true;
}

// Parses a JSON list of strings ("" = empty list). Strings without escapes stay views of
// field; unescaped ones live in store. False when field is not such a list.
bool parse_string_list(std::string_view field, std::vector<std::string_view>& out,
                       std::deque<std::string>& store) {
  std::size_t p = 0;
  const auto ws = [&] {
    while (p < field.size() && (field[p] == ' ' || field[p] == '\t')) ++p;
  };
  ws();
  if (p == field.size()) return true;
  if (field[p++] != '[') return false;
  ws();
  if (p < field.size() && field[p] == ']') return (++p, ws(), p == field.size());
  for (;;) {
    ws();
    if (p >= field.size() || field[p++] != '"') return false;
    const std::size_t begin = p;
    while (p < field.size() && field[p] != '"' && field[p] != '\\') ++p;
    if (p < field.size() && field[p] == '"') {
      out.push_back(field.substr(begin, p - begin));
      ++p;
    } else {
      std::string& s = store.emplace_back(field.substr(begin, p - begin));
      for (;;) {
        if (p >= field.size()) return false;
        const char c = field[p++];
        if (c == '"') break;
        if (c != '\\') {
          s.push_back(c);
          continue;
        }
        if (p >= field.size()) return false;
        const char e = field[p++];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            s.push_back(e);
            break;
          case 'b':
            s.push_back('\b');
            break;
          case 'f':
            s.push_back('\f');
            break;
          case 'n':
            s.push_back('\n');
            break;
          case 'r':
            s.push_back('\r');
            break;
          case 't':
            s.push_back('\t');
            break;
          case 'u': {
            std::uint32_t cp = 0, lo = 0;
            if (!hex4(field, p, cp)) return false;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (p + 6 > field.size() || field[p] != '\\' || field[p + 1] != 'u' ||
                  !hex4(field, p + 2, lo) || lo < 0xDC00 || lo > 0xDFFF)
                return false;
              p += 6;
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return false;
            }
            append_utf8(s, cp);
            break;
          }
          default:
            return false;
        }
      }
      out.push_back(s);
    }
    ws();
    if (p >= field.size()) return false;
    if (field[p] == ']') return (++p, ws(), p == field.size());
    if (field[p++] != ',') return false;
  }
}

// Integer count ("12", "12.0" as pandas writes); -1 when empty. nullopt when not a count.
std::optional<std::int64_t> parse_count(std::string_view v) {
  v = trim_ascii(v);
  if (v.empty()) return -1;
  std::int64_t x = 0;
  std::size_t i = 0;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9' && i < 18; ++i) x = x * 10 + (v[i] - '0');
  if (i == 0) return std::nullopt;
  if (i < v.size() && v[i] == '.') {
    for (++i; i < v.size() && v[i] == '0'; ++i) {
    }
  }
  if (i != v.size()) return std::nullopt;
  return x;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

struct RowScratch {
  twitter::Entities entities;
  std::vector<std::string_view> mention_names;
  std::deque<std::string> store;
  std::string text, fold;
};

class RowParser {
 public:
  RowParser(const Layout& layout, bool repost_entities)
      : layout_(layout), repost_entities_(repost_entities) {}

  std::string_view get(const CsvRecord& rec, Col c) const {
    const std::size_t i = layout_.index[c];
    return i == kAbsent ? std::string_view{} : trim_ascii(rec.fields[i]);
  }

  // Validates and adds one row; returns the reject reason, "" when accepted.
  std::string parse(const CsvRecord& rec, std::uint64_t line, PostBatch& b, RowScratch& s) const {
    if (rec.fields.size() != layout_.n_fields)
      return fmt::format("expected {} fields, found {}", layout_.n_fields, rec.fields.size());
    if (!is_valid_utf8(rec.raw)) return "invalid UTF-8";
    const std::string_view id = get(rec, kId), author = get(rec, kAuthorId);
    const std::string_view created = get(rec, kCreatedAt);
    if (id.empty()) return "missing id";
    if (author.empty()) return "missing author_id";
    if (created.empty()) return "missing created_at";
    std::int64_t time = 0;
    if (!parse_iso8601(created, time))
      return fmt::format("created_at: unparseable date '{}'", created.substr(0, 40));
    const auto followers = parse_count(get(rec, kFollowers));
    if (!followers) return "author.public_metrics.followers_count: not a count";
    std::int64_t author_created = -1;
    if (!get(rec, kAuthorCreated).empty() &&
        !parse_iso8601(get(rec, kAuthorCreated), author_created))
      return "author.created_at: unparseable date";
    s.entities.clear();
    s.mention_names.clear();
    s.store.clear();
    for (const auto& [col, list] :
         {std::pair{kHashtags, &s.entities.hashtags}, std::pair{kUrls, &s.entities.urls},
          std::pair{kMentions, &s.mention_names}})
      if (!parse_string_list(get(rec, col), *list, s.store))
        return fmt::format("{}: not a JSON list of strings", kColNames[col]);
    // Mentions: usernames, resolved to ids when the row pairs them.
    for (std::string_view name : s.mention_names) {
      if (!name.empty() && name.front() == '@') name.remove_prefix(1);
      std::string_view mention_id;
      for (const auto& [u, n] : {std::pair{kReplyUser, kReplyUsername},
                                 std::pair{kQtUser, kQtUsername}, std::pair{kRtUser, kRtUsername}})
        if (mention_id.empty() && ascii_iequals(get(rec, n), name)) mention_id = get(rec, u);
      s.entities.mentions.push_back({mention_id, name, {}});
    }

    std::string_view text = get(rec, kText);
    if (text.find("\\n") != std::string_view::npos) {
      s.text.clear();
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
          s.text.push_back('\n');
          ++i;
        } else {
          s.text.push_back(text[i]);
        }
      }
      text = s.text;
    }
    const std::string_view retweeted = get(rec, kRetweeted), quoted = get(rec, kQuoted),
                           replied = get(rec, kRepliedTo);
    const PostKind kind = !retweeted.empty() ? PostKind::repost
                          : !replied.empty() ? PostKind::reply
                          : !quoted.empty()  ? PostKind::quote
                                             : PostKind::post;
    b.add_post(Platform::twitter, id, author, time, kind, line, text);
    if (!retweeted.empty()) {
      b.add_ref(RefKind::reposts, retweeted);
      if (repost_entities_) twitter::add_entity_refs(b, s.entities, quoted, s.fold);
    } else {
      b.add_ref(RefKind::replies_to, replied);
      b.add_ref(RefKind::quotes, quoted);
      twitter::add_entity_refs(b, s.entities, quoted, s.fold);
    }
    b.add_account(Platform::twitter, author, get(rec, kUsername), get(rec, kName), author_created,
                  *followers);
    for (const auto& [ref, u, n] :
         {std::tuple{retweeted, kRtUser, kRtUsername}, std::tuple{quoted, kQtUser, kQtUsername},
          std::tuple{replied, kReplyUser, kReplyUsername}}) {
      if (!ref.empty()) b.add_post_fact(ref, get(rec, u), -1);
      b.add_account(Platform::twitter, get(rec, u), get(rec, n), {}, -1, -1);
    }
    return {};
  }

 private:
  const Layout& layout_;
  bool repost_entities_;
};

}  // namespace

void read_twarc_csv(std::span<const std::string> paths, ReaderContext& ctx, ActivityTable& table) {
  BatchMerger merger(table);
  const std::size_t max_record = ctx.tuning.max_record_bytes;
  for (const std::string& path : paths) {
    Layout layout;
    const PreambleParser header =
        [&](std::string_view text) -> std::pair<std::size_t, std::uint64_t> {
      CsvTokenizer tok(text, 1, max_record);
      CsvRecord rec;
      if (!tok.next(rec)) throw InputError(path + ":1: no header line (empty input)");
      layout = parse_header(path, rec);
      return {tok.offset(), tok.line() - 1};
    };
    const RowParser rows(layout, ctx.opts.repost_entities);
    const ChunkParser parse = [&](std::string_view text, PostBatch& b) {
      CsvTokenizer tok(text, 0, max_record);
      CsvRecord rec;
      RowScratch s;
      while (tok.next(rec)) {
        if (!rec.ok()) {
          b.reject(rec.line, rec.raw, rec.error);
          continue;
        }
        std::string reason = rows.parse(rec, rec.line, b, s);
        if (!reason.empty()) b.reject(rec.line, rec.raw, std::move(reason));
      }
    };
    read_chunked(path, kTwarcCsvFormat, ctx, merger, &split_csv_chunks, parse, table, header);
  }
}

}  // namespace lockstep::io
