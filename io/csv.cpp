// SPDX-License-Identifier: Apache-2.0
#include "io/csv.hpp"

#include <algorithm>
#include <cstring>

namespace lockstep::io {
namespace {

constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);
constexpr std::size_t kNeedMore = static_cast<std::size_t>(-2);

constexpr const char* kUnterminated = "unterminated quoted field";
constexpr const char* kStrayQuote = "stray quote in unquoted field";
constexpr const char* kAfterQuote = "unexpected character after closing quote";

std::size_t find_byte(const char* buf, std::size_t from, std::size_t to, char c) {
  if (from >= to) return kNotFound;
  const void* p = std::memchr(buf + from, c, to - from);
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - buf) : kNotFound;
}

std::size_t rfind_byte(const char* buf, std::size_t from, std::size_t to, char c) {
  if (from >= to) return kNotFound;
  const void* p = ::memrchr(buf + from, c, to - from);
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - buf) : kNotFound;
}

// The closing quote of a quoted field whose content starts at p, searched below limit.
// kNotFound when absent below limit; kNeedMore when a quote sits on the last byte of a
// non-final buffer (it could be the first half of a doubled quote).
std::size_t find_closing_quote(const char* buf, std::size_t p, std::size_t limit, std::size_t n,
                               bool at_eof, bool* escaped) {
  for (;;) {
    const std::size_t c = find_byte(buf, p, limit, '"');
    if (c == kNotFound) return kNotFound;
    if (c + 1 == n) return at_eof ? c : kNeedMore;
    if (buf[c + 1] != '"') return c;
    *escaped = true;
    p = c + 2;
  }
}

bool at_field_start(const char* buf, std::size_t q) {
  return q == 0 || buf[q - 1] == ',' || buf[q - 1] == '\n';
}

}  // namespace

std::string_view strip_utf8_bom(std::string_view buf) noexcept {
  if (buf.size() >= 3 && buf[0] == '\xEF' && buf[1] == '\xBB' && buf[2] == '\xBF')
    buf.remove_prefix(3);
  return buf;
}

std::string_view trim_ascii(std::string_view buf) noexcept {
  while (!buf.empty() && (buf.front() == ' ' || buf.front() == '\t')) buf.remove_prefix(1);
  while (!buf.empty() && (buf.back() == ' ' || buf.back() == '\t')) buf.remove_suffix(1);
  return buf;
}

CsvTokenizer::CsvTokenizer(std::string_view buffer, std::uint64_t first_line,
                           std::size_t max_record_bytes)
    : buf_(buffer), line_(first_line), max_record_bytes_(max_record_bytes) {}

bool CsvTokenizer::next(CsvRecord& rec) {
  const char* b = buf_.data();
  const std::size_t n = buf_.size();
  // Skip blank lines: they count as lines but are not records.
  for (;;) {
    if (pos_ >= n) return false;
    if (b[pos_] == '\n') {
      ++pos_;
      ++line_;
    } else if (b[pos_] == '\r' && (pos_ + 1 == n || b[pos_ + 1] == '\n')) {
      pos_ += pos_ + 1 == n ? 1 : 2;
      if (pos_ <= n && b[pos_ - 1] == '\n') ++line_;
    } else {
      break;
    }
  }
  const std::size_t rs = pos_;
  const std::size_t limit = n - rs > max_record_bytes_ ? rs + max_record_bytes_ : n;
  rec.line = line_;
  rec.fields.clear();
  rec.error = nullptr;
  scratch_.clear();
  std::uint64_t embedded_newlines = 0;
  std::size_t p = rs;
  // Offsets of unescaped fields in scratch_, patched into views at the end of the record
  // (scratch_ may reallocate while the record is read).
  struct Patch {
    std::size_t field, begin, len;
  };
  Patch patches[4];
  std::vector<Patch> more_patches;
  std::size_t n_patches = 0;

  for (;;) {
    if (p < n && b[p] == '"') {
      const std::size_t q = p;
      bool escaped = false;
      const std::size_t c = find_closing_quote(b, q + 1, limit, n, /*at_eof=*/true, &escaped);
      if (c == kNotFound) {
        // Unterminated: report up to the end of the line of the opening quote, resync after.
        const std::size_t nl = find_byte(b, q, n, '\n');
        const std::size_t end = nl == kNotFound ? n : nl + 1;
        rec.raw = buf_.substr(rs, end - rs);
        rec.fields.clear();
        rec.error = kUnterminated;
        line_ += static_cast<std::uint64_t>(std::count(b + rs, b + end, '\n'));
        pos_ = end;
        return true;
      }
      embedded_newlines += static_cast<std::uint64_t>(std::count(b + q + 1, b + c, '\n'));
      if (!escaped) {
        rec.fields.emplace_back(b + q + 1, c - q - 1);
      } else {
        const std::size_t begin = scratch_.size();
        for (std::size_t i = q + 1; i < c; ++i) {
          scratch_.push_back(b[i]);
          if (b[i] == '"') ++i;  // "" -> "
        }
        const Patch patch{rec.fields.size(), begin, scratch_.size() - begin};
        if (n_patches < 4)
          patches[n_patches] = patch;
        else
          more_patches.push_back(patch);
        ++n_patches;
        rec.fields.emplace_back();
      }
      p = c + 1;
      if (p < n && b[p] == '\r' && (p + 1 == n || b[p + 1] == '\n')) ++p;
      if (p < n && b[p] != ',' && b[p] != '\n') {
        if (!rec.error) rec.error = kAfterQuote;
        // Skip the junk up to the end of the field; quotes in it are stray.
        while (p < n && b[p] != ',' && b[p] != '\n') ++p;
      }
    } else {
      std::size_t e = p;
      bool stray = false;
      while (e < n) {
        const char ch = b[e];
        if (ch == ',' || ch == '\n') break;
        stray |= ch == '"';
        ++e;
      }
      if (stray && !rec.error) rec.error = kStrayQuote;
      std::size_t fe = e;
      if (fe > p && b[fe - 1] == '\r' && (e == n || b[e] == '\n')) --fe;
      rec.fields.emplace_back(b + p, fe - p);
      p = e;
    }
    if (p < n && b[p] == ',') {
      ++p;
      continue;
    }
    break;  // p == n or b[p] == '\n'
  }
  const std::size_t end = p < n ? p + 1 : n;
  rec.raw = buf_.substr(rs, end - rs);
  line_ += embedded_newlines + (p < n ? 1 : 0);
  pos_ = end;
  for (std::size_t i = 0; i < n_patches; ++i) {
    const Patch& pt = i < 4 ? patches[i] : more_patches[i - 4];
    rec.fields[pt.field] = std::string_view(scratch_).substr(pt.begin, pt.len);
  }
  if (rec.error) rec.fields.clear();
  return true;
}

CsvSplit split_csv_chunks(std::string_view buffer, std::size_t chunk_bytes, bool at_eof,
                          std::size_t max_record_bytes) {
  const char* b = buffer.data();
  const std::size_t n = buffer.size();
  chunk_bytes = std::max<std::size_t>(chunk_bytes, 1);
  CsvSplit res;
  std::size_t chunk_start = 0;
  std::size_t last_boundary = 0;  // start of the record containing the scan position

  // [a, e) is outside quoted fields: every '\n' in it ends a record.
  auto out_segment = [&](std::size_t a, std::size_t e) {
    while (chunk_start + chunk_bytes <= e) {
      const std::size_t from = std::max(a, chunk_start + chunk_bytes - 1);
      const std::size_t nl = find_byte(b, from, e, '\n');
      if (nl == kNotFound) break;
      res.ends.push_back(nl + 1);
      chunk_start = nl + 1;
    }
    const std::size_t nl = rfind_byte(b, a, e, '\n');
    if (nl != kNotFound) last_boundary = nl + 1;
  };

  std::size_t complete = kNotFound;
  std::size_t a = 0;
  while (complete == kNotFound) {
    const std::size_t q = find_byte(b, a, n, '"');
    if (q == kNotFound) {
      out_segment(a, n);
      complete = at_eof ? n : last_boundary;
      break;
    }
    out_segment(a, q);
    if (!at_field_start(b, q)) {  // stray quote: no state change
      a = q + 1;
      continue;
    }
    const std::size_t rs = last_boundary;
    const bool capped = n - rs > max_record_bytes;
    const std::size_t limit = capped ? rs + max_record_bytes : n;
    bool escaped = false;
    const std::size_t c = find_closing_quote(b, q + 1, limit, n, at_eof, &escaped);
    if (c == kNeedMore) {
      complete = rs;
    } else if (c != kNotFound) {
      a = c + 1;
    } else if (capped || at_eof) {  // unterminated: the record ends with the quote's line
      const std::size_t nl = find_byte(b, q, n, '\n');
      if (nl != kNotFound)
        a = nl;  // the segment from nl sees that '\n' as a record end
      else
        complete = at_eof ? n : rs;
    } else {
      complete = rs;  // the quoted field may close in data not read yet
    }
  }
  res.complete = complete;
  while (!res.ends.empty() && res.ends.back() > complete) res.ends.pop_back();
  if (complete > (res.ends.empty() ? 0 : res.ends.back())) res.ends.push_back(complete);
  return res;
}

}  // namespace lockstep::io
