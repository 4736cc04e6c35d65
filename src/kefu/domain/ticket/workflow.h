#pragma once

#include <vector>

#include "kefu/common/clock.h"
#include "kefu/common/result.h"
#include "kefu/domain/ticket/ticket.h"

namespace kefu::domain {

// The ticket status machine. Rows are the current status, columns the target; "Y" is
// an allowed change, "-" is the same status (always accepted as a no-op).
//
//   from \ to     new open in_progress pending resolved closed escalated
//   new            -    Y       Y         Y        Y       Y        Y
//   open           .    -       Y         Y        Y       .        Y
//   in_progress    .    Y       -         Y        Y       .        Y
//   pending        .    Y       Y         -        Y       .        Y
//   resolved       .    Y       Y         .        -       Y        Y
//   closed         .    Y       .         .        .       -        .
//   escalated      .    Y       Y         Y        Y       .        -
//
// Meaning of the states and of the less obvious edges:
// - new: not yet looked at. Nothing ever returns to new.
// - open: triaged, waiting in the queue. in_progress -> open puts a ticket back.
// - pending: waiting on the customer. A customer reply moves it to open.
// - resolved: an answer was given, awaiting the customer's confirmation. The
//   customer confirming (or the auto-close job) closes it; the customer saying it is
//   not fixed reopens it (-> open, or -> in_progress when the agent picks it up).
// - closed: final, except for a reopen (-> open) by a customer reply within the
//   reopen window (see OnCustomerReply) or by an agent. A closed ticket is never
//   escalated; after the window a customer reply creates a linked follow-up ticket.
// - escalated: the current level cannot resolve it. Any status except closed can be
//   escalated; the higher level then works it (-> in_progress), returns it to the
//   queue (-> open), asks the customer (-> pending) or resolves it.
// - new -> closed is for spam, duplicates and tickets created in error. Every other
//   ticket reaches closed only through resolved.
// Merging is not a status change through this table: the merge use case closes the
//   source ticket directly with ApplyStatusChange.

// The statuses `from` may change to, in the order of kAllTicketStatuses; never
// includes `from` itself.
std::vector<TicketStatus> AllowedTransitions(TicketStatus from);

// True if `from` -> `to` is in the table above or from == to.
bool IsTransitionAllowed(TicketStatus from, TicketStatus to);

// OkStatus() if IsTransitionAllowed(from, to). Otherwise kConflict with the message
// "cannot change ticket status from 'pending' to 'closed'" and Error::allowed holding
// the wire names of AllowedTransitions(from) (so the client can offer them).
Status CheckTransition(TicketStatus from, TicketStatus to);

// True for the statuses that still need work from the team (new, open, in_progress,
// pending, escalated); false for resolved and closed. Agent load (open ticket counts
// for assignment) counts tickets in these statuses.
bool IsUnresolved(TicketStatus status);

// What a customer's public reply does to an existing ticket.
struct ReopenDecision {
  enum Kind {
    kNoChange,         // keep the status; new_status == the ticket's status
    kReopen,           // set the ticket's status to new_status (always kOpen)
    kNewLinkedTicket,  // leave this ticket closed; create a follow-up ticket with
                       // status new_status (kNew) linked to it as kRelated
  } kind;
  TicketStatus new_status;
};

// Decides what a customer reply at `now` does to `ticket`:
// - resolved -> kReopen to open (the customer is not satisfied or has more to say);
// - pending -> kReopen to open (the customer answered; reported as kReopen too, so
//   callers that count reopens should check the previous status is resolved/closed);
// - closed with closed_at and now - closed_at <= reopen_window_days days -> kReopen to
//   open; closed after the window, without closed_at, or with reopen_window_days <= 0
//   -> kNewLinkedTicket;
// - new, open, in_progress, escalated -> kNoChange.
// REQUIRES: the ticket is not merged (the caller follows merged_into_id first).
ReopenDecision OnCustomerReply(const Ticket& ticket, TimeMs now, int reopen_window_days);

// Sets ticket.status = to and keeps the status timestamps in step:
// - to resolved: resolved_at = now, closed_at cleared;
// - to closed: closed_at = now; resolved_at is kept (unset for tickets closed
//   without being resolved, e.g. spam);
// - to any other status: resolved_at and closed_at are cleared (a reopen).
// Also sets updated_at = now. Does nothing at all when to == ticket.status. Does not
// check the transition (call CheckTransition first) and does not bump `version`.
void ApplyStatusChange(Ticket& ticket, TicketStatus to, TimeMs now);

}  // namespace kefu::domain
