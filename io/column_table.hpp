// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lockstep {

/// Booleans, stored as the h5py-compatible enum {FALSE = 0, TRUE = 1} over int8.
struct BoolVector {
  std::vector<std::uint8_t> values;
  bool operator==(const BoolVector&) const = default;
};

using ColumnValues =
    std::variant<std::vector<std::int8_t>, std::vector<std::int32_t>, std::vector<std::uint32_t>,
                 std::vector<std::int64_t>, std::vector<std::uint64_t>, std::vector<float>,
                 std::vector<double>, BoolVector, std::vector<std::string>>;

/// One named column of an output table, with the attributes FORMATS.md 2b asks for.
struct Column {
  std::string name;
  std::string description;
  std::string units;    // "" when unitless
  std::string missing;  // sentinel as text ("-1", "NaN"), "" when the column has none
  ColumnValues values;

  std::size_t size() const {
    return std::visit([](const auto& v) -> std::size_t {
      if constexpr (std::is_same_v<std::decay_t<decltype(v)>, BoolVector>) return v.values.size();
      else return v.size();
    }, values);
  }
};

/// A table group: every column has the same length; column order is the order written.
struct ColumnTable {
  std::string path;  // HDF5 group path, e.g. "/accounts" or "/run/inputs"
  std::vector<Column> columns;

  std::size_t num_rows() const { return columns.empty() ? 0 : columns.front().size(); }
  const Column* find(const std::string& name) const {
    for (const auto& c : columns)
      if (c.name == name) return &c;
    return nullptr;
  }
};

/// A scalar attribute value.
using AttrValue = std::variant<std::int64_t, double, std::string>;
using Attributes = std::vector<std::pair<std::string, AttrValue>>;

/// Everything one results.h5 holds (FORMATS.md section 2b).
struct ResultsFile {
  Attributes root_attributes;     // format, format_version, tool_version, run_id, ...
  std::string config_toml;        // /run/config_toml
  Attributes parameters;          // /run/parameters attributes
  std::vector<ColumnTable> tables;  // /run/inputs, /accounts, /edges, /clusters, /memberships ...

  const ColumnTable* table(const std::string& path) const {
    for (const auto& t : tables)
      if (t.path == path) return &t;
    return nullptr;
  }
};

}  // namespace lockstep
