#pragma once

#include <optional>

#include "kefu/common/result.h"
#include "kefu/storage/sqlite/connection.h"

namespace kefu::storage::sqlite {

// Brings the schema to the newest version (or to `up_to`, for tests of a migration's
// backfill), one transaction per migration, recording each in schema_migrations. Safe
// to run at every start; refuses a database whose version is newer than this binary
// knows (kFailedPrecondition-like kConflict).
Status Migrate(Connection& conn, std::optional<int> up_to = std::nullopt);

// The newest schema version this binary knows.
int LatestSchemaVersion();

}  // namespace kefu::storage::sqlite
