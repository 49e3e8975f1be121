#include "onderdak/store/postgres/postgres_store.h"

#include "onderdak/store/internal/key_binding_queries.h"
#include "onderdak/store/postgres/pg_migrations.h"

namespace onderdak::store::postgres {
namespace {

constexpr std::string_view kVersionColumns =
    "SELECT v.id, v.valid_from, to_char(v.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    " v.source, v.source_sha256, v.approximate, v.note,"
    " (SELECT count(*) FROM municipality m WHERE m.version_id = v.id),"
    " (SELECT count(DISTINCT region_code) FROM municipality m WHERE m.version_id = v.id)"
    " FROM reference_version v ";

}  // namespace

PooledConn::~PooledConn() {
  if (conn_ && store_ != nullptr) store_->Release(std::move(*conn_));
}

core::Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& conninfo) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(conninfo));
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, store->Acquire());
  ONDERDAK_RETURN_IF_ERROR(Migrate(*conn).WithContext("migrating the PostgreSQL database"));
  return store;
}

core::Result<PooledConn> PostgresStore::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      Conn c = std::move(idle_.back());
      idle_.pop_back();
      return PooledConn(this, std::move(c));
    }
  }
  ONDERDAK_ASSIGN_OR_RETURN(Conn c, Conn::Open(conninfo_));
  return PooledConn(this, std::move(c));
}

void PostgresStore::Release(Conn conn) {
  if (!conn.Idle()) return;  // broken, or a transaction left open: close it
  std::lock_guard lock(mu_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(conn));
}

core::Result<int> PostgresStore::SchemaVersion() {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query("SELECT max(version) FROM schema_migrations"));
  return static_cast<int>(r.Int(0, 0));
}

core::Result<std::string> PostgresStore::BindKeyFingerprint(std::string_view fingerprint, const AuditEvent& audit) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
  // Two processes binding at once: the second waits here, then finds the first's row.
  ONDERDAK_RETURN_IF_ERROR(conn->Exec("LOCK TABLE key_binding IN EXCLUSIVE MODE"));
  ONDERDAK_ASSIGN_OR_RETURN(auto sel, conn->Query(internal::kSelectKeyFingerprint));
  if (sel.rows() > 0) return std::string(sel.Text(0, 0));  // already bound; rolls back
  ONDERDAK_RETURN_IF_ERROR(
      conn->Query(internal::kInsertKeyFingerprint, Params().Add(fingerprint).Add(UtcNow())).status());
  ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, audit).status());
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  return std::string(fingerprint);
}

core::Result<std::string> PostgresStore::DeliveriesVersion() {
  // The count, not only the greatest id: ids come from a sequence and may commit out of
  // order, but every commit adds rows.
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query("SELECT count(*), coalesce(max(id), 0) FROM delivery_event"));
  return std::to_string(r.Int(0, 0)) + ":" + std::to_string(r.Int(0, 1));
}

core::Result<domain::ReferenceVersion> PostgresStore::AddReferenceVersion(const domain::ReferenceSet& set,
                                                                          const ReferenceVersionMeta& meta) {
  ONDERDAK_RETURN_IF_ERROR(set.Validate());
  std::int64_t id = 0;
  {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
    ONDERDAK_ASSIGN_OR_RETURN(auto ins, conn->Query("INSERT INTO reference_version(valid_from, source, source_sha256,"
                                                    " approximate, note) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                                    Params()
                                                        .Add(meta.valid_from)
                                                        .Add(meta.source)
                                                        .Add(meta.source_sha256)
                                                        .Add(meta.approximate)
                                                        .Add(meta.note)));
    id = ins.Int(0, 0);
    CopyBuffer rows;
    for (const auto& m : set.municipalities()) {
      rows.Field(id).Field(m.code).Field(m.name).Field(m.veiligheidsregio);
      for (const auto& coordinate : {m.lon, m.lat}) {
        if (coordinate) {
          rows.Field(Params::FloatText(*coordinate));
        } else {
          rows.Null();
        }
      }
      rows.Field(m.region_code).Field(m.membership_method);
      rows.EndRow();
    }
    ONDERDAK_RETURN_IF_ERROR(conn->CopyIn("COPY municipality(version_id, code, name, veiligheidsregio, lon, lat,"
                                          " region_code, membership_method) FROM STDIN",
                                          rows.data())
                                 .WithContext("storing the municipalities"));
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto versions, QueryVersions("WHERE v.id = $1", Params().Add(id)));
  if (versions.empty()) return core::Status::Internal("reference version vanished after commit");
  return versions.front();
}

core::Result<std::vector<domain::ReferenceVersion>> PostgresStore::QueryVersions(std::string_view where,
                                                                                 const Params& params) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(std::string(kVersionColumns) + std::string(where), params));
  std::vector<domain::ReferenceVersion> out;
  for (int i = 0; i < r.rows(); ++i) {
    domain::ReferenceVersion v;
    v.id = r.Int(i, 0);
    auto d = core::Date::Parse(r.Text(i, 1));
    if (!d.ok()) return core::Status::Internal("stored valid_from is corrupt: " + d.status().message());
    v.valid_from = *d;
    v.imported_at = r.Str(i, 2);
    v.source = r.Str(i, 3);
    v.source_sha256 = r.Str(i, 4);
    v.approximate = r.Bool(i, 5);
    v.note = r.Str(i, 6);
    v.municipality_count = static_cast<int>(r.Int(i, 7));
    v.region_count = static_cast<int>(r.Int(i, 8));
    out.push_back(std::move(v));
  }
  return out;
}

core::Result<std::vector<domain::ReferenceVersion>> PostgresStore::ListReferenceVersions() {
  return QueryVersions("ORDER BY v.id", Params());
}

core::Result<domain::ReferenceVersion> PostgresStore::ReferenceVersionOn(core::Date date) {
  ONDERDAK_ASSIGN_OR_RETURN(
      auto versions,
      QueryVersions("WHERE v.valid_from <= $1 ORDER BY v.valid_from DESC, v.id DESC LIMIT 1", Params().Add(date)));
  if (versions.empty()) {
    return core::Status::NotFound("no reference data is in force on " + date.ToString() +
                                  "; run 'onderdak init' or 'onderdak regions import FILE.csv'");
  }
  return versions.front();
}

core::Result<domain::ReferenceSet> PostgresStore::LoadReferenceSet(std::int64_t version_id) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r,
                            conn->Query("SELECT code, name, veiligheidsregio, lon, lat, region_code, membership_method"
                                        " FROM municipality WHERE version_id = $1 ORDER BY code",
                                        Params().Add(version_id)));
  std::vector<domain::Municipality> ms;
  ms.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    domain::Municipality m;
    m.code = r.Str(i, 0);
    m.name = r.Str(i, 1);
    m.veiligheidsregio = r.Str(i, 2);
    if (!r.IsNull(i, 3)) m.lon = r.Real(i, 3);
    if (!r.IsNull(i, 4)) m.lat = r.Real(i, 4);
    m.region_code = r.Str(i, 5);
    m.membership_method = r.Str(i, 6);
    ms.push_back(std::move(m));
  }
  if (ms.empty()) return core::Status::NotFound("reference version " + std::to_string(version_id) + " does not exist");
  return domain::ReferenceSet(std::move(ms));
}

}  // namespace onderdak::store::postgres
