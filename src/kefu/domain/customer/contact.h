#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kefu/common/result.h"

namespace kefu::domain {

inline constexpr std::size_t kMaxEmailLength = 254;  // RFC 5321 path limit
inline constexpr std::size_t kMaxPhoneInputLength = 64;

// Normalizes a phone number to E.164 ("+8613812348000") with libphonenumber.
// Accepts the usual ways people type numbers: spaces, '-', '.', '/', parentheses,
// full-width digits, a leading '+', and the international prefix of
// `default_region` ("0086 ..." for CN, "011 ..." for US). Numbers without a country
// code are read as numbers of `default_region` (ISO 3166 alpha-2, case-insensitive).
// Fails with kInvalidArgument ("invalid phone number: ...") when the input is empty,
// longer than kMaxPhoneInputLength, contains letters (no vanity numbers, no
// extensions), cannot be parsed, or is not a valid number according to the metadata.
// Thread-safe.
Result<std::string> NormalizePhone(std::string_view raw, std::string_view default_region = "CN");

// Normalizes an email address: trims ASCII whitespace and lower-cases ASCII letters.
// The result must be at most kMaxEmailLength bytes with exactly one '@'; a local part
// of 1..64 bytes of letters, digits, non-ASCII UTF-8 and !#$%&'*+/=?^_`{|}~.- (no
// leading, trailing or doubled '.'); a domain of at least two labels separated by
// '.', each 1..63 bytes of letters, digits, '-' or non-ASCII UTF-8 and not starting or
// ending with '-', the last label at least 2 characters and not all digits. Quoted
// local parts and IP-literal domains are rejected. Fails with kInvalidArgument
// ("invalid email address: ...").
Result<std::string> NormalizeEmail(std::string_view raw);

// Masks a phone number for principals without customers.view_contact. Shows only the
// national significant number (no country code), e.g. "+8613812348000" ->
// "138****8000": numbers of 11+ digits keep the first 3 and last 4 digits; shorter
// numbers hide the middle ceil(n/2) digits ("+85221234567" -> "21****67"). Input that
// is not E.164 is masked the same way over its digits. Never returns more digits than
// the rule allows; "" for input without digits.
std::string MaskPhone(std::string_view e164);

// Masks an email address: "zhang.san@example.com" -> "z***@example.com" (first
// character of the local part, which may be a multi-byte UTF-8 character, then
// "***"). A one-character local part becomes "***@example.com"; input without '@' is
// masked like a local part; "" stays "".
std::string MaskEmail(std::string_view email);

}  // namespace kefu::domain
