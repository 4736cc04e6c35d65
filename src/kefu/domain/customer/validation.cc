#include "kefu/domain/customer/validation.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/time_format.h"
#include "kefu/domain/customer/contact.h"
#include "kefu/domain/tags.h"
#include "kefu/domain/text.h"

namespace kefu::domain {
namespace {

constexpr std::size_t kMinE164Digits = 7;
constexpr std::size_t kMaxE164Digits = 15;
constexpr TimeMs kEarliestZoneOffsetMs = TimeMs{14} * 3'600'000;  // UTC+14

std::string Indexed(std::string_view field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

bool IsE164(std::string_view phone) {
  if (phone.size() < 1 + kMinE164Digits || phone.size() > 1 + kMaxE164Digits) return false;
  if (phone[0] != '+' || phone[1] == '0') return false;
  for (char c : phone.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckBirthday(const std::optional<std::string>& birthday, TimeMs now,
                   std::vector<FieldError>* errors) {
  if (!birthday) return;
  if (!IsValidDate(*birthday)) {
    errors->push_back({"birthday", "must be a valid date in the form YYYY-MM-DD"});
    return;
  }
  if (std::stoi(birthday->substr(0, 4)) < kMinBirthYear) {
    errors->push_back({"birthday", "must not be before " + std::to_string(kMinBirthYear)});
    return;
  }
  std::optional<TimeMs> midnight_utc = ParseTimestamp(*birthday);
  if (midnight_utc && *midnight_utc > now + kEarliestZoneOffsetMs) {
    errors->push_back({"birthday", "must not be in the future"});
  }
}

template <class IsValid>
void CheckList(std::string_view field, const std::vector<std::string>& items, std::size_t max_items,
               std::string_view invalid_issue, IsValid is_valid, std::vector<FieldError>* errors) {
  if (items.size() > max_items) {
    errors->push_back(
        {std::string(field), "must have at most " + std::to_string(max_items) + " entries"});
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!is_valid(items[i])) {
      errors->push_back({Indexed(field, i), std::string(invalid_issue)});
    } else if (!seen.insert(items[i]).second) {
      errors->push_back({Indexed(field, i), "is a duplicate"});
    }
  }
}

void CheckText(std::string_view field, std::string_view text, std::size_t min_length,
               std::size_t max_length, std::vector<FieldError>* errors) {
  std::string issue = CheckLineText(text, min_length, max_length);
  if (!issue.empty()) errors->push_back({std::string(field), std::move(issue)});
}

}  // namespace

Status ValidateCustomer(const Customer& customer, TimeMs now) {
  std::vector<FieldError> errors;
  CheckText("name", customer.name, 1, kMaxCustomerNameLength, &errors);
  CheckBirthday(customer.birthday, now, &errors);
  if (customer.membership_level < 0 || customer.membership_level > kMaxMembershipLevel) {
    errors.push_back(
        {"membership_level", "must be between 0 and " + std::to_string(kMaxMembershipLevel)});
  }
  CheckText("province", customer.province, 0, kMaxRegionNameLength, &errors);
  CheckText("city", customer.city, 0, kMaxRegionNameLength, &errors);
  CheckList("phones", customer.phones, kMaxCustomerPhones,
            "must be a normalized E.164 number such as +8613812348000", IsE164, &errors);
  CheckList(
      "emails", customer.emails, kMaxCustomerEmails, "must be a normalized email address",
      [](const std::string& email) {
        Result<std::string> normalized = NormalizeEmail(email);
        return normalized.ok() && *normalized == email;
      },
      &errors);
  CheckTags("interests", customer.interests, &errors);
  CheckTags("tags", customer.tags, &errors);
  std::optional<std::size_t> notes_length = Utf8Length(customer.notes);
  if (!notes_length) {
    errors.push_back({"notes", "must be valid UTF-8"});
  } else if (*notes_length > kMaxCustomerNotesLength) {
    errors.push_back(
        {"notes", "must be at most " + std::to_string(kMaxCustomerNotesLength) + " characters"});
  } else if (HasControlChars(customer.notes, /*allow_newlines=*/true)) {
    errors.push_back({"notes", "must not contain control characters"});
  }
  if (customer.merged_into_id && customer.id != 0 && *customer.merged_into_id == customer.id) {
    errors.push_back({"merged_into_id", "a customer cannot be merged into itself"});
  }
  if (errors.empty()) return OkStatus();
  return InvalidArgument("invalid customer", std::move(errors));
}

}  // namespace kefu::domain
