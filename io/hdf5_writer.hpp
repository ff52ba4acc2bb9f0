// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "io/column_table.hpp"

namespace lockstep::io {

/// Writes `file` as an HDF5 results file (FORMATS.md 2b, schema in io/hdf5_schema.md):
/// root attributes, /run/config_toml (scalar UTF-8 dataset), /run/parameters (one scalar
/// attribute each), and every ColumnTable as a group of 1-D chunked shuffle+gzip(4) column
/// datasets with encoding-type="table", encoding-version="1.0", column-order and n_rows.
/// Pre: file.root_attributes holds format="lockstep"; every table path is absolute ("/a/b"), not
/// "/", "/run" or "/run/parameters", and unique; columns of a table have equal lengths and unique
/// names; strings hold no NUL byte. Violations throw lockstep::Error before anything is written.
/// Atomic: writes "<path>.tmp.<pid>" beside `path`, fsyncs it, renames it onto `path` and fsyncs
/// the directory; on failure the temporary file is removed, an existing file at `path` is left
/// untouched, and IoError (naming the file and the HDF5 object) is thrown. A missing output
/// directory is an IoError. (Only a failing fsync of the directory, after the rename, throws
/// IoError with the new file already in place.) Deterministic: the same ResultsFile gives byte-identical files
/// (no object timestamps, earliest library format, attributes in the given order).
/// Cost: O(total bytes), single-threaded (the HDF5 library is not thread-parallel).
void write_results_h5(const std::string& path, const ResultsFile& file);

}  // namespace lockstep::io
