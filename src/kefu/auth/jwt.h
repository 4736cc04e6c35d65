#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kefu/common/clock.h"
#include "kefu/common/result.h"

namespace kefu::auth {

// What an access token asserts. Times travel as whole seconds (JWT NumericDate), so
// sub-second parts of issued_at / expires_at are dropped by Encode.
struct AccessClaims {
  std::int64_t user_id = 0;  // "sub", sent as a decimal string; must be > 0
  std::string role;          // "role", non-empty
  std::string session_id;    // "sid": the refresh-token family the token belongs to
  TimeMs issued_at = 0;      // "iat"
  TimeMs expires_at = 0;     // "exp"
};

// Shortest HMAC key accepted by JwtCodec, in bytes (the SHA-256 output size).
inline constexpr std::size_t kMinJwtSecretBytes = 32;

// Tolerance for clock skew between nodes when checking "exp" and "iat".
inline constexpr TimeMs kJwtLeewayMs = 30'000;

// Issues and checks HS256 JSON Web Tokens (RFC 7519) carrying AccessClaims.
//
// Decode is strict: exactly three base64url segments without padding; a header whose
// only members are "alg":"HS256" and optionally "typ":"JWT" (so "none", HS512, RS256,
// "kid", "crit"... are refused); a signature compared in constant time before the
// payload is parsed; typed claims; tokens over 4 KiB refused before any work.
//
// Thread-safety: immutable after construction; Encode and Decode may run concurrently
// on one instance from any number of threads. Move-only.
class JwtCodec {
 public:
  // REQUIRES: secret.size() >= kMinJwtSecretBytes (config validation guarantees it).
  // Throws std::invalid_argument otherwise, and std::runtime_error if OpenSSL cannot
  // set up HMAC-SHA256: both are fatal start-up errors. The secret is not retained
  // outside OpenSSL's keyed context.
  explicit JwtCodec(std::string secret);
  ~JwtCodec();
  JwtCodec(JwtCodec&& other) noexcept;
  JwtCodec& operator=(JwtCodec&& other) noexcept;
  JwtCodec(const JwtCodec&) = delete;
  JwtCodec& operator=(const JwtCodec&) = delete;

  // Signs `claims` into a compact JWT. Never fails for claims that fit in memory.
  std::string Encode(const AccessClaims& claims) const;

  // Verifies `token` and returns its claims. Fails with kUnauthenticated and the message
  // "access token expired" if the signature is good but now > exp + 30 s, and "invalid
  // access token" for anything else (malformed, wrong algorithm, bad signature, bad claim
  // types, issued more than 30 s in the future). Never throws for any input. Allocates
  // only the returned strings in the common case; a few microseconds per call.
  Result<AccessClaims> Decode(std::string_view token, TimeMs now) const;

 private:
  struct KeyedMac;
  std::unique_ptr<KeyedMac> mac_;  // never null except in a moved-from codec
};

}  // namespace kefu::auth
