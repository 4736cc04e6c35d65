#include "kefu/events/dispatcher.h"

#include <gtest/gtest.h>

#include "kefu/events/audit_listener.h"
#include "kefu/events/emit.h"
#include "kefu/storage/sqlite/test_support.h"

namespace kefu::events {
namespace {

domain::DomainEvent LoginEvent(domain::Id user) {
  domain::DomainEvent e;
  e.type = std::string(domain::kEventAuthLogin);
  e.entity_type = "user";
  e.entity_id = user;
  e.actor_id = user;
  e.payload = {{"ip", "127.0.0.1"}};
  e.created_at = 1000;
  return e;
}

TEST(DispatcherTest, AuditsLoginsExactlyOnceAcrossRestarts) {
  storage::sqlite::TempStore t;
  EventBus bus;
  int published = 0;
  bus.Subscribe([&](const domain::DomainEvent&) { ++published; });
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(
        t.store().Write([&](storage::Tx& tx) { return Emit(tx, bus, LoginEvent(i)); }).ok());
  }
  ASSERT_TRUE(t.store()
                  .Write([&](storage::Tx& tx) {
                    auto e = LoginEvent(9);
                    e.type = std::string(domain::kEventTicketCreated);  // not audited
                    return Emit(tx, bus, e);
                  })
                  .ok());
  EXPECT_EQ(published, 4);
  {
    Dispatcher dispatcher(t.store(), bus);
    dispatcher.AddListener(std::make_unique<AuditListener>());
    ASSERT_TRUE(dispatcher.RunUntilIdle().ok());
  }
  {
    // A "restarted" dispatcher resumes from the stored position: nothing twice.
    Dispatcher dispatcher(t.store(), bus);
    dispatcher.AddListener(std::make_unique<AuditListener>());
    ASSERT_TRUE(dispatcher.RunUntilIdle().ok());
  }
  ASSERT_TRUE(t.store()
                  .Read([&](storage::Tx& tx) -> Status {
                    auto page = tx.audit().List({});
                    EXPECT_EQ(page->items.size(), 3u);
                    EXPECT_EQ(page->items.front().action, "auth.login");
                    EXPECT_EQ(page->items.front().ip, "127.0.0.1");
                    return OkStatus();
                  })
                  .ok());
}

TEST(DispatcherTest, BackgroundWorkerWakesOnPublish) {
  storage::sqlite::TempStore t;
  EventBus bus;
  Dispatcher dispatcher(t.store(), bus, std::chrono::seconds(60));
  dispatcher.AddListener(std::make_unique<AuditListener>());
  dispatcher.Start();
  ASSERT_TRUE(t.store().Write([&](storage::Tx& tx) { return Emit(tx, bus, LoginEvent(1)); }).ok());
  size_t seen = 0;
  for (int i = 0; i < 200 && seen == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(t.store()
                    .Read([&](storage::Tx& tx) -> Status {
                      seen = tx.audit().List({})->items.size();
                      return OkStatus();
                    })
                    .ok());
  }
  EXPECT_EQ(seen, 1u);
}

}  // namespace
}  // namespace kefu::events
