// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>

#include "io/url.hpp"

using lockstep::io::normalize_url;

TEST_CASE("URL normalization", "[io][url]") {
  CHECK(normalize_url("HTTPS://WWW.Example.ORG/Story-1/").url == "https://example.org/Story-1");
  CHECK(normalize_url("https://www.example.org/Story-1/").domain == "example.org");
  CHECK(normalize_url("http://example.org:80/a").url == "http://example.org/a");
  CHECK(normalize_url("https://example.org:443/a").url == "https://example.org/a");
  CHECK(normalize_url("https://example.org:8443/a").url == "https://example.org:8443/a");
  CHECK(normalize_url("https://example.org/a#section").url == "https://example.org/a");
  CHECK(normalize_url("https://example.org/a?utm_source=tw&id=7&fbclid=XYZ&utm_medium=social")
            .url == "https://example.org/a?id=7");
  CHECK(normalize_url("https://example.org/a?gclid=1").url == "https://example.org/a");
  CHECK(normalize_url("https://example.org/").url == "https://example.org");
  CHECK(normalize_url("https://example.org").url == "https://example.org");
  CHECK(normalize_url("  https://example.org/x  ").url == "https://example.org/x");
  CHECK(normalize_url("https://user:pw@example.org/x").url == "https://example.org/x");
  CHECK(normalize_url("https://twitter.com/u/status/1?s=20").url == "https://twitter.com/u/status/1");
  CHECK(normalize_url("https://example.org/search?s=20").url == "https://example.org/search?s=20");
  // Path case and parameter order are kept.
  CHECK(normalize_url("https://example.org/A/b?z=1&a=2").url == "https://example.org/A/b?z=1&a=2");
  // Two links that differ only by tracking parameters and presentation are equal.
  CHECK(normalize_url("https://www.news.example/a/1/?utm_campaign=x#top").url ==
        normalize_url("HTTPS://news.example/a/1").url);
  // Not URLs.
  CHECK(normalize_url("example.org/x").url.empty());
  CHECK(normalize_url("mailto:a@b.c").url.empty());
  CHECK(normalize_url("").url.empty());
  CHECK(normalize_url("https://").url.empty());
}
