#include "kefu/auth/opaque_token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kefu::auth {
namespace {

TEST(OpaqueTokenTest, HasPrefixAndBase64UrlBody) {
  const std::string token = GenerateToken(kRefreshTokenPrefix);
  ASSERT_TRUE(token.starts_with("kfr_")) << token;
  const std::string body = token.substr(4);
  EXPECT_EQ(body.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(
      body.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos)
      << body;
}

TEST(OpaqueTokenTest, TokensAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(GenerateToken(kPersonalTokenPrefix));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(OpaqueTokenTest, HashIsStableLowerHexSha256) {
  // SHA-256("abc"), FIPS 180-2 test vector.
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = GenerateToken("kfr");
  EXPECT_EQ(HashToken(token), HashToken(token));
  EXPECT_NE(HashToken(token), HashToken(GenerateToken("kfr")));
  EXPECT_EQ(HashToken("").size(), 64u);
}

TEST(OpaqueTokenTest, RandomHex) {
  const std::string hex = RandomHex(16);
  EXPECT_EQ(hex.size(), 32u);
  EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(RandomHex(16), hex);
  EXPECT_EQ(RandomHex(0), "");
}

}  // namespace
}  // namespace kefu::auth
