// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing shared by the format readers (io/readers/*.cpp) and their tests; not part
// of the public io API (read_activity.hpp is).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "io/activity_table.hpp"
#include "io/csv.hpp"
#include "io/readers/read_activity.hpp"
#include "io/readers/reject_sink.hpp"

namespace lockstep::io {

/// Knobs that change speed and memory, never results (tests force tiny chunks with them).
struct ReaderTuning {
  std::size_t chunk_bytes = std::size_t{8} << 20;  // unit of parallel parsing
  std::size_t chunks_per_block = 4;                // a read(2) block holds this many chunks
  std::size_t max_record_bytes = kDefaultMaxCsvRecordBytes;  // CSV grammar limit, see csv.hpp
  std::size_t max_tokens = 0;  // chunks in flight; 0 = 2 * arena concurrency + 1
};

/// What a format reader gets: options, tuning, the shared reject sink and progress state.
struct ReaderContext {
  const ReadOptions& opts;
  const ReaderTuning& tuning;
  RejectSink& rejects;
  std::uint64_t progress_total = 0;  // stored bytes of all inputs, 0 when unknown
  std::uint64_t progress_done = 0;   // stored bytes of the inputs already finished

  /// Reports progress of the current input (stored bytes consumed in it).
  void report(std::uint64_t current_file_bytes) const {
    if (opts.progress) opts.progress(progress_done + current_file_bytes, progress_total);
  }
};

/// read_activity() with explicit tuning (tests and benchmarks). Same contract and results.
ActivityTable read_activity(std::span<const std::string> paths, const ReadOptions& opts,
                            const ReaderTuning& tuning);

}  // namespace lockstep::io
