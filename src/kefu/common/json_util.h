#pragma once

#include <boost/json/fwd.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/common/result.h"

namespace kefu {

// Parses a request body as a JSON object. Empty or non-object bodies and syntax errors
// become kInvalidArgument with a readable message (never an exception).
Result<boost::json::object> ParseJsonObject(std::string_view body);

// Serializes compactly.
std::string ToJson(const boost::json::value& value);

}  // namespace kefu
