// PostgresStore: the production backend (issue 8), on libpq. Same behaviour as
// SqliteStore; the schema is postgres/pg_migrations.cc.
//
// Connections: a small pool. Every Store call takes a connection for its duration (so
// calls from several threads run in parallel), and a DeliveryWriter keeps one for its
// lifetime (its transaction). Several processes may share the database:
// - a DeliveryWriter takes the transaction-level advisory lock of its (organisation,
//   region, period) in BeginDelivery, so deliveries of the same key are serialised (the
//   later one waits, then becomes the next version), while deliveries of different keys
//   import concurrently. RestoreDelivery takes the same lock.
// - person ids come from a sequence in blocks (no lock), other ids from identities.
// - LoadDataset reads in one REPEATABLE READ READ ONLY transaction: one snapshot, so a
//   reader never sees part of an import or a half-done version switch.
//
// Thread safety: the Store may be shared by threads; a DeliveryWriter may not.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/store/postgres/pg_conn.h"
#include "onderdak/store/store.h"

namespace onderdak::store::postgres {

class PostgresStore;

// A connection borrowed from the store's pool; given back on destruction (dropped when
// it is broken or was left inside a transaction).
class PooledConn {
 public:
  PooledConn(PostgresStore* store, Conn conn) : store_(store), conn_(std::move(conn)) {}
  PooledConn(PooledConn&& other) noexcept : store_(other.store_), conn_(std::move(other.conn_)) { other.conn_.reset(); }
  PooledConn& operator=(PooledConn&&) = delete;
  PooledConn(const PooledConn&) = delete;
  PooledConn& operator=(const PooledConn&) = delete;
  ~PooledConn();
  Conn& operator*() { return *conn_; }
  Conn* operator->() { return &*conn_; }

 private:
  PostgresStore* store_;
  std::optional<Conn> conn_;
};

// The SubmissionStore on the store's pool (postgres_submissions.cc).
std::unique_ptr<SubmissionStore> NewPostgresSubmissions(PostgresStore& store);
// The PolicyStore on the store's pool (postgres_policy.cc).
std::unique_ptr<PolicyStore> NewPostgresPolicy(PostgresStore& store);

class PostgresStore final : public Store, public AccountStore, public GeoStore {
 public:
  // `conninfo` is passed to libpq as is (postgresql://user@host:port/dbname or
  // key=value pairs). Connects, applies pending migrations. Unavailable when the server
  // cannot be reached.
  static core::Result<std::unique_ptr<PostgresStore>> Open(const std::string& conninfo);

  std::string_view Backend() const override { return "postgresql"; }
  core::Result<int> SchemaVersion() override;
  core::Result<std::string> DeliveriesVersion() override;
  core::Result<std::string> BindKeyFingerprint(std::string_view fingerprint, const AuditEvent& audit) override;
  core::Result<domain::ReferenceVersion> AddReferenceVersion(const domain::ReferenceSet& set,
                                                             const ReferenceVersionMeta& meta) override;
  core::Result<std::vector<domain::ReferenceVersion>> ListReferenceVersions() override;
  core::Result<domain::ReferenceVersion> ReferenceVersionOn(core::Date date) override;
  core::Result<domain::ReferenceSet> LoadReferenceSet(std::int64_t version_id) override;

  // Deliveries: postgres_delivery.cc.
  core::Result<std::unique_ptr<DeliveryWriter>> BeginDelivery(const NewDelivery& delivery) override;
  core::Result<std::vector<domain::Delivery>> ListDeliveries(const DeliveryFilter& filter) override;
  core::Result<domain::Delivery> GetDelivery(std::int64_t id) override;
  core::Result<DeliveryCounts> CountDeliveryRows(std::int64_t id) override;
  core::Result<std::map<std::int64_t, DeliveryQuality>> ListDeliveryQuality(std::optional<std::int64_t> only) override;
  core::Result<domain::Delivery> RestoreDelivery(std::int64_t id, const std::optional<AuditEvent>& audit) override;
  core::Status ExportArchive(std::int64_t id, std::ostream& out) override;
  core::Result<domain::Dataset> LoadDataset(const DeliveryFilter& filter) override;

  // Accounts and the audit log: postgres_accounts.cc.
  AccountStore& Accounts() override { return *this; }
  core::Result<UserRecord> AddUser(const UserRecord& user, const AuditEvent& audit) override;
  core::Result<std::vector<UserRecord>> ListUsers() override;
  core::Result<UserRecord> GetUser(std::string_view username) override;
  core::Result<std::int64_t> CountUsersWithRole(std::string_view role) override;
  core::Status DisableUser(std::string_view username, const AuditEvent& audit) override;
  core::Status EnableUser(std::string_view username, const AuditEvent& audit) override;
  core::Status SetPasswordHash(std::string_view username, std::string_view hash,
                               std::optional<std::int64_t> keep_session,
                               const std::optional<AuditEvent>& audit) override;
  core::Result<ApiTokenRecord> AddToken(std::string_view username, std::string_view label, std::string_view token_hash,
                                        const AuditEvent& audit) override;
  core::Result<std::vector<ApiTokenRecord>> ListTokens() override;
  core::Result<ApiTokenRecord> FindTokenByHash(std::string_view token_hash) override;
  core::Status RevokeToken(std::int64_t id, const AuditEvent& audit) override;
  core::Result<AuditEntry> AppendAudit(const AuditEvent& event) override;
  core::Result<std::vector<AuditEntry>> ListAudit(std::optional<std::int64_t> limit) override;
  core::Result<SessionRecord> AddSession(const SessionRecord& session, const AuditEvent& audit) override;
  core::Result<std::pair<SessionRecord, UserRecord>> FindSession(std::string_view token_hash) override;
  core::Status TouchSession(std::int64_t id, std::string_view at) override;
  core::Status EndSession(std::int64_t id, const AuditEvent& audit) override;
  core::Status RecordLoginAttempt(const LoginAttempt& attempt) override;
  core::Result<std::int64_t> CountFailedLogins(std::string_view username, std::string_view from,
                                               std::string_view since) override;

  // Boundary files for the map: postgres_geo.cc.
  GeoStore& Geo() override { return *this; }
  core::Result<AddedBoundaries> AddBoundaries(const BoundaryFile& file) override;
  core::Result<BoundaryFile> LatestBoundaries() override;
  core::Result<std::vector<BoundaryFileMeta>> ListBoundaries() override;

  // The regions' online submissions: postgres_submissions.cc.
  SubmissionStore& Submissions() override { return *submissions_; }
  // Policy targets and reference series: postgres_policy.cc.
  PolicyStore& Policy() override { return *policy_; }

  // A connection from the pool, or a new one.
  core::Result<PooledConn> Acquire();

 private:
  friend class PooledConn;
  explicit PostgresStore(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  void Release(Conn conn);
  core::Result<std::vector<domain::ReferenceVersion>> QueryVersions(std::string_view where, const Params& params);

  static constexpr std::size_t kMaxIdle = 8;
  std::string conninfo_;
  std::mutex mu_;           // guards idle_
  std::vector<Conn> idle_;  // connected, outside any transaction
  std::unique_ptr<SubmissionStore> submissions_ = NewPostgresSubmissions(*this);
  std::unique_ptr<PolicyStore> policy_ = NewPostgresPolicy(*this);
};

// The deliveries matching `filter` (and `id` when given), ordered by id, read on `conn`.
core::Result<std::vector<domain::Delivery>> QueryDeliveries(Conn& conn, const DeliveryFilter& filter,
                                                            std::optional<std::int64_t> id);

// Appends `event` to the audit log's hash chain inside the caller's transaction (and, for
// SQLite, under the store's mutex): every change that is audited in the same transaction
// (accounts, sessions, submissions) goes through this one function.
core::Result<AuditEntry> AppendAuditInTransaction(Conn& conn, const AuditEvent& event);

}  // namespace onderdak::store::postgres
