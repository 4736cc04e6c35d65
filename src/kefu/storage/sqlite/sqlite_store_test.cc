#include "kefu/storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "kefu/storage/sqlite/test_support.h"

namespace kefu::storage::sqlite {
namespace {

domain::Department MakeDepartment(const std::string& name) {
  domain::Department d;
  d.name = name;
  d.created_at = 1;
  return d;
}

TEST(SqliteStoreTest, WriteThenReadBack) {
  TempStore t;
  domain::Id id = 0;
  ASSERT_TRUE(t.store()
                  .Write([&](Tx& tx) -> Status {
                    auto d = MakeDepartment("技术支持");
                    KEFU_RETURN_IF_ERROR(tx.org().InsertDepartment(d));
                    id = d.id;
                    return OkStatus();
                  })
                  .ok());
  ASSERT_GT(id, 0);
  ASSERT_TRUE(t.store()
                  .Read([&](Tx& tx) -> Status {
                    auto d = tx.org().GetDepartment(id);
                    EXPECT_TRUE(d.ok());
                    EXPECT_EQ(d->name, "技术支持");
                    return OkStatus();
                  })
                  .ok());
}

TEST(SqliteStoreTest, FailedCallbackRollsBackOnlyItself) {
  TempStore t;
  Status failed = t.store().Write([&](Tx& tx) -> Status {
    auto d = MakeDepartment("财务");
    KEFU_RETURN_IF_ERROR(tx.org().InsertDepartment(d));
    return Status(Conflict("changed my mind"));
  });
  EXPECT_EQ(failed.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(t.store()
                  .Write([&](Tx& tx) -> Status {
                    auto d =
                        MakeDepartment("财务");  // same name: would conflict had the first stayed
                    return tx.org().InsertDepartment(d);
                  })
                  .ok());
}

TEST(SqliteStoreTest, UniqueViolationIsConflict) {
  TempStore t;
  auto insert = [&] {
    return t.store().Write([&](Tx& tx) -> Status {
      auto d = MakeDepartment("售前咨询");
      return tx.org().InsertDepartment(d);
    });
  };
  ASSERT_TRUE(insert().ok());
  Status second = insert();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
}

TEST(SqliteStoreTest, ConcurrentWritersShareCommits) {
  TempStore t;
  constexpr int kThreads = 16;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kPerThread; ++j) {
        Status st = t.store().Write([&](Tx& tx) -> Status {
          auto d = MakeDepartment("d" + std::to_string(i) + "-" + std::to_string(j));
          return tx.org().InsertDepartment(d);
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(t.store().committed_writes(), static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_LT(t.store().commits(), t.store().committed_writes());  // group commit happened
  ASSERT_TRUE(t.store()
                  .Read([&](Tx& tx) -> Status {
                    auto all = tx.org().ListDepartments();
                    EXPECT_EQ(all->size(), static_cast<size_t>(kThreads * kPerThread));
                    return OkStatus();
                  })
                  .ok());
}

TEST(SqliteStoreTest, AfterCommitRunsOnlyOnSuccess) {
  TempStore t;
  int ran = 0;
  ASSERT_TRUE(t.store()
                  .Write([&](Tx& tx) -> Status {
                    tx.AfterCommit([&] { ++ran; });
                    return OkStatus();
                  })
                  .ok());
  EXPECT_FALSE(t.store()
                   .Write([&](Tx& tx) -> Status {
                     tx.AfterCommit([&] { ++ran; });
                     return Status(Conflict("no"));
                   })
                   .ok());
  EXPECT_EQ(ran, 1);
}

TEST(SqliteStoreTest, BackupIsAConsistentCopy) {
  TempStore t;
  ASSERT_TRUE(t.store()
                  .Write([&](Tx& tx) -> Status {
                    auto d = MakeDepartment("会员服务");
                    return tx.org().InsertDepartment(d);
                  })
                  .ok());
  auto out = t.dir() / "backup.db";
  ASSERT_TRUE(t.store().BackupTo(out).ok());
  StoreOptions options;
  options.file = out;
  auto copy = SqliteStore::Open(options);
  ASSERT_TRUE(copy.ok());
  ASSERT_TRUE((*copy)
                  ->Read([&](Tx& tx) -> Status {
                    auto all = tx.org().ListDepartments();
                    EXPECT_EQ(all->size(), 1u);
                    return OkStatus();
                  })
                  .ok());
}

}  // namespace
}  // namespace kefu::storage::sqlite
