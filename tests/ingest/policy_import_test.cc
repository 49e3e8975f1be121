// Targets and reference series files (ingest/policy_import.h): the shipped files load,
// every format error names file, line, column and rule, and a bad file changes nothing.
#include "onderdak/ingest/policy_import.h"

#include <gtest/gtest.h>

#include "onderdak/indicators/registry.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/store/store.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using onderdak::testing::TempDir;

constexpr const char* kTargetHeader =
    "id,indicator,measure,scope,comparison,value,unit,baseline_date,baseline_value,deadline,source,label_nl,label_en\n";
constexpr const char* kGoodTarget =
    "a2,A2,places_realised,NL,at_least,10000,places,2020-06-03,0,2021-12-31,seed 000,Tienduizend,Ten thousand\n";
constexpr const char* kSeriesHeader = "source,series,definition,unit,region,period,date,value,low,high\n";

class PolicyImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenStore("sqlite::memory:"));
    ASSERT_TRUE(ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    regions_ = *store_->LoadReferenceSet(1);
    ctx_ = PolicyContext{.regions = &*regions_,
                         .is_indicator = [](std::string_view id) { return indicators::FindIndicator(id) != nullptr; }};
  }
  std::string TargetsError(const std::string& csv) {
    auto r = ImportTargets(*store_, dir_.Write("t.csv", csv), ctx_);
    return r.ok() ? std::string("<imported>") : r.status().message();
  }
  std::string SeriesError(const std::string& csv) {
    auto r = ImportSeries(*store_, dir_.Write("s.csv", csv), ctx_);
    return r.ok() ? std::string("<imported>") : r.status().message();
  }
  void ExpectNothingStored() {
    EXPECT_TRUE(store_->Policy().ListTargetVersions()->empty());
    EXPECT_TRUE(store_->Policy().ListSeriesVersions()->empty());
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::optional<domain::ReferenceSet> regions_;
  PolicyContext ctx_;
};

TEST_F(PolicyImportTest, ShippedTargetsLoadAndMatchTheSeeds) {
  auto v = ImportTargets(*store_, onderdak::testing::ReferenceDir() / kShippedTargetsFile, ctx_);
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->rows, 9);
  auto ts = *store_->Policy().CurrentTargets();
  ASSERT_EQ(ts.size(), 9u);
  const auto& a2 = ts[0];
  EXPECT_EQ(a2.id, "a2-extra-woonplekken-2021");
  EXPECT_EQ(a2.value, 10000);
  EXPECT_EQ(a2.deadline.ToString(), "2021-12-31");
  EXPECT_EQ(a2.baseline_date->ToString(), "2020-06-03");
  EXPECT_NE(a2.source.find("seed 000"), std::string::npos);
  EXPECT_NE(a2.note.find("overlap"), std::string::npos);
  EXPECT_EQ(ts[1].breakdown, "funding_line=regionaal_plan");
  EXPECT_EQ(ts[1].value, 4500);
  EXPECT_EQ(ts[2].value, 3000);
  EXPECT_EQ(ts[3].value, 2600);
  EXPECT_EQ(ts[6].id, "p1-nul-dakloos-2030");
  EXPECT_EQ(ts[6].comparison, domain::Comparison::kAtMost);
}

TEST_F(PolicyImportTest, ShippedSeriesLoadTwoSourcesWithout2019) {
  auto vs = ImportSeries(*store_, onderdak::testing::ReferenceDir() / kShippedSeriesFile, ctx_);
  ASSERT_TRUE(vs.ok()) << vs.status().message();
  ASSERT_EQ(vs->size(), 2u);
  EXPECT_EQ((*vs)[0].source, "CBS StatLine 80799ned");
  EXPECT_EQ((*vs)[0].rows, 15);  // 2009-2024 without 2019
  EXPECT_EQ((*vs)[1].rows, 5);   // the five largest regions, 2023
  bool saw_2018 = false;
  const auto series = store_->Policy().CurrentSeries();  // kept: the loop reads into it
  ASSERT_TRUE(series.ok()) << series.status().message();
  for (const auto& p : *series) {
    EXPECT_NE(p.date ? p.date->ToString() : "", "2019-01-01");
    if (p.date && p.date->ToString() == "2018-01-01") {
      saw_2018 = true;
      EXPECT_EQ(p.value, 39300);  // seed 003: 39.300 on 1 January 2018
    }
  }
  EXPECT_TRUE(saw_2018);
}

TEST_F(PolicyImportTest, TargetErrorsNameFileLineColumnAndRuleAndStoreNothing) {
  const std::string h = kTargetHeader;
  EXPECT_EQ(TargetsError(h + "a2,A2,places_realised,NL,at_least,10000,places,2020-13-03,0,2021-12-31,s,n,e\n"),
            "t.csv:2: baseline_date: '2020-13-03' is not a date YYYY-MM-DD");
  EXPECT_EQ(TargetsError(h + "a2,Z9,places_realised,NL,at_least,10000,places,,,2021-12-31,s,n,e\n"),
            "t.csv:2: indicator: 'Z9' is not an indicator (see docs/indicators.md)");
  EXPECT_EQ(TargetsError(h + "a2,A2,places_realised,GM9999,at_least,10000,places,,,2021-12-31,s,n,e\n"),
            "t.csv:2: scope: 'GM9999' is not NL nor a region in force (see 'onderdak regions list')");
  EXPECT_EQ(TargetsError(h + kGoodTarget + kGoodTarget), "t.csv:3: id: a2 is already listed on line 2");
  EXPECT_EQ(TargetsError(h + "a2,A2,places_realised,NL,at_least,\"10.000,5\",places,,,2021-12-31,s,n,e\n"),
            "t.csv:2: value: '10.000,5' is not a number (digits with a decimal point, e.g. 17800 or 0.25)");
  EXPECT_EQ(TargetsError("id,indicator,measure,scope,comparison,value,unit,source,label_nl,label_en\n"
                         "a2,A2,places_realised,NL,at_least,1,places,s,n,e\n"),
            "t.csv:1: column 'deadline': required column is missing");
  EXPECT_EQ(TargetsError(h + "a2,A2,places_realised,NL,exactly,1,places,,,2021-12-31,s,n,e\n"),
            "t.csv:2: comparison: 'exactly' must be at_least or at_most");
  EXPECT_EQ(TargetsError(h + "a2,A2,places_realised,NL,at_least,1,places,2020-01-01,,2021-12-31,s,n,e\n"),
            "t.csv:2: baseline_date/baseline_value: give both or neither");
  ExpectNothingStored();
}

TEST_F(PolicyImportTest, ABadTargetsFileKeepsTheVersionInForce) {
  ASSERT_EQ(TargetsError(std::string(kTargetHeader) + kGoodTarget), "<imported>");
  EXPECT_NE(TargetsError(std::string(kTargetHeader) + kGoodTarget + "b,A2,x,NL,at_least,1,places,,,bad,s,n,e\n"),
            "<imported>");
  EXPECT_EQ(store_->Policy().ListTargetVersions()->size(), 1u);
  EXPECT_EQ(store_->Policy().CurrentTargets()->size(), 1u);
}

TEST_F(PolicyImportTest, SeriesErrorsNameFileLineColumnAndRule) {
  const std::string h = kSeriesHeader;
  EXPECT_EQ(SeriesError(h + "CBS,d,def,persons,NL,,2023-02-30,30600,,\n"),
            "s.csv:2: date: '2023-02-30' is not a date YYYY-MM-DD");
  EXPECT_EQ(SeriesError(h + "CBS,d,def,persons,GM9999,2023,,30600,,\n"),
            "s.csv:2: region: 'GM9999' is not NL nor a region in force (see 'onderdak regions list')");
  EXPECT_EQ(SeriesError(h + "CBS,d,def,persons,NL,,2023-01-01,\"30,6\",,\n"),
            "s.csv:2: value: '30,6' is not a number (digits with a decimal point, e.g. 17800 or 0.25)");
  EXPECT_EQ(SeriesError(h + "CBS,d,def,persons,NL,,2023-01-01,1,,\nCBS,d,def,persons,NL,,2023-01-01,2,,\n"),
            "s.csv:3: series: the same source, series, region and period/date is already on line 2");
  EXPECT_EQ(SeriesError(h + "CBS,d,def,persons,NL,2023,2023-01-01,1,,\n"),
            "s.csv:2: period/date: give exactly one: a period for a count over a period, a date for a count on a "
            "date");
  EXPECT_EQ(SeriesError(h + "CBS,d,def,persons,NL,,2023-01-01,10,11,12\n"),
            "s.csv:2: low/high: the interval must hold the value (low <= value <= high)");
  EXPECT_EQ(SeriesError("source,series,definition,unit,region,period,value\nCBS,d,def,persons,NL,2023,1\n"),
            "s.csv:1: column 'date': required column is missing");
  ExpectNothingStored();
}

TEST_F(PolicyImportTest, AReimportReplacesOnlyItsOwnSource) {
  const std::string h = kSeriesHeader;
  ASSERT_EQ(SeriesError(h + "A,x,def,persons,NL,,2023-01-01,1,,\nB,y,def,persons,GM0363,2023,,2,1,3\n"), "<imported>");
  ASSERT_EQ(SeriesError(h + "A,x,def,persons,NL,,2024-01-01,5,,\n"), "<imported>");
  auto ps = *store_->Policy().CurrentSeries();
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].source, "A");
  EXPECT_EQ(ps[0].date->ToString(), "2024-01-01");  // A's 2023 point is replaced
  EXPECT_EQ(ps[1].source, "B");
  EXPECT_EQ(*ps[1].low, 1);
  EXPECT_EQ(store_->Policy().ListSeriesVersions()->size(), 3u);
}

}  // namespace
}  // namespace onderdak::ingest
