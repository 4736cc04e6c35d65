#include "kefu/domain/ticket/validation.h"

#include <set>
#include <string>
#include <vector>

#include "kefu/domain/tags.h"
#include "kefu/domain/text.h"

namespace kefu::domain {

Status ValidateTicketInput(const Ticket& ticket) {
  std::vector<FieldError> errors;
  if (std::string issue = CheckLineText(ticket.subject, 1, kMaxTicketSubjectLength);
      !issue.empty()) {
    errors.push_back({"subject", std::move(issue)});
  }
  if (ticket.description.size() > kMaxTicketDescriptionBytes) {
    errors.push_back({"description",
                      "must be at most " + std::to_string(kMaxTicketDescriptionBytes) + " bytes"});
  } else if (!Utf8Length(ticket.description)) {
    errors.push_back({"description", "must be valid UTF-8"});
  } else if (HasControlChars(ticket.description, /*allow_newlines=*/true)) {
    errors.push_back({"description", "must not contain control characters"});
  }
  CheckTags("tags", ticket.tags, &errors);
  if (ticket.follower_ids.size() > kMaxTicketFollowers) {
    errors.push_back(
        {"follower_ids", "must have at most " + std::to_string(kMaxTicketFollowers) + " entries"});
  }
  std::set<Id> followers;
  for (std::size_t i = 0; i < ticket.follower_ids.size(); ++i) {
    Id follower = ticket.follower_ids[i];
    std::string field = "follower_ids[" + std::to_string(i) + "]";
    if (follower <= 0) {
      errors.push_back({field, "must be a user id"});
    } else if (!followers.insert(follower).second) {
      errors.push_back({field, "is a duplicate"});
    }
  }
  if (ticket.merged_into_id && ticket.id != 0 && *ticket.merged_into_id == ticket.id) {
    errors.push_back({"merged_into_id", "a ticket cannot be merged into itself"});
  }
  if (errors.empty()) return OkStatus();
  return InvalidArgument("invalid ticket", std::move(errors));
}

}  // namespace kefu::domain
