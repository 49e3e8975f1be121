// The delivery import (ingest::ImportDelivery works on any Store) against PostgreSQL:
// a valid delivery lands, re-delivery and restore, the archive equals SQLite's, bad
// input is refused and leaves every table as it was, and a generated national sample
// loads back from PostgreSQL exactly as from SQLite.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "concurrent_imports.h"
#include "dataset_compare.h"
#include "kill_import.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"
#include "pg_test_cluster.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using onderdak::testing::ReadFile;
using onderdak::testing::TempDir;
using ::testing::HasSubstr;

using onderdak::testing::CurrentOnly;
using onderdak::testing::TestKey;
using onderdak::testing::WriteDelivery;

const std::string kEpisodesHeader =
    "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n";

class PostgresImportTest : public onderdak::testing::PgDatabaseTest {
 protected:
  void SetUp() override {
    PgDatabaseTest::SetUp();
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    auto v = ImportShippedRegions(*store_, onderdak::testing::ReferenceDir());
    ASSERT_TRUE(v.ok()) << v.status().message();
  }
  void TearDown() override {
    store_.reset();
    PgDatabaseTest::TearDown();
  }
  ImportReport Import(const std::filesystem::path& path) {
    auto r = ImportDelivery(*store_, key_, path);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : ImportReport{};
  }

  TempDir tmp_;
  std::unique_ptr<store::Store> store_;
  Pseudonymiser key_ = TestKey();
};

// Issue 19 item 3: the quality report is kept with the delivery, byte for byte as on SQLite.
TEST_F(PostgresImportTest, TheQualityReportIsKeptWithTheDeliveryAsOnSqlite) {
  auto report = Import(WriteDelivery(tmp_.path() / "d"));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  auto kept = store_->ListDeliveryQuality(std::nullopt);
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  ASSERT_EQ(kept->size(), 1u);
  auto one = store_->ListDeliveryQuality(report.delivery->id);
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(one->size(), 1u);
  EXPECT_TRUE(store_->ListDeliveryQuality(report.delivery->id + 1)->empty());
  EXPECT_EQ(kept->begin()->first, report.delivery->id);
  EXPECT_EQ(kept->begin()->second.flagged, ingest::FlaggedCount(report.quality));
  EXPECT_EQ(kept->begin()->second.checks_json, ingest::QualityChecksToJson(report.quality));
  EXPECT_FALSE(report.delivery->synthetic);
  // A synthetic delivery is stored as such, as on SQLite.
  auto made = Import(WriteDelivery(
      tmp_.path() / "made",
      {{"manifest.json", R"({"format_version": 1, "region": "GM0599", "organisation": "KVK-1", "period": "2021H1",
                             "created": "2021-07-01T00:00:00Z", "synthetic": true})"}}));
  ASSERT_TRUE(made.accepted()) << ::testing::PrintToString(made.errors);
  auto listed = store_->GetDelivery(made.delivery->id);
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  EXPECT_TRUE(listed->synthetic);
}

TEST_F(PostgresImportTest, ValidDeliveryLandsAsCurrentVersionOne) {
  auto report = Import(WriteDelivery(tmp_.path() / "d"));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  ASSERT_TRUE(report.delivery.has_value());
  EXPECT_EQ(report.delivery->version, 1);
  EXPECT_TRUE(report.delivery->current);
  EXPECT_EQ(report.delivery->region, "GM0363");
  EXPECT_EQ(report.delivery->period, "2021H1");
  EXPECT_EQ(report.delivery->sha256, report.sha256);
  EXPECT_EQ(report.rows.at("persons"), 2);

  auto ds = store_->LoadDataset(CurrentOnly());
  ASSERT_TRUE(ds.ok()) << ds.status().message();
  ASSERT_EQ(ds->persons.size(), 2u);
  EXPECT_EQ(ds->persons[0].pseudonym, *key_.FromBsn("111222333"));
  EXPECT_EQ(ds->persons[1].pseudonym, *key_.FromLinkageKey("JP", *core::Date::Parse("1985-02-03"), "V"));
  EXPECT_EQ(ds->persons[0].birth_year, 1990);
  EXPECT_EQ(ds->persons[0].birth_month, 4);
  ASSERT_EQ(ds->service_episodes.size(), 2u);
  EXPECT_EQ(ds->service_episodes[1].person, 1);
  EXPECT_EQ(ds->service_episodes[0].exit_destination, "zelfstandige_woning");
  EXPECT_FALSE(ds->service_episodes[1].end.has_value());
  EXPECT_EQ(ds->living_situations.at(0).ethos, 1);
  EXPECT_THAT(ds->deliveries.at(0).files, ::testing::ElementsAre("persons", "living_situations", "service_episodes"));
}

TEST_F(PostgresImportTest, RedeliveryIsANewVersionAndItsArchiveMatchesSqlite) {
  auto v1 = Import(WriteDelivery(tmp_.path() / "v1"));
  ASSERT_TRUE(v1.accepted());
  auto dir = WriteDelivery(tmp_.path() / "v2", {{"service_episodes.csv", ""}});
  const auto zip = tmp_.path() / "delivery.zip";
  ASSERT_TRUE(ZipFolder(dir, {"manifest.json", "persons.csv", "living_situations.csv"}, zip).ok());
  auto v2 = Import(zip);
  ASSERT_TRUE(v2.accepted()) << ::testing::PrintToString(v2.errors);
  EXPECT_EQ(v2.delivery->version, 2);
  EXPECT_EQ(v2.sha256, *Sha256File(zip));
  // The archive is whatever the importer archived (the delivery with persons.csv
  // pseudonymised): the same bytes as the SQLite backend keeps for the same import.
  auto lite = std::move(*store::OpenStore("sqlite::memory:"));
  ASSERT_TRUE(ImportShippedRegions(*lite, onderdak::testing::ReferenceDir()).ok());
  auto on_sqlite = ImportDelivery(*lite, key_, zip);
  ASSERT_TRUE(on_sqlite.ok() && on_sqlite->accepted());
  std::ostringstream out, expected;
  ASSERT_TRUE(store_->ExportArchive(v2.delivery->id, out).ok());
  ASSERT_TRUE(lite->ExportArchive(on_sqlite->delivery->id, expected).ok());
  EXPECT_GT(out.str().size(), 100u);
  EXPECT_TRUE(out.str() == expected.str()) << "the PostgreSQL archive differs from SQLite's";
  EXPECT_EQ(out.str().find("111222333"), std::string::npos) << "a BSN is in the archive";
  EXPECT_TRUE(store_->LoadDataset(CurrentOnly())->service_episodes.empty());
  ASSERT_TRUE(store_->RestoreDelivery(v1.delivery->id, std::nullopt).ok());
  EXPECT_EQ(store_->LoadDataset(CurrentOnly())->service_episodes.size(), 2u);
}

TEST_F(PostgresImportTest, AnIdenticalRedeliveryAddsNoVersion) {
  auto a = Import(WriteDelivery(tmp_.path() / "a"));
  auto b = Import(WriteDelivery(tmp_.path() / "b"));
  ASSERT_TRUE(a.accepted() && b.accepted());
  EXPECT_TRUE(b.unchanged);
  EXPECT_EQ(b.delivery->id, a.delivery->id);
  EXPECT_EQ(store_->ListDeliveries({})->size(), 1u);
}

TEST_F(PostgresImportTest, ConcurrentImportsOfOneNewDeliveryGiveOneVersion) {
  onderdak::testing::ExpectConcurrentImportsGiveOneVersion([&] { return Open(); }, key_,
                                                           WriteDelivery(tmp_.path() / "d"), *store_);
}

struct BadCase {
  std::string name;
  std::map<std::string, std::string> changes;
  std::string expected;
};
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class PostgresImportBadInputTest : public PostgresImportTest, public ::testing::WithParamInterface<BadCase> {};

TEST_P(PostgresImportBadInputTest, IsRefusedAndChangesNothing) {
  ASSERT_TRUE(Import(WriteDelivery(tmp_.path() / "good")).accepted());
  const auto before = TableCounts();
  auto report = Import(WriteDelivery(tmp_.path() / "bad", GetParam().changes));
  EXPECT_FALSE(report.accepted());
  EXPECT_FALSE(report.delivery.has_value());
  EXPECT_THAT(report.errors, ::testing::Contains(HasSubstr(GetParam().expected)))
      << ::testing::PrintToString(report.errors);
  EXPECT_EQ(TableCounts(), before);
  EXPECT_EQ(store_->ListDeliveries({})->size(), 1u);
  // The key's lock was released with the rollback: the next (changed) delivery lands.
  auto again = Import(WriteDelivery(tmp_.path() / "good2", {{"living_situations.csv", ""}}));
  ASSERT_TRUE(again.accepted()) << ::testing::PrintToString(again.errors);
  EXPECT_EQ(again.delivery->version, 2);
}

// The real import killed with SIGKILL halfway through (persons sent with COPY, episodes
// half read): no trace, nothing committed lost, the key free again at once. The same
// test runs on SQLite (sqlite_kill_test.cc).
TEST_F(PostgresImportTest, ImportKilledHalfwayLeavesNoTraceAndLosesNothing) {
  auto first = Import(WriteDelivery(tmp_.path() / "small"));
  ASSERT_TRUE(first.accepted());
  const auto before = TableCounts();
  const auto large = onderdak::testing::WriteLargeDelivery(tmp_.path() / "large", 100000);
  std::int64_t open_imports = 0;
  auto killed = onderdak::testing::KillImportHalfway(url_, large, [&] {
    // The importer's transaction is open (idle between COPY batches, or in one).
    auto conn = Connect();
    auto live = conn.Query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
        "pid <> pg_backend_pid() AND xact_start IS NOT NULL");
    if (live.ok() && live->rows() > 0) open_imports = live->Int(0, 0);
  });
  ASSERT_TRUE(killed.reached_middle) << "the importer did not get halfway (wait status " << killed.wait_status << ")";
  ASSERT_TRUE(killed.killed) << "wait status " << killed.wait_status;
  EXPECT_EQ(open_imports, 1) << "no open import transaction was seen at the moment of the kill";
  // The server notices the closed connection and rolls the transaction back.
  auto conn = Connect();
  for (int i = 0; i < 200; ++i) {
    auto locks = conn.Query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
    if (locks.ok() && locks->Int(0, 0) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(TableCounts(), before);
  auto again = Import(large);
  ASSERT_TRUE(again.accepted()) << ::testing::PrintToString(again.errors);
  EXPECT_EQ(again.delivery->version, 2);
  EXPECT_EQ(store_->LoadDataset(CurrentOnly())->persons.size(), 100000u);
}

INSTANTIATE_TEST_SUITE_P(
    BadInputs, PostgresImportBadInputTest,
    ::testing::Values(
        // Found after the persons were written: the rows are rolled back.
        BadCase{"DanglingReference",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-9,nachtopvang,,GM0363,2021-01-10,,\n"}},
                "service_episodes.csv:2: person_id: 'P-9': no row with this record_id in persons.csv"},
        BadCase{"UnknownCode",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,hotel,,GM0363,2021-01-10,,\n"}},
                "service_episodes.csv:2: service_type: 'hotel': not a code of list service_type"},
        BadCase{"MissingManifest", {{"manifest.json", ""}}, "manifest.json is missing"}));

// A generated national sample imported into both backends loads back identically and
// gives identical indicator figures: the whole catalogue, every breakdown, with the
// records behind each figure, for each half-year and the year.
TEST_F(PostgresImportTest, GeneratedSampleGivesIdenticalDataAndFiguresOnBothBackends) {
  auto lite = std::move(*store::OpenStore("sqlite::memory:"));
  ASSERT_TRUE(ImportShippedRegions(*lite, onderdak::testing::ReferenceDir()).ok());
  auto reference = store_->LoadReferenceSet(1);
  ASSERT_TRUE(reference.ok()) << reference.status().message();
  synth::GenerateOptions options;
  options.persons = 600;
  options.from_year = 2021;
  options.to_year = 2021;
  const auto out = tmp_.path() / "gen";
  ASSERT_TRUE(synth::Generate(options, *reference, out).ok());
  std::vector<std::filesystem::path> dirs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (entry.path().filename() == "manifest.json") dirs.push_back(entry.path().parent_path());
  }
  std::sort(dirs.begin(), dirs.end());
  ASSERT_GT(dirs.size(), 10u);
  for (const auto& dir : dirs) {
    auto a = Import(dir);
    EXPECT_TRUE(a.accepted()) << dir << ": " << ::testing::PrintToString(a.errors);
    auto b = ImportDelivery(*lite, key_, dir);
    ASSERT_TRUE(b.ok()) << b.status().message();
    EXPECT_TRUE(b->accepted());
  }
  auto xp = store_->LoadDataset(CurrentOnly());
  auto xl = lite->LoadDataset(CurrentOnly());
  ASSERT_TRUE(xp.ok()) << xp.status().message();
  ASSERT_TRUE(xl.ok()) << xl.status().message();
  EXPECT_GT(xp->persons.size(), 100u);
  onderdak::testing::ExpectSameDataset(*xp, *xl);

  auto pp = indicators::Prepare(*xp);
  auto pl = indicators::Prepare(*xl);
  ASSERT_TRUE(pp.ok() && pl.ok());
  std::vector<indicators::Request> requests;
  for (const auto& period :
       {core::Period::HalfYear(2021, 1), core::Period::HalfYear(2021, 2), core::Period::Year(2021)}) {
    indicators::Request r;
    r.period = period;
    r.breakdowns = {"age", "gender", "nationality", "household", "ethos", "need", "municipality"};
    r.drill_down = true;
    requests.push_back(r);
  }
  auto on_pg = indicators::ComputeMany(*pp, requests);
  auto on_lite = indicators::ComputeMany(*pl, requests);
  ASSERT_EQ(on_pg.size(), requests.size());
  ASSERT_EQ(on_lite.size(), requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    SCOPED_TRACE(requests[i].period.ToString());
    ASSERT_TRUE(on_pg[i].ok()) << on_pg[i].status().message();
    ASSERT_TRUE(on_lite[i].ok()) << on_lite[i].status().message();
    const auto& a = *on_pg[i];
    const auto& b = *on_lite[i];
    // Enough figures that a backend difference in any family would show.
    EXPECT_GT(a.size(), 1000u);
    std::set<std::string> families;
    for (const auto& f : a) families.insert(f.indicator);
    EXPECT_GE(families.size(), 19u) << "not every indicator produced figures";
    EXPECT_EQ(indicators::RenderCsv(a), indicators::RenderCsv(b));
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t j = 0; j < a.size(); ++j) {
      ASSERT_EQ(a[j].records, b[j].records) << a[j].indicator << " " << a[j].measure << " " << a[j].region << " "
                                            << a[j].breakdown << ": different records behind the figure";
    }
  }
}

}  // namespace
}  // namespace onderdak::ingest
