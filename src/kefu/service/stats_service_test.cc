#include "kefu/service/stats_service.h"

#include <gtest/gtest.h>

#include "kefu/service/test_fixture.h"

namespace kefu::service {
namespace {

using domain::Channel;
using domain::Priority;
using domain::TicketStatus;

constexpr TimeMs kHour = 3'600'000;

class StatsServiceTest : public ::testing::Test, public ServiceFixture {
 protected:
  StatsServiceTest() : stats_(ctx_) {}

  domain::Ticket MustTicket(std::optional<domain::Id> department, Channel channel,
                            Priority priority = Priority::kNormal,
                            std::optional<TimeMs> due_at = std::nullopt) {
    NewTicket t;
    t.subject = "退款未到账";
    t.requester_id = MustCustomer("张伟", "138" + std::to_string(10000000 + ++phones_));
    t.department_id = department;
    t.channel = channel;
    t.priority = priority;
    t.due_at = due_at;
    auto created = tickets_.Create(As(admin_id_), t, {});
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return *created;
  }

  Dashboard Board(domain::Id user) {
    auto board = stats_.GetDashboard(As(user));
    EXPECT_TRUE(board.ok()) << (board.ok() ? "" : board.error().message);
    return *board;
  }

  StatsService stats_;
  int phones_ = 0;
};

TEST_F(StatsServiceTest, DashboardFollowsVisibilityAndDays) {
  const TimeMs start = clock_.NowMs();  // 08:00 UTC
  auto urgent = MustTicket(support_, Channel::kWeb, Priority::kUrgent, start + kHour);
  ASSERT_EQ(urgent.assignee_id, agent_a_id_);  // round robin in 技术支持
  auto refund = MustTicket(finance_, Channel::kEmail, Priority::kNormal, start + kHour);
  MustTicket(std::nullopt, Channel::kPhone);
  clock_.Advance(24 * kHour + kHour);
  MustTicket(finance_, Channel::kChat);
  TicketPatch resolve;
  resolve.status = TicketStatus::kResolved;
  ASSERT_TRUE(tickets_.Update(As(admin_id_), refund.id, resolve, std::nullopt, {}).ok());

  Dashboard admin = Board(admin_id_);
  EXPECT_EQ(admin.generated_at, clock_.NowMs());
  EXPECT_EQ(admin.my_open, 0);
  EXPECT_EQ(admin.unassigned_in_my_departments, 0);  // the admin is in no department
  EXPECT_EQ(admin.urgent_open, 1);
  EXPECT_EQ(admin.overdue, 1);  // the refund was due too, but it is resolved
  EXPECT_EQ(admin.today.created, 1);
  EXPECT_EQ(admin.today.resolved, 1);
  ASSERT_EQ(admin.daily.size(), 14u);
  EXPECT_EQ(admin.daily.back().day, clock_.NowMs() / kStatsDayMs);
  EXPECT_EQ(admin.daily[12].day, start / kStatsDayMs);
  EXPECT_EQ(admin.daily[12].created, 3);
  EXPECT_EQ(admin.daily[12].resolved, 0);
  EXPECT_EQ(admin.daily[0].created, 0);
  EXPECT_EQ(admin.by_channel.size(), 6u);
  EXPECT_EQ(admin.by_channel[Channel::kWeb], 1);
  EXPECT_EQ(admin.by_channel[Channel::kChat], 1);
  EXPECT_EQ(admin.by_channel[Channel::kWechat], 0);
  EXPECT_EQ(admin.by_status.size(), 7u);
  EXPECT_EQ(admin.by_status[TicketStatus::kResolved], 1);
  EXPECT_EQ(admin.by_status[TicketStatus::kOpen] + admin.by_status[TicketStatus::kNew], 3);
  ASSERT_EQ(admin.agents_online.size(), 2u);
  for (const auto& d : admin.agents_online) {
    EXPECT_EQ(d.total, 1);
    EXPECT_EQ(d.online, 1);
  }

  Dashboard a = Board(agent_a_id_);  // 技术支持 and the unrouted queue
  EXPECT_EQ(a.my_open, 1);
  EXPECT_EQ(a.unassigned_in_my_departments, 0);
  EXPECT_EQ(a.urgent_open, 1);
  EXPECT_EQ(a.overdue, 1);
  EXPECT_EQ(a.by_status[TicketStatus::kResolved], 0);
  EXPECT_EQ(a.daily[12].created, 2);
  EXPECT_EQ(a.today.created, 0);
  EXPECT_EQ(a.by_channel[Channel::kEmail], 0);
  ASSERT_EQ(a.agents_online.size(), 1u);
  EXPECT_EQ(a.agents_online[0].department_id, support_);

  Dashboard b = Board(agent_b_id_);  // 财务 and the unrouted queue
  EXPECT_EQ(b.my_open, 0);
  EXPECT_EQ(b.unassigned_in_my_departments, 1);  // the chat ticket; the refund is resolved
  EXPECT_EQ(b.urgent_open, 0);
  EXPECT_EQ(b.overdue, 0);
  EXPECT_EQ(b.today.created, 1);
  EXPECT_EQ(b.today.resolved, 1);
  EXPECT_EQ(b.by_channel[Channel::kEmail], 1);
  EXPECT_EQ(b.by_channel[Channel::kPhone], 1);
  EXPECT_EQ(b.by_channel[Channel::kWeb], 0);
}

TEST_F(StatsServiceTest, OldDaysLeaveTheWindows) {
  MustTicket(finance_, Channel::kWechat);
  clock_.Advance(14 * 24 * kHour);
  Dashboard board = Board(admin_id_);
  for (const auto& day : board.daily) EXPECT_EQ(day.created, 0);
  EXPECT_EQ(board.by_channel[Channel::kWechat], 1);  // 30 days for channels
  clock_.Advance(16 * 24 * kHour);
  EXPECT_EQ(Board(admin_id_).by_channel[Channel::kWechat], 0);
}

TEST_F(StatsServiceTest, NeedsTicketReadPermission) {
  domain::Principal nobody;
  nobody.user_id = agent_a_id_;
  auto board = stats_.GetDashboard(nobody);
  ASSERT_FALSE(board.ok());
  EXPECT_EQ(board.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace kefu::service
