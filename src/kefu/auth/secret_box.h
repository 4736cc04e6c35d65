#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "kefu/common/result.h"

namespace kefu::auth {

// Encrypts secrets stored in the database (mailbox passwords, OAuth client secrets, ...)
// with one server key: XSalsa20-Poly1305 (libsodium crypto_secretbox_easy) and a random
// nonce per value. Sealed form: "v1:" + base64(nonce | ciphertext-with-tag), standard
// alphabet with padding.
//
// Thread-safety: immutable after construction; Seal and Open may run concurrently.
// The key bytes are wiped (sodium_memzero) on destruction and from moved-from objects.
class SecretBox {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Reads the 32-byte raw key in `key_file`, or, if the file does not exist, creates it
  // (and missing parent directories) with mode 0600 and fresh random bytes. Safe against
  // two processes creating it at once (O_EXCL; the loser reads the winner's key).
  // Fails with kInvalidArgument if the file is not a regular file, is not exactly 32
  // bytes, or is readable or writable by group or others; kInternal for I/O errors.
  // Messages name the path.
  static Result<SecretBox> LoadOrCreateKey(const std::filesystem::path& key_file);

  // A box with the given key; for tests and for keys that come from elsewhere.
  static SecretBox FromKeyBytes(std::span<const unsigned char, kKeyBytes> key);

  ~SecretBox();
  SecretBox(SecretBox&& other) noexcept;
  SecretBox& operator=(SecretBox&& other) noexcept;
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  // Encrypts and authenticates `plaintext`. Never fails; each call uses a new nonce, so
  // sealing the same text twice gives different strings.
  std::string Seal(std::string_view plaintext) const;

  // Reverses Seal. Fails with kInvalidArgument if `sealed` is not in the sealed form
  // (unknown version prefix, bad base64, too short) and kInternal if authentication
  // fails (tampered data or a different key). Never throws for any input.
  Result<std::string> Open(std::string_view sealed) const;

  // True if `value` carries a sealed-form version prefix ("v1:").
  static bool IsSealed(std::string_view value);

 private:
  explicit SecretBox(std::span<const unsigned char, kKeyBytes> key);

  std::array<unsigned char, kKeyBytes> key_{};
};

}  // namespace kefu::auth
