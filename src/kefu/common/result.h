#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "kefu/common/error.h"

namespace kefu {

// Result<T> holds either a T or an Error. Cheap to move; check ok() before value().
// Thread-safety: like any value type, not synchronized.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok()
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(data_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(data_));
  }

 private:
  std::variant<T, Error> data_;
};

// Status is a Result with nothing in it: OkStatus() or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  // REQUIRES: !ok()
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

inline Status OkStatus() { return {}; }

}  // namespace kefu

// Propagate a failed Status or Result out of the enclosing function. `lhs` is a
// declaration or an lvalue, so it cannot be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define KEFU_CONCAT_INNER(a, b) a##b
#define KEFU_CONCAT(a, b) KEFU_CONCAT_INNER(a, b)
// The status variable is named after the line so nested uses (a lambda inside a
// KEFU_RETURN_IF_ERROR argument) do not shadow each other.
#define KEFU_RETURN_IF_ERROR(expr) \
  KEFU_RETURN_IF_ERROR_IMPL(KEFU_CONCAT(kefu_status_, __LINE__), expr)
#define KEFU_RETURN_IF_ERROR_IMPL(status, expr) \
  do {                                          \
    auto&& status = (expr);                     \
    if (!status.ok()) {                         \
      return std::move(status).error();         \
    }                                           \
  } while (0)
#define KEFU_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) {                                 \
    return std::move(tmp).error();                 \
  }                                                \
  lhs = std::move(tmp).value()
#define KEFU_ASSIGN_OR_RETURN(lhs, expr) \
  KEFU_ASSIGN_OR_RETURN_IMPL(KEFU_CONCAT(kefu_result_, __LINE__), lhs, expr)
// NOLINTEND(bugprone-macro-parentheses)
