// SPDX-License-Identifier: Apache-2.0
// Writes a results file and reads it with Debian's python3-h5py using the read recipe of
// io/hdf5_schema.md: the contract is what Python users see, not what our own reader accepts.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>

#include "support/run_cli.hpp"
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/column_table.hpp"
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"

using namespace lockstep;
namespace fs = std::filesystem;

using lockstep::test::TempDir;

namespace {

constexpr const char* kPython = "/usr/bin/python3";



bool have_h5py() {
  return fs::exists(kPython) &&
         test::run_command(std::string(kPython) + " -c 'import h5py, numpy'").exit_code == 0;
}

Column col(std::string name, ColumnValues values, std::string units = "",
           std::string missing = "") {
  return Column{name, "the " + name + " column", std::move(units), std::move(missing),
                std::move(values)};
}

ResultsFile make_results() {
  const std::string time_units = "s since 1970-01-01T00:00:00Z";
  ResultsFile f;
  f.root_attributes = {{"format", std::string("lockstep")},
                       {"format_version", std::string("1.0.0")},
                       {"run_id", std::string("r-1")},
                       {"random_seed", std::int64_t{42}}};
  f.config_toml = "[leiden]\nresolution = 1.0 # résolution\n";
  f.parameters = {{"time_window_s", std::int64_t{60}}, {"resolution", 1.0}};
  f.tables.push_back(
      ColumnTable{"/run/inputs",
                  {col("path", std::vector<std::string>{"a.csv"}),
                   col("n_records", std::vector<std::int64_t>{3}),
                   col("min_time", std::vector<std::int64_t>{-1}, time_units, "-1")}});
  f.tables.push_back(ColumnTable{
      "/accounts",
      {col("account_id", std::vector<std::string>{"حساب", "アカウント", "🤖bot"}),
       col("platform", std::vector<std::int8_t>{0, 1, 2}),
       col("first_seen", std::vector<std::int64_t>{1700000000, -1, 5}, time_units, "-1"),
       col("followers_count", std::vector<std::uint64_t>{1, 2, 3}),
       col("cluster_id", std::vector<std::int32_t>{0, 0, -1}, "", "-1")}});
  f.tables.push_back(ColumnTable{
      "/edges",
      {col("src_idx", std::vector<std::uint32_t>{0, 0}),
       col("dst_idx", std::vector<std::uint32_t>{1, 2}),
       col("weight", std::vector<double>{2.5, std::numeric_limits<double>::quiet_NaN()}, "", "NaN"),
       col("w_co_retweet", std::vector<float>{1.0F, 0.5F})}});
  f.tables.push_back(ColumnTable{
      "/clusters",
      {col("cluster_id", std::vector<std::int32_t>{0, 1}), col("flagged", BoolVector{{1, 0}}),
       col("flag_reasons", std::vector<std::string>{"co_retweet", ""})}});
  f.tables.push_back(ColumnTable{"/memberships",
                                 {col("cluster_id", std::vector<std::int32_t>{}),
                                  col("account_idx", std::vector<std::uint32_t>{}),
                                  col("membership_score", std::vector<double>{})}});
  return f;
}

// Reads every table with the schema document's recipe and checks names, lengths and values.
constexpr const char* kCheckScript = R"PY(
import sys
import h5py
import numpy as np

path = sys.argv[1]
with h5py.File(path, "r") as f:
    assert f.attrs["format"] == "lockstep"
    assert isinstance(f.attrs["run_id"], str)
    assert f.attrs["random_seed"] == 42 and f.attrs["random_seed"].dtype == np.int64
    assert "résolution" in f["run/config_toml"].asstr()[()]
    assert f["run/parameters"].attrs["time_window_s"] == 60
    assert f["run/parameters"].attrs["resolution"] == 1.0

    tables = []
    f.visititems(lambda name, obj: tables.append("/" + name)
                 if isinstance(obj, h5py.Group) and obj.attrs.get("encoding-type") == "table" else None)
    assert sorted(tables) == ["/accounts", "/clusters", "/edges", "/memberships", "/run/inputs"], tables

    data = {}
    for t in tables:
        g = f[t]
        assert g.attrs["encoding-version"] == "1.0"
        # The recipe from io/hdf5_schema.md, with a dict instead of pd.DataFrame.
        cols = {c: (f[t][c].asstr()[()] if f[t][c].dtype.kind in "SO" else f[t][c][()])
                for c in f[t].attrs["column-order"]}
        assert list(cols) == list(g.attrs["column-order"]), (t, list(cols))
        for c, v in cols.items():
            assert len(v) == g.attrs["n_rows"], (t, c)
            ds = g[c]
            assert ds.ndim == 1 and ds.chunks is not None, (t, c)
            assert ds.compression == "gzip" and ds.compression_opts == 4 and ds.shuffle, (t, c)
            assert "description" in ds.attrs, (t, c)
        data[t] = cols

    a = data["/accounts"]
    assert list(a["account_id"]) == ["حساب", "アカウント", "🤖bot"], a["account_id"]
    assert a["platform"].dtype == np.int8
    assert a["cluster_id"].dtype == np.int32 and a["cluster_id"][2] == -1
    assert a["followers_count"].dtype == np.uint64
    assert f["accounts/first_seen"].attrs["units"] == "s since 1970-01-01T00:00:00Z"
    assert f["accounts/first_seen"].attrs["missing"] == "-1"
    assert "units" not in f["accounts/cluster_id"].attrs
    e = data["/edges"]
    assert e["src_idx"].dtype == np.uint32 and e["w_co_retweet"].dtype == np.float32
    assert e["weight"][0] == 2.5 and np.isnan(e["weight"][1])
    c = data["/clusters"]
    assert c["flagged"].dtype == np.bool_, c["flagged"].dtype
    assert list(c["flagged"]) == [True, False]
    assert list(c["flag_reasons"]) == ["co_retweet", ""]
    assert all(len(v) == 0 for v in data["/memberships"].values())
    assert data["/run/inputs"]["path"][0] == "a.csv"
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        df = pd.DataFrame(data["/accounts"])
        assert list(df.columns) == list(f["accounts"].attrs["column-order"]) and len(df) == 3
print("h5py-ok")
)PY";

}  // namespace

TEST_CASE("results.h5 reads in Python with h5py and the documented recipe", "[integration][hdf5]") {
  // scripts/setup.sh installs python3-h5py; its absence is a setup failure, not a skip.
  REQUIRE(have_h5py());
  const TempDir dir;
  const auto h5 = dir.file("results.h5");
  const auto script = dir.file("check.py");
  io::write_results_h5(h5, make_results());
  { std::ofstream(script) << kCheckScript; }
  const auto r = test::run_command(std::string(kPython) + " '" + script + "' '" + h5 + "'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("h5py-ok") != std::string::npos);
}

TEST_CASE("an HDF5 file that is not a lockstep results file is an IoError", "[integration][hdf5]") {
  // scripts/setup.sh installs python3-h5py; its absence is a setup failure, not a skip.
  REQUIRE(have_h5py());
  const TempDir dir;
  const auto h5 = dir.file("foreign.h5");
  const auto r = test::run_command(std::string(kPython) +
                     " -c 'import h5py, sys; f = h5py.File(sys.argv[1], \"w\");"
                     " f[\"x\"] = [1, 2]; f.close()' '" +
                     h5 + "'");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THROWS_AS(io::read_results_h5(h5), IoError);
  CHECK_THROWS_WITH(io::read_results_h5(h5), Catch::Contains("not a lockstep results file"));
}
