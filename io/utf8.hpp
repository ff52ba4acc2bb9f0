// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace lockstep::io {

/// True when s is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF).
/// Cost O(|s|), with an 8-bytes-at-a-time ASCII fast path. Pure.
inline bool is_valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    if (end - p >= 8) {  // ASCII fast path
      std::uint64_t w = 0;
      std::memcpy(&w, p, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1FU;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0FU;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07U;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) < len) return false;
    for (std::size_t i = 1; i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3FU);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    p += len;
  }
  return true;
}

/// Writes to out the NFKC case fold of s (utf8proc: compatibility composition, case folding,
/// default-ignorable code points kept), so "#DemoTag", "#demotag" and full-width "#ＤｅｍｏＴａｇ"
/// compare equal. ASCII input takes a fast path without utf8proc. Pre: s is valid UTF-8
/// (otherwise out receives s unchanged). O(|s|). Reuses out's capacity.
void nfkc_casefold(std::string_view s, std::string& out);

/// Appends the UTF-8 encoding of code point cp (utf8proc_encode_char); invalid code points
/// (surrogates, > U+10FFFF) append U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace lockstep::io
