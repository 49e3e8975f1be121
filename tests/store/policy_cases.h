// The PolicyStore behaviour (store/policy.h) that both backends must show; called by
// sqlite_policy_test.cc and postgres_policy_test.cc on a fresh, empty Store.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "onderdak/store/store.h"

namespace onderdak::testing {

inline domain::Target PolicyTestTarget(std::string id, double value) {
  return domain::Target{.id = std::move(id),
                        .indicator = "A2",
                        .measure = "lines_gross_places_realised",
                        .breakdown = "funding_line=bzk_regeling",
                        .scope = "NL",
                        .comparison = domain::Comparison::kAtLeast,
                        .value = value,
                        .unit = "places",
                        .baseline_date = *core::Date::FromYmd(2020, 6, 3),
                        .baseline_value = 0,
                        .deadline = *core::Date::FromYmd(2021, 12, 31),
                        .source = "seed 000",
                        .label_nl = "Woonplekken via de BZK-regeling, 's-Hertogenbosch",
                        .label_en = "Places via the BZK scheme",
                        .note = "overlaps"};
}

inline domain::SeriesPoint PolicyTestPoint(std::string source, int year, double value) {
  return domain::SeriesPoint{.source = std::move(source),
                             .series = "dakloos_18_65",
                             .definition = "18-65, schatting op 1 januari",
                             .unit = "persons",
                             .region = "NL",
                             .date = *core::Date::FromYmd(year, 1, 1),
                             .value = value,
                             .note = "x1000"};
}

inline void ExpectPolicyStoreBehaves(store::Store& s) {
  store::PolicyStore& p = s.Policy();
  EXPECT_TRUE(p.CurrentTargets()->empty());
  EXPECT_TRUE(p.CurrentSeries()->empty());

  // Targets: import -> list round trip, every field.
  auto no_baseline = PolicyTestTarget("p1", 0);
  no_baseline.comparison = domain::Comparison::kAtMost;
  no_baseline.baseline_date.reset();
  no_baseline.baseline_value.reset();
  no_baseline.breakdown = "total";
  auto v1 = p.AddTargets({PolicyTestTarget("a2-bzk", 2600), no_baseline}, {.file = "targets.csv", .sha256 = "ab"});
  ASSERT_TRUE(v1.ok()) << v1.status().message();
  EXPECT_EQ(v1->rows, 2);
  auto ts = p.CurrentTargets();
  ASSERT_TRUE(ts.ok()) << ts.status().message();
  ASSERT_EQ(ts->size(), 2u);
  const auto want = PolicyTestTarget("a2-bzk", 2600);
  EXPECT_EQ((*ts)[0].id, want.id);
  EXPECT_EQ((*ts)[0].breakdown, want.breakdown);
  EXPECT_EQ((*ts)[0].value, 2600);
  EXPECT_EQ((*ts)[0].baseline_date, want.baseline_date);
  EXPECT_EQ((*ts)[0].baseline_value, 0);
  EXPECT_EQ((*ts)[0].deadline, want.deadline);
  EXPECT_EQ((*ts)[0].label_nl, want.label_nl);
  EXPECT_EQ((*ts)[0].note, "overlaps");
  EXPECT_EQ((*ts)[1].comparison, domain::Comparison::kAtMost);
  EXPECT_FALSE((*ts)[1].baseline_date.has_value());
  EXPECT_FALSE((*ts)[1].baseline_value.has_value());

  // A new list is the version in force; the old one stays stored.
  ASSERT_TRUE(p.AddTargets({PolicyTestTarget("a2-bzk", 3000)}, {.file = "t2.csv", .sha256 = "cd"}).ok());
  ts = p.CurrentTargets();
  ASSERT_EQ(ts->size(), 1u);
  EXPECT_EQ((*ts)[0].value, 3000);
  auto tv = p.ListTargetVersions();
  ASSERT_EQ(tv->size(), 2u);
  EXPECT_EQ((*tv)[0].rows, 2);
  EXPECT_EQ((*tv)[1].file, "t2.csv");

  // A duplicate id breaks the version's uniqueness: nothing of it is stored.
  EXPECT_FALSE(p.AddTargets({PolicyTestTarget("x", 1), PolicyTestTarget("x", 2)}, {.file = "d.csv"}).ok());
  EXPECT_EQ(p.ListTargetVersions()->size(), 2u);
  EXPECT_EQ((*p.CurrentTargets())[0].value, 3000);

  // Series: per source; a re-import replaces only that source.
  auto low = PolicyTestPoint("CBS", 2023, 30600);
  low.low = 30000;
  low.high = 31000;
  auto regional = PolicyTestPoint("Monitor", 2023, 2700);
  regional.region = "GM0363";
  regional.date.reset();
  regional.period = "2023";
  auto vs = p.ReplaceSeries({PolicyTestPoint("CBS", 2022, 26600), low, regional}, {.file = "s.csv", .sha256 = "ef"});
  ASSERT_TRUE(vs.ok()) << vs.status().message();
  ASSERT_EQ(vs->size(), 2u);
  EXPECT_EQ((*vs)[0].source, "CBS");
  EXPECT_EQ((*vs)[0].rows, 2);
  EXPECT_EQ((*vs)[1].rows, 1);
  ASSERT_TRUE(p.ReplaceSeries({PolicyTestPoint("CBS", 2024, 33000)}, {.file = "s2.csv"}).ok());
  auto ps = p.CurrentSeries();
  ASSERT_TRUE(ps.ok()) << ps.status().message();
  ASSERT_EQ(ps->size(), 2u);
  EXPECT_EQ((*ps)[0].source, "CBS");
  EXPECT_EQ((*ps)[0].date->ToString(), "2024-01-01");
  EXPECT_EQ((*ps)[0].value, 33000);
  EXPECT_FALSE((*ps)[0].low.has_value());
  EXPECT_EQ((*ps)[1].source, "Monitor");
  EXPECT_EQ((*ps)[1].period, "2023");
  EXPECT_FALSE((*ps)[1].date.has_value());
  EXPECT_EQ(p.ListSeriesVersions()->size(), 3u);

  // Population (migration 12): one version per date; a re-import of a date replaces that
  // date's figures only; Version() moves with it; a failed import stores nothing.
  const std::string before = *p.Version();
  EXPECT_TRUE(p.CurrentPopulation()->empty());
  auto day = [](const char* iso) { return *core::Date::Parse(iso); };
  const std::vector<domain::PopulationCount> first = {
      {.municipality = "GM0363", .date = day("2023-01-01"), .inhabitants = 918117},
      {.municipality = "GM0014", .date = day("2022-01-01"), .inhabitants = 234649},
      {.municipality = "GM0014", .date = day("2023-01-01"), .inhabitants = 238147}};
  auto pv = p.AddPopulation(first, {.file = "bevolking.csv", .sha256 = "ab"});
  ASSERT_TRUE(pv.ok()) << pv.status().message();
  ASSERT_EQ(pv->size(), 2u);
  EXPECT_EQ((*pv)[0].source, "2022-01-01");  // oldest date first
  EXPECT_EQ((*pv)[0].rows, 1);
  EXPECT_EQ((*pv)[1].source, "2023-01-01");
  EXPECT_EQ((*pv)[1].rows, 2);
  EXPECT_NE(*p.Version(), before);
  ASSERT_TRUE(p.AddPopulation({{.municipality = "GM0014", .date = day("2023-01-01"), .inhabitants = 238000}},
                              {.file = "fix.csv", .sha256 = "cd"})
                  .ok());
  auto pop = p.CurrentPopulation();
  ASSERT_TRUE(pop.ok()) << pop.status().message();
  ASSERT_EQ(pop->size(), 2u);  // 2022: GM0014; 2023: only the re-import's GM0014
  EXPECT_EQ((*pop)[0].date.ToString(), "2022-01-01");
  EXPECT_EQ((*pop)[0].inhabitants, 234649);
  EXPECT_EQ((*pop)[1].municipality, "GM0014");
  EXPECT_EQ((*pop)[1].inhabitants, 238000);
  const std::vector<domain::PopulationCount> twice = {
      {.municipality = "GM0599", .date = day("2024-01-01"), .inhabitants = 1},
      {.municipality = "GM0599", .date = day("2024-01-01"), .inhabitants = 2}};
  EXPECT_FALSE(p.AddPopulation(twice, {.file = "bad.csv"}).ok());
  EXPECT_FALSE(
      p.AddPopulation({{.municipality = "0599", .date = day("2024-01-01"), .inhabitants = 1}}, {.file = "bad.csv"})
          .ok());  // the schema's own check of the code
  EXPECT_EQ(p.ListPopulationVersions()->size(), 3u);
  EXPECT_EQ(p.CurrentPopulation()->size(), 2u);
}

}  // namespace onderdak::testing
