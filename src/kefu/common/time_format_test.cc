#include "kefu/common/time_format.h"

#include <gtest/gtest.h>

namespace kefu {
namespace {

TEST(TimeFormatTest, FormatsEpochAndRoundTrips) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000Z");
  TimeMs t = 1'795'420'800'123;  // 2026-11-23T08:00:00.123Z
  EXPECT_EQ(FormatTimestamp(t), "2026-11-23T08:00:00.123Z");
  EXPECT_EQ(ParseTimestamp(FormatTimestamp(t)), t);
}

TEST(TimeFormatTest, ParsesOffsetsAndDates) {
  EXPECT_EQ(ParseTimestamp("2026-11-23T16:00:00+08:00"), ParseTimestamp("2026-11-23T08:00:00Z"));
  EXPECT_EQ(ParseTimestamp("2026-11-23"), ParseTimestamp("2026-11-23T00:00:00Z"));
}

TEST(TimeFormatTest, RejectsGarbage) {
  EXPECT_FALSE(ParseTimestamp("yesterday"));
  EXPECT_FALSE(ParseTimestamp("2026-02-30"));
  EXPECT_FALSE(ParseTimestamp("2026-11-23T08:00:00"));  // no zone
  EXPECT_FALSE(ParseTimestamp("2026-11-23T25:00:00Z"));
  EXPECT_TRUE(IsValidDate("2024-02-29"));
  EXPECT_FALSE(IsValidDate("2023-02-29"));
}

}  // namespace
}  // namespace kefu
