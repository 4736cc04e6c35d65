#include <gtest/gtest.h>

#include "kefu/storage/sqlite/test_support.h"

namespace kefu::storage::sqlite {
namespace {

using domain::Ticket;
using domain::TicketStatus;

class TicketRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t_.store()
                    .Write([&](Tx& tx) -> Status {
                      domain::Customer c;
                      c.name = "王芳";
                      c.created_at = c.updated_at = 1;
                      KEFU_RETURN_IF_ERROR(tx.customers().Insert(c));
                      customer_id_ = c.id;
                      domain::Department d;
                      d.name = "技术支持";
                      KEFU_RETURN_IF_ERROR(tx.org().InsertDepartment(d));
                      department_id_ = d.id;
                      return OkStatus();
                    })
                    .ok());
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

}  // namespace
}  // namespace kefu::storage::sqlite
