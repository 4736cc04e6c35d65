#include "kefu/auth/jwt.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "kefu/auth/sodium_util.h"

namespace kefu::auth {
namespace {

using internal::Base64Encode;
using internal::Base64Variant;

constexpr std::size_t kMaxTokenBytes = 4096;
// Base64 turns 3 bytes into 4 characters, so no segment decodes to more than this.
constexpr std::size_t kMaxSegmentBytes = kMaxTokenBytes / 4 * 3;
// Arena for parsing one header or payload; larger documents spill to the heap.
constexpr std::size_t kJsonArenaBytes = 2048;
constexpr std::size_t kSignatureBytes = 32;  // HMAC-SHA256 output
constexpr std::int64_t kMsPerSecond = 1000;
// Largest NumericDate accepted: 9999-12-31T23:59:59Z. Keeps seconds * 1000 in range.
constexpr std::int64_t kMaxNumericDate = 253'402'300'799;
constexpr std::string_view kHeaderJson = R"({"alg":"HS256","typ":"JWT"})";

constexpr std::string_view kInvalid = "invalid access token";
constexpr std::string_view kExpired = "access token expired";

Error InvalidToken() { return Unauthenticated(std::string(kInvalid)); }

std::span<const unsigned char> AsBytes(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

// Strict base64url (RFC 4648 section 5) without padding. A table decoder rather than
// libsodium's constant-time one: token segments are not secret and this is the hot path.
constexpr std::string_view kBase64UrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::array<std::int8_t, 256> kBase64UrlValues = [] {
  std::array<std::int8_t, 256> values{};
  values.fill(-1);
  for (std::size_t i = 0; i < kBase64UrlAlphabet.size(); ++i) {
    values[static_cast<unsigned char>(kBase64UrlAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return values;
}();

// Decodes into `out`; nullopt for a character outside the alphabet, an impossible length,
// non-zero trailing bits (so each byte string has exactly one encoding) or too small `out`.
std::optional<std::size_t> DecodeBase64Url(std::string_view text, std::span<unsigned char> out) {
  constexpr int kBitsPerChar = 6;
  constexpr int kBitsPerByte = 8;
  if (text.size() % 4 == 1) return std::nullopt;
  if (text.size() / 4 * 3 + (text.size() % 4 == 0 ? 0 : text.size() % 4 - 1) > out.size()) {
    return std::nullopt;
  }
  std::uint32_t bits = 0;
  int bit_count = 0;
  std::size_t written = 0;
  for (const char c : text) {
    const std::int8_t value = kBase64UrlValues[static_cast<unsigned char>(c)];
    if (value < 0) return std::nullopt;
    bits = (bits << kBitsPerChar) | static_cast<std::uint32_t>(value);
    bit_count += kBitsPerChar;
    if (bit_count >= kBitsPerByte) {
      bit_count -= kBitsPerByte;
      out[written++] = static_cast<unsigned char>(bits >> bit_count);
    }
  }
  if ((bits & ((1U << bit_count) - 1)) != 0) return std::nullopt;
  return written;
}

// The base64url form of kHeaderJson: every token we issue starts with it.
const std::string& EncodedHeader() {
  static const std::string encoded =
      Base64Encode(AsBytes(kHeaderJson), Base64Variant::kUrlNoPadding);
  return encoded;
}

// Decodes one base64url segment into `buffer` and returns it as text.
std::optional<std::string_view> DecodeSegment(std::string_view segment,
                                              std::array<unsigned char, kMaxSegmentBytes>& buffer) {
  const auto size = DecodeBase64Url(segment, buffer);
  if (!size) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(buffer.data()), *size);
}

// Accepts exactly {"alg":"HS256"} plus an optional "typ":"JWT", in any member order.
bool HeaderIsAcceptable(std::string_view header_b64) {
  if (header_b64 == EncodedHeader()) return true;  // the fast path: our own tokens
  std::array<unsigned char, kMaxSegmentBytes> buffer;
  const auto json = DecodeSegment(header_b64, buffer);
  if (!json) return false;
  std::array<unsigned char, kJsonArenaBytes> arena;
  boost::json::monotonic_resource resource(arena.data(), arena.size());
  boost::system::error_code ec;
  const boost::json::value header = boost::json::parse(*json, ec, &resource);
  if (ec || !header.is_object()) return false;
  bool has_alg = false;
  for (const auto& member : header.get_object()) {
    const auto* text = member.value().if_string();
    if (member.key() == "alg" && text != nullptr && *text == "HS256") {
      has_alg = true;
    } else if (member.key() != "typ" || text == nullptr || *text != "JWT") {
      return false;
    }
  }
  return has_alg;
}

std::optional<std::int64_t> NumericDate(const boost::json::object& claims, std::string_view key) {
  const boost::json::value* value = claims.if_contains(key);
  if (value == nullptr) return std::nullopt;
  const std::int64_t* seconds = value->if_int64();
  if (seconds == nullptr || *seconds < 0 || *seconds > kMaxNumericDate) return std::nullopt;
  return *seconds;
}

const boost::json::string* NonEmptyString(const boost::json::object& claims, std::string_view key) {
  const boost::json::value* value = claims.if_contains(key);
  if (value == nullptr) return nullptr;
  const boost::json::string* text = value->if_string();
  return text != nullptr && !text->empty() ? text : nullptr;
}

std::optional<std::int64_t> PositiveDecimal(std::string_view text) {
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || number <= 0) return std::nullopt;
  if (text.front() == '0') return std::nullopt;  // one spelling per id
  return number;
}

}  // namespace

// A keyed HMAC-SHA256 context. Decode and Encode only ever duplicate it, which reads
// it, so one instance serves any number of threads.
struct JwtCodec::KeyedMac {
  EVP_MAC_CTX* keyed = nullptr;

  ~KeyedMac() { EVP_MAC_CTX_free(keyed); }

  // Writes HMAC-SHA256(key, data) to `out`. False only if OpenSSL fails (out of memory).
  bool Sign(std::string_view data, std::array<unsigned char, kSignatureBytes>& out) const {
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(keyed);
    if (ctx == nullptr) return false;
    std::size_t written = 0;
    const bool ok = EVP_MAC_update(ctx, AsBytes(data).data(), data.size()) == 1 &&
                    EVP_MAC_final(ctx, out.data(), &written, out.size()) == 1 &&
                    written == out.size();
    EVP_MAC_CTX_free(ctx);
    return ok;
  }
};

JwtCodec::JwtCodec(std::string secret) {
  if (secret.size() < kMinJwtSecretBytes) {
    throw std::invalid_argument("JwtCodec: the secret must be at least 32 bytes");
  }
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  auto mac = std::make_unique<KeyedMac>();
  if (hmac != nullptr) mac->keyed = EVP_MAC_CTX_new(hmac);
  EVP_MAC_free(hmac);  // the context holds its own reference
  char digest[] = OSSL_DIGEST_NAME_SHA2_256;
  const std::array<OSSL_PARAM, 2> params = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end()};
  const bool ok = mac->keyed != nullptr && EVP_MAC_init(mac->keyed, AsBytes(secret).data(),
                                                        secret.size(), params.data()) == 1;
  OPENSSL_cleanse(secret.data(), secret.size());
  if (!ok) throw std::runtime_error("JwtCodec: OpenSSL cannot set up HMAC-SHA256");
  mac_ = std::move(mac);
}

JwtCodec::~JwtCodec() = default;
JwtCodec::JwtCodec(JwtCodec&& other) noexcept = default;
JwtCodec& JwtCodec::operator=(JwtCodec&& other) noexcept = default;

std::string JwtCodec::Encode(const AccessClaims& claims) const {
  boost::json::object payload;
  payload["sub"] = std::to_string(claims.user_id);
  payload["role"] = claims.role;
  payload["sid"] = claims.session_id;
  payload["iat"] = claims.issued_at / kMsPerSecond;
  payload["exp"] = claims.expires_at / kMsPerSecond;
  const std::string payload_json = boost::json::serialize(payload);

  std::string token = EncodedHeader();
  token.push_back('.');
  token.append(Base64Encode(AsBytes(payload_json), Base64Variant::kUrlNoPadding));
  std::array<unsigned char, kSignatureBytes> signature{};
  if (!mac_->Sign(token, signature)) throw std::bad_alloc();
  token.push_back('.');
  token.append(Base64Encode(signature, Base64Variant::kUrlNoPadding));
  return token;
}

Result<AccessClaims> JwtCodec::Decode(std::string_view token, TimeMs now) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return InvalidToken();
  const std::size_t first_dot = token.find('.');
  if (first_dot == std::string_view::npos) return InvalidToken();
  const std::size_t second_dot = token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    return InvalidToken();
  }
  const std::string_view header_b64 = token.substr(0, first_dot);
  const std::string_view payload_b64 = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_b64 = token.substr(second_dot + 1);
  if (payload_b64.empty() || !HeaderIsAcceptable(header_b64)) return InvalidToken();

  std::array<unsigned char, kSignatureBytes> presented{};
  const auto presented_size = DecodeBase64Url(signature_b64, presented);
  if (presented_size != kSignatureBytes) return InvalidToken();
  std::array<unsigned char, kSignatureBytes> expected{};
  if (!mac_->Sign(token.substr(0, second_dot), expected)) {
    return Internal("access token check failed");
  }
  if (CRYPTO_memcmp(presented.data(), expected.data(), kSignatureBytes) != 0) {
    return InvalidToken();
  }

  // From here on the payload is known to be ours; still check every claim's type.
  std::array<unsigned char, kMaxSegmentBytes> buffer;
  const auto payload_json = DecodeSegment(payload_b64, buffer);
  if (!payload_json) return InvalidToken();
  std::array<unsigned char, kJsonArenaBytes> arena;
  boost::json::monotonic_resource resource(arena.data(), arena.size());
  boost::system::error_code ec;
  const boost::json::value payload = boost::json::parse(*payload_json, ec, &resource);
  if (ec || !payload.is_object()) return InvalidToken();
  const boost::json::object& object = payload.get_object();

  const boost::json::string* sub = NonEmptyString(object, "sub");
  const boost::json::string* role = NonEmptyString(object, "role");
  const boost::json::string* sid = NonEmptyString(object, "sid");
  const auto iat = NumericDate(object, "iat");
  const auto exp = NumericDate(object, "exp");
  if (sub == nullptr || role == nullptr || sid == nullptr || !iat || !exp || *exp < *iat) {
    return InvalidToken();
  }
  const auto user_id = PositiveDecimal(*sub);
  if (!user_id) return InvalidToken();
  const TimeMs issued_at = *iat * kMsPerSecond;
  const TimeMs expires_at = *exp * kMsPerSecond;
  if (issued_at > now + kJwtLeewayMs) return InvalidToken();
  if (now > expires_at + kJwtLeewayMs) return Unauthenticated(std::string(kExpired));

  return AccessClaims{.user_id = *user_id,
                      .role = std::string(*role),
                      .session_id = std::string(*sid),
                      .issued_at = issued_at,
                      .expires_at = expires_at};
}

}  // namespace kefu::auth
