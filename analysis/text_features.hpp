// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::analysis {

/// Text as compared for copypasta: Unicode NFKC, case-folded, combining marks stripped (Spanish
/// accents, Arabic harakat, Japanese dakuten), URLs, @mentions and a leading "RT" removed,
/// punctuation turned into spaces, whitespace folded to single spaces. Invalid UTF-8 gives "".
std::string normalize_text(std::string_view text);

/// Shingles of a normalized text as sorted, unique 64-bit hashes (xxHash3): word 2-grams (and
/// single words when there is one) for texts written with spaces; character 3-grams of the
/// letters for texts mostly in scripts without spaces (Chinese, Japanese, Thai).
std::vector<std::uint64_t> text_shingles(std::string_view normalized);

}  // namespace lockstep::analysis
