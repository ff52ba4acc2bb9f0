// SPDX-License-Identifier: Apache-2.0
#include "io/input_source.hpp"

#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "algorithms/base/error.hpp"
#include "io/sha256.hpp"

namespace lockstep::io {
namespace {

constexpr std::size_t kRawBlock = std::size_t{1} << 20;  // compressed bytes per read(2)

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

}  // namespace

struct InputSource::Impl {
  std::string path;
  int fd = -1;
  bool own_fd = false;
  Compression compression = Compression::none;
  std::uint64_t stored_size = 0;
  std::uint64_t consumed = 0;
  Sha256Stream sha;

  std::vector<char> raw;    // stored bytes read but not yet consumed
  std::size_t raw_pos = 0;  // next unconsumed byte in raw
  std::size_t raw_len = 0;  // valid bytes in raw
  bool raw_eof = false;     // read(2) returned 0
  bool done = false;        // everything delivered

  z_stream zs{};
  bool zs_init = false;
  bool gz_member_end = false;  // last inflate() ended a member
  ZSTD_DCtx* zd = nullptr;
  std::size_t zstd_last = 1;  // last ZSTD_decompressStream return; 0 = frame complete

  ~Impl() {
    if (zs_init) inflateEnd(&zs);
    if (zd) ZSTD_freeDCtx(zd);
    if (own_fd && fd >= 0) ::close(fd);
  }

  // Reads up to n stored bytes into dst, hashing them. Returns 0 at end of file.
  std::size_t read_stored(char* dst, std::size_t n) {
    for (;;) {
      const ssize_t got = ::read(fd, dst, n);
      if (got < 0) {
        if (errno == EINTR) continue;
        throw IoError(path + ": read failed: " + errno_text(errno));
      }
      const auto g = static_cast<std::size_t>(got);
      sha.update(dst, g);
      consumed += g;
      return g;
    }
  }

  // Makes raw hold unconsumed bytes; false when the file is exhausted.
  bool refill_raw() {
    if (raw_pos < raw_len) return true;
    if (raw_eof) return false;
    raw_pos = 0;
    raw_len = read_stored(raw.data(), raw.size());
    if (raw_len == 0) raw_eof = true;
    return raw_len > 0;
  }

  [[noreturn]] void corrupt() const {
    const char* kind = compression == Compression::gzip ? "gzip" : "zstd";
    throw InputError(path + ": truncated or corrupt " + std::string(kind) + " stream");
  }

  std::size_t read_plain(char* dst, std::size_t n) {
    std::size_t out = 0;
    if (raw_pos < raw_len) {  // bytes buffered by the magic-byte sniff
      const std::size_t k = std::min(n, raw_len - raw_pos);
      std::memcpy(dst, raw.data() + raw_pos, k);
      raw_pos += k;
      out += k;
    }
    while (out < n && !raw_eof) {
      const std::size_t got = read_stored(dst + out, n - out);
      if (got == 0) raw_eof = true;
      out += got;
    }
    return out;
  }

  std::size_t read_gzip(char* dst, std::size_t n) {
    std::size_t out = 0;
    while (out < n) {
      const bool have = refill_raw();
      if (gz_member_end) {
        if (!have) break;  // clean end after the last member
        // Another member follows (pigz, bgzip, cat a.gz b.gz).
        if (inflateReset(&zs) != Z_OK) corrupt();
        gz_member_end = false;
      }
      // Called even without input: inflate may still hold output of a pending match copy.
      zs.next_in = reinterpret_cast<Bytef*>(raw.data() + raw_pos);
      zs.avail_in = static_cast<uInt>(raw_len - raw_pos);
      zs.next_out = reinterpret_cast<Bytef*>(dst + out);
      zs.avail_out = static_cast<uInt>(std::min<std::size_t>(n - out, 1U << 30));
      const std::size_t before = out;
      const int ret = inflate(&zs, Z_NO_FLUSH);
      raw_pos = raw_len - zs.avail_in;
      out = static_cast<std::size_t>(reinterpret_cast<char*>(zs.next_out) - dst);
      if (ret == Z_STREAM_END) {
        gz_member_end = true;
      } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
        corrupt();
      } else if (!have && out == before) {
        corrupt();  // input exhausted inside a member
      }
    }
    return out;
  }

  std::size_t read_zstd(char* dst, std::size_t n) {
    ZSTD_outBuffer ob{dst, n, 0};
    while (ob.pos < ob.size) {
      const bool have = refill_raw();
      if (!have && zstd_last == 0) break;  // clean end after a complete frame
      ZSTD_inBuffer ib{raw.data(), raw_len, raw_pos};
      const std::size_t before = ob.pos;
      zstd_last = ZSTD_decompressStream(zd, &ob, &ib);
      raw_pos = ib.pos;
      if (ZSTD_isError(zstd_last)) corrupt();
      if (!have && ob.pos == before) corrupt();  // input exhausted inside a frame
    }
    return ob.pos;
  }
};

InputSource::InputSource(const std::string& path) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.path = path;
  if (path == "-") {
    s.fd = STDIN_FILENO;
  } else {
    s.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (s.fd < 0) throw MissingInputError(path + ": cannot open: " + errno_text(errno));
    s.own_fd = true;
  }
  struct stat st {};
  if (::fstat(s.fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw MissingInputError(path + ": is a directory, not a file");
    if (S_ISREG(st.st_mode)) s.stored_size = static_cast<std::uint64_t>(st.st_size);
  }
#ifdef POSIX_FADV_SEQUENTIAL
  if (s.own_fd) ::posix_fadvise(s.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  s.raw.resize(kRawBlock);
  // Sniff the magic bytes: fill at least 4 bytes unless the input is shorter.
  while (s.raw_len < 4 && !s.raw_eof) {
    const std::size_t got = s.read_stored(s.raw.data() + s.raw_len, s.raw.size() - s.raw_len);
    if (got == 0) s.raw_eof = true;
    s.raw_len += got;
  }
  const auto* b = reinterpret_cast<const unsigned char*>(s.raw.data());
  if (s.raw_len >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
    s.compression = Compression::gzip;
  } else if (s.raw_len >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd) {
    s.compression = Compression::zstd;
  }
  const bool named_gz = ends_with(path, ".gz") || ends_with(path, ".gzip");
  const bool named_zst = ends_with(path, ".zst") || ends_with(path, ".zstd");
  if (s.raw_len > 0 && named_gz && s.compression != Compression::gzip)
    throw InputError(path + ": named .gz but is not a gzip stream");
  if (s.raw_len > 0 && named_zst && s.compression != Compression::zstd)
    throw InputError(path + ": named .zst but is not a zstd stream");
  if (s.compression == Compression::gzip) {
    if (inflateInit2(&s.zs, 15 + 32) != Z_OK) throw Error("zlib initialisation failed");
    s.zs_init = true;
  } else if (s.compression == Compression::zstd) {
    s.zd = ZSTD_createDCtx();
    if (!s.zd) throw Error("zstd initialisation failed");
    // Pushshift dumps use long-distance windows up to 2 GiB.
    ZSTD_DCtx_setParameter(s.zd, ZSTD_d_windowLogMax, 31);
  }
}

InputSource::~InputSource() = default;

std::size_t InputSource::read(std::span<char> dst) {
  Impl& s = *impl_;
  if (s.done || dst.empty()) return 0;
  std::size_t n = 0;
  switch (s.compression) {
    case Compression::none:
      n = s.read_plain(dst.data(), dst.size());
      break;
    case Compression::gzip:
      n = s.read_gzip(dst.data(), dst.size());
      break;
    case Compression::zstd:
      n = s.read_zstd(dst.data(), dst.size());
      break;
  }
  if (n == 0) s.done = true;
  return n;
}

const std::string& InputSource::path() const noexcept { return impl_->path; }
Compression InputSource::compression() const noexcept { return impl_->compression; }
std::uint64_t InputSource::stored_size() const noexcept { return impl_->stored_size; }
std::uint64_t InputSource::stored_consumed() const noexcept { return impl_->consumed; }

std::string InputSource::stored_sha256() {
  Impl& s = *impl_;
  // Hash whatever is left (e.g. trailing bytes after the last compressed frame).
  while (!s.raw_eof) {
    if (s.read_stored(s.raw.data(), s.raw.size()) == 0) s.raw_eof = true;
  }
  return s.sha.hex();
}

namespace {

void expand_directory(const std::string& dir, std::vector<std::string>& out) {
  std::vector<std::string> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ec2;
    if (it->is_regular_file(ec2)) files.push_back(it->path().string());
  }
  if (ec) throw MissingInputError(dir + ": cannot list directory: " + ec.message());
  if (files.empty()) throw MissingInputError(dir + ": directory holds no regular file");
  std::sort(files.begin(), files.end());
  out.insert(out.end(), files.begin(), files.end());
}

}  // namespace

std::vector<std::string> expand_inputs(std::span<const std::string> inputs) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    if (in == "-") {
      out.push_back(in);
      continue;
    }
    std::error_code ec;
    const auto st = std::filesystem::status(in, ec);
    if (!ec && std::filesystem::is_directory(st)) {
      expand_directory(in, out);
    } else if (!ec && std::filesystem::exists(st)) {
      out.push_back(in);
    } else if (in.find_first_of("*?[") != std::string::npos) {
      glob_t g{};
      const int rc = ::glob(in.c_str(), 0, nullptr, &g);
      std::vector<std::string> matches;
      if (rc == 0)
        for (std::size_t i = 0; i < g.gl_pathc; ++i) matches.emplace_back(g.gl_pathv[i]);
      ::globfree(&g);
      if (rc == GLOB_NOSPACE) throw Error(in + ": out of memory expanding the pattern");
      if (matches.empty()) throw MissingInputError(in + ": no file matches this pattern");
      for (const auto& m : matches) {
        if (std::filesystem::is_directory(m, ec))
          expand_directory(m, out);
        else
          out.push_back(m);
      }
    } else {
      throw MissingInputError(in + ": no such file or directory");
    }
  }
  return out;
}

}  // namespace lockstep::io
