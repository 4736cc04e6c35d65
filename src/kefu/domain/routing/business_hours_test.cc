#include "kefu/domain/routing/business_hours.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

namespace kefu::domain {
namespace {

using enum Weekday;

constexpr int kChina = 8 * 60;  // UTC+08:00
constexpr TimeMs kMinute = 60'000;

// The UTC instant of a wall-clock time at `offset_minutes`.
TimeMs At(int y, int m, int d, int hh, int mm, int offset_minutes = kChina) {
  std::chrono::sys_days day{std::chrono::year{y} / m / d};
  TimeMs utc =
      std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count();
  return utc + (hh * 60 + mm - offset_minutes) * kMinute;
}

// Monday to Friday 09:00-18:00 China time.
BusinessHours OfficeHours() {
  BusinessHours hours;
  hours.utc_offset_minutes = kChina;
  for (Weekday day : {kMonday, kTuesday, kWednesday, kThursday, kFriday}) {
    hours.weekly.push_back({day, 9 * 60, 18 * 60});
  }
  return hours;
}

TEST(BusinessHoursTest, ValidAndInvalid) {
  EXPECT_TRUE(ValidateBusinessHours(OfficeHours()).ok());
  EXPECT_TRUE(ValidateBusinessHours({}).ok());
  EXPECT_TRUE(ValidateBusinessHours({kChina, {{kMonday, 0, 1440}, {kSunday, 1439, 0}}, {}}).ok());
  struct Case {
    const char* name;
    BusinessHours hours;
    std::string field;
  };
  const Case cases[] = {
      {"offset too far east", {14 * 60 + 1, {}, {}}, "utc_offset_minutes"},
      {"offset too far west", {-12 * 60 - 1, {}, {}}, "utc_offset_minutes"},
      {"day 0", {0, {{static_cast<Weekday>(0), 0, 60}}, {}}, "weekly[0]"},
      {"day 8", {0, {{kMonday, 0, 60}, {static_cast<Weekday>(8), 0, 60}}, {}}, "weekly[1]"},
      {"empty interval", {0, {{kMonday, 60, 60}}, {}}, "weekly[0]"},
      {"start 1440", {0, {{kMonday, 1440, 60}}, {}}, "weekly[0]"},
      {"negative start", {0, {{kMonday, -1, 60}}, {}}, "weekly[0]"},
      {"end 1441", {0, {{kMonday, 0, 1441}}, {}}, "weekly[0]"},
      {"negative end", {0, {{kMonday, 10, -1}}, {}}, "weekly[0]"},
      {"February 30", {0, {}, {{2024, 2, 30}}}, "holidays[0]"},
      {"not a leap year", {0, {}, {{2024, 1, 1}, {2023, 2, 29}}}, "holidays[1]"},
      {"month 13", {0, {}, {{2024, 13, 1}}}, "holidays[0]"},
      {"day 0 of month", {0, {}, {{2024, 1, 0}}}, "holidays[0]"},
  };
  for (const Case& c : cases) {
    Status status = ValidateBusinessHours(c.hours);
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument) << c.name;
    ASSERT_EQ(status.error().fields.size(), 1u) << c.name;
    EXPECT_EQ(status.error().fields[0].field, c.field) << c.name;
  }
  Status many = ValidateBusinessHours({900, {{kMonday, 5, 5}}, {{2024, 2, 30}}});
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().fields.size(), 3u);
}

TEST(BusinessHoursTest, OfficeHoursInChinaTime) {
  const BusinessHours hours = OfficeHours();
  struct Case {
    const char* name;
    TimeMs now;
    bool open;
  };
  // 2024-01-01 is a Monday.
  const Case cases[] = {
      {"Mon 08:59", At(2024, 1, 1, 8, 59), false},
      {"Mon 09:00", At(2024, 1, 1, 9, 0), true},
      {"Mon 08:59:59.999", At(2024, 1, 1, 9, 0) - 1, false},
      {"Mon 17:59", At(2024, 1, 1, 17, 59), true},
      {"Mon 17:59:59.999", At(2024, 1, 1, 18, 0) - 1, true},
      {"Mon 18:00", At(2024, 1, 1, 18, 0), false},
      {"Fri 12:00", At(2024, 1, 5, 12, 0), true},
      {"Sat 12:00", At(2024, 1, 6, 12, 0), false},
      {"Sun 12:00", At(2024, 1, 7, 12, 0), false},
      // 01:00 UTC on Monday is 09:00 in China; 23:00 UTC Sunday is 07:00 Monday.
      {"UTC Mon 01:00", At(2024, 1, 1, 1, 0, 0), true},
      {"UTC Sun 23:00", At(2023, 12, 31, 23, 0, 0), false},
      {"UTC Mon 09:59 = 17:59 local", At(2024, 1, 1, 9, 59, 0), true},
      {"UTC Mon 10:00 = 18:00 local", At(2024, 1, 1, 10, 0, 0), false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsOpen(hours, c.now), c.open) << c.name;
}

TEST(BusinessHoursTest, IntervalsCrossingMidnight) {
  BusinessHours hours;
  hours.utc_offset_minutes = kChina;
  hours.weekly = {{kFriday, 22 * 60, 2 * 60},  // Fri 22:00 - Sat 02:00
                  {kSunday, 23 * 60, 1 * 60},  // Sun 23:00 - Mon 01:00: wraps the week
                  {kTuesday, 20 * 60, 0}};     // Tue 20:00 - 24:00, end 0 = midnight
  struct Case {
    const char* name;
    TimeMs now;
    bool open;
  };
  const Case cases[] = {
      {"Fri 21:59", At(2024, 1, 5, 21, 59), false}, {"Fri 22:00", At(2024, 1, 5, 22, 0), true},
      {"Fri 23:59", At(2024, 1, 5, 23, 59), true},  {"Sat 00:00", At(2024, 1, 6, 0, 0), true},
      {"Sat 01:59", At(2024, 1, 6, 1, 59), true},   {"Sat 02:00", At(2024, 1, 6, 2, 0), false},
      {"Sun 23:30", At(2024, 1, 7, 23, 30), true},  {"Mon 00:30", At(2024, 1, 8, 0, 30), true},
      {"Mon 01:00", At(2024, 1, 8, 1, 0), false},   {"Tue 19:59", At(2024, 1, 2, 19, 59), false},
      {"Tue 23:59", At(2024, 1, 2, 23, 59), true},  {"Wed 00:00", At(2024, 1, 3, 0, 0), false},
      {"Thu 23:00", At(2024, 1, 4, 23, 0), false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsOpen(hours, c.now), c.open) << c.name;
}

TEST(BusinessHoursTest, HolidaysCloseTheIntervalsStartingThatDay) {
  BusinessHours hours = OfficeHours();
  hours.weekly.push_back({kFriday, 22 * 60, 2 * 60});
  hours.weekly.push_back({kSaturday, 22 * 60, 2 * 60});
  hours.holidays = {{2024, 1, 1}, {2024, 1, 6}};  // Monday, Saturday
  EXPECT_FALSE(IsOpen(hours, At(2024, 1, 1, 10, 0))) << "holiday Monday";
  EXPECT_TRUE(IsOpen(hours, At(2024, 1, 2, 10, 0))) << "the Tuesday after";
  EXPECT_TRUE(IsOpen(hours, At(2024, 1, 8, 10, 0))) << "the next Monday";
  // Friday night's interval started before the Saturday holiday: it runs on.
  EXPECT_TRUE(IsOpen(hours, At(2024, 1, 6, 1, 0))) << "Sat 01:00";
  // Saturday night's starts on the holiday: closed, including its part on Sunday.
  EXPECT_FALSE(IsOpen(hours, At(2024, 1, 6, 23, 0))) << "Sat 23:00";
  EXPECT_FALSE(IsOpen(hours, At(2024, 1, 7, 1, 0))) << "Sun 01:00";
  // The holiday is the local date: 2024-01-01 10:00 China is 02:00 UTC the same day,
  // and 2023-12-31 20:00 UTC (2024-01-01 04:00 China) is also on it.
  EXPECT_FALSE(IsOpen(hours, At(2024, 1, 1, 2, 0, 0)));
}

TEST(BusinessHoursTest, NegativeOffsetAndAroundTheClock) {
  BusinessHours new_york{-5 * 60, {{kMonday, 9 * 60, 17 * 60}}, {}};
  EXPECT_TRUE(IsOpen(new_york, At(2024, 1, 1, 9, 0, -5 * 60)));
  EXPECT_TRUE(IsOpen(new_york, At(2024, 1, 1, 21, 59, 0))) << "16:59 local";
  EXPECT_FALSE(IsOpen(new_york, At(2024, 1, 1, 22, 0, 0))) << "17:00 local";
  EXPECT_FALSE(IsOpen(new_york, At(2024, 1, 1, 9, 0, 0))) << "04:00 local";
  BusinessHours always{kChina, {}, {}};
  for (Weekday day : {kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday}) {
    always.weekly.push_back({day, 0, kMinutesPerDay});
  }
  for (int hour = 0; hour < 24 * 7; ++hour) {
    EXPECT_TRUE(IsOpen(always, At(2024, 1, 1, 0, 0) + hour * 60 * kMinute)) << hour;
  }
  EXPECT_FALSE(IsOpen(BusinessHours{}, At(2024, 1, 1, 12, 0))) << "empty schedule";
  // Before 1970 (negative times) the day arithmetic still floors.
  BusinessHours wednesdays{0, {{kWednesday, 0, kMinutesPerDay}}, {}};
  EXPECT_TRUE(IsOpen(wednesdays, At(1969, 12, 31, 12, 0, 0)));
  EXPECT_FALSE(IsOpen(wednesdays, At(1970, 1, 1, 0, 0, 0)));
}

TEST(BusinessHoursTest, NextOpening) {
  BusinessHours hours = OfficeHours();
  hours.weekly.push_back({kFriday, 22 * 60, 2 * 60});
  hours.holidays = {{2024, 1, 8}};  // Monday
  struct Case {
    const char* name;
    TimeMs now;
    TimeMs expected;
  };
  const Case cases[] = {
      {"open now", At(2024, 1, 2, 10, 0), At(2024, 1, 2, 10, 0)},
      {"before opening", At(2024, 1, 2, 7, 30), At(2024, 1, 2, 9, 0)},
      {"at closing", At(2024, 1, 2, 18, 0), At(2024, 1, 3, 9, 0)},
      {"Friday evening", At(2024, 1, 5, 19, 0), At(2024, 1, 5, 22, 0)},
      {"Saturday, Monday a holiday", At(2024, 1, 6, 12, 0), At(2024, 1, 9, 9, 0)},
      {"the night part runs on", At(2024, 1, 6, 1, 0), At(2024, 1, 6, 1, 0)},
  };
  for (const Case& c : cases) EXPECT_EQ(NextOpening(hours, c.now), c.expected) << c.name;
  EXPECT_EQ(NextOpening(BusinessHours{}, At(2024, 1, 1, 0, 0)), std::nullopt);
  BusinessHours only_holidays{kChina, {{kMonday, 540, 600}}, {}};
  for (int day = 1; day <= 31; ++day) only_holidays.holidays.push_back({2024, 1, day});
  EXPECT_EQ(NextOpening(only_holidays, At(2023, 12, 31, 12, 0)), At(2024, 2, 5, 9, 0));
}

// Random instants: NextOpening is open, and before it (when later than now) closed.
TEST(BusinessHoursTest, NextOpeningIsTheFirstOpenInstant) {
  BusinessHours hours = OfficeHours();
  hours.weekly.push_back({kSaturday, 23 * 60, 3 * 60});
  hours.holidays = {{2024, 1, 10}, {2024, 1, 13}};
  std::mt19937_64 rng(20240101);
  std::uniform_int_distribution<TimeMs> offset(0, 30LL * 24 * 60 * kMinute);
  for (int i = 0; i < 1000; ++i) {
    TimeMs now = At(2024, 1, 1, 0, 0) + offset(rng);
    std::optional<TimeMs> next = NextOpening(hours, now);
    ASSERT_TRUE(next.has_value());
    ASSERT_GE(*next, now);
    EXPECT_TRUE(IsOpen(hours, *next)) << now;
    if (*next > now) {
      EXPECT_FALSE(IsOpen(hours, *next - 1)) << now;
      EXPECT_FALSE(IsOpen(hours, now)) << now;
      for (TimeMs k = 1; k < 20; ++k) {
        EXPECT_FALSE(IsOpen(hours, now + (*next - now) * k / 20)) << now << " step " << k;
      }
    }
  }
}

}  // namespace
}  // namespace kefu::domain
