#include "kefu/domain/customer/validation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kefu/common/time_format.h"

namespace kefu::domain {
namespace {

// 2026-11-23T08:00:00Z; in UTC+14 it is already 22:00 on the 23rd.
constexpr TimeMs kNow = 1'795'420'800'000;
constexpr TimeMs kHour = 3'600'000;

Customer ValidCustomer() {
  Customer c;
  c.name = "张三";
  c.birthday = "1990-05-17";
  c.province = "广东";
  c.city = "深圳";
  c.phones = {"+8613812348000", "+16502530000"};
  c.emails = {"zhang.san@example.com"};
  c.membership_level = 3;
  c.interests = {"数码", "travel"};
  c.tags = {"vip"};
  c.notes = "Prefers phone calls.\nAvoid mornings.";
  return c;
}

std::vector<std::string> Fields(const Customer& customer, TimeMs now = kNow) {
  Status status = ValidateCustomer(customer, now);
  std::vector<std::string> fields;
  if (status.ok()) return fields;
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message, "invalid customer");
  for (const FieldError& e : status.error().fields) fields.push_back(e.field);
  return fields;
}

using Strings = std::vector<std::string>;

TEST(ValidateCustomerTest, AcceptsValidAndMinimalProfiles) {
  ASSERT_EQ(FormatTimestamp(kNow), "2026-11-23T08:00:00.000Z");
  EXPECT_EQ(Fields(ValidCustomer()), Strings{});
  Customer minimal;
  minimal.name = "A";
  EXPECT_EQ(Fields(minimal), Strings{});
}

TEST(ValidateCustomerTest, NameCountsCodePoints) {
  Customer c = ValidCustomer();
  c.name.clear();
  for (std::size_t i = 0; i < kMaxCustomerNameLength; ++i) c.name += "名";
  EXPECT_EQ(Fields(c), Strings{});  // 300 bytes, 100 code points
  c.name += "名";
  EXPECT_EQ(Fields(c), Strings{"name"});
  for (std::string name : {"", "   ", "a\tb", "\xE5\x90"}) {
    c.name = name;
    EXPECT_EQ(Fields(c), Strings{"name"}) << name;
  }
}

TEST(ValidateCustomerTest, Birthday) {
  Customer c = ValidCustomer();
  for (std::string ok : {"1900-01-01", "2000-02-29", "2026-11-22", "2026-11-23"}) {
    c.birthday = ok;
    EXPECT_EQ(Fields(c), Strings{}) << ok;
  }
  for (std::string bad : {"2026-11-24", "2027-01-01", "1899-12-31", "2001-02-29", "1990-5-17", "",
                          "17/05/1990", "1990-05-17T00:00:00Z"}) {
    c.birthday = bad;
    EXPECT_EQ(Fields(c), Strings{"birthday"}) << bad;
  }
  c.birthday.reset();
  EXPECT_EQ(Fields(c), Strings{});
}

TEST(ValidateCustomerTest, BirthdayTodayIsTakenInTheEarliestTimeZone) {
  Customer c = ValidCustomer();
  c.birthday = "2026-11-24";
  // From 10:00 UTC on the 23rd it is already the 24th in UTC+14.
  const TimeMs ten_utc = kNow + 2 * kHour;
  EXPECT_EQ(Fields(c, ten_utc), Strings{});
  EXPECT_EQ(Fields(c, ten_utc - 1), Strings{"birthday"});
}

TEST(ValidateCustomerTest, BirthdayFutureMessage) {
  Customer c = ValidCustomer();
  c.birthday = "2030-01-01";
  Status status = ValidateCustomer(c, kNow);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().fields[0].issue, "must not be in the future");
}

TEST(ValidateCustomerTest, MembershipLevelRange) {
  Customer c = ValidCustomer();
  for (int level = 0; level <= kMaxMembershipLevel; ++level) {
    c.membership_level = level;
    EXPECT_EQ(Fields(c), Strings{}) << level;
  }
  for (int level : {-1, kMaxMembershipLevel + 1, 100}) {
    c.membership_level = level;
    EXPECT_EQ(Fields(c), Strings{"membership_level"}) << level;
  }
}

TEST(ValidateCustomerTest, ProvinceAndCity) {
  Customer c = ValidCustomer();
  c.province = "";
  c.city = "";
  EXPECT_EQ(Fields(c), Strings{});
  c.province = std::string(kMaxRegionNameLength + 1, 'x');
  c.city = "a\nb";
  EXPECT_EQ(Fields(c), (Strings{"province", "city"}));
}

TEST(ValidateCustomerTest, PhonesMustBeNormalized) {
  Customer c = ValidCustomer();
  c.phones = {"+8613812348000", "13812348000", "+86 138 1234 8000", "+8613812348000",
              "+0123456789",    "+123456",     "+1234567",          "+1234567890123456"};
  EXPECT_EQ(Fields(c), (Strings{"phones[1]", "phones[2]", "phones[3]", "phones[4]", "phones[5]",
                                "phones[7]"}));
  c.phones.clear();
  for (int i = 0; i <= static_cast<int>(kMaxCustomerPhones); ++i) {
    c.phones.push_back("+861381234800" + std::to_string(i));
  }
  EXPECT_EQ(Fields(c), Strings{"phones"});
}

TEST(ValidateCustomerTest, EmailsMustBeNormalized) {
  Customer c = ValidCustomer();
  c.emails = {"a@example.com", "A@example.com", " b@example.com", "not-an-email", "a@example.com"};
  EXPECT_EQ(Fields(c), (Strings{"emails[1]", "emails[2]", "emails[3]", "emails[4]"}));
  Status status = ValidateCustomer(c, kNow);
  EXPECT_EQ(status.error().fields[3].issue, "is a duplicate");
  c.emails.clear();
  for (int i = 0; i <= static_cast<int>(kMaxCustomerEmails); ++i) {
    c.emails.push_back("u" + std::to_string(i) + "@example.com");
  }
  EXPECT_EQ(Fields(c), Strings{"emails"});
}

TEST(ValidateCustomerTest, TagsAndInterestsShareTheTagRule) {
  Customer c = ValidCustomer();
  c.tags = {"ok", "bad,tag"};
  c.interests = {"", "x"};
  EXPECT_EQ(Fields(c), (Strings{"interests[0]", "tags[1]"}));
}

TEST(ValidateCustomerTest, Notes) {
  Customer c = ValidCustomer();
  c.notes = std::string(kMaxCustomerNotesLength, 'n');
  EXPECT_EQ(Fields(c), Strings{});
  c.notes += "n";
  EXPECT_EQ(Fields(c), Strings{"notes"});
  c.notes = "bell\a";
  EXPECT_EQ(Fields(c), Strings{"notes"});
  c.notes = "\xC3";
  EXPECT_EQ(Fields(c), Strings{"notes"});
}

TEST(ValidateCustomerTest, MergedIntoItself) {
  Customer c = ValidCustomer();
  c.id = 5;
  c.merged_into_id = 5;
  EXPECT_EQ(Fields(c), Strings{"merged_into_id"});
  c.merged_into_id = 6;
  EXPECT_EQ(Fields(c), Strings{});
}

TEST(ValidateCustomerTest, ReportsEveryProblemInFieldOrder) {
  Customer c = ValidCustomer();
  c.name = "";
  c.birthday = "2099-01-01";
  c.membership_level = 9;
  c.phones = {"bad"};
  c.emails = {"bad"};
  c.tags = {""};
  EXPECT_EQ(Fields(c),
            (Strings{"name", "birthday", "membership_level", "phones[0]", "emails[0]", "tags[0]"}));
}

}  // namespace
}  // namespace kefu::domain
