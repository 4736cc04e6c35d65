#include "kefu/domain/customer/contact.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <iterator>
#include <string>

#include "kefu/domain/text.h"

namespace kefu::domain {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::size_t kMaxEmailLocalLength = 64;
constexpr std::size_t kMaxDomainLabelLength = 63;
constexpr std::size_t kMinTopLevelDomainLength = 2;
constexpr std::size_t kLongNumberDigits = 11;  // e.g. Chinese mobile numbers
constexpr std::size_t kLongNumberHead = 3;
constexpr std::size_t kLongNumberTail = 4;
constexpr std::string_view kMaskStars = "***";
constexpr std::string_view kEmailLocalSpecials = "!#$%&'*+/=?^_`{|}~-";

Error PhoneError(std::string_view reason) {
  return InvalidArgument("invalid phone number: " + std::string(reason));
}

Error EmailError(std::string_view reason) {
  return InvalidArgument("invalid email address: " + std::string(reason));
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpperAscii(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Empty when `local` is an acceptable dot-atom local part, else the reason.
std::string LocalPartIssue(std::string_view local) {
  if (local.empty()) return "missing local part";
  if (local.size() > kMaxEmailLocalLength) return "local part is too long";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return "misplaced '.' in local part";
  }
  for (char c : local) {
    bool ok = IsAsciiLetter(c) || IsAsciiDigit(c) || IsNonAscii(c) || c == '.' ||
              kEmailLocalSpecials.find(c) != std::string_view::npos;
    if (!ok) return "invalid character in local part";
  }
  return {};
}

// Empty when `domain` is an acceptable host name, else the reason.
std::string DomainIssue(std::string_view domain) {
  if (domain.empty()) return "missing domain";
  std::string_view last_label;
  std::size_t labels = 0;
  while (true) {
    std::size_t dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > kMaxDomainLabelLength) return "invalid domain";
    if (label.front() == '-' || label.back() == '-') return "invalid domain";
    for (char c : label) {
      if (!(IsAsciiLetter(c) || IsAsciiDigit(c) || IsNonAscii(c) || c == '-')) {
        return "invalid character in domain";
      }
    }
    ++labels;
    last_label = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  if (labels < 2) return "domain needs a top-level domain";
  if (Utf8Length(last_label).value_or(0) < kMinTopLevelDomainLength ||
      std::all_of(last_label.begin(), last_label.end(), IsAsciiDigit)) {
    return "invalid top-level domain";
  }
  return {};
}

// Masks a run of digits by the rule documented on MaskPhone.
std::string MaskDigits(std::string_view digits) {
  std::size_t n = digits.size();
  bool long_number = n >= kLongNumberDigits;
  std::size_t hidden = long_number ? n - kLongNumberHead - kLongNumberTail : (n + 1) / 2;
  std::size_t visible = n - hidden;
  std::size_t tail = long_number ? kLongNumberTail : (visible + 1) / 2;
  std::size_t head = visible - tail;
  std::string masked(digits.substr(0, head));
  masked.append(hidden, '*');
  masked.append(digits.substr(n - tail));
  return masked;
}

// Bytes in the UTF-8 sequence starting with `lead` (1 for invalid lead bytes).
std::size_t SequenceLength(unsigned char lead) {
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace

Result<std::string> NormalizePhone(std::string_view raw, std::string_view default_region) {
  std::string_view text = TrimAscii(raw);
  if (text.empty()) return PhoneError("empty");
  if (text.size() > kMaxPhoneInputLength) return PhoneError("too long");
  if (std::any_of(text.begin(), text.end(), IsAsciiLetter)) {
    return PhoneError("must not contain letters");
  }
  std::string region(default_region);
  std::transform(region.begin(), region.end(), region.begin(), ToUpperAscii);

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(text), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return PhoneError("cannot be parsed");
  }
  if (number.has_extension()) return PhoneError("extensions are not supported");
  if (!util.IsValidNumber(number)) return PhoneError("not a valid number");
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

Result<std::string> NormalizeEmail(std::string_view raw) {
  std::string email(TrimAscii(raw));
  if (email.empty()) return EmailError("empty");
  if (email.size() > kMaxEmailLength) return EmailError("too long");
  if (!Utf8Length(email)) return EmailError("not valid UTF-8");
  std::transform(email.begin(), email.end(), email.begin(), ToLowerAscii);
  std::size_t at = email.find('@');
  if (at == std::string::npos) return EmailError("missing '@'");
  if (email.find('@', at + 1) != std::string::npos) return EmailError("more than one '@'");
  std::string_view view(email);
  if (std::string issue = LocalPartIssue(view.substr(0, at)); !issue.empty()) {
    return EmailError(issue);
  }
  if (std::string issue = DomainIssue(view.substr(at + 1)); !issue.empty()) {
    return EmailError(issue);
  }
  return email;
}

std::string MaskPhone(std::string_view e164) {
  std::string digits;
  std::string_view text = TrimAscii(e164);
  if (!text.empty() && text.front() == '+') {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util.Parse(std::string(text), "ZZ", &number) == PhoneNumberUtil::NO_PARSING_ERROR) {
      util.GetNationalSignificantNumber(number, &digits);
    }
  }
  if (digits.empty()) {
    std::copy_if(text.begin(), text.end(), std::back_inserter(digits), IsAsciiDigit);
  }
  return MaskDigits(digits);
}

std::string MaskEmail(std::string_view email) {
  if (email.empty()) return {};
  std::size_t at = email.rfind('@');
  std::string_view local = email.substr(0, at);
  std::string_view domain = at == std::string_view::npos ? "" : email.substr(at);
  std::string masked;
  if (!local.empty()) {
    std::size_t first =
        std::min(SequenceLength(static_cast<unsigned char>(local.front())), local.size());
    if (local.size() > first) masked.append(local.substr(0, first));
  }
  masked.append(kMaskStars);
  masked.append(domain);
  return masked;
}

}  // namespace kefu::domain
