// SPDX-License-Identifier: Apache-2.0
#include "io/readers/chunked_reader.hpp"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <array>
#include <cstring>

#include "algorithms/base/error.hpp"

namespace lockstep::io {
namespace {

struct BatchChunk {
  std::shared_ptr<const Block> block;
  std::string_view text;
  std::uint64_t stored_consumed = 0;
  PostBatch batch;
};

}  // namespace

CsvSplit split_lines(std::string_view buf, std::size_t chunk_bytes, bool at_eof,
                     std::size_t /*max_record_bytes*/) {
  CsvSplit s;
  std::size_t begin = 0;
  while (begin < buf.size()) {
    std::size_t want = std::min(buf.size(), begin + std::max<std::size_t>(chunk_bytes, 1));
    const auto nl = buf.find('\n', want - 1 < begin ? begin : want - 1);
    if (nl == std::string_view::npos) break;
    s.ends.push_back(nl + 1);
    begin = nl + 1;
  }
  if (at_eof && begin < buf.size()) {
    s.ends.push_back(buf.size());  // last line without '\n'
    begin = buf.size();
  }
  s.complete = begin;
  return s;
}

void read_chunked(const std::string& path, const std::string& format, ReaderContext& ctx,
                  BatchMerger& merger, Splitter split, const ChunkParser& parse,
                  ActivityTable& table, const PreambleParser& preamble) {
  InputSource src(path);
  ChunkSource<BatchChunk> chunks(src, ctx.tuning, split);
  std::shared_ptr<BatchChunk> first = chunks.next();
  std::uint64_t first_line = 1;
  if (preamble) {
    const auto [bytes, lines] = preamble(first ? first->text : std::string_view{});
    if (first) first->text.remove_prefix(bytes);
    first_line += lines;
  }
  merger.begin_file(path, format, first_line);
  std::size_t tokens = ctx.tuning.max_tokens;
  if (tokens == 0)
    tokens = 2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()) + 1;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, std::shared_ptr<BatchChunk>>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> std::shared_ptr<BatchChunk> {
            auto c = first ? std::move(first) : chunks.next();
            first.reset();
            if (!c) {
              fc.stop();
              return nullptr;
            }
            ctx.report(c->stored_consumed);
            return c;
          }) &
          tbb::make_filter<std::shared_ptr<BatchChunk>, std::shared_ptr<BatchChunk>>(
              tbb::filter_mode::parallel,
              [&](std::shared_ptr<BatchChunk> c) {
                parse(c->text, c->batch);
                c->batch.n_lines = static_cast<std::uint64_t>(
                    std::count(c->text.begin(), c->text.end(), '\n'));
                return c;
              }) &
          tbb::make_filter<std::shared_ptr<BatchChunk>, void>(
              tbb::filter_mode::serial_in_order,
              [&](std::shared_ptr<BatchChunk> c) { merger.merge(c->batch, ctx.rejects); }));
  InputStats stats = merger.end_file();
  stats.sha256 = src.stored_sha256();
  ctx.progress_done += src.stored_consumed();
  ctx.report(0);
  table.inputs.push_back(std::move(stats));
}

void merge_document(const std::string& path, const std::string& format, std::string sha256,
                    PostBatch& batch, ReaderContext& ctx, BatchMerger& merger,
                    ActivityTable& table) {
  merger.begin_file(path, format, 1);
  merger.merge(batch, ctx.rejects);
  InputStats stats = merger.end_file();
  stats.sha256 = std::move(sha256);
  ctx.report(0);
  table.inputs.push_back(std::move(stats));
}

std::string read_whole(const std::string& path, ReaderContext& ctx, std::string& sha256) {
  InputSource src(path);
  std::string out;
  std::array<char, 1 << 16> buf{};
  for (std::size_t n; (n = src.read(buf)) > 0;) {
    out.append(buf.data(), n);
    ctx.report(src.stored_consumed());
  }
  sha256 = src.stored_sha256();
  ctx.progress_done += src.stored_consumed();
  return out;
}

}  // namespace lockstep::io
