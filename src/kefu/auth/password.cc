#include "kefu/auth/password.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <vector>

#include "kefu/auth/sodium_util.h"

namespace kefu::auth {
namespace {

constexpr std::size_t kMinPasswordChars = 8;
constexpr int kMinCharClasses = 2;
constexpr std::string_view kReadableAlphabet =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
constexpr unsigned char kAsciiDelete = 0x7f;
constexpr unsigned char kFirstPrintable = 0x20;
// GeneratePassword retries until the result passes the strength rules; the chance that
// one draw fails is below 1e-3 for 8 characters, so this bound is never reached.
constexpr int kMaxGenerateAttempts = 64;

struct CostParams {
  unsigned long long opslimit;
  std::size_t memlimit;
};

CostParams ParamsFor(PasswordCost cost) {
  switch (cost) {
    case PasswordCost::kMinimumForTests:
      return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
    case PasswordCost::kInteractive:
      break;
  }
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

// libsodium wants a NUL-terminated hash string of bounded length.
bool CopyHash(std::string_view stored_hash,
              std::array<char, crypto_pwhash_argon2id_STRBYTES>& out) {
  if (stored_hash.empty() || stored_hash.size() >= out.size()) return false;
  out.fill('\0');
  stored_hash.copy(out.data(), stored_hash.size());
  return true;
}

bool IsUtf8Continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("password is too long", {{"password", "must be at most 256 bytes"}});
  }
  internal::EnsureSodiumInitialized();
  const CostParams params = ParamsFor(cost);
  std::array<char, crypto_pwhash_argon2id_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), params.opslimit,
                            params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("password hashing failed: out of memory");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (password.size() > kMaxPasswordBytes) return false;
  std::array<char, crypto_pwhash_argon2id_STRBYTES> hash{};
  if (!CopyHash(stored_hash, hash)) return false;
  internal::EnsureSodiumInitialized();
  // The argon2id-specific verifier refuses every other algorithm prefix.
  return crypto_pwhash_argon2id_str_verify(hash.data(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view stored_hash, PasswordCost cost) {
  std::array<char, crypto_pwhash_argon2id_STRBYTES> hash{};
  if (!CopyHash(stored_hash, hash)) return true;
  const CostParams params = ParamsFor(cost);
  return crypto_pwhash_argon2id_str_needs_rehash(hash.data(), params.opslimit, params.memlimit) !=
         0;
}

std::string GeneratePassword(std::size_t length) {
  internal::EnsureSodiumInitialized();
  std::string password(length, '\0');
  for (int attempt = 0; attempt < kMaxGenerateAttempts; ++attempt) {
    for (char& c : password) {
      c = kReadableAlphabet[randombytes_uniform(
          static_cast<std::uint32_t>(kReadableAlphabet.size()))];
    }
    if (length < kMinPasswordChars || ValidatePasswordStrength(password).ok()) break;
  }
  return password;
}

Status ValidatePasswordStrength(std::string_view password) {
  std::size_t chars = 0;
  bool has_lower = false;
  bool has_upper = false;
  bool has_digit = false;
  bool has_other = false;
  bool has_control = false;
  for (const char signed_c : password) {
    const auto c = static_cast<unsigned char>(signed_c);
    if (!IsUtf8Continuation(c)) ++chars;
    if (c >= 'a' && c <= 'z') {
      has_lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      has_upper = true;
    } else if (c >= '0' && c <= '9') {
      has_digit = true;
    } else if (c < kFirstPrintable || c == kAsciiDelete) {
      has_control = true;
    } else {
      has_other = true;  // punctuation, space and every non-ASCII character
    }
  }
  const int classes = int{has_lower} + int{has_upper} + int{has_digit} + int{has_other};

  std::vector<FieldError> problems;
  if (chars < kMinPasswordChars) {
    problems.push_back({"password", "must be at least 8 characters"});
  }
  if (password.size() > kMaxPasswordBytes) {
    problems.push_back({"password", "must be at most 256 bytes"});
  }
  if (has_control) {
    problems.push_back({"password", "must not contain control characters"});
  }
  if (classes < kMinCharClasses) {
    problems.push_back({"password",
                        "must mix at least two of: lower-case letters, upper-case letters, "
                        "digits, other characters"});
  }
  if (problems.empty()) return OkStatus();
  return InvalidArgument("password is too weak", std::move(problems));
}

}  // namespace kefu::auth
