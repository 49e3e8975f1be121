// Store: the one interface through which onderdak reads and writes its database.
//
// Backends live beside this file (sqlite/ and postgres/) and are chosen by URL in
// OpenStore(). Every mutating call is one transaction: it either
// completes or leaves the database exactly as it was. Reads see only committed data.
//
// Ownership: the caller owns the Store. Thread safety: a Store may be shared by threads;
// implementations serialise access internally (the HTTP server shares one).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/domain/reference.h"
#include "onderdak/store/accounts.h"
#include "onderdak/store/geo.h"
#include "onderdak/store/policy.h"
#include "onderdak/store/submissions.h"

namespace onderdak::store {

struct ReferenceVersionMeta {
  core::Date valid_from;
  std::string source;
  std::string source_sha256;
  bool approximate = false;
  std::string note;
};

// What the importer knows about a delivery before its rows are written.
struct NewDelivery {
  std::string organisation;
  std::string organisation_name;
  std::string region;
  core::Period period = core::Period::Year(1970);
  std::string created;
  std::string source;              // as given to `onderdak import`, for display
  std::vector<std::string> files;  // entity files present (domain::kEntityFiles names)
  bool synthetic = false;          // the manifest's `synthetic`
  // When set, Commit() appends it to the audit log in the delivery's own transaction
  // (an upload is stored with its audit entry or not at all), its object then being
  // "delivery:<id>".
  std::optional<AuditEvent> audit;
};

// Writes one delivery inside one transaction. Nothing is visible to readers until
// Commit() succeeds; destroying the writer without Commit() rolls everything back.
// Add* return a handle for records other records point at (persons, facilities,
// projects); the handles are only meaningful to the same writer. Not thread-safe.
class DeliveryWriter {
 public:
  virtual ~DeliveryWriter() = default;
  virtual core::Result<std::int64_t> AddPerson(const domain::Person& p) = 0;
  virtual core::Status AddLivingSituation(const domain::LivingSituation& r, std::int64_t person) = 0;
  virtual core::Status AddServiceEpisode(const domain::ServiceEpisode& r, std::int64_t person,
                                         std::optional<std::int64_t> facility) = 0;
  virtual core::Status AddRequest(const domain::Request& r, std::int64_t person) = 0;
  virtual core::Status AddWaitingEntry(const domain::WaitingEntry& r, std::int64_t person) = 0;
  virtual core::Status AddCause(const domain::Cause& r, std::int64_t person) = 0;
  virtual core::Status AddNeed(const domain::Need& r, std::int64_t person) = 0;
  virtual core::Result<std::int64_t> AddFacility(const domain::Facility& r) = 0;
  virtual core::Status AddCapacity(const domain::Capacity& r, std::int64_t facility) = 0;
  virtual core::Result<std::int64_t> AddHousingProject(const domain::HousingProject& r) = 0;
  virtual core::Status AddFundingLine(const domain::FundingLine& r, std::int64_t project) = 0;
  virtual core::Status AddPlan(const domain::Plan& r) = 0;
  virtual core::Status AddAgreement(const domain::Agreement& r) = 0;
  virtual core::Status AddBudget(const domain::Budget& r) = 0;
  virtual core::Status AddEviction(const domain::Eviction& r) = 0;
  virtual core::Status AddSignal(const domain::Signal& r) = 0;
  virtual core::Status AddPreventionPolicy(const domain::PreventionPolicy& r) = 0;
  // Stores the raw delivery (a zip file at `zip`, whose SHA-256 is `sha256`) with the
  // delivery; content-addressed, so an identical re-delivery is kept once. Required
  // before Commit().
  virtual core::Status AttachArchive(const std::string& sha256, const std::filesystem::path& zip) = 0;
  // The sha256 of the version in force of this delivery's (organisation, region, period),
  // "" when there is none, read inside the writer's transaction (after the rows added so
  // far are written): concurrent imports of the same bytes see each other's commit here.
  virtual core::Result<std::string> CurrentSha256() = 0;
  // Keeps the delivery's data-quality report (ingest/quality.h) with it: `flagged` checks
  // over their threshold, `checks_json` the checks as the importer wrote them (a JSON
  // array). Optional (an import with --no-quality has none); before Commit().
  virtual core::Status AttachQuality(int flagged, const std::string& checks_json) = 0;
  // Numbers the delivery (version = previous versions of the same organisation, region and
  // period + 1), makes it the current version, and commits. The previous current version
  // stays stored, no longer current.
  virtual core::Result<domain::Delivery> Commit() = 0;
};

struct DeliveryFilter {
  std::optional<std::string> region;
  std::optional<std::string> organisation;
  std::optional<std::string> period;
  bool current_only = false;
};

// Row counts per entity file of one delivery ("persons" -> 1200).
using DeliveryCounts = std::vector<std::pair<std::string, std::int64_t>>;

// A delivery's data-quality report as stored with it (DeliveryWriter::AttachQuality).
struct DeliveryQuality {
  int flagged = 0;
  std::string checks_json;
};

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  // Highest migration applied.
  virtual core::Result<int> SchemaVersion() = 0;
  // A key that changes whenever the set of current deliveries may have changed (an import,
  // a supersession, a restore), from any process: the count and greatest id of the
  // append-only delivery events, e.g. "1229:1229". One cheap query, for caches and ETags.
  virtual core::Result<std::string> DeliveriesVersion() = 0;

  // The pseudonymisation key this database belongs to (ADR 0017). Records `fingerprint`
  // (never the key) when no fingerprint is recorded yet, with `audit` appended in the same
  // transaction; returns the fingerprint recorded now, which the caller compares with its
  // key's (a different one: the key file is not this database's).
  virtual core::Result<std::string> BindKeyFingerprint(std::string_view fingerprint, const AuditEvent& audit) = 0;

  // Stores `set` as a new reference version. InvalidInput when the set breaks its
  // invariants (nothing is written).
  virtual core::Result<domain::ReferenceVersion> AddReferenceVersion(const domain::ReferenceSet& set,
                                                                     const ReferenceVersionMeta& meta) = 0;
  // All versions, oldest first.
  virtual core::Result<std::vector<domain::ReferenceVersion>> ListReferenceVersions() = 0;
  // The version in force on `date`: the greatest valid_from <= date, the latest import
  // among equals. NotFound when none applies (e.g. an empty database).
  virtual core::Result<domain::ReferenceVersion> ReferenceVersionOn(core::Date date) = 0;
  // NotFound for an unknown id.
  virtual core::Result<domain::ReferenceSet> LoadReferenceSet(std::int64_t version_id) = 0;

  // Starts writing a delivery: takes the write lock and opens the transaction. While the
  // writer lives, other writers wait.
  virtual core::Result<std::unique_ptr<DeliveryWriter>> BeginDelivery(const NewDelivery& delivery) = 0;
  // Deliveries matching `filter`, oldest import first.
  virtual core::Result<std::vector<domain::Delivery>> ListDeliveries(const DeliveryFilter& filter) = 0;
  // NotFound for an unknown id.
  virtual core::Result<domain::Delivery> GetDelivery(std::int64_t id) = 0;
  virtual core::Result<DeliveryCounts> CountDeliveryRows(std::int64_t id) = 0;
  // The data-quality reports stored with deliveries, by delivery id (a delivery imported
  // without one is absent): every delivery's, or only delivery `only`'s when given.
  virtual core::Result<std::map<std::int64_t, DeliveryQuality>> ListDeliveryQuality(
      std::optional<std::int64_t> only) = 0;
  // Makes version `id` the current one of its (organisation, region, period) again; the
  // version that was current stays stored. Returns the restored delivery. `audit`, when
  // given, is appended in the same transaction, its object then being "delivery:<id>".
  virtual core::Result<domain::Delivery> RestoreDelivery(std::int64_t id, const std::optional<AuditEvent>& audit) = 0;
  // Writes the archived raw delivery of `id` (a zip) to `out`.
  virtual core::Status ExportArchive(std::int64_t id, std::ostream& out) = 0;
  // All records of the deliveries matching `filter` (normally current_only), in one
  // consistent snapshot.
  virtual core::Result<domain::Dataset> LoadDataset(const DeliveryFilter& filter) = 0;

  // Users, API tokens and the audit log (accounts.h); lives as long as the Store.
  virtual AccountStore& Accounts() = 0;
  // Municipality boundary files for the map (geo.h); lives as long as the Store.
  virtual GeoStore& Geo() = 0;
  // The regions' online submissions of their figures (submissions.h); lives as long as the Store.
  virtual SubmissionStore& Submissions() = 0;
  // Policy targets and external reference series (policy.h); lives as long as the Store.
  virtual PolicyStore& Policy() = 0;

 protected:
  Store() = default;
};

// Whether OpenStore may create a database. Only `onderdak init` (and `demo`) create one:
// every other command opens an existing one, so a mistyped --db is an error, not a new
// empty database.
enum class OpenMode { kCreate, kExisting };

// Opens the database at `url` and applies pending migrations.
//   sqlite:PATH        a file; with kCreate it and its folder are created if needed, with
//                      kExisting a missing file is FailedPrecondition ("run onderdak init")
//   sqlite::memory:    a private in-memory database (tests)
//   postgresql://user@host:port/dbname  (or postgres://) a PostgreSQL database that
//                      exists; the URL is passed to libpq as is (sslmode etc. as query)
// InvalidInput for an unknown scheme; Unavailable when the database cannot be opened.
core::Result<std::unique_ptr<Store>> OpenStore(std::string_view url, OpenMode mode = OpenMode::kCreate);

}  // namespace onderdak::store
