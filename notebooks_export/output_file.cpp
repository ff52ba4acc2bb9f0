// SPDX-License-Identifier: Apache-2.0
#include "notebooks_export/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "algorithms/base/error.hpp"

namespace lockstep::notebooks_export {

std::string temp_path_for(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

void commit_output(const std::string& temp, const std::string& path) {
  const int fd = ::open(temp.c_str(), O_RDONLY);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced || std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(temp.c_str());
    throw IoError("cannot write " + path + ": " + why);
  }
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
  const auto temp = temp_path_for(path);
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) throw IoError("cannot write " + path + ": " + std::strerror(errno));
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const int err = errno;
  if (std::fclose(f) != 0 || !ok) {
    std::remove(temp.c_str());
    throw IoError("cannot write " + path + ": " + std::strerror(ok ? errno : err));
  }
  commit_output(temp, path);
}

void ensure_directory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw IoError("cannot create directory " + dir + (ec ? ": " + ec.message() : ""));
}

}  // namespace lockstep::notebooks_export
