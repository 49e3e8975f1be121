// The SQLite schema as an ordered list of migrations. Each migration runs once, in its own
// transaction, and is recorded in schema_migrations; a database newer than this build
// is refused. Never edit a released migration: add a new one.
#pragma once

#include <span>
#include <string_view>

#include "onderdak/core/status.h"
#include "onderdak/store/sqlite/sqlite_db.h"

namespace onderdak::store::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> Migrations();

// Applies the pending migrations. FailedPrecondition when the database has migrations
// this build does not know (it was written by a newer onderdak).
core::Status Migrate(Db& db);

}  // namespace onderdak::store::sqlite
