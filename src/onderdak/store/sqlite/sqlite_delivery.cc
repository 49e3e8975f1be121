// Deliveries on SQLite: the writer that stores one delivery in one transaction and the
// version bookkeeping (list, restore). The loader that turns current deliveries back into
// a domain::Dataset is sqlite_load.cc.
#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "onderdak/domain/code_lists.h"
#include "onderdak/store/internal/delivery_queries.h"
#include "onderdak/store/internal/stored_values.h"
#include "onderdak/store/sqlite/sqlite_store.h"

namespace onderdak::store::sqlite {
namespace {

// The archive is stored in chunks well below SQLite's default 1,000,000,000-byte limit.
constexpr std::size_t kArchiveChunkBytes = 8 * 1024 * 1024;

constexpr std::string_view kNow = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

void BindDate(Stmt& st, int i, const std::optional<core::Date>& d) {
  if (d) {
    st.Bind(i, d->ToString());
  } else {
    st.BindNull(i);
  }
}
// Bulk-insert helpers: `v` (and `text`) must outlive the statement's Run().
void BindStatic(Stmt& st, int i, std::string_view v) { st.BindStatic(i, v); }
std::string DateText(const std::optional<core::Date>& d) { return d ? d->ToString() : std::string(); }
// Binds `text`, the formatted `d` (DateText), or NULL when there is no date.
void BindDate(Stmt& st, int i, const std::optional<core::Date>& d, const std::string& text) {
  if (d) {
    st.BindStatic(i, text);
  } else {
    st.BindNull(i);
  }
}

using internal::JoinFiles;
using internal::kEntityTables;
using internal::ParseStoredDate;
using internal::SplitFiles;

// The raw delivery, content-addressed: an identical archive is stored once.
//
// The read buffer is sized to the archive (at most one chunk) and not zero-filled: a
// zero-filled 8 MiB buffer per delivery was 11-17% of a national import of ~1,250 small
// deliveries (ADR 0020). The chunk is bound without a copy (it outlives the Run()).
core::Status StoreArchive(Db& db, const std::string& sha256, const std::filesystem::path& path) {
  {
    ONDERDAK_ASSIGN_OR_RETURN(auto exists, db.Cached("SELECT 1 FROM archive WHERE sha256 = ?"));
    exists->Bind(1, sha256);
    if (exists->Step()) return core::Status::Ok();  // content-addressed: already kept
    ONDERDAK_RETURN_IF_ERROR(exists->status());
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return core::Status::Io("cannot read the delivery archive " + path.string() + ": " + ec.message());
  ONDERDAK_ASSIGN_OR_RETURN(auto ins, db.Cached("INSERT INTO archive(sha256, bytes) VALUES (?, ?)"));
  ONDERDAK_RETURN_IF_ERROR(ins->Bind(1, sha256).Bind(2, static_cast<std::int64_t>(size)).Run());
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Io("cannot read the delivery archive " + path.string());
  ONDERDAK_ASSIGN_OR_RETURN(auto chunk, db.Cached("INSERT INTO archive_chunk(sha256, seq, data) VALUES (?,?,?)"));
  const std::size_t buf_size =
      static_cast<std::size_t>(std::min<std::uint64_t>(std::max<std::uint64_t>(size, 1), kArchiveChunkBytes));
  const auto buf = std::make_unique_for_overwrite<char[]>(buf_size);
  std::uint64_t total = 0;
  for (std::int64_t seq = 0; total < size; ++seq) {
    in.read(buf.get(), static_cast<std::streamsize>(std::min<std::uint64_t>(buf_size, size - total)));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    total += n;
    chunk->Bind(1, sha256).Bind(2, seq);
    sqlite3_bind_blob64(chunk->raw(), 3, buf.get(), n, SQLITE_STATIC);
    ONDERDAK_RETURN_IF_ERROR(chunk->Run());
  }
  if (total != size) return core::Status::Io("the delivery archive " + path.string() + " changed while it was read");
  return core::Status::Ok();
}

// Foreign-key enforcement off for the transaction of one delivery; restored (outside
// the transaction: SQLite ignores the pragma inside one) by Restore() or on destruction.
//
// Why: every row of a delivery points only at rows of the same delivery, through handles
// this writer itself handed out (persons, facilities, projects) and its own delivery id.
// The writer checks each handle on the way in (CheckPerson etc.: a person handle must lie
// in the id range assigned by this writer, a facility or project one must have been
// returned by it), which is stricter than the schema's REFERENCES (those would accept a
// person of another delivery). SQLite's per-row enforcement of the same references
// (a parent lookup per reference, 3 per service episode) was ~0.5 s of CPU on the
// 1,000,000-episode bench/import_bench.sh, ~10% of the import's total. Every other
// statement on the connection, and any write after Commit(), runs with them on.
class ForeignKeysOff {
 public:
  static core::Result<ForeignKeysOff> Begin(Db& db) {
    bool on = false;
    {
      ONDERDAK_ASSIGN_OR_RETURN(auto st, db.Cached("PRAGMA foreign_keys"));
      if (!st->Step()) return st->status().ok() ? core::Status::Internal("PRAGMA foreign_keys: no row") : st->status();
      on = st->Int(0) != 0;
    }
    if (!on) return ForeignKeysOff(nullptr);
    ONDERDAK_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF"));
    return ForeignKeysOff(&db);
  }
  ForeignKeysOff(ForeignKeysOff&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  ForeignKeysOff& operator=(ForeignKeysOff&&) = delete;
  ~ForeignKeysOff() { (void)Restore(); }
  // Turns enforcement back on; call with no transaction open.
  core::Status Restore() {
    if (db_ == nullptr) return core::Status::Ok();
    Db* db = db_;
    db_ = nullptr;
    return db->Exec("PRAGMA foreign_keys = ON");
  }

 private:
  explicit ForeignKeysOff(Db* db) : db_(db) {}
  Db* db_;  // null: nothing to restore
};

// Person-level rows (the millions) travel in batches to a worker thread that inserts
// them, so reading and validating (the caller's thread) and SQLite's inserts (the
// worker) run on two cores; measured in bench/import_bench.sh. The worker starts with the
// first full batch: a delivery of fewer rows (most of a national import's ~1,250) is
// inserted by the caller's thread when it drains, without a thread (ADR 0020). Person ids are assigned
// here, not by SQLite, so Add* can return a handle at once: the writer holds the write
// lock, so max(id) + 1 onwards is ours. Aggregate rows (tens per delivery) are written
// synchronously after the queue is drained. Only one thread touches the connection at a
// time: the worker while rows are queued, the caller after Drain().
struct PersonRow {
  domain::Person r;
  std::int64_t id;
};
template <typename T>
struct PersonRef {
  T r;
  std::int64_t person;
};
struct EpisodeRow {
  domain::ServiceEpisode r;
  std::int64_t person;
  std::optional<std::int64_t> facility;
};
struct Batch {
  std::vector<PersonRow> persons;
  std::vector<PersonRef<domain::LivingSituation>> living;
  std::vector<EpisodeRow> episodes;
  std::vector<PersonRef<domain::Request>> requests;
  std::vector<PersonRef<domain::WaitingEntry>> waiting;
  std::vector<PersonRef<domain::Cause>> causes;
  std::vector<PersonRef<domain::Need>> needs;
  std::size_t size = 0;
  // Empties the batch but keeps its vectors' capacity for the next use.
  void Clear() {
    persons.clear();
    living.clear();
    episodes.clear();
    requests.clear();
    waiting.clear();
    causes.clear();
    needs.clear();
    size = 0;
  }
};
constexpr std::size_t kBatchRows = 8192;
constexpr std::size_t kMaxQueuedBatches = 4;

class SqliteDeliveryWriter final : public DeliveryWriter {
 public:
  SqliteDeliveryWriter(std::unique_lock<std::mutex> lock, Db& db, ForeignKeysOff fk_off, Transaction tx,
                       std::int64_t delivery_id, std::function<core::Result<domain::Delivery>(std::int64_t)> reload,
                       std::optional<AuditEvent> audit)
      : lock_(std::move(lock)),
        db_(db),
        fk_off_(std::move(fk_off)),
        tx_(std::move(tx)),
        id_(delivery_id),
        reload_(std::move(reload)),
        audit_(std::move(audit)) {}

  ~SqliteDeliveryWriter() override {
    {
      // Not committed: rows still queued are discarded; the transaction rolls back.
      std::lock_guard l(queue_mu_);
      if (worker_status_.ok()) worker_status_ = core::Status::FailedPrecondition("delivery abandoned");
    }
    StopWorker();
  }
  SqliteDeliveryWriter(const SqliteDeliveryWriter&) = delete;
  SqliteDeliveryWriter& operator=(const SqliteDeliveryWriter&) = delete;

  // The statements are the connection's cached ones (Db::Cached): prepared by the first
  // delivery of a connection, reused by the next.
  core::Status Prepare() {
    auto prep = [&](std::optional<CachedStmt>& slot, std::string_view sql) -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached(sql));
      slot.emplace(std::move(st));
      return core::Status::Ok();
    };
    ONDERDAK_RETURN_IF_ERROR(prep(person_,
                                  "INSERT INTO person(id, delivery_id, record_id, pseudonym, birth_year, birth_month, "
                                  "gender, nationality_group, household, municipality_of_origin) "
                                  "VALUES (?,?,?,?,?,?,?,?,?,?)"));
    ONDERDAK_RETURN_IF_ERROR(prep(living_,
                                  "INSERT INTO living_situation(delivery_id, person_id, record_id, ethos, start_date, "
                                  "end_date, source) VALUES (?,?,?,?,?,?,?)"));
    ONDERDAK_RETURN_IF_ERROR(prep(episode_,
                                  "INSERT INTO service_episode(delivery_id, person_id, record_id, service_type, "
                                  "facility_id, municipality, start_date, end_date, exit_destination) "
                                  "VALUES (?,?,?,?,?,?,?,?,?)"));
    ONDERDAK_RETURN_IF_ERROR(prep(request_,
                                  "INSERT INTO request(delivery_id, person_id, record_id, request_date, "
                                  "municipality_applied_to, service_type, decision, decision_date, decision_reason, "
                                  "referred_to_region) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    ONDERDAK_RETURN_IF_ERROR(prep(waiting_,
                                  "INSERT INTO waiting_entry(delivery_id, person_id, record_id, waiting_list_type, "
                                  "registered_date, end_date, outcome) VALUES (?,?,?,?,?,?,?)"));
    ONDERDAK_RETURN_IF_ERROR(prep(cause_,
                                  "INSERT INTO cause(delivery_id, person_id, record_id, intake_date, cause) "
                                  "VALUES (?,?,?,?,?)"));
    ONDERDAK_RETURN_IF_ERROR(prep(need_,
                                  "INSERT INTO need(delivery_id, person_id, record_id, assessed_date, need_category) "
                                  "VALUES (?,?,?,?,?)"));
    ONDERDAK_ASSIGN_OR_RETURN(auto next, db_.Cached("SELECT coalesce(max(id), 0) + 1 FROM person"));
    if (!next->Step()) return next->status();
    next_person_id_ = next->Int(0);
    first_person_id_ = next_person_id_;
    return core::Status::Ok();
  }

  core::Result<std::int64_t> AddPerson(const domain::Person& p) override {
    ONDERDAK_RETURN_IF_ERROR(WorkerStatus());
    const std::int64_t id = next_person_id_++;
    current_.persons.push_back({p, id});
    ONDERDAK_RETURN_IF_ERROR(Added());
    return id;
  }
  core::Status AddLivingSituation(const domain::LivingSituation& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    current_.living.push_back({r, person});
    return Added();
  }
  core::Status AddServiceEpisode(const domain::ServiceEpisode& r, std::int64_t person,
                                 std::optional<std::int64_t> facility) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    if (facility) ONDERDAK_RETURN_IF_ERROR(CheckHandle(facilities_, *facility, "facility"));
    current_.episodes.push_back({r, person, facility});
    return Added();
  }
  core::Status AddRequest(const domain::Request& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    current_.requests.push_back({r, person});
    return Added();
  }
  core::Status AddWaitingEntry(const domain::WaitingEntry& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    current_.waiting.push_back({r, person});
    return Added();
  }
  core::Status AddCause(const domain::Cause& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    current_.causes.push_back({r, person});
    return Added();
  }
  core::Status AddNeed(const domain::Need& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    current_.needs.push_back({r, person});
    return Added();
  }

  // The aggregate entities are small (tens of rows per delivery): written at once.
  core::Result<std::int64_t> AddFacility(const domain::Facility& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("INSERT INTO facility(delivery_id, record_id, name, municipality, "
                                                  "service_type) VALUES (?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.name).Bind(4, r.municipality).Bind(5, r.service_type);
    ONDERDAK_RETURN_IF_ERROR(st->Run());
    const std::int64_t id = sqlite3_last_insert_rowid(db_.raw());
    facilities_.insert(id);
    return id;
  }

  core::Status AddCapacity(const domain::Capacity& r, std::int64_t facility) override {
    ONDERDAK_RETURN_IF_ERROR(CheckHandle(facilities_, facility, "facility"));
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("INSERT INTO capacity(delivery_id, facility_id, record_id, "
                                                  "valid_from, room_size, rooms, places) VALUES (?,?,?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, facility).Bind(3, r.record_id).Bind(4, r.valid_from.ToString()).Bind(5, r.room_size);
    st->Bind(6, r.rooms).Bind(7, r.places);
    return st->Run();
  }

  core::Result<std::int64_t> AddHousingProject(const domain::HousingProject& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st,
                              db_.Cached("INSERT INTO housing_project(delivery_id, record_id, municipality, "
                                         "housing_kind, places, status, status_date, owner) VALUES (?,?,?,?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.municipality).Bind(4, r.housing_kind).Bind(5, r.places);
    st->Bind(6, r.status).Bind(7, r.status_date.ToString()).Bind(8, r.owner);
    ONDERDAK_RETURN_IF_ERROR(st->Run());
    const std::int64_t id = sqlite3_last_insert_rowid(db_.raw());
    projects_.insert(id);
    return id;
  }

  core::Status AddFundingLine(const domain::FundingLine& r, std::int64_t project) override {
    ONDERDAK_RETURN_IF_ERROR(CheckHandle(projects_, project, "housing project"));
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("INSERT INTO funding_line(delivery_id, project_id, record_id, "
                                                  "funding_line, places_counted) VALUES (?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, project).Bind(3, r.record_id).Bind(4, r.funding_line).Bind(5, r.places_counted);
    return st->Run();
  }

  core::Status AddPlan(const domain::Plan& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(
        auto st, db_.Cached("INSERT INTO plan(delivery_id, record_id, plan_status, adopted_date, "
                            "aligned_with_action_plan, contains_wonen_eerst, shelter_in_municipality_of_origin, "
                            "made_with_lived_experience, lived_experience_policy, lived_experience_execution, "
                            "target_extra_places) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.plan_status);
    BindDate(*st, 4, r.adopted_date);
    st->Bind(5, r.aligned_with_action_plan ? 1 : 0)
        .Bind(6, r.contains_wonen_eerst ? 1 : 0)
        .Bind(7, r.shelter_in_municipality_of_origin ? 1 : 0)
        .Bind(8, r.made_with_lived_experience ? 1 : 0)
        .Bind(9, r.lived_experience_policy)
        .Bind(10, r.lived_experience_execution)
        .Bind(11, r.target_extra_places);
    return st->Run();
  }

  core::Status AddAgreement(const domain::Agreement& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st,
                              db_.Cached("INSERT INTO agreement(delivery_id, record_id, corporation, municipality, "
                                         "covers_homeless, places_agreed, places_realised) VALUES (?,?,?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.corporation).Bind(4, r.municipality);
    st->Bind(5, r.covers_homeless ? 1 : 0).Bind(6, r.places_agreed).Bind(7, r.places_realised);
    return st->Run();
  }

  core::Status AddBudget(const domain::Budget& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("INSERT INTO budget(delivery_id, record_id, year, budget_theme, "
                                                  "budget_eur, spent_eur) VALUES (?,?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.year).Bind(4, r.budget_theme).Bind(5, r.budget_eur);
    st->Bind(6, r.spent_eur);
    return st->Run();
  }

  core::Status AddEviction(const domain::Eviction& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("INSERT INTO eviction(delivery_id, record_id, municipality, "
                                                  "eviction_date, household, other_housing_found) "
                                                  "VALUES (?,?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.municipality).Bind(4, r.eviction_date.ToString());
    st->Bind(5, r.household).Bind(6, r.other_housing_found);
    return st->Run();
  }

  core::Status AddSignal(const domain::Signal& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("INSERT INTO signal(delivery_id, record_id, municipality, "
                                                  "signal_date, signal_outcome) VALUES (?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.municipality).Bind(4, r.signal_date.ToString());
    st->Bind(5, r.signal_outcome);
    return st->Run();
  }

  core::Status AddPreventionPolicy(const domain::PreventionPolicy& r) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("INSERT INTO prevention_policy(delivery_id, record_id, municipality, "
                                                  "policy_status, prevention_scan, respite_facility) "
                                                  "VALUES (?,?,?,?,?,?)"));
    st->Bind(1, id_).Bind(2, r.record_id).Bind(3, r.municipality).Bind(4, r.policy_status);
    st->Bind(5, r.prevention_scan ? 1 : 0).Bind(6, r.respite_facility);
    return st->Run();
  }

  core::Result<std::string> CurrentSha256() override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached(internal::kCurrentSha256Sql));
    st->Bind(1, id_);
    std::string sha;
    if (st->Step()) sha = st->Text(0);
    ONDERDAK_RETURN_IF_ERROR(st->status());
    return sha;
  }

  core::Status AttachArchive(const std::string& sha256, const std::filesystem::path& zip) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_RETURN_IF_ERROR(StoreArchive(db_, sha256, zip));
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Cached("UPDATE delivery SET sha256 = ? WHERE id = ?"));
    ONDERDAK_RETURN_IF_ERROR(st->Bind(1, sha256).Bind(2, id_).Run());
    archived_ = true;
    return core::Status::Ok();
  }

  core::Status AttachQuality(int flagged, const std::string& checks_json) override {
    ONDERDAK_RETURN_IF_ERROR(Drain());
    ONDERDAK_ASSIGN_OR_RETURN(auto st,
                              db_.Cached("INSERT INTO delivery_quality(delivery_id, flagged, checks) VALUES (?,?,?)"));
    return st->Bind(1, id_).Bind(2, flagged).Bind(3, checks_json).Run();
  }

  core::Result<domain::Delivery> Commit() override {
    if (committed_) return core::Status::FailedPrecondition("delivery already committed");
    if (!archived_) return core::Status::FailedPrecondition("the raw delivery was not archived");
    ONDERDAK_RETURN_IF_ERROR(Drain());
    StopWorker();
    // The version that was current stops being current; this one becomes current.
    std::optional<std::int64_t> previous;
    {
      ONDERDAK_ASSIGN_OR_RETURN(
          auto old, db_.Cached("SELECT o.id FROM delivery o, delivery n WHERE n.id = ? AND o.is_current = 1 AND "
                               "o.organisation = n.organisation AND o.region_code = n.region_code AND "
                               "o.period = n.period"));
      old->Bind(1, id_);
      if (old->Step()) previous = old->Int(0);
      ONDERDAK_RETURN_IF_ERROR(old->status());
    }
    if (previous) {
      ONDERDAK_ASSIGN_OR_RETURN(auto off, db_.Cached("UPDATE delivery SET is_current = 0 WHERE id = ?"));
      ONDERDAK_RETURN_IF_ERROR(off->Bind(1, *previous).Run());
      ONDERDAK_ASSIGN_OR_RETURN(auto ev, db_.Cached(std::string("INSERT INTO delivery_event(delivery_id, event, at) "
                                                                "VALUES (?, 'superseded', ") +
                                                    std::string(kNow) + ")"));
      ONDERDAK_RETURN_IF_ERROR(ev->Bind(1, *previous).Run());
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto on, db_.Cached("UPDATE delivery SET is_current = 1 WHERE id = ?"));
    ONDERDAK_RETURN_IF_ERROR(on->Bind(1, id_).Run());
    ONDERDAK_ASSIGN_OR_RETURN(auto ev, db_.Cached(std::string("INSERT INTO delivery_event(delivery_id, event, at) "
                                                              "VALUES (?, 'imported', ") +
                                                  std::string(kNow) + ")"));
    ONDERDAK_RETURN_IF_ERROR(ev->Bind(1, id_).Run());
    if (audit_) {
      audit_->object = "delivery:" + std::to_string(id_);
      ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, *audit_).status());
    }
    // Every statement is reset (the leases end) before COMMIT.
    person_.reset();
    living_.reset();
    episode_.reset();
    request_.reset();
    waiting_.reset();
    cause_.reset();
    need_.reset();
    ONDERDAK_RETURN_IF_ERROR(tx_.Commit());
    committed_ = true;
    ONDERDAK_RETURN_IF_ERROR(fk_off_.Restore());
    auto delivery = reload_(id_);
    lock_.unlock();
    return delivery;
  }

 private:
  // The integrity checks that stand in for SQLite's foreign keys (ForeignKeysOff): a
  // reference must be a handle this writer returned.
  core::Status CheckPerson(std::int64_t person) const {
    if (person >= first_person_id_ && person < next_person_id_) return core::Status::Ok();
    return core::Status::Internal("person handle " + std::to_string(person) + " is not a person of this delivery");
  }
  static core::Status CheckHandle(const std::unordered_set<std::int64_t>& handles, std::int64_t handle,
                                  std::string_view what) {
    if (handles.contains(handle)) return core::Status::Ok();
    return core::Status::Internal(std::string(what) + " handle " + std::to_string(handle) +
                                  " is not one of this delivery");
  }
  core::Status WorkerStatus() {
    std::lock_guard l(queue_mu_);
    return worker_status_;
  }
  core::Status Added() {
    if (++current_.size < kBatchRows) return core::Status::Ok();
    return Push();
  }
  // Hands the current batch to the worker (started by the first full batch), waiting
  // while the queue is full.
  core::Status Push() {
    if (!worker_.joinable()) worker_ = std::thread([this] { WorkerLoop(); });
    std::unique_lock l(queue_mu_);
    if (current_.size > 0) {
      space_.wait(l, [&] { return queue_.size() < kMaxQueuedBatches || !worker_status_.ok(); });
      queue_.push_back(std::move(current_));
      current_ = Batch();
      if (!spare_.empty()) {
        current_ = std::move(spare_.back());
        spare_.pop_back();
      }
      work_.notify_one();
    }
    return worker_status_;
  }
  // Pushes what is pending and waits until the worker has inserted everything. Without a
  // worker (fewer rows than one batch so far) inserts them on this thread.
  core::Status Drain() {
    if (!worker_.joinable()) {
      std::lock_guard l(queue_mu_);
      if (worker_status_.ok() && current_.size > 0) worker_status_ = Insert(current_);
      current_.Clear();
      return worker_status_;
    }
    ONDERDAK_RETURN_IF_ERROR(Push());
    std::unique_lock l(queue_mu_);
    idle_.wait(l, [&] { return (queue_.empty() && !busy_) || !worker_status_.ok(); });
    return worker_status_;
  }
  void StopWorker() {
    if (!worker_.joinable()) return;
    {
      std::lock_guard l(queue_mu_);
      closing_ = true;
      work_.notify_one();
    }
    worker_.join();
  }
  void WorkerLoop() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock l(queue_mu_);
        work_.wait(l, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;  // closing
        batch = std::move(queue_.front());
        queue_.pop_front();
        busy_ = worker_status_.ok();
        space_.notify_one();
        if (!busy_) {  // after a failure, queued rows are discarded (they roll back)
          idle_.notify_all();
          continue;
        }
      }
      core::Status s = Insert(batch);
      batch.Clear();
      std::lock_guard l(queue_mu_);
      spare_.push_back(std::move(batch));
      if (!s.ok() && worker_status_.ok()) worker_status_ = s;
      busy_ = false;
      idle_.notify_all();
      space_.notify_one();
    }
  }
  // Text is bound without a copy (BindStatic): the batch and the locals below outlive
  // each statement's Run(). With SQLITE_TRANSIENT SQLite mallocs, copies and frees every
  // bound text (~7 per row); not measured on its own: together with reusing batches
  // (spare_) it cut malloc/free from ~4.4% of the import's samples to ~2.8%.
  core::Status Insert(const Batch& b) {
    // Persons first: the other rows of the batch may point at them.
    for (const auto& [p, id] : b.persons) {
      Stmt& st = **person_;
      st.Bind(1, id).Bind(2, id_);
      BindStatic(st, 3, p.record_id);
      BindStatic(st, 4, p.pseudonym);
      st.Bind(5, p.birth_year).Bind(6, p.birth_month);
      BindStatic(st, 7, p.gender);
      BindStatic(st, 8, p.nationality_group);
      BindStatic(st, 9, p.household);
      BindStatic(st, 10, p.municipality_of_origin);
      ONDERDAK_RETURN_IF_ERROR(st.Run());
    }
    for (const auto& [r, person] : b.living) {
      Stmt& st = **living_;
      const std::string start = r.start.ToString(), end = DateText(r.end);
      st.Bind(1, id_).Bind(2, person);
      BindStatic(st, 3, r.record_id);
      st.Bind(4, r.ethos);
      BindStatic(st, 5, start);
      BindDate(st, 6, r.end, end);
      BindStatic(st, 7, r.source);
      ONDERDAK_RETURN_IF_ERROR(st.Run());
    }
    for (const auto& [r, person, facility] : b.episodes) {
      Stmt& st = **episode_;
      const std::string start = r.start.ToString(), end = DateText(r.end);
      st.Bind(1, id_).Bind(2, person);
      BindStatic(st, 3, r.record_id);
      BindStatic(st, 4, r.service_type);
      if (facility) {
        st.Bind(5, *facility);
      } else {
        st.BindNull(5);
      }
      BindStatic(st, 6, r.municipality);
      BindStatic(st, 7, start);
      BindDate(st, 8, r.end, end);
      BindStatic(st, 9, r.exit_destination);
      ONDERDAK_RETURN_IF_ERROR(st.Run());
    }
    for (const auto& [r, person] : b.requests) {
      Stmt& st = **request_;
      const std::string date = r.request_date.ToString(), decided = DateText(r.decision_date);
      st.Bind(1, id_).Bind(2, person);
      BindStatic(st, 3, r.record_id);
      BindStatic(st, 4, date);
      BindStatic(st, 5, r.municipality_applied_to);
      BindStatic(st, 6, r.service_type);
      BindStatic(st, 7, r.decision);
      BindDate(st, 8, r.decision_date, decided);
      BindStatic(st, 9, r.decision_reason);
      BindStatic(st, 10, r.referred_to_region);
      ONDERDAK_RETURN_IF_ERROR(st.Run());
    }
    for (const auto& [r, person] : b.waiting) {
      Stmt& st = **waiting_;
      const std::string registered = r.registered.ToString(), end = DateText(r.end);
      st.Bind(1, id_).Bind(2, person);
      BindStatic(st, 3, r.record_id);
      BindStatic(st, 4, r.waiting_list_type);
      BindStatic(st, 5, registered);
      BindDate(st, 6, r.end, end);
      BindStatic(st, 7, r.outcome);
      ONDERDAK_RETURN_IF_ERROR(st.Run());
    }
    for (const auto& [r, person] : b.causes) {
      Stmt& st = **cause_;
      const std::string date = r.intake_date.ToString();
      st.Bind(1, id_).Bind(2, person);
      BindStatic(st, 3, r.record_id);
      BindStatic(st, 4, date);
      BindStatic(st, 5, r.cause);
      ONDERDAK_RETURN_IF_ERROR(st.Run());
    }
    for (const auto& [r, person] : b.needs) {
      Stmt& st = **need_;
      const std::string date = r.assessed.ToString();
      st.Bind(1, id_).Bind(2, person);
      BindStatic(st, 3, r.record_id);
      BindStatic(st, 4, date);
      BindStatic(st, 5, r.need_category);
      ONDERDAK_RETURN_IF_ERROR(st.Run());
    }
    return core::Status::Ok();
  }

  // Destroyed in reverse order: the transaction rolls back, then foreign keys are back
  // on, then the store is unlocked.
  std::unique_lock<std::mutex> lock_;
  Db& db_;
  ForeignKeysOff fk_off_;
  Transaction tx_;
  std::int64_t id_;
  std::function<core::Result<domain::Delivery>(std::int64_t)> reload_;
  std::optional<AuditEvent> audit_;
  bool committed_ = false;
  bool archived_ = false;
  std::optional<CachedStmt> person_, living_, episode_, request_, waiting_, cause_, need_;
  std::int64_t first_person_id_ = 1;  // persons of this delivery: [first, next)
  std::int64_t next_person_id_ = 1;
  std::unordered_set<std::int64_t> facilities_, projects_;  // handles returned
  Batch current_;
  std::mutex queue_mu_;
  std::condition_variable work_, space_, idle_;
  std::deque<Batch> queue_;
  // Inserted batches, emptied, for reuse: their vectors keep their capacity, so filling
  // a batch does not reallocate and move its rows as it grows.
  std::vector<Batch> spare_;
  bool busy_ = false;
  bool closing_ = false;
  core::Status worker_status_;
  std::thread worker_;  // last: started after everything it uses exists
};

}  // namespace

core::Result<std::unique_ptr<DeliveryWriter>> SqliteStore::BeginDelivery(const NewDelivery& d) {
  std::unique_lock lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(Db * db, WriterDb());
  ONDERDAK_ASSIGN_OR_RETURN(auto fk_off, ForeignKeysOff::Begin(*db));  // before the transaction
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*db));
  std::int64_t version = 0;
  {
    ONDERDAK_ASSIGN_OR_RETURN(auto ver, db->Cached("SELECT coalesce(max(version), 0) + 1 FROM delivery WHERE "
                                                   "organisation = ? AND region_code = ? AND period = ?"));
    ver->Bind(1, d.organisation).Bind(2, d.region).Bind(3, d.period.ToString());
    if (!ver->Step()) return ver->status();
    version = ver->Int(0);
  }
  ONDERDAK_ASSIGN_OR_RETURN(
      auto ins, db->Cached(std::string("INSERT INTO delivery(organisation, organisation_name, region_code, period, "
                                       "period_first, period_last, version, is_current, created, imported_at, source, "
                                       "sha256, files, synthetic) VALUES (?,?,?,?,?,?,?,0,?,") +
                           std::string(kNow) + ",?,?,?,?)"));
  ins->Bind(1, d.organisation)
      .Bind(2, d.organisation_name)
      .Bind(3, d.region)
      .Bind(4, d.period.ToString())
      .Bind(5, d.period.first().ToString())
      .Bind(6, d.period.last().ToString())
      .Bind(7, version)
      .Bind(8, d.created)
      .Bind(9, d.source)
      .Bind(10, std::string_view(""))
      .Bind(11, JoinFiles(d.files))
      .Bind(12, d.synthetic ? 1 : 0);
  ONDERDAK_RETURN_IF_ERROR(ins->Run());
  const std::int64_t id = sqlite3_last_insert_rowid(db->raw());
  auto reload = [this](std::int64_t delivery_id) -> core::Result<domain::Delivery> {
    ONDERDAK_ASSIGN_OR_RETURN(auto list, QueryDeliveries({}, delivery_id));
    if (list.empty()) return core::Status::Internal("delivery vanished after commit");
    return list.front();
  };
  auto writer = std::make_unique<SqliteDeliveryWriter>(std::move(lock), *db, std::move(fk_off), std::move(tx), id,
                                                       reload, d.audit);
  ONDERDAK_RETURN_IF_ERROR(writer->Prepare());
  return std::unique_ptr<DeliveryWriter>(std::move(writer));
}

core::Result<std::vector<domain::Delivery>> SqliteStore::QueryDeliveries(const DeliveryFilter& filter,
                                                                         std::optional<std::int64_t> id) {
  std::string sql =
      "SELECT id, organisation, organisation_name, region_code, period, period_first, period_last, version, "
      "is_current, created, imported_at, source, sha256, files, "
      "(SELECT flagged FROM delivery_quality q WHERE q.delivery_id = delivery.id), synthetic FROM delivery WHERE 1 = 1";
  std::vector<std::string> args;
  if (id) {
    sql += " AND id = ?";
    args.push_back(std::to_string(*id));
  }
  if (filter.region) {
    sql += " AND region_code = ?";
    args.push_back(*filter.region);
  }
  if (filter.organisation) {
    sql += " AND organisation = ?";
    args.push_back(*filter.organisation);
  }
  if (filter.period) {
    sql += " AND period = ?";
    args.push_back(*filter.period);
  }
  if (filter.current_only) sql += " AND is_current = 1";
  sql += " ORDER BY id";
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(sql));
  for (std::size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  std::vector<domain::Delivery> out;
  core::Status error;
  while (st.Step()) {
    domain::Delivery d;
    d.id = st.Int(0);
    d.organisation = st.Text(1);
    d.organisation_name = st.Text(2);
    d.region = st.Text(3);
    d.period = st.Text(4);
    d.period_first = ParseStoredDate(st.Text(5), error);
    d.period_last = ParseStoredDate(st.Text(6), error);
    d.version = static_cast<int>(st.Int(7));
    d.current = st.Int(8) != 0;
    d.created = st.Text(9);
    d.imported_at = st.Text(10);
    d.source = st.Text(11);
    d.sha256 = st.Text(12);
    d.files = SplitFiles(st.Text(13));
    if (!st.IsNull(14)) d.quality_flagged = static_cast<int>(st.Int(14));
    d.synthetic = st.Int(15) != 0;
    out.push_back(std::move(d));
  }
  ONDERDAK_RETURN_IF_ERROR(st.status());
  ONDERDAK_RETURN_IF_ERROR(error);
  return out;
}

core::Result<std::vector<domain::Delivery>> SqliteStore::ListDeliveries(const DeliveryFilter& filter) {
  std::lock_guard lock(mu_);
  return QueryDeliveries(filter, std::nullopt);
}

core::Result<domain::Delivery> SqliteStore::GetDelivery(std::int64_t id) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto list, QueryDeliveries({}, id));
  if (list.empty()) return core::Status::NotFound("delivery " + std::to_string(id) + " does not exist");
  return list.front();
}

core::Result<DeliveryCounts> SqliteStore::CountDeliveryRows(std::int64_t id) {
  std::lock_guard lock(mu_);
  DeliveryCounts counts;
  for (const auto& e : kEntityTables) {
    ONDERDAK_ASSIGN_OR_RETURN(
        auto st, db_.Prepare("SELECT count(*) FROM \"" + std::string(e.table) + "\" WHERE delivery_id = ?"));
    st.Bind(1, id);
    if (!st.Step()) return st.status();
    counts.emplace_back(std::string(e.file), st.Int(0));
  }
  return counts;
}

core::Result<std::map<std::int64_t, DeliveryQuality>> SqliteStore::ListDeliveryQuality(
    std::optional<std::int64_t> only) {
  std::lock_guard lock(mu_);
  std::map<std::int64_t, DeliveryQuality> out;
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("SELECT delivery_id, flagged, checks FROM delivery_quality "
                                                 "WHERE ? IS NULL OR delivery_id = ?"));
  if (only) st.Bind(1, *only).Bind(2, *only);
  while (st.Step()) out[st.Int(0)] = {.flagged = static_cast<int>(st.Int(1)), .checks_json = st.Text(2)};
  ONDERDAK_RETURN_IF_ERROR(st.status());
  return out;
}

core::Result<domain::Delivery> SqliteStore::RestoreDelivery(std::int64_t id, const std::optional<AuditEvent>& audit) {
  {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
    ONDERDAK_ASSIGN_OR_RETURN(auto list, QueryDeliveries({}, id));
    if (list.empty()) return core::Status::NotFound("delivery " + std::to_string(id) + " does not exist");
    const domain::Delivery& d = list.front();
    if (d.current) {
      return core::Status::FailedPrecondition("delivery " + std::to_string(id) + " (version " +
                                              std::to_string(d.version) + ") is already the current version");
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto off, db_.Prepare("UPDATE delivery SET is_current = 0 WHERE is_current = 1 AND "
                                                    "organisation = ? AND region_code = ? AND period = ?"));
    ONDERDAK_RETURN_IF_ERROR(off.Bind(1, d.organisation).Bind(2, d.region).Bind(3, d.period).Run());
    ONDERDAK_ASSIGN_OR_RETURN(auto on, db_.Prepare("UPDATE delivery SET is_current = 1 WHERE id = ?"));
    ONDERDAK_RETURN_IF_ERROR(on.Bind(1, id).Run());
    ONDERDAK_ASSIGN_OR_RETURN(auto ev, db_.Prepare(std::string("INSERT INTO delivery_event(delivery_id, event, at) "
                                                               "VALUES (?, 'restored', ") +
                                                   std::string(kNow) + ")"));
    ONDERDAK_RETURN_IF_ERROR(ev.Bind(1, id).Run());
    if (audit) {
      AuditEvent e = *audit;
      e.object = "delivery:" + std::to_string(id);
      ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(db_, e).status());
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  }
  return GetDelivery(id);
}

core::Status SqliteStore::ExportArchive(std::int64_t id, std::ostream& out) {
  std::lock_guard lock(mu_);
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("SELECT c.data FROM delivery d JOIN archive_chunk c ON "
                                                 "c.sha256 = d.sha256 WHERE d.id = ? ORDER BY c.seq"));
  st.Bind(1, id);
  bool any = false;
  while (st.Step()) {
    any = true;
    const void* data = sqlite3_column_blob(st.raw(), 0);
    const int n = sqlite3_column_bytes(st.raw(), 0);
    out.write(static_cast<const char*>(data), n);
  }
  ONDERDAK_RETURN_IF_ERROR(st.status());
  if (!any) return core::Status::NotFound("delivery " + std::to_string(id) + " does not exist");
  if (!out) return core::Status::Io("writing the archive failed");
  return core::Status::Ok();
}

}  // namespace onderdak::store::sqlite
