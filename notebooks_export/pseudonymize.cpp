// SPDX-License-Identifier: Apache-2.0
#include "notebooks_export/pseudonymize.hpp"

#include <fmt/core.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <iterator>

#include "algorithms/base/error.hpp"
#include "notebooks_export/export_data.hpp"

namespace lockstep::notebooks_export {

std::string pseudonym(std::string_view key, std::string_view value) {
  LOCKSTEP_EXPECTS(!key.empty(), "pseudonymization key is empty");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(value.data()), value.size(), mac, &len);
  std::string out = "anon_";
  for (unsigned int i = 0; i < 8; ++i) out += fmt::format("{:02x}", mac[i]);
  return out;
}

std::string read_pseudonymize_key(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MissingInputError("cannot read pseudonymization key " + path);
  std::string key{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.empty()) throw ConfigError("pseudonymization key " + path + " is empty");
  return key;
}

ResultsFile pseudonymize_accounts(ResultsFile file, std::string_view key) {
  for (auto& t : file.tables) {
    if (t.path != "/accounts") continue;
    for (auto& c : t.columns) {
      if (c.name != "account_id" && c.name != "handle") continue;
      // Numeric ids become text: a pseudonym is never a number.
      std::vector<std::string> values(c.size());
      for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = text_at(&c, i);
        if (!values[i].empty()) values[i] = pseudonym(key, values[i]);
      }
      c.values = std::move(values);
    }
  }
  return file;
}

}  // namespace lockstep::notebooks_export
