#include <gtest/gtest.h>

#include "kefu/storage/sqlite/test_support.h"

namespace kefu::storage::sqlite {
namespace {

using domain::Ticket;
using domain::TicketStatus;

class TicketRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TicketOwners owners = InsertTicketOwners(t_.store(), {"技术支持"});
    customer_id_ = owners.customer_id;
    department_id_ = owners.department_ids[0];
  }

  Ticket Insert(const std::string& subject, TicketStatus status, TimeMs updated,
                std::vector<std::string> tags = {}) {
    Ticket ticket;
    ticket.subject = subject;
    ticket.requester_id = customer_id_;
    ticket.status = status;
    ticket.department_id = department_id_;
    ticket.created_at = updated;
    ticket.updated_at = updated;
    ticket.tags = std::move(tags);
    EXPECT_TRUE(
        t_.store().Write([&](Tx& tx) -> Status { return tx.tickets().Insert(ticket); }).ok());
    return ticket;
  }

  TempStore t_;
  domain::Id customer_id_ = 0;
  domain::Id department_id_ = 0;
};

TEST_F(TicketRepoTest, InsertAssignsNumberAndVersion) {
  Ticket ticket = Insert("无法登录", TicketStatus::kNew, 100);
  EXPECT_EQ(ticket.number, "T-000001");
  EXPECT_EQ(ticket.version, 1);
}

TEST_F(TicketRepoTest, StaleVersionIsPreconditionFailed) {
  Ticket ticket = Insert("退款", TicketStatus::kNew, 100);
  ticket.subject = "退款申请";
  ASSERT_TRUE(
      t_.store().Write([&](Tx& tx) -> Status { return tx.tickets().Update(ticket, 1); }).ok());
  EXPECT_EQ(ticket.version, 2);
  Status stale = t_.store().Write([&](Tx& tx) -> Status { return tx.tickets().Update(ticket, 1); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
}

TEST_F(TicketRepoTest, ListFiltersAndPagesWithCursor) {
  for (int i = 0; i < 7; ++i) Insert("open " + std::to_string(i), TicketStatus::kOpen, 100 + i);
  Insert("pending", TicketStatus::kPending, 200, {"vip"});
  TicketQuery q;
  q.statuses = {TicketStatus::kOpen};
  q.limit = 3;
  std::vector<std::string> seen;
  for (int page_no = 0; page_no < 5; ++page_no) {
    Page<Ticket> page;
    ASSERT_TRUE(t_.store()
                    .Read([&](Tx& tx) -> Status {
                      KEFU_ASSIGN_OR_RETURN(page, tx.tickets().List(q));
                      return OkStatus();
                    })
                    .ok());
    for (auto& item : page.items) seen.push_back(item.subject);
    if (page.next_cursor.empty()) break;
    q.cursor = page.next_cursor;
  }
  ASSERT_EQ(seen.size(), 7u);
  EXPECT_EQ(seen.front(), "open 6");  // newest first
  EXPECT_EQ(seen.back(), "open 0");

  TicketQuery by_tag;
  by_tag.tag = "vip";
  ASSERT_TRUE(t_.store()
                  .Read([&](Tx& tx) -> Status {
                    auto page = tx.tickets().List(by_tag);
                    EXPECT_EQ(page->items.size(), 1u);
                    return OkStatus();
                  })
                  .ok());
}

TEST_F(TicketRepoTest, MalformedCursorIsInvalidArgument) {
  TicketQuery q;
  q.cursor = "not-a-cursor";
  Status st =
      t_.store().Read([&](Tx& tx) -> Status { return Status(tx.tickets().List(q).error()); });
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(TicketRepoTest, CountersFollowStatusChanges) {
  Ticket a = Insert("a", TicketStatus::kNew, 1);
  Insert("b", TicketStatus::kNew, 2);
  a.status = TicketStatus::kOpen;
  a.assignee_id = std::nullopt;
  ASSERT_TRUE(t_.store().Write([&](Tx& tx) -> Status { return tx.tickets().Update(a, 1); }).ok());
  StatusCounts counts;
  ASSERT_TRUE(t_.store()
                  .Read([&](Tx& tx) -> Status {
                    KEFU_ASSIGN_OR_RETURN(counts, tx.tickets().CountByStatus({}));
                    return OkStatus();
                  })
                  .ok());
  EXPECT_EQ(counts[TicketStatus::kNew], 1);
  EXPECT_EQ(counts[TicketStatus::kOpen], 1);
  EXPECT_EQ(counts[TicketStatus::kClosed], 0);
}

TEST_F(TicketRepoTest, AssignmentCandidatesCarryStateAndUnresolvedLoad) {
  domain::Id busy = 0;
  domain::Id idle = 0;
  ASSERT_TRUE(t_.store()
                  .Write([&](Tx& tx) -> Status {
                    for (const char* name : {"busy", "idle", "elsewhere"}) {
                      domain::User u;
                      u.email = std::string(name) + "@kefu.test";
                      u.name = name;
                      u.role = "agent";
                      u.presence = domain::Presence::kOnline;
                      u.skills = {{"退款", 4}};
                      if (std::string(name) != "elsewhere") {
                        u.departments = {{department_id_, false}};
                      }
                      KEFU_RETURN_IF_ERROR(tx.users().Insert(u));
                      if (std::string(name) == "busy") busy = u.id;
                      if (std::string(name) == "idle") idle = u.id;
                    }
                    return tx.users().SetLastAssignedAt(idle, 777);
                  })
                  .ok());
  Ticket open = Insert("a", TicketStatus::kOpen, 1);
  Ticket pending = Insert("b", TicketStatus::kPending, 2);
  Ticket resolved = Insert("c", TicketStatus::kResolved, 3);
  for (Ticket* ticket : {&open, &pending, &resolved}) {
    ticket->assignee_id = busy;
    ASSERT_TRUE(
        t_.store().Write([&](Tx& tx) -> Status { return tx.tickets().Update(*ticket, 1); }).ok());
  }
  std::vector<domain::AgentCandidate> candidates;
  ASSERT_TRUE(t_.store()
                  .Read([&](Tx& tx) -> Status {
                    KEFU_ASSIGN_OR_RETURN(candidates,
                                          tx.users().AssignmentCandidates(department_id_));
                    return OkStatus();
                  })
                  .ok());
  ASSERT_EQ(candidates.size(), 2u);  // not the member of no department
  EXPECT_EQ(candidates[0].user_id, busy);
  EXPECT_EQ(candidates[0].open_tickets, 2);  // the resolved one does not count
  EXPECT_EQ(candidates[0].presence, domain::Presence::kOnline);
  ASSERT_EQ(candidates[0].skills.size(), 1u);
  EXPECT_EQ(candidates[0].skills[0].level, 4);
  EXPECT_EQ(candidates[1].user_id, idle);
  EXPECT_EQ(candidates[1].open_tickets, 0);
  EXPECT_EQ(candidates[1].last_assigned_at, 777);
  EXPECT_TRUE(candidates[1].active);
}

}  // namespace
}  // namespace kefu::storage::sqlite
