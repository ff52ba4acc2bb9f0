// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace lockstep::io {

/// Lower-case hex SHA-256 of bytes (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

/// Lower-case hex SHA-256 of a file's bytes, streamed. Throws MissingInputError.
std::string sha256_file_hex(const std::string& path);

/// Incremental SHA-256, for hashing bytes while they stream past (e.g. stdin, which cannot be
/// re-read). update() any number of times, then hex() once. Cost O(bytes). Move-only.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(Sha256Stream&&) noexcept;
  Sha256Stream& operator=(Sha256Stream&&) noexcept;
  void update(const void* data, std::size_t n);
  /// Finalises and returns the lower-case hex digest; the object must not be updated afterwards.
  std::string hex();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lockstep::io
