#pragma once

#include <compare>
#include <optional>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/common/result.h"

namespace kefu::domain {

inline constexpr int kMinutesPerDay = 24 * 60;
// Real offsets run from UTC-12:00 to UTC+14:00.
inline constexpr int kMinUtcOffsetMinutes = -12 * 60;
inline constexpr int kMaxUtcOffsetMinutes = 14 * 60;

// ISO 8601 numbering, so Monday is 1 whatever the locale.
enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

// A calendar day in the schedule's own offset.
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31, a real day of that month
  auto operator<=>(const LocalDate&) const = default;
};

// One opening on one weekday, in local minutes since midnight. [start, end) on that
// day when end > start; when end < start it runs past midnight into the next day,
// e.g. Friday 22:00-02:00 is {kFriday, 1320, 120}. 00:00-24:00 is {day, 0, 1440}.
struct OpenInterval {
  Weekday day = Weekday::kMonday;
  int start_minute = 0;  // 0..1439
  int end_minute = 0;    // 0..1440, != start_minute
};

// A weekly schedule at a fixed UTC offset (no time-zone database and no daylight
// saving: China, Kefu's first market, has neither). An interval belongs to the day it
// starts on: a holiday closes the intervals starting that local day, so Friday
// 22:00-02:00 still runs into a Saturday holiday.
struct BusinessHours {
  int utc_offset_minutes = 0;  // e.g. +480 for China time (UTC+08:00)
  std::vector<OpenInterval> weekly;
  std::vector<LocalDate> holidays;
};

// Checks ranges: "utc_offset_minutes" within [kMinUtcOffsetMinutes,
// kMaxUtcOffsetMinutes], "weekly[i]" with a valid day and minutes (start 0..1439,
// end 0..1440, end != start), "holidays[i]" a real date. kInvalidArgument with one
// FieldError per problem. Overlapping intervals are allowed (their union is open).
Status ValidateBusinessHours(const BusinessHours& hours);

// Whether the schedule is open at `now`. REQUIRES: ValidateBusinessHours(hours).ok().
bool IsOpen(const BusinessHours& hours, TimeMs now);

// The earliest time >= `now` at which IsOpen holds: `now` itself when open, else the
// start of the next interval not closed by a holiday. nullopt when nothing opens in
// the coming kOpeningHorizonDays (an empty schedule, or a year of holidays).
// REQUIRES: ValidateBusinessHours(hours).ok().
inline constexpr int kOpeningHorizonDays = 400;
std::optional<TimeMs> NextOpening(const BusinessHours& hours, TimeMs now);

}  // namespace kefu::domain
