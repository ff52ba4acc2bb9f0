// SPDX-License-Identifier: Apache-2.0
#pragma once
// Field parsing shared by the format readers: times, numbers, hashtags, handles, list columns,
// links. Pure functions, no allocation unless they return a string.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.hpp"
#include "io/readers/post_batch.hpp"
#include "io/utf8.hpp"

namespace lockstep::io {

/// UTC seconds of an ISO-8601 / RFC-3339 time: "YYYY-MM-DD", optionally followed by 'T' or ' '
/// and "HH:MM", ":SS", a fraction (floored) and a zone ("Z", "+HH:MM", "+HHMM", "+HH"). No zone
/// means UTC. Also covers the IO archives' "YYYY-MM-DD HH:MM". nullopt when malformed or out of
/// range (field values checked: month 1..12, day within the month, hour < 24, minute and
/// second < 60, leap second 60 accepted). O(|s|).
std::optional<std::int64_t> parse_iso8601_utc(std::string_view s);

/// An integer written as an integer or a decimal ("12", "12.0", "-3", "1646136000.75"),
/// floored to an integer (counts stored as floats, UNIX times with fractions). Surrounding
/// spaces allowed. nullopt when malformed or beyond +-2^62. O(|s|).
std::optional<std::int64_t> parse_int_floor(std::string_view s);

/// A hashtag in the form every reader interns: without a leading '#' (or U+FF03), Unicode
/// NFKC + case-folded (utf8proc; ASCII takes a fast path). "" for an empty tag or invalid UTF-8.
std::string casefold_hashtag(std::string_view tag);

/// A mention by handle, as readers intern it when the input has no account id: "@" + the
/// handle without leading '@', ASCII lower-cased. "" for an empty handle.
std::string mention_handle(std::string_view handle);

/// The elements of a list column as pandas and R users write them: a Python repr
/// "['a', 'b']" (or with double quotes), an unquoted "[a, b]", or "" / "[]" for none.
/// Quoted elements end at their closing quote, so commas inside them (URLs) are data. Unquoted
/// elements are split at ',' followed by a space, and at a bare ',' unless the element so far
/// is a URL (starts with "http") and the text after the comma is not one. Elements are trimmed
/// views into s; empty elements are dropped. O(|s|).
void parse_list_column(std::string_view s, std::vector<std::string_view>& out);

/// Adds a `links` reference (normalize_url(raw).url, or raw when that is "") and a
/// `links_domain` reference (when the URL has a domain) from the last post of batch.
void add_link(PostBatch& batch, std::string_view raw);

/// Calls f(url) for each "http://" / "https://" URL in plain text; a URL ends at whitespace,
/// a quote, '<', '>' or the end, and loses trailing punctuation (".,;:!?)]}"). O(|text|).
template <class F>
void for_each_text_url(std::string_view text, F&& f) {
  std::size_t pos = 0;
  while ((pos = text.find("http", pos)) != std::string_view::npos) {
    const std::string_view rest = text.substr(pos);
    if (!rest.starts_with("http://") && !rest.starts_with("https://")) {
      pos += 4;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() &&
           std::string_view(" \t\r\n\"'<>").find(text[end]) == std::string_view::npos)
      ++end;
    while (end > pos && std::string_view(".,;:!?)]}").find(text[end - 1]) != std::string_view::npos)
      --end;
    f(text.substr(pos, end - pos));
    pos = end;
  }
}

/// The header record of a CSV input: names trimmed and ASCII lower-cased, and how many bytes
/// and lines of text it used (blank lines before it included).
struct CsvHeader {
  std::vector<std::string> names;
  std::size_t bytes = 0;
  std::uint64_t lines = 0;
};

/// Reads the header record at the start of text (the first chunk of path). Throws InputError
/// "path:line: ..." when there is none or it is malformed. O(|header|).
CsvHeader parse_csv_header(const std::string& path, std::string_view text,
                           std::size_t max_record_bytes);

/// Tokenizes the CSV records of a chunk and calls f(record) for each well-formed one with
/// n_fields fields and valid UTF-8; the others are rejected into batch ("expected N fields,
/// found M", "invalid UTF-8", or the tokenizer's reason). O(|text|).
template <class F>
void for_each_csv_row(std::string_view text, std::size_t n_fields, std::size_t max_record_bytes,
                      PostBatch& batch, F&& f) {
  CsvTokenizer tok(text, 0, max_record_bytes);
  CsvRecord rec;
  while (tok.next(rec)) {
    if (!rec.ok()) {
      batch.reject(rec.line, rec.raw, rec.error);
    } else if (rec.fields.size() != n_fields) {
      batch.reject(rec.line, rec.raw,
                   "expected " + std::to_string(n_fields) + " fields, found " +
                       std::to_string(rec.fields.size()));
    } else if (!is_valid_utf8(rec.raw)) {
      batch.reject(rec.line, rec.raw, "invalid UTF-8");
    } else {
      f(rec);
    }
  }
}

/// A value quoted for an error message: at most 40 bytes, non-printable bytes as '?'.
std::string quote_value(std::string_view v);

}  // namespace lockstep::io
