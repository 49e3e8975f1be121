// The data-quality report (issue 19 item 3, docs/data-quality.md): each check on both
// sides of its threshold, and the report of a real import, including the comparison with
// the organisation's previous period. Warnings only: a delivery that trips every check is
// still imported.
#include "onderdak/ingest/quality.h"

#include <gtest/gtest.h>

#include <string>

#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/regions_import.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using core::Date;

const QualityCheck* Find(const std::vector<QualityCheck>& checks, std::string_view id, std::string_view column = "") {
  for (const auto& c : checks) {
    if (c.id == id && (column.empty() || c.column == column)) return &c;
  }
  return nullptr;
}

Date D(const char* iso) { return Date::Parse(iso).value(); }
const core::Period k2021H1 = core::Period::HalfYear(2021, 1);

TEST(QualityTest, CompletenessIsFlaggedBelowHalfFromTenRowsOn) {
  QualityTracker q;
  for (int i = 0; i < 10; ++i) q.Field("persons.csv", "municipality_of_origin", i < 5);  // 50%: not below
  for (int i = 0; i < 10; ++i) q.Field("service_episodes.csv", "facility_id", i < 4);    // 40%
  for (int i = 0; i < 9; ++i) q.Field("living_situations.csv", "source", false);         // too few rows
  const auto r = q.Finish(k2021H1, "2021-07-15T00:00:00Z");
  EXPECT_FALSE(Find(r, quality::kCompleteness, "municipality_of_origin")->flagged);
  const QualityCheck* facility = Find(r, quality::kCompleteness, "facility_id");
  ASSERT_NE(facility, nullptr);
  EXPECT_TRUE(facility->flagged);
  EXPECT_EQ(facility->count, 6);
  EXPECT_EQ(facility->total, 10);
  EXPECT_EQ(facility->detail, "facility_id filled in 4 of 10 rows (40%); flagged below 50%");
  EXPECT_FALSE(Find(r, quality::kCompleteness, "source")->flagged);
}

TEST(QualityTest, PersonsWithoutBsnAndVeryOldPersons) {
  QualityTracker q;
  for (int i = 0; i < 8; ++i) q.Person(true, 40, static_cast<std::size_t>(i + 2));
  q.Person(false, 99, 10);
  q.Person(false, 100, 11);
  auto r = q.Finish(k2021H1, "2021-07-15T00:00:00Z");
  EXPECT_FALSE(Find(r, quality::kBsnShare)->flagged) << "8 of 10 have a BSN: not below 80%";
  EXPECT_EQ(Find(r, quality::kBsnShare)->count, 2);
  const QualityCheck* age = Find(r, quality::kAge);
  EXPECT_TRUE(age->flagged);
  EXPECT_EQ(age->count, 1);
  EXPECT_EQ(age->lines, std::vector<std::size_t>{11});

  QualityTracker fewer;
  for (int i = 0; i < 7; ++i) fewer.Person(true, 40, 2);
  for (int i = 0; i < 3; ++i) fewer.Person(false, -1, 3);  // age unknown: not old
  r = fewer.Finish(k2021H1, "2021-07-15T00:00:00Z");
  EXPECT_TRUE(Find(r, quality::kBsnShare)->flagged);
  EXPECT_FALSE(Find(r, quality::kAge)->flagged);
}

TEST(QualityTest, UnknownExitsAreFlaggedAboveAQuarter) {
  QualityTracker q;
  for (int i = 0; i < 12; ++i) q.Exit(i < 3 ? "onbekend" : "zelfstandige_woning", static_cast<std::size_t>(i + 2));
  auto r = q.Finish(k2021H1, "2021-07-15T00:00:00Z");
  EXPECT_FALSE(Find(r, quality::kExitUnknown)->flagged) << "3 of 12 is 25%: not above";
  q.Exit("onbekend", 20);
  r = q.Finish(k2021H1, "2021-07-15T00:00:00Z");
  EXPECT_TRUE(Find(r, quality::kExitUnknown)->flagged);
  EXPECT_EQ(Find(r, quality::kExitUnknown)->lines, (std::vector<std::size_t>{2, 3, 4, 20}));
}

TEST(QualityTest, OverlappingShelterStaysOfOnePersonNightByNight) {
  QualityTracker q;
  const std::size_t a = 2, b = 3, c = 4;  // the persons' lines in persons.csv
  // Person a: out on the 10th, in elsewhere on the 10th: no night shared.
  q.ShelterStay(a, D("2021-01-01"), D("2021-01-10"), 2);
  q.ShelterStay(a, D("2021-01-10"), D("2021-02-01"), 3);
  // Person b: a second stay starting the night before the first ends.
  q.ShelterStay(b, D("2021-01-01"), D("2021-01-10"), 4);
  q.ShelterStay(b, D("2021-01-09"), std::nullopt, 5);
  // Person c: an ongoing stay and a later one, after a short stay inside it.
  q.ShelterStay(c, D("2021-01-01"), std::nullopt, 6);
  q.ShelterStay(c, D("2021-02-01"), D("2021-02-02"), 7);
  q.ShelterStay(c, D("2021-03-01"), D("2021-03-05"), 8);
  const auto r = q.Finish(k2021H1, "2021-07-15T00:00:00Z");
  const QualityCheck* overlap = Find(r, quality::kOverlap);
  ASSERT_NE(overlap, nullptr);
  EXPECT_TRUE(overlap->flagged);
  EXPECT_EQ(overlap->count, 3);
  EXPECT_EQ(overlap->lines, (std::vector<std::size_t>{5, 7, 8}));
  EXPECT_EQ(overlap->total, 7);
}

TEST(QualityTest, LongStays) {
  QualityTracker q;
  q.Episode(false, 2);
  EXPECT_FALSE(Find(q.Finish(k2021H1, "2021-07-15T00:00:00Z"), quality::kLongStay)->flagged);
  q.Episode(true, 3);
  const auto r = q.Finish(k2021H1, "2021-07-15T00:00:00Z");
  EXPECT_TRUE(Find(r, quality::kLongStay)->flagged);
  EXPECT_EQ(Find(r, quality::kLongStay)->lines, std::vector<std::size_t>{3});
}

TEST(QualityTest, TimelinessAgainstThePeriodAndSixWeeksAfterIt) {
  QualityTracker q;
  // 2021H1 ends on 30 June; six weeks later is 11 August.
  EXPECT_FALSE(Find(q.Finish(k2021H1, "2021-08-11T23:59:00+02:00"), quality::kTimeliness)->flagged);
  const auto late = q.Finish(k2021H1, "2021-08-14T08:00:00Z");
  EXPECT_TRUE(Find(late, quality::kTimeliness)->flagged);
  EXPECT_EQ(Find(late, quality::kTimeliness)->count, 3);
  EXPECT_NE(Find(late, quality::kTimeliness)->detail.find("3 days after the deadline 2021-08-11"), std::string::npos);
  const auto early = q.Finish(k2021H1, "2021-06-30T12:00:00Z");
  EXPECT_TRUE(Find(early, quality::kTimeliness)->flagged);
  EXPECT_NE(Find(early, quality::kTimeliness)->detail.find("before the period 2021H1 ended"), std::string::npos);
  EXPECT_FALSE(Find(q.Finish(k2021H1, "2021-07-01T00:00:00Z"), quality::kTimeliness)->flagged);
}

TEST(QualityTest, ChangeAgainstThePreviousPeriod) {
  const auto previous = core::Period::HalfYear(2020, 2);
  EXPECT_FALSE(ChangeCheck(30, 20, previous).flagged) << "+50% is not beyond 50%";
  EXPECT_TRUE(ChangeCheck(31, 20, previous).flagged);
  EXPECT_TRUE(ChangeCheck(9, 20, previous).flagged);
  EXPECT_EQ(ChangeCheck(9, 20, previous).detail,
            "9 persons against 20 in 2020H2 (-55%); flagged beyond 50% up or down");
  EXPECT_FALSE(ChangeCheck(3, 10, previous).flagged) << "too few persons on both sides";
  EXPECT_FALSE(ChangeCheck(30, std::nullopt, previous).flagged);
  EXPECT_TRUE(ChangeCheck(30, 0, previous).flagged);
}

// A delivery that trips the checks is still imported, with its report; the comparison
// uses the organisation's version in force for the previous period.
TEST(QualityTest, AnImportCarriesItsReportAndComparesWithThePreviousPeriod) {
  onderdak::testing::TempDir tmp;
  auto store = store::OpenStore("sqlite:" + (tmp.path() / "o.db").string());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(ImportShippedRegions(**store, onderdak::testing::ReferenceDir()).ok());
  const Pseudonymiser key = onderdak::testing::TestKey();
  std::string persons =
      "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,municipality_of_origin\n";
  for (int i = 0; i < 30; ++i) {
    const std::string initials{static_cast<char>('A' + i % 26), static_cast<char>('A' + i / 26)};
    persons += "P-" + std::to_string(i) + ",," + initials + ",1985-02-03,1985-02,V,EU,paar,\n";
  }
  const auto previous = onderdak::testing::WriteDelivery(
      tmp.path() / "previous",
      {{"manifest.json",
        R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "period": "2020H2",
            "created": "2021-01-15T00:00:00Z"})"},
       {"persons.csv", persons},
       {"service_episodes.csv", ""},
       {"living_situations.csv", ""}});
  auto first = ImportDelivery(**store, key, previous);
  ASSERT_TRUE(first.ok() && first->accepted()) << (first.ok() ? ::testing::PrintToString(first->errors) : "");

  auto now = ImportDelivery(
      **store, key,
      onderdak::testing::WriteDelivery(
          tmp.path() / "now",
          {{"manifest.json",
            R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "period": "2021H1",
                "created": "2021-09-01T00:00:00Z"})"},
           {"persons.csv",
            "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,"
            "municipality_of_origin\n"
            "P-1,111222333,,,1920-04,M,NL,alleenstaand,GM0363\n"
            "P-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n"},
           {"service_episodes.csv",
            "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n"
            "S-1,P-1,nachtopvang,,GM0363,2021-01-10,2021-03-01,onbekend\n"
            "S-2,P-1,24uursopvang,,GM0363,2021-02-01,,\n"
            "S-3,P-2,ambulante_begeleiding,,GM0363,2021-02-01,,\n"}}));
  ASSERT_TRUE(now.ok());
  ASSERT_TRUE(now->accepted()) << ::testing::PrintToString(now->errors);
  const auto& r = now->quality;
  EXPECT_TRUE(Find(r, quality::kAge)->flagged);  // born 1920: 101 at the end of 2021H1
  EXPECT_EQ(Find(r, quality::kAge)->lines, std::vector<std::size_t>{2});
  EXPECT_EQ(Find(r, quality::kOverlap)->count, 1);  // S-2 starts inside S-1
  EXPECT_EQ(Find(r, quality::kOverlap)->lines, std::vector<std::size_t>{3});
  EXPECT_EQ(Find(r, quality::kOverlap)->total, 2);  // ambulante_begeleiding is no shelter stay
  EXPECT_EQ(Find(r, quality::kExitUnknown)->count, 1);
  EXPECT_FALSE(Find(r, quality::kExitUnknown)->flagged);  // 1 ended stay: too few to judge
  EXPECT_TRUE(Find(r, quality::kTimeliness)->flagged);    // 1 September: after 11 August
  const QualityCheck* change = Find(r, quality::kChange);
  ASSERT_NE(change, nullptr);
  EXPECT_TRUE(change->flagged);
  EXPECT_EQ(change->count, 2);
  EXPECT_EQ(change->total, 30);
  EXPECT_EQ(Find(r, quality::kCompleteness, "facility_id")->count, 3);

  // Without the report (a bulk import), nothing is computed.
  ImportOptions off;
  off.quality_report = false;
  auto quiet = ImportDelivery(**store, key, previous, off);
  ASSERT_TRUE(quiet.ok());
  EXPECT_TRUE(quiet->quality.empty());
}

}  // namespace
}  // namespace onderdak::ingest
