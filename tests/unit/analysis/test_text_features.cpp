// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>

#include "algorithms/similarity/minhash.hpp"
#include "analysis/text_features.hpp"

using namespace lockstep;
using analysis::normalize_text;
using analysis::text_shingles;

namespace {
double similarity(const char* a, const char* b) {
  return algo::jaccard(text_shingles(normalize_text(a)), text_shingles(normalize_text(b)));
}
}  // namespace

TEST_CASE("text normalization", "[analysis][text]") {
  CHECK(normalize_text("RT @someone: Hello,   WORLD! https://t.co/x  #Tag") == "hello world tag");
  CHECK(normalize_text("¡Atención! Mañana votamos") == "atencion manana votamos");
  CHECK(normalize_text("ＦＵＬＬ　ｗｉｄｔｈ") == "full width");  // NFKC
  CHECK(normalize_text("\xff\xfe") == "");                        // invalid UTF-8
}

TEST_CASE("copypasta with small edits is near-duplicate in Spanish, Arabic and Japanese",
          "[analysis][text]") {
  // Spanish: accents dropped, one word changed, a link and a mention added.
  CHECK(similarity("La elección fue robada, todos a la plaza mañana a las 10 para defender la "
                   "democracia y la patria",
                   "@amigo la eleccion fue robada todos a la plaza mañana a las 11 para defender "
                   "la democracia y la patria https://x.example/1") >= 0.6);
  // Arabic: with and without harakat, one word appended.
  CHECK(similarity("الانتخابات مزورة والشعب يطالب بالحقيقة الآن في كل المدن والقرى",
                   "الانتخابَات مُزوّرة والشعب يطالب بالحقيقة الآن في كل المدن والقرى اليوم") >=
        0.6);
  // Japanese: no spaces, one character changed.
  CHECK(similarity("選挙は不正だった。真実を求めて明日の十時に広場へ集まろう。",
                   "選挙は不正だった。真実を求めて明日の九時に広場へ集まろう。") >= 0.6);
  // Unrelated texts are not similar.
  CHECK(similarity("La elección fue robada, todos a la plaza mañana",
                   "Hoy hace buen tiempo para pasear por el parque con los niños") < 0.2);
  CHECK(similarity("選挙は不正だった。真実を求めて明日の十時に広場へ集まろう。",
                   "今日はとても良い天気なので公園で散歩しました。") < 0.2);
}
