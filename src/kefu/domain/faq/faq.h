#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kefu/common/clock.h"
#include "kefu/common/error.h"
#include "kefu/domain/ids.h"

namespace kefu::domain {

// One question the bot (and agents) can answer from: the question, other ways customers
// ask it, the answer, and where it applies.
struct Faq {
  Id id = 0;
  std::string question;
  std::vector<std::string> alternatives;  // other phrasings, searched like the question
  std::string answer;
  std::optional<Id> category_id;
  std::string language = "zh-CN";  // "zh-CN" or "en"
  bool active = true;              // inactive entries are kept but never matched
  std::int64_t version = 1;
  Id created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};

inline constexpr std::size_t kMaxFaqQuestionChars = 300;
inline constexpr std::size_t kMaxFaqAlternatives = 20;
inline constexpr std::size_t kMaxFaqAnswerChars = 5000;

// Every problem with `faq`'s text fields and language, one FieldError each; empty when
// valid. Does not check that the category exists (the service does).
std::vector<FieldError> ValidateFaq(const Faq& faq);

}  // namespace kefu::domain
