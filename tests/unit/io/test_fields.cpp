// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "io/readers/fields.hpp"
#include "io/timestamp.hpp"

namespace io = lockstep::io;

TEST_CASE("parse_iso8601_utc reads dates, times, fractions and offsets", "[io][fields]") {
  CHECK(io::parse_iso8601_utc("2022-03-01T12:00:00.000Z") == 1646136000);
  CHECK(io::parse_iso8601_utc("2022-03-01 12:00") == 1646136000);
  CHECK(io::parse_iso8601_utc("2022-03-01 12:00:59") == 1646136059);
  CHECK(io::parse_iso8601_utc("2022-03-01T13:00:00+01:00") == 1646136000);
  CHECK(io::parse_iso8601_utc("2022-03-01T11:30:00-0030") == 1646136000);
  CHECK(io::parse_iso8601_utc("2015-06-01") == 1433116800);
  CHECK(io::parse_iso8601_utc("1969-12-31T23:59:59Z") == -1);
  CHECK(io::parse_iso8601_utc("2024-02-29") == 1709164800);
  CHECK_FALSE(io::parse_iso8601_utc("2023-02-29"));
  CHECK_FALSE(io::parse_iso8601_utc("2022-13-01"));
  CHECK_FALSE(io::parse_iso8601_utc("2022-03-01T24:00"));
  CHECK_FALSE(io::parse_iso8601_utc("2022-03-01T12"));
  CHECK_FALSE(io::parse_iso8601_utc("yesterday"));
  CHECK_FALSE(io::parse_iso8601_utc("2022-03-01T12:00Zjunk"));
  CHECK_FALSE(io::parse_iso8601_utc(""));
}

TEST_CASE("format_iso_utc formats UTC seconds and leaves unknown times empty", "[io]") {
  CHECK(io::format_iso_utc(1646092800) == "2022-03-01T00:00:00Z");
  CHECK(io::format_iso_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(io::format_iso_utc(-1).empty());
  CHECK(io::parse_iso8601_utc(io::format_iso_utc(1646136059)) == 1646136059);
}

TEST_CASE("parse_int_floor reads integers and floored decimals", "[io][fields]") {
  CHECK(io::parse_int_floor("12") == 12);
  CHECK(io::parse_int_floor(" 12.0 ") == 12);
  CHECK(io::parse_int_floor("1646136000.75") == 1646136000);
  CHECK(io::parse_int_floor("-1.5") == -2);
  CHECK_FALSE(io::parse_int_floor(""));
  CHECK_FALSE(io::parse_int_floor("1e3"));
  CHECK_FALSE(io::parse_int_floor("12a"));
  CHECK_FALSE(io::parse_int_floor("99999999999999999999"));
}

TEST_CASE("casefold_hashtag folds case and compatibility forms", "[io][fields]") {
  CHECK(io::casefold_hashtag("#DemoTag") == "demotag");
  CHECK(io::casefold_hashtag("ТегДемо") == "тегдемо");
  CHECK(io::casefold_hashtag("Straße") == "strasse");
  CHECK(io::casefold_hashtag("\xEF\xBC\x83\xEF\xBC\xA4"
                             "emo") == "demo");  // fullwidth # and D
  CHECK(io::casefold_hashtag("bad\xff") == "");
  CHECK(io::mention_handle("@NewsDesk") == "@newsdesk");
}

TEST_CASE("parse_list_column reads Python reprs and unquoted lists", "[io][fields]") {
  using V = std::vector<std::string_view>;
  auto parse = [](std::string_view s) {
    V out;
    io::parse_list_column(s, out);
    return out;
  };
  CHECK(parse("['DemoTag', 'Other']") == V{"DemoTag", "Other"});
  CHECK(parse("['https://x.org/a,b', 'https://y.org/?q=1,2']") ==
        V{"https://x.org/a,b", "https://y.org/?q=1,2"});
  CHECK(parse("[\"it's\", 'b']") == V{"it's", "b"});
  CHECK(parse("[a, b]") == V{"a", "b"});
  CHECK(parse("[a,b]") == V{"a", "b"});
  CHECK(parse("[http://x.org/a,b,http://y.org]") == V{"http://x.org/a,b", "http://y.org"});
  CHECK(parse("[http://x.org/a,b, c]") == V{"http://x.org/a,b", "c"});
  CHECK(parse("[2572896396]") == V{"2572896396"});
  CHECK(parse("[]").empty());
  CHECK(parse("").empty());
  CHECK(parse("['']").empty());
}
