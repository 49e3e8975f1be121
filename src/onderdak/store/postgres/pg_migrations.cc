#include "onderdak/store/postgres/pg_migrations.h"

#include <array>
#include <string>

namespace onderdak::store::postgres {
namespace {

// Reference data: the same tables as on SQLite, with PostgreSQL types.
constexpr std::string_view kReferenceSchema = R"sql(
CREATE TABLE reference_version (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  valid_from    date        NOT NULL,
  imported_at   timestamptz NOT NULL DEFAULT now(),
  source        text        NOT NULL,
  source_sha256 text        NOT NULL,
  approximate   boolean     NOT NULL,
  note          text        NOT NULL DEFAULT ''
);

CREATE TABLE municipality (
  version_id        bigint  NOT NULL REFERENCES reference_version(id),
  code              text    NOT NULL CHECK (code ~ '^GM[0-9]{4}$'),
  name              text    NOT NULL CHECK (name <> ''),
  veiligheidsregio  text    NOT NULL DEFAULT '',
  lon               double precision,
  lat               double precision,
  region_code       text    NOT NULL,
  membership_method text    NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, code),
  FOREIGN KEY (version_id, region_code) REFERENCES municipality(version_id, code)
    DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX municipality_region ON municipality(version_id, region_code);
CREATE INDEX reference_version_valid_from ON reference_version(valid_from, id);
)sql";

// Deliveries (docs/exchange-format.md, ADR 0008), as on SQLite: a delivery is one version
// of an (organisation, region, period); exactly one version of each is current (the
// partial unique index). Record rows are never updated. The raw delivery is kept in
// archive_chunk (bytea, 8 MiB chunks), content-addressed by its SHA-256.
//
// Differences from SQLite, all forced by PostgreSQL:
// - PostgreSQL has no rowid, so every table without an id of its own has `seq`, the
//   row's position within its delivery (assigned by the writer), and the primary key
//   (delivery_id, seq); the loader reads rows ORDER BY delivery_id, seq (or id), which is
//   the order they were delivered in, as SQLite's rowid order is.
// - person ids are assigned by the writer before the rows are sent (COPY cannot return
//   them): each nextval('person_id_block') reserves the 8,192 ids [v, v + 8191] for
//   one writer, so concurrent imports never collide and never wait for each other.
// - the archive chunks are stored uncompressed by TOAST (STORAGE EXTERNAL): a zip does
//   not compress further.
constexpr std::string_view kDeliverySchema = R"sql(
CREATE TABLE archive (
  sha256 text   PRIMARY KEY CHECK (length(sha256) = 64),
  bytes  bigint NOT NULL CHECK (bytes >= 0)
);

CREATE TABLE archive_chunk (
  sha256 text    NOT NULL REFERENCES archive(sha256),
  seq    integer NOT NULL,
  data   bytea   NOT NULL,
  PRIMARY KEY (sha256, seq)
);
ALTER TABLE archive_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE delivery (
  id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation      text        NOT NULL CHECK (length(organisation) BETWEEN 1 AND 64),
  organisation_name text        NOT NULL DEFAULT '',
  region_code       text        NOT NULL CHECK (region_code ~ '^GM[0-9]{4}$'),
  period            text        NOT NULL,
  period_first      date        NOT NULL,
  period_last       date        NOT NULL,
  version           integer     NOT NULL CHECK (version >= 1),
  is_current        boolean     NOT NULL,
  created           text        NOT NULL,
  imported_at       timestamptz NOT NULL DEFAULT now(),
  source            text        NOT NULL,
  sha256            text        NOT NULL REFERENCES archive(sha256) DEFERRABLE INITIALLY DEFERRED,
  files             text        NOT NULL,
  UNIQUE (organisation, region_code, period, version)
);
CREATE UNIQUE INDEX delivery_one_current ON delivery(organisation, region_code, period) WHERE is_current;

CREATE TABLE delivery_event (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id bigint      NOT NULL REFERENCES delivery(id),
  event       text        NOT NULL CHECK (event IN ('imported', 'superseded', 'restored')),
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_event_delivery ON delivery_event(delivery_id);

CREATE SEQUENCE person_id_block INCREMENT BY 8192 MINVALUE 1 START WITH 1;

CREATE TABLE person (
  id                     bigint   PRIMARY KEY,
  delivery_id            bigint   NOT NULL REFERENCES delivery(id),
  record_id              text     NOT NULL,
  pseudonym              text     NOT NULL CHECK (length(pseudonym) = 66),
  birth_year             integer  NOT NULL,
  birth_month            smallint NOT NULL CHECK (birth_month BETWEEN 1 AND 12),
  gender                 text     NOT NULL,
  nationality_group      text     NOT NULL,
  household              text     NOT NULL,
  municipality_of_origin text     NOT NULL
);
CREATE INDEX person_delivery ON person(delivery_id, id);

CREATE TABLE living_situation (
  delivery_id bigint   NOT NULL REFERENCES delivery(id),
  seq         integer  NOT NULL,
  person_id   bigint   NOT NULL REFERENCES person(id),
  record_id   text     NOT NULL,
  ethos       smallint NOT NULL CHECK (ethos BETWEEN 1 AND 7),
  start_date  date     NOT NULL,
  end_date    date,
  source      text     NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE facility (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id  bigint NOT NULL REFERENCES delivery(id),
  record_id    text   NOT NULL,
  name         text   NOT NULL,
  municipality text   NOT NULL,
  service_type text   NOT NULL
);
CREATE INDEX facility_delivery ON facility(delivery_id, id);

CREATE TABLE service_episode (
  delivery_id      bigint  NOT NULL REFERENCES delivery(id),
  seq              integer NOT NULL,
  person_id        bigint  NOT NULL REFERENCES person(id),
  record_id        text    NOT NULL,
  service_type     text    NOT NULL,
  facility_id      bigint  REFERENCES facility(id),
  municipality     text    NOT NULL,
  start_date       date    NOT NULL,
  end_date         date,
  exit_destination text    NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE request (
  delivery_id             bigint  NOT NULL REFERENCES delivery(id),
  seq                     integer NOT NULL,
  person_id               bigint  NOT NULL REFERENCES person(id),
  record_id               text    NOT NULL,
  request_date            date    NOT NULL,
  municipality_applied_to text    NOT NULL,
  service_type            text    NOT NULL,
  decision                text    NOT NULL,
  decision_date           date,
  decision_reason         text    NOT NULL,
  referred_to_region      text    NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE waiting_entry (
  delivery_id       bigint  NOT NULL REFERENCES delivery(id),
  seq               integer NOT NULL,
  person_id         bigint  NOT NULL REFERENCES person(id),
  record_id         text    NOT NULL,
  waiting_list_type text    NOT NULL,
  registered_date   date    NOT NULL,
  end_date          date,
  outcome           text    NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE cause (
  delivery_id bigint  NOT NULL REFERENCES delivery(id),
  seq         integer NOT NULL,
  person_id   bigint  NOT NULL REFERENCES person(id),
  record_id   text    NOT NULL,
  intake_date date    NOT NULL,
  cause       text    NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE need (
  delivery_id   bigint  NOT NULL REFERENCES delivery(id),
  seq           integer NOT NULL,
  person_id     bigint  NOT NULL REFERENCES person(id),
  record_id     text    NOT NULL,
  assessed_date date    NOT NULL,
  need_category text    NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE capacity (
  delivery_id bigint  NOT NULL REFERENCES delivery(id),
  seq         integer NOT NULL,
  facility_id bigint  NOT NULL REFERENCES facility(id),
  record_id   text    NOT NULL,
  valid_from  date    NOT NULL,
  room_size   text    NOT NULL,
  rooms       bigint  NOT NULL CHECK (rooms >= 0),
  places      bigint  NOT NULL CHECK (places >= rooms),
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE housing_project (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id  bigint NOT NULL REFERENCES delivery(id),
  record_id    text   NOT NULL,
  municipality text   NOT NULL,
  housing_kind text   NOT NULL,
  places       bigint NOT NULL CHECK (places > 0),
  status       text   NOT NULL,
  status_date  date   NOT NULL,
  owner        text   NOT NULL
);
CREATE INDEX housing_project_delivery ON housing_project(delivery_id, id);

CREATE TABLE funding_line (
  delivery_id    bigint  NOT NULL REFERENCES delivery(id),
  seq            integer NOT NULL,
  project_id     bigint  NOT NULL REFERENCES housing_project(id),
  record_id      text    NOT NULL,
  funding_line   text    NOT NULL,
  places_counted bigint  NOT NULL CHECK (places_counted > 0),
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE plan (
  delivery_id                       bigint   NOT NULL REFERENCES delivery(id),
  seq                               integer  NOT NULL,
  record_id                         text     NOT NULL,
  plan_status                       text     NOT NULL,
  adopted_date                      date,
  aligned_with_action_plan          boolean  NOT NULL,
  contains_wonen_eerst              boolean  NOT NULL,
  shelter_in_municipality_of_origin boolean  NOT NULL,
  made_with_lived_experience        boolean  NOT NULL,
  lived_experience_policy           smallint NOT NULL CHECK (lived_experience_policy BETWEEN 0 AND 3),
  lived_experience_execution        smallint NOT NULL CHECK (lived_experience_execution BETWEEN 0 AND 3),
  target_extra_places               bigint   NOT NULL CHECK (target_extra_places >= 0),
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE agreement (
  delivery_id     bigint  NOT NULL REFERENCES delivery(id),
  seq             integer NOT NULL,
  record_id       text    NOT NULL,
  corporation     text    NOT NULL,
  municipality    text    NOT NULL,
  covers_homeless boolean NOT NULL,
  places_agreed   bigint  NOT NULL CHECK (places_agreed >= 0),
  places_realised bigint  NOT NULL CHECK (places_realised >= 0),
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE budget (
  delivery_id  bigint  NOT NULL REFERENCES delivery(id),
  seq          integer NOT NULL,
  record_id    text    NOT NULL,
  year         integer NOT NULL,
  budget_theme text    NOT NULL,
  budget_eur   bigint  NOT NULL CHECK (budget_eur >= 0),
  spent_eur    bigint  NOT NULL CHECK (spent_eur >= 0),
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE eviction (
  delivery_id         bigint  NOT NULL REFERENCES delivery(id),
  seq                 integer NOT NULL,
  record_id           text    NOT NULL,
  municipality        text    NOT NULL,
  eviction_date       date    NOT NULL,
  household           text    NOT NULL,
  other_housing_found text    NOT NULL CHECK (other_housing_found IN ('ja', 'nee', 'onbekend')),
  PRIMARY KEY (delivery_id, seq)
);

CREATE TABLE signal (
  delivery_id    bigint  NOT NULL REFERENCES delivery(id),
  seq            integer NOT NULL,
  record_id      text    NOT NULL,
  municipality   text    NOT NULL,
  signal_date    date    NOT NULL,
  signal_outcome text    NOT NULL,
  PRIMARY KEY (delivery_id, seq)
);
)sql";

// Accounts, API tokens and the audit log (issue 7, ADR 0012), as on SQLite. The audit log
// is append-only: a trigger refuses UPDATE and DELETE row by row, another TRUNCATE.
constexpr std::string_view kAccountsSchema = R"sql(
CREATE TABLE users (
  id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text    NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
  role          text    NOT NULL CHECK (role IN ('administrator', 'national_analyst', 'region_steward',
                                                 'provider_uploader')),
  regions       text    NOT NULL DEFAULT '' CHECK (regions ~ '^(GM[0-9]{4}(,GM[0-9]{4})*)?$'),
  organisation  text    NOT NULL DEFAULT '',
  password_hash text    NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    text    NOT NULL
);

CREATE TABLE api_tokens (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users(id),
  label      text   NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  token_hash text   NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  role       text   NOT NULL,
  regions    text   NOT NULL DEFAULT '',
  created_at text   NOT NULL,
  revoked_at text
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE audit_log (
  seq       bigint PRIMARY KEY CHECK (seq >= 1),
  at        text   NOT NULL,
  actor     text   NOT NULL,
  action    text   NOT NULL,
  object    text   NOT NULL,
  detail    text   NOT NULL,
  from_addr text   NOT NULL,
  prev_hash text   NOT NULL CHECK (length(prev_hash) = 64),
  hash      text   NOT NULL CHECK (length(hash) = 64)
);

CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
)sql";

// Municipality boundary files for the map: as on SQLite (store/geo.h).
constexpr std::string_view kGeoSchema = R"sql(
CREATE TABLE boundary_file (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  imported_at   timestamptz NOT NULL DEFAULT now(),
  source        text        NOT NULL,
  sha256        text        NOT NULL CHECK (length(sha256) = 64),
  format        text        NOT NULL CHECK (format IN ('topojson', 'geojson')),
  crs           text        NOT NULL CHECK (crs IN ('wgs84', 'rd_new')),
  feature_count integer     NOT NULL CHECK (feature_count > 0),
  object_name   text        NOT NULL DEFAULT '',
  code_property text        NOT NULL CHECK (code_property <> ''),
  json          text        NOT NULL
);
)sql";

// Login sessions and login attempts (issue 7, ADR 0013): as SQLite's migration 4.
constexpr std::string_view kSessionsSchema = R"sql(
CREATE TABLE sessions (
  id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash   text    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  user_id      bigint  NOT NULL REFERENCES users(id),
  csrf         text    NOT NULL CHECK (length(csrf) >= 32),
  created_at   text    NOT NULL,
  expires_at   text    NOT NULL,
  last_seen_at text    NOT NULL,
  from_addr    text    NOT NULL,
  ended_at     text
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username  text    NOT NULL,
  from_addr text    NOT NULL,
  at        text    NOT NULL,
  ok        boolean NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts(username, at);
CREATE INDEX login_attempts_from ON login_attempts(from_addr, at);
)sql";

// The regions' online submissions (issue 7, ADR 0014): as SQLite's migration 5.
constexpr std::string_view kSubmissionsSchema = R"sql(
CREATE TABLE submissions (
  region       text    NOT NULL CHECK (region ~ '^GM[0-9]{4}$'),
  period       text    NOT NULL CHECK (period ~ '^[0-9]{4}H[12]$'),
  status       text    NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  version      bigint  NOT NULL CHECK (version >= 1),
  content      text    NOT NULL,
  comment      text    NOT NULL DEFAULT '',
  late         boolean NOT NULL DEFAULT false,
  updated_at   text    NOT NULL,
  updated_by   text    NOT NULL,
  submitted_at text    NOT NULL DEFAULT '',
  submitted_by text    NOT NULL DEFAULT '',
  decided_at   text    NOT NULL DEFAULT '',
  decided_by   text    NOT NULL DEFAULT '',
  delivery_id  bigint  REFERENCES delivery(id),
  PRIMARY KEY (region, period)
);
CREATE INDEX submissions_period ON submissions(period, region);

CREATE TABLE submission_events (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region  text   NOT NULL,
  period  text   NOT NULL,
  version bigint NOT NULL CHECK (version >= 1),
  action  text   NOT NULL CHECK (action IN ('save', 'submit', 'accept', 'return', 'upload_xlsx')),
  status  text   NOT NULL,
  actor   text   NOT NULL,
  at      text   NOT NULL,
  comment text   NOT NULL DEFAULT '',
  content text   NOT NULL,
  UNIQUE (region, period, version),
  FOREIGN KEY (region, period) REFERENCES submissions(region, period) DEFERRABLE INITIALLY DEFERRED
);

CREATE FUNCTION submission_events_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'submission_events is append-only';
END;
$$;
CREATE TRIGGER submission_events_append_only BEFORE UPDATE OR DELETE ON submission_events
  FOR EACH ROW EXECUTE FUNCTION submission_events_refuse();
CREATE TRIGGER submission_events_no_truncate BEFORE TRUNCATE ON submission_events
  FOR EACH STATEMENT EXECUTE FUNCTION submission_events_refuse();

CREATE TABLE submission_deadlines (
  period   text NOT NULL PRIMARY KEY CHECK (period ~ '^[0-9]{4}H[12]$'),
  deadline text NOT NULL CHECK (deadline ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  set_by   text NOT NULL,
  set_at   text NOT NULL
);
)sql";

// The pseudonymisation key's fingerprint (ADR 0017): one row at most, never changed.
constexpr std::string_view kKeyBindingSchema = R"sql(
CREATE TABLE key_binding (
  id          integer PRIMARY KEY CHECK (id = 1),
  fingerprint text    NOT NULL CHECK (length(fingerprint) BETWEEN 16 AND 128),
  bound_at    text    NOT NULL
);

CREATE FUNCTION key_binding_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'key_binding is never changed'; END $$;
CREATE TRIGGER key_binding_no_change BEFORE UPDATE OR DELETE ON key_binding
  FOR EACH ROW EXECUTE FUNCTION key_binding_unchanged();
)sql";

// Policy targets and external reference series (ADR 0024): as SQLite's migration 8.
constexpr std::string_view kPolicySchema = R"sql(
CREATE TABLE policy_target_version (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  imported_at text   NOT NULL,
  file        text   NOT NULL,
  sha256      text   NOT NULL
);

CREATE TABLE policy_target (
  version_id     bigint           NOT NULL REFERENCES policy_target_version(id),
  seq            bigint           NOT NULL,
  target_id      text             NOT NULL CHECK (target_id <> ''),
  indicator      text             NOT NULL,
  measure        text             NOT NULL,
  breakdown      text             NOT NULL DEFAULT 'total',
  scope          text             NOT NULL,
  comparison     text             NOT NULL CHECK (comparison IN ('at_least', 'at_most')),
  value          double precision NOT NULL,
  unit           text             NOT NULL,
  baseline_date  text             CHECK (baseline_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  baseline_value double precision,
  deadline       text             NOT NULL CHECK (deadline ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  source         text             NOT NULL,
  label_nl       text             NOT NULL,
  label_en       text             NOT NULL,
  note           text             NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, seq),
  UNIQUE (version_id, target_id)
);

CREATE TABLE series_version (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      text   NOT NULL CHECK (source <> ''),
  imported_at text   NOT NULL,
  file        text   NOT NULL,
  sha256      text   NOT NULL
);
CREATE INDEX series_version_source ON series_version(source, id);

CREATE TABLE series_point (
  version_id bigint           NOT NULL REFERENCES series_version(id),
  seq        bigint           NOT NULL,
  source     text             NOT NULL,
  series     text             NOT NULL,
  definition text             NOT NULL,
  unit       text             NOT NULL,
  region     text             NOT NULL,
  period     text             NOT NULL DEFAULT '',
  ref_date   text             CHECK (ref_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  value      double precision NOT NULL,
  low        double precision,
  high       double precision,
  note       text             NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, seq)
);
)sql";

// Prevention policy per municipality (issue 15), as on SQLite.
constexpr std::string_view kPreventionSchema = R"sql(
CREATE TABLE prevention_policy (
  delivery_id      bigint  NOT NULL REFERENCES delivery(id),
  seq              integer NOT NULL,
  record_id        text    NOT NULL,
  municipality     text    NOT NULL,
  policy_status    text    NOT NULL,
  prevention_scan  boolean NOT NULL,
  respite_facility text    NOT NULL CHECK (respite_facility IN ('ja', 'nee', 'onbekend')),
  PRIMARY KEY (delivery_id, seq)
);
)sql";

// The data-quality report kept with each delivery, as on SQLite (text, not jsonb: the
// bytes stay as the importer wrote them).
constexpr std::string_view kQualitySchema = R"sql(
CREATE TABLE delivery_quality (
  delivery_id bigint  PRIMARY KEY REFERENCES delivery(id),
  flagged     integer NOT NULL CHECK (flagged >= 0),
  checks      text    NOT NULL
);
)sql";

// Whether a delivery is synthetic, as on SQLite.
constexpr std::string_view kSyntheticSchema = R"sql(
ALTER TABLE delivery ADD COLUMN synthetic boolean NOT NULL DEFAULT false;
)sql";

// Population figures (ADR 0037), as on SQLite.
constexpr std::string_view kPopulationSchema = R"sql(
CREATE TABLE population_version (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ref_date    text   NOT NULL CHECK (ref_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  imported_at text   NOT NULL,
  file        text   NOT NULL,
  sha256      text   NOT NULL
);
CREATE INDEX population_version_date ON population_version(ref_date, id);

CREATE TABLE population_count (
  version_id   bigint NOT NULL REFERENCES population_version(id),
  municipality text   NOT NULL CHECK (municipality ~ '^GM[0-9]{4}$'),
  inhabitants  bigint NOT NULL CHECK (inhabitants >= 0),
  PRIMARY KEY (version_id, municipality)
);
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

core::Status Migrate(Conn& conn) {
  const int newest = kMigrations.back().version;
  // One migration per transaction. The advisory lock serialises processes that start at
  // the same time: the second one waits, then finds the migration applied.
  for (;;) {
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(conn));
    ONDERDAK_RETURN_IF_ERROR(conn.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLockMigrations) + ", 0)"));
    ONDERDAK_RETURN_IF_ERROR(
        conn.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                  " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"));
    ONDERDAK_ASSIGN_OR_RETURN(auto max, conn.Query("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    const auto current = static_cast<int>(max.Int(0, 0));
    if (current > newest) {
      return core::Status::FailedPrecondition("the database has schema version " + std::to_string(current) +
                                              ", newer than this onderdak build knows (" + std::to_string(newest) +
                                              "); upgrade onderdak");
    }
    const Migration* next = nullptr;
    for (const Migration& m : kMigrations) {
      if (m.version > current) {
        next = &m;
        break;
      }
    }
    if (next == nullptr) return tx.Commit();
    ONDERDAK_RETURN_IF_ERROR(conn.Exec(next->sql).WithContext("migration " + std::to_string(next->version)));
    ONDERDAK_RETURN_IF_ERROR(conn.Query("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)",
                                        Params().Add(next->version).Add(next->name))
                                 .status());
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
  }
}

}  // namespace onderdak::store::postgres
