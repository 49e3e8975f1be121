#include "onderdak/store/sqlite/sqlite_store.h"

#include <filesystem>
#include <system_error>

#include "onderdak/store/internal/key_binding_queries.h"
#include "onderdak/store/sqlite/migrations.h"

namespace onderdak::store::sqlite {
namespace {

constexpr std::string_view kVersionColumns =
    "SELECT v.id, v.valid_from, v.imported_at, v.source, v.source_sha256, v.approximate, v.note,"
    " (SELECT count(*) FROM municipality m WHERE m.version_id = v.id),"
    " (SELECT count(DISTINCT region_code) FROM municipality m WHERE m.version_id = v.id)"
    " FROM reference_version v ";

}  // namespace

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, OpenMode mode) {
  const bool in_memory = path == ":memory:";
  if (!in_memory) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) {
      return core::Status::Unavailable("'" + path + "' is a folder, not a database file; check --db");
    }
    if (mode == OpenMode::kExisting && !std::filesystem::exists(status)) {
      return core::Status::FailedPrecondition("no database at " + path +
                                              "; run 'onderdak init' first (or check --db / ONDERDAK_DB)");
    }
  }
  if (!in_memory && mode == OpenMode::kCreate) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return core::Status::Unavailable("cannot create folder '" + parent.string() + "': " + ec.message());
    }
  }
  ONDERDAK_ASSIGN_OR_RETURN(Db db, Db::Open(path, mode == OpenMode::kCreate));
  std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
  if (!in_memory) pragmas += " PRAGMA journal_mode = WAL;";
  ONDERDAK_RETURN_IF_ERROR(db.Exec(pragmas).WithContext("configuring '" + path + "'"));
  ONDERDAK_RETURN_IF_ERROR(Migrate(db).WithContext("migrating '" + path + "'"));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

core::Result<Db*> SqliteStore::WriterDb() {
  if (db_.path() == ":memory:") return &db_;
  if (!writer_db_) {
    ONDERDAK_ASSIGN_OR_RETURN(Db db, Db::Open(db_.path(), false));
    ONDERDAK_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL;")
                                 .WithContext("configuring '" + db_.path() + "'"));
    writer_db_.emplace(std::move(db));
  }
  return &*writer_db_;
}

core::Result<int> SqliteStore::SchemaVersion() {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("SELECT max(version) FROM schema_migrations"));
  if (!st.Step()) return st.status();
  return static_cast<int>(st.Int(0));
}

core::Result<std::string> SqliteStore::DeliveriesVersion() {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("SELECT count(*), coalesce(max(id), 0) FROM delivery_event"));
  if (!st.Step()) return st.status();
  return std::to_string(st.Int(0)) + ":" + std::to_string(st.Int(1));
}

core::Result<std::string> SqliteStore::BindKeyFingerprint(std::string_view fingerprint, const AuditEvent& audit) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
  ONDERDAK_ASSIGN_OR_RETURN(auto sel, db_.Prepare(internal::kSelectKeyFingerprint));
  if (sel.Step()) return sel.Text(0);  // already bound; the transaction rolls back (nothing written)
  ONDERDAK_RETURN_IF_ERROR(sel.status());
  ONDERDAK_ASSIGN_OR_RETURN(auto ins, db_.Prepare(internal::kInsertKeyFingerprint));
  ONDERDAK_RETURN_IF_ERROR(ins.Bind(1, fingerprint).Bind(2, UtcNow()).Run());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, audit).status());
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  return std::string(fingerprint);
}

core::Result<domain::ReferenceVersion> SqliteStore::AddReferenceVersion(const domain::ReferenceSet& set,
                                                                        const ReferenceVersionMeta& meta) {
  ONDERDAK_RETURN_IF_ERROR(set.Validate());
  std::int64_t id = 0;
  {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
    ONDERDAK_ASSIGN_OR_RETURN(
        auto ins_v, db_.Prepare("INSERT INTO reference_version(valid_from, imported_at, source, source_sha256,"
                                " approximate, note) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?, ?)"));
    ONDERDAK_RETURN_IF_ERROR(ins_v.Bind(1, meta.valid_from.ToString())
                                 .Bind(2, meta.source)
                                 .Bind(3, meta.source_sha256)
                                 .Bind(4, meta.approximate ? 1 : 0)
                                 .Bind(5, meta.note)
                                 .Run());
    id = sqlite3_last_insert_rowid(db_.raw());
    ONDERDAK_ASSIGN_OR_RETURN(auto ins_m,
                              db_.Prepare("INSERT INTO municipality(version_id, code, name, veiligheidsregio, lon, lat,"
                                          " region_code, membership_method) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const auto& m : set.municipalities()) {
      ONDERDAK_RETURN_IF_ERROR(ins_m.Bind(1, id)
                                   .Bind(2, m.code)
                                   .Bind(3, m.name)
                                   .Bind(4, m.veiligheidsregio)
                                   .Bind(5, m.lon)
                                   .Bind(6, m.lat)
                                   .Bind(7, m.region_code)
                                   .Bind(8, m.membership_method)
                                   .Run()
                                   .WithContext("storing municipality " + m.code));
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto versions, QueryVersions("WHERE v.id = ?", std::to_string(id)));
  if (versions.empty()) return core::Status::Internal("reference version vanished after commit");
  return versions.front();
}

core::Result<std::vector<domain::ReferenceVersion>> SqliteStore::QueryVersions(std::string_view where,
                                                                               const std::string& arg) {
  std::lock_guard lock(mu_);
  std::string sql(kVersionColumns);
  sql += where;
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(sql));
  if (!arg.empty()) st.Bind(1, arg);
  std::vector<domain::ReferenceVersion> out;
  while (st.Step()) {
    domain::ReferenceVersion v;
    v.id = st.Int(0);
    auto d = core::Date::Parse(st.Text(1));
    if (!d.ok()) return core::Status::Internal("stored valid_from is corrupt: " + d.status().message());
    v.valid_from = *d;
    v.imported_at = st.Text(2);
    v.source = st.Text(3);
    v.source_sha256 = st.Text(4);
    v.approximate = st.Int(5) != 0;
    v.note = st.Text(6);
    v.municipality_count = static_cast<int>(st.Int(7));
    v.region_count = static_cast<int>(st.Int(8));
    out.push_back(std::move(v));
  }
  ONDERDAK_RETURN_IF_ERROR(st.status());
  return out;
}

core::Result<std::vector<domain::ReferenceVersion>> SqliteStore::ListReferenceVersions() {
  return QueryVersions("ORDER BY v.id", "");
}

core::Result<domain::ReferenceVersion> SqliteStore::ReferenceVersionOn(core::Date date) {
  ONDERDAK_ASSIGN_OR_RETURN(
      auto versions,
      QueryVersions("WHERE v.valid_from <= ? ORDER BY v.valid_from DESC, v.id DESC LIMIT 1", date.ToString()));
  if (versions.empty()) {
    return core::Status::NotFound("no reference data is in force on " + date.ToString() +
                                  "; run 'onderdak init' or 'onderdak regions import FILE.csv'");
  }
  return versions.front();
}

core::Result<domain::ReferenceSet> SqliteStore::LoadReferenceSet(std::int64_t version_id) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st,
                            db_.Prepare("SELECT code, name, veiligheidsregio, lon, lat, region_code, membership_method"
                                        " FROM municipality WHERE version_id = ? ORDER BY code"));
  st.Bind(1, version_id);
  std::vector<domain::Municipality> ms;
  while (st.Step()) {
    domain::Municipality m;
    m.code = st.Text(0);
    m.name = st.Text(1);
    m.veiligheidsregio = st.Text(2);
    if (!st.IsNull(3)) m.lon = st.Real(3);
    if (!st.IsNull(4)) m.lat = st.Real(4);
    m.region_code = st.Text(5);
    m.membership_method = st.Text(6);
    ms.push_back(std::move(m));
  }
  ONDERDAK_RETURN_IF_ERROR(st.status());
  if (ms.empty()) return core::Status::NotFound("reference version " + std::to_string(version_id) + " does not exist");
  return domain::ReferenceSet(std::move(ms));
}

}  // namespace onderdak::store::sqlite
