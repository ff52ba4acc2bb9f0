// SPDX-License-Identifier: Apache-2.0
// The HDF5 writer. Uses the C API (through <H5Cpp.h>) because the reproducibility knobs
// (object time tracking, attribute creation order) live there; every failed call becomes an
// H5::Exception carrying the innermost HDF5 message, converted to IoError at the public boundary.
#include "io/hdf5_writer.hpp"

#include <H5Cpp.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <type_traits>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/hdf5_support.hpp"

namespace lockstep::io {
namespace {

using namespace h5;

namespace fs = std::filesystem;

constexpr hsize_t kChunkRows = 65536;  // 64K rows: 256-512 KiB per numeric chunk
constexpr unsigned kGzipLevel = 4;     // h5py's default level

Handle utf8_string_type() {
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
  check_status(H5Tset_size(t.get(), H5T_VARIABLE), "H5Tset_size");
  check_status(H5Tset_cset(t.get(), H5T_CSET_UTF8), "H5Tset_cset");
  return t;
}

// Object creation properties shared by groups and datasets: no timestamps (byte-identical
// rewrites) and tracked attribute creation order (the reader returns attributes as written).
void set_reproducible(hid_t ocpl) {
  check_status(H5Pset_obj_track_times(ocpl, false), "H5Pset_obj_track_times");
  check_status(H5Pset_attr_creation_order(ocpl, H5P_CRT_ORDER_TRACKED),
               "H5Pset_attr_creation_order");
}

Handle scalar_space() { return Handle(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate"); }

void write_string_attr(hid_t obj, const std::string& name, const std::string& value) {
  const Handle type = utf8_string_type();
  const Handle space = scalar_space();
  const Handle attr(
      H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
      "H5Acreate2");
  const char* p = value.c_str();
  check_status(H5Awrite(attr.get(), type.get(), &p), "H5Awrite");
}

void write_attr(hid_t obj, const std::string& name, const AttrValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return write_string_attr(obj, name, *s);
  const bool is_int = std::holds_alternative<std::int64_t>(value);
  const hid_t type = is_int ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE;
  const Handle space = scalar_space();
  const Handle attr(H5Acreate2(obj, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    H5Aclose, "H5Acreate2");
  const void* data = is_int ? static_cast<const void*>(&std::get<std::int64_t>(value))
                            : static_cast<const void*>(&std::get<double>(value));
  check_status(H5Awrite(attr.get(), type, data), "H5Awrite");
}

void write_string_array_attr(hid_t obj, const std::string& name,
                             const std::vector<std::string>& values) {
  const Handle type = utf8_string_type();
  const hsize_t dims[1] = {values.size()};
  const Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "H5Screate_simple");
  const Handle attr(
      H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
      "H5Acreate2");
  if (values.empty()) return;
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& v : values) ptrs.push_back(v.c_str());
  check_status(H5Awrite(attr.get(), type.get(), ptrs.data()), "H5Awrite");
}

// Opens `path`, creating every missing component with the reproducible group properties.
Handle ensure_group(hid_t file, const std::string& path) {
  Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "H5Pcreate");
  set_reproducible(gcpl.get());
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    const std::string prefix = path.substr(0, pos);
    if (check(H5Lexists(file, prefix.c_str(), H5P_DEFAULT), "H5Lexists") > 0) continue;
    Handle g(H5Gcreate2(file, prefix.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose,
             "H5Gcreate2");
  }
  return Handle(H5Gopen2(file, path.c_str(), H5P_DEFAULT), H5Gclose, "H5Gopen2");
}

// Memory (= file) type and element pointer for one column's values.
struct ColumnBuffer {
  hid_t type = -1;
  const void* data = nullptr;
  std::vector<const char*> strings;  // keeps c_str() pointers of string columns
  std::vector<std::int8_t> bools;    // normalised to 0/1
};

void fill_buffer(const ColumnValues& values, hid_t string_type, hid_t bool_type,
                 ColumnBuffer& buf) {
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, BoolVector>) {
          buf.bools.reserve(v.values.size());
          for (auto b : v.values) buf.bools.push_back(b != 0 ? 1 : 0);
          buf.type = bool_type;
          buf.data = buf.bools.data();
        } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
          buf.strings.reserve(v.size());
          for (const auto& s : v) buf.strings.push_back(s.c_str());
          buf.type = string_type;
          buf.data = buf.strings.data();
        } else {
          using T = typename V::value_type;
          if constexpr (std::is_same_v<T, std::int8_t>)
            buf.type = H5T_NATIVE_INT8;
          else if constexpr (std::is_same_v<T, std::int32_t>)
            buf.type = H5T_NATIVE_INT32;
          else if constexpr (std::is_same_v<T, std::uint32_t>)
            buf.type = H5T_NATIVE_UINT32;
          else if constexpr (std::is_same_v<T, std::int64_t>)
            buf.type = H5T_NATIVE_INT64;
          else if constexpr (std::is_same_v<T, std::uint64_t>)
            buf.type = H5T_NATIVE_UINT64;
          else if constexpr (std::is_same_v<T, float>)
            buf.type = H5T_NATIVE_FLOAT;
          else
            buf.type = H5T_NATIVE_DOUBLE;
          buf.data = v.data();
        }
      },
      values);
}

void write_column(hid_t group, const Column& column, hsize_t n_rows, hid_t string_type,
                  hid_t bool_type) {
  ColumnBuffer buf;
  fill_buffer(column.values, string_type, bool_type, buf);
  // An empty table still needs a chunk of at least one row; a fixed 0-length dimension cannot
  // hold it, so empty columns are extendible (which suits later appends anyway).
  const hsize_t dims[1] = {n_rows};
  const hsize_t maxdims[1] = {n_rows == 0 ? H5S_UNLIMITED : n_rows};
  const hsize_t chunk[1] = {std::clamp<hsize_t>(n_rows, 1, kChunkRows)};
  const Handle space(H5Screate_simple(1, dims, maxdims), H5Sclose, "H5Screate_simple");
  const Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate");
  set_reproducible(dcpl.get());
  check_status(H5Pset_chunk(dcpl.get(), 1, chunk), "H5Pset_chunk");
  check_status(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle");
  check_status(H5Pset_deflate(dcpl.get(), kGzipLevel), "H5Pset_deflate");
  const Handle ds(H5Dcreate2(group, column.name.c_str(), buf.type, space.get(), H5P_DEFAULT,
                             dcpl.get(), H5P_DEFAULT),
                  H5Dclose, "H5Dcreate2");
  if (n_rows > 0) {
    check_status(H5Dwrite(ds.get(), buf.type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data), "H5Dwrite");
  }
  write_string_attr(ds.get(), "description", column.description);
  if (!column.units.empty()) write_string_attr(ds.get(), "units", column.units);
  if (!column.missing.empty()) write_string_attr(ds.get(), "missing", column.missing);
}

void write_table(hid_t file, const ColumnTable& table, std::string& where) {
  where = table.path;
  const Handle group = ensure_group(file, table.path);
  std::vector<std::string> order;
  order.reserve(table.columns.size());
  for (const auto& c : table.columns) order.push_back(c.name);
  write_string_attr(group.get(), "encoding-type", "table");
  write_string_attr(group.get(), "encoding-version", "1.0");
  write_string_array_attr(group.get(), "column-order", order);
  write_attr(group.get(), "n_rows", static_cast<std::int64_t>(table.num_rows()));
  const Handle string_type = utf8_string_type();
  const Handle bool_type = bool_enum_type();
  for (const auto& c : table.columns) {
    where = table.path + "/" + c.name;
    write_column(group.get(), c, table.num_rows(), string_type.get(), bool_type.get());
  }
}

// Writes the whole file at `path` and closes it; `where` tracks the object being written.
void write_file(const std::string& path, const ResultsFile& file, std::string& where) {
  where = std::string("/");
  const Handle fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "H5Pcreate");
  set_reproducible(fcpl.get());  // the root group takes its properties from fcpl
  const Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate");
  // Earliest format that can hold each object, so old HDF5 readers open the file.
  check_status(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_LATEST),
               "H5Pset_libver_bounds");
  // SEMI: closing the file fails if an object is still open, instead of silently deferring.
  check_status(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree");
  Handle f(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose, "H5Fcreate");
  {
    const Handle root(H5Gopen2(f.get(), "/", H5P_DEFAULT), H5Gclose, "H5Gopen2");
    for (const auto& [name, value] : file.root_attributes) {
      where = "/@" + name;
      write_attr(root.get(), name, value);
    }
  }
  {
    where = std::string("/run/config_toml");
    const Handle run = ensure_group(f.get(), "/run");
    const Handle type = utf8_string_type();
    const Handle space = scalar_space();
    const Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate");
    set_reproducible(dcpl.get());
    const Handle ds(H5Dcreate2(run.get(), "config_toml", type.get(), space.get(), H5P_DEFAULT,
                               dcpl.get(), H5P_DEFAULT),
                    H5Dclose, "H5Dcreate2");
    const char* p = file.config_toml.c_str();
    check_status(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &p), "H5Dwrite");
  }
  {
    where = std::string("/run/parameters");
    const Handle params = ensure_group(f.get(), "/run/parameters");
    for (const auto& [name, value] : file.parameters) {
      where = "/run/parameters@" + name;
      write_attr(params.get(), name, value);
    }
  }
  for (const auto& t : file.tables) write_table(f.get(), t, where);
  where = std::string("/");
  f.close();
}

bool valid_table_path(const std::string& p) {
  if (p.size() < 2 || p.front() != '/' || p.back() == '/') return false;
  if (p.find("//") != std::string::npos) return false;
  return p != "/run" && p != "/run/config_toml" && p != "/run/parameters" &&
         p.rfind("/run/parameters/", 0) != 0 && p.rfind("/run/config_toml/", 0) != 0;
}

bool has_nul(const std::string& s) { return s.find('\0') != std::string::npos; }

// Preconditions (header comment), checked before any file is touched.
void validate(const ResultsFile& file) {
  bool format_ok = false;
  for (const auto& [name, value] : file.root_attributes) {
    LOCKSTEP_EXPECTS(!name.empty() && !has_nul(name), "empty root attribute name");
    if (const auto* s = std::get_if<std::string>(&value)) {
      LOCKSTEP_EXPECTS(!has_nul(*s), "root attribute " + name + " holds a NUL byte");
      if (name == "format") format_ok = *s == "lockstep";
    }
  }
  LOCKSTEP_EXPECTS(format_ok, "results root attribute format must be \"lockstep\"");
  LOCKSTEP_EXPECTS(!has_nul(file.config_toml), "config_toml holds a NUL byte");
  for (const auto& [name, value] : file.parameters) {
    LOCKSTEP_EXPECTS(!name.empty() && !has_nul(name), "empty parameter name");
    if (const auto* s = std::get_if<std::string>(&value))
      LOCKSTEP_EXPECTS(!has_nul(*s), "parameter " + name + " holds a NUL byte");
  }
  std::set<std::string> paths;
  for (const auto& t : file.tables) {
    LOCKSTEP_EXPECTS(valid_table_path(t.path), "invalid table path '" + t.path + "'");
    LOCKSTEP_EXPECTS(paths.insert(t.path).second, "duplicate table path " + t.path);
    std::set<std::string> names;
    for (const auto& c : t.columns) {
      LOCKSTEP_EXPECTS(!c.name.empty() && c.name != "." && c.name.find('/') == std::string::npos &&
                           !has_nul(c.name),
                       "invalid column name '" + c.name + "' in " + t.path);
      LOCKSTEP_EXPECTS(names.insert(c.name).second, "duplicate column " + t.path + "/" + c.name);
      LOCKSTEP_EXPECTS(c.size() == t.num_rows(),
                       "column " + t.path + "/" + c.name + " length differs from the table's");
      LOCKSTEP_EXPECTS(!has_nul(c.description) && !has_nul(c.units) && !has_nul(c.missing),
                       "attribute of " + t.path + "/" + c.name + " holds a NUL byte");
      if (const auto* v = std::get_if<std::vector<std::string>>(&c.values)) {
        LOCKSTEP_EXPECTS(std::none_of(v->begin(), v->end(), has_nul),
                         "string column " + t.path + "/" + c.name + " holds a NUL byte");
      }
    }
  }
  // The reader does not look inside table groups, so tables must not nest.
  for (const auto& a : paths) {
    for (const auto& b : paths) {
      LOCKSTEP_EXPECTS(b.rfind(a + "/", 0) != 0, "table " + b + " is nested in table " + a);
    }
  }
}

void fsync_path(const std::string& path, int flags, const std::string& what) {
  const int fd = ::open(path.c_str(), flags | O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError("cannot open " + what + " '" + path + "': " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw IoError("cannot fsync " + what + " '" + path + "': " + std::strerror(err));
}

}  // namespace

void write_results_h5(const std::string& path, const ResultsFile& file) {
  validate(file);
  silence_hdf5();
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw IoError("cannot write results file '" + path + "': output directory '" + dir.string() +
                  "' does not exist");
  }
  if (fs::is_directory(target, ec)) {
    throw IoError("cannot write results file '" + path + "': it is a directory");
  }
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::string where = "/";
  try {
    write_file(tmp, file, where);
    fsync_path(tmp, 0, "temporary results file");
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
      throw IoError("cannot rename '" + tmp + "' to '" + path + "': " + std::strerror(errno));
    }
  } catch (const H5::Exception& e) {
    fs::remove(tmp, ec);
    throw IoError("cannot write results file '" + path + "' at HDF5 object '" + where +
                  "': " + e.getFuncName() + ": " + e.getDetailMsg());
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  // The file is in place; the directory fsync makes the rename itself durable.
  fsync_path(dir.string(), O_DIRECTORY, "output directory");
}

}  // namespace lockstep::io
