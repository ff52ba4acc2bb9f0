// SPDX-License-Identifier: Apache-2.0
#include "analysis/text_features.hpp"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace lockstep::analysis {
namespace {

bool no_space_script(utf8proc_int32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility
         (c >= 0x0E00 && c <= 0x0E7F);    // Thai
}

bool is_word_char(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::uint64_t hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

}  // namespace

std::string normalize_text(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                              static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                             UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
  if (n < 0) return {};
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  const std::string_view folded(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));

  // Words separated by Unicode whitespace; drop URLs and @mentions; keep word characters only.
  std::string out;
  std::size_t i = 0;
  bool first_word = true;
  while (i < folded.size()) {
    // Next whitespace-separated token.
    std::size_t j = i;
    utf8proc_int32_t c = 0;
    std::string token;
    while (j < folded.size()) {
      const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(folded.data() + j),
                                        static_cast<utf8proc_ssize_t>(folded.size() - j), &c);
      if (len <= 0) return {};
      const auto cat = utf8proc_category(c);
      const bool space = cat == UTF8PROC_CATEGORY_ZS || c == '\n' || c == '\t' || c == '\r';
      if (space) {
        j += static_cast<std::size_t>(len);
        if (!token.empty()) break;
        i = j;
        continue;
      }
      token.append(folded.substr(j, static_cast<std::size_t>(len)));
      j += static_cast<std::size_t>(len);
    }
    i = j;
    if (token.empty()) continue;
    if (token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.") ||
        token.front() == '@')
      continue;
    if (first_word && token == "rt") continue;  // "RT @user: ..." retweet prefix
    first_word = false;
    // Punctuation becomes a separator.
    std::string word;
    for (std::size_t k = 0; k < token.size();) {
      const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(token.data() + k),
                                        static_cast<utf8proc_ssize_t>(token.size() - k), &c);
      if (len <= 0) return {};
      if (is_word_char(c)) {
        word.append(token, k, static_cast<std::size_t>(len));
      } else if (!word.empty()) {
        out += (out.empty() ? "" : " ") + word;
        word.clear();
      }
      k += static_cast<std::size_t>(len);
    }
    if (!word.empty()) out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

std::vector<std::uint64_t> text_shingles(std::string_view normalized) {
  std::vector<std::uint64_t> out;
  std::vector<std::string_view> words;
  std::vector<std::string_view> chars;  // code points of letters in no-space scripts
  std::size_t letters = 0, no_space = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= normalized.size(); ++i) {
    if (i == normalized.size() || normalized[i] == ' ') {
      if (i > start) words.push_back(normalized.substr(start, i - start));
      start = i + 1;
    }
  }
  for (std::size_t i = 0; i < normalized.size();) {
    utf8proc_int32_t c = 0;
    const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(normalized.data() + i),
                                      static_cast<utf8proc_ssize_t>(normalized.size() - i), &c);
    if (len <= 0) break;
    if (c != ' ') {
      ++letters;
      if (no_space_script(c)) ++no_space;
      chars.push_back(normalized.substr(i, static_cast<std::size_t>(len)));
    }
    i += static_cast<std::size_t>(len);
  }
  if (letters > 0 && no_space * 10 >= letters * 3) {
    for (std::size_t i = 0; i + 3 <= chars.size(); ++i) {
      const std::string gram = std::string(chars[i]) + std::string(chars[i + 1]) + std::string(chars[i + 2]);
      out.push_back(hash(gram));
    }
    if (out.empty() && !chars.empty()) out.push_back(hash(normalized));
  } else if (words.size() == 1) {
    out.push_back(hash(words[0]));
  } else {
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      std::string gram(words[i]);
      gram.push_back(' ');
      gram.append(words[i + 1]);
      out.push_back(hash(gram));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lockstep::analysis
