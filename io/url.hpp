// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

namespace lockstep::io {

/// A URL in canonical form for co-link detection, and its domain.
struct NormalizedUrl {
  std::string url;     // "" when the input is not an absolute http(s)/ftp URL
  std::string domain;  // lower-case host without "www." and port
};

/// Normalizes a URL so that links that differ only in presentation compare equal:
/// scheme and host lower-cased; a leading "www." dropped; default ports (:80 for http, :443 for
/// https) dropped; the fragment dropped; tracking query parameters dropped (utm_*, fbclid,
/// gclid, dclid, msclkid, yclid, twclid, igshid, mc_cid, mc_eid, _ga, _gl, ref_src, ref_url,
/// s for twitter.com/x.com share links, si for youtu.be); a trailing '/' of a non-root path
/// dropped; an empty query ("?") dropped. The path and the remaining parameters keep their case
/// and order. Strings without "scheme://host" come back with url = "" (the caller keeps the
/// raw string). O(|url|).
NormalizedUrl normalize_url(std::string_view raw);

}  // namespace lockstep::io
