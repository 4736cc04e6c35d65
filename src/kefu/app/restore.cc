#include "kefu/app/restore.h"

#include <sqlite3.h>

#include <string>

#include "kefu/storage/sqlite/migrations.h"

namespace kefu::app {
namespace {

Status CheckBackup(const std::filesystem::path& backup) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(backup.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return InvalidArgument("cannot open " + backup.string() + " as a database");
  }
  auto scalar = [&](const char* sql, std::string& out) {
    sqlite3_stmt* stmt = nullptr;
    bool ok = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
              sqlite3_step(stmt) == SQLITE_ROW;
    if (ok) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(stmt);
    return ok;
  };
  std::string integrity, version;
  bool ok = scalar("PRAGMA quick_check", integrity) && integrity == "ok" &&
            scalar("SELECT max(version) FROM schema_migrations", version);
  sqlite3_close(db);
  if (!ok) return InvalidArgument(backup.string() + " is not an intact Kefu backup");
  if (std::stoi(version) > storage::sqlite::LatestSchemaVersion()) {
    return InvalidArgument("the backup comes from a newer kefu (schema " + version + ")");
  }
  return OkStatus();
}

}  // namespace

Status RestoreDatabase(const std::filesystem::path& backup, const std::filesystem::path& database) {
  if (!std::filesystem::exists(backup)) return NotFound(backup.string() + " does not exist");
  KEFU_RETURN_IF_ERROR(CheckBackup(backup));
  std::error_code ec;
  auto staged = database;
  staged += ".restoring";
  std::filesystem::copy_file(backup, staged, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return Internal("cannot copy the backup: " + ec.message());
  if (std::filesystem::exists(database)) {
    auto keep = database;
    keep += ".before-restore";
    std::filesystem::rename(database, keep, ec);
    if (ec) return Internal("cannot move the current database aside: " + ec.message());
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    auto side = database;
    side += suffix;
    std::filesystem::remove(side, ec);
  }
  std::filesystem::rename(staged, database, ec);
  if (ec) return Internal("cannot move the backup into place: " + ec.message());
  return OkStatus();
}

}  // namespace kefu::app
