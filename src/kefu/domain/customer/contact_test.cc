#include "kefu/domain/customer/contact.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::domain {
namespace {

std::string Phone(std::string_view raw, std::string_view region = "CN") {
  Result<std::string> result = NormalizePhone(raw, region);
  if (!result.ok()) {
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    return "error: " + result.error().message;
  }
  return *result;
}

TEST(NormalizePhoneTest, ChineseNumbersInCommonShapes) {
  EXPECT_EQ(Phone("138 1234 8000"), "+8613812348000");
  EXPECT_EQ(Phone("13812348000"), "+8613812348000");
  EXPECT_EQ(Phone("+86 138-1234-8000"), "+8613812348000");
  EXPECT_EQ(Phone("+86 (138) 1234.8000"), "+8613812348000");
  EXPECT_EQ(Phone("0086 13812348000"), "+8613812348000");
  EXPECT_EQ(Phone("  +8613812348000 \n"), "+8613812348000");
  EXPECT_EQ(Phone("\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93"
                  "\xEF\xBC\x94\xEF\xBC\x98\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90"),
            "+8613812348000");  // full-width "１３８１２３４８０００"
  EXPECT_EQ(Phone("(010) 6552 9988"), "+861065529988");
  EXPECT_EQ(Phone("010-65529988"), "+861065529988");
  EXPECT_EQ(Phone("+86 10 6552 9988"), "+861065529988");
  EXPECT_EQ(Phone("0755-8376 5566"), "+8675583765566");
}

TEST(NormalizePhoneTest, OtherRegions) {
  EXPECT_EQ(Phone("(650) 253-0000", "US"), "+16502530000");
  EXPECT_EQ(Phone("650.253.0000", "us"), "+16502530000");  // region is case-insensitive
  EXPECT_EQ(Phone("011 86 138 1234 8000", "US"), "+8613812348000");
  EXPECT_EQ(Phone("+1 650 253 0000"), "+16502530000");  // explicit country code wins
  EXPECT_EQ(Phone("+852 2123 4567"), "+85221234567");
  EXPECT_EQ(Phone("+44 20 7946 0958", "US"), "+442079460958");
}

TEST(NormalizePhoneTest, RejectsInvalidInput) {
  EXPECT_EQ(Phone(""), "error: invalid phone number: empty");
  EXPECT_EQ(Phone("   "), "error: invalid phone number: empty");
  EXPECT_EQ(Phone("call me"), "error: invalid phone number: must not contain letters");
  EXPECT_EQ(Phone("+86 138 1234 8000 ext 12"),
            "error: invalid phone number: must not contain letters");
  EXPECT_EQ(Phone("tel:+8613812348000"), "error: invalid phone number: must not contain letters");
  EXPECT_EQ(Phone(std::string(65, '1')), "error: invalid phone number: too long");
  EXPECT_EQ(Phone("12"), "error: invalid phone number: not a valid number");
  EXPECT_EQ(Phone("---"), "error: invalid phone number: cannot be parsed");
  EXPECT_EQ(Phone("13812348000", "XX"), "error: invalid phone number: cannot be parsed");
  EXPECT_EQ(Phone("13812348000", ""), "error: invalid phone number: cannot be parsed");
  EXPECT_EQ(Phone("138 1234 800"), "error: invalid phone number: not a valid number");
  EXPECT_EQ(Phone("12345678"), "error: invalid phone number: not a valid number");
  EXPECT_EQ(Phone("+999 1234 5678"), "error: invalid phone number: cannot be parsed");
  EXPECT_EQ(Phone("(650) 253-0000"), "error: invalid phone number: not a valid number");  // CN
}

std::string Email(std::string_view raw) {
  Result<std::string> result = NormalizeEmail(raw);
  if (!result.ok()) {
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    return "error: " + result.error().message;
  }
  return *result;
}

TEST(NormalizeEmailTest, TrimsAndLowerCases) {
  EXPECT_EQ(Email("  Zhang.San@Example.COM "), "zhang.san@example.com");
  EXPECT_EQ(Email("a@b.cn"), "a@b.cn");
  EXPECT_EQ(Email("first+tag@mail.example.com.cn"), "first+tag@mail.example.com.cn");
  EXPECT_EQ(Email("o'neil_x-y@ex-ample.org"), "o'neil_x-y@ex-ample.org");
  EXPECT_EQ(Email("用户@例子.广告"), "用户@例子.广告");  // internationalized, kept as is
  EXPECT_EQ(Email("ÄBC@example.de"), "Äbc@example.de");  // only ASCII is lower-cased
}

TEST(NormalizeEmailTest, LengthLimits) {
  std::string local(64, 'a');
  EXPECT_EQ(Email(local + "@example.com"), local + "@example.com");
  EXPECT_EQ(Email(local + "a@example.com"), "error: invalid email address: local part is too long");
  // 254 bytes total is accepted, 255 is not.
  std::string domain = std::string(63, 'd') + "." + std::string(63, 'd') + "." +
                       std::string(57, 'd') + ".com";  // 188 bytes
  std::string ok = std::string(65, 'x').substr(0, 254 - 1 - domain.size()) + "@" + domain;
  ASSERT_EQ(ok.size(), 254u);
  EXPECT_EQ(Email(ok), ok);
  EXPECT_EQ(Email("y" + ok), "error: invalid email address: too long");
  EXPECT_EQ(Email("a@" + std::string(64, 'd') + ".com"),
            "error: invalid email address: invalid domain");
}

TEST(NormalizeEmailTest, RejectsBadSyntax) {
  const std::string prefix = "error: invalid email address: ";
  EXPECT_EQ(Email(""), prefix + "empty");
  EXPECT_EQ(Email("plainaddress"), prefix + "missing '@'");
  EXPECT_EQ(Email("a@b@c.com"), prefix + "more than one '@'");
  EXPECT_EQ(Email("@example.com"), prefix + "missing local part");
  EXPECT_EQ(Email("a@"), prefix + "missing domain");
  EXPECT_EQ(Email(".a@example.com"), prefix + "misplaced '.' in local part");
  EXPECT_EQ(Email("a.@example.com"), prefix + "misplaced '.' in local part");
  EXPECT_EQ(Email("a..b@example.com"), prefix + "misplaced '.' in local part");
  EXPECT_EQ(Email("a b@example.com"), prefix + "invalid character in local part");
  EXPECT_EQ(Email("\"ab\"@example.com"), prefix + "invalid character in local part");
  EXPECT_EQ(Email("a(b)@example.com"), prefix + "invalid character in local part");
  EXPECT_EQ(Email("a@localhost"), prefix + "domain needs a top-level domain");
  EXPECT_EQ(Email("a@example..com"), prefix + "invalid domain");
  EXPECT_EQ(Email("a@.example.com"), prefix + "invalid domain");
  EXPECT_EQ(Email("a@example.com."), prefix + "invalid domain");
  EXPECT_EQ(Email("a@-example.com"), prefix + "invalid domain");
  EXPECT_EQ(Email("a@example-.com"), prefix + "invalid domain");
  EXPECT_EQ(Email("a@exa_mple.com"), prefix + "invalid character in domain");
  EXPECT_EQ(Email("a@[127.0.0.1]"), prefix + "invalid character in domain");
  EXPECT_EQ(Email("a@1.2.3.4"), prefix + "invalid top-level domain");
  EXPECT_EQ(Email("a@example.c"), prefix + "invalid top-level domain");
  EXPECT_EQ(Email("a@exa\xFFmple.com"), prefix + "not valid UTF-8");
}

TEST(MaskPhoneTest, ChineseMobileKeepsThreeAndFour) {
  EXPECT_EQ(MaskPhone("+8613812348000"), "138****8000");
}

TEST(MaskPhoneTest, UsesTheNationalSignificantNumber) {
  EXPECT_EQ(MaskPhone("+861065529988"), "10*****988");  // 10 digits: middle 5 hidden
  EXPECT_EQ(MaskPhone("+16502530000"), "65*****000");
  EXPECT_EQ(MaskPhone("+85221234567"), "21****67");  // 8 digits
  EXPECT_EQ(MaskPhone("+442079460958"), "20*****958");
  EXPECT_EQ(MaskPhone("+390612345678"), "06*****678");  // Italian leading zero is kept
}

TEST(MaskPhoneTest, ShortAndLongDigitRuns) {
  // Not E.164: masked over the digits present.
  EXPECT_EQ(MaskPhone("1"), "*");
  EXPECT_EQ(MaskPhone("12"), "*2");
  EXPECT_EQ(MaskPhone("123"), "**3");
  EXPECT_EQ(MaskPhone("1234"), "1**4");
  EXPECT_EQ(MaskPhone("12345"), "1***5");
  EXPECT_EQ(MaskPhone("123456"), "1***56");
  EXPECT_EQ(MaskPhone("1234567"), "1****67");
  EXPECT_EQ(MaskPhone("12345678901"), "123****8901");
  EXPECT_EQ(MaskPhone("123456789012"), "123*****9012");
  EXPECT_EQ(MaskPhone("138-1234-8000"), "138****8000");
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskPhone("+"), "");
  EXPECT_EQ(MaskPhone("n/a"), "");
}

TEST(MaskPhoneTest, NeverRevealsMoreThanSevenDigits) {
  for (std::size_t n = 1; n <= 15; ++n) {
    std::string digits;
    for (std::size_t i = 0; i < n; ++i) digits.push_back(static_cast<char>('1' + i % 9));
    std::string masked = MaskPhone(digits);
    ASSERT_EQ(masked.size(), n);
    std::size_t stars = std::count(masked.begin(), masked.end(), '*');
    EXPECT_GE(stars, n >= 11 ? n - 7 : (n + 1) / 2) << masked;
    EXPECT_LE(n - stars, 7u) << masked;
  }
}

TEST(MaskEmailTest, Table) {
  EXPECT_EQ(MaskEmail("zhang@example.com"), "z***@example.com");
  EXPECT_EQ(MaskEmail("zhang.san+tag@example.com"), "z***@example.com");
  EXPECT_EQ(MaskEmail("ab@example.com"), "a***@example.com");
  EXPECT_EQ(MaskEmail("a@example.com"), "***@example.com");
  EXPECT_EQ(MaskEmail("张三@例子.中国"), "张***@例子.中国");
  EXPECT_EQ(MaskEmail("张@example.com"), "***@example.com");
  EXPECT_EQ(MaskEmail("@example.com"), "***@example.com");
  EXPECT_EQ(MaskEmail("noatsign"), "n***");
  EXPECT_EQ(MaskEmail("x"), "***");
  EXPECT_EQ(MaskEmail(""), "");
  EXPECT_EQ(MaskEmail("\"a@b\"@example.com"), "\"***@example.com");
}

}  // namespace
}  // namespace kefu::domain
