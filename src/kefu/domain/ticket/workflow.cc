#include "kefu/domain/ticket/workflow.h"

#include <string>

namespace kefu::domain {
namespace {

using enum TicketStatus;

constexpr TimeMs kMsPerDay = 86'400'000;

struct Edge {
  TicketStatus from;
  TicketStatus to;
};

// The table in workflow.h, one row per allowed edge.
constexpr Edge kEdges[] = {
    {kNew, kOpen},
    {kNew, kInProgress},
    {kNew, kPending},
    {kNew, kResolved},
    {kNew, kClosed},
    {kNew, kEscalated},
    {kOpen, kInProgress},
    {kOpen, kPending},
    {kOpen, kResolved},
    {kOpen, kEscalated},
    {kInProgress, kOpen},
    {kInProgress, kPending},
    {kInProgress, kResolved},
    {kInProgress, kEscalated},
    {kPending, kOpen},
    {kPending, kInProgress},
    {kPending, kResolved},
    {kPending, kEscalated},
    {kResolved, kOpen},
    {kResolved, kInProgress},
    {kResolved, kClosed},
    {kResolved, kEscalated},
    {kClosed, kOpen},
    {kEscalated, kOpen},
    {kEscalated, kInProgress},
    {kEscalated, kPending},
    {kEscalated, kResolved},
};

bool HasEdge(TicketStatus from, TicketStatus to) {
  for (const Edge& edge : kEdges) {
    if (edge.from == from && edge.to == to) return true;
  }
  return false;
}

}  // namespace

std::vector<TicketStatus> AllowedTransitions(TicketStatus from) {
  std::vector<TicketStatus> targets;
  for (TicketStatus to : kAllTicketStatuses) {
    if (HasEdge(from, to)) targets.push_back(to);
  }
  return targets;
}

bool IsTransitionAllowed(TicketStatus from, TicketStatus to) {
  return from == to || HasEdge(from, to);
}

Status CheckTransition(TicketStatus from, TicketStatus to) {
  if (IsTransitionAllowed(from, to)) return OkStatus();
  Error error = Conflict("cannot change ticket status from '" + std::string(ToString(from)) +
                         "' to '" + std::string(ToString(to)) + "'");
  for (TicketStatus target : AllowedTransitions(from)) {
    error.allowed.emplace_back(ToString(target));
  }
  return error;
}

bool IsUnresolved(TicketStatus status) { return status != kResolved && status != kClosed; }

ReopenDecision OnCustomerReply(const Ticket& ticket, TimeMs now, int reopen_window_days) {
  switch (ticket.status) {
    case kResolved:
    case kPending:
      return {ReopenDecision::kReopen, kOpen};
    case kClosed: {
      bool within_window = reopen_window_days > 0 && ticket.closed_at.has_value() &&
                           now - *ticket.closed_at <= reopen_window_days * kMsPerDay;
      if (within_window) return {ReopenDecision::kReopen, kOpen};
      return {ReopenDecision::kNewLinkedTicket, kNew};
    }
    case kNew:
    case kOpen:
    case kInProgress:
    case kEscalated:
      break;
  }
  return {ReopenDecision::kNoChange, ticket.status};
}

void ApplyStatusChange(Ticket& ticket, TicketStatus to, TimeMs now) {
  if (ticket.status == to) return;
  ticket.status = to;
  ticket.updated_at = now;
  switch (to) {
    case kResolved:
      ticket.resolved_at = now;
      ticket.closed_at.reset();
      return;
    case kClosed:
      ticket.closed_at = now;
      return;
    case kNew:
    case kOpen:
    case kInProgress:
    case kPending:
    case kEscalated:
      ticket.resolved_at.reset();
      ticket.closed_at.reset();
      return;
  }
}

}  // namespace kefu::domain
