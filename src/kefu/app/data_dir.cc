#include "kefu/app/data_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "kefu/auth/opaque_token.h"

namespace kefu::app {

Result<DataDir> PrepareDataDir(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) {
    return Error(ErrorCode::kUnavailable,
                 "cannot create data directory " + root.string() + ": " + ec.message());
  }
  std::filesystem::permissions(root, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  return DataDir{std::filesystem::absolute(root).lexically_normal()};
}

Result<std::string> LoadOrCreateJwtSecret(const DataDir& dir, const std::string& configured) {
  if (!configured.empty()) return configured;
  auto path = dir.JwtSecretFile();
  if (std::filesystem::exists(path)) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string secret = text.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.size() < 32) {
      return Error(ErrorCode::kInvalidArgument, path.string() +
                                                    " holds a secret shorter than 32 "
                                                    "characters; delete it to generate a new one");
    }
    return secret;
  }
  std::string secret = auth::RandomHex(32);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error(ErrorCode::kUnavailable, "cannot create " + path.string());
  std::string line = secret + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Error(ErrorCode::kUnavailable, "cannot write " + path.string());
  return secret;
}

}  // namespace kefu::app
