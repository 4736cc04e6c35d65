#pragma once

#include <cstddef>
#include <string_view>

namespace kefu::logging {

// Longest request id kept by ScopedRequestId; longer ids are truncated.
inline constexpr std::size_t kMaxRequestIdLength = 64;

// The request id of the work running on this thread, or "" when there is none.
// Thread-safety: reads thread-local state only. The view stays valid until the innermost
// ScopedRequestId on this thread is destroyed.
std::string_view CurrentRequestId();

// Sets CurrentRequestId() for the calling thread for its lifetime and restores the
// previous value on destruction (scopes nest). Copies `id` (up to kMaxRequestIdLength
// characters), so the argument need not outlive the scope.
// REQUIRES: created and destroyed on the same thread, in LIFO order; never held across a
// coroutine suspension point (the id would leak into other work on that thread).
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string_view id);
  ~ScopedRequestId();

  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string_view previous_;
  std::size_t length_ = 0;
  char id_[kMaxRequestIdLength];
};

}  // namespace kefu::logging
