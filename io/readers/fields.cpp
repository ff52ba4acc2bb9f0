// SPDX-License-Identifier: Apache-2.0
#include "io/readers/fields.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "algorithms/base/error.hpp"
#include "io/csv.hpp"
#include "io/timestamp.hpp"
#include "io/url.hpp"
#include "io/utf8.hpp"

namespace lockstep::io {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at s[pos]; advances pos.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(s[pos + i])) return std::nullopt;
    v = v * 10 + (s[pos + i] - '0');
  }
  pos += n;
  return v;
}

int days_in_month(int y, int m) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<std::int64_t> parse_iso8601_utc(std::string_view s) {
  s = trim_ascii(s);
  std::size_t p = 0;
  const auto y = digits(s, p, 4);
  if (!y || p >= s.size() || s[p++] != '-') return std::nullopt;
  const auto mo = digits(s, p, 2);
  if (!mo || p >= s.size() || s[p++] != '-') return std::nullopt;
  const auto d = digits(s, p, 2);
  if (!d || *mo < 1 || *mo > 12 || *d < 1 || *d > days_in_month(*y, *mo)) return std::nullopt;
  std::int64_t secs =
      days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d)) * 86400;
  if (p == s.size()) return secs;
  if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return std::nullopt;
  ++p;
  const auto h = digits(s, p, 2);
  if (!h || p >= s.size() || s[p++] != ':') return std::nullopt;
  const auto mi = digits(s, p, 2);
  if (!mi || *h > 23 || *mi > 59) return std::nullopt;
  int sec = 0;
  if (p < s.size() && s[p] == ':') {
    ++p;
    const auto sv = digits(s, p, 2);
    if (!sv || *sv > 60) return std::nullopt;
    sec = *sv;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      const std::size_t b = p;
      while (p < s.size() && is_digit(s[p])) ++p;
      if (p == b) return std::nullopt;
    }
  }
  secs += *h * 3600 + *mi * 60 + sec;
  if (p == s.size()) return secs;
  if (s[p] == 'Z' || s[p] == 'z') return p + 1 == s.size() ? std::optional(secs) : std::nullopt;
  if (s[p] != '+' && s[p] != '-') return std::nullopt;
  const int sign = s[p++] == '-' ? -1 : 1;
  const auto oh = digits(s, p, 2);
  if (!oh || *oh > 23) return std::nullopt;
  int om = 0;
  if (p < s.size()) {
    if (s[p] == ':') ++p;
    const auto m = digits(s, p, 2);
    if (!m || *m > 59) return std::nullopt;
    om = *m;
  }
  if (p != s.size()) return std::nullopt;
  return secs - sign * (*oh * 3600 + om * 60);
}

std::optional<std::int64_t> parse_int_floor(std::string_view s) {
  s = trim_ascii(s);
  std::size_t p = 0;
  const bool neg = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) p = 1;
  const std::size_t b = p;
  std::int64_t v = 0;
  constexpr std::int64_t kMax = std::int64_t{1} << 62;
  for (; p < s.size() && is_digit(s[p]); ++p) {
    const int digit = s[p] - '0';
    if (v > (kMax - digit) / 10) return std::nullopt;  // checked before it can overflow
    v = v * 10 + digit;
  }
  if (p == b) return std::nullopt;
  bool fraction = false;
  if (p < s.size() && s[p] == '.') {
    for (++p; p < s.size() && is_digit(s[p]); ++p) fraction |= s[p] != '0';
  }
  if (p != s.size()) return std::nullopt;
  return neg ? -v - (fraction ? 1 : 0) : v;
}

std::string casefold_hashtag(std::string_view tag) {
  if (tag.starts_with('#'))
    tag.remove_prefix(1);
  else if (tag.starts_with("\xEF\xBC\x83"))  // U+FF03 FULLWIDTH NUMBER SIGN
    tag.remove_prefix(3);
  std::string out(tag);
  bool ascii = true;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      ascii = false;
      break;
    }
    if (u >= 'A' && u <= 'Z') c = static_cast<char>(u + 32);
  }
  if (ascii) return out;
  if (!is_valid_utf8(tag)) return {};
  utf8proc_uint8_t* mapped = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(tag.data()),
                              static_cast<utf8proc_ssize_t>(tag.size()), &mapped,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                             UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (n < 0) return {};
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
}

std::string mention_handle(std::string_view handle) {
  while (handle.starts_with('@')) handle.remove_prefix(1);
  if (handle.empty()) return {};
  std::string out = "@";
  out.reserve(handle.size() + 1);
  for (const char c : handle) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  return out;
}

void parse_list_column(std::string_view s, std::vector<std::string_view>& out) {
  s = trim_ascii(s);
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']')
    s = trim_ascii(s.substr(1, s.size() - 2));
  std::size_t p = 0;
  while (p < s.size()) {
    while (p < s.size() && (s[p] == ' ' || s[p] == ',')) ++p;
    if (p >= s.size()) break;
    if (s[p] == '\'' || s[p] == '"') {
      // Quoted element: ends at the matching quote followed by ',' or the end.
      const char q = s[p];
      std::size_t e = p + 1;
      for (;; ++e) {
        e = s.find(q, e);
        if (e == std::string_view::npos) {
          e = s.size();
          break;
        }
        std::size_t after = e + 1;
        while (after < s.size() && s[after] == ' ') ++after;
        if (after == s.size() || s[after] == ',') break;
      }
      const auto v = s.substr(p + 1, e - p - 1);
      if (!v.empty()) out.push_back(v);
      p = e + 1;
      continue;
    }
    const std::size_t b = p;
    const bool url = s.substr(b).starts_with("http");
    std::size_t e = p;
    for (; e < s.size(); ++e) {
      if (s[e] != ',') continue;
      if (e + 1 >= s.size() || s[e + 1] == ' ' || !url) break;
      if (s.substr(e + 1).starts_with("http")) break;
    }
    const auto v = trim_ascii(s.substr(b, e - b));
    if (!v.empty()) out.push_back(v);
    p = e;
  }
}

void add_link(PostBatch& batch, std::string_view raw) {
  raw = trim_ascii(raw);
  if (raw.empty()) return;
  const NormalizedUrl n = normalize_url(raw);
  batch.add_ref(RefKind::links, n.url.empty() ? raw : std::string_view(n.url));
  batch.add_ref(RefKind::links_domain, n.domain);
}

CsvHeader parse_csv_header(const std::string& path, std::string_view text,
                           std::size_t max_record_bytes) {
  CsvTokenizer tok(text, 1, max_record_bytes);
  CsvRecord rec;
  if (!tok.next(rec))
    throw InputError(path + ":" + std::to_string(tok.line()) + ": no header line (empty input)");
  if (!rec.ok())
    throw InputError(path + ":" + std::to_string(rec.line) + ": malformed header: " + rec.error);
  CsvHeader h;
  for (const std::string_view f : rec.fields) {
    std::string name(trim_ascii(f));
    for (char& c : name) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    h.names.push_back(std::move(name));
  }
  h.bytes = tok.offset();
  h.lines = tok.line() - 1;
  return h;
}

std::string quote_value(std::string_view v) {
  std::string out = "'";
  for (std::size_t i = 0; i < v.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
  }
  if (v.size() > 40) out += "...";
  return out + "'";
}

}  // namespace lockstep::io
