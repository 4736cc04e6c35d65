#pragma once

#include <filesystem>
#include <string>

#include "kefu/common/result.h"

namespace kefu::app {

// Where Kefu keeps its files under --data DIR.
struct DataDir {
  std::filesystem::path root;
  std::filesystem::path Database() const { return root / "kefu.db"; }
  std::filesystem::path Attachments() const { return root / "attachments"; }
  std::filesystem::path JwtSecretFile() const { return root / "jwt.secret"; }
};

// Creates the directory (0700) if needed; kUnavailable if it cannot.
Result<DataDir> PrepareDataDir(const std::filesystem::path& root);

// The configured secret, or the one kept in <data>/jwt.secret (created on first use,
// mode 0600), so sessions survive restarts without putting a secret in the config.
Result<std::string> LoadOrCreateJwtSecret(const DataDir& dir, const std::string& configured);

}  // namespace kefu::app
