#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>

#include "kefu/api/api_deps.h"
#include "kefu/common/result.h"
#include "kefu/net/http_types.h"
#include "kefu/net/router.h"

namespace kefu::api {

// A handler that needs a signed-in caller. Errors returned become the JSON error body.
using AuthedHandler =
    std::function<Result<net::HttpResponse>(net::HttpRequest&, const service::AuthContext&)>;
using PublicHandler = std::function<Result<net::HttpResponse>(net::HttpRequest&)>;

// Wraps a handler: authenticates the bearer token (401 when that fails), runs it, maps
// an Error to the one JSON error response.
net::Handler Authed(ApiDeps& deps, AuthedHandler handler);
net::Handler Public(PublicHandler handler);

// Authed() for a free function `fn(ApiDeps&, HttpRequest&, const AuthContext&)`.
template <class F>
net::Handler Bind(ApiDeps& deps, F fn) {
  return Authed(deps, [&deps, fn](net::HttpRequest& req, const service::AuthContext& caller) {
    return fn(deps, req, caller);
  });
}

// Caller's address and user agent for events and the audit log.
service::RequestMeta MetaOf(const net::HttpRequest& request);

// 200/201 with a JSON body.
net::HttpResponse JsonResponse(int status, const boost::json::value& body);

// Parses the body as a JSON object (400 if it is not). A non-empty body must be sent as
// application/json or another +json type (415 otherwise).
Result<boost::json::object> BodyObject(const net::HttpRequest& request);

// Parses the path parameter `name` as a positive id (404 naming `what` if it is not one).
Result<domain::Id> PathId(const net::HttpRequest& request, std::string_view name,
                          std::string_view what);

// The version in an If-Match header ("3" or "\"3\"" or W/"3"); nullopt when absent,
// kInvalidArgument when malformed.
Result<std::optional<std::int64_t>> IfMatchVersion(const net::HttpRequest& request);

// Query parameter helpers: kInvalidArgument naming the parameter when malformed.
Result<std::optional<std::int64_t>> QueryInt(const net::HttpRequest& request, std::string_view key,
                                             std::int64_t min, std::int64_t max);
Result<std::optional<TimeMs>> QueryTime(const net::HttpRequest& request, std::string_view key);

}  // namespace kefu::api
