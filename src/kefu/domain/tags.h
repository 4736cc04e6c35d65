#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/error.h"

namespace kefu::domain {

// The one tag rule, shared by tickets, customers and customer interests.
inline constexpr std::size_t kMaxTagLength = 32;  // code points
inline constexpr std::size_t kMaxTags = 50;       // per ticket / customer

// Appends one FieldError per problem to *errors; appends nothing when the list is valid.
// A valid list has at most kMaxTags entries (else an error on `field`), and each entry
// (errors on "<field>[i]") is 1..kMaxTagLength code points of valid UTF-8, has no
// control characters, no leading/trailing whitespace, no ',' or '，' (commas separate
// tags in CSV import and the UI) and is not an exact duplicate of an earlier entry.
// REQUIRES: errors != nullptr.
void CheckTags(std::string_view field, const std::vector<std::string>& tags,
               std::vector<FieldError>* errors);

// Trims ASCII whitespace, drops empty entries and exact duplicates (the first one
// wins, order is kept). Does not validate: run CheckTags on the result.
std::vector<std::string> NormalizeTags(const std::vector<std::string>& tags);

}  // namespace kefu::domain
