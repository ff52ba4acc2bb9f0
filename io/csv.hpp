// SPDX-License-Identifier: Apache-2.0
#pragma once
// RFC-4180 CSV tokenizing shared by every CSV reader (shares CSV, IO archives, twarc-csv, ...).
//
// Grammar and error model, identical in CsvTokenizer and split_csv_chunks so that chunked
// parallel parsing gives the records a sequential pass gives:
// - Records end at '\n' outside quoted fields; a '\r' right before it is dropped. Lines that
//   are empty (or a lone '\r') are skipped: they are not records, but they count as lines.
// - A '"' opens a quoted field only as the first byte of a field (at the start of a record,
//   or right after ','). Inside, "" is a literal quote; ',' and '\n' are data.
// - A '"' elsewhere in an unquoted field is a stray quote: the record is malformed, but the
//   quote does not change the state, so one bad record never poisons the rest of the file.
// - A quoted field must close within max_record_bytes of the start of its record (and before
//   the end of the input); otherwise the record is "unterminated quoted field": the record is
//   reported (malformed) up to the end of the line holding the opening quote, and parsing
//   resynchronises on the next line. This bounds memory and keeps one stray quote local.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::io {

/// Longest span from a record's start within which its quoted fields must close.
inline constexpr std::size_t kDefaultMaxCsvRecordBytes = std::size_t{1} << 20;

/// One CSV record as CsvTokenizer delivers it.
struct CsvRecord {
  std::uint64_t line = 0;                // number of the line where the record starts
  std::string_view raw;                  // verbatim bytes, line terminator included
  std::vector<std::string_view> fields;  // unescaped; empty when malformed
  const char* error = nullptr;           // why the record is malformed; nullptr when well-formed

  bool ok() const noexcept { return error == nullptr; }
};

/// Sequential tokenizer over a buffer that holds complete records (a whole input, or one
/// chunk cut by split_csv_chunks). Fields are views into the buffer, except quoted fields
/// with doubled quotes, which are unescaped into tokenizer scratch valid until the next
/// next() call. Never throws on bad data: malformed records come back with `error` set.
/// Cost O(bytes); no allocation per field once the record's vector has grown.
class CsvTokenizer {
 public:
  /// Pre: buffer starts at a record boundary and has no UTF-8 BOM (see strip_utf8_bom).
  explicit CsvTokenizer(std::string_view buffer, std::uint64_t first_line = 1,
                        std::size_t max_record_bytes = kDefaultMaxCsvRecordBytes);

  /// Reads the next non-blank record into rec; false at the end of the buffer.
  bool next(CsvRecord& rec);

  /// Number of the line at the current position (after the last record read).
  std::uint64_t line() const noexcept { return line_; }
  /// Offset in the buffer of the first byte not consumed yet.
  std::size_t offset() const noexcept { return pos_; }

 private:
  std::string_view buf_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::size_t max_record_bytes_;
  std::string scratch_;  // unescaped quoted fields of the current record
};

/// Result of split_csv_chunks: chunk i is [ends[i-1], ends[i]) (ends[-1] = 0). The chunks
/// cover [0, complete); the bytes after `complete` start an unfinished record.
struct CsvSplit {
  std::vector<std::size_t> ends;
  std::size_t complete = 0;
};

/// Cuts buf (which starts at a record boundary) into chunks of at least chunk_bytes (except the
/// last) ending at record boundaries, never inside a quoted field, for parallel tokenizing.
/// One sequential pass that jumps from quote to quote (memchr), so unquoted data costs
/// next to nothing. at_eof: buf ends the input (the last record may lack its '\n').
/// Deterministic: boundaries are those CsvTokenizer finds over the concatenated input, for any
/// chunk_bytes and any way the input was cut into buffers.
CsvSplit split_csv_chunks(std::string_view buf, std::size_t chunk_bytes, bool at_eof,
                          std::size_t max_record_bytes = kDefaultMaxCsvRecordBytes);

/// buf without a leading UTF-8 byte order mark (EF BB BF). O(1).
std::string_view strip_utf8_bom(std::string_view buf) noexcept;

/// buf with ASCII spaces and tabs trimmed at both ends. O(|buf|).
std::string_view trim_ascii(std::string_view buf) noexcept;

}  // namespace lockstep::io
