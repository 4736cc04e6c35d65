#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kefu/common/result.h"

namespace kefu::auth {

// How expensive a password hash is. kInteractive is for production (argon2id, 2 passes,
// 64 MiB, tens of milliseconds); kMinimumForTests is the cheapest argon2id setting and
// must never be used for real accounts.
enum class PasswordCost { kInteractive, kMinimumForTests };

// Longest password accepted, in bytes. Longer inputs are refused before any hashing work.
inline constexpr std::size_t kMaxPasswordBytes = 256;

// Hashes `password` with argon2id and a random salt into libsodium's self-describing
// string form ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), which is what is stored.
// Thread-safe. CPU- and memory-heavy by design: call from a blocking-work thread.
// Fails with kInvalidArgument (field "password") if the password is longer than
// kMaxPasswordBytes, and kInternal if the hash memory cannot be allocated.
Result<std::string> HashPassword(std::string_view password,
                                 PasswordCost cost = PasswordCost::kInteractive);

// True iff `password` matches `stored_hash` (as made by HashPassword). Malformed or
// non-argon2id hashes and over-long passwords yield false, never a crash. Thread-safe;
// as slow as HashPassword with the cost recorded in the hash.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// True if `stored_hash` was made with parameters other than those of `cost` (or is not a
// valid argon2id hash), so it should be replaced after the next successful login.
// Thread-safe and cheap (parses the string only).
bool NeedsRehash(std::string_view stored_hash, PasswordCost cost = PasswordCost::kInteractive);

// A random password of `length` characters from an alphabet without look-alikes
// (no 0/O/o, 1/l/I). For length >= 8 the result passes ValidatePasswordStrength.
// Uses the OS CSPRNG. Thread-safe.
std::string GeneratePassword(std::size_t length = 16);

// Checks a new password chosen by a person: at least 8 characters (UTF-8 code points),
// at most kMaxPasswordBytes bytes, no control characters, and at least two classes out
// of lower-case, upper-case, digits and other characters. On failure returns
// kInvalidArgument with one FieldError on "password" per broken rule. Thread-safe.
Status ValidatePasswordStrength(std::string_view password);

}  // namespace kefu::auth
