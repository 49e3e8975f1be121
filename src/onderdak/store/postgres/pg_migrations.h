// The PostgreSQL schema as an ordered list of migrations, numbered like the SQLite ones
// (sqlite/migrations.cc: 1 reference data, 2 deliveries, 3 accounts) and written for PostgreSQL.
// Each migration runs once, in its own transaction, under an advisory lock (several serve
// processes may start at once), and is recorded in schema_migrations; a database newer
// than this build is refused. Never edit a released migration: add a new one.
#pragma once

#include <span>
#include <string_view>

#include "onderdak/core/status.h"
#include "onderdak/store/postgres/pg_conn.h"

namespace onderdak::store::postgres {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> Migrations();

// Applies the pending migrations. FailedPrecondition when the database has migrations
// this build does not know (it was written by a newer onderdak).
core::Status Migrate(Conn& conn);

// Advisory lock keys (the first of the two int4 keys) used by onderdak, so its locks do
// not collide with other users of advisory locks in the same database.
inline constexpr int kLockMigrations = 80001;
inline constexpr int kLockDeliveryKey = 80002;  // second key: hashtext(organisation|region|period)
inline constexpr int kLockAudit = 80003;        // second key 0: appending to the audit log (its hash chain)

}  // namespace onderdak::store::postgres
