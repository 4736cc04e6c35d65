#include "kefu/auth/sodium_util.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace kefu::auth::internal {
namespace {

int SodiumVariant(Base64Variant variant) {
  return variant == Base64Variant::kStandard ? sodium_base64_VARIANT_ORIGINAL
                                             : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

}  // namespace

void EnsureSodiumInitialized() {
  // A function-local static is initialized once, even with concurrent first callers.
  static const bool initialized = [] {
    if (sodium_init() < 0) {
      std::fputs("kefu: libsodium failed to initialize\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)initialized;
}

std::string Base64Encode(std::span<const unsigned char> bytes, Base64Variant variant) {
  const int sodium_variant = SodiumVariant(variant);
  // sodium_base64_ENCODED_LEN counts the terminating NUL.
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_variant);
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::size_t> Base64Decode(std::string_view text, std::span<unsigned char> out,
                                        Base64Variant variant) {
  std::size_t written = 0;
  const char* end = nullptr;
  const int rc = sodium_base642bin(out.data(), out.size(), text.data(), text.size(),
                                   /*ignore=*/nullptr, &written, &end, SodiumVariant(variant));
  if (rc != 0 || end != text.data() + text.size()) return std::nullopt;
  return written;
}

}  // namespace kefu::auth::internal
