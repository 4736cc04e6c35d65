#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::domain {

// Small text rules shared by the domain validators. All functions are pure and
// thread-safe.

// Number of Unicode code points in `text`, or nullopt when it is not valid UTF-8
// (overlong forms, surrogates, code points above U+10FFFF and truncated sequences
// are all invalid).
std::optional<std::size_t> Utf8Length(std::string_view text);

// True if `text` contains an ASCII control character (U+0000..U+001F or U+007F).
// With allow_newlines, '\n', '\r' and '\t' are not counted as control characters.
bool HasControlChars(std::string_view text, bool allow_newlines = false);

// `text` without leading and trailing ASCII whitespace (space, \t, \n, \r, \f, \v).
std::string_view TrimAscii(std::string_view text);

// The rule for a human-entered single-line string (names, subjects, labels, tags).
// Returns an empty string when `text` is valid UTF-8, has no control characters, is
// not blank when min_code_points > 0, and has min_code_points..max_code_points code
// points; otherwise a short English issue such as "must be at most 100 characters",
// meant for FieldError::issue.
std::string CheckLineText(std::string_view text, std::size_t min_code_points,
                          std::size_t max_code_points);

}  // namespace kefu::domain
