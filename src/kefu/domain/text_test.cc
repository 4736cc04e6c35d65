#include "kefu/domain/text.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::domain {
namespace {

TEST(Utf8LengthTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("张三"), 2u);              // 3 bytes each
  EXPECT_EQ(Utf8Length("é"), 1u);                 // 2 bytes
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1u);  // U+1F600, 4 bytes
  EXPECT_EQ(Utf8Length("a张\xF0\x9F\x98\x80"), 3u);
}

TEST(Utf8LengthTest, RejectsInvalidSequences) {
  EXPECT_FALSE(Utf8Length("\x80"));              // lone continuation byte
  EXPECT_FALSE(Utf8Length("\xE5\xBC"));          // truncated 3-byte sequence
  EXPECT_FALSE(Utf8Length("a\xF0\x9F\x98"));     // truncated 4-byte sequence at the end
  EXPECT_FALSE(Utf8Length("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(Utf8Length("\xE0\x80\xAF"));      // overlong 3-byte
  EXPECT_FALSE(Utf8Length("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(Utf8Length("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(Utf8Length("\xFF"));
  EXPECT_FALSE(Utf8Length("\xC3("));  // bad continuation
}

TEST(HasControlCharsTest, NewlinesOnlyWhenAllowed) {
  EXPECT_FALSE(HasControlChars("plain 文本"));
  EXPECT_TRUE(HasControlChars("a\nb"));
  EXPECT_FALSE(HasControlChars("a\r\n\tb", /*allow_newlines=*/true));
  EXPECT_TRUE(HasControlChars(std::string("a\0b", 3), true));
  EXPECT_TRUE(HasControlChars("a\x7F", true));
  EXPECT_TRUE(HasControlChars("\x1B[31m", true));
}

TEST(TrimAsciiTest, TrimsBothEnds) {
  EXPECT_EQ(TrimAscii("  a b \t\n"), "a b");
  EXPECT_EQ(TrimAscii(" \r\n "), "");
  EXPECT_EQ(TrimAscii(""), "");
  EXPECT_EQ(TrimAscii("\xE3\x80\x80x"), "\xE3\x80\x80x");  // ideographic space is kept
}

TEST(CheckLineTextTest, AllRules) {
  EXPECT_EQ(CheckLineText("ok", 1, 2), "");
  EXPECT_EQ(CheckLineText("张三", 1, 2), "");  // code points, not bytes
  EXPECT_EQ(CheckLineText("abc", 1, 2), "must be at most 2 characters");
  EXPECT_EQ(CheckLineText("", 1, 2), "must not be blank");
  EXPECT_EQ(CheckLineText("   ", 1, 5), "must not be blank");
  EXPECT_EQ(CheckLineText("", 0, 5), "");
  EXPECT_EQ(CheckLineText("a", 2, 5), "must be at least 2 characters");
  EXPECT_EQ(CheckLineText("a\nb", 1, 5), "must not contain control characters");
  EXPECT_EQ(CheckLineText("\xFF", 1, 5), "must be valid UTF-8");
}

}  // namespace
}  // namespace kefu::domain
