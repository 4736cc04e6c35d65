#include "kefu/storage/sqlite/connection.h"

#include <spdlog/spdlog.h>

#include "kefu/storage/sqlite/wal_write_vfs.h"

namespace kefu::storage::sqlite {

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return TranslateSqliteError(rc, sqlite3_sql(stmt_), sqlite3_errmsg(sqlite3_db_handle(stmt_)));
}

Status Statement::Run() {
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return OkStatus();
  }
}

std::string Statement::Text(int col) const { return std::string(TextView(col)); }

std::string_view Statement::TextView(int col) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (data == nullptr) return {};
  return {data, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

Error TranslateSqliteError(int code, std::string_view context, std::string_view message) {
  int primary = code & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    return Error(ErrorCode::kConflict, "conflicts with existing data");
  }
  spdlog::error("sqlite error {} ({}) in: {}", code, message, context);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error(ErrorCode::kUnavailable, "database is busy, try again");
  }
  return Error(ErrorCode::kInternal, "database error");
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::filesystem::path& file,
                                                     const Options& options) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (options.mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // A full-sync writer gathers its log writes (see wal_write_vfs.h for why that is safe
  // only when every commit syncs).
  bool gather = options.mode == Mode::kReadWrite && options.full_sync && RegisterWalWriteVfs();
  int rc = sqlite3_open_v2(file.c_str(), &db, flags, gather ? kWalWriteVfsName : nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error(ErrorCode::kUnavailable, "cannot open database " + file.string() + ": " + msg);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";
  if (options.mode == Mode::kReadWrite) {
    pragmas += "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=4000;";
    pragmas += options.full_sync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  }
  // Page cache: 8 MB for the writer, 2 MB per reader (the OS page cache holds the rest).
  pragmas +=
      options.mode == Mode::kReadWrite ? "PRAGMA cache_size=-8000;" : "PRAGMA cache_size=-2000;";
  KEFU_RETURN_IF_ERROR(conn->Exec(pragmas));
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it != cache_.end()) return Statement(*this, it->second);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return LastError(sql);
  cache_.emplace(std::move(key), stmt);
  return Statement(*this, stmt);
}

Status Connection::Exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return TranslateSqliteError(rc, sql.substr(0, 120), msg);
  }
  return OkStatus();
}

Status Connection::Run(std::string_view sql) {
  KEFU_ASSIGN_OR_RETURN(auto stmt, Prepare(sql));
  return stmt.Run();
}

Error Connection::LastError(std::string_view context) const {
  return TranslateSqliteError(sqlite3_extended_errcode(db_), context, sqlite3_errmsg(db_));
}

}  // namespace kefu::storage::sqlite
