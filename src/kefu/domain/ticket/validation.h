#pragma once

#include <cstddef>

#include "kefu/common/result.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::domain {

inline constexpr std::size_t kMaxTicketSubjectLength = 200;         // code points
inline constexpr std::size_t kMaxTicketDescriptionBytes = 100'000;  // UTF-8 bytes
inline constexpr std::size_t kMaxTicketFollowers = 100;

// Checks the client-editable content of a ticket (on create and after applying an
// update). kInvalidArgument with one FieldError per problem:
// - "subject": 1..kMaxTicketSubjectLength code points, valid UTF-8, not blank, no
//   control characters;
// - "description": at most kMaxTicketDescriptionBytes bytes, valid UTF-8 (newlines and
//   tabs allowed, other control characters not); may be empty;
// - "tags", "tags[i]": the shared tag rule (see tags.h);
// - "follower_ids", "follower_ids[i]": ids > 0, no duplicates, at most
//   kMaxTicketFollowers;
// - "merged_into_id": not the ticket itself.
// Does not check custom_fields (use ValidateCustomFieldValues with the definitions)
// nor whether referenced rows (requester, category, department, assignee) exist.
Status ValidateTicketInput(const Ticket& ticket);

}  // namespace kefu::domain
