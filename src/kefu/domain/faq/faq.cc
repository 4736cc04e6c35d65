#include "kefu/domain/faq/faq.h"

#include <set>

#include "kefu/domain/text.h"

namespace kefu::domain {
namespace {

// Like CheckLineText, but line breaks and tabs are welcome (answers are paragraphs).
std::string CheckParagraphs(std::string_view text, std::size_t max_code_points) {
  std::optional<std::size_t> length = Utf8Length(text);
  if (!length) return "must be valid UTF-8";
  if (HasControlChars(text, /*allow_newlines=*/true)) return "must not contain control characters";
  if (TrimAscii(text).empty()) return "must not be blank";
  if (*length > max_code_points) {
    return "must be at most " + std::to_string(max_code_points) + " characters";
  }
  return "";
}

}  // namespace

std::vector<FieldError> ValidateFaq(const Faq& faq) {
  std::vector<FieldError> errors;
  if (std::string issue = CheckLineText(faq.question, 1, kMaxFaqQuestionChars); !issue.empty()) {
    errors.push_back({"question", issue});
  }
  if (faq.alternatives.size() > kMaxFaqAlternatives) {
    errors.push_back({"alternatives", "at most 20 phrasings"});
  }
  std::set<std::string> seen;
  for (const auto& alternative : faq.alternatives) {
    if (std::string issue = CheckLineText(alternative, 1, kMaxFaqQuestionChars); !issue.empty()) {
      errors.push_back({"alternatives", issue});
      break;
    }
    if (!seen.insert(alternative).second) {
      errors.push_back({"alternatives", "lists \"" + alternative + "\" twice"});
      break;
    }
  }
  if (std::string issue = CheckParagraphs(faq.answer, kMaxFaqAnswerChars); !issue.empty()) {
    errors.push_back({"answer", issue});
  }
  if (faq.language != "zh-CN" && faq.language != "en") {
    errors.push_back({"language", "must be zh-CN or en"});
  }
  return errors;
}

}  // namespace kefu::domain
