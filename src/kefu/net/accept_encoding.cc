#include "kefu/net/accept_encoding.h"

#include <algorithm>

#include "kefu/net/http_types.h"

namespace kefu::net {
namespace {

constexpr int kMaxQualityDigits = 3;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "0", "0.5", "1.000" → thousandths; nullopt when it is not a qvalue.
std::optional<int> ParseQValue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int value = (text[0] - '0') * kMaxQuality;
  if (text.size() == 1) return value;
  if (text[1] != '.' || text.size() > 2 + kMaxQualityDigits) return std::nullopt;
  int scale = kMaxQuality / 10;
  for (std::size_t i = 2; i < text.size(); ++i, scale /= 10) {
    if (!IsDigit(text[i])) return std::nullopt;
    value += (text[i] - '0') * scale;
  }
  return value <= kMaxQuality ? std::optional<int>(value) : std::nullopt;
}

// The quality in the parameters after a coding (" q=0.5" or "; level=1; q=0").
int QualityOf(std::string_view params) {
  while (!params.empty()) {
    std::size_t semicolon = params.find(';');
    std::string_view param = Trim(params.substr(0, semicolon));
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      return ParseQValue(Trim(param.substr(2))).value_or(kMaxQuality);
    }
    if (semicolon == std::string_view::npos) break;
    params.remove_prefix(semicolon + 1);
  }
  return kMaxQuality;
}

}  // namespace

std::optional<int> CodingQuality(std::string_view accept_encoding, std::string_view coding) {
  std::optional<int> best;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    std::size_t semicolon = item.find(';');
    if (EqualsIgnoreCase(Trim(item.substr(0, semicolon)), coding)) {
      int quality =
          semicolon == std::string_view::npos ? kMaxQuality : QualityOf(item.substr(semicolon + 1));
      best = std::max(best.value_or(0), quality);
    }
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return best;
}

}  // namespace kefu::net
