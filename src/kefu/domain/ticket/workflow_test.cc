#include "kefu/domain/ticket/workflow.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu::domain {
namespace {

using enum TicketStatus;

constexpr TimeMs kDay = 86'400'000;
constexpr TimeMs kNow = 1'795'420'800'000;  // 2026-11-23T08:00:00Z

// Expected table, written out independently of the implementation. Row = from,
// column = to, in kAllTicketStatuses order: new open in_progress pending resolved
// closed escalated. 1 = allowed change, 0 = rejected, S = same status (no-op, accepted).
constexpr char kExpected[7][8] = {
    "S111111",  // new
    "0S11101",  // open
    "01S1101",  // in_progress
    "011S101",  // pending
    "0110S11",  // resolved
    "01000S0",  // closed
    "011110S",  // escalated
};

TEST(WorkflowTest, EveryPairMatchesTheTable) {
  for (int f = 0; f < 7; ++f) {
    for (int t = 0; t < 7; ++t) {
      TicketStatus from = kAllTicketStatuses[f];
      TicketStatus to = kAllTicketStatuses[t];
      bool expected = kExpected[f][t] != '0';
      SCOPED_TRACE(std::string(ToString(from)) + " -> " + std::string(ToString(to)));
      EXPECT_EQ(IsTransitionAllowed(from, to), expected);
      Status status = CheckTransition(from, to);
      EXPECT_EQ(status.ok(), expected);
      if (!expected) {
        EXPECT_EQ(status.error().code, ErrorCode::kConflict);
      }
    }
  }
}

TEST(WorkflowTest, AllowedTransitionsMatchTheTableInOrder) {
  for (int f = 0; f < 7; ++f) {
    std::vector<TicketStatus> expected;
    for (int t = 0; t < 7; ++t) {
      if (kExpected[f][t] == '1') expected.push_back(kAllTicketStatuses[t]);
    }
    EXPECT_EQ(AllowedTransitions(kAllTicketStatuses[f]), expected)
        << ToString(kAllTicketStatuses[f]);
  }
}

TEST(WorkflowTest, NoStatusReturnsToNewAndClosedOnlyReopens) {
  for (TicketStatus from : kAllTicketStatuses) {
    if (from == kNew) continue;
    EXPECT_FALSE(IsTransitionAllowed(from, kNew)) << ToString(from);
  }
  EXPECT_EQ(AllowedTransitions(kClosed), std::vector<TicketStatus>{kOpen});
}

TEST(WorkflowTest, EveryNonClosedStatusCanEscalate) {
  for (TicketStatus from : kAllTicketStatuses) {
    EXPECT_EQ(IsTransitionAllowed(from, kEscalated), from != kClosed) << ToString(from);
  }
}

TEST(WorkflowTest, ConflictNamesBothStatesAndListsAllowedTargets) {
  Status status = CheckTransition(kPending, kClosed);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "cannot change ticket status from 'pending' to 'closed'");
  EXPECT_EQ(status.error().allowed,
            (std::vector<std::string>{"open", "in_progress", "resolved", "escalated"}));

  Status from_closed = CheckTransition(kClosed, kEscalated);
  ASSERT_FALSE(from_closed.ok());
  EXPECT_EQ(from_closed.error().allowed, std::vector<std::string>{"open"});
}

TEST(WorkflowTest, IsUnresolved) {
  EXPECT_TRUE(IsUnresolved(kNew));
  EXPECT_TRUE(IsUnresolved(kOpen));
  EXPECT_TRUE(IsUnresolved(kInProgress));
  EXPECT_TRUE(IsUnresolved(kPending));
  EXPECT_TRUE(IsUnresolved(kEscalated));
  EXPECT_FALSE(IsUnresolved(kResolved));
  EXPECT_FALSE(IsUnresolved(kClosed));
}

Ticket WithStatus(TicketStatus status) {
  Ticket ticket;
  ticket.status = status;
  return ticket;
}

TEST(OnCustomerReplyTest, ActiveStatusesDoNotChange) {
  for (TicketStatus status : {kNew, kOpen, kInProgress, kEscalated}) {
    ReopenDecision decision = OnCustomerReply(WithStatus(status), kNow, 7);
    EXPECT_EQ(decision.kind, ReopenDecision::kNoChange) << ToString(status);
    EXPECT_EQ(decision.new_status, status);
  }
}

TEST(OnCustomerReplyTest, ResolvedAndPendingGoBackToOpen) {
  for (TicketStatus status : {kResolved, kPending}) {
    ReopenDecision decision = OnCustomerReply(WithStatus(status), kNow, 7);
    EXPECT_EQ(decision.kind, ReopenDecision::kReopen) << ToString(status);
    EXPECT_EQ(decision.new_status, kOpen);
    EXPECT_TRUE(IsTransitionAllowed(status, decision.new_status));
  }
  // The window only matters for closed tickets.
  EXPECT_EQ(OnCustomerReply(WithStatus(kResolved), kNow, 0).kind, ReopenDecision::kReopen);
}

TEST(OnCustomerReplyTest, ClosedReopensWithinTheWindowInclusive) {
  Ticket ticket = WithStatus(kClosed);
  ticket.closed_at = kNow - 7 * kDay;
  ReopenDecision at_edge = OnCustomerReply(ticket, kNow, 7);
  EXPECT_EQ(at_edge.kind, ReopenDecision::kReopen);
  EXPECT_EQ(at_edge.new_status, kOpen);
  EXPECT_TRUE(IsTransitionAllowed(kClosed, at_edge.new_status));

  ticket.closed_at = kNow - 1;
  EXPECT_EQ(OnCustomerReply(ticket, kNow, 1).kind, ReopenDecision::kReopen);
  ticket.closed_at = kNow + 5000;  // clock skew: closed "in the future"
  EXPECT_EQ(OnCustomerReply(ticket, kNow, 1).kind, ReopenDecision::kReopen);
}

TEST(OnCustomerReplyTest, ClosedAfterTheWindowGetsALinkedTicket) {
  Ticket ticket = WithStatus(kClosed);
  ticket.closed_at = kNow - 7 * kDay - 1;
  ReopenDecision decision = OnCustomerReply(ticket, kNow, 7);
  EXPECT_EQ(decision.kind, ReopenDecision::kNewLinkedTicket);
  EXPECT_EQ(decision.new_status, kNew);

  ticket.closed_at = kNow - 1;
  EXPECT_EQ(OnCustomerReply(ticket, kNow, 0).kind, ReopenDecision::kNewLinkedTicket);
  EXPECT_EQ(OnCustomerReply(ticket, kNow, -3).kind, ReopenDecision::kNewLinkedTicket);

  ticket.closed_at.reset();  // legacy row without a close time
  EXPECT_EQ(OnCustomerReply(ticket, kNow, 30).kind, ReopenDecision::kNewLinkedTicket);
}

TEST(OnCustomerReplyTest, LargeWindowDoesNotOverflow) {
  Ticket ticket = WithStatus(kClosed);
  ticket.closed_at = kNow - 3650 * kDay;
  EXPECT_EQ(OnCustomerReply(ticket, kNow, 3651).kind, ReopenDecision::kReopen);
  EXPECT_EQ(OnCustomerReply(ticket, kNow, 3649).kind, ReopenDecision::kNewLinkedTicket);
}

TEST(ApplyStatusChangeTest, ResolveThenCloseKeepsResolvedAt) {
  Ticket ticket = WithStatus(kInProgress);
  ApplyStatusChange(ticket, kResolved, kNow);
  EXPECT_EQ(ticket.status, kResolved);
  EXPECT_EQ(ticket.resolved_at, kNow);
  EXPECT_FALSE(ticket.closed_at);
  EXPECT_EQ(ticket.updated_at, kNow);

  ApplyStatusChange(ticket, kClosed, kNow + kDay);
  EXPECT_EQ(ticket.status, kClosed);
  EXPECT_EQ(ticket.resolved_at, kNow);
  EXPECT_EQ(ticket.closed_at, kNow + kDay);
  EXPECT_EQ(ticket.updated_at, kNow + kDay);
}

TEST(ApplyStatusChangeTest, SpamCloseHasNoResolvedAt) {
  Ticket ticket = WithStatus(kNew);
  ApplyStatusChange(ticket, kClosed, kNow);
  EXPECT_EQ(ticket.closed_at, kNow);
  EXPECT_FALSE(ticket.resolved_at);
}

TEST(ApplyStatusChangeTest, ReopenClearsBothTimestamps) {
  for (TicketStatus to : {kOpen, kInProgress, kPending, kEscalated, kNew}) {
    Ticket ticket = WithStatus(kClosed);
    ticket.resolved_at = kNow - 2 * kDay;
    ticket.closed_at = kNow - kDay;
    ApplyStatusChange(ticket, to, kNow);
    EXPECT_EQ(ticket.status, to);
    EXPECT_FALSE(ticket.resolved_at) << ToString(to);
    EXPECT_FALSE(ticket.closed_at) << ToString(to);
  }
}

TEST(ApplyStatusChangeTest, ResolvingAgainRestampsAndClearsClosedAt) {
  Ticket ticket = WithStatus(kEscalated);
  ticket.resolved_at = kNow - 5 * kDay;  // stale values from an earlier cycle
  ticket.closed_at = kNow - 4 * kDay;
  ApplyStatusChange(ticket, kResolved, kNow);
  EXPECT_EQ(ticket.resolved_at, kNow);
  EXPECT_FALSE(ticket.closed_at);
}

TEST(ApplyStatusChangeTest, SameStatusIsANoOp) {
  Ticket ticket = WithStatus(kResolved);
  ticket.resolved_at = kNow - kDay;
  ticket.updated_at = kNow - kDay;
  std::int64_t version = ticket.version;
  ApplyStatusChange(ticket, kResolved, kNow);
  EXPECT_EQ(ticket.resolved_at, kNow - kDay);
  EXPECT_EQ(ticket.updated_at, kNow - kDay);
  EXPECT_EQ(ticket.version, version);
}

}  // namespace
}  // namespace kefu::domain
