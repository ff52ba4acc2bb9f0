// SPDX-License-Identifier: Apache-2.0
#include <tbb/task_arena.h>
#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/readers/read_activity.hpp"
#include "io/readers/reader_context.hpp"
#include "io/readers/shares_csv.hpp"
#include "io/sha256.hpp"
#include "support/temp_dir.hpp"

namespace io = lockstep::io;
using lockstep::ActivityTable;
using lockstep::ConfigError;
using lockstep::InputError;
using lockstep::ObjectKind;
using lockstep::PostKind;
using lockstep::RefKind;
using lockstep::test::slurp;
using lockstep::test::TempDir;

namespace {

io::ReadOptions shares_opts() {
  io::ReadOptions opts;
  opts.format = "shares-csv";  // not "auto": broken headers must reach the reader
  return opts;
}

ActivityTable read(const std::vector<std::string>& paths, io::ReadOptions opts = shares_opts()) {
  return io::read_activity(paths, opts);
}

std::string account(const ActivityTable& t, std::size_t row) {
  return std::string(t.pool(ObjectKind::account).view(t.post_account[row]));
}
std::string content(const ActivityTable& t, std::size_t row) {
  return std::string(t.pool(ObjectKind::post).view(t.post_id[row]));
}
std::string object(const ActivityTable& t, std::size_t ref) {
  return std::string(t.pool(ObjectKind::shared).view(t.ref_object[ref]));
}

std::string header() { return "object_id,account_id,content_id,timestamp_share\n"; }

// A deterministic shares CSV with quoting, duplicates, repeated posts and bad rows.
std::string generated_csv(std::size_t rows) {
  std::string s = header();
  for (std::size_t i = 0; i < rows; ++i) {
    const std::size_t k = (i * 2654435761U) % 100003;
    const std::string obj = k % 11 == 0
                                ? "\"https://x.org/a,b?q=\"\"" + std::to_string(k % 500) + "\"\"\""
                                : "obj" + std::to_string(k % 3000);
    s += obj + ",acc" + std::to_string(k % 7001) + ",c" + std::to_string(i / 2) + "," +
         std::to_string(1600000000 + i / 2) + "\n";
    if (i % 1000 == 7) s += s.substr(s.rfind('\n', s.size() - 2) + 1);  // exact duplicate
    if (i % 5000 == 3) s += "bad,row\n";
    if (i % 7777 == 5) s += "\"multi\nline\",acc1,c" + std::to_string(i) + "x,1600000000\n";
  }
  return s;
}

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

bool same_tables(const ActivityTable& a, const ActivityTable& b) {
  if (a.post_account != b.post_account || a.post_id != b.post_id || a.post_time != b.post_time ||
      a.post_kind != b.post_kind || a.ref_post != b.ref_post || a.ref_kind != b.ref_kind ||
      a.ref_object != b.ref_object || a.inputs.size() != b.inputs.size())
    return false;
  for (std::size_t k = 0; k < lockstep::kNumObjectKinds; ++k) {
    if (a.dict[k].size() != b.dict[k].size()) return false;
    for (std::uint32_t i = 0; i < a.dict[k].size(); ++i)
      if (a.dict[k].view(i) != b.dict[k].view(i)) return false;
  }
  for (std::size_t i = 0; i < a.inputs.size(); ++i) {
    const auto &x = a.inputs[i], &y = b.inputs[i];
    if (x.n_records != y.n_records || x.n_rejected != y.n_rejected ||
        x.n_duplicates != y.n_duplicates || x.min_time != y.min_time || x.max_time != y.max_time ||
        x.sha256 != y.sha256)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("shares-csv reads the CooRTweet sample", "[io][shares_csv]") {
  const std::string path = std::string(LOCKSTEP_DATASETS_DIR) + "/samples/coortweet_input.csv";
  const auto t = read({path});
  REQUIRE(t.num_posts() == 5);
  REQUIRE(t.num_refs() == 5);
  CHECK(t.num_accounts() == 3);
  CHECK(account(t, 0) == "1400000000000000011");
  CHECK(content(t, 0) == "1498629136577462274");
  CHECK(object(t, 0) == "1498629119800246273");
  CHECK(t.post_time[0] == 1646136004);
  CHECK(t.post_kind[0] == PostKind::post);
  CHECK(t.ref_kind[0] == RefKind::shares);
  CHECK(t.ref_post == std::vector<std::uint32_t>{0, 1, 2, 3, 4});
  // Ids in order of first appearance.
  CHECK(t.post_account == std::vector<std::uint32_t>{0, 1, 2, 0, 1});
  CHECK(t.ref_object == std::vector<std::uint32_t>{0, 0, 0, 1, 1});
  REQUIRE(t.inputs.size() == 1);
  const auto& s = t.inputs[0];
  CHECK(s.path == path);
  CHECK(s.format == "shares-csv");
  CHECK(s.sha256 == io::sha256_file_hex(path));
  CHECK(s.n_records == 5);
  CHECK(s.n_rejected == 0);
  CHECK(s.n_duplicates == 0);
  CHECK(s.min_time == 1646136004);
  CHECK(s.max_time == 1646136303);
}

TEST_CASE("shares-csv reads the CSDS column order", "[io][shares_csv]") {
  const std::string path =
      std::string(LOCKSTEP_DATASETS_DIR) + "/samples/csds_input_multiplatform.csv";
  const auto t = read({path});
  REQUIRE(t.num_posts() == 3);
  CHECK(account(t, 1) == "tg_channel_demo");
  CHECK(content(t, 1) == "tg_channel_demo/101");
  CHECK(object(t, 2) == "https://example.org/story-1");
  CHECK(t.pool(ObjectKind::shared).size() == 1);
  CHECK(t.post_time[2] == 1646136030);
}

TEST_CASE("shares-csv matches header names loosely and accepts id_user", "[io][shares_csv]") {
  TempDir dir;
  const auto p = dir.write("alias.csv",
                           " Timestamp_Share ,extra,ID_USER,Object_ID,content_id\n"
                           "1646136004,ignored,u1,o1,p1\n");
  const auto t = read({p});
  REQUIRE(t.num_posts() == 1);
  CHECK(account(t, 0) == "u1");
  CHECK(object(t, 0) == "o1");
  CHECK(content(t, 0) == "p1");
  CHECK(t.post_time[0] == 1646136004);
}

TEST_CASE("shares-csv handles RFC-4180 quoting, CRLF and a BOM", "[io][shares_csv]") {
  TempDir dir;
  const auto p = dir.write("quoted.csv",
                           "\xEF\xBB\xBF\"object_id\",account_id,content_id,timestamp_share\r\n"
                           "\"https://a.org/?x=1,2\",u1,p1,1646136004\r\n"
                           "\"say \"\"hi\"\"\nthere\",u2,p2,1646136005\r\n"
                           "\r\n"
                           "plain,u3,\"p3\",\"1646136006\"\r\n");
  const auto t = read({p});
  REQUIRE(t.num_posts() == 3);
  CHECK(object(t, 0) == "https://a.org/?x=1,2");
  CHECK(object(t, 1) == "say \"hi\"\nthere");
  CHECK(content(t, 2) == "p3");
  CHECK(t.post_time[2] == 1646136006);
  CHECK(t.inputs[0].n_rejected == 0);
}

TEST_CASE("shares-csv rejects bad rows verbatim with file:line reasons", "[io][shares_csv]") {
  TempDir dir;
  const std::string body = header() +
                           "o1,u1,p1,1646136004\n"       // 2 ok
                           "o1,u1,p2\n"                  // 3 field count
                           ",u1,p3,1646136004\n"         // 4 empty object_id
                           "o1,,p4,1646136004\n"         // 5 empty account_id
                           "o1,u1,,1646136004\n"         // 6 empty content_id
                           "o1,u1,p5,\n"                 // 7 empty timestamp
                           "o1,u1,p6,1646136004.5\n"     // 8 fraction
                           "o1,u1,p7,yesterday\n"        // 9 text
                           "o1,u1,p8,1646136004000\n"    // 10 milliseconds
                           "o1,u1,p9,12\n"               // 11 before 1990
                           "o\xff,u1,p10,1646136004\n"   // 12 invalid UTF-8
                           "o1,u\"1,p12,1646136004\n"    // 13 stray quote
                           "o1,\"u1,p11,1646136004\n"    // 14 unterminated quote
                           "o1,u1,p13,1646136004.000\n"  // 15 ok: integral double
                           "o2,u2,p14,1646136010";       // 16 ok, no final newline
  const auto p = dir.write("bad.csv", body);
  io::ReadOptions opts;
  opts.rejects.max_reject_fraction = 1.0;
  opts.rejects.rejects_path = dir.file("rejects.txt");
  const auto t = read({p}, opts);
  CHECK(t.num_posts() == 3);
  const auto& s = t.inputs[0];
  CHECK(s.n_records == 3);
  CHECK(s.n_rejected == 12);
  CHECK(s.min_time == 1646136004);
  CHECK(s.max_time == 1646136010);
  CHECK_FALSE(
      std::filesystem::exists(opts.rejects.rejects_path + ".tmp." + std::to_string(::getpid())));
  const std::string expected =
      "# " + p + ":3: expected 4 fields, found 3\no1,u1,p2\n" + "# " + p +
      ":4: empty object_id\n,u1,p3,1646136004\n" + "# " + p +
      ":5: empty account_id\no1,,p4,1646136004\n" + "# " + p +
      ":6: empty content_id\no1,u1,,1646136004\n" + "# " + p +
      ":7: empty timestamp_share\no1,u1,p5,\n" + "# " + p +
      ":8: timestamp_share '1646136004.5' has a fractional part (integer UNIX seconds "
      "expected)\no1,u1,p6,1646136004.5\n" +
      "# " + p +
      ":9: timestamp_share 'yesterday' is not an integer UNIX time in seconds\n"
      "o1,u1,p7,yesterday\n" +
      "# " + p +
      ":10: timestamp_share '1646136004000' is outside 1990-01-01..2100-01-01 (UNIX seconds "
      "expected; milliseconds?)\no1,u1,p8,1646136004000\n" +
      "# " + p +
      ":11: timestamp_share '12' is outside 1990-01-01..2100-01-01 (UNIX seconds expected)\n"
      "o1,u1,p9,12\n" +
      "# " + p + ":12: invalid UTF-8 in object_id\no\xff,u1,p10,1646136004\n" + "# " + p +
      ":13: stray quote in unquoted field\no1,u\"1,p12,1646136004\n" + "# " + p +
      ":14: unterminated quoted field\no1,\"u1,p11,1646136004\n";
  CHECK(slurp(opts.rejects.rejects_path) == expected);
}

TEST_CASE("shares-csv strict mode and the reject fraction", "[io][shares_csv]") {
  TempDir dir;
  std::string body = header();
  for (int i = 0; i < 98; ++i) body += "o,u,p" + std::to_string(i) + ",1646136004\n";
  body += "o,u,q1,soon\n";  // line 100
  body += "o,u,q2,1646136004\n";
  body += "o,u\n";  // line 102
  const auto p = dir.write("two_bad.csv", body);

  io::ReadOptions strict;
  strict.rejects.strict = true;
  strict.rejects.rejects_path = dir.file("strict_rejects.txt");
  CHECK_THROWS_MATCHES(
      read({p}, strict), InputError,
      Catch::Message(p + ":100: timestamp_share 'soon' is not an integer UNIX time in seconds"));
  CHECK_FALSE(std::filesystem::exists(strict.rejects.rejects_path));

  io::ReadOptions loose;
  loose.rejects.max_reject_fraction = 0.01;  // 2 of 101 is above 1%
  loose.rejects.rejects_path = dir.file("rejects.txt");
  try {
    read({p}, loose);
    FAIL("expected InputError");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("2 of 101 records rejected (1.98%)"));
    CHECK_THAT(msg, Catch::Contains("max_reject_fraction 0.01"));
    CHECK_THAT(msg, Catch::Contains("first: " + p + ":100: timestamp_share 'soon'"));
  }
  CHECK(std::filesystem::exists(loose.rejects.rejects_path));  // kept for inspection

  loose.rejects.max_reject_fraction = 0.02;
  loose.rejects.rejects_path = dir.file("rejects2.txt");
  const auto t = read({p}, loose);
  CHECK(t.inputs[0].n_records == 99);
  CHECK(t.inputs[0].n_rejected == 2);
}

TEST_CASE("shares-csv de-duplicates rows and merges references of one post", "[io][shares_csv]") {
  TempDir dir;
  const auto a = dir.write("a.csv", header() +
                                        "o1,u1,p1,1646136004\n"
                                        "o1,u1,p1,1646136004\n"    // exact duplicate
                                        "o2,u1,p1,1646136004\n"    // same post, second object
                                        "o1,u2,p1,1646136004\n"    // same content id, other account
                                        "o1,u1,p1,1646136005\n");  // same content id, other time
  const auto b = dir.write("b.csv", header() +
                                        "o2,u1,p1,1646136004\n"  // duplicate across files
                                        "o3,u3,p9,1646136100\n");
  io::ReadOptions opts;
  opts.rejects.rejects_path = dir.file("rejects.txt");
  const auto t = read({a, b}, opts);
  REQUIRE(t.num_posts() == 4);
  REQUIRE(t.num_refs() == 5);
  CHECK(t.ref_post == std::vector<std::uint32_t>{0, 0, 1, 2, 3});
  CHECK(object(t, 1) == "o2");
  REQUIRE(t.inputs.size() == 2);
  CHECK(t.inputs[0].n_records == 4);
  CHECK(t.inputs[0].n_duplicates == 1);
  CHECK(t.inputs[1].n_records == 1);
  CHECK(t.inputs[1].n_duplicates == 1);
  CHECK_FALSE(std::filesystem::exists(opts.rejects.rejects_path));  // nothing rejected
}

TEST_CASE("shares-csv header errors and unknown formats", "[io][shares_csv]") {
  TempDir dir;
  const auto p = dir.write("missing.csv", "object_id, account_id,content_id\no,u,p\n");
  CHECK_THROWS_MATCHES(
      read({p}), InputError,
      Catch::Message(p + ":1: missing column timestamp_share (have: object_id, account_id, "
                         "content_id)"));
  const auto e = dir.write("empty.csv", "\n\n");
  CHECK_THROWS_AS(read({e}), InputError);
  io::ReadOptions opts;
  opts.format = "twitter-v9";
  CHECK_THROWS_AS(read({p}, opts), ConfigError);
}

TEST_CASE("shares-csv reads gzip and zstd inputs and reports progress", "[io][shares_csv]") {
  TempDir dir;
  const std::string text = generated_csv(3000);
  const auto plain = dir.write("g.csv", text);
  const std::string gz = gzip(text);
  const auto gz_path = dir.write("g.csv.gz", gz);
  std::string zs(ZSTD_compressBound(text.size()), '\0');
  zs.resize(ZSTD_compress(zs.data(), zs.size(), text.data(), text.size(), 3));
  const auto zs_path = dir.write("g.csv.zst", zs);
  io::ReadOptions opts;
  opts.rejects.max_reject_fraction = 1.0;
  const auto t0 = read({plain}, opts);
  auto t1 = read({gz_path}, opts);
  auto t2 = read({zs_path}, opts);
  CHECK(t1.inputs[0].sha256 == io::sha256_hex(gz));
  t1.inputs[0].sha256 = t2.inputs[0].sha256 = t0.inputs[0].sha256;
  CHECK(same_tables(t0, t1));
  CHECK(same_tables(t0, t2));

  std::vector<std::uint64_t> seen;
  std::uint64_t total = 0;
  opts.progress = [&](std::uint64_t done, std::uint64_t all) {
    seen.push_back(done);
    total = all;
  };
  read({gz_path, plain}, opts);
  REQUIRE_FALSE(seen.empty());
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(total == gz.size() + text.size());
  CHECK(seen.back() == total);

  const auto cut = dir.write("cut.csv.gz", gz.substr(0, gz.size() / 2));
  CHECK_THROWS_MATCHES(read({cut}, opts), InputError,
                       Catch::Message(cut + ": truncated or corrupt gzip stream"));
}

TEST_CASE("shares-csv gives identical tables at any thread count and chunk size",
          "[io][shares_csv]") {
  TempDir dir;
  const std::string text = generated_csv(200000);
  const auto path = dir.write("big.csv", text);
  io::ReadOptions opts;
  opts.rejects.max_reject_fraction = 1.0;
  opts.rejects.rejects_path = dir.file("rejects_ref.txt");
  const ActivityTable reference = read({path}, opts);  // default (large) chunks: one chunk
  CHECK(reference.inputs[0].n_duplicates == 200);
  CHECK(reference.inputs[0].n_rejected == 40);
  CHECK(reference.num_refs() == 200000 + 26);
  const std::string reference_rejects = slurp(opts.rejects.rejects_path);

  const int threads = GENERATE(1, 2);
  const std::size_t chunk = GENERATE(std::size_t{4096}, std::size_t{65536});
  io::ReaderTuning tuning;
  tuning.chunk_bytes = chunk;
  tuning.chunks_per_block = 3;
  opts.rejects.rejects_path =
      dir.file("rejects_" + std::to_string(threads) + "_" + std::to_string(chunk) + ".txt");
  tbb::task_arena arena(threads);
  ActivityTable t;
  const std::vector<std::string> paths{path};
  arena.execute([&] { t = io::read_activity(paths, opts, tuning); });
  CHECK(same_tables(reference, t));
  CHECK(slurp(opts.rejects.rejects_path) == reference_rejects);
}

TEST_CASE("read_activity expands a directory of inputs", "[io][shares_csv]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "in");
  dir.write("in/2.csv", header() + "o,u2,p2,1646136004\n");
  dir.write("in/1.csv", header() + "o,u1,p1,1646136004\n");
  const auto t = read({(dir.path() / "in").string()});
  REQUIRE(t.inputs.size() == 2);
  CHECK(account(t, 0) == "u1");
  CHECK(t.inputs[1].path == (dir.path() / "in" / "2.csv").string());
}
