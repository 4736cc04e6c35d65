#include "kefu/service/ticket_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "kefu/service/test_fixture.h"

namespace kefu::service {
namespace {

using domain::TicketStatus;

class TicketServiceTest : public ::testing::Test, public ServiceFixture {
 protected:
  domain::Ticket MustTicket(std::optional<domain::Id> department,
                            const std::string& subject = "无法登录") {
    NewTicket t;
    t.subject = subject;
    t.requester_id = MustCustomer("张伟", "138" + std::to_string(10000000 + ++phones_));
    t.department_id = department;
    auto created = tickets_.Create(As(admin_id_), t, {});
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return *created;
  }
  int phones_ = 0;
};

TEST_F(TicketServiceTest, CategoryDefaultsAndRoundRobinAssignment) {
  domain::Category refunds;
  refunds.name = "退款申请";
  refunds.default_department_id = support_;
  refunds.default_priority = domain::Priority::kHigh;
  auto category = org_.CreateCategory(As(admin_id_), refunds, {});
  ASSERT_TRUE(category.ok());
  NewTicket t;
  t.subject = "申请退款";
  t.requester = CustomerInput{};
  t.requester->name = "李娜";
  t.requester->phones = std::vector<std::string>{"+86 139-1234-5678"};
  t.category_id = category->id;
  auto created = tickets_.Create(As(admin_id_), t, {});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->department_id, support_);
  EXPECT_EQ(created->priority, domain::Priority::kHigh);
  EXPECT_EQ(created->assignee_id, agent_a_id_);  // the only online agent in 技术支持
  EXPECT_EQ(created->status, TicketStatus::kOpen);
  EXPECT_EQ(created->number, "T-000001");
}

TEST_F(TicketServiceTest, ForbiddenTransitionNamesAllowedOnes) {
  auto ticket = MustTicket(finance_);
  TicketPatch patch;
  patch.status = TicketStatus::kPending;
  ASSERT_TRUE(tickets_.Update(As(admin_id_), ticket.id, patch, std::nullopt, {}).ok());
  patch.status = TicketStatus::kNew;
  auto bad = tickets_.Update(As(admin_id_), ticket.id, patch, std::nullopt, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(bad.error().allowed.empty());
}

TEST_F(TicketServiceTest, StaleIfMatchIsRejected) {
  auto ticket = MustTicket(finance_);
  TicketPatch patch;
  patch.priority = domain::Priority::kUrgent;
  ASSERT_TRUE(tickets_.Update(As(admin_id_), ticket.id, patch, ticket.version, {}).ok());
  patch.priority = domain::Priority::kLow;
  auto stale = tickets_.Update(As(admin_id_), ticket.id, patch, ticket.version, {});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
}

TEST_F(TicketServiceTest, ParallelUpdatesLoseNothing) {
  auto ticket = MustTicket(finance_);
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      TicketPatch patch;
      patch.add_tags = {"tag" + std::to_string(i)};
      EXPECT_TRUE(tickets_.Update(As(admin_id_), ticket.id, patch, std::nullopt, {}).ok());
    });
  }
  for (auto& t : threads) t.join();
  auto after = tickets_.Get(As(admin_id_), ticket.id);
  EXPECT_EQ(after->tags.size(), static_cast<size_t>(kThreads));
  EXPECT_EQ(after->version, ticket.version + kThreads);
}

TEST_F(TicketServiceTest, AgentsSeeOnlyTheirDepartments) {
  auto finance_ticket = MustTicket(finance_);
  auto denied = tickets_.Get(As(agent_a_id_), finance_ticket.id);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(tickets_.Get(As(agent_b_id_), finance_ticket.id).ok());
  auto page = tickets_.List(As(agent_a_id_), {});
  for (const auto& t : page->items) EXPECT_NE(t.department_id, finance_);
}

TEST_F(TicketServiceTest, CustomerReplyReopensResolvedAndFollowsUpOldClosed) {
  auto ticket = MustTicket(finance_);
  TicketPatch resolve;
  resolve.status = TicketStatus::kResolved;
  ASSERT_TRUE(tickets_.Update(As(admin_id_), ticket.id, resolve, std::nullopt, {}).ok());
  NewMessage reply;
  reply.body = "还是不行";
  reply.from_customer = true;
  auto added = tickets_.AddMessage(As(admin_id_), ticket.id, reply, {});
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->ticket.status, TicketStatus::kOpen);

  TicketPatch close;
  close.status = TicketStatus::kClosed;
  ASSERT_TRUE(tickets_.Update(As(admin_id_), ticket.id, resolve, std::nullopt, {}).ok());
  ASSERT_TRUE(tickets_.Update(As(admin_id_), ticket.id, close, std::nullopt, {}).ok());
  clock_.Advance(30LL * 86'400'000);  // well past the 7-day reopen window
  auto late = tickets_.AddMessage(As(admin_id_), ticket.id, reply, {});
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_TRUE(late->created_follow_up);
  EXPECT_NE(late->ticket.id, ticket.id);
  auto links = tickets_.Links(As(admin_id_), late->ticket.id);
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ(links->front().other_id, ticket.id);
}

TEST_F(TicketServiceTest, MergeMovesMessagesAndClosesSource) {
  auto source = MustTicket(finance_, "重复");
  auto target = MustTicket(finance_, "原始");
  NewMessage note;
  note.body = "first";
  ASSERT_TRUE(tickets_.AddMessage(As(admin_id_), source.id, note, {}).ok());
  auto merged = tickets_.Merge(As(admin_id_), source.id, target.id, {});
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  auto src = tickets_.Get(As(admin_id_), source.id);
  EXPECT_EQ(src->status, TicketStatus::kClosed);
  EXPECT_EQ(src->merged_into_id, target.id);
  auto messages = tickets_.Messages(As(admin_id_), target.id);
  EXPECT_EQ(messages->size(), 2u);  // the moved reply + the system note
  auto again = tickets_.Merge(As(admin_id_), source.id, target.id, {});
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto agent = tickets_.Merge(As(agent_b_id_), target.id, source.id, {});
  EXPECT_EQ(agent.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(TicketServiceTest, TransferNeedsReasonAndWritesHistory) {
  auto ticket = MustTicket(finance_);
  auto no_reason = tickets_.Transfer(As(admin_id_), ticket.id, support_, "", {});
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidArgument);
  auto moved = tickets_.Transfer(As(admin_id_), ticket.id, support_, "需要技术排查", {});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->department_id, support_);
  EXPECT_EQ(moved->assignee_id, agent_a_id_);  // round robin in the new department
  auto history = tickets_.History(As(admin_id_), ticket.id);
  bool saw_transfer = false;
  for (const auto& e : *history) saw_transfer |= e.type == domain::kEventTicketTransferred;
  EXPECT_TRUE(saw_transfer);
}

TEST_F(TicketServiceTest, CountsComeFromCounters) {
  MustTicket(finance_);
  MustTicket(finance_);
  auto counts = tickets_.Counts(As(agent_b_id_));
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->visible.at(TicketStatus::kNew), 2);
  EXPECT_EQ(counts->unassigned.at(TicketStatus::kNew), 2);
  EXPECT_EQ(counts->mine.at(TicketStatus::kNew), 0);
}

TEST_F(TicketServiceTest, BulkReportsPerTicket) {
  auto a = MustTicket(finance_);
  auto b = MustTicket(finance_);
  TicketPatch patch;
  patch.priority = domain::Priority::kUrgent;
  auto bulk = tickets_.Bulk(As(admin_id_), {a.id, b.id, 999}, patch, {});
  ASSERT_TRUE(bulk.ok());
  auto& results = *bulk;
  ASSERT_EQ(results.size(), 3u);
  EXPECT_FALSE(results[0].error);
  EXPECT_FALSE(results[1].error);
  ASSERT_TRUE(results[2].error);
  EXPECT_EQ(results[2].error->code, ErrorCode::kNotFound);
  EXPECT_EQ(tickets_.Bulk(As(agent_b_id_), {a.id}, patch, {}).error().code,
            ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace kefu::service
