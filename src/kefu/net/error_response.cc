#include "kefu/net/error_response.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <string>

namespace kefu::net {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPreconditionFailed:
      return 412;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

HttpResponse ErrorResponse(const Error& error) {
  boost::json::object details;
  if (!error.fields.empty()) {
    boost::json::array fields;
    fields.reserve(error.fields.size());
    for (const auto& field : error.fields) {
      fields.push_back(boost::json::object{{"field", field.field}, {"issue", field.issue}});
    }
    details["fields"] = std::move(fields);
  } else if (!error.allowed.empty()) {
    boost::json::array allowed;
    for (const auto& value : error.allowed) allowed.emplace_back(value);
    details["allowed"] = std::move(allowed);
  }
  boost::json::object body{{"error", boost::json::object{{"code", ErrorCodeName(error.code)},
                                                         {"message", error.message},
                                                         {"details", std::move(details)}}}};
  HttpResponse response =
      HttpResponse::Json(HttpStatusFor(error.code), boost::json::serialize(body));

  switch (error.code) {
    case ErrorCode::kRateLimited:
      response.headers.emplace_back("Retry-After",
                                    std::to_string(std::max(1, error.retry_after_seconds)));
      break;
    case ErrorCode::kUnavailable:
      if (error.retry_after_seconds > 0) {
        response.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
      }
      break;
    case ErrorCode::kMethodNotAllowed: {
      std::string allow;
      for (const auto& method : error.allowed) {
        if (!allow.empty()) allow += ", ";
        allow += method;
      }
      response.headers.emplace_back("Allow", std::move(allow));
      break;
    }
    case ErrorCode::kUnauthenticated:
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      break;
    default:
      break;
  }
  return response;
}

HttpResponse MethodNotAllowedResponse(std::string_view method, std::string_view allow) {
  Error error(ErrorCode::kMethodNotAllowed,
              "method " + std::string(method) + " is not allowed here");
  while (!allow.empty()) {
    std::size_t comma = allow.find(',');
    std::string_view token = allow.substr(0, comma);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    if (!token.empty()) error.allowed.emplace_back(token);
    if (comma == std::string_view::npos) break;
    allow.remove_prefix(comma + 1);
  }
  return ErrorResponse(error);
}

}  // namespace kefu::net
