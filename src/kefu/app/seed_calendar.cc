#include "kefu/app/seed_calendar.h"

#include <ctime>

namespace kefu::app::seed {
namespace {

constexpr int kDaysPerWeek = 7;
constexpr int kEpochWeekday = 4;  // 1970-01-01 was a Thursday (0 = Sunday)

}  // namespace

LocalDate ChinaDate(TimeMs t) {
  std::time_t seconds = static_cast<std::time_t>((t + kChinaOffset) / kSecond);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

int ChinaHour(TimeMs t) { return static_cast<int>(((t + kChinaOffset) % kDay) / kHour); }

TimeMs ChinaMidnight(TimeMs t) { return t - (t + kChinaOffset) % kDay; }

int ChinaWeekday(TimeMs t) {
  return static_cast<int>(((t + kChinaOffset) / kDay + kEpochWeekday) % kDaysPerWeek);
}

std::string FormatDateZh(TimeMs t) {
  LocalDate d = ChinaDate(t);
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string FormatDateEn(TimeMs t) {
  constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  LocalDate d = ChinaDate(t);
  return std::string(kMonths[static_cast<std::size_t>(d.month - 1)]) + " " + std::to_string(d.day);
}

std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

TimeMs IntoWorkingHours(TimeMs t, Dice& dice) {
  int hour = ChinaHour(t);
  if (hour >= kWorkdayStartHour && hour < kWorkdayEndHour) return t;
  TimeMs midnight = ChinaMidnight(t);
  if (hour >= kWorkdayEndHour) midnight += kDay;
  return midnight + kWorkdayStartHour * kHour + dice.Int(0, 50 * kMinute);
}

}  // namespace kefu::app::seed
