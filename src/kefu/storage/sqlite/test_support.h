#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <string>

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

}  // namespace kefu::storage::sqlite
