// SPDX-License-Identifier: Apache-2.0
#include "io/url.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace lockstep::io {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_tracking(std::string_view key, std::string_view domain) {
  static constexpr std::array<std::string_view, 14> kKeys = {
      "fbclid", "gclid", "dclid", "msclkid", "yclid", "twclid", "igshid",
      "mc_cid", "mc_eid", "_ga",  "_gl",     "ref_src", "ref_url", "gbraid"};
  const std::string k = lower(key);
  if (k.starts_with("utm_")) return true;
  if (std::find(kKeys.begin(), kKeys.end(), k) != kKeys.end()) return true;
  if (k == "s" && (domain == "twitter.com" || domain == "x.com")) return true;
  if (k == "si" && (domain == "youtu.be" || domain == "youtube.com")) return true;
  return false;
}

}  // namespace

NormalizedUrl normalize_url(std::string_view raw) {
  NormalizedUrl out;
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) raw.remove_prefix(1);
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
  const auto sep = raw.find("://");
  if (sep == std::string_view::npos || sep == 0) return out;
  const std::string scheme = lower(raw.substr(0, sep));
  if (scheme != "http" && scheme != "https" && scheme != "ftp") return out;
  std::string_view rest = raw.substr(sep + 3);
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const auto host_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, host_end);
  std::string_view path_query = host_end == std::string_view::npos ? "" : rest.substr(host_end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);  // drop user:password@
  std::string host = lower(authority);
  std::string port;
  if (const auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos) {
    port = host.substr(colon + 1);
    host.resize(colon);
  }
  if (!host.empty() && host.back() == '.') host.pop_back();  // "example.org." is example.org
  if (host.starts_with("www.")) host.erase(0, 4);
  if (host.empty()) return out;
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port.clear();

  std::string_view path = path_query, query;
  if (const auto q = path_query.find('?'); q != std::string_view::npos) {
    path = path_query.substr(0, q);
    query = path_query.substr(q + 1);
  }
  std::string kept;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (param.empty() || is_tracking(param.substr(0, param.find('=')), host)) continue;
    if (!kept.empty()) kept.push_back('&');
    kept.append(param);
  }
  std::string p(path);
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p == "/") p.clear();

  out.domain = host;
  out.url = scheme + "://" + host + (port.empty() ? "" : ":" + port) + p +
            (kept.empty() ? "" : "?" + kept);
  return out;
}

}  // namespace lockstep::io
