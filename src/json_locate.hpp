#pragma once
/// @file json_locate.hpp
/// Finding where a value sits in JSON text, for error messages. Private to the library.
///
/// nlohmann/json does not keep source positions, so when the schema pass finds a problem
/// the locator walks the text again along the JSON pointer. It runs only when there is an
/// error to report, so it favours clarity over speed; it never throws, never reads past the
/// text and always terminates, whatever the text holds.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "samkart/core/landscape.hpp"

namespace samkart::detail {

/// A 1-based position in a text. Columns count UTF-8 code points, as editors do.
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
    friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

/// The position of byte `offset` of `text` (an offset past the end gives the end of the text).
[[nodiscard]] TextPosition position_of(std::string_view text, std::size_t offset) noexcept;

/// Where the value named by the JSON pointer `pointer` (RFC 6901, e.g. "/actors/3/ages")
/// starts in `text`. If the pointer does not resolve (a missing key, an index past the end,
/// malformed text), the start of the deepest value that does resolve: for a missing key,
/// the object that should hold it. When a key occurs twice, the last one counts, as in
/// nlohmann/json. "" names the whole document.
[[nodiscard]] TextPosition locate(std::string_view text, std::string_view pointer) noexcept;

/// Escape one reference token for a JSON pointer ("~" → "~0", "/" → "~1").
[[nodiscard]] std::string escape_pointer_token(std::string_view token);

/// Byte offset of the first byte of `text` that is not well-formed UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF count as ill-formed), or npos if all is well.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD (one per maximal ill-formed
/// subpart, as Unicode recommends), so that a message quoting input is always valid text:
/// Python decodes messages as UTF-8 and fails on anything else.
[[nodiscard]] std::string valid_utf8(std::string_view text);

/// For tests (defined in json.cpp): passes 1 and 2 of the JSON reader by the fast path alone
/// (nullopt when it gives up, as it does on any problem) and by the careful passes alone.
/// On valid input both give the same records. @throws SchemaError (careful passes).
[[nodiscard]] std::optional<LandscapeRecords> read_records_fast(std::string_view text);
[[nodiscard]] LandscapeRecords read_records_carefully(std::string_view text);

}  // namespace samkart::detail
