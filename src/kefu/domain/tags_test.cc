#include "kefu/domain/tags.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu::domain {
namespace {

std::vector<FieldError> Check(const std::vector<std::string>& tags) {
  std::vector<FieldError> errors;
  CheckTags("tags", tags, &errors);
  return errors;
}

TEST(CheckTagsTest, AcceptsValidTags) {
  EXPECT_TRUE(Check({}).empty());
  EXPECT_TRUE(Check({"vip", "退款", "a b", std::string(kMaxTagLength, 'x')}).empty());
  // 32 CJK characters are 96 bytes but 32 code points.
  std::string cjk;
  for (std::size_t i = 0; i < kMaxTagLength; ++i) cjk += "退";
  EXPECT_TRUE(Check({cjk}).empty());
}

TEST(CheckTagsTest, ReportsEachBadEntryWithItsIndex) {
  std::vector<FieldError> errors = Check({"ok", "", std::string(kMaxTagLength + 1, 'x'), "a,b",
                                          "甲，乙", " pad", "pad ", "ok", "tab\there", "\xFF"});
  ASSERT_EQ(errors.size(), 9u);
  EXPECT_EQ(errors[0].field, "tags[1]");
  EXPECT_EQ(errors[0].issue, "must not be blank");
  EXPECT_EQ(errors[1].field, "tags[2]");
  EXPECT_EQ(errors[1].issue, "must be at most 32 characters");
  EXPECT_EQ(errors[2].field, "tags[3]");
  EXPECT_EQ(errors[2].issue, "must not contain a comma");
  EXPECT_EQ(errors[3].field, "tags[4]");
  EXPECT_EQ(errors[3].issue, "must not contain a comma");
  EXPECT_EQ(errors[4].field, "tags[5]");
  EXPECT_EQ(errors[4].issue, "must not start or end with whitespace");
  EXPECT_EQ(errors[5].field, "tags[6]");
  EXPECT_EQ(errors[6].field, "tags[7]");
  EXPECT_EQ(errors[6].issue, "is a duplicate");
  EXPECT_EQ(errors[7].field, "tags[8]");
  EXPECT_EQ(errors[7].issue, "must not contain control characters");
  EXPECT_EQ(errors[8].field, "tags[9]");
  EXPECT_EQ(errors[8].issue, "must be valid UTF-8");
}

TEST(CheckTagsTest, CountLimit) {
  std::vector<std::string> tags;
  for (std::size_t i = 0; i < kMaxTags; ++i) tags.push_back("t" + std::to_string(i));
  EXPECT_TRUE(Check(tags).empty());
  tags.push_back("one_more");
  std::vector<FieldError> errors = Check(tags);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "tags");
  EXPECT_EQ(errors[0].issue, "must have at most 50 entries");
}

TEST(CheckTagsTest, UsesTheGivenFieldName) {
  std::vector<FieldError> errors;
  CheckTags("interests", {"a", "a"}, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "interests[1]");
}

TEST(NormalizeTagsTest, TrimsDropsEmptyAndDuplicates) {
  EXPECT_EQ(NormalizeTags({" vip ", "", "  ", "vip", "VIP", "退款", "退款 "}),
            (std::vector<std::string>{"vip", "VIP", "退款"}));
  EXPECT_TRUE(NormalizeTags({}).empty());
}

}  // namespace
}  // namespace kefu::domain
