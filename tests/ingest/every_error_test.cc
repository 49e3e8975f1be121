// Every error at once (issue 19 item 2, ADR 0028): a delivery with many problems shows
// them all in one attempt, each with its file, line, column, rule and, where evident, a
// suggested value; a wrong manifest field, an unknown, repeated or missing column and a
// file that cannot be read to its end do not hide the other problems, nor produce false
// ones. Refused deliveries still change nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/regions_import.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using onderdak::testing::TempDir;
using onderdak::testing::TestKey;
using onderdak::testing::WriteDelivery;
using ::testing::HasSubstr;

class EveryErrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore("sqlite:" + (tmp_.path() / "onderdak.db").string());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
    ASSERT_TRUE(ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
  }
  ImportReport Import(const std::map<std::string, std::string>& changes) {
    auto r = ImportDelivery(*store_, key_, WriteDelivery(tmp_.path() / ("d" + std::to_string(++n_)), changes));
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok()) return {};
    // Every error has its finding, in the same order; and nothing was stored.
    EXPECT_EQ(r->findings.size(), r->errors.size());
    if (!r->accepted()) {
      EXPECT_TRUE(store_->ListDeliveries({})->empty());
    }
    return *r;
  }
  // The finding of the first error holding `text`, or a default Finding with rule "none".
  static Finding FindingOf(const ImportReport& r, std::string_view text) {
    for (std::size_t i = 0; i < r.errors.size() && i < r.findings.size(); ++i) {
      if (r.errors[i].find(text) != std::string::npos) return r.findings[i];
    }
    return {.rule = "none"};
  }
  static std::size_t Count(const ImportReport& r, std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        r.errors.begin(), r.errors.end(), [&](const std::string& e) { return e.find(text) != std::string::npos; }));
  }

  TempDir tmp_;
  std::unique_ptr<store::Store> store_;
  Pseudonymiser key_ = TestKey();
  int n_ = 0;
};

// The sloppy first delivery of issue 19: semicolons and CRLF, a manifest timestamp without
// 'T' and zone, an extra column, a Dutch date, "Man", "Nachtopvang", a municipality by
// name, a BSN failing the elfproef. Each problem is listed in this one attempt.
TEST_F(EveryErrorTest, TheSloppyDeliveryShowsEveryProblemInOneAttempt) {
  const ImportReport r = Import({
      {"manifest.json",
       R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "period": "2021H1",
           "created": "2021-07-01 06:00"})"},
      {"persons.csv",
       "record_id;bsn;initials;birth_date;birth_year_month;gender;nationality_group;household;municipality_of_origin;"
       "notitie\r\n"
       "P-1;123456789;;14-07-1992;1992-07;Man;NL;alleenstaand;Amsterdam;eerste\r\n"
       "P-2;;J.P.;1985-02-03;1985-02;V;EU;paar;;\r\n"},
      {"service_episodes.csv",
       "record_id;person_id;service_type;facility_id;municipality;start_date;end_date;exit_destination\r\n"
       "S-1;P-1;Nachtopvang;;Amsterdam;2021-01-10;;\r\n"
       "S-2;P-2;nachtopvang;;GM0363;2021-02-01;2021-01-01;zelfstandige_woning\r\n"},
      {"living_situations.csv", ""},
  });
  ASSERT_FALSE(r.accepted());
  EXPECT_FALSE(r.errors_truncated);

  const Finding created = FindingOf(r, "created: '2021-07-01 06:00'");
  EXPECT_EQ(created.file, "manifest.json");
  EXPECT_EQ(created.column, "created");
  EXPECT_EQ(created.rule, rule::kManifest);

  const Finding extra = FindingOf(r, "column 'notitie' is not a column of persons.csv");
  EXPECT_EQ(extra.file, "persons.csv");
  EXPECT_EQ(extra.line, 1u);
  EXPECT_EQ(extra.rule, rule::kUnknownColumn);

  const Finding bsn = FindingOf(r, "persons.csv:2: bsn: (value withheld): must be 9 digits");
  EXPECT_EQ(bsn.rule, rule::kBsn);
  EXPECT_EQ(bsn.column, "bsn");

  // A birth date is withheld: neither echoed nor suggested (a suggestion would echo it).
  const Finding birth = FindingOf(r, "persons.csv:2: birth_date: (value withheld): not a date");
  EXPECT_EQ(birth.rule, rule::kDate);
  EXPECT_EQ(birth.suggestion, "");
  for (const auto& e : r.errors) EXPECT_THAT(e, ::testing::Not(HasSubstr("1992-07-14")));
  for (const auto& f : r.findings) EXPECT_NE(f.suggestion, "1992-07-14");

  const Finding gender = FindingOf(r, "persons.csv:2: gender: 'Man': not a code of list gender");
  EXPECT_EQ(gender.rule, rule::kCode);
  EXPECT_EQ(gender.line, 2u);
  EXPECT_EQ(gender.suggestion, "M");

  const Finding origin = FindingOf(r, "persons.csv:2: municipality_of_origin: 'Amsterdam'");
  EXPECT_EQ(origin.rule, rule::kMunicipality);
  EXPECT_EQ(origin.suggestion, "GM0363");

  const Finding type = FindingOf(r, "service_episodes.csv:2: service_type: 'Nachtopvang'");
  EXPECT_EQ(type.rule, rule::kCode);
  EXPECT_EQ(type.suggestion, "nachtopvang");
  EXPECT_EQ(FindingOf(r, "service_episodes.csv:2: municipality: 'Amsterdam'").suggestion, "GM0363");

  const Finding order = FindingOf(r, "service_episodes.csv:3: end_date: '2021-01-01': is before start_date");
  EXPECT_EQ(order.rule, rule::kOrder);
  EXPECT_EQ(order.column, "end_date");

  // The extra column hid nothing, and produced no false error elsewhere: both persons
  // were read, so both episodes find their person.
  EXPECT_EQ(Count(r, "no row with this record_id"), 0u) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(r.errors.size(), 9u) << ::testing::PrintToString(r.errors);
}

TEST_F(EveryErrorTest, AMissingRequiredColumnIsReportedOnceNotOnEveryRow) {
  std::string persons = "record_id,bsn,birth_year_month,nationality_group,household\n";
  for (int i = 1; i <= 30; ++i) persons += "P-" + std::to_string(i) + ",111222333,1990-04,NL,alleenstaand\n";
  persons += "P-31,,1990-13,NL,alleenstaand\n";  // and a row error after it is still found
  const ImportReport r =
      Import({{"persons.csv", persons}, {"service_episodes.csv", ""}, {"living_situations.csv", ""}});
  EXPECT_EQ(Count(r, "required column 'gender' is missing"), 1u);
  EXPECT_EQ(Count(r, "gender:"), 0u) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(FindingOf(r, "required column 'gender'").rule, rule::kMissingColumn);
  EXPECT_EQ(FindingOf(r, "required column 'gender'").column, "gender");
  EXPECT_EQ(FindingOf(r, "persons.csv:32: birth_year_month: '1990-13'").rule, rule::kYearMonth);
  EXPECT_EQ(FindingOf(r, "persons.csv:32: without a bsn").rule, rule::kLinkageKey);
}

TEST_F(EveryErrorTest, RepeatedNamelessAndMisspeltColumnsAreReportedAndTheRowsStillChecked) {
  const ImportReport r = Import({
      {"persons.csv",
       "record_id,bsn,initials,birth_date,birth_year_montj,gender,nationality_group,household,municipality_of_origin,"
       "gender,\n"
       "P-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363,M,\n"
       "P-2,111222333,,,1985-02,Q,NL,alleenstaand,,V,\n"},
      {"service_episodes.csv", ""},
      {"living_situations.csv", ""},
  });
  const Finding repeated = FindingOf(r, "column 'gender' occurs twice (columns 6 and 10)");
  EXPECT_EQ(repeated.rule, rule::kDuplicateColumn);
  EXPECT_EQ(FindingOf(r, "column 11 has no name").rule, rule::kUnknownColumn);
  const Finding misspelt = FindingOf(r, "column 'birth_year_montj' is not a column");
  EXPECT_EQ(misspelt.rule, rule::kUnknownColumn);
  EXPECT_EQ(misspelt.suggestion, "birth_year_month");
  EXPECT_THAT(r.errors, ::testing::Contains(HasSubstr("did you mean 'birth_year_month'?")));
  EXPECT_EQ(Count(r, "required column 'birth_year_month' is missing"), 1u);
  // The rows are read from the first 'gender' column: row 3's Q is found, its V is not read.
  EXPECT_EQ(Count(r, "persons.csv:3: gender: 'Q'"), 1u) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(Count(r, "'V'"), 0u);
}

TEST_F(EveryErrorTest, AFileNotReadToItsEndGivesNoFalseReferenceErrors) {
  const std::string header =
      "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,municipality_of_origin\n";
  const ImportReport r = Import({
      // Line 3 opens a quote that never closes: P-3 and P-4 are never read.
      {"persons.csv", header + "P-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\n"
                               "P-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\"open\n"
                               "P-3,,K.,1985-02-03,1985-02,V,EU,paar,\n"},
      {"service_episodes.csv",
       "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n"
       "S-1,P-3,nachtopvang,,GM0363,2021-01-10,,\n"
       "S-2,P-1,nachtopvang,,GM9999,2021-01-10,,\n"},
      {"living_situations.csv", ""},
  });
  ASSERT_FALSE(r.accepted());
  EXPECT_EQ(FindingOf(r, "persons.csv:3").rule, rule::kCsv) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(FindingOf(r, "persons.csv:3").file, "persons.csv");
  EXPECT_EQ(FindingOf(r, "persons.csv:3").line, 3u);
  EXPECT_EQ(Count(r, "no row with this record_id"), 0u) << ::testing::PrintToString(r.errors);
  // The episodes file is still checked.
  EXPECT_EQ(FindingOf(r, "service_episodes.csv:3: municipality: 'GM9999'").rule, rule::kMunicipality);
}

TEST_F(EveryErrorTest, AReferenceToAnAbsentFileIsReportedOncePerColumn) {
  std::string episodes =
      "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n";
  for (int i = 1; i <= 20; ++i) episodes += "S-" + std::to_string(i) + ",P-1,nachtopvang,F-1,GM0363,2021-01-10,,\n";
  const ImportReport r =
      Import({{"persons.csv", ""}, {"service_episodes.csv", episodes}, {"living_situations.csv", ""}});
  EXPECT_EQ(Count(r, "person_id: 'P-1': refers to persons.csv, which is not in the delivery"), 1u)
      << ::testing::PrintToString(r.errors);
  EXPECT_EQ(Count(r, "facility_id: 'F-1': refers to facilities.csv, which is not in the delivery"), 1u);
  EXPECT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.findings.front().rule, rule::kReference);
}

TEST_F(EveryErrorTest, AnUnreadablePeriodStillChecksTheFilesAgainstTodaysReferenceData) {
  const ImportReport r = Import({
      {"manifest.json",
       R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "period": "2021H3",
           "created": "2021-07-01T00:00:00Z", "contact": "x"})"},
      {"service_episodes.csv",
       "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n"
       "S-1,P-1,nachtopvang,,Utrecht,2021-01-10,,\n"},
      {"living_situations.csv", ""},
  });
  EXPECT_EQ(FindingOf(r, "period: '2021H3'").column, "period");
  EXPECT_EQ(FindingOf(r, "field 'contact' is not part").rule, rule::kManifest);
  const Finding utrecht = FindingOf(r, "service_episodes.csv:2: municipality: 'Utrecht'");
  EXPECT_EQ(utrecht.rule, rule::kMunicipality);
  EXPECT_EQ(utrecht.suggestion, "GM0344");
  EXPECT_THAT(r.errors, ::testing::Contains(HasSubstr("(the manifest's period could not be read)")));
  EXPECT_EQ(r.errors.size(), 3u) << ::testing::PrintToString(r.errors);
}

TEST_F(EveryErrorTest, AnUnknownRegionStillChecksTheFilesAndSuggestsTheCode) {
  const ImportReport r = Import({
      {"manifest.json",
       R"({"format_version": 1, "region": "Amsterdam", "organisation": "KVK-1", "period": "2021H1",
           "created": "2021-07-01T00:00:00Z"})"},
      {"living_situations.csv",
       "record_id,person_id,ethos,start_date,end_date,source\nL-1,P-1,9,2020-12-01,2021-01-09,straatteam\n"},
  });
  const Finding region = FindingOf(r, "manifest.json: region: 'Amsterdam'");
  EXPECT_EQ(region.rule, rule::kRegion);
  EXPECT_EQ(region.suggestion, "GM0363");
  EXPECT_EQ(FindingOf(r, "living_situations.csv:2: ethos: '9'").rule, rule::kNumber);
}

TEST_F(EveryErrorTest, ASuggestionIsNeverABsn) {
  const ImportReport r = Import({{"living_situations.csv",
                                  "record_id,person_id,ethos,start_date,end_date,source\n"
                                  "L-1,P-1,111.222.333,2020-12-01,,x\n"
                                  "L-2,P-1,1.234,2020-12-01,,x\n"}});
  ASSERT_EQ(r.findings.size(), 2u) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(r.findings[0].rule, rule::kNumber);
  EXPECT_EQ(r.findings[0].suggestion, "");  // "111222333" passes the elfproef
  EXPECT_EQ(r.findings[1].suggestion, "1234");
}

TEST_F(EveryErrorTest, AnUnreadableManifestStillChecksTheFiles) {
  const ImportReport r = Import({{"manifest.json", "{not json"},
                                 {"living_situations.csv",
                                  "record_id,person_id,ethos,start_date,end_date,source\n"
                                  "L-1,P-1,2,2020-12-01,2020-11-09,straatteam\n"}});
  EXPECT_EQ(FindingOf(r, "manifest.json: not valid JSON").file, "manifest.json");
  EXPECT_EQ(FindingOf(r, "living_situations.csv:2: end_date").rule, rule::kOrder);
}

}  // namespace
}  // namespace onderdak::ingest
