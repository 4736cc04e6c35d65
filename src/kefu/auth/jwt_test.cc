#include "kefu/auth/jwt.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace kefu::auth {
namespace {

constexpr std::string_view kSecret = "0123456789abcdef0123456789abcdef";  // 32 bytes
constexpr TimeMs kNow = 1'800'000'000'000;                                // whole seconds
constexpr TimeMs kTtl = 900'000;

std::string B64Url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.pop_back();
  return out;
}

// Builds a token with any header and payload, correctly signed with HMAC-SHA256 so that
// only the checks under test can reject it.
std::string SignedToken(std::string_view header, std::string_view payload,
                        std::string_view secret = kSecret) {
  const std::string input = B64Url(header) + "." + B64Url(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_size);
  return input + "." + B64Url({reinterpret_cast<const char*>(mac), mac_size});
}

constexpr std::string_view kHs256 = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view kGoodPayload =
    R"({"sub":"42","role":"agent","sid":"fam-1","iat":1800000000,"exp":1800000900})";

AccessClaims SampleClaims() {
  return {.user_id = 42,
          .role = "agent",
          .session_id = "fam-1",
          .issued_at = kNow,
          .expires_at = kNow + kTtl};
}

void ExpectInvalid(const JwtCodec& codec, std::string_view token) {
  auto decoded = codec.Decode(token, kNow);
  ASSERT_FALSE(decoded.ok()) << token;
  EXPECT_EQ(decoded.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(decoded.error().message, "invalid access token") << token;
}

TEST(JwtTest, RoundTrip) {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.Encode(SampleClaims());
  EXPECT_TRUE(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.")) << token;
  auto decoded = codec.Decode(token, kNow + 1000);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->user_id, 42);
  EXPECT_EQ(decoded->role, "agent");
  EXPECT_EQ(decoded->session_id, "fam-1");
  EXPECT_EQ(decoded->issued_at, kNow);
  EXPECT_EQ(decoded->expires_at, kNow + kTtl);
}

TEST(JwtTest, MatchesIndependentlySignedToken) {
  const JwtCodec codec{std::string(kSecret)};
  EXPECT_TRUE(codec.Decode(SignedToken(kHs256, kGoodPayload), kNow).ok());
  // Header members in another order, or without "typ", are still HS256.
  EXPECT_TRUE(codec.Decode(SignedToken(R"({"typ":"JWT","alg":"HS256"})", kGoodPayload), kNow).ok());
  EXPECT_TRUE(codec.Decode(SignedToken(R"({"alg":"HS256"})", kGoodPayload), kNow).ok());
}

TEST(JwtTest, ExpiredWithLeeway) {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.Encode(SampleClaims());
  EXPECT_TRUE(codec.Decode(token, kNow + kTtl + kJwtLeewayMs).ok());
  auto expired = codec.Decode(token, kNow + kTtl + kJwtLeewayMs + 1);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(expired.error().message, "access token expired");
}

TEST(JwtTest, IssuedInTheFutureIsInvalid) {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.Encode(SampleClaims());
  EXPECT_TRUE(codec.Decode(token, kNow - kJwtLeewayMs).ok());
  auto early = codec.Decode(token, kNow - kJwtLeewayMs - 1);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().message, "invalid access token");
}

TEST(JwtTest, TamperedPayloadIsRejected) {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.Encode(SampleClaims());
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 = token.rfind('.');
  const std::string admin_payload =
      B64Url(R"({"sub":"42","role":"admin","sid":"fam-1","iat":1800000000,"exp":1800000900})");
  ExpectInvalid(codec, token.substr(0, dot1 + 1) + admin_payload + token.substr(dot2));
  // Flip one character of the payload.
  std::string flipped = token;
  flipped[dot1 + 5] = flipped[dot1 + 5] == 'A' ? 'B' : 'A';
  ExpectInvalid(codec, flipped);
}

TEST(JwtTest, TamperedSignatureIsRejected) {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.Encode(SampleClaims());
  std::string flipped = token;
  flipped[token.size() - 5] = flipped[token.size() - 5] == 'A' ? 'B' : 'A';
  ExpectInvalid(codec, flipped);
  ExpectInvalid(codec, token.substr(0, token.rfind('.') + 1));  // no signature
  ExpectInvalid(codec, token.substr(0, token.size() - 1));      // truncated
  ExpectInvalid(codec, token + "A");                            // extended
  const JwtCodec other(std::string(32, 'x'));
  ExpectInvalid(other, token);  // signed with another secret
}

TEST(JwtTest, OnlyHs256HeadersAreAccepted) {
  const JwtCodec codec{std::string(kSecret)};
  ExpectInvalid(codec, SignedToken(R"({"alg":"none","typ":"JWT"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"alg":"HS512","typ":"JWT"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"alg":"RS256"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"alg":"hs256"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"typ":"JWT"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"alg":"HS256","kid":"1"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"alg":"HS256","crit":["exp"]})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"alg":"HS256","typ":"JWS"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"({"alg":"HS256","alg":"none"})", kGoodPayload));
  ExpectInvalid(codec, SignedToken(R"(["HS256"])", kGoodPayload));
  // The classic "alg: none" attack: no signature at all.
  ExpectInvalid(codec, B64Url(R"({"alg":"none"})") + "." + B64Url(kGoodPayload) + ".");
}

TEST(JwtTest, ClaimTypesAreChecked) {
  const JwtCodec codec{std::string(kSecret)};
  const std::vector<std::string_view> bad_payloads = {
      R"({"sub":42,"role":"agent","sid":"f","iat":1800000000,"exp":1800000900})",
      R"({"sub":"042","role":"agent","sid":"f","iat":1800000000,"exp":1800000900})",
      R"({"sub":"-4","role":"agent","sid":"f","iat":1800000000,"exp":1800000900})",
      R"({"sub":"4x","role":"agent","sid":"f","iat":1800000000,"exp":1800000900})",
      R"({"sub":"42","role":"","sid":"f","iat":1800000000,"exp":1800000900})",
      R"({"sub":"42","role":7,"sid":"f","iat":1800000000,"exp":1800000900})",
      R"({"sub":"42","role":"agent","iat":1800000000,"exp":1800000900})",
      R"({"sub":"42","role":"agent","sid":"f","iat":"1800000000","exp":1800000900})",
      R"({"sub":"42","role":"agent","sid":"f","iat":1800000000,"exp":1800000900.5})",
      R"({"sub":"42","role":"agent","sid":"f","iat":1800000000,"exp":1e300})",
      R"({"sub":"42","role":"agent","sid":"f","iat":1800000000,"exp":99999999999999999})",
      R"({"sub":"42","role":"agent","sid":"f","iat":1800000000,"exp":1799999999})",
      R"({"sub":"42","role":"agent","sid":"f","iat":1800000000})",
      R"([1,2,3])",
      R"(null)",
      R"({"sub":"42")",
      "",
  };
  for (std::string_view payload : bad_payloads) {
    ExpectInvalid(codec, SignedToken(kHs256, payload));
  }
}

TEST(JwtTest, GarbageNeverCrashes) {
  const JwtCodec codec{std::string(kSecret)};
  const std::string valid = codec.Encode(SampleClaims());
  const std::vector<std::string> garbage = {
      "",
      ".",
      "..",
      "...",
      "abc",
      "a.b",
      "a.b.c.d",
      valid + ".x",
      "!!!.???.***",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30=.AAAA",  // padding is not allowed
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.A",      // impossible base64 length
      std::string(5000, 'a'),
      std::string(3000, 'a') + "." + std::string(1000, 'b') + "." + std::string(43, 'c'),
      std::string("eyJ\0hbGc.a.b", 12),
      "Bearer " + valid,
  };
  for (const std::string& token : garbage) ExpectInvalid(codec, token);
}

TEST(JwtTest, RejectsShortSecret) {
  EXPECT_THROW(JwtCodec(std::string(31, 'x')), std::invalid_argument);
}

TEST(JwtTest, ConcurrentDecode) {
  const JwtCodec codec{std::string(kSecret)};
  const std::string token = codec.Encode(SampleClaims());
  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (!codec.Decode(token, kNow).ok()) ++failures;
        if (codec.Decode(codec.Encode(SampleClaims()), kNow)->user_id != 42) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(JwtTest, MovedCodecStillWorks) {
  JwtCodec first{std::string(kSecret)};
  const std::string token = first.Encode(SampleClaims());
  JwtCodec second = std::move(first);
  EXPECT_TRUE(second.Decode(token, kNow).ok());
}

}  // namespace
}  // namespace kefu::auth
