// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing for the format readers: the serial stage of every parallel reading
// pipeline. Reads big blocks from an InputSource and cuts them into record-aligned chunks.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "io/csv.hpp"
#include "io/input_source.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// One read(2) block; chunks hold a shared_ptr so their text stays valid while parsed.
struct Block {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
  std::size_t capacity = 0;  // bytes allocated at data
};

/// Buffers of finished blocks, handed out again: a fresh multi-MB buffer costs a page fault per
/// 4 KB page on its first read(2), which made the kernel side of reading as costly as parsing
/// a fast format. Thread-safe (blocks die in the merge stage while the reader takes new ones).
/// Holds no more buffers than were alive at once.
class BlockPool {
 public:
  /// A buffer of at least `bytes`, recycled when one is free; its capacity goes to *capacity.
  std::unique_ptr<char[]> take(std::size_t bytes, std::size_t& capacity) {
    {
      std::lock_guard lock(mutex_);
      for (auto it = free_.begin(); it != free_.end(); ++it) {
        if (it->second < bytes) continue;
        capacity = it->second;
        auto buf = std::move(it->first);
        free_.erase(it);
        return buf;
      }
    }
    capacity = bytes;
    return std::make_unique_for_overwrite<char[]>(bytes);
  }
  /// Returns a buffer for reuse.
  void give(std::unique_ptr<char[]> buf, std::size_t capacity) {
    std::lock_guard lock(mutex_);
    free_.emplace_back(std::move(buf), capacity);
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::unique_ptr<char[]>, std::size_t>> free_;
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
    // Slack lets a recycled buffer take the next block's carried partial record too.
    const std::size_t cap = carry_.size() + want;
    std::size_t capacity = 0;
    auto data = pool_->take(std::max(cap, want + want / 8), capacity);
    std::shared_ptr<Block> block(new Block{std::move(data), 0, capacity}, [pool = pool_](Block* b) {
      pool->give(std::move(b->data), b->capacity);
      delete b;
    });
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
  std::shared_ptr<BlockPool> pool_ = std::make_shared<BlockPool>();  // outlives every block
  std::vector<char> carry_;  // an unfinished record waiting for the next block
  std::deque<std::shared_ptr<Chunk>> pending_;
  bool eof_ = false;
  bool first_ = true;
};

}  // namespace lockstep::io
