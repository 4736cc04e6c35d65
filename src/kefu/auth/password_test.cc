#include "kefu/auth/password.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kefu::auth {
namespace {

TEST(PasswordTest, HashThenVerifyRoundTrip) {
  auto hash = HashPassword("correct horse 9", PasswordCost::kMinimumForTests);
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse 9"));
}

TEST(PasswordTest, WrongPasswordIsRejected) {
  auto hash = HashPassword("correct horse 9", PasswordCost::kMinimumForTests);
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse 8"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordTest, SamePasswordGetsDifferentSalts) {
  auto a = HashPassword("Passw0rd!", PasswordCost::kMinimumForTests);
  auto b = HashPassword("Passw0rd!", PasswordCost::kMinimumForTests);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(PasswordTest, GarbageHashesNeverVerify) {
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
  EXPECT_FALSE(VerifyPassword("$argon2id$", "x"));
  EXPECT_FALSE(VerifyPassword(std::string(500, '$'), "x"));
  EXPECT_FALSE(VerifyPassword(std::string("$argon2id$v=19\0", 15), "x"));
}

TEST(PasswordTest, OverlongPasswordIsRefused) {
  const std::string longest(kMaxPasswordBytes, 'a');
  EXPECT_TRUE(HashPassword(longest, PasswordCost::kMinimumForTests).ok());
  auto too_long = HashPassword(longest + "a", PasswordCost::kMinimumForTests);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
}

TEST(PasswordTest, NeedsRehashWhenCostDiffers) {
  auto cheap = HashPassword("Passw0rd!", PasswordCost::kMinimumForTests);
  ASSERT_TRUE(cheap.ok());
  EXPECT_FALSE(NeedsRehash(*cheap, PasswordCost::kMinimumForTests));
  EXPECT_TRUE(NeedsRehash(*cheap, PasswordCost::kInteractive));
  EXPECT_TRUE(NeedsRehash("garbage"));
}

TEST(PasswordTest, GeneratedPasswordsAreStrongReadableAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string password = GeneratePassword(8);
    ASSERT_EQ(password.size(), 8u);
    EXPECT_TRUE(ValidatePasswordStrength(password).ok()) << password;
    EXPECT_EQ(password.find_first_of("0O1lIo"), std::string::npos) << password;
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(GeneratePassword().size(), 16u);
}

TEST(PasswordTest, StrengthRules) {
  EXPECT_TRUE(ValidatePasswordStrength("Tr0ub4dor").ok());
  EXPECT_TRUE(ValidatePasswordStrength("correct horse").ok());  // letters + space
  EXPECT_TRUE(ValidatePasswordStrength("密码安全很重要ab").ok());

  Status too_short = ValidatePasswordStrength("Ab1");
  ASSERT_FALSE(too_short.ok());
  EXPECT_EQ(too_short.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(too_short.error().fields.size(), 1u);
  EXPECT_EQ(too_short.error().fields[0].field, "password");

  EXPECT_FALSE(ValidatePasswordStrength("abcdefghij").ok());  // one class
  EXPECT_FALSE(ValidatePasswordStrength("1234567890").ok());
  EXPECT_FALSE(ValidatePasswordStrength("Abcdefgh\n1").ok());  // control character
  EXPECT_FALSE(ValidatePasswordStrength(std::string(kMaxPasswordBytes, 'a') + "B").ok());
  // Eight characters but sixteen bytes: counted in characters.
  EXPECT_TRUE(ValidatePasswordStrength("密码密码密码1a").ok());

  Status two_problems = ValidatePasswordStrength("abc");
  ASSERT_FALSE(two_problems.ok());
  EXPECT_EQ(two_problems.error().fields.size(), 2u);
}

}  // namespace
}  // namespace kefu::auth
