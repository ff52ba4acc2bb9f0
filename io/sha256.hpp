// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

namespace lockstep::io {

/// Lower-case hex SHA-256 of bytes (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

/// Lower-case hex SHA-256 of a file's bytes, streamed. Throws MissingInputError.
std::string sha256_file_hex(const std::string& path);

}  // namespace lockstep::io
