#include "kefu/domain/tags.h"

#include <set>

#include "kefu/domain/text.h"

namespace kefu::domain {
namespace {

constexpr std::string_view kFullWidthComma = "\xEF\xBC\x8C";  // U+FF0C '，'

std::string TagIssue(std::string_view tag) {
  std::string issue = CheckLineText(tag, 1, kMaxTagLength);
  if (!issue.empty()) return issue;
  if (TrimAscii(tag).size() != tag.size()) return "must not start or end with whitespace";
  if (tag.find(',') != std::string_view::npos ||
      tag.find(kFullWidthComma) != std::string_view::npos) {
    return "must not contain a comma";
  }
  return {};
}

}  // namespace

void CheckTags(std::string_view field, const std::vector<std::string>& tags,
               std::vector<FieldError>* errors) {
  if (tags.size() > kMaxTags) {
    errors->push_back(
        {std::string(field), "must have at most " + std::to_string(kMaxTags) + " entries"});
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string issue = TagIssue(tags[i]);
    if (issue.empty() && !seen.insert(tags[i]).second) issue = "is a duplicate";
    if (issue.empty()) continue;
    errors->push_back({std::string(field) + "[" + std::to_string(i) + "]", std::move(issue)});
  }
}

std::vector<std::string> NormalizeTags(const std::vector<std::string>& tags) {
  std::vector<std::string> result;
  std::set<std::string_view> seen;
  result.reserve(tags.size());
  for (const std::string& tag : tags) {
    std::string_view trimmed = TrimAscii(tag);
    if (trimmed.empty() || seen.contains(trimmed)) continue;
    seen.insert(trimmed);
    result.emplace_back(trimmed);
  }
  return result;
}

}  // namespace kefu::domain
