// The PostgreSQL backend (issue 8) against a real server: a throwaway cluster started by
// pg_test_cluster.cc, one fresh database per test. The same behaviour as SQLite:
// migrations, reference versions, deliveries written through DeliveryWriter and loaded
// back field by field equal to SQLite's, versions and restore, rollback, the archive,
// and correctness when imports run concurrently.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "dataset_compare.h"
#include "key_binding_cases.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/store/postgres/pg_conn.h"
#include "onderdak/store/store.h"
#include "pg_test_cluster.h"
#include "test_support.h"

namespace onderdak::store {
namespace {

using onderdak::testing::PgDatabaseTest;
using onderdak::testing::TempDir;
using namespace std::chrono_literals;

domain::Municipality M(std::string code, std::string name, std::string region) {
  domain::Municipality m;
  m.code = std::move(code);
  m.name = std::move(name);
  m.region_code = std::move(region);
  return m;
}

ReferenceVersionMeta Meta(const char* valid_from) {
  ReferenceVersionMeta meta;
  meta.valid_from = *core::Date::Parse(valid_from);
  meta.source = "test";
  meta.source_sha256 = std::string(64, '0');
  return meta;
}

core::Date D(const char* text) { return *core::Date::Parse(text); }

// The i-th code of a code list (wrapping), so the sample uses only valid codes.
std::string_view C(std::string_view list, std::size_t i) {
  const domain::CodeList* l = domain::FindCodeList(list);
  EXPECT_NE(l, nullptr) << list;
  return l->codes[i % l->codes.size()].code;
}

DeliveryFilter CurrentOnly() {
  DeliveryFilter f;
  f.current_only = true;
  return f;
}

NewDelivery Key(std::string region, std::string organisation = "KVK-1", std::string period = "2021H1") {
  NewDelivery d;
  d.organisation = std::move(organisation);
  d.organisation_name = "Stichting \"Test\"\t& co";
  d.region = std::move(region);
  d.period = *core::Period::Parse(period);
  d.created = "2021-07-01T00:00:00Z";
  d.source = "test/delivery";
  d.files = {"persons", "living_situations", "service_episodes"};
  return d;
}

// A raw "delivery archive" of `bytes` pseudo-random bytes; returns its path and SHA-256.
std::pair<std::filesystem::path, std::string> Archive(const TempDir& dir, std::size_t bytes, unsigned seed) {
  std::mt19937 rng(seed);
  std::string data(bytes, '\0');
  for (auto& ch : data) ch = static_cast<char>(rng() & 0xff);
  auto path = dir.Write("archive-" + std::to_string(seed) + "-" + std::to_string(bytes) + ".zip", data);
  return {path, *ingest::Sha256File(path)};
}

// Free text that exercises COPY's escaping and UTF-8.
std::string Tricky(std::size_t i) {
  static const char* kTexts[] = {"plain",      "tab\there",     "new\nline", "back\\slash", "\\N",
                                 "cr\rlf\r\n", "Zoë’s “quote”", "",          "comma,semi;", "\\\\t"};
  return kTexts[i % std::size(kTexts)];
}

// Writes a small hand-made delivery with every entity and returns the writer's result.
// `persons` persons, each with a living situation, an episode and (every other one)
// the other person-level records.
core::Result<domain::Delivery> WriteSample(Store& store, const NewDelivery& key, int persons,
                                           const std::filesystem::path& zip, const std::string& sha) {
  ONDERDAK_ASSIGN_OR_RETURN(auto w, store.BeginDelivery(key));
  domain::Facility fac;
  fac.record_id = "F-1";
  fac.name = "Opvang \"De Haven\"\tnoord";
  fac.municipality = "GM0363";
  fac.service_type = C("service_type", 0);
  ONDERDAK_ASSIGN_OR_RETURN(auto f1, w->AddFacility(fac));
  fac.record_id = "F-2";
  fac.name = "Back\\slash";
  ONDERDAK_ASSIGN_OR_RETURN(auto f2, w->AddFacility(fac));
  for (int k = 0; k < 2; ++k) {
    domain::Capacity c;
    c.record_id = "C-" + std::to_string(k);
    c.valid_from = D("2021-01-01");
    c.room_size = C("room_size", static_cast<std::size_t>(k));
    c.rooms = 10 + k;
    c.places = 20 + k;
    ONDERDAK_RETURN_IF_ERROR(w->AddCapacity(c, k == 0 ? f1 : f2));
  }
  for (int i = 0; i < persons; ++i) {
    const auto u = static_cast<std::size_t>(i);
    domain::Person p;
    p.record_id = "P-" + std::to_string(i) + Tricky(u);
    std::string hex = std::to_string(1000000 + i);
    p.pseudonym = (i % 2 ? "b:" : "l:") + std::string(64 - hex.size(), 'a') + hex;
    p.birth_year = 1950 + i % 50;
    p.birth_month = 1 + i % 12;
    p.gender = C("gender", u);
    p.nationality_group = C("nationality_group", u);
    p.household = C("household", u);
    p.municipality_of_origin = i % 3 ? "GM0363" : "";
    ONDERDAK_ASSIGN_OR_RETURN(auto h, w->AddPerson(p));
    domain::LivingSituation ls;
    ls.record_id = "L-" + std::to_string(i);
    ls.ethos = 1 + i % 7;
    ls.start = D("2020-12-01");
    if (i % 2) ls.end = D("2021-01-09");
    ls.source = Tricky(u + 3);
    ONDERDAK_RETURN_IF_ERROR(w->AddLivingSituation(ls, h));
    domain::ServiceEpisode e;
    e.record_id = "S-" + std::to_string(i);
    e.service_type = C("service_type", u);
    e.municipality = "GM0363";
    e.start = D("2021-01-10");
    if (i % 2) {
      e.end = D("2021-03-01");
      e.exit_destination = C("exit_destination", u);
    }
    ONDERDAK_RETURN_IF_ERROR(w->AddServiceEpisode(e, h, i % 3 == 0 ? std::optional<std::int64_t>(f2) : std::nullopt));
    if (i % 2 == 0) {
      domain::Request r;
      r.record_id = "R-" + std::to_string(i);
      r.request_date = D("2021-02-01");
      r.municipality_applied_to = "GM0363";
      r.service_type = C("service_type", u);
      if (i % 4 == 0) {
        r.decision = C("decision", u);
        r.decision_date = D("2021-02-15");
        r.decision_reason = C("decision_reason", u);
      }
      r.referred_to_region = i % 8 == 0 ? "GM0599" : "";
      ONDERDAK_RETURN_IF_ERROR(w->AddRequest(r, h));
      domain::WaitingEntry we;
      we.record_id = "W-" + std::to_string(i);
      we.waiting_list_type = C("waiting_list_type", u);
      we.registered = D("2021-02-02");
      if (i % 4 == 0) {
        we.end = D("2021-05-01");
        we.outcome = C("waiting_outcome", u);
      }
      ONDERDAK_RETURN_IF_ERROR(w->AddWaitingEntry(we, h));
      domain::Cause ca;
      ca.record_id = "K-" + std::to_string(i);
      ca.intake_date = D("2021-01-10");
      ca.cause = C("cause", u);
      ONDERDAK_RETURN_IF_ERROR(w->AddCause(ca, h));
      domain::Need ne;
      ne.record_id = "N-" + std::to_string(i);
      ne.assessed = D("2021-01-11");
      ne.need_category = C("need_category", u);
      ONDERDAK_RETURN_IF_ERROR(w->AddNeed(ne, h));
    }
  }
  domain::HousingProject hp;
  hp.record_id = "H-1";
  hp.municipality = "GM0363";
  hp.housing_kind = C("housing_kind", 1);
  hp.places = 12;
  hp.status = C("housing_status", 1);
  hp.status_date = D("2021-03-03");
  hp.owner = "Woonstichting\nZuid";
  ONDERDAK_ASSIGN_OR_RETURN(auto project, w->AddHousingProject(hp));
  domain::FundingLine fl;
  fl.record_id = "FL-1";
  fl.funding_line = C("funding_line", 0);
  fl.places_counted = 12;
  ONDERDAK_RETURN_IF_ERROR(w->AddFundingLine(fl, project));
  domain::Plan plan;
  plan.record_id = "PL-1";
  plan.plan_status = C("plan_status", 0);
  plan.adopted_date = D("2020-11-11");
  plan.aligned_with_action_plan = true;
  plan.shelter_in_municipality_of_origin = true;
  plan.lived_experience_policy = 2;
  plan.lived_experience_execution = 3;
  plan.target_extra_places = 40;
  ONDERDAK_RETURN_IF_ERROR(w->AddPlan(plan));
  plan.record_id = "PL-2";
  plan.adopted_date.reset();
  plan.contains_wonen_eerst = true;
  ONDERDAK_RETURN_IF_ERROR(w->AddPlan(plan));
  domain::Agreement ag;
  ag.record_id = "A-1";
  ag.corporation = "Corporatie ‘Thuis’";
  ag.municipality = "GM0363";
  ag.covers_homeless = true;
  ag.places_agreed = 30;
  ag.places_realised = 7;
  ONDERDAK_RETURN_IF_ERROR(w->AddAgreement(ag));
  domain::Budget b;
  b.record_id = "B-1";
  b.year = 2021;
  b.budget_theme = C("budget_theme", 2);
  b.budget_eur = 9'000'000'000LL;  // beyond 32 bits
  b.spent_eur = 1;
  ONDERDAK_RETURN_IF_ERROR(w->AddBudget(b));
  domain::Eviction ev;
  ev.record_id = "E-1";
  ev.municipality = "GM0363";
  ev.eviction_date = D("2021-04-04");
  ev.household = C("household", 0);
  ev.other_housing_found = "nee";
  ONDERDAK_RETURN_IF_ERROR(w->AddEviction(ev));
  domain::Signal sg;
  sg.record_id = "SG-1";
  sg.municipality = "GM0363";
  sg.signal_date = D("2021-05-05");
  sg.signal_outcome = C("signal_outcome", 1);
  ONDERDAK_RETURN_IF_ERROR(w->AddSignal(sg));
  domain::PreventionPolicy pp;
  pp.record_id = "PP-1";
  pp.municipality = "GM0363";
  pp.policy_status = C("plan_status", 2);
  pp.prevention_scan = true;
  pp.respite_facility = "onbekend";
  ONDERDAK_RETURN_IF_ERROR(w->AddPreventionPolicy(pp));
  ONDERDAK_RETURN_IF_ERROR(w->AttachArchive(sha, zip));
  return w->Commit();
}

std::int64_t Scalar(postgres::Conn& conn, const std::string& sql) {
  auto r = conn.Query(sql);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() && r->rows() > 0 ? r->Int(0, 0) : -1;
}

class PostgresStoreTest : public PgDatabaseTest {
 protected:
  TempDir tmp_;
};

TEST(PostgresOpenStoreTest, UnreachableServerIsUnavailable) {
  auto s = OpenStore("postgresql://nobody@127.0.0.1:1/none?connect_timeout=5");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), core::Code::kUnavailable);
  EXPECT_NE(s.status().message().find("cannot connect to PostgreSQL"), std::string::npos) << s.status().message();
}

// Issue 16: the environment, not a bug: a database that only allows reading (as a standby
// does) and a user without privileges are refused as "unavailable" (exit 1) with what to
// do, and nothing is written.
TEST_F(PostgresStoreTest, ReadOnlyDatabaseAndMissingPrivilegeAreEnvironmentErrors) {
  ASSERT_NE(Open(), nullptr);  // migrated while writable
  const std::string db = url_.substr(url_.rfind('/') + 1);
  {
    auto conn = Connect();
    ASSERT_TRUE(conn.Exec("ALTER DATABASE " + db + " SET default_transaction_read_only = on").ok());
  }
  // Opening is refused already (the migration check creates its table if missing), or
  // else the first write; either way as the environment's error, with what to do.
  auto first_write = [&](const std::string& url) {
    auto s = OpenStore(url);
    if (!s.ok()) return s.status();
    domain::ReferenceSet a({M("GM0001", "A", "GM0001")});
    return (*s)->AddReferenceVersion(a, Meta("2020-01-01")).status();
  };
  {
    const auto st = first_write(url_);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), core::Code::kUnavailable) << st.message();
    EXPECT_NE(st.message().find("SQLSTATE 25006"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("point --db at a writable primary"), std::string::npos);
  }
  {
    auto conn = Connect();
    ASSERT_TRUE(conn.Exec("SET default_transaction_read_only = off").ok());  // this session only
    ASSERT_TRUE(conn.Exec("ALTER DATABASE " + db + " RESET default_transaction_read_only").ok());
    EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM reference_version"), 0);  // nothing written
    ASSERT_TRUE(conn.Exec("DROP ROLE IF EXISTS onderdak_reader").ok());
    ASSERT_TRUE(conn.Exec("CREATE ROLE onderdak_reader LOGIN").ok());
    ASSERT_TRUE(conn.Exec("GRANT SELECT ON ALL TABLES IN SCHEMA public TO onderdak_reader").ok());
  }
  // The same database as a user that may only read.
  const auto at = url_.find("://") + 3;
  const auto host = url_.find('@', at) == std::string::npos ? at : url_.find('@', at) + 1;
  const auto st = first_write(url_.substr(0, at) + "onderdak_reader@" + url_.substr(host));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), core::Code::kUnavailable) << st.message();
  EXPECT_NE(st.message().find("lacks a privilege"), std::string::npos) << st.message();
  auto conn = Connect();
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM reference_version"), 0);
}

TEST_F(PostgresStoreTest, BothUrlSchemesOpenIt) {
  auto a = OpenStore(url_);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ((*a)->Backend(), "postgresql");
  ASSERT_TRUE(url_.starts_with("postgresql://"));
  auto b = OpenStore("postgres://" + url_.substr(std::string("postgresql://").size()));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ((*b)->Backend(), "postgresql");
}

TEST_F(PostgresStoreTest, MigratesOnOpenAndOnlyOnce) {
  {
    auto s = Open();
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(*s->SchemaVersion(), 12);  // the newest migration (12: population figures)
  }
  auto again = Open();  // re-opening applies nothing twice
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(*again->SchemaVersion(), 12);
  auto conn = Connect();
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM schema_migrations"), 12);
  // PostgreSQL types, not SQLite's text: dates, booleans, bytea.
  EXPECT_EQ(Scalar(conn,
                   "SELECT count(*) FROM information_schema.columns WHERE table_name = 'delivery' AND "
                   "((column_name = 'period_first' AND data_type = 'date') OR "
                   "(column_name = 'is_current' AND data_type = 'boolean'))"),
            2);
  EXPECT_EQ(Scalar(conn,
                   "SELECT count(*) FROM information_schema.columns WHERE table_name = 'archive_chunk' AND "
                   "column_name = 'data' AND data_type = 'bytea'"),
            1);
}

TEST_F(PostgresStoreTest, ConcurrentFirstOpensMigrateOnce) {
  std::vector<std::thread> threads;
  std::vector<core::Status> results(4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      auto s = OpenStore(url_);
      results[i] = s.ok() ? core::Status::Ok() : s.status();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.message();
  auto conn = Connect();
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM schema_migrations"), 12);
}

TEST_F(PostgresStoreTest, RefusesADatabaseFromANewerBuild) {
  ASSERT_NE(Open(), nullptr);
  {
    auto conn = Connect();
    ASSERT_TRUE(conn.Exec("INSERT INTO schema_migrations(version, name) VALUES (999, 'future')").ok());
  }
  auto s = OpenStore(url_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), core::Code::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("schema version 999"), std::string::npos) << s.status().message();
}

// ADR 0017: the first fingerprint is recorded (audited) and kept; another is reported back.
TEST_F(PostgresStoreTest, TheKeyFingerprintIsRecordedOnceAndKept) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  ExpectTheKeyFingerprintIsRecordedOnceAndKept(*s);
  auto conn = Connect();
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM key_binding"), 1);
}

TEST_F(PostgresStoreTest, VersionsAreSelectedByDate) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->ReferenceVersionOn(D("2021-01-01")).status().code(), core::Code::kNotFound);
  domain::ReferenceSet a({M("GM0001", "A", "GM0001"), M("GM0002", "B", "GM0001")});
  domain::ReferenceSet b({M("GM0001", "A", "GM0001"), M("GM0002", "B", "GM0002")});
  auto va = s->AddReferenceVersion(a, Meta("2020-01-01"));
  ASSERT_TRUE(va.ok()) << va.status().message();
  EXPECT_EQ(va->id, 1);
  EXPECT_EQ(va->municipality_count, 2);
  EXPECT_EQ(va->region_count, 1);
  EXPECT_EQ(va->imported_at.size(), 20u) << va->imported_at;
  auto vb = s->AddReferenceVersion(b, Meta("2022-01-01"));
  ASSERT_TRUE(vb.ok()) << vb.status().message();
  EXPECT_EQ(vb->region_count, 2);
  EXPECT_EQ(s->ReferenceVersionOn(D("2019-12-31")).status().code(), core::Code::kNotFound);
  EXPECT_EQ(s->ReferenceVersionOn(D("2021-12-31"))->id, 1);
  EXPECT_EQ(s->ReferenceVersionOn(D("2022-01-01"))->id, 2);
  auto vc = s->AddReferenceVersion(a, Meta("2022-01-01"));  // same date: the later import wins
  EXPECT_EQ(s->ReferenceVersionOn(D("2023-06-01"))->id, vc->id);
  EXPECT_EQ(s->LoadReferenceSet(99).status().code(), core::Code::kNotFound);
  EXPECT_EQ(s->ListReferenceVersions()->size(), 3u);
}

TEST_F(PostgresStoreTest, InvalidSetWritesNothing) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  domain::ReferenceSet bad({M("GM0001", "A", "GM0009")});
  auto r = s->AddReferenceVersion(bad, Meta("2020-01-01"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_TRUE(s->ListReferenceVersions()->empty());
}

TEST_F(PostgresStoreTest, ShippedReferenceDataRoundTripsLikeSqlite) {
  auto pg = Open();
  ASSERT_NE(pg, nullptr);
  auto lite = std::move(*OpenStore("sqlite::memory:"));
  auto vp = ingest::ImportShippedRegions(*pg, onderdak::testing::ReferenceDir());
  auto vl = ingest::ImportShippedRegions(*lite, onderdak::testing::ReferenceDir());
  ASSERT_TRUE(vp.ok()) << vp.status().message();
  ASSERT_TRUE(vl.ok()) << vl.status().message();
  EXPECT_EQ(vp->municipality_count, vl->municipality_count);
  EXPECT_EQ(vp->region_count, vl->region_count);
  EXPECT_EQ(vp->valid_from, vl->valid_from);
  EXPECT_EQ(vp->approximate, vl->approximate);
  EXPECT_EQ(vp->source_sha256, vl->source_sha256);
  auto sp = pg->LoadReferenceSet(vp->id);
  auto sl = lite->LoadReferenceSet(vl->id);
  ASSERT_TRUE(sp.ok() && sl.ok());
  ASSERT_EQ(sp->municipalities().size(), sl->municipalities().size());
  for (std::size_t i = 0; i < sp->municipalities().size(); ++i) {
    const auto &a = sp->municipalities()[i], &b = sl->municipalities()[i];
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.veiligheidsregio, b.veiligheidsregio);
    EXPECT_EQ(a.lon, b.lon) << a.code;  // exact: the shortest round-trip text
    EXPECT_EQ(a.lat, b.lat) << a.code;
    EXPECT_EQ(a.region_code, b.region_code);
    EXPECT_EQ(a.membership_method, b.membership_method);
  }
}

TEST_F(PostgresStoreTest, DeliveryLoadsBackEqualToSqlite) {
  auto pg = Open();
  ASSERT_NE(pg, nullptr);
  auto lite = std::move(*OpenStore("sqlite::memory:"));
  auto [zip, sha] = Archive(tmp_, 1000, 1);
  auto dp = WriteSample(*pg, Key("GM0363"), 50, zip, sha);
  auto dl = WriteSample(*lite, Key("GM0363"), 50, zip, sha);
  ASSERT_TRUE(dp.ok()) << dp.status().message();
  ASSERT_TRUE(dl.ok()) << dl.status().message();
  EXPECT_EQ(dp->version, 1);
  EXPECT_TRUE(dp->current);
  EXPECT_EQ(dp->sha256, sha);
  EXPECT_EQ(dp->organisation_name, "Stichting \"Test\"\t& co");
  auto xp = pg->LoadDataset(CurrentOnly());
  auto xl = lite->LoadDataset(CurrentOnly());
  ASSERT_TRUE(xp.ok()) << xp.status().message();
  ASSERT_TRUE(xl.ok()) << xl.status().message();
  EXPECT_EQ(xp->persons.size(), 50u);
  EXPECT_EQ(xp->persons.at(4).record_id, "P-4\\N");  // the text "\N", not NULL
  EXPECT_EQ(xp->persons.at(0).municipality_of_origin, "");
  EXPECT_EQ(xp->budgets.at(0).budget_eur, 9'000'000'000LL);
  onderdak::testing::ExpectSameDataset(*xp, *xl);
  EXPECT_EQ(*pg->CountDeliveryRows(dp->id), *lite->CountDeliveryRows(dl->id));
  EXPECT_EQ(pg->GetDelivery(999).status().code(), core::Code::kNotFound);
}

TEST_F(PostgresStoreTest, ManyRowsGoThroughSeveralCopyFlushes) {
  auto pg = Open();
  ASSERT_NE(pg, nullptr);
  auto lite = std::move(*OpenStore("sqlite::memory:"));
  auto [zip, sha] = Archive(tmp_, 100, 2);
  // About 20,000 persons: several 4 MiB flushes and three person-id blocks.
  auto dp = WriteSample(*pg, Key("GM0363"), 20000, zip, sha);
  auto dl = WriteSample(*lite, Key("GM0363"), 20000, zip, sha);
  ASSERT_TRUE(dp.ok()) << dp.status().message();
  ASSERT_TRUE(dl.ok()) << dl.status().message();
  auto xp = pg->LoadDataset(CurrentOnly());
  auto xl = lite->LoadDataset(CurrentOnly());
  ASSERT_TRUE(xp.ok()) << xp.status().message();
  ASSERT_TRUE(xl.ok()) << xl.status().message();
  EXPECT_EQ(xp->persons.size(), 20000u);
  onderdak::testing::ExpectSameDataset(*xp, *xl);
}

TEST_F(PostgresStoreTest, RedeliveryIsANewVersionAndEarlierVersionsCanBeRestored) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto [zip1, sha1] = Archive(tmp_, 500, 3);
  auto [zip2, sha2] = Archive(tmp_, 500, 4);
  auto v1 = WriteSample(*s, Key("GM0363"), 4, zip1, sha1);
  ASSERT_TRUE(v1.ok()) << v1.status().message();
  auto v2 = WriteSample(*s, Key("GM0363"), 2, zip2, sha2);
  ASSERT_TRUE(v2.ok()) << v2.status().message();
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v2->version, 2);
  auto all = s->ListDeliveries({});
  ASSERT_EQ(all->size(), 2u);
  EXPECT_FALSE((*all)[0].current);
  EXPECT_TRUE((*all)[1].current);
  EXPECT_EQ(s->LoadDataset(CurrentOnly())->persons.size(), 2u);
  DeliveryFilter key;
  key.region = "GM0363";
  key.period = "2021H1";
  key.organisation = "KVK-1";
  EXPECT_EQ(s->LoadDataset(key)->persons.size(), 6u);  // the earlier version stays queryable
  DeliveryFilter other;
  other.region = "GM0599";
  EXPECT_TRUE(s->ListDeliveries(other)->empty());

  auto restored = s->RestoreDelivery(v1->id, AuditEvent{"cli:t", "delivery.restore", "", "", "cli"});
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  EXPECT_TRUE(restored->current);
  EXPECT_EQ(s->Accounts().ListAudit()->back().object, "delivery:" + std::to_string(v1->id)) << "audited with it";
  EXPECT_EQ(s->LoadDataset(CurrentOnly())->persons.size(), 4u);
  EXPECT_FALSE(s->GetDelivery(v2->id)->current);
  EXPECT_EQ(s->RestoreDelivery(v1->id, std::nullopt).status().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(s->RestoreDelivery(999, AuditEvent{"cli:t", "delivery.restore", "", "", "cli"}).status().code(),
            core::Code::kNotFound);
  EXPECT_EQ(s->Accounts().ListAudit()->size(), 1u) << "a refused restore is no change";
  auto conn = Connect();
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM delivery_event WHERE event = 'imported'"), 2);
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM delivery_event WHERE event = 'superseded'"), 1);
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM delivery_event WHERE event = 'restored'"), 1);
  auto counts = s->CountDeliveryRows(v1->id);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->at(0), (std::pair<std::string, std::int64_t>("persons", 4)));
}

TEST_F(PostgresStoreTest, WriterDestroyedWithoutCommitLeavesNoTrace) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  const auto before = TableCounts();
  auto [zip, sha] = Archive(tmp_, 3000, 5);
  {
    auto w = s->BeginDelivery(Key("GM0363"));
    ASSERT_TRUE(w.ok()) << w.status().message();
    domain::Person p;
    p.record_id = "P";
    p.pseudonym = "b:" + std::string(64, 'c');
    p.birth_year = 1990;
    p.birth_month = 1;
    p.gender = C("gender", 0);
    p.nationality_group = C("nationality_group", 0);
    p.household = C("household", 0);
    for (int i = 0; i < 60000; ++i) ASSERT_TRUE((*w)->AddPerson(p).ok());  // some COPYs are sent
    ASSERT_TRUE((*w)->AttachArchive(sha, zip).ok());
    auto conn = Connect();  // meanwhile, nobody else sees any of it
    EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM person"), 0);
    EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM delivery"), 0);
  }
  EXPECT_EQ(TableCounts(), before);
  // The key's lock is released: the next delivery is version 1.
  auto d = WriteSample(*s, Key("GM0363"), 1, zip, sha);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->version, 1);
}

TEST_F(PostgresStoreTest, FailedWriteReportsTheCauseAndRollsBack) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  const auto before = TableCounts();
  {
    auto w = s->BeginDelivery(Key("GM0363"));
    ASSERT_TRUE(w.ok()) << w.status().message();
    domain::Person p;
    p.record_id = "P";
    p.pseudonym = "too short for the CHECK";
    p.birth_year = 1990;
    p.birth_month = 1;
    ASSERT_TRUE((*w)->AddPerson(p).ok());                                          // buffered
    EXPECT_EQ((*w)->AddLivingSituation({}, 12345).code(), core::Code::kInternal);  // not a handle of this writer
    auto [zip, sha] = Archive(tmp_, 10, 6);
    ASSERT_TRUE((*w)->AttachArchive(sha, zip).ok());
    auto c = (*w)->Commit();  // the COPY of the person fails
    ASSERT_FALSE(c.ok());
    EXPECT_NE(c.status().message().find("pseudonym"), std::string::npos) << c.status().message();
  }
  EXPECT_EQ(TableCounts(), before);
}

TEST_F(PostgresStoreTest, ExportArchiveReturnsTheBytesAndKeepsIdenticalArchivesOnce) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto [zip, sha] = Archive(tmp_, 9 * 1024 * 1024 + 17, 7);  // two chunks
  auto d1 = WriteSample(*s, Key("GM0363"), 1, zip, sha);
  ASSERT_TRUE(d1.ok()) << d1.status().message();
  auto d2 = WriteSample(*s, Key("GM0599"), 1, zip, sha);
  ASSERT_TRUE(d2.ok()) << d2.status().message();
  for (auto id : {d1->id, d2->id}) {
    std::ostringstream out;
    ASSERT_TRUE(s->ExportArchive(id, out).ok());
    EXPECT_TRUE(out.str() == onderdak::testing::ReadFile(zip)) << "archive of delivery " << id << " differs";
  }
  auto conn = Connect();
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM archive"), 1);
  EXPECT_EQ(Scalar(conn, "SELECT count(*) FROM archive_chunk"), 2);
  std::ostringstream none;
  EXPECT_EQ(s->ExportArchive(999, none).code(), core::Code::kNotFound);
}

// An import killed with SIGKILL in the middle (rows already sent with COPY) leaves no
// trace and loses nothing committed before it; its key is free again at once.
TEST_F(PostgresStoreTest, ImportKilledWithSigkillLeavesNoTrace) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto [zip, sha] = Archive(tmp_, 300, 14);
  auto committed = WriteSample(*s, Key("GM0363"), 10, zip, sha);
  ASSERT_TRUE(committed.ok()) << committed.status().message();
  const auto before = TableCounts();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // the importer: no gtest here, only exit codes
    ::close(ready[0]);
    auto store = OpenStore(url_);
    if (!store.ok()) ::_exit(2);
    auto w = (*store)->BeginDelivery(Key("GM0363"));
    if (!w.ok()) ::_exit(3);
    domain::Person p;
    p.record_id = "P";
    p.pseudonym = "b:" + std::string(64, 'f');
    p.birth_year = 1990;
    p.birth_month = 1;
    p.gender = C("gender", 0);
    p.nationality_group = C("nationality_group", 0);
    p.household = C("household", 0);
    for (int i = 0; i < 60000; ++i) {
      if (!(*w)->AddPerson(p).ok()) ::_exit(4);
    }
    if (!(*w)->AttachArchive(sha, zip).ok()) ::_exit(5);
    const char byte = 'x';
    if (::write(ready[1], &byte, 1) != 1) ::_exit(6);
    for (;;) ::pause();  // killed here, inside the transaction
  }
  ::close(ready[1]);
  char byte = 0;
  const auto n = ::read(ready[0], &byte, 1);
  ::close(ready[0]);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_EQ(n, 1) << "the importer did not get to the middle of its import (exit status " << status << ")";
  ASSERT_TRUE(WIFSIGNALED(status));
  // The server notices the closed connection and rolls the transaction back.
  auto conn = Connect();
  for (int i = 0; i < 200 && Scalar(conn, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") > 0; ++i) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(TableCounts(), before);
  auto next = WriteSample(*s, Key("GM0363"), 1, zip, sha);
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_EQ(next->version, 2);
  EXPECT_EQ(s->LoadDataset(CurrentOnly())->persons.size(), 1u);
}

// Two imports for different regions at the same time: both writers are open at once
// (neither waits for the other) and both land.
TEST_F(PostgresStoreTest, ConcurrentImportsForDifferentRegionsBothLand) {
  auto [zip1, sha1] = Archive(tmp_, 200, 8);
  auto [zip2, sha2] = Archive(tmp_, 200, 9);
  std::mutex mu;
  std::condition_variable cv;
  int open_writers = 0;
  bool overlapped[2] = {false, false};
  core::Status results[2];
  auto import = [&](int i, std::string region, const std::filesystem::path& zip, const std::string& sha) {
    auto s = OpenStore(url_);  // one Store per thread, like two serve processes
    if (!s.ok()) {
      results[i] = s.status();
      return;
    }
    auto w = (*s)->BeginDelivery(Key(region));
    if (!w.ok()) {
      results[i] = w.status();
      return;
    }
    {
      std::unique_lock l(mu);
      ++open_writers;
      cv.notify_all();
      overlapped[i] = cv.wait_for(l, 20s, [&] { return open_writers == 2; });
    }
    domain::Person p;
    p.record_id = "P";
    p.pseudonym = "b:" + std::string(64, 'd');
    p.birth_year = 1990;
    p.birth_month = 1;
    p.gender = C("gender", 0);
    p.nationality_group = C("nationality_group", 0);
    p.household = C("household", 0);
    for (int k = 0; k < 5000; ++k) {
      auto h = (*w)->AddPerson(p);
      if (!h.ok()) {
        results[i] = h.status();
        return;
      }
    }
    if (auto st = (*w)->AttachArchive(sha, zip); !st.ok()) {
      results[i] = st;
      return;
    }
    auto d = (*w)->Commit();
    results[i] = d.ok() ? core::Status::Ok() : d.status();
  };
  ASSERT_NE(Open(), nullptr);  // migrated before the race
  std::thread a(import, 0, "GM0363", zip1, sha1);
  std::thread b(import, 1, "GM0599", zip2, sha2);
  a.join();
  b.join();
  ASSERT_TRUE(results[0].ok()) << results[0].message();
  ASSERT_TRUE(results[1].ok()) << results[1].message();
  EXPECT_TRUE(overlapped[0] && overlapped[1]) << "the two writers did not run at the same time";
  auto s = Open();
  auto current = s->ListDeliveries(CurrentOnly());
  ASSERT_EQ(current->size(), 2u);
  EXPECT_EQ((*current)[0].version, 1);
  EXPECT_EQ((*current)[1].version, 1);
  auto ds = s->LoadDataset(CurrentOnly());
  ASSERT_TRUE(ds.ok()) << ds.status().message();
  EXPECT_EQ(ds->persons.size(), 10000u);
  // Interleaved person-id blocks still load in delivery order.
  for (std::size_t i = 0; i < ds->persons.size(); ++i) EXPECT_EQ(ds->persons[i].delivery, i < 5000 ? 0 : 1);
}

// Two imports of the same (organisation, region, period): the second waits for the
// first, then lands as version 2 and is current. A reader meanwhile never sees the
// open import.
TEST_F(PostgresStoreTest, ConcurrentImportsOfTheSameKeyAreSerialised) {
  ASSERT_NE(Open(), nullptr);
  auto [zip1, sha1] = Archive(tmp_, 200, 10);
  const auto second_archive = Archive(tmp_, 200, 11);  // captured below (clang 14: no binding captures)
  auto first_store = Open();
  auto second_store = Open();
  auto reader = Open();
  auto first = first_store->BeginDelivery(Key("GM0363"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  std::atomic<bool> second_begun{false};
  core::Result<domain::Delivery> second_result = core::Status::Internal("not run");
  std::thread second([&] {
    auto w = second_store->BeginDelivery(Key("GM0363"));  // waits for the first writer
    second_begun = true;
    if (!w.ok()) {
      second_result = w.status();
      return;
    }
    if (auto st = (*w)->AttachArchive(second_archive.second, second_archive.first); !st.ok()) {
      second_result = st;
      return;
    }
    second_result = (*w)->Commit();
  });
  domain::Person p;
  p.record_id = "P";
  p.pseudonym = "b:" + std::string(64, 'e');
  p.birth_year = 1990;
  p.birth_month = 1;
  p.gender = C("gender", 0);
  p.nationality_group = C("nationality_group", 0);
  p.household = C("household", 0);
  for (int k = 0; k < 100; ++k) ASSERT_TRUE((*first)->AddPerson(p).ok());
  ASSERT_TRUE((*first)->AttachArchive(sha1, zip1).ok());
  std::this_thread::sleep_for(500ms);
  EXPECT_FALSE(second_begun) << "the second writer of the same key did not wait for the first";
  EXPECT_TRUE(reader->ListDeliveries({})->empty()) << "a reader sees an uncommitted delivery";
  auto d1 = (*first)->Commit();
  ASSERT_TRUE(d1.ok()) << d1.status().message();
  first->reset();
  second.join();
  ASSERT_TRUE(second_result.ok()) << second_result.status().message();
  EXPECT_EQ(d1->version, 1);
  EXPECT_EQ(second_result->version, 2);
  EXPECT_TRUE(second_result->current);
  EXPECT_FALSE(reader->GetDelivery(d1->id)->current);
  auto current = reader->LoadDataset(CurrentOnly());
  ASSERT_EQ(current->deliveries.size(), 1u);
  EXPECT_EQ(current->deliveries[0].version, 2);
  EXPECT_TRUE(current->persons.empty());
}

// While a new version is committed, a reader loading the current deliveries sees the
// old version whole or the new one whole, never a mixture or a part.
TEST_F(PostgresStoreTest, ReadersNeverSeeHalfAnImport) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  auto [zip1, sha1] = Archive(tmp_, 200, 12);
  auto [zip2, sha2] = Archive(tmp_, 200, 13);
  ASSERT_TRUE(WriteSample(*s, Key("GM0363"), 300, zip1, sha1).ok());
  std::atomic<bool> done{false};
  std::atomic<int> loads{0};
  std::vector<std::string> problems;
  std::thread reader([&] {
    auto r = OpenStore(url_);
    while (!done) {
      auto ds = (*r)->LoadDataset(CurrentOnly());
      if (!ds.ok()) {
        problems.push_back(ds.status().message());
        return;
      }
      ++loads;
      const auto n = ds->persons.size();
      const bool whole_old = ds->deliveries.size() == 1 && ds->deliveries[0].version == 1 && n == 300;
      const bool whole_new = ds->deliveries.size() == 1 && ds->deliveries[0].version == 2 && n == 3000 &&
                             ds->service_episodes.size() == 3000;
      if (!whole_old && !whole_new) {
        problems.push_back("saw " + std::to_string(ds->deliveries.size()) + " deliveries, " + std::to_string(n) +
                           " persons");
      }
    }
  });
  while (loads == 0) std::this_thread::sleep_for(1ms);
  auto d2 = WriteSample(*s, Key("GM0363"), 3000, zip2, sha2);
  const int at_commit = loads;
  while (loads < at_commit + 2) std::this_thread::sleep_for(1ms);  // a few loads after the commit
  done = true;
  reader.join();
  ASSERT_TRUE(d2.ok()) << d2.status().message();
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

}  // namespace
}  // namespace onderdak::store
