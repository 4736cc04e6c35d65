#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "kefu/storage/sqlite/sqlite_store.h"

namespace kefu::storage::sqlite {

// A fresh database file in a temporary directory, removed when the fixture dies.
class TempStore {
 public:
  TempStore() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("kefu-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    StoreOptions options;
    options.file = dir_ / "kefu.db";
    auto store = SqliteStore::Open(options);
    if (!store.ok()) throw std::runtime_error(store.error().message);
    store_ = std::move(store).value();
  }
  ~TempStore() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  SqliteStore& store() { return *store_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace kefu::storage::sqlite
