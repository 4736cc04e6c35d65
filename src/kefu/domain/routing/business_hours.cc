#include "kefu/domain/routing/business_hours.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

namespace kefu::domain {
namespace {

constexpr TimeMs kMsPerMinute = 60'000;
constexpr TimeMs kMsPerDay = kMinutesPerDay * kMsPerMinute;
constexpr std::int64_t kDaysPerWeek = 7;
// 1970-01-01, day 0, was a Thursday.
constexpr std::int64_t kEpochIsoWeekday = 4;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::chrono::year_month_day ToYmd(const LocalDate& date) {
  return std::chrono::year_month_day{std::chrono::year{date.year},
                                     std::chrono::month{static_cast<unsigned>(date.month)},
                                     std::chrono::day{static_cast<unsigned>(date.day)}};
}

bool IsRealDate(const LocalDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31 && ToYmd(date).ok();
}

// Days since 1970-01-01. REQUIRES: IsRealDate(date).
std::int64_t DayNumber(const LocalDate& date) {
  return std::chrono::sys_days{ToYmd(date)}.time_since_epoch().count();
}

Weekday WeekdayOf(std::int64_t day_number) {
  std::int64_t from_monday =
      (day_number % kDaysPerWeek + kDaysPerWeek + kEpochIsoWeekday - 1) % kDaysPerWeek;
  return static_cast<Weekday>(from_monday + 1);
}

TimeMs LocalMs(const BusinessHours& hours, TimeMs now) {
  return now + hours.utc_offset_minutes * kMsPerMinute;
}

bool IsHoliday(const BusinessHours& hours, std::int64_t day_number) {
  return std::any_of(hours.holidays.begin(), hours.holidays.end(),
                     [&](const LocalDate& d) { return DayNumber(d) == day_number; });
}

// [start, end) of `interval` when it starts on local day `day_number`, in local ms.
struct LocalSpan {
  TimeMs start = 0;
  TimeMs end = 0;
};
LocalSpan SpanOn(const OpenInterval& interval, std::int64_t day_number) {
  int length = interval.end_minute > interval.start_minute
                   ? interval.end_minute - interval.start_minute
                   : interval.end_minute + kMinutesPerDay - interval.start_minute;
  TimeMs start = day_number * kMsPerDay + interval.start_minute * kMsPerMinute;
  return {start, start + length * kMsPerMinute};
}

// The intervals that start on local day `day_number`: none on a holiday.
std::vector<LocalSpan> SpansStartingOn(const BusinessHours& hours, std::int64_t day_number) {
  std::vector<LocalSpan> spans;
  if (IsHoliday(hours, day_number)) return spans;
  Weekday weekday = WeekdayOf(day_number);
  for (const OpenInterval& interval : hours.weekly) {
    if (interval.day == weekday) spans.push_back(SpanOn(interval, day_number));
  }
  return spans;
}

}  // namespace

Status ValidateBusinessHours(const BusinessHours& hours) {
  std::vector<FieldError> errors;
  if (hours.utc_offset_minutes < kMinUtcOffsetMinutes ||
      hours.utc_offset_minutes > kMaxUtcOffsetMinutes) {
    errors.push_back({"utc_offset_minutes", "must be between -720 and +840 minutes"});
  }
  for (std::size_t i = 0; i < hours.weekly.size(); ++i) {
    const OpenInterval& interval = hours.weekly[i];
    int day = static_cast<int>(interval.day);
    bool day_ok =
        day >= static_cast<int>(Weekday::kMonday) && day <= static_cast<int>(Weekday::kSunday);
    bool start_ok = interval.start_minute >= 0 && interval.start_minute < kMinutesPerDay;
    bool end_ok = interval.end_minute >= 0 && interval.end_minute <= kMinutesPerDay;
    if (!day_ok || !start_ok || !end_ok || interval.start_minute == interval.end_minute) {
      errors.push_back({"weekly[" + std::to_string(i) + "]",
                        "needs a weekday, a start in 0..1439 and a different end in 0..1440"});
    }
  }
  for (std::size_t i = 0; i < hours.holidays.size(); ++i) {
    if (!IsRealDate(hours.holidays[i])) {
      errors.push_back({"holidays[" + std::to_string(i) + "]", "is not a real date"});
    }
  }
  if (!errors.empty()) return InvalidArgument("invalid business hours", std::move(errors));
  return OkStatus();
}

bool IsOpen(const BusinessHours& hours, TimeMs now) {
  TimeMs local = LocalMs(hours, now);
  std::int64_t today = FloorDiv(local, kMsPerDay);
  // An interval is at most a day long, so only yesterday's can still be running.
  for (std::int64_t day = today - 1; day <= today; ++day) {
    for (const LocalSpan& span : SpansStartingOn(hours, day)) {
      if (span.start <= local && local < span.end) return true;
    }
  }
  return false;
}

std::optional<TimeMs> NextOpening(const BusinessHours& hours, TimeMs now) {
  if (IsOpen(hours, now)) return now;
  TimeMs local = LocalMs(hours, now);
  std::int64_t today = FloorDiv(local, kMsPerDay);
  for (std::int64_t day = today; day <= today + kOpeningHorizonDays; ++day) {
    // Every start on one day comes before every start on the next: the first day with
    // a start still ahead holds the answer.
    std::optional<TimeMs> earliest;
    for (const LocalSpan& span : SpansStartingOn(hours, day)) {
      if (span.start >= local && (!earliest || span.start < *earliest)) earliest = span.start;
    }
    if (earliest) return *earliest - (local - now);
  }
  return std::nullopt;
}

}  // namespace kefu::domain
