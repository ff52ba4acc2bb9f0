// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

#include "io/column_table.hpp"

namespace lockstep::notebooks_export {

/// "anon_" + the first 16 hex digits of HMAC-SHA256(key, value) (OpenSSL). Same key and value
/// give the same pseudonym in every format and every run. Pre: key not empty. O(|value|).
std::string pseudonym(std::string_view key, std::string_view value);

/// The key stored in `path`: its bytes without trailing '\r' / '\n'. Throws MissingInputError
/// when the file cannot be read, ConfigError when the key is empty.
std::string read_pseudonymize_key(const std::string& path);

/// `file` with /accounts account_id and handle replaced by pseudonym(key, value) (empty
/// handles stay empty). Every other table refers to accounts by account_idx and is unchanged.
/// Pre: key not empty. O(accounts).
ResultsFile pseudonymize_accounts(ResultsFile file, std::string_view key);

}  // namespace lockstep::notebooks_export
