// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal: atomic output files (temporary name, fsync, rename).
#include <string>
#include <string_view>

namespace lockstep::notebooks_export {

/// "<path>.tmp.<pid>": where an output is written before commit_output renames it. O(1).
std::string temp_path_for(const std::string& path);

/// fsyncs `temp` and renames it onto `path`; on failure removes `temp` and throws IoError. O(1).
void commit_output(const std::string& temp, const std::string& path);

/// Writes `bytes` to `path` atomically (temp_path_for + commit_output). Throws IoError naming
/// `path` when the file cannot be written. O(|bytes|).
void write_file_atomic(const std::string& path, std::string_view bytes);

/// Creates directory `dir` (and parents) when missing; throws IoError when it cannot. O(depth).
void ensure_directory(const std::string& dir);

}  // namespace lockstep::notebooks_export
