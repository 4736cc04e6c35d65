#pragma once

#include <filesystem>

#include "kefu/common/result.h"

namespace kefu::app {

// Replaces <data>/kefu.db with `backup` after checking that the backup is an intact Kefu
// database (integrity check, known schema version). The old database is kept as
// kefu.db.before-restore. REQUIRES: no server running on the data directory.
Status RestoreDatabase(const std::filesystem::path& backup, const std::filesystem::path& database);

}  // namespace kefu::app
