// SPDX-License-Identifier: Apache-2.0
#include "io/utf8.hpp"

#include <utf8proc.h>

#include <cstdlib>

namespace lockstep::io {

void nfkc_casefold(std::string_view s, std::string& out) {
  out.assign(s);
  bool ascii = true;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (ascii) return;
  utf8proc_uint8_t* folded = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &folded,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                             UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n >= 0)
    out.assign(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
  else
    out.assign(s);
  std::free(folded);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto c = static_cast<utf8proc_int32_t>(cp);
  const auto n = utf8proc_codepoint_valid(c) ? utf8proc_encode_char(c, buf)
                                             : utf8proc_encode_char(0xFFFD, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

}  // namespace lockstep::io
