#include "kefu/storage/sqlite/wal_write_vfs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kefu/storage/sqlite/connection.h"
#include "kefu/storage/sqlite/test_support.h"

namespace kefu::storage::sqlite {
namespace {

std::filesystem::path DbFile(const TempDir& dir) { return dir.path() / "kefu.db"; }

std::unique_ptr<Connection> OpenOrDie(const std::filesystem::path& file,
                                      Connection::Mode mode = Connection::Mode::kReadWrite) {
  Connection::Options options;
  options.mode = mode;
  auto conn = Connection::Open(file, options);
  if (!conn.ok()) throw std::runtime_error(conn.error().message);
  return std::move(conn).value();
}

std::int64_t CountRows(Connection& conn) {
  auto stmt = conn.Prepare("SELECT count(*), ifnull(sum(length(body)), 0) FROM t");
  EXPECT_TRUE(stmt.ok());
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row);
  return stmt->Int(0);
}

Status InsertRows(Connection& conn, int first, int count, int body_size) {
  KEFU_RETURN_IF_ERROR(conn.Run("BEGIN IMMEDIATE"));
  for (int i = first; i < first + count; ++i) {
    KEFU_ASSIGN_OR_RETURN(auto stmt, conn.Prepare("INSERT INTO t(id, body) VALUES (?, ?)"));
    KEFU_RETURN_IF_ERROR(stmt.Bind(1, i).Bind(2, std::string(body_size, 'a' + i % 26)).Run());
  }
  return conn.Run("COMMIT");
}

TEST(WalWriteVfsTest, WriterUsesItAndCommitsAreVisibleToOtherConnections) {
  ASSERT_TRUE(RegisterWalWriteVfs());
  TempDir dir;
  auto writer = OpenOrDie(DbFile(dir));
  sqlite3_vfs* vfs = nullptr;
  ASSERT_EQ(sqlite3_file_control(writer->handle(), "main", SQLITE_FCNTL_VFS_POINTER, &vfs),
            SQLITE_OK);
  ASSERT_NE(vfs, nullptr);
  EXPECT_STREQ(vfs->zName, kWalWriteVfsName);
  ASSERT_TRUE(writer->Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)").ok());
  auto reader = OpenOrDie(DbFile(dir), Connection::Mode::kReadOnly);

  // Small commits, then one transaction far larger than the gathering buffer and the
  // writer's page cache (so SQLite spills frames mid-transaction and reads them back).
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(InsertRows(*writer, i * 10, 10, 300).ok());
  EXPECT_EQ(CountRows(*reader), 500);
  ASSERT_TRUE(InsertRows(*writer, 10000, 4000, 4000).ok());
  EXPECT_EQ(CountRows(*reader), 4500);

  // A checkpoint reads the log through the writer's own file.
  int log_frames = -1;
  int copied = -1;
  ASSERT_EQ(sqlite3_wal_checkpoint_v2(writer->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                      &log_frames, &copied),
            SQLITE_OK);
  EXPECT_GT(log_frames, 0);
  EXPECT_EQ(copied, log_frames);
  reader.reset();
  writer.reset();

  // Everything is in the file: a fresh connection with the default VFS finds it intact.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(DbFile(dir).c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
  sqlite3_finalize(check);
  sqlite3_close(db);
  auto reopened = OpenOrDie(DbFile(dir), Connection::Mode::kReadOnly);
  EXPECT_EQ(CountRows(*reopened), 4500);
}

TEST(WalWriteVfsTest, LogStartsOverAfterACompleteCheckpoint) {
  TempDir dir;
  auto writer = OpenOrDie(DbFile(dir));
  ASSERT_TRUE(writer->Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)").ok());
  ASSERT_TRUE(InsertRows(*writer, 0, 200, 1000).ok());
  int log_frames = -1;
  int copied = -1;
  ASSERT_EQ(sqlite3_wal_checkpoint_v2(writer->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                      &log_frames, &copied),
            SQLITE_OK);
  // The next commit writes from the start of the log again (the header at offset 0,
  // which does not continue the gathered writes) and must still be read back correctly.
  ASSERT_TRUE(InsertRows(*writer, 1000, 5, 1000).ok());
  int small_log = -1;
  ASSERT_EQ(sqlite3_wal_checkpoint_v2(writer->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                      &small_log, &copied),
            SQLITE_OK);
  EXPECT_LT(small_log, log_frames);
  auto reader = OpenOrDie(DbFile(dir), Connection::Mode::kReadOnly);
  EXPECT_EQ(CountRows(*reader), 205);
}

}  // namespace
}  // namespace kefu::storage::sqlite
