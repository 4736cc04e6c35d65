#pragma once

// Time, calendar and randomness helpers shared by the two seeders (`seed-demo` and its
// `--bench-tickets` mode): China-time days and hours, the daily shape of a ticket queue,
// and one seeded source of randomness.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <string>

#include "kefu/common/clock.h"

namespace kefu::app::seed {

constexpr TimeMs kSecond = 1000;
constexpr TimeMs kMinute = 60 * kSecond;
constexpr TimeMs kHour = 60 * kMinute;
constexpr TimeMs kDay = 24 * kHour;
constexpr TimeMs kChinaOffset = 8 * kHour;  // Asia/Shanghai, no daylight saving
constexpr int kWorkdayStartHour = 9;
constexpr int kWorkdayEndHour = 21;

// How busy each hour of the day is for new tickets (China time): quiet at night, peaks
// late morning and afternoon, a lunch dip, a long evening tail until 21:00.
constexpr std::array<double, 24> kHourWeights = {0.10, 0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.25,
                                                 0.60, 1.00, 1.25, 1.20, 0.80, 1.00, 1.20, 1.20,
                                                 1.10, 1.00, 0.90, 0.95, 0.85, 0.55, 0.35, 0.20};
constexpr double kWeekendWeight = 0.6;

// The one source of randomness of a seeder: std::mt19937 seeded from the options, so the
// same seed gives the same data (with the same standard library).
class Dice {
 public:
  explicit Dice(std::uint32_t seed) : gen_(seed) {}

  // Uniform in [lo, hi].
  std::int64_t Int(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(gen_);
  }
  double Real() { return std::uniform_real_distribution<double>(0.0, 1.0)(gen_); }
  bool Chance(double p) { return Real() < p; }
  std::size_t Index(std::size_t size) {
    return static_cast<std::size_t>(Int(0, static_cast<std::int64_t>(size) - 1));
  }
  // A uniformly chosen element of a non-empty vector, array or span.
  template <class Range>
  decltype(auto) Pick(const Range& items) {
    return items[Index(std::size(items))];
  }
  std::size_t Weighted(std::span<const double> weights) {
    std::discrete_distribution<std::size_t> d(weights.begin(), weights.end());
    return d(gen_);
  }
  // A log-normal delay around `median` (spread = sigma of the underlying normal),
  // clamped to [median / 8, median * 12] so no single draw dominates a timeline.
  TimeMs Delay(TimeMs median, double spread = 0.8) {
    double factor = std::exp(spread * std::normal_distribution<double>(0.0, 1.0)(gen_));
    factor = std::clamp(factor, 1.0 / 8, 12.0);
    return static_cast<TimeMs>(static_cast<double>(median) * factor);
  }
  double LogNormal(double sigma) { return std::lognormal_distribution<double>(0.0, sigma)(gen_); }

 private:
  std::mt19937 gen_;
};

struct LocalDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};

// Calendar date, hour (0-23) and weekday (0 = Sunday) of `t` in China time.
LocalDate ChinaDate(TimeMs t);
int ChinaHour(TimeMs t);
int ChinaWeekday(TimeMs t);
// Midnight (China time) of the day containing `t`, as UTC milliseconds.
TimeMs ChinaMidnight(TimeMs t);

// "11月23日" and "Nov 23" for the China-time date of `t`.
std::string FormatDateZh(TimeMs t);
std::string FormatDateEn(TimeMs t);
// "07" for 7.
std::string TwoDigits(int v);

// Moves `t` into the team's working hours (9:00–21:00 China time): agents answer then.
TimeMs IntoWorkingHours(TimeMs t, Dice& dice);

}  // namespace kefu::app::seed
