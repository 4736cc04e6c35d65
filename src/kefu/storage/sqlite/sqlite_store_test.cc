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

// Reads reuse an open snapshot while nothing was committed; every commit must be
// visible to the next read, on whichever pooled connection it lands.
TEST(SqliteStoreTest, ReadsSeeEveryCommitDespiteReusedSnapshots) {
  TempStore t;
  auto count = [&] {
    std::size_t n = 0;
    EXPECT_TRUE(t.store()
                    .Read([&](Tx& tx) -> Status {
                      KEFU_ASSIGN_OR_RETURN(auto all, tx.org().ListDepartments());
                      n = all.size();
                      return OkStatus();
                    })
                    .ok());
    return n;
  };
  std::size_t base = count();
  for (int i = 0; i < 20; ++i) {
    // Hold one reader busy in a nested read so that a second connection joins the pool.
    ASSERT_TRUE(t.store()
                    .Read([&](Tx&) -> Status {
                      EXPECT_EQ(count(), base + static_cast<std::size_t>(i));
                      return OkStatus();
                    })
                    .ok());
    ASSERT_TRUE(t.store()
                    .Write([&](Tx& tx) -> Status {
                      auto d = MakeDepartment("部门 " + std::to_string(i));
                      return tx.org().InsertDepartment(d);
                    })
                    .ok());
    EXPECT_EQ(count(), base + static_cast<std::size_t>(i) + 1);
  }
}

TEST(SqliteStoreTest, IdleReadersDoNotHoldBackCheckpoints) {
  TempStore t;
  auto insert = [&](const std::string& name) {
    ASSERT_TRUE(t.store()
                    .Write([&](Tx& tx) -> Status {
                      auto d = MakeDepartment(name);
                      return tx.org().InsertDepartment(d);
                    })
                    .ok());
  };
  insert("A");
  // The reader keeps its snapshot after this read; the next commit must end it.
  ASSERT_TRUE(t.store()
                  .Read([](Tx& tx) -> Status {
                    KEFU_ASSIGN_OR_RETURN(auto all, tx.org().ListDepartments());
                    (void)all;
                    return OkStatus();
                  })
                  .ok());
  insert("B");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((t.dir() / "kefu.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr),
            SQLITE_OK);  // opens the WAL
  int log_frames = -1;
  int checkpointed = -1;
  // TRUNCATE fails with SQLITE_BUSY while any reader still uses an old snapshot.
  EXPECT_EQ(sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
                                      &checkpointed),
            SQLITE_OK);
  EXPECT_EQ(log_frames, 0);
  sqlite3_close(db);
}

TEST(SqliteStoreTest, ReleaseIdleMemoryKeepsTheStoreUsable) {
  TempStore t;
  ASSERT_TRUE(t.store().Read([](Tx&) -> Status { return OkStatus(); }).ok());
  t.store().ReleaseIdleMemory(std::chrono::seconds(3600));  // used just now: kept
  t.store().ReleaseIdleMemory(std::chrono::seconds(0));     // closed
  EXPECT_TRUE(t.store()
                  .Read([](Tx& tx) -> Status {
                    KEFU_ASSIGN_OR_RETURN(auto all, tx.org().ListDepartments());
                    (void)all;
                    return OkStatus();
                  })
                  .ok());
}

TEST(SqliteStoreTest, CheckpointsInTheBackgroundWithoutLosingWrites) {
  TempStore dir;
  StoreOptions options;
  options.file = dir.dir() / "small-wal.db";
  options.checkpoint_frames = 8;  // a few commits each
  auto opened = SqliteStore::Open(options);
  ASSERT_TRUE(opened.ok());
  auto& store = **opened;
  constexpr int kWrites = 300;
  for (int i = 0; i < kWrites; ++i) {
    ASSERT_TRUE(store
                    .Write([&](Tx& tx) -> Status {
                      auto d = MakeDepartment("部门 " + std::to_string(i));
                      return tx.org().InsertDepartment(d);
                    })
                    .ok());
  }
  EXPECT_GT(store.background_checkpoints(), 0U);
  std::size_t n = 0;
  ASSERT_TRUE(store
                  .Read([&](Tx& tx) -> Status {
                    KEFU_ASSIGN_OR_RETURN(auto all, tx.org().ListDepartments());
                    n = all.size();
                    return OkStatus();
                  })
                  .ok());
  EXPECT_EQ(n, static_cast<std::size_t>(kWrites));
  // The log was started over along the way instead of growing with every commit.
  EXPECT_LT(std::filesystem::file_size(dir.dir() / "small-wal.db-wal"), 300U * 4096U);
}

}  // namespace
}  // namespace kefu::storage::sqlite
