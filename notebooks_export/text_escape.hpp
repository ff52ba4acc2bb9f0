// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal: escaping for the text formats the writers produce.
#include <string>
#include <string_view>

namespace lockstep::notebooks_export {

/// Text safe inside XML/HTML element content and quoted attribute values: & < > " ' escaped,
/// control characters other than tab and newline (invalid in XML 1.0) dropped. O(|s|).
std::string xml_escape(std::string_view s);

/// One RFC-4180 field: quoted (with "" for ") when it holds , " \r or \n. O(|s|).
std::string csv_field(std::string_view s);

/// A JSON string literal, quotes included. O(|s|).
std::string json_string(std::string_view s);

/// A double as text: shortest round-trip form; "" for NaN. O(1).
std::string number_text(double v);

}  // namespace lockstep::notebooks_export
