#include "onderdak/store/sqlite/migrations.h"

#include <array>
#include <string>

namespace onderdak::store::sqlite {
namespace {

// Dates are ISO 8601 TEXT (sorts correctly); STRICT tables reject values of the wrong type.
constexpr std::string_view kReferenceSchema = R"sql(
CREATE TABLE reference_version (
  id            INTEGER PRIMARY KEY,
  valid_from    TEXT    NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  imported_at   TEXT    NOT NULL,
  source        TEXT    NOT NULL,
  source_sha256 TEXT    NOT NULL,
  approximate   INTEGER NOT NULL CHECK (approximate IN (0, 1)),
  note          TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE municipality (
  version_id        INTEGER NOT NULL REFERENCES reference_version(id),
  code              TEXT    NOT NULL CHECK (code GLOB 'GM[0-9][0-9][0-9][0-9]'),
  name              TEXT    NOT NULL CHECK (name <> ''),
  veiligheidsregio  TEXT    NOT NULL DEFAULT '',
  lon               REAL,
  lat               REAL,
  region_code       TEXT    NOT NULL,
  membership_method TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, code),
  FOREIGN KEY (version_id, region_code) REFERENCES municipality(version_id, code)
    DEFERRABLE INITIALLY DEFERRED
) STRICT, WITHOUT ROWID;

CREATE INDEX municipality_region ON municipality(version_id, region_code);
CREATE INDEX reference_version_valid_from ON reference_version(valid_from, id);
)sql";

constexpr std::array kMigrations{
    Migration{1, "reference data: municipalities and regions as dated versions", kReferenceSchema},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

core::Status Migrate(Db& db) {
  ONDERDAK_RETURN_IF_ERROR(
      db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
              " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT"));
  ONDERDAK_ASSIGN_OR_RETURN(auto max_stmt, db.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  if (!max_stmt.Step()) return max_stmt.status();
  const auto current = static_cast<int>(max_stmt.Int(0));
  const int newest = kMigrations.back().version;
  if (current > newest) {
    return core::Status::FailedPrecondition("the database has schema version " + std::to_string(current) +
                                            ", newer than this onderdak build knows (" + std::to_string(newest) +
                                            "); upgrade onderdak");
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= current) continue;
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db));
    ONDERDAK_RETURN_IF_ERROR(db.Exec(m.sql).WithContext("migration " + std::to_string(m.version)));
    ONDERDAK_ASSIGN_OR_RETURN(auto ins, db.Prepare("INSERT INTO schema_migrations(version, name, applied_at) "
                                                   "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"));
    ONDERDAK_RETURN_IF_ERROR(ins.Bind(1, m.version).Bind(2, m.name).Run());
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  }
  return core::Status::Ok();
}

}  // namespace onderdak::store::sqlite
