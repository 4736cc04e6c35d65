#include "kefu/service/customer_service.h"

#include <gtest/gtest.h>

#include "kefu/events/audit_listener.h"
#include "kefu/events/dispatcher.h"
#include "kefu/service/test_fixture.h"

namespace kefu::service {
namespace {

class CustomerServiceTest : public ::testing::Test, public ServiceFixture {};

TEST_F(CustomerServiceTest, NormalizesContactsAndFindsByAnyFormat) {
  CustomerInput in;
  in.name = "王芳";
  in.phones = std::vector<std::string>{"138 1234 8000"};
  in.emails = std::vector<std::string>{" Wang.Fang@Example.COM "};
  auto c = customers_.Create(As(admin_id_), in, {});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->phones.front(), "+8613812348000");
  EXPECT_EQ(c->emails.front(), "wang.fang@example.com");
  for (const char* query :
       {"+86 138-1234-8000", "13812348000", "1234", "wang.fang@example.com", "王"}) {
    CustomerSearch s;
    s.q = query;
    auto page = customers_.Search(As(agent_a_id_), s);
    ASSERT_TRUE(page.ok()) << query;
    ASSERT_EQ(page->items.size(), 1u) << query;
    EXPECT_EQ(page->items.front().id, c->id);
  }
}

TEST_F(CustomerServiceTest, APhoneBelongsToOneCustomer) {
  MustCustomer("甲", "13800000001");
  CustomerInput in;
  in.name = "乙";
  in.phones = std::vector<std::string>{"+8613800000001"};
  auto dup = customers_.Create(As(admin_id_), in, {});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
}

TEST_F(CustomerServiceTest, InvalidInputListsEveryField) {
  CustomerInput in;
  in.name = "";
  in.phones = std::vector<std::string>{"not a phone"};
  in.membership_level = 9;
  auto bad = customers_.Create(As(admin_id_), in, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_GE(bad.error().fields.size(), 2u);
}

TEST_F(CustomerServiceTest, MergeMovesTicketsAndIdentitiesAndIsAudited) {
  domain::Id a = MustCustomer("刘洋", "13900000001");
  domain::Id b = MustCustomer("刘洋(微信)", "13900000002");
  NewTicket t;
  t.subject = "发票";
  t.requester_id = b;
  ASSERT_TRUE(tickets_.Create(As(admin_id_), t, {}).ok());
  auto merged = customers_.Merge(As(admin_id_), a, b, {"10.0.0.1", ""});
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged->moved_tickets, 1);
  EXPECT_EQ(merged->moved_identities, 1);
  EXPECT_EQ(merged->customer.phones.size(), 2u);
  CustomerSearch s;
  s.q = "13900000002";
  EXPECT_EQ(customers_.Search(As(admin_id_), s)->items.front().id, a);
  auto forbidden = customers_.Merge(As(agent_a_id_), a, b, {});
  EXPECT_EQ(forbidden.error().code, ErrorCode::kPermissionDenied);

  events::Dispatcher dispatcher(temp_.store(), bus_);
  dispatcher.AddListener(std::make_unique<events::AuditListener>());
  ASSERT_TRUE(dispatcher.RunUntilIdle().ok());
  storage::AuditQuery q;
  q.action = "customer.merged";
  auto audit = org_.ListAudit(As(admin_id_), q);
  ASSERT_EQ(audit->items.size(), 1u);
  EXPECT_EQ(audit->items.front().ip, "10.0.0.1");
}

TEST_F(CustomerServiceTest, RevealNeedsPermission) {
  domain::Id id = MustCustomer("陈静", "13700000001");
  EXPECT_EQ(customers_.RevealContact(As(agent_a_id_), id, {}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(customers_.RevealContact(As(admin_id_), id, {}).ok());
}

}  // namespace
}  // namespace kefu::service
