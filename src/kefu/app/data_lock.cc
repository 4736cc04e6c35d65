#include "kefu/app/data_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace kefu::app {

Result<DataLock> DataLock::Acquire(const std::filesystem::path& data_dir) {
  auto path = data_dir / "kefu.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error(ErrorCode::kUnavailable, "cannot open " + path.string());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Error(ErrorCode::kConflict,
                 "a kefu server is using " + data_dir.string() + "; stop it first");
  }
  return DataLock(fd);
}

DataLock::~DataLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace kefu::app
