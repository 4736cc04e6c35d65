#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/domain/ids.h"

namespace kefu::domain {

enum class CustomFieldEntity { kTicket, kCustomer };
enum class CustomFieldType { kText, kNumber, kSelect, kDate, kCheckbox };
std::string_view ToString(CustomFieldEntity entity);
std::string_view ToString(CustomFieldType type);
std::optional<CustomFieldEntity> ParseCustomFieldEntity(std::string_view name);
std::optional<CustomFieldType> ParseCustomFieldType(std::string_view name);

// An admin-defined extra field. `key` is lower_snake_case and unique per entity.
struct CustomFieldDef {
  Id id = 0;
  CustomFieldEntity entity = CustomFieldEntity::kTicket;
  std::string key;
  std::string label;
  CustomFieldType type = CustomFieldType::kText;
  std::vector<std::string> options;  // allowed values for kSelect
  bool required = false;
  bool active = true;
};

}  // namespace kefu::domain
