// Deliveries on PostgreSQL: the writer that stores one delivery in one transaction, the
// version bookkeeping (list, restore) and the loader that turns deliveries back into a
// domain::Dataset. Mirrors sqlite/sqlite_delivery.cc; see postgres_store.h for locking.
//
// Shared with SQLite through internal/stored_values.h: the entity table list, the files
// list encoding, code interning and stored-date parsing.
#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "onderdak/store/internal/delivery_queries.h"
#include "onderdak/store/internal/stored_values.h"
#include "onderdak/store/postgres/pg_migrations.h"
#include "onderdak/store/postgres/postgres_store.h"

namespace onderdak::store::postgres {
namespace {

using internal::Intern;
using internal::InternYesNoUnknown;
using internal::ParseStoredDate;

// As on SQLite: the raw delivery in chunks of 8 MiB (bytea values up to 1 GB would be
// allowed, but one chunk is one parameter held in memory on both sides).
constexpr std::size_t kArchiveChunkBytes = 8 * 1024 * 1024;
// Person ids are reserved in blocks of this size (the increment of person_id_block).
constexpr std::int64_t kPersonIdBlock = 8192;
// Person-level rows are buffered in COPY text format and sent when the buffers hold this
// much (one COPY per table per flush).
constexpr std::size_t kFlushBytes = 4 * 1024 * 1024;
// Rows fetched per round trip by the loader's cursors.
constexpr int kFetchRows = 20000;

constexpr std::string_view kDeliveryColumns =
    "SELECT id, organisation, organisation_name, region_code, period, period_first, period_last, version, "
    "is_current, created, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), source, "
    "sha256, files, (SELECT flagged FROM delivery_quality q WHERE q.delivery_id = delivery.id), synthetic FROM "
    "delivery";

// The advisory lock of one (organisation, region, period), for the current transaction.
core::Status LockDeliveryKey(Conn& conn, std::string_view organisation, std::string_view region,
                             std::string_view period) {
  return conn
      .Query("SELECT pg_advisory_xact_lock(" + std::to_string(kLockDeliveryKey) +
                 ", hashtext($1::text || '|' || $2::text || '|' || $3::text))",
             Params().Add(organisation).Add(region).Add(period))
      .status();
}

core::Status AddEvent(Conn& conn, std::int64_t delivery_id, std::string_view event) {
  return conn
      .Query("INSERT INTO delivery_event(delivery_id, event) VALUES ($1, $2)", Params().Add(delivery_id).Add(event))
      .status();
}

// The raw delivery, content-addressed: an identical archive is stored once. A concurrent
// transaction inserting the same archive makes ON CONFLICT wait for it: if it commits,
// the archive is kept (ours inserts nothing); if it rolls back, ours inserts.
core::Status StoreArchive(Conn& conn, const std::string& sha256, const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return core::Status::Io("cannot read the delivery archive " + path.string() + ": " + ec.message());
  ONDERDAK_ASSIGN_OR_RETURN(auto ins, conn.Query("INSERT INTO archive(sha256, bytes) VALUES ($1, $2) "
                                                 "ON CONFLICT (sha256) DO NOTHING RETURNING sha256",
                                                 Params().Add(sha256).Add(static_cast<std::int64_t>(size))));
  if (ins.rows() == 0) return core::Status::Ok();  // already kept
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Io("cannot read the delivery archive " + path.string());
  // Sized to the archive (at most one chunk), not zero-filled (ADR 0020).
  const std::size_t buf_size =
      static_cast<std::size_t>(std::min<std::uint64_t>(std::max<std::uint64_t>(size, 1), kArchiveChunkBytes));
  const auto buf = std::make_unique_for_overwrite<char[]>(buf_size);
  std::uint64_t total = 0;
  for (std::int64_t seq = 0; total < size; ++seq) {
    in.read(buf.get(), static_cast<std::streamsize>(std::min<std::uint64_t>(buf_size, size - total)));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    total += n;
    ONDERDAK_RETURN_IF_ERROR(conn.Query("INSERT INTO archive_chunk(sha256, seq, data) VALUES ($1, $2, $3)",
                                        Params().Add(sha256).Add(seq).AddBinary(std::string_view(buf.get(), n)))
                                 .status());
  }
  if (total != size) return core::Status::Io("the delivery archive " + path.string() + " changed while it was read");
  return core::Status::Ok();
}

class PostgresDeliveryWriter final : public DeliveryWriter {
 public:
  PostgresDeliveryWriter(PostgresStore& store, PooledConn conn) : store_(store), conn_(std::move(conn)) {}
  // tx_ is destroyed first (ROLLBACK unless committed), then the connection goes back.
  ~PostgresDeliveryWriter() override = default;
  PostgresDeliveryWriter(const PostgresDeliveryWriter&) = delete;
  PostgresDeliveryWriter& operator=(const PostgresDeliveryWriter&) = delete;

  // Opens the transaction, waits for the key's advisory lock, numbers the version and
  // inserts the delivery row (not current until Commit()).
  core::Status Begin(const NewDelivery& d) {
    organisation_ = d.organisation;
    region_ = d.region;
    period_ = d.period.ToString();
    audit_ = d.audit;
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn_));
    tx_.emplace(std::move(tx));
    ONDERDAK_RETURN_IF_ERROR(LockDeliveryKey(*conn_, organisation_, region_, period_));
    // READ COMMITTED: this statement, run after the lock is ours, sees every version
    // committed by the writers that held it before.
    ONDERDAK_ASSIGN_OR_RETURN(
        auto ins,
        conn_->Query(
            "INSERT INTO delivery(organisation, organisation_name, region_code, period, "
            "period_first, period_last, version, is_current, created, source, sha256, files, synthetic) "
            "SELECT $1::text, $2::text, $3::text, $4::text, $5::date, $6::date, coalesce(max(version), 0) + 1, false, "
            "$7::text, $8::text, '', $9::text, $10::boolean "
            "FROM delivery WHERE organisation = $1 AND region_code = $3 AND period = $4 "
            "RETURNING id",
            Params()
                .Add(d.organisation)
                .Add(d.organisation_name)
                .Add(d.region)
                .Add(period_)
                .Add(d.period.first())
                .Add(d.period.last())
                .Add(d.created)
                .Add(d.source)
                .Add(internal::JoinFiles(d.files))
                .Add(d.synthetic)));
    id_ = ins.Int(0, 0);
    return core::Status::Ok();
  }

  core::Result<std::int64_t> AddPerson(const domain::Person& p) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    if (next_person_id_ == block_end_) ONDERDAK_RETURN_IF_ERROR(Fail(ReservePersonIds()));
    const std::int64_t id = next_person_id_++;
    persons_.Field(id).Field(id_).Field(p.record_id).Field(p.pseudonym).Field(p.birth_year).Field(p.birth_month);
    persons_.Field(p.gender).Field(p.nationality_group).Field(p.household).Field(p.municipality_of_origin);
    persons_.EndRow();
    ONDERDAK_RETURN_IF_ERROR(Added());
    return id;
  }
  core::Status AddLivingSituation(const domain::LivingSituation& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    living_.Field(id_).Field(seq_living_++).Field(person).Field(r.record_id).Field(r.ethos).Field(r.start);
    living_.Field(r.end).Field(r.source).EndRow();
    return Added();
  }
  core::Status AddServiceEpisode(const domain::ServiceEpisode& r, std::int64_t person,
                                 std::optional<std::int64_t> facility) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    if (facility) ONDERDAK_RETURN_IF_ERROR(CheckHandle(facilities_, *facility, "facility"));
    episodes_.Field(id_).Field(seq_episodes_++).Field(person).Field(r.record_id).Field(r.service_type);
    episodes_.Field(facility).Field(r.municipality).Field(r.start).Field(r.end).Field(r.exit_destination).EndRow();
    return Added();
  }
  core::Status AddRequest(const domain::Request& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    requests_.Field(id_).Field(seq_requests_++).Field(person).Field(r.record_id).Field(r.request_date);
    requests_.Field(r.municipality_applied_to).Field(r.service_type).Field(r.decision).Field(r.decision_date);
    requests_.Field(r.decision_reason).Field(r.referred_to_region).EndRow();
    return Added();
  }
  core::Status AddWaitingEntry(const domain::WaitingEntry& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    waiting_.Field(id_).Field(seq_waiting_++).Field(person).Field(r.record_id).Field(r.waiting_list_type);
    waiting_.Field(r.registered).Field(r.end).Field(r.outcome).EndRow();
    return Added();
  }
  core::Status AddCause(const domain::Cause& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    causes_.Field(id_).Field(seq_causes_++).Field(person).Field(r.record_id).Field(r.intake_date).Field(r.cause);
    causes_.EndRow();
    return Added();
  }
  core::Status AddNeed(const domain::Need& r, std::int64_t person) override {
    ONDERDAK_RETURN_IF_ERROR(CheckPerson(person));
    needs_.Field(id_).Field(seq_needs_++).Field(person).Field(r.record_id).Field(r.assessed).Field(r.need_category);
    needs_.EndRow();
    return Added();
  }

  // Facilities and housing projects: one INSERT each, for the id the rows pointing at them
  // need. The other aggregate rows are buffered for COPY like the person-level rows: one
  // INSERT per row was ~70 % of a national import's round trips (ADR 0040).
  core::Result<std::int64_t> AddFacility(const domain::Facility& r) override {
    ONDERDAK_ASSIGN_OR_RETURN(
        auto res, Run("INSERT INTO facility(delivery_id, record_id, name, municipality, "
                      "service_type) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                      Params().Add(id_).Add(r.record_id).Add(r.name).Add(r.municipality).Add(r.service_type)));
    const std::int64_t id = res.Int(0, 0);
    facilities_.insert(id);
    return id;
  }

  core::Status AddCapacity(const domain::Capacity& r, std::int64_t facility) override {
    ONDERDAK_RETURN_IF_ERROR(CheckHandle(facilities_, facility, "facility"));
    capacity_.Field(id_).Field(seq_capacity_++).Field(facility).Field(r.record_id).Field(r.valid_from);
    capacity_.Field(r.room_size).Field(r.rooms).Field(r.places).EndRow();
    return Added();
  }

  core::Result<std::int64_t> AddHousingProject(const domain::HousingProject& r) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto res,
                              Run("INSERT INTO housing_project(delivery_id, record_id, municipality, housing_kind, "
                                  "places, status, status_date, owner) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                                  "RETURNING id",
                                  Params()
                                      .Add(id_)
                                      .Add(r.record_id)
                                      .Add(r.municipality)
                                      .Add(r.housing_kind)
                                      .Add(r.places)
                                      .Add(r.status)
                                      .Add(r.status_date)
                                      .Add(r.owner)));
    const std::int64_t id = res.Int(0, 0);
    projects_.insert(id);
    return id;
  }

  core::Status AddFundingLine(const domain::FundingLine& r, std::int64_t project) override {
    ONDERDAK_RETURN_IF_ERROR(CheckHandle(projects_, project, "housing project"));
    funding_.Field(id_).Field(seq_funding_++).Field(project).Field(r.record_id).Field(r.funding_line);
    funding_.Field(r.places_counted).EndRow();
    return Added();
  }

  core::Status AddPlan(const domain::Plan& r) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    plans_.Field(id_).Field(seq_plans_++).Field(r.record_id).Field(r.plan_status).Field(r.adopted_date);
    plans_.Bool(r.aligned_with_action_plan).Bool(r.contains_wonen_eerst).Bool(r.shelter_in_municipality_of_origin);
    plans_.Bool(r.made_with_lived_experience).Field(r.lived_experience_policy).Field(r.lived_experience_execution);
    plans_.Field(r.target_extra_places).EndRow();
    return Added();
  }

  core::Status AddAgreement(const domain::Agreement& r) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    agreements_.Field(id_).Field(seq_agreements_++).Field(r.record_id).Field(r.corporation).Field(r.municipality);
    agreements_.Bool(r.covers_homeless).Field(r.places_agreed).Field(r.places_realised).EndRow();
    return Added();
  }

  core::Status AddBudget(const domain::Budget& r) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    budgets_.Field(id_).Field(seq_budgets_++).Field(r.record_id).Field(r.year).Field(r.budget_theme);
    budgets_.Field(r.budget_eur).Field(r.spent_eur).EndRow();
    return Added();
  }

  core::Status AddEviction(const domain::Eviction& r) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    evictions_.Field(id_).Field(seq_evictions_++).Field(r.record_id).Field(r.municipality).Field(r.eviction_date);
    evictions_.Field(r.household).Field(r.other_housing_found).EndRow();
    return Added();
  }

  core::Status AddSignal(const domain::Signal& r) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    signals_.Field(id_).Field(seq_signals_++).Field(r.record_id).Field(r.municipality).Field(r.signal_date);
    signals_.Field(r.signal_outcome).EndRow();
    return Added();
  }

  core::Status AddPreventionPolicy(const domain::PreventionPolicy& r) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    prevention_.Field(id_).Field(seq_prevention_++).Field(r.record_id).Field(r.municipality).Field(r.policy_status);
    prevention_.Bool(r.prevention_scan).Field(r.respite_facility).EndRow();
    return Added();
  }

  core::Result<std::string> CurrentSha256() override {
    ONDERDAK_RETURN_IF_ERROR(Flush());
    ONDERDAK_ASSIGN_OR_RETURN(auto r, Run(internal::kCurrentSha256Sql, Params().Add(id_)));
    return r.rows() > 0 ? std::string(r.Text(0, 0)) : std::string();
  }

  core::Status AttachArchive(const std::string& sha256, const std::filesystem::path& zip) override {
    ONDERDAK_RETURN_IF_ERROR(status_);
    ONDERDAK_RETURN_IF_ERROR(Fail(StoreArchive(*conn_, sha256, zip)));
    ONDERDAK_RETURN_IF_ERROR(
        Run("UPDATE delivery SET sha256 = $1 WHERE id = $2", Params().Add(sha256).Add(id_)).status());
    archived_ = true;
    return core::Status::Ok();
  }

  core::Status AttachQuality(int flagged, const std::string& checks_json) override {
    return Run("INSERT INTO delivery_quality(delivery_id, flagged, checks) VALUES ($1, $2, $3)",
               Params().Add(id_).Add(std::int64_t{flagged}).Add(checks_json))
        .status();
  }

  core::Result<domain::Delivery> Commit() override {
    if (committed_) return core::Status::FailedPrecondition("delivery already committed");
    if (!archived_) return core::Status::FailedPrecondition("the raw delivery was not archived");
    ONDERDAK_RETURN_IF_ERROR(Flush());
    // The version that was current stops being current; this one becomes current. We
    // hold the key's lock, so no other writer or restore changes these rows meanwhile.
    ONDERDAK_ASSIGN_OR_RETURN(auto old, Run("SELECT id FROM delivery WHERE organisation = $1 AND region_code = $2 "
                                            "AND period = $3 AND is_current",
                                            Params().Add(organisation_).Add(region_).Add(period_)));
    if (old.rows() > 0) {
      const std::int64_t previous = old.Int(0, 0);
      ONDERDAK_RETURN_IF_ERROR(
          Run("UPDATE delivery SET is_current = false WHERE id = $1", Params().Add(previous)).status());
      ONDERDAK_RETURN_IF_ERROR(Fail(AddEvent(*conn_, previous, "superseded")));
    }
    ONDERDAK_RETURN_IF_ERROR(Run("UPDATE delivery SET is_current = true WHERE id = $1", Params().Add(id_)).status());
    ONDERDAK_RETURN_IF_ERROR(Fail(AddEvent(*conn_, id_, "imported")));
    if (audit_) {
      audit_->object = "delivery:" + std::to_string(id_);
      ONDERDAK_RETURN_IF_ERROR(Fail(AppendAuditInTransaction(*conn_, *audit_).status()));
    }
    ONDERDAK_RETURN_IF_ERROR(Fail(tx_->Commit()));
    committed_ = true;
    return store_.GetDelivery(id_);
  }

 private:
  // Remembers the first failure: PostgreSQL refuses every statement of a failed
  // transaction, so later calls report the original cause.
  core::Status Fail(core::Status s) {
    if (!s.ok() && status_.ok()) status_ = s;
    return s;
  }
  core::Result<PgResult> Run(std::string_view sql, const Params& params) {
    ONDERDAK_RETURN_IF_ERROR(status_);
    auto r = conn_->Query(sql, params);
    if (!r.ok()) (void)Fail(r.status());
    return r;
  }
  core::Status ReservePersonIds() {
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn_->Query("SELECT nextval('person_id_block')"));
    next_person_id_ = r.Int(0, 0);
    block_end_ = next_person_id_ + kPersonIdBlock;
    blocks_.push_back(next_person_id_);
    return core::Status::Ok();
  }
  // Instead of relying on the foreign key alone (which would accept a person of another
  // delivery), a reference must be a handle this writer returned, as on SQLite.
  core::Status CheckPerson(std::int64_t person) {
    ONDERDAK_RETURN_IF_ERROR(status_);
    auto it = std::upper_bound(blocks_.begin(), blocks_.end(), person);
    if (it != blocks_.begin()) {
      const std::int64_t start = *std::prev(it);
      const std::int64_t end = it == blocks_.end() ? next_person_id_ : start + kPersonIdBlock;
      if (person < end) return core::Status::Ok();
    }
    return core::Status::Internal("person handle " + std::to_string(person) + " is not a person of this delivery");
  }
  core::Status CheckHandle(const std::unordered_set<std::int64_t>& handles, std::int64_t handle,
                           std::string_view what) {
    ONDERDAK_RETURN_IF_ERROR(status_);
    if (handles.contains(handle)) return core::Status::Ok();
    return core::Status::Internal(std::string(what) + " handle " + std::to_string(handle) +
                                  " is not one of this delivery");
  }
  core::Status Added() {
    std::size_t bytes = 0;
    for (const auto& p : Buffers()) bytes += p.rows->data().size();
    return bytes < kFlushBytes ? core::Status::Ok() : Flush();
  }
  struct Buffer {
    CopyBuffer* rows;
    std::string_view copy;
  };
  // Every buffer and its COPY, persons first (the other rows point at them).
  std::array<Buffer, 15> Buffers() {
    return {{
        {&persons_,
         "COPY person(id, delivery_id, record_id, pseudonym, birth_year, birth_month, gender, nationality_group, "
         "household, municipality_of_origin) FROM STDIN"},
        {&living_,
         "COPY living_situation(delivery_id, seq, person_id, record_id, ethos, start_date, end_date, source) "
         "FROM STDIN"},
        {&episodes_,
         "COPY service_episode(delivery_id, seq, person_id, record_id, service_type, facility_id, municipality, "
         "start_date, end_date, exit_destination) FROM STDIN"},
        {&requests_,
         "COPY request(delivery_id, seq, person_id, record_id, request_date, municipality_applied_to, "
         "service_type, decision, decision_date, decision_reason, referred_to_region) FROM STDIN"},
        {&waiting_,
         "COPY waiting_entry(delivery_id, seq, person_id, record_id, waiting_list_type, registered_date, end_date, "
         "outcome) FROM STDIN"},
        {&causes_, "COPY cause(delivery_id, seq, person_id, record_id, intake_date, cause) FROM STDIN"},
        {&needs_, "COPY need(delivery_id, seq, person_id, record_id, assessed_date, need_category) FROM STDIN"},
        {&capacity_,
         "COPY capacity(delivery_id, seq, facility_id, record_id, valid_from, room_size, rooms, places) FROM STDIN"},
        {&funding_,
         "COPY funding_line(delivery_id, seq, project_id, record_id, funding_line, places_counted) FROM STDIN"},
        {&plans_,
         "COPY plan(delivery_id, seq, record_id, plan_status, adopted_date, aligned_with_action_plan, "
         "contains_wonen_eerst, shelter_in_municipality_of_origin, made_with_lived_experience, "
         "lived_experience_policy, lived_experience_execution, target_extra_places) FROM STDIN"},
        {&agreements_,
         "COPY agreement(delivery_id, seq, record_id, corporation, municipality, covers_homeless, places_agreed, "
         "places_realised) FROM STDIN"},
        {&budgets_, "COPY budget(delivery_id, seq, record_id, year, budget_theme, budget_eur, spent_eur) FROM STDIN"},
        {&evictions_,
         "COPY eviction(delivery_id, seq, record_id, municipality, eviction_date, household, other_housing_found) "
         "FROM STDIN"},
        {&signals_, "COPY signal(delivery_id, seq, record_id, municipality, signal_date, signal_outcome) FROM STDIN"},
        {&prevention_,
         "COPY prevention_policy(delivery_id, seq, record_id, municipality, policy_status, prevention_scan, "
         "respite_facility) FROM STDIN"},
    }};
  }
  // Sends the buffered rows, in the order of Buffers().
  core::Status Flush() {
    ONDERDAK_RETURN_IF_ERROR(status_);
    for (const auto& p : Buffers()) {
      if (p.rows->empty()) continue;
      ONDERDAK_RETURN_IF_ERROR(Fail(conn_->CopyIn(p.copy, p.rows->data())));
      p.rows->Clear();
    }
    return core::Status::Ok();
  }

  PostgresStore& store_;
  PooledConn conn_;
  std::optional<Transaction> tx_;  // after conn_: rolled back before the connection goes back
  core::Status status_;
  std::int64_t id_ = 0;
  std::string organisation_, region_, period_;
  std::optional<AuditEvent> audit_;
  bool committed_ = false;
  bool archived_ = false;
  // Person ids: the blocks reserved (ascending starts), the next id of the last block.
  std::vector<std::int64_t> blocks_;
  std::int64_t next_person_id_ = 0;
  std::int64_t block_end_ = 0;
  std::unordered_set<std::int64_t> facilities_, projects_;  // handles returned
  CopyBuffer persons_, living_, episodes_, requests_, waiting_, causes_, needs_;
  CopyBuffer capacity_, funding_, plans_, agreements_, budgets_, evictions_, signals_, prevention_;
  // Position of the next row of each table within this delivery (column seq).
  std::int64_t seq_living_ = 0, seq_episodes_ = 0, seq_requests_ = 0, seq_waiting_ = 0, seq_causes_ = 0, seq_needs_ = 0,
               seq_capacity_ = 0, seq_funding_ = 0, seq_plans_ = 0, seq_agreements_ = 0, seq_budgets_ = 0,
               seq_evictions_ = 0, seq_signals_ = 0, seq_prevention_ = 0;
};

std::optional<core::Date> OptionalDate(const PgResult& r, int row, int col, core::Status& error) {
  if (r.IsNull(row, col)) return std::nullopt;
  return ParseStoredDate(r.Text(row, col), error);
}

// Runs `select` through a cursor, kFetchRows rows per round trip, calling
// `fn(result, row)` for every row. Inside the caller's transaction.
template <typename Fn>
core::Status ForEachRow(Conn& conn, const std::string& select, Fn&& fn) {
  ONDERDAK_RETURN_IF_ERROR(conn.Exec("DECLARE onderdak_rows NO SCROLL CURSOR FOR " + select));
  const std::string fetch = "FETCH " + std::to_string(kFetchRows) + " FROM onderdak_rows";
  for (;;) {
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn.Query(fetch));
    if (r.rows() == 0) break;
    for (int i = 0; i < r.rows(); ++i) fn(r, i);
  }
  return conn.Exec("CLOSE onderdak_rows");
}

}  // namespace

core::Result<std::vector<domain::Delivery>> QueryDeliveries(Conn& conn, const DeliveryFilter& filter,
                                                            std::optional<std::int64_t> id) {
  std::string sql = std::string(kDeliveryColumns) + " WHERE true";
  Params params;
  int n = 0;
  auto where = [&](std::string_view column, const std::string& value) {
    sql += " AND " + std::string(column) + " = $" + std::to_string(++n);
    params.Add(value);
  };
  if (id) {
    sql += " AND id = $" + std::to_string(++n);
    params.Add(*id);
  }
  if (filter.region) where("region_code", *filter.region);
  if (filter.organisation) where("organisation", *filter.organisation);
  if (filter.period) where("period", *filter.period);
  if (filter.current_only) sql += " AND is_current";
  sql += " ORDER BY id";
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn.Query(sql, params));
  std::vector<domain::Delivery> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  core::Status error;
  for (int i = 0; i < r.rows(); ++i) {
    domain::Delivery d;
    d.id = r.Int(i, 0);
    d.organisation = r.Str(i, 1);
    d.organisation_name = r.Str(i, 2);
    d.region = r.Str(i, 3);
    d.period = r.Str(i, 4);
    d.period_first = ParseStoredDate(r.Text(i, 5), error);
    d.period_last = ParseStoredDate(r.Text(i, 6), error);
    d.version = static_cast<int>(r.Int(i, 7));
    d.current = r.Bool(i, 8);
    d.created = r.Str(i, 9);
    d.imported_at = r.Str(i, 10);
    d.source = r.Str(i, 11);
    d.sha256 = r.Str(i, 12);
    d.files = internal::SplitFiles(r.Text(i, 13));
    if (!r.IsNull(i, 14)) d.quality_flagged = static_cast<int>(r.Int(i, 14));
    d.synthetic = r.Bool(i, 15);
    out.push_back(std::move(d));
  }
  ONDERDAK_RETURN_IF_ERROR(error);
  return out;
}

core::Result<std::unique_ptr<DeliveryWriter>> PostgresStore::BeginDelivery(const NewDelivery& d) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  auto writer = std::make_unique<PostgresDeliveryWriter>(*this, std::move(conn));
  ONDERDAK_RETURN_IF_ERROR(writer->Begin(d));
  return std::unique_ptr<DeliveryWriter>(std::move(writer));
}

core::Result<std::vector<domain::Delivery>> PostgresStore::ListDeliveries(const DeliveryFilter& filter) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  return QueryDeliveries(*conn, filter, std::nullopt);
}

core::Result<domain::Delivery> PostgresStore::GetDelivery(std::int64_t id) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto list, QueryDeliveries(*conn, {}, id));
  if (list.empty()) return core::Status::NotFound("delivery " + std::to_string(id) + " does not exist");
  return list.front();
}

core::Result<DeliveryCounts> PostgresStore::CountDeliveryRows(std::int64_t id) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < internal::kEntityTables.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += "(SELECT count(*) FROM \"" + std::string(internal::kEntityTables[i].table) + "\" WHERE delivery_id = $1)";
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(sql, Params().Add(id)));
  DeliveryCounts counts;
  for (std::size_t i = 0; i < internal::kEntityTables.size(); ++i) {
    counts.emplace_back(std::string(internal::kEntityTables[i].file), r.Int(0, static_cast<int>(i)));
  }
  return counts;
}

core::Result<std::map<std::int64_t, DeliveryQuality>> PostgresStore::ListDeliveryQuality(
    std::optional<std::int64_t> only) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto r, only ? conn->Query("SELECT delivery_id, flagged, checks FROM delivery_quality "
                                                       "WHERE delivery_id = $1",
                                                       Params().Add(*only))
                                         : conn->Query("SELECT delivery_id, flagged, checks FROM delivery_quality"));
  std::map<std::int64_t, DeliveryQuality> out;
  for (int i = 0; i < r.rows(); ++i) {
    out[r.Int(i, 0)] = {.flagged = static_cast<int>(r.Int(i, 1)), .checks_json = r.Str(i, 2)};
  }
  return out;
}

core::Result<domain::Delivery> PostgresStore::RestoreDelivery(std::int64_t id, const std::optional<AuditEvent>& audit) {
  {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
    ONDERDAK_ASSIGN_OR_RETURN(auto found, QueryDeliveries(*conn, {}, id));
    if (found.empty()) return core::Status::NotFound("delivery " + std::to_string(id) + " does not exist");
    ONDERDAK_RETURN_IF_ERROR(LockDeliveryKey(*conn, found[0].organisation, found[0].region, found[0].period));
    // Read again now that the key is ours: a writer may have committed meanwhile.
    ONDERDAK_ASSIGN_OR_RETURN(auto list, QueryDeliveries(*conn, {}, id));
    const domain::Delivery& d = list.front();
    if (d.current) {
      return core::Status::FailedPrecondition("delivery " + std::to_string(id) + " (version " +
                                              std::to_string(d.version) + ") is already the current version");
    }
    ONDERDAK_RETURN_IF_ERROR(
        conn->Query("UPDATE delivery SET is_current = false WHERE is_current AND "
                    "organisation = $1 AND region_code = $2 AND period = $3",
                    Params().Add(d.organisation).Add(d.region).Add(d.period)));
    ONDERDAK_RETURN_IF_ERROR(conn->Query("UPDATE delivery SET is_current = true WHERE id = $1", Params().Add(id)));
    ONDERDAK_RETURN_IF_ERROR(AddEvent(*conn, id, "restored"));
    if (audit) {
      AuditEvent e = *audit;
      e.object = "delivery:" + std::to_string(id);
      ONDERDAK_RETURN_IF_ERROR(AppendAuditInTransaction(*conn, e).status());
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  }
  return GetDelivery(id);
}

core::Status PostgresStore::ExportArchive(std::int64_t id, std::ostream& out) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  ONDERDAK_ASSIGN_OR_RETURN(auto count, conn->Query("SELECT count(*) FROM delivery d JOIN archive_chunk c ON "
                                                    "c.sha256 = d.sha256 WHERE d.id = $1",
                                                    Params().Add(id)));
  const std::int64_t chunks = count.Int(0, 0);
  if (chunks == 0) return core::Status::NotFound("delivery " + std::to_string(id) + " does not exist");
  // One chunk per round trip: at most 8 MiB in memory, whatever the archive's size.
  for (std::int64_t seq = 0; seq < chunks; ++seq) {
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query("SELECT c.data FROM delivery d JOIN archive_chunk c ON "
                                                  "c.sha256 = d.sha256 WHERE d.id = $1 AND c.seq = $2",
                                                  Params().Add(id).Add(seq), /*binary_results=*/true));
    if (r.rows() != 1) return core::Status::Internal("archive chunk " + std::to_string(seq) + " is missing");
    const std::string_view data = r.Bytes(0, 0);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
  }
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  if (!out) return core::Status::Io("writing the archive failed");
  return core::Status::Ok();
}

core::Result<domain::Dataset> PostgresStore::LoadDataset(const DeliveryFilter& filter) {
  ONDERDAK_ASSIGN_OR_RETURN(auto conn, Acquire());
  // One snapshot for every table: a commit that lands while we read is not seen at all.
  ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));

  domain::Dataset ds;
  ONDERDAK_ASSIGN_OR_RETURN(ds.deliveries, QueryDeliveries(*conn, filter, std::nullopt));
  if (ds.deliveries.empty()) return ds;
  std::unordered_map<std::int64_t, std::int32_t> delivery_index;
  std::string ids;
  for (std::size_t i = 0; i < ds.deliveries.size(); ++i) {
    delivery_index.emplace(ds.deliveries[i].id, static_cast<std::int32_t>(i));
    if (!ids.empty()) ids += ',';
    ids += std::to_string(ds.deliveries[i].id);
  }
  // Ids are integers we just read: safe to inline. Rows come in delivery order: by
  // delivery, then by id or seq (their order within the delivery).
  const std::string in = " WHERE delivery_id = ANY('{" + ids + "}'::bigint[]) ORDER BY delivery_id, ";
  core::Status error;
  std::unordered_map<std::int64_t, std::int32_t> person_index;
  std::unordered_map<std::int64_t, std::int32_t> facility_index;
  std::unordered_map<std::int64_t, std::int32_t> project_index;
  auto lookup = [&error](const std::unordered_map<std::int64_t, std::int32_t>& map, std::int64_t key,
                         std::string_view what) -> std::int32_t {
    auto it = map.find(key);
    if (it == map.end()) {
      error = core::Status::Internal(std::string(what) + " " + std::to_string(key) + " is not loaded");
      return 0;
    }
    return it->second;
  };
  auto select = [&](std::string_view columns, std::string_view table, std::string_view order) {
    return "SELECT " + std::string(columns) + " FROM \"" + std::string(table) + "\"" + in + std::string(order);
  };

  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("id, delivery_id, record_id, pseudonym, birth_year, birth_month, gender, "
                                             "nationality_group, household, municipality_of_origin",
                                             "person", "id"),
                                      [&](const PgResult& r, int i) {
                                        domain::Person p;
                                        person_index.emplace(r.Int(i, 0), static_cast<std::int32_t>(ds.persons.size()));
                                        p.delivery = lookup(delivery_index, r.Int(i, 1), "delivery");
                                        p.record_id = r.Str(i, 2);
                                        p.pseudonym = r.Str(i, 3);
                                        p.birth_year = static_cast<int>(r.Int(i, 4));
                                        p.birth_month = static_cast<int>(r.Int(i, 5));
                                        p.gender = Intern("gender", r.Text(i, 6), error);
                                        p.nationality_group = Intern("nationality_group", r.Text(i, 7), error);
                                        p.household = Intern("household", r.Text(i, 8), error);
                                        p.municipality_of_origin = r.Str(i, 9);
                                        ds.persons.push_back(std::move(p));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(
      ForEachRow(*conn, select("id, delivery_id, record_id, name, municipality, service_type", "facility", "id"),
                 [&](const PgResult& r, int i) {
                   domain::Facility f;
                   facility_index.emplace(r.Int(i, 0), static_cast<std::int32_t>(ds.facilities.size()));
                   f.delivery = lookup(delivery_index, r.Int(i, 1), "delivery");
                   f.record_id = r.Str(i, 2);
                   f.name = r.Str(i, 3);
                   f.municipality = r.Str(i, 4);
                   f.service_type = Intern("service_type", r.Text(i, 5), error);
                   ds.facilities.push_back(std::move(f));
                 }));
  ONDERDAK_RETURN_IF_ERROR(
      ForEachRow(*conn, select("facility_id, record_id, valid_from, room_size, rooms, places", "capacity", "seq"),
                 [&](const PgResult& r, int i) {
                   domain::Capacity c;
                   c.facility = lookup(facility_index, r.Int(i, 0), "facility");
                   c.record_id = r.Str(i, 1);
                   c.valid_from = ParseStoredDate(r.Text(i, 2), error);
                   c.room_size = Intern("room_size", r.Text(i, 3), error);
                   c.rooms = r.Int(i, 4);
                   c.places = r.Int(i, 5);
                   ds.capacity.push_back(std::move(c));
                 }));
  ONDERDAK_RETURN_IF_ERROR(
      ForEachRow(*conn, select("person_id, record_id, ethos, start_date, end_date, source", "living_situation", "seq"),
                 [&](const PgResult& r, int i) {
                   domain::LivingSituation s;
                   s.person = lookup(person_index, r.Int(i, 0), "person");
                   s.record_id = r.Str(i, 1);
                   s.ethos = static_cast<int>(r.Int(i, 2));
                   s.start = ParseStoredDate(r.Text(i, 3), error);
                   s.end = OptionalDate(r, i, 4, error);
                   s.source = r.Str(i, 5);
                   ds.living_situations.push_back(std::move(s));
                 }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("person_id, record_id, service_type, facility_id, municipality, "
                                             "start_date, end_date, exit_destination",
                                             "service_episode", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::ServiceEpisode e;
                                        e.person = lookup(person_index, r.Int(i, 0), "person");
                                        e.record_id = r.Str(i, 1);
                                        e.service_type = Intern("service_type", r.Text(i, 2), error);
                                        e.facility =
                                            r.IsNull(i, 3) ? -1 : lookup(facility_index, r.Int(i, 3), "facility");
                                        e.municipality = r.Str(i, 4);
                                        e.start = ParseStoredDate(r.Text(i, 5), error);
                                        e.end = OptionalDate(r, i, 6, error);
                                        e.exit_destination = Intern("exit_destination", r.Text(i, 7), error);
                                        ds.service_episodes.push_back(std::move(e));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("person_id, record_id, request_date, municipality_applied_to, "
                                             "service_type, decision, decision_date, decision_reason, "
                                             "referred_to_region",
                                             "request", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::Request q;
                                        q.person = lookup(person_index, r.Int(i, 0), "person");
                                        q.record_id = r.Str(i, 1);
                                        q.request_date = ParseStoredDate(r.Text(i, 2), error);
                                        q.municipality_applied_to = r.Str(i, 3);
                                        q.service_type = Intern("service_type", r.Text(i, 4), error);
                                        q.decision = Intern("decision", r.Text(i, 5), error);
                                        q.decision_date = OptionalDate(r, i, 6, error);
                                        q.decision_reason = Intern("decision_reason", r.Text(i, 7), error);
                                        q.referred_to_region = r.Str(i, 8);
                                        ds.requests.push_back(std::move(q));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(
      *conn,
      select("person_id, record_id, waiting_list_type, registered_date, end_date, outcome", "waiting_entry", "seq"),
      [&](const PgResult& r, int i) {
        domain::WaitingEntry w;
        w.person = lookup(person_index, r.Int(i, 0), "person");
        w.record_id = r.Str(i, 1);
        w.waiting_list_type = Intern("waiting_list_type", r.Text(i, 2), error);
        w.registered = ParseStoredDate(r.Text(i, 3), error);
        w.end = OptionalDate(r, i, 4, error);
        w.outcome = Intern("waiting_outcome", r.Text(i, 5), error);
        ds.waiting_list.push_back(std::move(w));
      }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn, select("person_id, record_id, intake_date, cause", "cause", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::Cause c;
                                        c.person = lookup(person_index, r.Int(i, 0), "person");
                                        c.record_id = r.Str(i, 1);
                                        c.intake_date = ParseStoredDate(r.Text(i, 2), error);
                                        c.cause = Intern("cause", r.Text(i, 3), error);
                                        ds.causes.push_back(std::move(c));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("person_id, record_id, assessed_date, need_category", "need", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::Need n;
                                        n.person = lookup(person_index, r.Int(i, 0), "person");
                                        n.record_id = r.Str(i, 1);
                                        n.assessed = ParseStoredDate(r.Text(i, 2), error);
                                        n.need_category = Intern("need_category", r.Text(i, 3), error);
                                        ds.needs.push_back(std::move(n));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("id, delivery_id, record_id, municipality, housing_kind, places, status, "
                                             "status_date, owner",
                                             "housing_project", "id"),
                                      [&](const PgResult& r, int i) {
                                        domain::HousingProject h;
                                        project_index.emplace(r.Int(i, 0),
                                                              static_cast<std::int32_t>(ds.housing_projects.size()));
                                        h.delivery = lookup(delivery_index, r.Int(i, 1), "delivery");
                                        h.record_id = r.Str(i, 2);
                                        h.municipality = r.Str(i, 3);
                                        h.housing_kind = Intern("housing_kind", r.Text(i, 4), error);
                                        h.places = r.Int(i, 5);
                                        h.status = Intern("housing_status", r.Text(i, 6), error);
                                        h.status_date = ParseStoredDate(r.Text(i, 7), error);
                                        h.owner = r.Str(i, 8);
                                        ds.housing_projects.push_back(std::move(h));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(
      ForEachRow(*conn, select("project_id, record_id, funding_line, places_counted", "funding_line", "seq"),
                 [&](const PgResult& r, int i) {
                   domain::FundingLine f;
                   f.project = lookup(project_index, r.Int(i, 0), "housing project");
                   f.record_id = r.Str(i, 1);
                   f.funding_line = Intern("funding_line", r.Text(i, 2), error);
                   f.places_counted = r.Int(i, 3);
                   ds.funding_lines.push_back(std::move(f));
                 }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("delivery_id, record_id, plan_status, adopted_date, "
                                             "aligned_with_action_plan, contains_wonen_eerst, "
                                             "shelter_in_municipality_of_origin, made_with_lived_experience, "
                                             "lived_experience_policy, lived_experience_execution, "
                                             "target_extra_places",
                                             "plan", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::Plan p;
                                        p.delivery = lookup(delivery_index, r.Int(i, 0), "delivery");
                                        p.record_id = r.Str(i, 1);
                                        p.plan_status = Intern("plan_status", r.Text(i, 2), error);
                                        p.adopted_date = OptionalDate(r, i, 3, error);
                                        p.aligned_with_action_plan = r.Bool(i, 4);
                                        p.contains_wonen_eerst = r.Bool(i, 5);
                                        p.shelter_in_municipality_of_origin = r.Bool(i, 6);
                                        p.made_with_lived_experience = r.Bool(i, 7);
                                        p.lived_experience_policy = static_cast<int>(r.Int(i, 8));
                                        p.lived_experience_execution = static_cast<int>(r.Int(i, 9));
                                        p.target_extra_places = r.Int(i, 10);
                                        ds.plans.push_back(std::move(p));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("delivery_id, record_id, corporation, municipality, covers_homeless, "
                                             "places_agreed, places_realised",
                                             "agreement", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::Agreement a;
                                        a.delivery = lookup(delivery_index, r.Int(i, 0), "delivery");
                                        a.record_id = r.Str(i, 1);
                                        a.corporation = r.Str(i, 2);
                                        a.municipality = r.Str(i, 3);
                                        a.covers_homeless = r.Bool(i, 4);
                                        a.places_agreed = r.Int(i, 5);
                                        a.places_realised = r.Int(i, 6);
                                        ds.agreements.push_back(std::move(a));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(
      ForEachRow(*conn, select("delivery_id, record_id, year, budget_theme, budget_eur, spent_eur", "budget", "seq"),
                 [&](const PgResult& r, int i) {
                   domain::Budget b;
                   b.delivery = lookup(delivery_index, r.Int(i, 0), "delivery");
                   b.record_id = r.Str(i, 1);
                   b.year = static_cast<int>(r.Int(i, 2));
                   b.budget_theme = Intern("budget_theme", r.Text(i, 3), error);
                   b.budget_eur = r.Int(i, 4);
                   b.spent_eur = r.Int(i, 5);
                   ds.budgets.push_back(std::move(b));
                 }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("delivery_id, record_id, municipality, eviction_date, household, "
                                             "other_housing_found",
                                             "eviction", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::Eviction e;
                                        e.delivery = lookup(delivery_index, r.Int(i, 0), "delivery");
                                        e.record_id = r.Str(i, 1);
                                        e.municipality = r.Str(i, 2);
                                        e.eviction_date = ParseStoredDate(r.Text(i, 3), error);
                                        e.household = Intern("household", r.Text(i, 4), error);
                                        e.other_housing_found = InternYesNoUnknown(r.Text(i, 5));
                                        ds.evictions.push_back(std::move(e));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(
      ForEachRow(*conn, select("delivery_id, record_id, municipality, signal_date, signal_outcome", "signal", "seq"),
                 [&](const PgResult& r, int i) {
                   domain::Signal s;
                   s.delivery = lookup(delivery_index, r.Int(i, 0), "delivery");
                   s.record_id = r.Str(i, 1);
                   s.municipality = r.Str(i, 2);
                   s.signal_date = ParseStoredDate(r.Text(i, 3), error);
                   s.signal_outcome = Intern("signal_outcome", r.Text(i, 4), error);
                   ds.signals.push_back(std::move(s));
                 }));
  ONDERDAK_RETURN_IF_ERROR(ForEachRow(*conn,
                                      select("delivery_id, record_id, municipality, policy_status, "
                                             "prevention_scan, respite_facility",
                                             "prevention_policy", "seq"),
                                      [&](const PgResult& r, int i) {
                                        domain::PreventionPolicy p;
                                        p.delivery = lookup(delivery_index, r.Int(i, 0), "delivery");
                                        p.record_id = r.Str(i, 1);
                                        p.municipality = r.Str(i, 2);
                                        p.policy_status = Intern("plan_status", r.Text(i, 3), error);
                                        p.prevention_scan = r.Bool(i, 4);
                                        p.respite_facility = InternYesNoUnknown(r.Text(i, 5));
                                        ds.prevention_policies.push_back(std::move(p));
                                      }));
  ONDERDAK_RETURN_IF_ERROR(error);
  ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  return ds;
}

}  // namespace onderdak::store::postgres
