// SPDX-License-Identifier: Apache-2.0
#include "io/readers/read_activity.hpp"

#include <sys/stat.h>

#include <array>
#include <string_view>

#include "algorithms/base/error.hpp"
#include "io/input_source.hpp"
#include "io/readers/bluesky.hpp"
#include "io/readers/cnt_csv.hpp"
#include "io/readers/io_archive.hpp"
#include "io/readers/mastodon.hpp"
#include "io/readers/reader_context.hpp"
#include "io/readers/reddit.hpp"
#include "io/readers/shares_csv.hpp"
#include "io/readers/telegram.hpp"
#include "io/readers/sniff_format.hpp"
#include "io/readers/twarc_csv.hpp"
#include "io/readers/twitter_v1.hpp"
#include "io/readers/twitter_v2.hpp"

namespace lockstep::io {
namespace {

// One entry per input format; a new reader is one new file in io/readers/ plus one line here.
using ReaderFn = void (*)(std::span<const std::string>, ReaderContext&, ActivityTable&);
struct FormatEntry {
  std::string_view name;
  ReaderFn read;
};
// "auto" (sniff_format.cpp) also needs a signature row for a new format.
constexpr std::array<FormatEntry, 11> kFormats = {{
    {kSharesCsvFormat, &read_shares_csv},
    {kTwitterV1Format, &read_twitter_v1},
    {kTwitterV2Format, &read_twitter_v2},
    {kTwarcCsvFormat, &read_twarc_csv},
    {kIoArchiveFormat, &read_io_archive},
    {kIoArchiveUsersFormat, &read_io_archive_users},
    {kCntCsvFormat, &read_cnt_csv},
    {kTelegramFormat, &read_telegram},
    {kRedditFormat, &read_reddit},
    {kBlueskyFormat, &read_bluesky},
    {kMastodonFormat, &read_mastodon},
}};

const FormatEntry& find_format(std::string_view name) {
  for (const auto& f : kFormats)
    if (f.name == name) return f;
  std::string known(kAutoFormat);
  for (const auto& f : kFormats) known += ", " + std::string(f.name);
  throw ConfigError("unknown input format '" + std::string(name) + "' (known: " + known + ")");
}

std::uint64_t total_stored_bytes(std::span<const std::string> files) {
  std::uint64_t total = 0;
  for (const std::string& f : files) {
    struct stat st {};
    if (f == "-" || ::stat(f.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    total += static_cast<std::uint64_t>(st.st_size);
  }
  return total;
}

}  // namespace

ActivityTable read_activity(std::span<const std::string> paths, const ReadOptions& opts,
                            const ReaderTuning& tuning) {
  const bool detect = opts.format == kAutoFormat;
  if (!detect) find_format(opts.format);
  if (!(opts.rejects.max_reject_fraction >= 0.0 && opts.rejects.max_reject_fraction <= 1.0))
    throw ConfigError("max_reject_fraction must be within [0, 1]");
  const std::vector<std::string> files = expand_inputs(paths);
  RejectSink rejects(opts.rejects);
  ReaderContext ctx{opts, tuning, rejects, total_stored_bytes(files), 0};
  // One format per input; consecutive inputs of the same format are read together.
  std::vector<const FormatEntry*> formats;
  for (const std::string& f : files)
    formats.push_back(&find_format(detect ? detect_format(f) : opts.format));
  ActivityTable table;
  if (!opts.account_files.empty())
    read_io_archive_users(expand_inputs(opts.account_files), ctx, table);
  for (std::size_t begin = 0, end = 0; begin < files.size(); begin = end) {
    while (end < files.size() && formats[end] == formats[begin]) ++end;
    formats[begin]->read(std::span(files).subspan(begin, end - begin), ctx, table);
  }
  table.resize_accounts();  // attributes and post facts stay parallel to their dictionaries
  table.resize_posts();
  std::uint64_t accepted = 0;
  for (const InputStats& s : table.inputs) accepted += s.n_records + s.n_duplicates;
  rejects.finish(accepted);
  return table;
}

ActivityTable read_activity(std::span<const std::string> paths, const ReadOptions& opts) {
  return read_activity(paths, opts, ReaderTuning{});
}

}  // namespace lockstep::io
