// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal plumbing of read_activity(): `--format auto`.
#include <string>
#include <string_view>

namespace lockstep::io {

/// The format whose signature matches head (the first decompressed bytes of an input, a few
/// KB; its last line may be cut), or "" when none does. Signatures are tried in table order:
/// JSON lines by the top-level keys of the first record (v1.1: "id_str" and "user"; v2: a
/// twarc2 page or error line, or a tweet with "author_id"/"author"), CSV by header columns
/// (twarc-csv: id, created_at, author_id | author.id, text; shares-csv: object_id,
/// account_id | id_user, content_id, timestamp_share). A leading BOM and blank lines are
/// ignored. O(|head|), pure.
std::string_view sniff_format(std::string_view head);

/// Opens path (decompressing as needed), reads its first 64 KB and returns sniff_format's
/// answer. Throws ConfigError naming the file and suggesting --format when nothing matches or
/// the input is stdin ("-": it cannot be read twice); MissingInputError, InputError as
/// InputSource does.
std::string detect_format(const std::string& path);

}  // namespace lockstep::io
