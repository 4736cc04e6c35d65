#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/common/result.h"
#include "kefu/domain/ids.h"

namespace kefu::api {

// Reads fields out of a JSON request body, collecting one FieldError per problem so a
// client learns everything wrong with a request at once. Unknown fields are reported
// too (a typo must not be silently ignored). Not thread-safe; one per request.
class JsonReader {
 public:
  explicit JsonReader(const boost::json::object& body) : body_(body) {}

  // Each getter marks the key as known. `required` getters report "is required" when the
  // key is missing or null. Nullable getters return an engaged outer optional holding
  // nullopt for an explicit null (meaning "clear it").
  std::optional<std::string> String(std::string_view key, bool required = false,
                                    std::size_t max_bytes = 100'000);
  std::optional<std::optional<std::string>> NullableString(std::string_view key);
  std::optional<std::int64_t> Int(std::string_view key, bool required = false,
                                  std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX);
  std::optional<std::optional<domain::Id>> NullableId(std::string_view key);
  std::optional<bool> Bool(std::string_view key);
  std::optional<std::vector<std::string>> StringArray(std::string_view key,
                                                      std::size_t max_items = 200);
  std::optional<std::vector<domain::Id>> IdArray(std::string_view key, std::size_t max_items = 200);
  std::optional<boost::json::object> Object(std::string_view key);
  const boost::json::value* Raw(std::string_view key);  // marks known; null if absent
  // An RFC 3339 timestamp (or null to clear).
  std::optional<std::optional<TimeMs>> NullableTime(std::string_view key);
  // A name from a closed set, parsed with `parse`; reports the allowed names otherwise.
  template <class E>
  std::optional<E> Enum(std::string_view key, std::optional<E> (*parse)(std::string_view),
                        std::string_view allowed, bool required = false) {
    auto text = String(key, required, 64);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) AddError(key, "must be one of " + std::string(allowed));
    return value;
  }

  void AddError(std::string_view field, std::string issue);
  // kInvalidArgument listing every problem, including unknown fields; OkStatus if none.
  Status Finish(std::string_view what = "invalid request");

 private:
  const boost::json::value* Find(std::string_view key);
  const boost::json::object& body_;
  std::set<std::string, std::less<>> known_;
  std::vector<FieldError> errors_;
};

}  // namespace kefu::api
