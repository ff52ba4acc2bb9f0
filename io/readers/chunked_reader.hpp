// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing for the format readers: one input through the parallel pipeline
// (serial block reading -> parallel chunk parsing into PostBatches -> serial in-order merge).
#include <functional>
#include <string>
#include <string_view>

#include "io/readers/chunk_source.hpp"
#include "io/readers/post_batch.hpp"
#include "io/readers/reader_context.hpp"

namespace lockstep::io {

/// Parses the records of one chunk (text starts at a record boundary; line numbers in the
/// batch are relative to the chunk's first line). Called in parallel on different chunks.
using ChunkParser = std::function<void(std::string_view text, PostBatch& batch)>;

/// Consumes a preamble (e.g. a CSV header) at the start of the input: given the first chunk's
/// text, returns how many bytes and lines it used. Throws InputError for a bad preamble.
using PreambleParser = std::function<std::pair<std::size_t, std::uint64_t>(std::string_view)>;

/// Reads one input file with `split` and `parse`, merging into table via merger, and appends
/// its InputStats (with sha256) to table.inputs. Deterministic at any thread count.
void read_chunked(const std::string& path, const std::string& format, ReaderContext& ctx,
                  BatchMerger& merger, Splitter split, const ChunkParser& parse,
                  ActivityTable& table, const PreambleParser& preamble = {});

/// Merges the one batch of a whole-document input and appends its InputStats (with sha256).
void merge_document(const std::string& path, const std::string& format, std::string sha256,
                    PostBatch& batch, ReaderContext& ctx, BatchMerger& merger,
                    ActivityTable& table);

/// The whole (decompressed) content of an input, for formats that are one JSON document
/// (Telegram exports, Mastodon status arrays). Also returns the stored bytes' SHA-256.
std::string read_whole(const std::string& path, ReaderContext& ctx, std::string& sha256);

}  // namespace lockstep::io
