#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kefu::net {

inline constexpr std::size_t kMaxClientRequestIdLength = 64;

// True when a client-supplied X-Request-Id may be echoed: 1..64 of [A-Za-z0-9._-].
bool IsValidRequestId(std::string_view id);

// Replaces `out` with a fresh random id (16 lower-case hex characters) from a thread-local
// generator. Not a secret; unique enough to correlate logs. Thread-safe.
void GenerateRequestId(std::string& out);

}  // namespace kefu::net
