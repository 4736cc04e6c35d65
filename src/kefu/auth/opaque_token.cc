#include "kefu/auth/opaque_token.h"

#include <sodium.h>

#include <array>
#include <vector>

#include "kefu/auth/sodium_util.h"

namespace kefu::auth {
namespace {

std::string ToHex(std::span<const unsigned char> bytes) {
  // sodium_bin2hex writes a terminating NUL after the 2 * n hex characters.
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

}  // namespace

std::string GenerateToken(std::string_view prefix) {
  internal::EnsureSodiumInitialized();
  std::array<unsigned char, kTokenRandomBytes> random{};
  randombytes_buf(random.data(), random.size());
  std::string token;
  token.reserve(prefix.size() + 1 +
                sodium_base64_ENCODED_LEN(kTokenRandomBytes, sodium_base64_VARIANT_URLSAFE));
  token.append(prefix);
  token.push_back('_');
  token.append(internal::Base64Encode(random, internal::Base64Variant::kUrlNoPadding));
  sodium_memzero(random.data(), random.size());
  return token;
}

std::string HashToken(std::string_view token) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return ToHex(digest);
}

std::string RandomHex(std::size_t bytes) {
  internal::EnsureSodiumInitialized();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  return ToHex(random);
}

}  // namespace kefu::auth
