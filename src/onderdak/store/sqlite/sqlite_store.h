// SqliteStore: the embedded default backend (a file, or an in-memory database for tests).
//
// Opens with WAL journaling, foreign keys on, synchronous=NORMAL (durable across process
// crashes; the last commits may be lost on power loss, the documented WAL trade-off) and a
// busy timeout, then applies migrations. One connection guarded by a mutex: calls from
// several threads are serialised.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "onderdak/store/sqlite/sqlite_db.h"
#include "onderdak/store/store.h"

namespace onderdak::store::sqlite {

// The SubmissionStore over the store's connection and mutex (sqlite_submissions.cc).
std::unique_ptr<SubmissionStore> NewSqliteSubmissions(Db& db, std::mutex& mu);
// The PolicyStore over the store's connection and mutex (sqlite_policy.cc).
std::unique_ptr<PolicyStore> NewSqlitePolicy(Db& db, std::mutex& mu);

class SqliteStore final : public Store, public AccountStore, public GeoStore {
 public:
  // `path` is a file path or ":memory:". Creates the parent folder of a file.
  // With OpenMode::kExisting a missing file is FailedPrecondition ("run onderdak init
  // first") and nothing is created; with kCreate the file and its folder are created.
  static core::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, OpenMode mode = OpenMode::kCreate);

  std::string_view Backend() const override { return "sqlite"; }
  core::Result<int> SchemaVersion() override;
  core::Result<std::string> DeliveriesVersion() override;
  core::Result<std::string> BindKeyFingerprint(std::string_view fingerprint, const AuditEvent& audit) override;
  core::Result<domain::ReferenceVersion> AddReferenceVersion(const domain::ReferenceSet& set,
                                                             const ReferenceVersionMeta& meta) override;
  core::Result<std::vector<domain::ReferenceVersion>> ListReferenceVersions() override;
  core::Result<domain::ReferenceVersion> ReferenceVersionOn(core::Date date) override;
  core::Result<domain::ReferenceSet> LoadReferenceSet(std::int64_t version_id) override;

  // Deliveries: sqlite_delivery.cc.
  core::Result<std::unique_ptr<DeliveryWriter>> BeginDelivery(const NewDelivery& delivery) override;
  core::Result<std::vector<domain::Delivery>> ListDeliveries(const DeliveryFilter& filter) override;
  core::Result<domain::Delivery> GetDelivery(std::int64_t id) override;
  core::Result<DeliveryCounts> CountDeliveryRows(std::int64_t id) override;
  core::Result<std::map<std::int64_t, DeliveryQuality>> ListDeliveryQuality(std::optional<std::int64_t> only) override;
  core::Result<domain::Delivery> RestoreDelivery(std::int64_t id, const std::optional<AuditEvent>& audit) override;
  core::Status ExportArchive(std::int64_t id, std::ostream& out) override;
  core::Result<domain::Dataset> LoadDataset(const DeliveryFilter& filter) override;

  // Accounts and the audit log: sqlite_accounts.cc.
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

  // Boundary files for the map: sqlite_geo.cc.
  GeoStore& Geo() override { return *this; }
  core::Result<AddedBoundaries> AddBoundaries(const BoundaryFile& file) override;
  core::Result<BoundaryFile> LatestBoundaries() override;
  core::Result<std::vector<BoundaryFileMeta>> ListBoundaries() override;

  // The regions' online submissions: sqlite_submissions.cc.
  SubmissionStore& Submissions() override { return *submissions_; }
  // Policy targets and reference series: sqlite_policy.cc.
  PolicyStore& Policy() override { return *policy_; }

 private:
  explicit SqliteStore(Db db) : db_(std::move(db)) {}
  // The connection delivery writers write on; caller holds mu_. For a file, a second
  // connection, opened on first use, with foreign keys off for good: the writer checks
  // its references itself (sqlite_delivery.cc, ForeignKeysOff), and turning them off and
  // on per delivery would expire every cached statement of the connection (ADR 0020). In
  // memory (a second connection would be another database): the store's own, where
  // ForeignKeysOff turns them off per delivery.
  core::Result<Db*> WriterDb();
  core::Result<std::vector<domain::ReferenceVersion>> QueryVersions(std::string_view where, const std::string& arg);
  // Caller holds mu_.
  core::Result<std::vector<domain::Delivery>> QueryDeliveries(const DeliveryFilter& filter,
                                                              std::optional<std::int64_t> id);
  std::mutex mu_;
  Db db_;
  std::optional<Db> writer_db_;
  std::unique_ptr<SubmissionStore> submissions_ = NewSqliteSubmissions(db_, mu_);  // after db_ and mu_
  std::unique_ptr<PolicyStore> policy_ = NewSqlitePolicy(db_, mu_);
};

// Appends `event` to the audit log's hash chain inside the caller's transaction (and, for
// SQLite, under the store's mutex): every change that is audited in the same transaction
// (accounts, sessions, submissions) goes through this one function.
core::Result<AuditEntry> AppendAuditInTransaction(Db& db, const AuditEvent& event);

}  // namespace onderdak::store::sqlite
