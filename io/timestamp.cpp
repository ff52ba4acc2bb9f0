// SPDX-License-Identifier: Apache-2.0
#include "io/timestamp.hpp"

#include <array>
#include <ctime>

namespace lockstep::io {
namespace {

// Reads exactly n digits at s[pos]; advances pos.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, unsigned& out) noexcept {
  if (pos + n > s.size()) return false;
  unsigned v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) noexcept {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

bool valid_date(unsigned y, unsigned m, unsigned d) noexcept {
  constexpr std::array<unsigned, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m != 2 || d <= 28 || leap;
}

std::int64_t to_seconds(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi,
                        unsigned se) noexcept {
  return days_from_civil(y, mo, d) * 86400 + std::int64_t{h} * 3600 + std::int64_t{mi} * 60 + se;
}

// "+HHMM" / "-HH:MM" (colon optional) -> offset seconds east of UTC.
bool zone(std::string_view s, std::size_t& pos, bool colon_allowed, std::int64_t& offset) noexcept {
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
  const bool neg = s[pos++] == '-';
  unsigned hh = 0, mm = 0;
  if (!digits(s, pos, 2, hh)) return false;
  if (colon_allowed && pos < s.size() && s[pos] == ':') ++pos;
  if (!digits(s, pos, 2, mm) || hh > 23 || mm > 59) return false;
  offset = (neg ? -1 : 1) * (std::int64_t{hh} * 3600 + std::int64_t{mm} * 60);
  return true;
}

}  // namespace

bool parse_twitter_time(std::string_view s, std::int64_t& out) noexcept {
  // "Wed Oct 10 20:19:24 +0000 2018": fixed width, 30 bytes.
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 30) return false;
  for (std::size_t i = 0; i < 3; ++i)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) return false;
  std::size_t pos = 3;
  if (!expect(s, pos, ' ')) return false;
  unsigned mo = 0;
  for (unsigned m = 0; m < 12; ++m)
    if (s.substr(pos, 3) == kMonths[m]) mo = m + 1;
  pos += 3;
  unsigned d = 0, h = 0, mi = 0, se = 0, y = 0;
  std::int64_t offset = 0;
  if (mo == 0 || !expect(s, pos, ' ') || !digits(s, pos, 2, d) || !expect(s, pos, ' ') ||
      !digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi) ||
      !expect(s, pos, ':') || !digits(s, pos, 2, se) || !expect(s, pos, ' ') ||
      !zone(s, pos, false, offset) || !expect(s, pos, ' ') || !digits(s, pos, 4, y))
    return false;
  if (!valid_date(y, mo, d) || h > 23 || mi > 59 || se > 60) return false;
  out = to_seconds(y, mo, d, h, mi, se) - offset;
  return true;
}

bool parse_iso8601(std::string_view s, std::int64_t& out) noexcept {
  std::size_t pos = 0;
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, mo) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, d) || !valid_date(y, mo, d))
    return false;
  std::int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return false;
    ++pos;
    if (!digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi)) return false;
    if (pos < s.size() && s[pos] == ':' && (++pos, !digits(s, pos, 2, se))) return false;
    if (pos < s.size() && s[pos] == '.') {
      const std::size_t begin = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == begin) return false;
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z') {
        ++pos;
      } else if (!zone(s, pos, true, offset)) {
        return false;
      }
    }
    if (pos != s.size() || h > 23 || mi > 59 || se > 60) return false;
  }
  out = to_seconds(y, mo, d, h, mi, se) - offset;
  return true;
}

std::string format_iso_utc(std::int64_t seconds) {
  if (seconds < 0) return {};
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace lockstep::io
