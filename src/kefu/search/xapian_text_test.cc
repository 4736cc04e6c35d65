#include "kefu/search/xapian_text.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kefu::search {
namespace {

std::set<std::string> Terms(std::string_view text) {
  Xapian::Document doc;
  IndexText(text, 1, doc);
  return {doc.termlist_begin(), doc.termlist_end()};
}

TEST(XapianTextTest, ChineseBecomesCharactersAndPairs) {
  EXPECT_EQ(Terms("退款到账"),
            (std::set<std::string>{"退", "款", "到", "账", "退款", "款到", "到账"}));
}

TEST(XapianTextTest, EnglishIsLowerCasedAndStemmed) {
  std::set<std::string> terms = Terms("Refunds REFUNDED");
  EXPECT_TRUE(terms.count("refund"));
  EXPECT_FALSE(terms.count("refunds"));
}

TEST(XapianTextTest, MixedTextKeepsBothScripts) {
  std::set<std::string> terms = Terms("iPhone退款");
  EXPECT_TRUE(terms.count("iphon"));
  EXPECT_TRUE(terms.count("退款"));
}

TEST(XapianTextTest, QueryOfNoWordsIsEmpty) {
  EXPECT_TRUE(TextQuery("").empty());
  EXPECT_TRUE(TextQuery("  ？！…  ").empty());
  EXPECT_FALSE(TextQuery("退款").empty());
}

TEST(XapianTextTest, TruncateNeverSplitsACharacter) {
  std::string text = "ab退款";  // 2 + 3 + 3 bytes
  EXPECT_EQ(TruncateUtf8(text, 100), text);
  EXPECT_EQ(TruncateUtf8(text, 8), text);
  EXPECT_EQ(TruncateUtf8(text, 7), "ab退");
  EXPECT_EQ(TruncateUtf8(text, 5), "ab退");
  EXPECT_EQ(TruncateUtf8(text, 4), "ab");
  EXPECT_EQ(TruncateUtf8(text, 0), "");
}

TEST(XapianTextTest, BooleanTermsCannotCollideWithText) {
  EXPECT_EQ(IdTerm("42"), "Q42");
  EXPECT_EQ(FilterTerm({"lang", "zh"}), "XFlang:zh");
  EXPECT_FALSE(Terms("Q42 XFlang:zh").count("Q42"));
}

}  // namespace
}  // namespace kefu::search
