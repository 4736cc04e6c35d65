#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <vector>

#include "kefu/common/result.h"
#include "kefu/domain/custom_field/custom_field.h"

namespace kefu::domain {

inline constexpr std::size_t kMaxCustomFieldKeyLength = 40;     // bytes, [a-z0-9_]
inline constexpr std::size_t kMaxCustomFieldLabelLength = 100;  // code points
inline constexpr std::size_t kMaxCustomFieldOptions = 200;
inline constexpr std::size_t kMaxCustomFieldOptionLength = 100;  // code points
inline constexpr std::size_t kMaxCustomTextLength = 2000;        // code points

// Checks custom field values written by a client against the entity's definitions.
// `values` maps key -> value. Rules per key:
// - the key must name a definition (else "unknown custom field") that is active (else
//   "field is inactive");
// - null clears the value, except for required fields ("is required");
// - text: a string of at most kMaxCustomTextLength code points; for required fields
//   not blank;
// - number: a JSON number (integer or finite double), never a numeric string;
// - select: a string equal to one of the definition's options;
// - date: a string "YYYY-MM-DD" naming a real day;
// - checkbox: true or false.
// On create (partial_update == false) every active required definition must have a
// non-null value; on a partial update (PATCH) absent keys are left unchanged.
// Inactive required definitions are never enforced.
// Failure: kInvalidArgument with one FieldError per bad key, field
// "custom_fields.<key>", in the order of `values`, then missing required keys in the
// order of `defs`.
// REQUIRES: `defs` are the definitions of one entity (ticket or customer).
Status ValidateCustomFieldValues(const std::vector<CustomFieldDef>& defs,
                                 const boost::json::object& values, bool partial_update);

// Checks a definition an admin creates or edits:
// - "key": ^[a-z][a-z0-9_]{0,39}$;
// - "label": 1..kMaxCustomFieldLabelLength code points, not blank;
// - "options": select fields need 1..kMaxCustomFieldOptions options, other types none;
// - "options[i]": 1..kMaxCustomFieldOptionLength code points, not blank, no duplicates.
// Failure: kInvalidArgument with one FieldError per problem. Does not check that the
// key is unique per entity, nor whether a type change fits stored values.
Status ValidateCustomFieldDef(const CustomFieldDef& def);

}  // namespace kefu::domain
