#include "kefu/common/json_util.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kefu {

Result<boost::json::object> ParseJsonObject(std::string_view body) {
  if (body.empty()) return InvalidArgument("request body must be a JSON object");
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::json::value parsed = boost::json::parse(body, ec, {}, options);
  if (ec) return InvalidArgument("request body is not valid JSON: " + ec.message());
  if (!parsed.is_object()) return InvalidArgument("request body must be a JSON object");
  return std::move(parsed.as_object());
}

std::string ToJson(const boost::json::value& value) { return boost::json::serialize(value); }

}  // namespace kefu
