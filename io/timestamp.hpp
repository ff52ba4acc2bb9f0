// SPDX-License-Identifier: Apache-2.0
#pragma once
// Parsing of the textual UTC timestamps found in dumps. No locale, no time zone database.
#include <cstdint>
#include <string>
#include <string_view>

namespace lockstep::io {

/// Days since 1970-01-01 of the proleptic Gregorian date y-m-d (H. Hinnant's days_from_civil).
/// Pre: 1 <= m <= 12, 1 <= d <= 31. O(1), pure.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// Formats UTC seconds as ISO-8601 "YYYY-MM-DDTHH:MM:SSZ"; negative seconds (the "unknown"
/// marker of the schema) give "". O(1).
std::string format_iso_utc(std::int64_t seconds);

/// Parses Twitter API v1.1 `created_at` ("Wed Oct 10 20:19:24 +0000 2018", strptime
/// "%a %b %d %H:%M:%S %z %Y") into UTC seconds; the offset is applied. The weekday name is
/// checked for shape only. Returns false for anything else. O(|s|), pure.
bool parse_twitter_time(std::string_view s, std::int64_t& out) noexcept;

/// Parses ISO-8601 / RFC 3339 date-times into UTC seconds: "YYYY-MM-DD", then optionally 'T' or
/// ' ' and "HH:MM", ":SS", a fraction ".fff" (dropped, not rounded) and a zone "Z", "+HH:MM" or
/// "+HHMM" (none = UTC). Covers Twitter v2 ("2022-03-01T12:00:00.000Z"), twarc
/// ("...+00:00") and IO-archive ("2019-01-01 13:45", "2019-01-01") values. Returns false for
/// anything else, including out-of-range fields. O(|s|), pure.
bool parse_iso8601(std::string_view s, std::int64_t& out) noexcept;

}  // namespace lockstep::io
