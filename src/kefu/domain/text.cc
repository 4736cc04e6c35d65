#include "kefu/domain/text.h"

#include <string>

namespace kefu::domain {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;
constexpr char32_t kSurrogateFirst = 0xD800;
constexpr char32_t kSurrogateLast = 0xDFFF;
constexpr unsigned char kAsciiDelete = 0x7F;
constexpr unsigned char kFirstPrintable = 0x20;

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::optional<std::size_t> Utf8Length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    char32_t code_point = 0;
    char32_t min_value = 0;
    if (lead < 0x80) {
      code_point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      code_point = lead & 0x1F;
      min_value = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      code_point = lead & 0x0F;
      min_value = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      code_point = lead & 0x07;
      min_value = 0x10000;
    } else {
      return std::nullopt;
    }
    if (text.size() - i <= extra) return std::nullopt;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      auto byte = static_cast<unsigned char>(text[i + k]);
      if (!IsContinuation(byte)) return std::nullopt;
      code_point = (code_point << 6) | (byte & 0x3F);
    }
    if (code_point < min_value || code_point > kMaxCodePoint ||
        (code_point >= kSurrogateFirst && code_point <= kSurrogateLast)) {
      return std::nullopt;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

bool HasControlChars(std::string_view text, bool allow_newlines) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= kFirstPrintable && byte != kAsciiDelete) continue;
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    return true;
  }
  return false;
}

std::string_view TrimAscii(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string CheckLineText(std::string_view text, std::size_t min_code_points,
                          std::size_t max_code_points) {
  std::optional<std::size_t> length = Utf8Length(text);
  if (!length) return "must be valid UTF-8";
  if (HasControlChars(text)) return "must not contain control characters";
  if (min_code_points > 0 && TrimAscii(text).empty()) return "must not be blank";
  if (*length < min_code_points) {
    return "must be at least " + std::to_string(min_code_points) + " characters";
  }
  if (*length > max_code_points) {
    return "must be at most " + std::to_string(max_code_points) + " characters";
  }
  return {};
}

}  // namespace kefu::domain
