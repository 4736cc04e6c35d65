#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kefu/common/result.h"

namespace kefu::storage::sqlite {

class Connection;

// A prepared statement borrowed from a connection's cache. Binding is 1-based like
// SQLite. Reset on destruction so the cached statement can be reused.
// Thread-safety: use only on the thread that owns the connection.
class Statement {
 public:
  Statement(Connection& conn, sqlite3_stmt* stmt) : conn_(&conn), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : conn_(other.conn_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  ~Statement();

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::string& text) {
    return Bind(index, std::string_view(text));
  }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& BindNull(int index);
  template <class T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Advances; true while a row is available. Errors are returned by Run/Step statuses.
  Result<bool> Step();
  // Runs to completion, for statements that return no rows.
  Status Run();

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  std::string_view TextView(int col) const;
  std::optional<std::int64_t> OptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(Int(col));
  }
  std::optional<std::string> OptText(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::string>(Text(col));
  }

 private:
  Connection* conn_;
  sqlite3_stmt* stmt_;
};

// One SQLite connection with a prepared-statement cache. Not thread-safe: owned by one
// thread at a time (the writer thread, or a reader borrowed from the pool).
class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  struct Options {
    Mode mode = Mode::kReadWrite;
    bool full_sync = true;  // synchronous=FULL (else NORMAL) for the writer
    int busy_timeout_ms = 5000;
  };

  // Opens (and for kReadWrite creates) the database file and applies pragmas: WAL,
  // foreign keys, busy timeout. Fails with kUnavailable and SQLite's message.
  static Result<std::unique_ptr<Connection>> Open(const std::filesystem::path& file,
                                                  const Options& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Prepares (or reuses from the cache) a statement. `sql` should be a constant so the
  // cache stays small; dynamic SQL (filters) is cached too, keyed by its text.
  Result<Statement> Prepare(std::string_view sql);
  // Executes one or more statements without results (schema, pragmas).
  Status Exec(std::string_view sql);
  // Runs one statement through the statement cache: for the hot transaction-control
  // statements (BEGIN, SAVEPOINT, RELEASE, COMMIT) that would otherwise be re-parsed.
  Status Run(std::string_view sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() { return db_; }
  // Translates the last error of this connection into a kefu::Error.
  Error LastError(std::string_view context) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Steps `stmt` to the end, turning each row into a T with `read(stmt)`.
template <class T, class Reader>
Result<std::vector<T>> ReadAll(Statement& stmt, Reader read) {
  std::vector<T> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(read(stmt));
  }
  return out;
}

// Maps an SQLite result code to Kefu's error codes: constraint violations are
// kConflict, BUSY/LOCKED kUnavailable, everything else kInternal.
Error TranslateSqliteError(int code, std::string_view context, std::string_view message);

}  // namespace kefu::storage::sqlite
