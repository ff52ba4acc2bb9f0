// SPDX-License-Identifier: Apache-2.0
#include "io/readers/sniff_format.hpp"

#include <array>
#include <string_view>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/csv.hpp"
#include "io/input_source.hpp"
#include "io/readers/bluesky.hpp"
#include "io/readers/cnt_csv.hpp"
#include "io/readers/io_archive.hpp"
#include "io/readers/mastodon.hpp"
#include "io/readers/reddit.hpp"
#include "io/readers/shares_csv.hpp"
#include "io/readers/telegram.hpp"
#include "io/readers/twarc_csv.hpp"
#include "io/readers/twitter_v1.hpp"
#include "io/readers/twitter_v2.hpp"

namespace lockstep::io {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;

// The first non-blank line of head, without its line end.
std::string_view first_line(std::string_view head) {
  head = strip_utf8_bom(head);
  while (!head.empty()) {
    std::size_t end = head.find('\n');
    std::string_view line = head.substr(0, end);
    head = end == std::string_view::npos ? std::string_view{} : head.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = trim_ascii(line);
    if (!line.empty()) return line;
  }
  return {};
}

// JSON key "k" followed by optional spaces and ':'.
bool has_key(std::string_view line, std::string_view key) {
  for (std::size_t pos = line.find(key); pos != std::string_view::npos;
       pos = line.find(key, pos + 1)) {
    std::size_t i = pos + key.size();
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < line.size() && line[i] == ':') return true;
  }
  return false;
}

bool json_object(std::string_view line) { return !line.empty() && line.front() == '{'; }

// Lower-cased, trimmed header fields of a CSV first line.
std::vector<std::string> header_fields(std::string_view line) {
  std::vector<std::string> out;
  if (json_object(line)) return out;
  CsvTokenizer tok(line);
  CsvRecord rec;
  if (!tok.next(rec) || !rec.ok()) return out;
  for (const std::string_view f : rec.fields) {
    std::string name(trim_ascii(f));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out.push_back(std::move(name));
  }
  return out;
}

bool has_column(const std::vector<std::string>& cols, std::string_view name) {
  for (const auto& c : cols)
    if (c == name) return true;
  return false;
}

bool io_archive(std::string_view, std::string_view, const std::vector<std::string>& cols) {
  return has_column(cols, "tweetid") && has_column(cols, "userid") && has_column(cols, "tweet_time");
}

bool io_archive_users(std::string_view, std::string_view, const std::vector<std::string>& cols) {
  return !has_column(cols, "tweetid") && has_column(cols, "userid") &&
         has_column(cols, "account_creation_date");
}

// coordination-network-toolkit: 8 columns by position; its documented header names.
bool cnt_csv(std::string_view, std::string_view, const std::vector<std::string>& cols) {
  return cols.size() == 8 && has_column(cols, "repost_id") && has_column(cols, "reply_id");
}

bool reddit(std::string_view, std::string_view line, const std::vector<std::string>&) {
  return json_object(line) && has_key(line, "\"subreddit\"") && has_key(line, "\"author\"");
}

bool bluesky(std::string_view, std::string_view line, const std::vector<std::string>&) {
  return json_object(line) && has_key(line, "\"did\"") && has_key(line, "\"time_us\"");
}

// Whole-document formats: look at the head, not just the first line.
bool telegram(std::string_view head, std::string_view line, const std::vector<std::string>&) {
  return json_object(line) && has_key(head, "\"messages\"") &&
         (has_key(head, "\"date_unixtime\"") || has_key(head, "\"from_id\""));
}

bool mastodon(std::string_view head, std::string_view line, const std::vector<std::string>&) {
  return !line.empty() && line.front() == '[' && has_key(head, "\"account\"") &&
         has_key(head, "\"reblog\"");
}

bool twitter_v1(std::string_view, std::string_view line, const std::vector<std::string>&) {
  return json_object(line) && has_key(line, "\"id_str\"") && has_key(line, "\"user\"");
}

bool twitter_v2(std::string_view, std::string_view line, const std::vector<std::string>&) {
  if (!json_object(line) || has_key(line, "\"id_str\"")) return false;
  std::string_view start = line.substr(1);
  while (!start.empty() && (start.front() == ' ' || start.front() == '\t')) start.remove_prefix(1);
  return start.starts_with("\"data\"") || start.starts_with("\"errors\"") ||
         has_key(line, "\"author_id\"") || has_key(line, "\"edit_history_tweet_ids\"") ||
         (has_key(line, "\"includes\"") && has_key(line, "\"data\""));
}

bool twarc_csv(std::string_view, std::string_view, const std::vector<std::string>& cols) {
  return has_column(cols, "id") && has_column(cols, "created_at") && has_column(cols, "text") &&
         (has_column(cols, "author_id") || has_column(cols, "author.id"));
}

bool shares_csv(std::string_view, std::string_view, const std::vector<std::string>& cols) {
  return has_column(cols, "object_id") && has_column(cols, "content_id") &&
         has_column(cols, "timestamp_share") &&
         (has_column(cols, "account_id") || has_column(cols, "id_user"));
}

// One row per format: a new reader adds its signature here (first match wins, so put
// specific signatures before general ones).
struct Signature {
  std::string_view format;
  bool (*matches)(std::string_view head, std::string_view first_line,
                  const std::vector<std::string>& csv_header);
};
constexpr std::array<Signature, 11> kSignatures = {{
    {kTelegramFormat, &telegram},
    {kMastodonFormat, &mastodon},
    {kTwitterV1Format, &twitter_v1},
    {kTwitterV2Format, &twitter_v2},
    {kRedditFormat, &reddit},
    {kBlueskyFormat, &bluesky},
    {kTwarcCsvFormat, &twarc_csv},
    {kIoArchiveFormat, &io_archive},
    {kIoArchiveUsersFormat, &io_archive_users},
    {kCntCsvFormat, &cnt_csv},
    {kSharesCsvFormat, &shares_csv},
}};

}  // namespace

std::string_view sniff_format(std::string_view head) {
  const std::string_view line = first_line(head);
  if (line.empty()) return {};
  const std::vector<std::string> cols = header_fields(line);
  for (const Signature& s : kSignatures)
    if (s.matches(head, line, cols)) return s.format;
  return {};
}

std::string detect_format(const std::string& path) {
  if (path == "-")
    throw ConfigError("cannot detect the format of stdin (it cannot be read twice): pass --format");
  InputSource src(path);
  std::string head(kHeadBytes, '\0');
  std::size_t n = 0;
  for (std::size_t got;
       n < head.size() && (got = src.read(std::span<char>(head.data() + n, head.size() - n))) > 0;)
    n += got;
  head.resize(n);
  const std::string_view format = sniff_format(head);
  if (format.empty()) {
    std::string known;
    for (const Signature& s : kSignatures)
      known += (known.empty() ? "" : ", ") + std::string(s.format);
    throw ConfigError(path +
                      ": cannot detect the input format from its first bytes; pass --format (" +
                      known + ")");
  }
  return std::string(format);
}

}  // namespace lockstep::io
