#include "kefu/api/handler_util.h"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <charconv>

#include "kefu/common/json_util.h"
#include "kefu/common/time_format.h"
#include "kefu/domain/text.h"
#include "kefu/net/error_response.h"

namespace kefu::api {
namespace {

net::HttpResponse FromResult(Result<net::HttpResponse> result) {
  if (result.ok()) return std::move(result).value();
  const Error& error = result.error();
  if (error.code == ErrorCode::kInternal) spdlog::error("request failed: {}", error.message);
  return net::ErrorResponse(error);
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

net::Handler Authed(ApiDeps& deps, AuthedHandler handler) {
  return [&deps, handler = std::move(handler)](net::HttpRequest& request) {
    auto caller = deps.auth.Authenticate(request.Header("authorization"));
    if (!caller.ok()) return net::ErrorResponse(caller.error());
    return FromResult(handler(request, *caller));
  };
}

net::Handler Public(PublicHandler handler) {
  return [handler = std::move(handler)](net::HttpRequest& request) {
    return FromResult(handler(request));
  };
}

service::RequestMeta MetaOf(const net::HttpRequest& request) {
  return {request.remote_ip, std::string(request.Header("user-agent").substr(0, 256))};
}

net::HttpResponse JsonResponse(int status, const boost::json::value& body) {
  return net::HttpResponse::Json(status, boost::json::serialize(body));
}

namespace {

// application/json or any +json type, parameters (charset) ignored, case-insensitive.
bool IsJsonMediaType(std::string_view header) {
  std::string_view type = domain::TrimAscii(header.substr(0, header.find(';')));
  constexpr std::string_view kSuffix = "+json";
  return net::EqualsIgnoreCase(type, "application/json") ||
         (type.size() > kSuffix.size() &&
          net::EqualsIgnoreCase(type.substr(type.size() - kSuffix.size()), kSuffix));
}

}  // namespace

Result<boost::json::object> BodyObject(const net::HttpRequest& request) {
  // A JSON body must say so: a form or text body is refused rather than guessed at.
  std::string_view type = request.Header("content-type");
  if (!request.body.empty() && !IsJsonMediaType(type)) {
    return Error(ErrorCode::kUnsupportedMediaType,
                 "send the body as JSON with Content-Type: application/json (got '" +
                     std::string(type.substr(0, 100)) + "')");
  }
  return ParseJsonObject(request.body);
}

Result<domain::Id> PathId(const net::HttpRequest& request, std::string_view name,
                          std::string_view what) {
  std::string_view raw = request.Param(name);
  auto id = ParseInt(raw);
  if (!id || *id < 1) return NotFound(std::string(what) + " " + std::string(raw) + " not found");
  return *id;
}

Result<std::optional<std::int64_t>> IfMatchVersion(const net::HttpRequest& request) {
  std::string_view raw = request.Header("if-match");
  if (raw.empty()) return std::optional<std::int64_t>();
  if (raw.starts_with("W/")) raw.remove_prefix(2);
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"')
    raw = raw.substr(1, raw.size() - 2);
  auto version = ParseInt(raw);
  if (!version || *version < 1) {
    return InvalidArgument("If-Match must carry the version you read, e.g. \"3\"",
                           {{"If-Match", "must be a positive version number"}});
  }
  return std::optional<std::int64_t>(*version);
}

Result<std::optional<std::int64_t>> QueryInt(const net::HttpRequest& request, std::string_view key,
                                             std::int64_t min, std::int64_t max) {
  auto raw = request.Query(key);
  if (!raw || raw->empty()) return std::optional<std::int64_t>();
  auto value = ParseInt(*raw);
  if (!value || *value < min || *value > max) {
    return InvalidArgument("invalid query parameter",
                           {{std::string(key), "must be an integer from " + std::to_string(min) +
                                                   " to " + std::to_string(max)}});
  }
  return std::optional<std::int64_t>(*value);
}

Result<std::optional<TimeMs>> QueryTime(const net::HttpRequest& request, std::string_view key) {
  auto raw = request.Query(key);
  if (!raw || raw->empty()) return std::optional<TimeMs>();
  auto t = ParseTimestamp(*raw);
  if (!t) {
    return InvalidArgument("invalid query parameter",
                           {{std::string(key), "must be a date (2026-11-23) or RFC 3339 time"}});
  }
  return std::optional<TimeMs>(*t);
}

}  // namespace kefu::api
