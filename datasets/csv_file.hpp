// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal to datasets/: buffered output written to "<path>.tmp.<pid>" and renamed onto path.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "algorithms/base/error.hpp"

namespace lockstep::datasets {

/// Buffered CSV (or any text) file: field() quotes RFC-4180 style, raw() appends as is,
/// commit() publishes the file atomically; a file never committed is removed. Throws IoError.
class CsvFile {
 public:
  explicit CsvFile(std::string path)
      : path_(std::move(path)), tmp_(fmt::format("{}.tmp.{}", path_, ::getpid())) {
    file_ = std::fopen(tmp_.c_str(), "wb");
    if (file_ == nullptr)
      throw IoError(fmt::format("{}: cannot create: {}", tmp_, std::strerror(errno)));
    buf_.reserve(kChunk + 4096);
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove(tmp_.c_str());
    }
  }

  /// Appends one field, RFC-4180 quoted when it holds a comma, quote or line break.
  void field(std::string_view s) {
    // A plain loop: find_first_of calls memchr once per character.
    if (std::none_of(s.begin(), s.end(),
                     [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; })) {
      buf_.append(s);
      return;
    }
    buf_.push_back('"');
    for (const char c : s) {
      if (c == '"') buf_.push_back('"');
      buf_.push_back(c);
    }
    buf_.push_back('"');
  }
  void raw(std::string_view s) { buf_.append(s); }
  void end_row() {
    buf_.push_back('\n');
    if (buf_.size() >= kChunk) flush();
  }

  void commit() {
    flush();
    std::FILE* f = file_;
    file_ = nullptr;
    if (std::fclose(f) != 0) {
      const int err = errno;
      std::remove(tmp_.c_str());
      throw IoError(fmt::format("{}: cannot write: {}", tmp_, std::strerror(err)));
    }
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);
    if (ec) {
      std::remove(tmp_.c_str());
      throw IoError(fmt::format("{}: cannot rename from {}: {}", path_, tmp_, ec.message()));
    }
  }

 private:
  static constexpr std::size_t kChunk = 1 << 20;
  void flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size())
      throw IoError(fmt::format("{}: cannot write: {}", tmp_, std::strerror(errno)));
    buf_.clear();
  }
  std::string path_;
  std::string tmp_;
  std::FILE* file_ = nullptr;
  std::string buf_;
};

}  // namespace lockstep::datasets
