#include "kefu/domain/custom_field/validation.h"

#include <boost/json/value.hpp>
#include <cmath>
#include <set>
#include <string>
#include <string_view>

#include "kefu/common/time_format.h"
#include "kefu/domain/text.h"

namespace kefu::domain {
namespace {

const CustomFieldDef* FindDef(const std::vector<CustomFieldDef>& defs, std::string_view key) {
  for (const CustomFieldDef& def : defs) {
    if (def.key == key) return &def;
  }
  return nullptr;
}

std::string TextIssue(const CustomFieldDef& def, const boost::json::value& value) {
  if (!value.is_string()) return "must be a string";
  std::string_view text = value.get_string();
  std::optional<std::size_t> length = Utf8Length(text);
  if (!length) return "must be valid UTF-8";
  if (*length > kMaxCustomTextLength) {
    return "must be at most " + std::to_string(kMaxCustomTextLength) + " characters";
  }
  if (def.required && TrimAscii(text).empty()) return "is required";
  return {};
}

std::string NumberIssue(const boost::json::value& value) {
  if (value.is_int64() || value.is_uint64()) return {};
  if (value.is_double() && std::isfinite(value.get_double())) return {};
  return "must be a finite number";
}

std::string SelectIssue(const CustomFieldDef& def, const boost::json::value& value) {
  if (!value.is_string()) return "must be a string";
  std::string_view choice = value.get_string();
  for (const std::string& option : def.options) {
    if (option == choice) return {};
  }
  return "must be one of the field's options";
}

std::string DateIssue(const boost::json::value& value) {
  if (!value.is_string()) return "must be a date string";
  if (!IsValidDate(value.get_string())) return "must be a valid date in the form YYYY-MM-DD";
  return {};
}

// The problem with writing `value` to `def`, or "" if it is acceptable.
std::string ValueIssue(const CustomFieldDef& def, const boost::json::value& value) {
  if (!def.active) return "field is inactive";
  if (value.is_null()) return def.required ? "is required" : "";
  switch (def.type) {
    case CustomFieldType::kText:
      return TextIssue(def, value);
    case CustomFieldType::kNumber:
      return NumberIssue(value);
    case CustomFieldType::kSelect:
      return SelectIssue(def, value);
    case CustomFieldType::kDate:
      return DateIssue(value);
    case CustomFieldType::kCheckbox:
      return value.is_bool() ? "" : "must be true or false";
  }
  return "has an unsupported type";
}

bool IsValidKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxCustomFieldKeyLength) return false;
  if (key.front() < 'a' || key.front() > 'z') return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

void CheckOptions(const CustomFieldDef& def, std::vector<FieldError>* errors) {
  if (def.type != CustomFieldType::kSelect) {
    if (!def.options.empty()) errors->push_back({"options", "only select fields have options"});
    return;
  }
  if (def.options.empty()) {
    errors->push_back({"options", "a select field needs at least one option"});
    return;
  }
  if (def.options.size() > kMaxCustomFieldOptions) {
    errors->push_back(
        {"options", "must have at most " + std::to_string(kMaxCustomFieldOptions) + " options"});
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < def.options.size(); ++i) {
    std::string issue = CheckLineText(def.options[i], 1, kMaxCustomFieldOptionLength);
    if (issue.empty() && !seen.insert(def.options[i]).second) issue = "is a duplicate";
    if (issue.empty()) continue;
    errors->push_back({"options[" + std::to_string(i) + "]", std::move(issue)});
  }
}

}  // namespace

Status ValidateCustomFieldValues(const std::vector<CustomFieldDef>& defs,
                                 const boost::json::object& values, bool partial_update) {
  std::vector<FieldError> errors;
  for (const auto& entry : values) {
    std::string field = "custom_fields." + std::string(entry.key());
    const CustomFieldDef* def = FindDef(defs, entry.key());
    if (def == nullptr) {
      errors.push_back({std::move(field), "unknown custom field"});
      continue;
    }
    std::string issue = ValueIssue(*def, entry.value());
    if (!issue.empty()) errors.push_back({std::move(field), std::move(issue)});
  }
  if (!partial_update) {
    for (const CustomFieldDef& def : defs) {
      if (!def.active || !def.required || values.contains(def.key)) continue;
      errors.push_back({"custom_fields." + def.key, "is required"});
    }
  }
  if (errors.empty()) return OkStatus();
  return InvalidArgument("invalid custom fields", std::move(errors));
}

Status ValidateCustomFieldDef(const CustomFieldDef& def) {
  std::vector<FieldError> errors;
  if (!IsValidKey(def.key)) {
    errors.push_back({"key",
                      "must start with a lower-case letter and contain only lower-case "
                      "letters, digits and '_' (at most 40)"});
  }
  if (std::string issue = CheckLineText(def.label, 1, kMaxCustomFieldLabelLength); !issue.empty()) {
    errors.push_back({"label", std::move(issue)});
  }
  CheckOptions(def, &errors);
  if (errors.empty()) return OkStatus();
  return InvalidArgument("invalid custom field definition", std::move(errors));
}

}  // namespace kefu::domain
