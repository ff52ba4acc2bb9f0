// SPDX-License-Identifier: Apache-2.0
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/input_source.hpp"
#include "io/sha256.hpp"
#include "support/temp_dir.hpp"

namespace io = lockstep::io;
using lockstep::InputError;
using lockstep::MissingInputError;
using lockstep::test::TempDir;

namespace {

std::string gzip(std::string_view data) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  REQUIRE(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string read_all(const std::string& path, std::size_t block = 1000) {
  io::InputSource src(path);
  std::string out;
  std::vector<char> buf(block);
  while (std::size_t n = src.read(buf)) out.append(buf.data(), n);
  return out;
}

std::string sample_text(std::size_t rows) {
  std::string s = "object_id,account_id,content_id,timestamp_share\n";
  for (std::size_t i = 0; i < rows; ++i)
    s += "obj" + std::to_string(i % 97) + ",acc" + std::to_string(i % 13) + ",c" +
         std::to_string(i) + "," + std::to_string(1600000000 + i) + "\n";
  return s;
}

}  // namespace

TEST_CASE("input source reads plain, gzip and zstd by magic bytes", "[io][input]") {
  TempDir dir;
  const std::string text = sample_text(20000);
  const std::string gz = gzip(text);
  const std::string zs = zstd(text);
  const auto plain_path = dir.write("plain.csv", text);
  const auto gz_path = dir.write("data.csv.gz", gz);
  const auto gz_noext = dir.write("data_gz_without_extension", gz);
  const auto zs_path = dir.write("data.csv.zst", zs);
  CHECK(read_all(plain_path) == text);
  CHECK(read_all(gz_path) == text);
  CHECK(read_all(gz_noext) == text);
  CHECK(read_all(zs_path, 1 << 20) == text);
  {
    io::InputSource src(gz_noext);
    CHECK(src.compression() == io::Compression::gzip);
    CHECK(src.stored_size() == gz.size());
    std::vector<char> buf(1 << 16);
    while (src.read(buf) > 0) {
    }
    CHECK(src.stored_consumed() == gz.size());
    CHECK(src.stored_sha256() == io::sha256_hex(gz));  // of the stored (compressed) bytes
  }
  {
    io::InputSource src(zs_path);
    CHECK(src.compression() == io::Compression::zstd);
  }
}

TEST_CASE("input source reads concatenated gzip members", "[io][input]") {
  TempDir dir;
  const auto p = dir.write("multi.gz", gzip("first\n") + gzip("second\n"));
  CHECK(read_all(p, 3) == "first\nsecond\n");
}

TEST_CASE("input source rejects truncated or corrupt compressed streams", "[io][input]") {
  TempDir dir;
  const std::string text = sample_text(5000);
  const std::string gz = gzip(text);
  const std::string zs = zstd(text);
  const auto gz_cut = dir.write("cut.csv.gz", gz.substr(0, gz.size() / 2));
  const auto zs_cut = dir.write("cut.csv.zst", zs.substr(0, zs.size() / 2));
  std::string bad = gz;
  for (std::size_t i = 20; i < 60; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5a);
  const auto gz_bad = dir.write("bad.gz", bad);
  CHECK_THROWS_MATCHES(read_all(gz_cut), InputError,
                       Catch::Message(gz_cut + ": truncated or corrupt gzip stream"));
  CHECK_THROWS_MATCHES(read_all(zs_cut), InputError,
                       Catch::Message(zs_cut + ": truncated or corrupt zstd stream"));
  CHECK_THROWS_AS(read_all(gz_bad), InputError);
  // Only the trailer missing: every byte of data may be out, the stream is still incomplete.
  const auto gz_no_trailer = dir.write("notrailer.gz", gz.substr(0, gz.size() - 4));
  CHECK_THROWS_AS(read_all(gz_no_trailer), InputError);
  const auto fake = dir.write("fake.csv.gz", "a,b\n");
  CHECK_THROWS_MATCHES(io::InputSource(fake), InputError,
                       Catch::Message(fake + ": named .gz but is not a gzip stream"));
}

TEST_CASE("input source reports missing inputs", "[io][input]") {
  TempDir dir;
  CHECK_THROWS_AS(io::InputSource(dir.file("nope.csv")), MissingInputError);
  CHECK_THROWS_AS(io::InputSource(dir.path().string()), MissingInputError);
  const auto empty = dir.write("empty.csv", "");
  CHECK(read_all(empty).empty());
}

TEST_CASE("expand_inputs expands directories and globs in sorted order", "[io][input]") {
  TempDir dir;
  dir.write("b.csv", "x");
  dir.write("a.csv", "x");
  dir.write("c.txt", "x");
  std::filesystem::create_directory(dir.path() / "sub");
  dir.write("sub/z.csv", "x");
  const std::string d = dir.path().string();

  const std::vector<std::string> as_dir{d};
  CHECK(io::expand_inputs(as_dir) ==
        std::vector<std::string>{d + "/a.csv", d + "/b.csv", d + "/c.txt"});
  const std::vector<std::string> as_glob{d + "/*.csv", "-", d + "/sub/z.csv"};
  CHECK(io::expand_inputs(as_glob) ==
        std::vector<std::string>{d + "/a.csv", d + "/b.csv", "-", d + "/sub/z.csv"});
  const std::vector<std::string> nothing{d + "/*.json"};
  CHECK_THROWS_MATCHES(io::expand_inputs(nothing), MissingInputError,
                       Catch::Message(d + "/*.json: no file matches this pattern"));
  const std::vector<std::string> missing{d + "/missing.csv"};
  CHECK_THROWS_AS(io::expand_inputs(missing), MissingInputError);
  std::filesystem::create_directory(dir.path() / "empty");
  const std::vector<std::string> empty_dir{d + "/empty"};
  CHECK_THROWS_AS(io::expand_inputs(empty_dir), MissingInputError);
}

TEST_CASE("input source reads stdin for \"-\"", "[io][input]") {
  TempDir dir;
  const std::string text = sample_text(100);
  const auto p = dir.write("stdin.csv.gz", gzip(text));
  const int saved = ::dup(STDIN_FILENO);
  const int fd = ::open(p.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  ::dup2(fd, STDIN_FILENO);
  ::close(fd);
  std::string got;
  std::string error;
  try {
    got = read_all("-");
  } catch (const std::exception& e) {
    error = e.what();
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  CHECK(error.empty());
  CHECK(got == text);
}
