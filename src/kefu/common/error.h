#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kefu/common/error_code.h"

namespace kefu {

// One problem with one input field: "field" is a JSON path such as "priority" or
// "custom_fields.order_no"; "issue" is a short human-readable sentence.
struct FieldError {
  std::string field;
  std::string issue;
};

// An expected failure as a value. `message` is safe to show to the client; anything
// that must stay server-side goes to the log, never in here.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;    // per-field details for kInvalidArgument
  std::vector<std::string> allowed;  // e.g. allowed transitions for kConflict
  int retry_after_seconds = 0;       // for kRateLimited

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}
};

inline Error InvalidArgument(std::string msg, std::vector<FieldError> fields = {}) {
  Error e(ErrorCode::kInvalidArgument, std::move(msg));
  e.fields = std::move(fields);
  return e;
}
inline Error NotFound(std::string msg) { return {ErrorCode::kNotFound, std::move(msg)}; }
inline Error Conflict(std::string msg) { return {ErrorCode::kConflict, std::move(msg)}; }
inline Error PermissionDenied(std::string msg) {
  return {ErrorCode::kPermissionDenied, std::move(msg)};
}
inline Error Unauthenticated(std::string msg) {
  return {ErrorCode::kUnauthenticated, std::move(msg)};
}
inline Error Internal(std::string msg) { return {ErrorCode::kInternal, std::move(msg)}; }

}  // namespace kefu
