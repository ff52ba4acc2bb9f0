// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <utility>

#include "io/column_table.hpp"

namespace lockstep::analysis {

inline constexpr const char* kTimeUnits = "s since 1970-01-01T00:00:00Z";

/// One output column (name, description, units, values, missing sentinel).
template <class Values>
Column column(std::string name, std::string description, std::string units, Values values,
              std::string missing = "") {
  return Column{std::move(name), std::move(description), std::move(units), std::move(missing),
                ColumnValues(std::move(values))};
}

}  // namespace lockstep::analysis
