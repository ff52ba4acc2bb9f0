// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "io/column_table.hpp"

namespace lockstep::io {

/// Reads a results file written by write_results_h5 back into a ResultsFile: root and
/// /run/parameters attributes in stored order, /run/config_toml, and every group carrying
/// encoding-type="table" (found by a depth-first walk in name order, so `tables` is sorted by
/// path) with its columns in column-order. Dataset types map back to the ColumnValues
/// alternative that wrote them (int8/int32/uint32/int64/uint64/float/double, the int8 enum
/// {FALSE, TRUE} to BoolVector, variable- or fixed-length strings to std::string); integer
/// attributes come back as int64, floating ones as double; non-scalar or other-typed root or
/// parameter attributes are an IoError.
/// Throws MissingInputError when `path` does not exist, IoError when it is not an HDF5 file,
/// lacks the root attribute format="lockstep", or holds a table that breaks the conventions
/// (message names the file and the object). Cost: O(file size); the whole file is loaded.
ResultsFile read_results_h5(const std::string& path);

}  // namespace lockstep::io
