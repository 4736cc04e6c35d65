#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kefu::auth {

// Prefixes that make a leaked token recognizable (e.g. by secret scanners) and tell
// token kinds apart before any lookup.
inline constexpr std::string_view kRefreshTokenPrefix = "kfr";
inline constexpr std::string_view kPersonalTokenPrefix = "kfp";

// Random bytes behind every opaque token: 256 bits.
inline constexpr std::size_t kTokenRandomBytes = 32;

// A new opaque bearer token: `prefix` + "_" + base64url (no padding) of 32 bytes from
// the OS CSPRNG, e.g. "kfr_3q2x...". Only the caller ever sees it in clear; persist
// HashToken(token) instead. Thread-safe.
std::string GenerateToken(std::string_view prefix);

// SHA-256 of the whole token as 64 lower-case hex characters: the form stored and looked
// up. A fast hash is right here because tokens carry 256 bits of entropy (no dictionary
// to attack, unlike passwords). Deterministic and thread-safe; never fails.
std::string HashToken(std::string_view token);

// `bytes` random bytes from the OS CSPRNG as 2 * bytes lower-case hex characters.
// Thread-safe.
std::string RandomHex(std::size_t bytes);

}  // namespace kefu::auth
