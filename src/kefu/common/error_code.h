#pragma once

#include <string_view>

namespace kefu {

// The one closed set of expected failures in Kefu. Every layer reports failures with
// these codes; net/error_response.cc maps each to an HTTP status in exactly one place.
enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,       // malformed or failed validation (400, with field details)
  kUnauthenticated,       // no or bad credentials (401)
  kPermissionDenied,      // authenticated but not allowed (403)
  kNotFound,              // 404
  kMethodNotAllowed,      // 405
  kConflict,              // state conflict, e.g. forbidden transition, duplicate (409)
  kPreconditionFailed,    // stale If-Match version (412)
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
  kRateLimited,           // 429
  kInternal,              // a bug or an unexpected failure (500)
  kUnavailable,           // temporarily unable, e.g. database busy or shutting down (503)
};

// Stable lower_snake_case name used as "code" in JSON error bodies and in logs.
std::string_view ErrorCodeName(ErrorCode code);

}  // namespace kefu
