#include "kefu/common/time_format.h"

#include <chrono>

namespace kefu {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr TimeMs kMsPerDay = 86'400'000;

bool ParseDigits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

std::optional<year_month_day> ParseDate(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!ParseDigits(text, 0, 4, y) || !ParseDigits(text, 5, 2, m) || !ParseDigits(text, 8, 2, d)) {
    return std::nullopt;
  }
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                     std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

std::string FormatTimestamp(TimeMs ms) {
  std::string out;
  AppendTimestamp(out, ms);
  return out;
}

void AppendTimestamp(std::string& text, TimeMs ms) {
  // Hand-written digits: this runs for every timestamp of every JSON response.
  TimeMs day_count = ms >= 0 ? ms / kMsPerDay : (ms - kMsPerDay + 1) / kMsPerDay;
  TimeMs in_day = ms - day_count * kMsPerDay;
  year_month_day ymd{sys_days{days{day_count}}};
  std::size_t base = text.size();
  text.append("0000-00-00T00:00:00.000Z");
  char* out = text.data() + base;
  auto put = [out](std::size_t pos, unsigned value, int width) {
    for (int k = width - 1; k >= 0; --k) {
      out[pos + static_cast<std::size_t>(k)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, static_cast<unsigned>(in_day / 3'600'000), 2);
  put(14, static_cast<unsigned>(in_day / 60'000 % 60), 2);
  put(17, static_cast<unsigned>(in_day / 1000 % 60), 2);
  put(20, static_cast<unsigned>(in_day % 1000), 3);
}

std::optional<TimeMs> ParseTimestamp(std::string_view text) {
  auto ymd = ParseDate(text);
  if (!ymd) return std::nullopt;
  TimeMs base = static_cast<TimeMs>(sys_days{*ymd}.time_since_epoch().count()) * kMsPerDay;
  if (text.size() == 10) return base;
  int hh = 0, mm = 0, ss = 0;
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':' || !ParseDigits(text, 11, 2, hh) || !ParseDigits(text, 14, 2, mm) ||
      !ParseDigits(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  size_t pos = 19;
  int frac_ms = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) frac_ms = frac_ms * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) frac_ms *= 10;
  }
  TimeMs offset_ms = 0;
  if (pos == text.size()) return std::nullopt;  // a time needs a zone
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = 0, om = 0;
    if (pos + 6 != text.size() || text[pos + 3] != ':' || !ParseDigits(text, pos + 1, 2, oh) ||
        !ParseDigits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_ms = (oh * 60 + om) * 60'000LL * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  }
  if (pos != text.size()) return std::nullopt;
  return base + ((hh * 60 + mm) * 60LL + ss) * 1000 + frac_ms - offset_ms;
}

bool IsValidDate(std::string_view text) { return text.size() == 10 && ParseDate(text).has_value(); }

}  // namespace kefu
