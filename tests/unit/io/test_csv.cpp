// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "io/csv.hpp"

namespace io = lockstep::io;

namespace {

struct Rec {
  std::uint64_t line;
  std::string raw;
  std::vector<std::string> fields;
  std::string error;
  bool operator==(const Rec&) const = default;
};

std::vector<Rec> tokenize(std::string_view buf, std::uint64_t first_line = 1,
                          std::size_t max_record = io::kDefaultMaxCsvRecordBytes) {
  io::CsvTokenizer tok(buf, first_line, max_record);
  io::CsvRecord r;
  std::vector<Rec> out;
  while (tok.next(r)) {
    Rec x{r.line, std::string(r.raw), {}, r.error ? r.error : ""};
    for (auto f : r.fields) x.fields.emplace_back(f);
    out.push_back(std::move(x));
  }
  return out;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("csv tokenizer reads plain records with line numbers and raw bytes", "[io][csv]") {
  const auto recs = tokenize("a,b,c\n1,2,3\n\nx,,z");
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].fields == Fields{"a", "b", "c"});
  CHECK(recs[0].raw == "a,b,c\n");
  CHECK(recs[1].line == 2);
  CHECK(recs[2].line == 4);  // the blank line 3 is skipped but counted
  CHECK(recs[2].fields == Fields{"x", "", "z"});
  CHECK(recs[2].raw == "x,,z");  // last record without a newline
}

TEST_CASE("csv tokenizer handles RFC-4180 quoting", "[io][csv]") {
  const auto recs = tokenize(
      "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
      "\"\",plain,\"\"\"\"\n"
      "next,row,here\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].error.empty());
  CHECK(recs[0].fields == Fields{"a,b", "say \"hi\"", "two\nlines"});
  CHECK(recs[0].raw == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
  CHECK(recs[1].line == 3);  // record 0 spans lines 1 and 2
  CHECK(recs[1].fields == Fields{"", "plain", "\""});
  CHECK(recs[2].line == 4);
}

TEST_CASE("csv tokenizer strips CRLF and the BOM", "[io][csv]") {
  const std::string text = "\xEF\xBB\xBFh1,h2\r\n\"q\",v\r\n\r\nlast,\"x\"\r\n";
  const auto recs = tokenize(io::strip_utf8_bom(text));
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].fields == Fields{"h1", "h2"});
  CHECK(recs[1].fields == Fields{"q", "v"});
  CHECK(recs[1].raw == "\"q\",v\r\n");
  CHECK(recs[2].line == 4);
  CHECK(recs[2].fields == Fields{"last", "x"});
  CHECK(io::strip_utf8_bom("abc") == "abc");
  CHECK(io::trim_ascii("  a b\t") == "a b");
}

TEST_CASE("csv tokenizer reports malformed records and resynchronises", "[io][csv]") {
  SECTION("stray quote in an unquoted field stays local") {
    const auto recs = tokenize("a,b\"c,d\nok,1,2\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].error == "stray quote in unquoted field");
    CHECK(recs[0].raw == "a,b\"c,d\n");
    CHECK(recs[0].fields.empty());
    CHECK(recs[1].error.empty());
    CHECK(recs[1].line == 2);
  }
  SECTION("unterminated quote rejects its line only") {
    const auto recs = tokenize("a,\"open,c\nok,1,2\nok,3,4\n");
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].error == "unterminated quoted field");
    CHECK(recs[0].raw == "a,\"open,c\n");
    CHECK(recs[1].fields == Fields{"ok", "1", "2"});
    CHECK(recs[1].line == 2);
    CHECK(recs[2].line == 3);
  }
  SECTION("a quoted field must close within max_record_bytes") {
    const auto recs = tokenize("a,\"x\nyyyyyyyyyyyyyyyyyyyy\nz\",b\n", 1, 10);
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].error == "unterminated quoted field");
    CHECK(recs[1].raw == "yyyyyyyyyyyyyyyyyyyy\n");
    CHECK(recs[2].error == "stray quote in unquoted field");
    CHECK(recs[2].line == 3);
  }
  SECTION("junk after a closing quote") {
    const auto recs = tokenize("\"a\"b,c\nd,e\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].error == "unexpected character after closing quote");
    CHECK(recs[1].fields == Fields{"d", "e"});
  }
}

TEST_CASE("split_csv_chunks never splits a quoted field", "[io][csv]") {
  const std::string text = "a,\"1\n2\n3\"\nb,2\nc,\"x\ny\"\nd,4\n";
  const auto split = io::split_csv_chunks(text, 1, /*at_eof=*/true);
  CHECK(split.complete == text.size());
  const std::vector<std::size_t> expected = {10, 14, 22, 26};
  CHECK(split.ends == expected);
  // Not at the end of the input: an open quoted field waits for more data.
  const auto partial = io::split_csv_chunks("a,1\nb,\"open\nmore", 1, /*at_eof=*/false);
  CHECK(partial.complete == 4);
  // Cannot tell whether a quote on the last byte is the first half of "".
  CHECK(io::split_csv_chunks("a,\"x\"", 100, false).complete == 0);
  CHECK(io::split_csv_chunks("a,b\nc", 100, false).complete == 4);
  CHECK(io::split_csv_chunks("a,b\nc", 100, true).ends == std::vector<std::size_t>{5});
}

TEST_CASE("chunked streaming tokenization equals one sequential pass", "[io][csv]") {
  // Random texts over an alphabet that exercises every rule, cut into random buffers as a
  // streaming reader would, split into tiny chunks and tokenized chunk by chunk.
  std::mt19937_64 rng(12345);
  const std::string alphabet = "ab,,\"\"\n\n\r";
  for (int iter = 0; iter < 400; ++iter) {
    std::string text;
    const std::size_t len = rng() % 200;
    for (std::size_t i = 0; i < len; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    const std::size_t max_record = 1 + rng() % 40;
    const auto expected = tokenize(text, 1, max_record);

    std::vector<Rec> got;
    std::uint64_t line = 1;
    std::size_t consumed = 0;  // bytes handed to chunks so far
    std::size_t avail = 0;     // bytes "read" so far
    while (consumed < text.size() || avail < text.size()) {
      avail = std::min(text.size(), avail + 1 + rng() % 30);
      const bool eof = avail == text.size();
      const std::string_view buf(text.data() + consumed, avail - consumed);
      const auto split = io::split_csv_chunks(buf, 1 + rng() % 20, eof, max_record);
      std::size_t begin = 0;
      for (const std::size_t end : split.ends) {
        const auto chunk = tokenize(buf.substr(begin, end - begin), line, max_record);
        got.insert(got.end(), chunk.begin(), chunk.end());
        io::CsvTokenizer counter(buf.substr(begin, end - begin), line, max_record);
        io::CsvRecord r;
        while (counter.next(r)) {
        }
        line = counter.line();
        begin = end;
      }
      REQUIRE(begin == split.complete);
      consumed += split.complete;
      if (eof) REQUIRE(consumed == text.size());
    }
    INFO("text: " << text << " max_record " << max_record);
    REQUIRE(got == expected);
  }
}
