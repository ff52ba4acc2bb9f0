// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lockstep::io {

/// An undirected edge list with dense node ids. Knows nothing about graphs: parallel arrays of
/// (source, target, weight) plus the node id text of each dense id.
struct EdgeList {
  std::vector<std::uint32_t> source;  // dense ids 0..names.size()-1
  std::vector<std::uint32_t> target;
  std::vector<float> weight;       // 1 where the line has no weight
  std::vector<std::string> names;  // dense id -> node id as written in the file
  std::size_t size() const noexcept { return source.size(); }
};

/// Reads a whitespace-separated edge list, one "u v [w]" per line; blank lines and lines whose
/// first non-blank character is '#' or '%' are skipped. Node ids are 64-bit integers (compared
/// by value, so "07" and "7" are one node) or, as soon as any id in the file is not an integer,
/// arbitrary strings (compared as text). Dense ids follow the order of first appearance.
/// Weights must be finite and > 0.
/// Throws MissingInputError (cannot open), InputError ("path:line: what is wrong").
/// Parses newline-aligned blocks in parallel and interns in file order: the result is the same
/// at any thread count. Cost: O(file size) time and memory.
EdgeList read_edge_list(const std::string& path);

}  // namespace lockstep::io
