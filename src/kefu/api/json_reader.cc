#include "kefu/api/json_reader.h"

#include <cmath>

#include "kefu/common/time_format.h"

namespace kefu::api {

const boost::json::value* JsonReader::Find(std::string_view key) {
  known_.emplace(key);
  return body_.if_contains(key);
}

const boost::json::value* JsonReader::Raw(std::string_view key) { return Find(key); }

void JsonReader::AddError(std::string_view field, std::string issue) {
  errors_.push_back({std::string(field), std::move(issue)});
}

std::optional<std::string> JsonReader::String(std::string_view key, bool required,
                                              std::size_t max_bytes) {
  const auto* v = Find(key);
  if (v == nullptr || v->is_null()) {
    if (required) AddError(key, "is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    AddError(key, "must be a string");
    return std::nullopt;
  }
  if (v->get_string().size() > max_bytes) {
    AddError(key, "is too long (at most " + std::to_string(max_bytes) + " bytes)");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<std::optional<std::string>> JsonReader::NullableString(std::string_view key) {
  const auto* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) {
    AddError(key, "must be a string or null");
    return std::nullopt;
  }
  return std::optional<std::string>(std::string(v->get_string()));
}

std::optional<std::int64_t> JsonReader::Int(std::string_view key, bool required, std::int64_t min,
                                            std::int64_t max) {
  const auto* v = Find(key);
  if (v == nullptr || v->is_null()) {
    if (required) AddError(key, "is required");
    return std::nullopt;
  }
  std::int64_t value = 0;
  if (v->is_int64()) {
    value = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    value = static_cast<std::int64_t>(v->get_uint64());
  } else if (v->is_double() && std::trunc(v->get_double()) == v->get_double() &&
             std::fabs(v->get_double()) < 9e15) {
    value = static_cast<std::int64_t>(v->get_double());
  } else {
    AddError(key, "must be an integer");
    return std::nullopt;
  }
  if (value < min || value > max) {
    AddError(key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<std::optional<domain::Id>> JsonReader::NullableId(std::string_view key) {
  const auto* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) return std::optional<domain::Id>();
  auto id = Int(key, false, 1);
  if (!id) return std::nullopt;
  return std::optional<domain::Id>(*id);
}

std::optional<bool> JsonReader::Bool(std::string_view key) {
  const auto* v = Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) {
    AddError(key, "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::vector<std::string>> JsonReader::StringArray(std::string_view key,
                                                                std::size_t max_items) {
  const auto* v = Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_array()) {
    AddError(key, "must be an array of strings");
    return std::nullopt;
  }
  const auto& array = v->get_array();
  if (array.size() > max_items) {
    AddError(key, "has more than " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) {
      AddError(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
      return std::nullopt;
    }
    out.emplace_back(array[i].get_string());
  }
  return out;
}

std::optional<std::vector<domain::Id>> JsonReader::IdArray(std::string_view key,
                                                           std::size_t max_items) {
  const auto* v = Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_array()) {
    AddError(key, "must be an array of ids");
    return std::nullopt;
  }
  const auto& array = v->get_array();
  if (array.size() > max_items) {
    AddError(key, "has more than " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<domain::Id> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_int64() || array[i].get_int64() < 1) {
      AddError(std::string(key) + "[" + std::to_string(i) + "]", "must be a positive integer id");
      return std::nullopt;
    }
    out.push_back(array[i].get_int64());
  }
  return out;
}

std::optional<boost::json::object> JsonReader::Object(std::string_view key) {
  const auto* v = Find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_object()) {
    AddError(key, "must be an object");
    return std::nullopt;
  }
  return v->get_object();
}

std::optional<std::optional<TimeMs>> JsonReader::NullableTime(std::string_view key) {
  const auto* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) return std::optional<TimeMs>();
  if (!v->is_string()) {
    AddError(key, "must be an RFC 3339 timestamp string or null");
    return std::nullopt;
  }
  auto t = ParseTimestamp(v->get_string());
  if (!t) {
    AddError(key, "must be an RFC 3339 timestamp such as 2026-11-23T08:00:00Z");
    return std::nullopt;
  }
  return std::optional<TimeMs>(*t);
}

Status JsonReader::Finish(std::string_view what) {
  for (const auto& [key, value] : body_) {
    if (!known_.count(std::string_view(key))) AddError(key, "is not a known field");
  }
  if (errors_.empty()) return OkStatus();
  return InvalidArgument(std::string(what), std::move(errors_));
}

}  // namespace kefu::api
