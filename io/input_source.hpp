// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace lockstep::io {

/// How an input's stored bytes are encoded. Detected from the magic bytes, never from the name.
enum class Compression : std::uint8_t { none = 0, gzip = 1, zstd = 2 };

/// One input ("-" = stdin) delivering its decompressed bytes in large blocks. gzip (zlib,
/// multi-member streams as written by pigz/bgzip) and zstd (streaming, window log up to 31 as
/// Pushshift dumps need) are recognised by their magic bytes. The SHA-256 of the stored
/// (compressed) bytes is computed on the fly, so every byte is read exactly once.
/// Not thread-safe: one reader thread at a time.
class InputSource {
 public:
  /// Opens path. Throws MissingInputError when it cannot be opened, InputError when a .gz/.zst
  /// name holds something else. Cost: one read of the first block.
  explicit InputSource(const std::string& path);
  ~InputSource();
  InputSource(const InputSource&) = delete;
  InputSource& operator=(const InputSource&) = delete;

  /// Fills dst with the next decompressed bytes; returns how many were written (< dst.size()
  /// only at the end of the input, 0 once everything was delivered). Throws
  /// InputError("path: truncated or corrupt gzip stream") (or zstd) on a damaged stream and
  /// IoError on a read failure. Cost O(bytes), amortised in blocks of >= 1 MiB.
  std::size_t read(std::span<char> dst);

  const std::string& path() const noexcept;
  Compression compression() const noexcept;
  /// Size of the stored file in bytes, 0 when unknown (stdin, pipes).
  std::uint64_t stored_size() const noexcept;
  /// Stored bytes consumed so far (for progress).
  std::uint64_t stored_consumed() const noexcept;
  /// Lower-case hex SHA-256 of every stored byte. Pre: read() returned 0. Call once.
  std::string stored_sha256();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Expands inputs into the list of files to read, in order: "-" stays stdin; a directory
/// becomes all regular files directly inside it, sorted by name; an existing file is kept as
/// is; anything else containing *, ? or [ is a glob(3) pattern (matches sorted, directories
/// among them expanded as above). Throws MissingInputError for a missing path, a pattern
/// matching nothing or an empty directory. Deterministic; cost O(entries) plus sorting.
std::vector<std::string> expand_inputs(std::span<const std::string> inputs);

}  // namespace lockstep::io
