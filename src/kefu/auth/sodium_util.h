#pragma once

// Internal to kefu_auth: small wrappers over libsodium shared by the .cc files of this
// module. Not part of the public API; other modules include the public headers instead.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kefu::auth::internal {

// Runs sodium_init() exactly once per process. Thread-safe; cheap after the first call.
// Aborts the process if libsodium cannot initialize (no usable randomness source): a
// fatal start-up condition, not an expected failure.
void EnsureSodiumInitialized();

// Which base64 alphabet and padding to use.
enum class Base64Variant { kStandard, kUrlNoPadding };

// Encodes bytes as base64 in the given variant.
std::string Base64Encode(std::span<const unsigned char> bytes, Base64Variant variant);

// Strictly decodes `text` into `out`: rejects characters outside the alphabet, wrong
// padding, non-zero trailing bits and input that does not fit in `out`. Returns the number
// of bytes written, or nullopt on any of those failures. Allocates nothing.
std::optional<std::size_t> Base64Decode(std::string_view text, std::span<unsigned char> out,
                                        Base64Variant variant);

}  // namespace kefu::auth::internal
