#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kefu/storage/sqlite/sqlite_store.h"

namespace kefu::storage::sqlite {

// A fresh temporary directory, removed with everything in it when the fixture dies.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("kefu-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A fresh database file in a temporary directory, removed when the fixture dies.
class TempStore {
 public:
  TempStore() {
    StoreOptions options;
    options.file = dir_.path() / "kefu.db";
    auto store = SqliteStore::Open(options);
    if (!store.ok()) throw std::runtime_error(store.error().message);
    store_ = std::move(store).value();
  }
  ~TempStore() { store_.reset(); }  // before the directory goes
  SqliteStore& store() { return *store_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

// What test tickets hang on: a requester and departments.
struct TicketOwners {
  Id customer_id = 0;
  std::vector<Id> department_ids;  // in the order of the names given
};

// Inserts the customer 王芳 and one department per name. Throws on failure.
inline TicketOwners InsertTicketOwners(Store& store, const std::vector<std::string>& departments) {
  TicketOwners owners;
  Status st = store.Write([&](Tx& tx) -> Status {
    domain::Customer c;
    c.name = "王芳";
    c.created_at = c.updated_at = 1;
    KEFU_RETURN_IF_ERROR(tx.customers().Insert(c));
    owners.customer_id = c.id;
    for (const std::string& name : departments) {
      domain::Department d;
      d.name = name;
      KEFU_RETURN_IF_ERROR(tx.org().InsertDepartment(d));
      owners.department_ids.push_back(d.id);
    }
    return OkStatus();
  });
  if (!st.ok()) throw std::runtime_error(st.error().message);
  return owners;
}

}  // namespace kefu::storage::sqlite
