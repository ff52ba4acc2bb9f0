// SPDX-License-Identifier: Apache-2.0
// The HDF5 reader, the inverse of hdf5_writer.cpp. C API through <H5Cpp.h> (same reasons as the
// writer); failed calls become H5::Exception, converted to IoError at the public boundary.
#include "io/hdf5_reader.hpp"

#include <H5Cpp.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <vector>

#include "algorithms/base/error.hpp"
#include "io/hdf5_support.hpp"

namespace lockstep::io {
namespace {

using namespace h5;

namespace fs = std::filesystem;

// A file that is HDF5 but breaks the lockstep conventions; converted to IoError with context.
struct FormatViolation {
  std::string message;
};

bool is_bool_enum(hid_t type) {
  if (H5Tget_class(type) != H5T_ENUM || H5Tget_size(type) != 1) return false;
  if (check(H5Tget_nmembers(type), "H5Tget_nmembers") != 2) return false;
  for (unsigned i = 0; i < 2; ++i) {
    char* name = H5Tget_member_name(type, i);
    if (name == nullptr) fail("H5Tget_member_name");
    std::int8_t value = -1;
    const herr_t rc = H5Tget_member_value(type, i, &value);
    const bool ok = (std::strcmp(name, "FALSE") == 0 && value == 0) ||
                    (std::strcmp(name, "TRUE") == 0 && value == 1);
    H5free_memory(name);
    check_status(rc, "H5Tget_member_value");
    if (!ok) return false;
  }
  return true;
}

// Reads `n` strings of file type `ftype` (variable- or fixed-length) through `read`, which is
// H5Aread or H5Dread bound to the object.
std::vector<std::string> read_strings(hid_t ftype, std::size_t n,
                                      const std::function<herr_t(hid_t, void*)>& read) {
  std::vector<std::string> out;
  out.reserve(n);
  if (n == 0) return out;
  const Handle mtype(H5Tcopy(ftype), H5Tclose, "H5Tcopy");  // same cset: HDF5 won't convert
  const hid_t is_vlen = check(H5Tis_variable_str(ftype), "H5Tis_variable_str");
  if (is_vlen > 0) {
    std::vector<char*> ptrs(n, nullptr);
    const herr_t rc = read(mtype.get(), ptrs.data());
    for (char* p : ptrs) {
      if (rc >= 0) out.emplace_back(p == nullptr ? "" : p);
      if (p != nullptr) H5free_memory(p);
    }
    check_status(rc, "read");
    return out;
  }
  const std::size_t len = H5Tget_size(ftype);
  if (len == 0) fail("H5Tget_size");
  const H5T_str_t pad = H5Tget_strpad(ftype);
  std::vector<char> buf(n * len);
  check_status(read(mtype.get(), buf.data()), "read");
  for (std::size_t i = 0; i < n; ++i) {
    const char* s = buf.data() + i * len;
    std::size_t m = len;
    if (pad == H5T_STR_SPACEPAD) {
      while (m > 0 && s[m - 1] == ' ') --m;
    } else {
      m = ::strnlen(s, len);
    }
    out.emplace_back(s, m);
  }
  return out;
}

std::size_t attr_points(hid_t attr) {
  const Handle space(H5Aget_space(attr), H5Sclose, "H5Aget_space");
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) fail("H5Sget_simple_extent_npoints");
  return static_cast<std::size_t>(n);
}

std::vector<std::string> read_string_attr_values(hid_t attr) {
  const Handle ftype(H5Aget_type(attr), H5Tclose, "H5Aget_type");
  if (H5Tget_class(ftype.get()) != H5T_STRING) throw FormatViolation{"attribute is not a string"};
  return read_strings(ftype.get(), attr_points(attr),
                      [&](hid_t mtype, void* buf) { return H5Aread(attr, mtype, buf); });
}

AttrValue read_scalar_attr(hid_t attr) {
  if (attr_points(attr) != 1) throw FormatViolation{"attribute is not a scalar"};
  const Handle ftype(H5Aget_type(attr), H5Tclose, "H5Aget_type");
  switch (H5Tget_class(ftype.get())) {
    case H5T_INTEGER: {
      std::int64_t v = 0;
      check_status(H5Aread(attr, H5T_NATIVE_INT64, &v), "H5Aread");
      return v;
    }
    case H5T_FLOAT: {
      double v = 0;
      check_status(H5Aread(attr, H5T_NATIVE_DOUBLE, &v), "H5Aread");
      return v;
    }
    case H5T_STRING:
      return read_string_attr_values(attr).front();
    default:
      throw FormatViolation{"attribute type is not integer, float or string"};
  }
}

// Attributes in creation order when the object tracks it (lockstep files do), else by name.
Attributes read_attributes(hid_t obj, hid_t ocpl, const std::string& obj_path, std::string& where) {
  unsigned crt_flags = 0;
  check_status(H5Pget_attr_creation_order(ocpl, &crt_flags), "H5Pget_attr_creation_order");
  const H5_index_t index = (crt_flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  H5O_info_t info;
  check_status(H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS), "H5Oget_info2");
  Attributes out;
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    const Handle attr(H5Aopen_by_idx(obj, ".", index, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT),
                      H5Aclose, "H5Aopen_by_idx");
    const ssize_t len = H5Aget_name(attr.get(), 0, nullptr);
    if (len < 0) fail("H5Aget_name");
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    if (H5Aget_name(attr.get(), name.size(), name.data()) < 0) fail("H5Aget_name");
    name.resize(static_cast<std::size_t>(len));
    where = obj_path + "@" + name;
    out.emplace_back(name, read_scalar_attr(attr.get()));
  }
  return out;
}

Attributes read_group_attributes(hid_t group, const std::string& path, std::string& where) {
  const Handle gcpl(H5Gget_create_plist(group), H5Pclose, "H5Gget_create_plist");
  return read_attributes(group, gcpl.get(), path, where);
}

bool has_attr(hid_t obj, const char* name) { return check(H5Aexists(obj, name), "H5Aexists") > 0; }

// Value of string attribute `name`, or "" when absent.
std::string optional_string_attr(hid_t obj, const char* name) {
  if (!has_attr(obj, name)) return "";
  const Handle attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, "H5Aopen");
  const auto v = read_string_attr_values(attr.get());
  if (v.size() != 1) throw FormatViolation{std::string("attribute ") + name + " is not a scalar"};
  return v.front();
}

template <typename T>
std::vector<T> read_numeric(hid_t ds, hid_t mtype, std::size_t n) {
  std::vector<T> v(n);
  if (n > 0) check_status(H5Dread(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "H5Dread");
  return v;
}

ColumnValues read_column_values(hid_t ds, std::size_t n) {
  const Handle ftype(H5Dget_type(ds), H5Tclose, "H5Dget_type");
  const hid_t t = ftype.get();
  const std::size_t size = H5Tget_size(t);
  switch (H5Tget_class(t)) {
    case H5T_INTEGER: {
      const bool is_signed = H5Tget_sign(t) == H5T_SGN_2;
      if (size == 1 && is_signed) return read_numeric<std::int8_t>(ds, H5T_NATIVE_INT8, n);
      if (size == 4 && is_signed) return read_numeric<std::int32_t>(ds, H5T_NATIVE_INT32, n);
      if (size == 4) return read_numeric<std::uint32_t>(ds, H5T_NATIVE_UINT32, n);
      if (size == 8 && is_signed) return read_numeric<std::int64_t>(ds, H5T_NATIVE_INT64, n);
      if (size == 8) return read_numeric<std::uint64_t>(ds, H5T_NATIVE_UINT64, n);
      break;
    }
    case H5T_FLOAT:
      if (size == 4) return read_numeric<float>(ds, H5T_NATIVE_FLOAT, n);
      if (size == 8) return read_numeric<double>(ds, H5T_NATIVE_DOUBLE, n);
      break;
    case H5T_ENUM:
      if (is_bool_enum(t)) {
        const Handle mtype = bool_enum_type();
        auto raw = read_numeric<std::int8_t>(ds, mtype.get(), n);
        BoolVector b;
        b.values.assign(raw.begin(), raw.end());
        return b;
      }
      break;
    case H5T_STRING:
      return read_strings(t, n, [&](hid_t mtype, void* buf) {
        return H5Dread(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
      });
    default:
      break;
  }
  throw FormatViolation{"unsupported column type (class " + std::to_string(H5Tget_class(t)) + ", " +
                        std::to_string(size) + " bytes)"};
}

ColumnTable read_table(hid_t group, const std::string& path, std::string& where) {
  ColumnTable table;
  table.path = path;
  where = path + "@column-order";
  if (!has_attr(group, "column-order") || !has_attr(group, "n_rows"))
    throw FormatViolation{"table group lacks column-order or n_rows"};
  std::vector<std::string> order;
  {
    const Handle attr(H5Aopen(group, "column-order", H5P_DEFAULT), H5Aclose, "H5Aopen");
    order = read_string_attr_values(attr.get());
  }
  where = path + "@n_rows";
  std::int64_t n_rows = 0;
  {
    const Handle attr(H5Aopen(group, "n_rows", H5P_DEFAULT), H5Aclose, "H5Aopen");
    const AttrValue v = read_scalar_attr(attr.get());
    if (!std::holds_alternative<std::int64_t>(v) || std::get<std::int64_t>(v) < 0)
      throw FormatViolation{"n_rows is not a non-negative integer"};
    n_rows = std::get<std::int64_t>(v);
  }
  const auto n = static_cast<std::size_t>(n_rows);
  for (const auto& name : order) {
    where = path + "/" + name;
    const Handle ds(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose, "H5Dopen2");
    {
      const Handle space(H5Dget_space(ds.get()), H5Sclose, "H5Dget_space");
      hsize_t dims[1] = {0};
      if (H5Sget_simple_extent_ndims(space.get()) != 1)
        throw FormatViolation{"column is not one-dimensional"};
      check_status(H5Sget_simple_extent_dims(space.get(), dims, nullptr),
                   "H5Sget_simple_extent_dims");
      if (dims[0] != n) throw FormatViolation{"column length differs from n_rows"};
    }
    Column c;
    c.name = name;
    c.values = read_column_values(ds.get(), n);
    c.description = optional_string_attr(ds.get(), "description");
    c.units = optional_string_attr(ds.get(), "units");
    c.missing = optional_string_attr(ds.get(), "missing");
    table.columns.push_back(std::move(c));
  }
  return table;
}

// Depth-first walk in name order; table groups are leaves, /run/parameters is read elsewhere.
void find_tables(hid_t group, const std::string& path, std::vector<ColumnTable>& tables,
                 std::string& where) {
  H5G_info_t info;
  check_status(H5Gget_info(group, &info), "H5Gget_info");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t len =
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len < 0) fail("H5Lget_name_by_idx");
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT) < 0)
      fail("H5Lget_name_by_idx");
    name.resize(static_cast<std::size_t>(len));
    names.push_back(std::move(name));
  }
  for (const auto& name : names) {
    const std::string child = (path == "/" ? "" : path) + "/" + name;
    where = child;
    H5L_info_t linfo;
    check_status(H5Lget_info(group, name.c_str(), &linfo, H5P_DEFAULT), "H5Lget_info");
    if (linfo.type != H5L_TYPE_HARD || child == "/run/parameters") continue;
    H5O_info_t oinfo;
    check_status(H5Oget_info_by_name2(group, name.c_str(), &oinfo, H5O_INFO_BASIC, H5P_DEFAULT),
                 "H5Oget_info_by_name2");
    if (oinfo.type != H5O_TYPE_GROUP) continue;
    const Handle g(H5Gopen2(group, name.c_str(), H5P_DEFAULT), H5Gclose, "H5Gopen2");
    if (optional_string_attr(g.get(), "encoding-type") == "table") {
      tables.push_back(read_table(g.get(), child, where));
    } else {
      find_tables(g.get(), child, tables, where);
    }
  }
}

bool link_exists(hid_t loc, const char* path) {
  return check(H5Lexists(loc, path, H5P_DEFAULT), "H5Lexists") > 0;
}

ResultsFile read_file(const std::string& path, std::string& where) {
  ResultsFile out;
  const Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "H5Fopen");
  const Handle root(H5Gopen2(f.get(), "/", H5P_DEFAULT), H5Gclose, "H5Gopen2");
  out.root_attributes = read_group_attributes(root.get(), "/", where);
  bool is_lockstep = false;
  for (const auto& [name, value] : out.root_attributes) {
    if (name == "format" && std::holds_alternative<std::string>(value))
      is_lockstep = std::get<std::string>(value) == "lockstep";
  }
  where = std::string("/@format");
  if (!is_lockstep) throw FormatViolation{"not a lockstep results file (no format=\"lockstep\")"};
  if (link_exists(f.get(), "/run")) {
    if (link_exists(f.get(), "/run/config_toml")) {
      where = std::string("/run/config_toml");
      const Handle ds(H5Dopen2(f.get(), "/run/config_toml", H5P_DEFAULT), H5Dclose, "H5Dopen2");
      const Handle ftype(H5Dget_type(ds.get()), H5Tclose, "H5Dget_type");
      if (H5Tget_class(ftype.get()) != H5T_STRING) throw FormatViolation{"not a string dataset"};
      const auto v = read_strings(ftype.get(), 1, [&](hid_t mtype, void* buf) {
        return H5Dread(ds.get(), mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
      });
      out.config_toml = v.front();
    }
    if (link_exists(f.get(), "/run/parameters")) {
      where = std::string("/run/parameters");
      const Handle g(H5Gopen2(f.get(), "/run/parameters", H5P_DEFAULT), H5Gclose, "H5Gopen2");
      out.parameters = read_group_attributes(g.get(), "/run/parameters", where);
    }
  }
  find_tables(root.get(), "/", out.tables, where);
  return out;
}

}  // namespace

ResultsFile read_results_h5(const std::string& path) {
  silence_hdf5();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw MissingInputError("results file '" + path + "' does not exist");
  }
  if (fs::is_directory(path, ec)) {
    throw IoError("cannot read results file '" + path + "': it is a directory");
  }
  std::string where = std::string("/");
  try {
    if (H5Fis_hdf5(path.c_str()) <= 0) {
      throw IoError("cannot read results file '" + path + "': not an HDF5 file");
    }
    return read_file(path, where);
  } catch (const H5::Exception& e) {
    throw IoError("cannot read results file '" + path + "' at HDF5 object '" + where +
                  "': " + e.getFuncName() + ": " + e.getDetailMsg());
  } catch (const FormatViolation& v) {
    throw IoError("cannot read results file '" + path + "' at HDF5 object '" + where +
                  "': " + v.message);
  }
}

}  // namespace lockstep::io
