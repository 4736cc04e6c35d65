#pragma once

#include <cstddef>

#include "kefu/common/clock.h"
#include "kefu/common/result.h"
#include "kefu/domain/customer/customer.h"

namespace kefu::domain {

inline constexpr std::size_t kMaxCustomerNameLength = 100;      // code points
inline constexpr std::size_t kMaxRegionNameLength = 50;         // province / city, code points
inline constexpr std::size_t kMaxCustomerNotesLength = 10'000;  // code points
inline constexpr std::size_t kMaxCustomerPhones = 10;
inline constexpr std::size_t kMaxCustomerEmails = 10;
inline constexpr int kMinBirthYear = 1900;

// Checks a customer profile (on create and after applying an update). `now` is the
// current time, for the birthday check. kInvalidArgument with one FieldError per
// problem:
// - "name": 1..kMaxCustomerNameLength code points, not blank, no control characters;
// - "birthday": "YYYY-MM-DD", a real day, year >= kMinBirthYear, not after today
//   (today is taken in UTC+14, the earliest time zone, so no customer's local today
//   is rejected);
// - "membership_level": 0..kMaxMembershipLevel;
// - "province", "city": at most kMaxRegionNameLength code points, may be empty;
// - "phones", "phones[i]": at most kMaxCustomerPhones, each already E.164
//   ("+" then 7..15 digits, no leading 0; see NormalizePhone), no duplicates;
// - "emails", "emails[i]": at most kMaxCustomerEmails, each already normalized
//   (NormalizeEmail(e) == e), no duplicates;
// - "tags", "tags[i]", "interests", "interests[i]": the shared tag rule (tags.h);
// - "notes": at most kMaxCustomerNotesLength code points, newlines allowed;
// - "merged_into_id": not the customer itself.
// Does not check custom_fields (use ValidateCustomFieldValues) nor uniqueness of
// phones/emails across customers.
Status ValidateCustomer(const Customer& customer, TimeMs now);

}  // namespace kefu::domain
