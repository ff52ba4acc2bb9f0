// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing for the format readers: the serial stage of every parallel reading
// pipeline. Reads big blocks from an InputSource and cuts them into record-aligned chunks.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "io/csv.hpp"
#include "io/input_source.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// One read(2) block; chunks hold a shared_ptr so their text stays valid while parsed.
struct Block {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
};

/// Cuts buf into chunks of at least chunk_bytes ending at record boundaries (see CsvSplit).
using Splitter = CsvSplit (*)(std::string_view buf, std::size_t chunk_bytes, bool at_eof,
                              std::size_t max_record_bytes);

/// Splitter for line-oriented formats (JSONL / NDJSON): records end at '\n'.
CsvSplit split_lines(std::string_view buf, std::size_t chunk_bytes, bool at_eof,
                     std::size_t max_record_bytes);

/// Serial stage of a reading pipeline. Chunk must have members `std::shared_ptr<const Block>
/// block`, `std::string_view text` and `std::uint64_t stored_consumed`.
template <class Chunk>
class ChunkSource {
 public:
  ChunkSource(InputSource& src, const ReaderTuning& t, Splitter split)
      : src_(src), tuning_(t), split_(split) {}

  /// The next chunk in input order, or nullptr at the end.
  std::shared_ptr<Chunk> next() {
    while (pending_.empty()) {
      if (eof_ && carry_.empty()) return nullptr;
      read_block();
    }
    auto c = std::move(pending_.front());
    pending_.pop_front();
    return c;
  }

 private:
  void read_block() {
    const std::size_t want = std::max<std::size_t>(tuning_.chunk_bytes, 1) *
                             std::max<std::size_t>(tuning_.chunks_per_block, 1);
    auto block = std::make_shared<Block>();
    const std::size_t cap = carry_.size() + want;
    block->data = std::make_unique_for_overwrite<char[]>(cap);
    std::copy(carry_.begin(), carry_.end(), block->data.get());
    std::size_t len = carry_.size();
    if (!eof_) {
      const std::size_t got = src_.read(std::span<char>(block->data.get() + len, cap - len));
      if (got < cap - len) eof_ = true;
      len += got;
    }
    block->size = len;
    std::string_view view(block->data.get(), len);
    if (first_) view = strip_utf8_bom(view);  // a BOM only counts at the start of the input
    first_ = false;
    const CsvSplit split = split_(view, tuning_.chunk_bytes, eof_, tuning_.max_record_bytes);
    carry_.assign(view.begin() + static_cast<std::ptrdiff_t>(split.complete), view.end());
    std::size_t begin = 0;
    for (const std::size_t end : split.ends) {
      auto c = std::make_shared<Chunk>();
      c->block = block;
      c->text = view.substr(begin, end - begin);
      c->stored_consumed = src_.stored_consumed();
      pending_.push_back(std::move(c));
      begin = end;
    }
    if (eof_ && split.complete == view.size()) carry_.clear();
  }

  InputSource& src_;
  const ReaderTuning& tuning_;
  Splitter split_;
  std::vector<char> carry_;  // an unfinished record waiting for the next block
  std::deque<std::shared_ptr<Chunk>> pending_;
  bool eof_ = false;
  bool first_ = true;
};

}  // namespace lockstep::io
