// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "io/column_table.hpp"

namespace lockstep::notebooks_export {

/// A readable plain-text summary of a results file for the terminal: run id and parameters,
/// table sizes, and the top `max_clusters` flagged clusters by score with their reasons. With
/// `cluster`, that cluster instead: scores, reasons, members (by membership score), evidence
/// and a summary of its internal edges. Throws ConfigError for an unknown cluster and
/// InputError when a core column is missing. Deterministic. O(file size).
std::string inspect_text(const ResultsFile& file, std::optional<std::int32_t> cluster,
                         std::size_t max_clusters = 20);

}  // namespace lockstep::notebooks_export
