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

// Deliveries (docs/exchange-format.md). A delivery is one version of an (organisation,
// region, period); exactly one version of each is current (the partial unique index).
// Record rows belong to one delivery version and are never updated: a re-delivery adds a
// new version, a restore flips `is_current`. The raw delivery (a zip) is kept in
// archive_chunk, content-addressed by its SHA-256, in chunks below SQLite's blob limit.
// Codes and dates are TEXT as delivered (validated by the importer; CHECKs guard shape).
constexpr std::string_view kDeliverySchema = R"sql(
CREATE TABLE archive (
  sha256 TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
  bytes  INTEGER NOT NULL CHECK (bytes >= 0)
) STRICT;

CREATE TABLE archive_chunk (
  sha256 TEXT    NOT NULL REFERENCES archive(sha256),
  seq    INTEGER NOT NULL,
  data   BLOB    NOT NULL,
  UNIQUE (sha256, seq)
) STRICT;

CREATE TABLE delivery (
  id                INTEGER PRIMARY KEY,
  organisation      TEXT    NOT NULL CHECK (length(organisation) BETWEEN 1 AND 64),
  organisation_name TEXT    NOT NULL DEFAULT '',
  region_code       TEXT    NOT NULL CHECK (region_code GLOB 'GM[0-9][0-9][0-9][0-9]'),
  period            TEXT    NOT NULL,
  period_first      TEXT    NOT NULL,
  period_last       TEXT    NOT NULL,
  version           INTEGER NOT NULL CHECK (version >= 1),
  is_current        INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  created           TEXT    NOT NULL,
  imported_at       TEXT    NOT NULL,
  source            TEXT    NOT NULL,
  sha256            TEXT    NOT NULL REFERENCES archive(sha256) DEFERRABLE INITIALLY DEFERRED,
  files             TEXT    NOT NULL,
  UNIQUE (organisation, region_code, period, version)
) STRICT;
CREATE UNIQUE INDEX delivery_one_current ON delivery(organisation, region_code, period) WHERE is_current = 1;

CREATE TABLE delivery_event (
  id          INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES delivery(id),
  event       TEXT    NOT NULL CHECK (event IN ('imported', 'superseded', 'restored')),
  at          TEXT    NOT NULL
) STRICT;

CREATE TABLE person (
  id                     INTEGER PRIMARY KEY,
  delivery_id            INTEGER NOT NULL REFERENCES delivery(id),
  record_id              TEXT    NOT NULL,
  pseudonym              TEXT    NOT NULL CHECK (length(pseudonym) = 66),
  birth_year             INTEGER NOT NULL,
  birth_month            INTEGER NOT NULL CHECK (birth_month BETWEEN 1 AND 12),
  gender                 TEXT    NOT NULL,
  nationality_group      TEXT    NOT NULL,
  household              TEXT    NOT NULL,
  municipality_of_origin TEXT    NOT NULL
) STRICT;
CREATE INDEX person_delivery ON person(delivery_id);

CREATE TABLE living_situation (
  delivery_id INTEGER NOT NULL REFERENCES delivery(id),
  person_id   INTEGER NOT NULL REFERENCES person(id),
  record_id   TEXT    NOT NULL,
  ethos       INTEGER NOT NULL CHECK (ethos BETWEEN 1 AND 7),
  start_date  TEXT    NOT NULL,
  end_date    TEXT,
  source      TEXT    NOT NULL
) STRICT;
CREATE INDEX living_situation_delivery ON living_situation(delivery_id);

CREATE TABLE facility (
  id            INTEGER PRIMARY KEY,
  delivery_id   INTEGER NOT NULL REFERENCES delivery(id),
  record_id     TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  municipality  TEXT    NOT NULL,
  service_type  TEXT    NOT NULL
) STRICT;
CREATE INDEX facility_delivery ON facility(delivery_id);

CREATE TABLE service_episode (
  delivery_id      INTEGER NOT NULL REFERENCES delivery(id),
  person_id        INTEGER NOT NULL REFERENCES person(id),
  record_id        TEXT    NOT NULL,
  service_type     TEXT    NOT NULL,
  facility_id      INTEGER REFERENCES facility(id),
  municipality     TEXT    NOT NULL,
  start_date       TEXT    NOT NULL,
  end_date         TEXT,
  exit_destination TEXT    NOT NULL
) STRICT;
CREATE INDEX service_episode_delivery ON service_episode(delivery_id);

CREATE TABLE request (
  delivery_id             INTEGER NOT NULL REFERENCES delivery(id),
  person_id               INTEGER NOT NULL REFERENCES person(id),
  record_id               TEXT    NOT NULL,
  request_date            TEXT    NOT NULL,
  municipality_applied_to TEXT    NOT NULL,
  service_type            TEXT    NOT NULL,
  decision                TEXT    NOT NULL,
  decision_date           TEXT,
  decision_reason         TEXT    NOT NULL,
  referred_to_region      TEXT    NOT NULL
) STRICT;
CREATE INDEX request_delivery ON request(delivery_id);

CREATE TABLE waiting_entry (
  delivery_id       INTEGER NOT NULL REFERENCES delivery(id),
  person_id         INTEGER NOT NULL REFERENCES person(id),
  record_id         TEXT    NOT NULL,
  waiting_list_type TEXT    NOT NULL,
  registered_date   TEXT    NOT NULL,
  end_date          TEXT,
  outcome           TEXT    NOT NULL
) STRICT;
CREATE INDEX waiting_entry_delivery ON waiting_entry(delivery_id);

CREATE TABLE cause (
  delivery_id INTEGER NOT NULL REFERENCES delivery(id),
  person_id   INTEGER NOT NULL REFERENCES person(id),
  record_id   TEXT    NOT NULL,
  intake_date TEXT    NOT NULL,
  cause       TEXT    NOT NULL
) STRICT;
CREATE INDEX cause_delivery ON cause(delivery_id);

CREATE TABLE need (
  delivery_id   INTEGER NOT NULL REFERENCES delivery(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  record_id     TEXT    NOT NULL,
  assessed_date TEXT    NOT NULL,
  need_category TEXT    NOT NULL
) STRICT;
CREATE INDEX need_delivery ON need(delivery_id);

CREATE TABLE capacity (
  delivery_id INTEGER NOT NULL REFERENCES delivery(id),
  facility_id INTEGER NOT NULL REFERENCES facility(id),
  record_id   TEXT    NOT NULL,
  valid_from  TEXT    NOT NULL,
  room_size   TEXT    NOT NULL,
  rooms       INTEGER NOT NULL CHECK (rooms >= 0),
  places      INTEGER NOT NULL CHECK (places >= rooms)
) STRICT;
CREATE INDEX capacity_delivery ON capacity(delivery_id);

CREATE TABLE housing_project (
  id           INTEGER PRIMARY KEY,
  delivery_id  INTEGER NOT NULL REFERENCES delivery(id),
  record_id    TEXT    NOT NULL,
  municipality TEXT    NOT NULL,
  housing_kind TEXT    NOT NULL,
  places       INTEGER NOT NULL CHECK (places > 0),
  status       TEXT    NOT NULL,
  status_date  TEXT    NOT NULL,
  owner        TEXT    NOT NULL
) STRICT;
CREATE INDEX housing_project_delivery ON housing_project(delivery_id);

CREATE TABLE funding_line (
  delivery_id    INTEGER NOT NULL REFERENCES delivery(id),
  project_id     INTEGER NOT NULL REFERENCES housing_project(id),
  record_id      TEXT    NOT NULL,
  funding_line   TEXT    NOT NULL,
  places_counted INTEGER NOT NULL CHECK (places_counted > 0)
) STRICT;
CREATE INDEX funding_line_delivery ON funding_line(delivery_id);

CREATE TABLE plan (
  delivery_id                       INTEGER NOT NULL REFERENCES delivery(id),
  record_id                         TEXT    NOT NULL,
  plan_status                       TEXT    NOT NULL,
  adopted_date                      TEXT,
  aligned_with_action_plan          INTEGER NOT NULL CHECK (aligned_with_action_plan IN (0, 1)),
  contains_wonen_eerst              INTEGER NOT NULL CHECK (contains_wonen_eerst IN (0, 1)),
  shelter_in_municipality_of_origin INTEGER NOT NULL CHECK (shelter_in_municipality_of_origin IN (0, 1)),
  made_with_lived_experience        INTEGER NOT NULL CHECK (made_with_lived_experience IN (0, 1)),
  lived_experience_policy           INTEGER NOT NULL CHECK (lived_experience_policy BETWEEN 0 AND 3),
  lived_experience_execution        INTEGER NOT NULL CHECK (lived_experience_execution BETWEEN 0 AND 3),
  target_extra_places               INTEGER NOT NULL CHECK (target_extra_places >= 0)
) STRICT;
CREATE INDEX plan_delivery ON plan(delivery_id);

CREATE TABLE agreement (
  delivery_id     INTEGER NOT NULL REFERENCES delivery(id),
  record_id       TEXT    NOT NULL,
  corporation     TEXT    NOT NULL,
  municipality    TEXT    NOT NULL,
  covers_homeless INTEGER NOT NULL CHECK (covers_homeless IN (0, 1)),
  places_agreed   INTEGER NOT NULL CHECK (places_agreed >= 0),
  places_realised INTEGER NOT NULL CHECK (places_realised >= 0)
) STRICT;
CREATE INDEX agreement_delivery ON agreement(delivery_id);

CREATE TABLE budget (
  delivery_id  INTEGER NOT NULL REFERENCES delivery(id),
  record_id    TEXT    NOT NULL,
  year         INTEGER NOT NULL,
  budget_theme TEXT    NOT NULL,
  budget_eur   INTEGER NOT NULL CHECK (budget_eur >= 0),
  spent_eur    INTEGER NOT NULL CHECK (spent_eur >= 0)
) STRICT;
CREATE INDEX budget_delivery ON budget(delivery_id);

CREATE TABLE eviction (
  delivery_id         INTEGER NOT NULL REFERENCES delivery(id),
  record_id           TEXT    NOT NULL,
  municipality        TEXT    NOT NULL,
  eviction_date       TEXT    NOT NULL,
  household           TEXT    NOT NULL,
  other_housing_found TEXT    NOT NULL CHECK (other_housing_found IN ('ja', 'nee', 'onbekend'))
) STRICT;
CREATE INDEX eviction_delivery ON eviction(delivery_id);

CREATE TABLE signal (
  delivery_id    INTEGER NOT NULL REFERENCES delivery(id),
  record_id      TEXT    NOT NULL,
  municipality   TEXT    NOT NULL,
  signal_date    TEXT    NOT NULL,
  signal_outcome TEXT    NOT NULL
) STRICT;
CREATE INDEX signal_delivery ON signal(delivery_id);
)sql";

// Accounts, API tokens and the audit log (issue 7, ADR 0012). Regions are stored as a
// comma-separated list of CBS codes (the auth layer validates them against the regions
// in force). Passwords are Argon2id strings, tokens only their SHA-256. The audit log is
// a hash chain (store/accounts.h) and append-only: the triggers refuse UPDATE and DELETE.
constexpr std::string_view kAccountsSchema = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
  role          TEXT    NOT NULL CHECK (role IN ('administrator', 'national_analyst', 'region_steward',
                                                 'provider_uploader')),
  regions       TEXT    NOT NULL DEFAULT '' CHECK (regions = '' OR regions GLOB 'GM[0-9][0-9][0-9][0-9]*'),
  organisation  TEXT    NOT NULL DEFAULT '',
  password_hash TEXT    NOT NULL CHECK (password_hash GLOB '$argon2id$*'),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  label      TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  token_hash TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  role       TEXT    NOT NULL,
  regions    TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY CHECK (seq >= 1),
  at        TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  object    TEXT    NOT NULL,
  detail    TEXT    NOT NULL,
  from_addr TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT    NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

// Municipality boundary files for the map (issue 6, store/geo.h): versions, the newest
// (greatest id) in force. The JSON text is kept as imported, so the API serves it byte for
// byte and its ETag is the stored SHA-256.
constexpr std::string_view kGeoSchema = R"sql(
CREATE TABLE boundary_file (
  id            INTEGER PRIMARY KEY,
  imported_at   TEXT    NOT NULL,
  source        TEXT    NOT NULL,
  sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
  format        TEXT    NOT NULL CHECK (format IN ('topojson', 'geojson')),
  crs           TEXT    NOT NULL CHECK (crs IN ('wgs84', 'rd_new')),
  feature_count INTEGER NOT NULL CHECK (feature_count > 0),
  object_name   TEXT    NOT NULL DEFAULT '',
  code_property TEXT    NOT NULL CHECK (code_property <> ''),
  json          TEXT    NOT NULL
) STRICT;
)sql";

// Login sessions and login attempts (issue 7, ADR 0013). Sessions keep only the SHA-256
// of the cookie's secret; attempts feed the lock-out and are never shown.
constexpr std::string_view kSessionsSchema = R"sql(
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf         TEXT    NOT NULL CHECK (length(csrf) >= 32),
  created_at   TEXT    NOT NULL,
  expires_at   TEXT    NOT NULL,
  last_seen_at TEXT    NOT NULL,
  from_addr    TEXT    NOT NULL,
  ended_at     TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  id        INTEGER PRIMARY KEY,
  username  TEXT    NOT NULL,
  from_addr TEXT    NOT NULL,
  at        TEXT    NOT NULL,
  ok        INTEGER NOT NULL CHECK (ok IN (0, 1))
) STRICT;
CREATE INDEX login_attempts_user ON login_attempts(username, at);
CREATE INDEX login_attempts_from ON login_attempts(from_addr, at);
)sql";

// The regions' online submissions of their aggregate figures (issue 7, ADR 0014): the
// current state per (region, period), the append-only history of every save and
// transition (the triggers refuse UPDATE and DELETE) and the deadline per period. The
// content is the submission's JSON (submission/content.h), validated by the submission
// layer; the CHECKs guard shape and the state machine's statuses only.
constexpr std::string_view kSubmissionsSchema = R"sql(
CREATE TABLE submissions (
  region       TEXT    NOT NULL CHECK (region GLOB 'GM[0-9][0-9][0-9][0-9]'),
  period       TEXT    NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]H[12]'),
  status       TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  version      INTEGER NOT NULL CHECK (version >= 1),
  content      TEXT    NOT NULL,
  comment      TEXT    NOT NULL DEFAULT '',
  late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  updated_at   TEXT    NOT NULL,
  updated_by   TEXT    NOT NULL,
  submitted_at TEXT    NOT NULL DEFAULT '',
  submitted_by TEXT    NOT NULL DEFAULT '',
  decided_at   TEXT    NOT NULL DEFAULT '',
  decided_by   TEXT    NOT NULL DEFAULT '',
  delivery_id  INTEGER REFERENCES delivery(id),
  PRIMARY KEY (region, period)
) STRICT;
CREATE INDEX submissions_period ON submissions(period, region);

CREATE TABLE submission_events (
  id      INTEGER PRIMARY KEY,
  region  TEXT    NOT NULL,
  period  TEXT    NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  action  TEXT    NOT NULL CHECK (action IN ('save', 'submit', 'accept', 'return', 'upload_xlsx')),
  status  TEXT    NOT NULL,
  actor   TEXT    NOT NULL,
  at      TEXT    NOT NULL,
  comment TEXT    NOT NULL DEFAULT '',
  content TEXT    NOT NULL,
  UNIQUE (region, period, version),
  FOREIGN KEY (region, period) REFERENCES submissions(region, period) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TRIGGER submission_events_no_update BEFORE UPDATE ON submission_events
BEGIN SELECT RAISE(ABORT, 'submission_events is append-only'); END;
CREATE TRIGGER submission_events_no_delete BEFORE DELETE ON submission_events
BEGIN SELECT RAISE(ABORT, 'submission_events is append-only'); END;

CREATE TABLE submission_deadlines (
  period   TEXT NOT NULL PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]H[12]'),
  deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  set_by   TEXT NOT NULL,
  set_at   TEXT NOT NULL
) STRICT;
)sql";

// The pseudonymisation key's fingerprint (ADR 0017): one row at most, never changed.
constexpr std::string_view kKeyBindingSchema = R"sql(
CREATE TABLE key_binding (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT    NOT NULL CHECK (length(fingerprint) BETWEEN 16 AND 128),
  bound_at    TEXT    NOT NULL
) STRICT;

CREATE TRIGGER key_binding_no_update BEFORE UPDATE ON key_binding
BEGIN SELECT RAISE(ABORT, 'key_binding is never changed'); END;
CREATE TRIGGER key_binding_no_delete BEFORE DELETE ON key_binding
BEGIN SELECT RAISE(ABORT, 'key_binding is never changed'); END;
)sql";

// Policy targets and external reference series (ADR 0024, store/policy.h). A target
// version is a whole list (the newest is in force); a series version is one source's
// points (the newest per source is current). Rows are never updated or deleted.
constexpr std::string_view kPolicySchema = R"sql(
CREATE TABLE policy_target_version (
  id          INTEGER PRIMARY KEY,
  imported_at TEXT    NOT NULL,
  file        TEXT    NOT NULL,
  sha256      TEXT    NOT NULL
) STRICT;

CREATE TABLE policy_target (
  version_id     INTEGER NOT NULL REFERENCES policy_target_version(id),
  seq            INTEGER NOT NULL,
  target_id      TEXT    NOT NULL CHECK (target_id <> ''),
  indicator      TEXT    NOT NULL,
  measure        TEXT    NOT NULL,
  breakdown      TEXT    NOT NULL DEFAULT 'total',
  scope          TEXT    NOT NULL,
  comparison     TEXT    NOT NULL CHECK (comparison IN ('at_least', 'at_most')),
  value          REAL    NOT NULL,
  unit           TEXT    NOT NULL,
  baseline_date  TEXT    CHECK (baseline_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  baseline_value REAL,
  deadline       TEXT    NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source         TEXT    NOT NULL,
  label_nl       TEXT    NOT NULL,
  label_en       TEXT    NOT NULL,
  note           TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, seq),
  UNIQUE (version_id, target_id)
) STRICT;

CREATE TABLE series_version (
  id          INTEGER PRIMARY KEY,
  source      TEXT    NOT NULL CHECK (source <> ''),
  imported_at TEXT    NOT NULL,
  file        TEXT    NOT NULL,
  sha256      TEXT    NOT NULL
) STRICT;
CREATE INDEX series_version_source ON series_version(source, id);

CREATE TABLE series_point (
  version_id INTEGER NOT NULL REFERENCES series_version(id),
  seq        INTEGER NOT NULL,
  source     TEXT    NOT NULL,
  series     TEXT    NOT NULL,
  definition TEXT    NOT NULL,
  unit       TEXT    NOT NULL,
  region     TEXT    NOT NULL,
  period     TEXT    NOT NULL DEFAULT '',
  ref_date   TEXT    CHECK (ref_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  value      REAL    NOT NULL,
  low        REAL,
  high       REAL,
  note       TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, seq)
) STRICT;
)sql";

// Prevention policy per municipality (issue 15, prevention_policies.csv).
constexpr std::string_view kPreventionSchema = R"sql(
CREATE TABLE prevention_policy (
  delivery_id      INTEGER NOT NULL REFERENCES delivery(id),
  record_id        TEXT    NOT NULL,
  municipality     TEXT    NOT NULL,
  policy_status    TEXT    NOT NULL,
  prevention_scan  INTEGER NOT NULL CHECK (prevention_scan IN (0, 1)),
  respite_facility TEXT    NOT NULL CHECK (respite_facility IN ('ja', 'nee', 'onbekend'))
) STRICT;
CREATE INDEX prevention_policy_delivery ON prevention_policy(delivery_id);
)sql";

// The data-quality report kept with each delivery (issue 19 item 3, ADR 0029).
constexpr std::string_view kQualitySchema = R"sql(
CREATE TABLE delivery_quality (
  delivery_id INTEGER PRIMARY KEY REFERENCES delivery(id),
  flagged     INTEGER NOT NULL CHECK (flagged >= 0),
  checks      TEXT    NOT NULL
) STRICT;
)sql";

// Whether a delivery is synthetic (the manifest's `synthetic`, written by `generate`), so
// that every page can say its figures are demonstration data (issue 21, ADR 0033).
constexpr std::string_view kSyntheticSchema = R"sql(
ALTER TABLE delivery ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1));
)sql";

// Population figures (ADR 0037): one version per reference date and import; the newest
// version of each date is in force.
constexpr std::string_view kPopulationSchema = R"sql(
CREATE TABLE population_version (
  id          INTEGER PRIMARY KEY,
  ref_date    TEXT    NOT NULL CHECK (ref_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  imported_at TEXT    NOT NULL,
  file        TEXT    NOT NULL,
  sha256      TEXT    NOT NULL
) STRICT;
CREATE INDEX population_version_date ON population_version(ref_date, id);

CREATE TABLE population_count (
  version_id   INTEGER NOT NULL REFERENCES population_version(id),
  municipality TEXT    NOT NULL CHECK (municipality GLOB 'GM[0-9][0-9][0-9][0-9]'),
  inhabitants  INTEGER NOT NULL CHECK (inhabitants >= 0),
  PRIMARY KEY (version_id, municipality)
) STRICT;
)sql";

constexpr std::array kMigrations{
    Migration{1, "reference data: municipalities and regions as dated versions", kReferenceSchema},
    Migration{2, "deliveries: versions, archive and the delivered records", kDeliverySchema},
    Migration{3, "accounts: users, API tokens and the audit log", kAccountsSchema},
    Migration{4, "sessions: logins and login attempts", kSessionsSchema},
    Migration{5, "submissions: the regions' online submissions, their history and deadlines", kSubmissionsSchema},
    Migration{6, "geo: municipality boundary files", kGeoSchema},
    Migration{7, "key binding: the pseudonymisation key's fingerprint", kKeyBindingSchema},
    Migration{8, "policy: targets and external reference series as versions", kPolicySchema},
    Migration{9, "prevention: each municipality's prevention policy", kPreventionSchema},
    Migration{10, "quality: the data-quality report of each delivery", kQualitySchema},
    Migration{11, "synthetic: deliveries made by the generator are marked", kSyntheticSchema},
    Migration{12, "population: inhabitants per municipality on a date, as versions", kPopulationSchema},
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
