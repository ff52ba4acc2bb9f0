// SPDX-License-Identifier: Apache-2.0
#include "io/edge_list.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "algorithms/base/error.hpp"

namespace lockstep::io {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{4} << 20;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// The whole file, read in blocks into a buffer that is never zero-filled.
struct FileData {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
};

FileData read_file(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw MissingInputError(path + ": cannot open edge list");
  FileData data;
  std::size_t capacity = 0;
  if (std::fseek(f.get(), 0, SEEK_END) == 0) {
    const long end = std::ftell(f.get());
    if (end > 0) capacity = static_cast<std::size_t>(end);
    std::rewind(f.get());
  }
  capacity += kBlockBytes;  // room to notice a file that grew, or a pipe
  data.bytes.reset(new char[capacity]);
  for (;;) {
    if (data.size == capacity) {
      std::unique_ptr<char[]> bigger(new char[2 * capacity]);
      std::copy_n(data.bytes.get(), data.size, bigger.get());
      data.bytes = std::move(bigger);
      capacity *= 2;
    }
    const std::size_t got =
        std::fread(data.bytes.get() + data.size, 1, capacity - data.size, f.get());
    data.size += got;
    if (got == 0) break;
  }
  if (std::ferror(f.get())) throw InputError(path + ":0: read error");
  return data;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// What one block parsed: the byte offset of every endpoint token (u, v alternating), its value
// when it is an integer, the weights, and the first error with its line inside the block.
struct Block {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::size_t> token;
  std::vector<std::int64_t> value;
  std::vector<float> weight;
  bool all_integer = true;
  std::int64_t min_value = std::numeric_limits<std::int64_t>::max();
  std::int64_t max_value = std::numeric_limits<std::int64_t>::min();
  std::size_t lines = 0;       // newlines in the block
  std::size_t error_line = 0;  // 1-based inside the block; 0 = no error
  std::string error;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The common line "u v [w]" with unsigned decimal ids of at most 18 digits and an optional
// integer weight of at most 9 digits, parsed in one scan. Returns false, having stored nothing,
// for anything else (signs, decimals, text ids, errors), which the general parser then handles
// with the same results: such ids are exactly the tokens from_chars reads as int64, and an int
// below 10^9 converts to the same float as from_chars gives.
bool parse_simple_line(std::string_view text, std::size_t q, std::size_t eol, Block& b) {
  const char* const base = text.data();
  const char* p = base + q;
  const char* const end = base + eol;
  std::int64_t id[2];
  const char* start[2];
  for (int i = 0; i < 2; ++i) {
    start[i] = p;
    std::int64_t v = 0;
    while (p < end && is_digit(*p)) v = v * 10 + (*p++ - '0');
    const auto len = p - start[i];
    if (len == 0 || len > 18 || (p < end && !is_blank(*p))) return false;
    while (p < end && is_blank(*p)) ++p;
    id[i] = v;
  }
  float w = 1.0F;
  if (p < end) {
    const char* const first = p;
    std::int32_t v = 0;
    while (p < end && is_digit(*p)) v = v * 10 + (*p++ - '0');
    if (p == first || p - first > 9 || v == 0 || (p < end && !is_blank(*p))) return false;
    while (p < end && is_blank(*p)) ++p;
    if (p != end) return false;
    w = static_cast<float>(v);
  }
  for (int i = 0; i < 2; ++i) {
    b.token.push_back(static_cast<std::size_t>(start[i] - base));
    b.value.push_back(id[i]);
  }
  b.weight.push_back(w);
  return true;
}

void parse_block(std::string_view text, Block& b) {
  const std::size_t guess = (b.end - b.begin) / 8 + 16;
  b.token.reserve(2 * guess);
  b.value.reserve(2 * guess);
  b.weight.reserve(guess);
  std::size_t p = b.begin;
  while (p < b.end) {
    const void* nl = std::memchr(text.data() + p, '\n', b.end - p);
    const std::size_t eol =
        nl == nullptr ? b.end
                      : static_cast<std::size_t>(static_cast<const char*>(nl) - text.data());
    ++b.lines;
    std::size_t q = p;
    while (q < eol && is_blank(text[q])) ++q;
    if (q == eol || text[q] == '#' || text[q] == '%') {
      p = eol + 1;
      continue;
    }
    if (parse_simple_line(text, q, eol, b)) {
      p = eol + 1;
      continue;
    }
    std::string_view field[4];
    int fields = 0;
    while (q < eol && fields < 4) {
      const std::size_t start = q;
      while (q < eol && !is_blank(text[q])) ++q;
      field[fields++] = text.substr(start, q - start);
      while (q < eol && is_blank(text[q])) ++q;
    }
    if (fields < 2 || fields > 3) {
      b.error_line = b.lines;
      b.error = "expected \"u v [w]\", found " + std::to_string(fields) + " field" +
                (fields == 1 ? "" : "s");
      return;
    }
    float w = 1.0F;
    if (fields == 3) {
      const auto* last = field[2].data() + field[2].size();
      const auto [ptr, ec] = std::from_chars(field[2].data(), last, w);
      if (ec != std::errc() || ptr != last || !std::isfinite(w) || !(w > 0.0F)) {
        b.error_line = b.lines;
        b.error = "weight \"" + std::string(field[2]) + "\" is not a finite number > 0";
        return;
      }
    }
    for (int i = 0; i < 2; ++i) {
      const auto* last = field[i].data() + field[i].size();
      std::int64_t id = 0;
      const auto [ptr, ec] = std::from_chars(field[i].data(), last, id);
      if (ec != std::errc() || ptr != last) b.all_integer = false;
      b.token.push_back(static_cast<std::size_t>(field[i].data() - text.data()));
      b.value.push_back(id);
    }
    b.weight.push_back(w);
    p = eol + 1;
  }
}

// Open addressing from 64-bit integer ids to dense ids; faster than std::unordered_map for the
// one sequential step (interning in file order).
class IntIndex {
 public:
  IntIndex() : keys_(1024), ids_(1024, kEmpty) {}
  // Dense id of key; adds it as `next` when new.
  std::uint32_t intern(std::int64_t key, std::uint32_t next) {
    if (2 * (count_ + 1) > ids_.size()) grow();
    const std::size_t slot = find(key);
    if (ids_[slot] == kEmpty) {
      keys_[slot] = key;
      ids_[slot] = next;
      ++count_;
    }
    return ids_[slot];
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFU;
  std::size_t find(std::int64_t key) const {
    auto h = static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ULL;
    const std::size_t mask = ids_.size() - 1;
    for (std::size_t s = (h ^ (h >> 29)) & mask;; s = (s + 1) & mask)
      if (ids_[s] == kEmpty || keys_[s] == key) return s;
  }
  void grow() {
    std::vector<std::int64_t> keys = std::move(keys_);
    std::vector<std::uint32_t> ids = std::move(ids_);
    keys_.assign(keys.size() * 2, 0);
    ids_.assign(ids.size() * 2, kEmpty);
    for (std::size_t s = 0; s < ids.size(); ++s)
      if (ids[s] != kEmpty) {
        const std::size_t slot = find(keys[s]);
        keys_[slot] = keys[s];
        ids_[slot] = ids[s];
      }
  }
  std::vector<std::int64_t> keys_;
  std::vector<std::uint32_t> ids_;
  std::size_t count_ = 0;
};

// Dense ids for non-negative integer node ids below about twice the number of tokens (the usual
// 0..n-1 or 1..n files), in parallel: every value's first occurrence is an atomic minimum of
// token positions (order-independent, so deterministic) and dense ids are the ranks of first
// occurrences, which is the order of first appearance. Returns false, doing nothing, when the
// ids do not fit that range.
bool intern_small_integers(const std::vector<Block>& blocks,
                           const std::vector<std::size_t>& first_edge, EdgeList& out,
                           std::vector<std::size_t>& first_token) {
  const std::size_t tokens = 2 * first_edge.back();
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();  // empty blocks keep these
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  for (const Block& b : blocks) {
    lo = std::min(lo, b.min_value);
    hi = std::max(hi, b.max_value);
  }
  if (tokens == 0 || lo < 0 || static_cast<std::uint64_t>(hi) >= 2 * tokens + 1024) return false;
  const auto values = static_cast<std::size_t>(hi) + 1;
  constexpr auto kUnseen = std::numeric_limits<std::uint64_t>::max();
  std::vector<std::uint64_t> first(values, kUnseen);
  std::vector<std::vector<std::uint8_t>> is_first(blocks.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks.size(), 1), [&](const auto& r) {
    for (auto i = r.begin(); i != r.end(); ++i) {
      const std::uint64_t base = 2 * first_edge[i];
      for (std::size_t k = 0; k < blocks[i].value.size(); ++k) {
        std::atomic_ref<std::uint64_t> slot(first[static_cast<std::size_t>(blocks[i].value[k])]);
        std::uint64_t seen = slot.load(std::memory_order_relaxed);
        while (base + k < seen && !slot.compare_exchange_weak(seen, base + k)) {
        }
      }
    }
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks.size(), 1), [&](const auto& r) {
    for (auto i = r.begin(); i != r.end(); ++i) {
      const std::uint64_t base = 2 * first_edge[i];
      is_first[i].resize(blocks[i].value.size());
      for (std::size_t k = 0; k < blocks[i].value.size(); ++k)
        is_first[i][k] = first[static_cast<std::size_t>(blocks[i].value[k])] == base + k;
    }
  });
  std::vector<std::pair<std::uint32_t, std::uint32_t>> firsts;  // (block, token) in file order
  for (std::size_t i = 0; i < blocks.size(); ++i)
    for (std::size_t k = 0; k < is_first[i].size(); ++k)
      if (is_first[i][k] != 0)
        firsts.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k));
  std::vector<std::uint32_t> id_of(values);
  first_token.resize(firsts.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, firsts.size(), 4096), [&](const auto& r) {
    for (auto f = r.begin(); f != r.end(); ++f) {
      const auto [i, k] = firsts[f];
      id_of[static_cast<std::size_t>(blocks[i].value[k])] = static_cast<std::uint32_t>(f);
      first_token[f] = blocks[i].token[k];
    }
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks.size(), 1), [&](const auto& r) {
    for (auto i = r.begin(); i != r.end(); ++i)
      for (std::size_t k = 0; k < blocks[i].value.size(); ++k)
        (k % 2 == 0 ? out.source : out.target)[first_edge[i] + k / 2] =
            id_of[static_cast<std::size_t>(blocks[i].value[k])];
  });
  return true;
}

std::string_view token_at(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && text[end] != '\n' && !is_blank(text[end])) ++end;
  return text.substr(pos, end - pos);
}

}  // namespace

EdgeList read_edge_list(const std::string& path) {
  const FileData data = read_file(path);
  const std::string_view text(data.bytes.get(), data.size);
  // Blocks end just after a newline, so no line straddles two blocks.
  std::vector<Block> blocks;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = std::min(text.size(), begin + kBlockBytes);
    if (end < text.size()) {
      const std::size_t nl = text.find('\n', end);
      end = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    Block& b = blocks.emplace_back();
    b.begin = begin;
    b.end = end;
    begin = end;
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks.size(), 1), [&](const auto& r) {
    for (auto i = r.begin(); i != r.end(); ++i) {
      Block& b = blocks[i];
      parse_block(text, b);
      for (const std::int64_t v : b.value) {
        b.min_value = std::min(b.min_value, v);
        b.max_value = std::max(b.max_value, v);
      }
    }
  });
  std::size_t line = 0;
  bool all_integer = true;
  std::size_t edges = 0;
  for (const Block& b : blocks) {
    if (b.error_line != 0)
      throw InputError(path + ":" + std::to_string(line + b.error_line) + ": " + b.error);
    line += b.lines;
    all_integer = all_integer && b.all_integer;
    edges += b.weight.size();
  }
  std::vector<std::size_t> first_edge(blocks.size() + 1, 0);
  for (std::size_t i = 0; i < blocks.size(); ++i)
    first_edge[i + 1] = first_edge[i] + blocks[i].weight.size();

  EdgeList out;
  out.source.resize(edges);
  out.target.resize(edges);
  out.weight.resize(edges);
  // Interning is the one sequential step: dense ids must follow the order of first appearance.
  std::vector<std::size_t> first_token;  // dense id -> offset of its first occurrence
  const auto store = [&](std::size_t block, std::size_t k, std::uint32_t id) {
    if (id == first_token.size()) first_token.push_back(blocks[block].token[k]);
    (k % 2 == 0 ? out.source : out.target)[first_edge[block] + k / 2] = id;
  };
  if (all_integer && intern_small_integers(blocks, first_edge, out, first_token)) {
    // done in parallel
  } else if (all_integer) {
    IntIndex index;
    for (std::size_t i = 0; i < blocks.size(); ++i)
      for (std::size_t k = 0; k < blocks[i].value.size(); ++k)
        store(i, k,
              index.intern(blocks[i].value[k], static_cast<std::uint32_t>(first_token.size())));
  } else {
    std::unordered_map<std::string_view, std::uint32_t> index;
    for (std::size_t i = 0; i < blocks.size(); ++i)
      for (std::size_t k = 0; k < blocks[i].token.size(); ++k)
        store(i, k,
              index
                  .try_emplace(token_at(text, blocks[i].token[k]),
                               static_cast<std::uint32_t>(first_token.size()))
                  .first->second);
  }
  if (first_token.size() > std::size_t{0xFFFFFFFEU})
    throw InputError(path + ":" + std::to_string(line) + ": more than 2^32 - 2 nodes");
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks.size(), 1), [&](const auto& r) {
    for (auto i = r.begin(); i != r.end(); ++i)
      std::copy(blocks[i].weight.begin(), blocks[i].weight.end(),
                out.weight.begin() + static_cast<std::ptrdiff_t>(first_edge[i]));
  });
  out.names.resize(first_token.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, first_token.size(), 4096),
                    [&](const auto& r) {
                      for (auto i = r.begin(); i != r.end(); ++i)
                        out.names[i] = std::string(token_at(text, first_token[i]));
                    });
  return out;
}

}  // namespace lockstep::io
