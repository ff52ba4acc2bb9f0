// SPDX-License-Identifier: Apache-2.0
#include "io/edge_list.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
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

std::string read_file(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw MissingInputError(path + ": cannot open edge list");
  std::string data;
  std::size_t used = 0;
  for (;;) {
    data.resize(used + kBlockBytes);
    const std::size_t got = std::fread(data.data() + used, 1, kBlockBytes, f.get());
    used += got;
    if (got < kBlockBytes) break;
  }
  if (std::ferror(f.get())) throw InputError(path + ":0: read error");
  data.resize(used);
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
  std::size_t lines = 0;       // newlines in the block
  std::size_t error_line = 0;  // 1-based inside the block; 0 = no error
  std::string error;
};

void parse_block(std::string_view text, Block& b) {
  std::size_t p = b.begin;
  while (p < b.end) {
    const std::size_t eol = std::min(b.end, text.find('\n', p));
    ++b.lines;
    std::size_t q = p;
    while (q < eol && is_blank(text[q])) ++q;
    if (q == eol || text[q] == '#' || text[q] == '%') {
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

std::string_view token_at(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && text[end] != '\n' && !is_blank(text[end])) ++end;
  return text.substr(pos, end - pos);
}

}  // namespace

EdgeList read_edge_list(const std::string& path) {
  const std::string data = read_file(path);
  const std::string_view text = data;
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
    for (auto i = r.begin(); i != r.end(); ++i) parse_block(text, blocks[i]);
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
  if (all_integer) {
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
