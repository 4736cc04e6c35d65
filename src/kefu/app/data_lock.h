#pragma once

#include <filesystem>

#include "kefu/common/result.h"

namespace kefu::app {

// An advisory lock on <data>/kefu.lock held by `kefu serve`, so `restore` and `migrate`
// refuse to touch a database a running server is using. Released when destroyed.
class DataLock {
 public:
  static Result<DataLock> Acquire(const std::filesystem::path& data_dir);
  DataLock(DataLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataLock& operator=(DataLock&&) = delete;
  ~DataLock();

 private:
  explicit DataLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace kefu::app
