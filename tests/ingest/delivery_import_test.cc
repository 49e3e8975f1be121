// The delivery import (issue 3): valid deliveries land as versions; every kind of bad
// input is refused with a message naming file, line, column, value and rule, and leaves
// the database file byte for byte as it was; BSNs never reach the database or the logs.
#include "onderdak/ingest/delivery_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "concurrent_imports.h"
#include "onderdak/ingest/digest.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"
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
const auto& kValid = onderdak::testing::kValidDelivery;

store::DeliveryFilter RegionPeriod(std::string region, std::string period) {
  store::DeliveryFilter f;
  f.region = std::move(region);
  f.period = std::move(period);
  return f;
}

class DeliveryImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = tmp_.path() / "onderdak.db";
    Open();
    ASSERT_TRUE(ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
  }
  void Open() {
    auto s = store::OpenStore("sqlite:" + db_path_.string());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
  }
  // Closing the only connection checkpoints the WAL into the file, so the file's bytes
  // are the whole database.
  std::string DatabaseBytes() {
    store_.reset();
    std::string bytes = ReadFile(db_path_);
    Open();
    return bytes;
  }
  ImportReport Import(const std::filesystem::path& path, ImportOptions options = {}) {
    auto r = ImportDelivery(*store_, key_, path, options);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : ImportReport{};
  }

  TempDir tmp_;
  std::filesystem::path db_path_;
  std::unique_ptr<store::Store> store_;
  Pseudonymiser key_ = TestKey();
};

TEST_F(DeliveryImportTest, ValidDeliveryLandsAsCurrentVersionOne) {
  auto report = Import(WriteDelivery(tmp_.path() / "d"));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  ASSERT_TRUE(report.delivery.has_value());
  EXPECT_EQ(report.delivery->version, 1);
  EXPECT_TRUE(report.delivery->current);
  EXPECT_EQ(report.delivery->region, "GM0363");
  EXPECT_EQ(report.delivery->period, "2021H1");
  EXPECT_EQ(report.rows.at("persons"), 2);
  EXPECT_EQ(report.rows.at("service_episodes"), 2);
  EXPECT_EQ(report.sha256.size(), 64u);

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

TEST_F(DeliveryImportTest, SemicolonsCrlfAndBomAreAccepted) {
  std::string persons =
      "\xEF\xBB\xBFrecord_id;bsn;initials;birth_date;birth_year_month;gender;nationality_group;"
      "household;municipality_of_origin\r\nP-1;111222333;;;1990-04;M;NL;alleenstaand;GM0363\r\n"
      "P-2;;J.P.;1985-02-03;1985-02;V;EU;paar;\r\n";
  auto report = Import(WriteDelivery(tmp_.path() / "d", {{"persons.csv", persons}}));
  EXPECT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
}

TEST_F(DeliveryImportTest, FormulaLikeTextIsStoredAsText) {
  auto report = Import(WriteDelivery(tmp_.path() / "d", {{"living_situations.csv",
                                                          "record_id,person_id,ethos,start_date,end_date,source\n"
                                                          "L-1,P-1,1,2020-12-01,,\"=HYPERLINK(\"\"x\"\")\"\n"}}));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  auto ds = store_->LoadDataset(CurrentOnly());
  EXPECT_EQ(ds->living_situations.at(0).source, "=HYPERLINK(\"x\")");
}

// A8 (issue 15): each gemeente's prevention policy lands as delivered.
TEST_F(DeliveryImportTest, PreventionPoliciesLandPerGemeente) {
  auto report = Import(WriteDelivery(tmp_.path() / "d", {{"prevention_policies.csv",
                                                          "record_id,municipality,policy_status,prevention_scan,"
                                                          "respite_facility\nPB-1,GM0363,vastgesteld,ja,onbekend\n"
                                                          "PB-2,GM0384,in_voorbereiding,nee,ja\n"}}));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  EXPECT_EQ(report.rows.at("prevention_policies"), 2);
  auto ds = store_->LoadDataset(CurrentOnly());
  ASSERT_EQ(ds->prevention_policies.size(), 2u);
  const auto& p = ds->prevention_policies[0];
  EXPECT_EQ(p.record_id, "PB-1");
  EXPECT_EQ(p.municipality, "GM0363");
  EXPECT_EQ(p.policy_status, "vastgesteld");
  EXPECT_TRUE(p.prevention_scan);
  EXPECT_EQ(p.respite_facility, "onbekend");
  EXPECT_EQ(ds->prevention_policies[1].policy_status, "in_voorbereiding");
  EXPECT_FALSE(ds->prevention_policies[1].prevention_scan);
  EXPECT_EQ(ds->prevention_policies[1].respite_facility, "ja");
}

// Issue 21: a delivery whose manifest says `synthetic` is stored and loaded as such; one
// that does not is real data.
TEST_F(DeliveryImportTest, ASyntheticDeliveryIsMarkedAndARealOneIsNot) {
  auto real = Import(WriteDelivery(tmp_.path() / "real"));
  ASSERT_TRUE(real.accepted()) << ::testing::PrintToString(real.errors);
  EXPECT_FALSE(real.delivery->synthetic);
  auto made = Import(WriteDelivery(
      tmp_.path() / "made",
      {{"manifest.json", R"({"format_version": 1, "region": "GM0599", "organisation": "KVK-1", "period": "2021H1",
                             "created": "2021-07-01T00:00:00Z", "synthetic": true})"}}));
  ASSERT_TRUE(made.accepted()) << ::testing::PrintToString(made.errors);
  EXPECT_TRUE(made.delivery->synthetic);
  store::DeliveryFilter current;
  current.current_only = true;
  auto loaded = store_->LoadDataset(current);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_EQ(loaded->deliveries.size(), 2u);
  for (const auto& d : loaded->deliveries) EXPECT_EQ(d.synthetic, d.region == "GM0599") << d.region;
}

// Issue 19 item 3: the quality report is stored with the delivery and reads back as it
// was reported; an import with --no-quality stores none.
TEST_F(DeliveryImportTest, TheQualityReportIsKeptWithTheDelivery) {
  auto report = Import(WriteDelivery(tmp_.path() / "d"));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  ASSERT_FALSE(report.quality.empty());
  auto kept = store_->ListDeliveryQuality(std::nullopt);
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  ASSERT_EQ(kept->count(report.delivery->id), 1u);
  const auto& q = kept->at(report.delivery->id);
  EXPECT_EQ(q.flagged, FlaggedCount(report.quality));
  const auto back = QualityChecksFromJson(q.checks_json);
  ASSERT_EQ(back.size(), report.quality.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].id, report.quality[i].id);
    EXPECT_EQ(back[i].file, report.quality[i].file);
    EXPECT_EQ(back[i].column, report.quality[i].column);
    EXPECT_EQ(back[i].count, report.quality[i].count);
    EXPECT_EQ(back[i].total, report.quality[i].total);
    EXPECT_EQ(back[i].flagged, report.quality[i].flagged);
    EXPECT_EQ(back[i].detail, report.quality[i].detail);
    EXPECT_EQ(back[i].lines, report.quality[i].lines);
  }
  ImportOptions none;
  none.quality_report = false;
  auto second = Import(
      WriteDelivery(tmp_.path() / "e", {{"needs.csv", "record_id,person_id,assessed_date,need_category\n"}}), none);
  ASSERT_TRUE(second.accepted()) << ::testing::PrintToString(second.errors);
  EXPECT_EQ(store_->ListDeliveryQuality(std::nullopt)->count(second.delivery->id), 0u);
  // Asked for one delivery, only that delivery's report (or none) comes back.
  EXPECT_TRUE(store_->ListDeliveryQuality(second.delivery->id)->empty());
  auto one = store_->ListDeliveryQuality(report.delivery->id);
  ASSERT_TRUE(one.ok()) << one.status().message();
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->begin()->second.checks_json, q.checks_json);
  // A stored report of a newer build's check is read without it, not refused.
  EXPECT_TRUE(QualityChecksFromJson(R"([{"id":"future_check","flagged":true}])").empty());
  EXPECT_TRUE(QualityChecksFromJson("not json").empty());
}

TEST_F(DeliveryImportTest, LongStayIsAWarningAndImported) {
  auto report = Import(WriteDelivery(tmp_.path() / "d",
                                     {{"service_episodes.csv",
                                       "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,"
                                       "exit_destination\nS-1,P-1,beschermd_wonen,,GM0363,2014-01-10,,\n"}}));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_THAT(report.warnings[0], HasSubstr("service_episodes.csv:2: a stay of"));
  EXPECT_THAT(report.warnings[0], HasSubstr("over 5 years"));
}

TEST_F(DeliveryImportTest, CheckOnlyWritesNothing) {
  const std::string before = DatabaseBytes();
  ImportOptions check;
  check.check_only = true;
  auto report = Import(WriteDelivery(tmp_.path() / "d"), check);
  EXPECT_TRUE(report.accepted());
  EXPECT_FALSE(report.delivery.has_value());
  EXPECT_EQ(DatabaseBytes(), before);
}

TEST_F(DeliveryImportTest, RedeliveryIsANewVersionAndEarlierVersionsCanBeRestored) {
  auto v1 = Import(WriteDelivery(tmp_.path() / "v1"));
  ASSERT_TRUE(v1.accepted());
  auto v2 = Import(WriteDelivery(
      tmp_.path() / "v2", {{"persons.csv",
                            "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household\n"
                            "P-1,111222333,,,1990-04,M,NL,alleenstaand\n"},
                           {"service_episodes.csv", ""},
                           {"living_situations.csv", ""}}));
  ASSERT_TRUE(v2.accepted()) << ::testing::PrintToString(v2.errors);
  EXPECT_EQ(v2.delivery->version, 2);
  EXPECT_NE(v2.sha256, v1.sha256);

  auto all = store_->ListDeliveries({});
  ASSERT_EQ(all->size(), 2u);
  EXPECT_FALSE((*all)[0].current);
  EXPECT_TRUE((*all)[1].current);
  auto current = store_->LoadDataset(CurrentOnly());
  EXPECT_EQ(current->persons.size(), 1u);
  EXPECT_TRUE(current->service_episodes.empty());
  // The earlier version stays queryable.
  auto old = store_->LoadDataset(RegionPeriod("GM0363", "2021H1"));
  EXPECT_EQ(old->persons.size(), 3u);

  auto restored =
      store_->RestoreDelivery(v1.delivery->id, store::AuditEvent{"cli:t", "delivery.restore", "", "", "cli"});
  ASSERT_TRUE(restored.ok()) << restored.status().message();
  EXPECT_TRUE(restored->current);
  EXPECT_EQ(store_->Accounts().ListAudit()->back().object, "delivery:" + std::to_string(v1.delivery->id));
  current = store_->LoadDataset(CurrentOnly());
  EXPECT_EQ(current->persons.size(), 2u);
  EXPECT_EQ(current->service_episodes.size(), 2u);
  EXPECT_EQ(store_->RestoreDelivery(v1.delivery->id, std::nullopt).status().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(store_->RestoreDelivery(999, store::AuditEvent{"cli:t", "delivery.restore", "", "", "cli"}).status().code(),
            core::Code::kNotFound);
  EXPECT_EQ(store_->Accounts().ListAudit()->size(), 1u) << "a refused restore is no change";
}

// Reads one file of an archive (a zip) back.
std::string FileInZip(const std::filesystem::path& zip, const std::string& name) {
  auto source = DeliverySource::Open(zip);
  EXPECT_TRUE(source.ok()) << source.status().message();
  if (!source.ok()) return {};
  auto in = (*source)->OpenFile(name);
  EXPECT_TRUE(in.ok()) << name;
  if (!in.ok()) return {};
  return {std::istreambuf_iterator<char>(**in), std::istreambuf_iterator<char>()};
}

TEST_F(DeliveryImportTest, ZipDeliveryIsArchivedPseudonymisedWithTheHashOfWhatWasReceived) {
  auto dir = WriteDelivery(tmp_.path() / "d");
  const auto zip = tmp_.path() / "delivery.zip";
  std::vector<std::string> names;
  for (const auto& [name, content] : kValid) names.push_back(name);
  ASSERT_TRUE(ZipFolder(dir, names, zip).ok());
  auto report = Import(zip);
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  EXPECT_EQ(report.sha256, *Sha256File(zip));  // the provider can check what arrived
  EXPECT_EQ(report.delivery->sha256, report.sha256);

  const auto exported = tmp_.path() / "exported.zip";
  {
    std::ofstream out(exported, std::ios::binary);
    ASSERT_TRUE(store_->ExportArchive(report.delivery->id, out).ok());
  }
  // Every file as delivered, except persons.csv without its identifying values.
  EXPECT_EQ(FileInZip(exported, "service_episodes.csv"), kValid.at("service_episodes.csv"));
  EXPECT_EQ(FileInZip(exported, "manifest.json"), kValid.at("manifest.json"));
  const std::string persons = FileInZip(exported, "persons.csv");
  EXPECT_EQ(persons.find("111222333"), std::string::npos);
  EXPECT_EQ(persons.find("J.P."), std::string::npos);
  EXPECT_EQ(persons.find("1985-02-03"), std::string::npos);
  EXPECT_THAT(persons, HasSubstr("household,municipality_of_origin,pseudonym\n"));
  EXPECT_THAT(persons, HasSubstr("P-1,,,,1990-04,M,NL,alleenstaand,GM0363," + *key_.FromBsn("111222333") + "\n"));
}

TEST_F(DeliveryImportTest, AnIdenticalRedeliveryAddsNoVersion) {
  auto a = Import(WriteDelivery(tmp_.path() / "a"));
  auto b = Import(WriteDelivery(tmp_.path() / "b"));  // the same files elsewhere
  ASSERT_TRUE(a.accepted() && b.accepted());
  EXPECT_EQ(a.sha256, b.sha256);
  EXPECT_FALSE(a.unchanged);
  EXPECT_TRUE(b.unchanged);
  EXPECT_EQ(b.delivery->id, a.delivery->id);
  EXPECT_EQ(store_->ListDeliveries({})->size(), 1u);
  // A changed delivery is a new version; repeating the first one again then is too.
  auto c = Import(WriteDelivery(tmp_.path() / "c", {{"living_situations.csv", ""}}));
  EXPECT_EQ(c.delivery->version, 2);
  auto d = Import(WriteDelivery(tmp_.path() / "d"));
  EXPECT_FALSE(d.unchanged);
  EXPECT_EQ(d.delivery->version, 3);
}

// An uncompressed zip shows its bytes as they are: the archive must still hold no BSN.
TEST_F(DeliveryImportTest, NoBsnInTheDatabaseEvenFromAnUncompressedZip) {
  auto dir = WriteDelivery(tmp_.path() / "d");
  const auto zip = tmp_.path() / "stored.zip";
  std::vector<std::string> names;
  for (const auto& [name, content] : kValid) names.push_back(name);
  ASSERT_TRUE(ZipFolder(dir, names, zip, /*compress=*/false).ok());
  ASSERT_NE(ReadFile(zip).find("111222333"), std::string::npos);  // the input does show it
  ASSERT_TRUE(Import(zip).accepted());
  const std::string db = DatabaseBytes();
  EXPECT_EQ(db.find("111222333"), std::string::npos);
  EXPECT_EQ(db.find("1985-02-03"), std::string::npos);
}

// --- Bad inputs: the message names the rule, and the database is unchanged.
struct BadCase {
  std::string name;
  std::map<std::string, std::string> changes;
  std::string expected;  // a substring of one of the errors
};
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

const std::string kPersonsHeader =
    "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,municipality_of_origin\n";
const std::string kEpisodesHeader =
    "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n";

const std::string kFacilitiesRows = "record_id,name,municipality,service_type\nF-1,Huis,GM0363,nachtopvang\n";
const std::string kCapacityHeader = "record_id,facility_id,valid_from,room_size,rooms,places\n";
const std::string kRequestsHeader =
    "record_id,person_id,request_date,municipality_applied_to,service_type,decision,decision_date,decision_reason,"
    "referred_to_region\n";
const std::string kProjectsHeader = "record_id,municipality,housing_kind,places,status,status_date,owner\n";
const std::string kFundingHeader = "record_id,project_id,funding_line,places_counted\n";
const std::string kPreventionHeader = "record_id,municipality,policy_status,prevention_scan,respite_facility\n";

class DeliveryImportBadInputTest : public DeliveryImportTest, public ::testing::WithParamInterface<BadCase> {};

TEST_P(DeliveryImportBadInputTest, IsRefusedWithItsRuleAndChangesNothing) {
  ASSERT_TRUE(Import(WriteDelivery(tmp_.path() / "good")).accepted());
  const std::string before = DatabaseBytes();
  auto report = Import(WriteDelivery(tmp_.path() / "bad", GetParam().changes));
  EXPECT_FALSE(report.accepted());
  EXPECT_FALSE(report.delivery.has_value());
  EXPECT_THAT(report.errors, ::testing::Contains(HasSubstr(GetParam().expected)))
      << ::testing::PrintToString(report.errors);
  for (const auto& e : report.errors) {
    EXPECT_THAT(e, ::testing::Not(HasSubstr("111222334")));
    EXPECT_THAT(e, ::testing::Not(HasSubstr("123456782")));  // a valid BSN outside the bsn column
  }
  EXPECT_EQ(DatabaseBytes(), before);
  EXPECT_EQ(store_->ListDeliveries({})->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    BadInputs, DeliveryImportBadInputTest,
    ::testing::Values(
        BadCase{"TruncatedFile",
                {{"persons.csv", kPersonsHeader + "P-1,111222333,,,1990-04,M,NL,\"alleen"}},
                "persons.csv:2"},
        BadCase{"NonUtf8",
                {{"persons.csv", kPersonsHeader + "P-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\n"
                                                  "P-\xE9,,J.P.,1985-02-03,1985-02,V,EU,paar,\n"}},
                "byte offset"},
        BadCase{
            "MissingColumn",
            {{"persons.csv", "record_id,bsn,birth_year_month,gender,nationality_group\nP-1,111222333,1990-04,M,NL\n"}},
            "persons.csv:1: required column 'household' is missing"},
        BadCase{"UnknownColumn",
                {{"persons.csv",
                  "record_id,bsn,birth_year_month,gender,nationality_group,household,geslacht\n"
                  "P-1,111222333,1990-04,M,NL,alleenstaand,M\n"}},
                "persons.csv:1: column 'geslacht' is not a column of persons.csv"},
        BadCase{"UnknownCode",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,hotel,,GM0363,2021-01-10,,\n"}},
                "service_episodes.csv:2: service_type: 'hotel': not a code of list service_type"},
        BadCase{"BadDate",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,nachtopvang,,GM0363,10-01-2021,,\n"}},
                "service_episodes.csv:2: start_date: '10-01-2021': not a date: use YYYY-MM-DD"},
        BadCase{
            "EndBeforeStart",
            {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,nachtopvang,,GM0363,2021-02-01,2021-01-01,straat\n"}},
            "service_episodes.csv:2: end_date: '2021-01-01': is before start_date 2021-02-01"},
        BadCase{"DanglingReference",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-9,nachtopvang,,GM0363,2021-01-10,,\n"}},
                "service_episodes.csv:2: person_id: 'P-9': no row with this record_id in persons.csv"},
        BadCase{"DuplicateId",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,nachtopvang,,GM0363,2021-01-10,,\n"
                                                            "S-1,P-2,nachtopvang,,GM0363,2021-01-11,,\n"}},
                "service_episodes.csv:3: record_id: 'S-1': duplicate record_id (first on line 2)"},
        BadCase{"InvalidBsnIsNotEchoed",
                {{"persons.csv", kPersonsHeader + "P-1,111222334,,,1990-04,M,NL,alleenstaand,GM0363\n"
                                                  "P-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n"}},
                "persons.csv:2: bsn: (value withheld): must be 9 digits passing the elfproef"},
        BadCase{"NoBsnAndNoLinkageKey",
                {{"persons.csv", kPersonsHeader + "P-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\n"
                                                  "P-2,,,,1985-02,V,EU,paar,\n"}},
                "persons.csv:3: without a bsn, initials and birth_date are required"},
        BadCase{"UnknownMunicipality",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,nachtopvang,,GM9999,2021-01-10,,\n"}},
                "service_episodes.csv:2: municipality: 'GM9999': not a municipality"},
        BadCase{"ExitWithoutEnd",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,nachtopvang,,GM0363,2021-01-10,2021-02-01,\n"}},
                "exit_destination: '': is required when end_date is given"},
        BadCase{"WrongFieldCount",
                {{"service_episodes.csv", kEpisodesHeader + "S-1,P-1,nachtopvang,,GM0363,2021-01-10\n"}},
                "service_episodes.csv:2: has 6 fields, the header has 8"},
        BadCase{"OversizedLine",
                {{"living_situations.csv",
                  "record_id,person_id,ethos,start_date,end_date,source\nL-1,P-1,1,"
                  "2020-12-01,," +
                      std::string(70 * 1024, 'x') + "\n"}},
                "living_situations.csv:2"},
        BadCase{"MissingManifest", {{"manifest.json", ""}}, "manifest.json is missing"},
        // A8 (issue 15): one row per gemeente of the delivering region.
        BadCase{"PreventionPolicyOfAnotherRegionsGemeente",
                {{"prevention_policies.csv", kPreventionHeader + "PB-1,GM0599,vastgesteld,ja,ja\n"}},
                "prevention_policies.csv:2: municipality: 'GM0599': is a gemeente of region GM0599, not of the "
                "delivering region GM0363"},
        BadCase{"PreventionPolicyGemeenteTwice",
                {{"prevention_policies.csv",
                  kPreventionHeader + "PB-1,GM0363,vastgesteld,ja,ja\nPB-2,GM0363,geen,nee,nee\n"}},
                "prevention_policies.csv:3: municipality: 'GM0363': is already reported on line 2"},
        BadCase{"PreventionPolicyUnknownStatus",
                {{"prevention_policies.csv", kPreventionHeader + "PB-1,GM0363,aangenomen,ja,ja\n"}},
                "prevention_policies.csv:2: policy_status: 'aangenomen': not a code of list plan_status"},
        BadCase{"PreventionPolicyRespiteMaybe",
                {{"prevention_policies.csv", kPreventionHeader + "PB-1,GM0363,vastgesteld,ja,misschien\n"}},
                "prevention_policies.csv:2: respite_facility: 'misschien': must be ja, nee or onbekend"},
        BadCase{"PreventionPolicyScanEmpty",
                {{"prevention_policies.csv", kPreventionHeader + "PB-1,GM0363,vastgesteld,,ja\n"}},
                "prevention_policies.csv:2: prevention_scan: '': a value is required"},
        BadCase{"ManifestUnknownRegion",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0001", "organisation": "KVK-1",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"}},
                "manifest.json: region: 'GM0001': not a region"},
        BadCase{"ManifestBadPeriod",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1",
                                      "period": "2021Q1", "created": "2021-07-01T00:00:00Z"})"}},
                "manifest.json: period: '2021Q1'"},
        BadCase{"ManifestWrongVersion",
                {{"manifest.json", R"({"format_version": 2, "region": "GM0363", "organisation": "KVK-1",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"}},
                "this onderdak reads format version 1"},
        BadCase{"UnknownFile", {{"notes.txt", "hello"}}, "unknown file 'notes.txt'"},
        // Issue 16: hostile manifests are refused by bounded code, naming the field.
        BadCase{"ManifestCreatedWithA40000DigitFraction",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00.)" +
                                       std::string(40000, '1') + R"(Z"})"}},
                "manifest.json: created: is 40021 bytes, at most 35"},
        BadCase{"ManifestCreatedWithATooLongFraction",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00.1234567890Z"})"}},
                "manifest.json: created: '2021-07-01T00:00:00.1234567890Z': must be an ISO 8601 timestamp"},
        BadCase{"ManifestVersionOf400Digits",
                {{"manifest.json", R"({"format_version": )" + std::string(400, '9') +
                                       R"(, "region": "GM0363", "organisation": "KVK-1",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"}},
                "manifest.json: holds a number too large to read (format_version must be 1)"},
        BadCase{"ManifestRegionAsANumber",
                {{"manifest.json", R"({"format_version": 1, "region": 363, "organisation": "KVK-1",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"}},
                "manifest.json: region: must be a string (in double quotes), not number"},
        BadCase{"ManifestEmptyOrganisation",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"}},
                "manifest.json: organisation: must not be empty"},
        BadCase{"ManifestNestedValue",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1",
                                      "period": "2021H1", "created": )" +
                                       std::string(20000, '[') + std::string(20000, ']') + "}"}},
                "manifest.json: field values must be strings or numbers, not objects or arrays"},
        BadCase{"ManifestControlCharacter",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "KVK\u00001",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"}},
                "manifest.json: organisation: holds a control character at byte 3"},
        BadCase{"ManifestLongOrganisationName",
                {{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1",
                                      "organisation_name": ")" +
                                       std::string(201, 'n') + R"(",
                                      "period": "2021H1", "created": "2021-07-01T00:00:00Z"})"}},
                "manifest.json: organisation_name: is 201 bytes, at most 200"},
        // Issue 16: control characters, over-long values and BSNs outside the bsn column.
        BadCase{"NulInRecordId",
                {{"persons.csv", kPersonsHeader + "P-" + std::string(1, '\0') +
                                     "1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\n"
                                     "P-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n"}},
                "persons.csv:2: record_id: 'P-?1': holds a control character at byte 2; remove it"},
        BadCase{"ControlCharacterInText",
                {{"living_situations.csv",
                  "record_id,person_id,ethos,start_date,end_date,source\nL-1,P-1,1,2020-12-01,,bad\x01text\n"}},
                "living_situations.csv:2: source: 'bad?text': holds a control character at byte 3 (only tabs"},
        BadCase{"BsnAsRecordId",
                {{"facilities.csv", "record_id,name,municipality,service_type\n123456782,Huis,GM0363,nachtopvang\n"}},
                "facilities.csv:2: record_id: (value withheld): holds a number that is a valid BSN"},
        BadCase{"BsnInFreeText",
                {{"living_situations.csv",
                  "record_id,person_id,ethos,start_date,end_date,source\n"
                  "L-1,P-1,1,2020-12-01,,client 123456782 moved\n"}},
                "living_situations.csv:2: source: (value withheld): holds a number that is a valid BSN"},
        BadCase{"LongRecordId",
                {{"facilities.csv",
                  "record_id,name,municipality,service_type\n" + std::string(65, 'F') + ",Huis,GM0363,nachtopvang\n"}},
                "facilities.csv:2: record_id: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF...': is 65 bytes, at most 64"},
        // Issue 23: the rules no case reached before.
        BadCase{"RoomsMoreThanPlaces",
                {{"facilities.csv", kFacilitiesRows},
                 {"capacity.csv", kCapacityHeader + "K-1,F-1,2021-01-01,slaapzaal,5,4\n"}},
                "capacity.csv:2: places: '4': must be at least rooms (5)"},
        BadCase{"CountBeyondItsRange",
                {{"facilities.csv", kFacilitiesRows},
                 {"capacity.csv", kCapacityHeader + "K-1,F-1,2021-01-01,slaapzaal,1,99999999999999999999\n"}},
                "capacity.csv:2: places: '99999999999999999999': must be a whole number from 0 to 2147483647"},
        BadCase{"CountOf19Digits",
                {{"facilities.csv", kFacilitiesRows},
                 {"capacity.csv", kCapacityHeader + "K-1,F-1,2021-01-01,slaapzaal,1,9999999999999999999\n"}},
                "capacity.csv:2: places: '9999999999999999999': must be a whole number from 0 to 2147483647"},
        BadCase{"CountJustOverInt32",
                {{"facilities.csv", kFacilitiesRows},
                 {"capacity.csv", kCapacityHeader + "K-1,F-1,2021-01-01,slaapzaal,1,2147483648\n"}},
                "capacity.csv:2: places: '2147483648': must be a whole number from 0 to 2147483647"},
        BadCase{"DecisionWithoutItsDate",
                {{"requests.csv", kRequestsHeader + "R-1,P-1,2021-02-01,GM0363,24uursopvang,toegekend,,capaciteit,\n"}},
                "requests.csv:2: decision_date: '': is required when decision is given"},
        BadCase{"DecisionDateWithoutDecision",
                {{"requests.csv", kRequestsHeader + "R-1,P-1,2021-02-01,GM0363,24uursopvang,,2021-02-10,,\n"}},
                "requests.csv:2: decision_date and decision_reason must be empty while decision is empty"},
        BadCase{"DecisionBeforeRequest",
                {{"requests.csv",
                  kRequestsHeader + "R-1,P-1,2021-02-01,GM0363,24uursopvang,afgewezen,2021-01-31,capaciteit,\n"}},
                "requests.csv:2: decision_date: '2021-01-31': is before request_date 2021-02-01"},
        BadCase{"FundingLineLargerThanItsProject",
                {{"housing_projects.csv", kProjectsHeader + "H-1,GM0363,nieuwbouw,20,gerealiseerd,2021-03-30,\n"},
                 {"funding_lines.csv", kFundingHeader + "HF-1,H-1,regionaal_plan,21\n"}},
                "funding_lines.csv:2: places_counted: '21': exceeds the project's places (20)"},
        BadCase{"BirthMonthAfterThePeriod",
                {{"persons.csv", kPersonsHeader + "P-1,111222333,,,2021-07,M,NL,alleenstaand,GM0363\n"
                                                  "P-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n"}},
                "persons.csv:2: birth_year_month: '2021-07': is after the period the delivery covers"},
        BadCase{"LongText",
                {{"facilities.csv",
                  "record_id,name,municipality,service_type\nF-1," + std::string(201, 'h') + ",GM0363,nachtopvang\n"}},
                "facilities.csv:2: name: 'hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh...': is 201 bytes, at most 200"}));

TEST_F(DeliveryImportTest, ErrorsStopAtTheLimitAndSaySo) {
  std::string episodes = kEpisodesHeader;
  for (int i = 0; i < 150; ++i) episodes += "S-" + std::to_string(i) + ",P-1,hotel,,GM0363,2021-01-10,,\n";
  auto report = Import(WriteDelivery(tmp_.path() / "d", {{"service_episodes.csv", episodes}}));
  EXPECT_EQ(report.errors.size(), 100u);
  EXPECT_TRUE(report.errors_truncated);
}

TEST_F(DeliveryImportTest, ZipBombIsRefused) {
  auto dir = WriteDelivery(tmp_.path() / "d");
  // 3 MB of one repeated row compresses far beyond 100 times.
  std::string living = "record_id,person_id,ethos,start_date,end_date,source\n";
  for (int i = 0; i < 60000; ++i) living += "L-1,P-1,1,2020-12-01,2021-01-09,xxxxxxxxxxxxxxxxxx\n";
  std::ofstream(dir / "living_situations.csv", std::ios::binary) << living;
  const auto zip = tmp_.path() / "bomb.zip";
  std::vector<std::string> names;
  for (const auto& [name, content] : kValid) names.push_back(name);
  ASSERT_TRUE(ZipFolder(dir, names, zip).ok());
  const std::string before = DatabaseBytes();
  auto report = Import(zip);
  EXPECT_FALSE(report.accepted());
  EXPECT_THAT(report.errors, ::testing::Contains(HasSubstr("a possible zip bomb")));
  EXPECT_EQ(DatabaseBytes(), before);
}

// Zip entries that name a path outside the delivery, or one file twice (the second could
// replace what the first said), are refused before anything is read. An unsafe name is
// named; a name that occurs twice libzip itself refuses when it opens the archive ("File
// already exists"), before onderdak's own check (delivery_source.cc) is reached. The
// fixtures (tests/ingest/data/zip_*.zip) were written with Python's zipfile, which, unlike
// libzip, writes such entries.
TEST_F(DeliveryImportTest, UnsafeOrDuplicateZipEntriesAreRefused) {
  ASSERT_TRUE(Import(WriteDelivery(tmp_.path() / "good")).accepted());
  const std::string before = DatabaseBytes();
  const auto data = std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) / "tests" / "ingest" / "data";
  const std::pair<const char*, const char*> cases[] = {
      {"zip_absolute.zip", "entry '/persons.csv' has an unsafe name (absolute, empty or with '..')"},
      {"zip_climbing.zip", "entry '../persons.csv' has an unsafe name (absolute, empty or with '..')"},
      {"zip_duplicate.zip", "zip_duplicate.zip: not a readable zip file: File already exists"},
      {"zip_duplicate_after_top_folder.zip",
       "zip_duplicate_after_top_folder.zip: not a readable zip file: File already exists"},
  };
  for (const auto& [file, message] : cases) {
    ASSERT_TRUE(std::filesystem::exists(data / file)) << file;
    auto report = Import(data / file);
    EXPECT_FALSE(report.accepted()) << file;
    EXPECT_THAT(report.errors, ::testing::Contains(HasSubstr(message))) << file;
  }
  EXPECT_EQ(DatabaseBytes(), before);
  EXPECT_EQ(store_->ListDeliveries({})->size(), 1u);
}

// A folder delivery holds plain files only: a symbolic link (which could point anywhere
// on the server) or a subfolder is refused, naming it, and changes nothing.
TEST_F(DeliveryImportTest, NonPlainFilesInAFolderAreRefused) {
  ASSERT_TRUE(Import(WriteDelivery(tmp_.path() / "good")).accepted());
  const std::string before = DatabaseBytes();
  auto linked = WriteDelivery(tmp_.path() / "linked", {{"persons.csv", ""}});
  std::filesystem::create_symlink(tmp_.path() / "good" / "persons.csv", linked / "persons.csv");
  auto nested = WriteDelivery(tmp_.path() / "nested");
  std::filesystem::create_directory(nested / "extra");
  for (const auto& dir : {linked, nested}) {
    auto r = ImportDelivery(*store_, key_, dir);
    const std::string message = r.ok() ? ::testing::PrintToString(r->errors) : r.status().message();
    EXPECT_FALSE(r.ok() && r->accepted()) << dir;
    EXPECT_THAT(message, HasSubstr("is not a plain file")) << dir;
    EXPECT_THAT(message, HasSubstr(dir == linked ? "'persons.csv'" : "'extra'"));
  }
  EXPECT_EQ(DatabaseBytes(), before);
  EXPECT_EQ(store_->ListDeliveries({})->size(), 1u);
}

TEST_F(DeliveryImportTest, NotAZipIsRefused) {
  const auto zip = tmp_.Write("x.zip", "not a zip");
  auto report = Import(zip);
  EXPECT_THAT(report.errors, ::testing::Contains(HasSubstr("not a readable zip file")));
}

TEST_F(DeliveryImportTest, MissingKeyFileIsAClearError) {
  auto p = Pseudonymiser::FromKeyFile(tmp_.path() / "absent.key");
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(), HasSubstr("onderdak init"));
}

// After importing a generated national sample, no BSN of the input occurs anywhere in
// the database file or in what was logged, even at debug level.
TEST_F(DeliveryImportTest, NoRawBsnInTheDatabaseOrTheLogs) {
  auto reference = store_->LoadReferenceSet(1);
  ASSERT_TRUE(reference.ok());
  synth::GenerateOptions options;
  options.persons = 600;
  options.from_year = 2021;
  options.to_year = 2021;
  const auto out = tmp_.path() / "gen";
  ASSERT_TRUE(synth::Generate(options, *reference, out).ok());

  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", sink);
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);

  std::set<std::string> bsns;
  int deliveries = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (entry.path().filename() != "manifest.json") continue;
    const auto dir = entry.path().parent_path();
    auto reader = CsvReader::Open(dir / "persons.csv");
    if (reader.ok()) {
      const int col = reader->ColumnIndex("bsn");
      std::vector<std::string_view> f;
      while (reader->Next(f)) {
        if (!f[static_cast<std::size_t>(col)].empty()) bsns.emplace(f[static_cast<std::size_t>(col)]);
      }
    }
    auto report = Import(dir);
    EXPECT_TRUE(report.accepted()) << dir << ": " << ::testing::PrintToString(report.errors);
    ++deliveries;
  }
  spdlog::set_default_logger(previous);
  ASSERT_GT(deliveries, 10);
  ASSERT_GT(bsns.size(), 100u);

  const std::string db = DatabaseBytes();
  const std::string logged = log.str();
  EXPECT_THAT(logged, HasSubstr("imported delivery"));  // the capture did see the import
  for (const auto& bsn : bsns) {
    ASSERT_EQ(db.find(bsn), std::string::npos) << "a BSN is in the database file";
    ASSERT_EQ(logged.find(bsn), std::string::npos) << "a BSN is in the log";
  }
}

// --- Issue 16: hardening.

// Sets TMPDIR for the scope of the object.
class ScopedTmpdir {
 public:
  explicit ScopedTmpdir(const std::string& value) {
    if (const char* old = std::getenv("TMPDIR")) saved_ = old;
    ::setenv("TMPDIR", value.c_str(), 1);
  }
  ~ScopedTmpdir() {
    if (saved_) {
      ::setenv("TMPDIR", saved_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }
  ScopedTmpdir(const ScopedTmpdir&) = delete;
  ScopedTmpdir& operator=(const ScopedTmpdir&) = delete;

 private:
  std::optional<std::string> saved_;
};

TEST_F(DeliveryImportTest, TabsInFreeTextAndAnOpenEndOf9999AreAccepted) {
  auto report = Import(WriteDelivery(tmp_.path() / "d", {{"living_situations.csv",
                                                          "record_id,person_id,ethos,start_date,end_date,source\n"
                                                          "L-1,P-1,1,2020-12-01,9999-12-31,veld\twerk\n"}}));
  ASSERT_TRUE(report.accepted()) << ::testing::PrintToString(report.errors);
  auto ds = store_->LoadDataset(CurrentOnly());
  ASSERT_TRUE(ds.ok());
  EXPECT_EQ(ds->living_situations.at(0).source, "veld\twerk");
  EXPECT_EQ(ds->living_situations.at(0).end->ToString(), "9999-12-31");
}

TEST_F(DeliveryImportTest, NoTemporaryFilesAreLeftBehindAcceptedOrRefused) {
  const auto tmp = tmp_.path() / "tmp";
  std::filesystem::create_directories(tmp);
  ScopedTmpdir scoped(tmp.string());
  ASSERT_TRUE(Import(WriteDelivery(tmp_.path() / "good")).accepted());
  EXPECT_FALSE(
      Import(WriteDelivery(tmp_.path() / "bad", {{"service_episodes.csv", kEpisodesHeader + "S-1,P-9,x,,,,,\n"}}))
          .accepted());
  EXPECT_TRUE(std::filesystem::is_empty(tmp)) << "a temporary file or folder stayed in " << tmp;
}

TEST_F(DeliveryImportTest, AMissingTemporaryFolderIsAClearErrorNotACrash) {
  ScopedTmpdir scoped((tmp_.path() / "no-such-folder").string());
  auto r = ImportDelivery(*store_, key_, WriteDelivery(tmp_.path() / "d"), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kIo);
  EXPECT_THAT(r.status().message(), HasSubstr("set TMPDIR to a writable folder"));
  EXPECT_TRUE(store_->ListDeliveries({})->empty());
}

// Three imports of one new delivery at once (three connections, as three processes would
// have): one version; the other two find it in force and add nothing.
TEST_F(DeliveryImportTest, ConcurrentImportsOfOneNewDeliveryGiveOneVersion) {
  onderdak::testing::ExpectConcurrentImportsGiveOneVersion(
      [&]() -> std::unique_ptr<store::Store> {
        auto s = store::OpenStore("sqlite:" + db_path_.string());
        return s.ok() ? std::move(*s) : nullptr;
      },
      key_, WriteDelivery(tmp_.path() / "d"), *store_);
}

TEST(DigestTest, HashingStopsWhenCancelled) {
  onderdak::testing::TempDir tmp;
  const auto file = tmp.Write("big.bin", std::string(1 << 20, 'x'));
  std::atomic<bool> cancel{true};
  auto r = Sha256File(file, &cancel);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("cancelled"));
  cancel = false;
  EXPECT_TRUE(Sha256File(file, &cancel).ok());
}

}  // namespace
}  // namespace onderdak::ingest
