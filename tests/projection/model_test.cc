// The projection's model on small cases computed by hand (docs/projection.md §3).
#include "onderdak/projection/model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "onderdak/projection/projection.h"

namespace onderdak::projection {
namespace {

core::Date D(const char* s) { return *core::Date::Parse(s); }

indicators::SpellUnit Unit2020To2021() {
  indicators::SpellUnit u;
  u.code = "GM0001";
  u.regions = {"GM0001"};
  u.first = D("2020-01-01");
  u.last = D("2021-12-31");
  u.delivered = {core::Period::HalfYear(2020, 1), core::Period::HalfYear(2020, 2), core::Period::HalfYear(2021, 1),
                 core::Period::HalfYear(2021, 2)};
  return u;
}

void Add(indicators::SpellUnit& u, const char* start, const char* end, bool ongoing = false, bool housed = false) {
  u.spells.push_back({.person = u.persons,
                      .start = D(start),
                      .end = D(end),
                      .ongoing = ongoing,
                      .housed = housed,
                      .first_time = true});
  ++u.persons;
}

TEST(ProjectionModelTest, LifeTableCountsMonthEndsInStock) {
  auto u = Unit2020To2021();
  // Four start in January 2020; two are gone before the end of February (exit at 0 months
  // in stock), two before the end of March (exit at 1): hazards 2/4 and 2/2.
  Add(u, "2020-01-05", "2020-02-10");
  Add(u, "2020-01-06", "2020-02-11");
  Add(u, "2020-01-07", "2020-03-15");
  Add(u, "2020-01-08", "2020-03-16");
  // Never homeless on a month's end: not in the stock, not at risk.
  Add(u, "2020-05-02", "2020-05-20");
  const Fit f = Estimate(u, {}, nullptr);
  EXPECT_DOUBLE_EQ(f.hazard[0], 0.5);
  EXPECT_DOUBLE_EQ(f.hazard[1], 1.0);
  EXPECT_DOUBLE_EQ(f.hazard[2], 1.0);  // carried forward from the duration below
  EXPECT_DOUBLE_EQ(f.Stock0(), 0.0);
  EXPECT_EQ(f.jump_off, 2021 * 12 + 11);
}

TEST(ProjectionModelTest, SpellsFromBeforeTheDataEnterTheRiskSetLate) {
  auto u = Unit2020To2021();
  // Began in January 2019, a year before the data: at risk from 12 months in stock only.
  Add(u, "2019-01-10", "2020-03-10");
  const Fit f = Estimate(u, {}, nullptr);
  // In stock at the ends of months 12 (Jan 2020) and 13 (Feb 2020), gone by the end of March.
  EXPECT_DOUBLE_EQ(f.hazard[12], 0.0);
  EXPECT_DOUBLE_EQ(f.hazard[13], 1.0);
  EXPECT_DOUBLE_EQ(f.hazard[0], 0.0);  // the first known hazard, taken back to duration 0
}

TEST(ProjectionModelTest, AnOngoingSpellIsAtRiskOnlyUpToTheJumpOff) {
  auto u = Unit2020To2021();
  // A record may carry an end after its delivery's period: still observed only to the end of
  // 2021 (in stock at the ends of October, November and December: transitions from 0 and 1).
  Add(u, "2021-10-05", "2022-03-31", true);
  const auto p = PrepareUnit(u);
  ASSERT_EQ(p.rows.size(), 1U);
  EXPECT_EQ(p.rows[0].risk_from, 0);
  EXPECT_EQ(p.rows[0].risk_to, 2);
  EXPECT_EQ(p.rows[0].stock_age, 2);
  EXPECT_EQ(p.rows[0].event_age, -1);
}

TEST(ProjectionModelTest, WeightsCountAPersonAsManyTimes) {
  auto u = Unit2020To2021();
  Add(u, "2020-01-05", "2020-02-10");
  Add(u, "2020-01-07", "2020-03-15");
  const std::vector<double> w{3, 1};
  const Fit f = Estimate(u, w, nullptr);
  EXPECT_DOUBLE_EQ(f.hazard[0], 3.0 / 4.0);
}

TEST(ProjectionModelTest, InflowTrendOfADoublingSeries) {
  auto u = Unit2020To2021();
  int n = 10;
  for (const char* month : {"2020-02-01", "2020-08-01", "2021-02-01", "2021-08-01"}) {
    for (int i = 0; i < n; ++i) Add(u, month, "2021-12-31", true);
    n *= 2;
  }
  const Fit f = Estimate(u, {}, nullptr);
  EXPECT_NEAR(f.inflow_trend_raw, std::log(2.0), 1e-9);
  EXPECT_NEAR(f.inflow_trend, std::log(2.0), 1e-9);  // the nation: not shrunk
  EXPECT_NEAR(f.inflow_level, 80.0, 1e-6);           // fitted at the jump-off's half-year
  EXPECT_DOUBLE_EQ(f.Stock0(), 150.0);
}

TEST(ProjectionModelTest, ARegionsTrendIsShrunkTowardTheNation) {
  auto u = Unit2020To2021();
  int n = 10;
  for (const char* month : {"2020-02-01", "2020-08-01", "2021-02-01", "2021-08-01"}) {
    for (int i = 0; i < n; ++i) Add(u, month, "2021-12-31", true);
    n *= 2;
  }
  Fit prior;
  prior.inflow_trend = 0;
  const Fit f = Estimate(u, {}, &prior);
  EXPECT_GT(f.inflow_trend, 0.0);
  EXPECT_LT(f.inflow_trend, std::log(2.0));
}

Fit Simple(double hazard, double stock0, double inflow_per_half_year) {
  Fit f;
  f.jump_off = 2023 * 12 + 11;
  f.hazard.fill(hazard);
  f.stock0[0] = stock0;
  f.inflow_level = inflow_per_half_year;
  f.first_time_share = 1;
  return f;
}

TEST(ProjectionModelTest, ProjectAgesTheStockAndAddsTheInflow) {
  const Fit f = Simple(0.5, 100, 60);  // 10 a month
  const auto p = Project(f, {}, f.jump_off + 2);
  ASSERT_EQ(p.size(), 2U);
  EXPECT_DOUBLE_EQ(p[0], 50 + 10);
  EXPECT_DOUBLE_EQ(p[1], 25 + 5 + 10);
  const auto prevented = Project(f, {.prevention = 0.5}, f.jump_off + 1);
  EXPECT_DOUBLE_EQ(prevented[0], 50 + 5);
}

TEST(ProjectionModelTest, FewerReturnsLowersOnlyTheReturningInflow) {
  Fit f = Simple(1.0, 0, 60);
  f.first_time_share = 0.25;
  const auto p = Project(f, {.fewer_returns = 0.5}, f.jump_off + 1);
  EXPECT_DOUBLE_EQ(p[0], 10 * (0.25 + 0.75 * 0.5));
}

TEST(ProjectionModelTest, WonenEerstHousesAShareOfTheInflowDirectly) {
  const Fit f = Simple(1.0, 0, 60);
  std::vector<double> placed;
  const auto p = Project(f, {.wonen_eerst = 0.3}, f.jump_off + 1, &placed);
  EXPECT_DOUBLE_EQ(p[0], 7.0);
  EXPECT_DOUBLE_EQ(placed[0], 3.0);
}

TEST(ProjectionModelTest, ExtraPlacementsComeBackAtTheReturnShare) {
  Fit f = Simple(0.0, 100, 0);
  f.return_share = 0.24;
  const auto p = Project(f, {.extra_per_half_year = 60}, f.jump_off + 2);
  EXPECT_DOUBLE_EQ(p[0], 90.0);
  EXPECT_NEAR(p[1], 90 + 0.24 * 10 / 24 - 10, 1e-12);
}

TEST(ProjectionModelTest, ThePipelineIsPlacedOverFourHalfYears) {
  const Fit f = Simple(0.0, 1000, 0);
  const auto p = Project(f, {.pipeline = 240}, f.jump_off + 30);
  EXPECT_DOUBLE_EQ(p[23], 1000 - 240);  // after 4 half-years
  EXPECT_DOUBLE_EQ(p[29], 1000 - 240);  // and no more
}

TEST(ProjectionModelTest, TheStockNeverGoesBelowZero) {
  const Fit f = Simple(0.0, 10, 0);
  const auto p = Project(f, {.extra_per_half_year = 600}, f.jump_off + 3);
  EXPECT_DOUBLE_EQ(p[0], 0.0);
  EXPECT_DOUBLE_EQ(p[2], 0.0);
}

indicators::SpellUnit Stuck(int persons) {
  indicators::SpellUnit u;
  u.code = "NL";
  u.first = D("2023-07-01");
  u.last = D("2023-12-31");
  u.delivered = {core::Period::HalfYear(2023, 2)};
  // Homeless since before the data: no inflow in the window.
  for (int i = 0; i < persons; ++i) Add(u, "2022-01-01", "2023-12-31", true);
  return u;
}

TEST(ProjectionTest, PaceNeededForZeroByTheEnd) {
  // 120 persons, nobody leaves, nobody comes: zero by the end of 2024 needs 120 placements
  // in 12 months (60 per half-year, less the half person below which the stock is zero).
  ProjectionOptions o;
  o.to_year = 2024;
  o.replicates = 0;
  auto got = ProjectUnits({Stuck(120)}, o);
  ASSERT_TRUE(got.ok()) << got.status().message();
  const Pace& p = got->front().pace;
  EXPECT_DOUBLE_EQ(p.current_per_half_year, 0.0);
  EXPECT_NEAR(p.needed_zero, 59.75, 0.01);
  EXPECT_NEAR(p.needed_functional_zero, 59.75, 0.01);  // no placements: functional zero is zero
  EXPECT_FALSE(p.zero_reached.has_value());            // never at the current pace
  ASSERT_EQ(got->front().path.size(), 2U);
  EXPECT_EQ(got->front().path[1].date, D("2024-12-31"));
  EXPECT_DOUBLE_EQ(got->front().path[1].expected, 120.0);
}

TEST(ProjectionTest, TheBandIsTheSameForTheSameSeedWhateverTheThreads) {
  auto u = Unit2020To2021();
  u.code = "NL";
  for (int i = 0; i < 40; ++i) {
    Add(u, i % 2 ? "2020-03-01" : "2021-03-01", i % 3 ? "2021-12-31" : "2021-06-15", i % 3 != 0, i % 6 == 0);
  }
  ProjectionOptions o;
  o.replicates = 200;
  o.threads = 1;
  auto one = ProjectUnits({u}, o);
  o.threads = 2;
  auto two = ProjectUnits({u, u}, o);
  ASSERT_TRUE(one.ok() && two.ok());
  ASSERT_EQ(one->front().path.size(), two->front().path.size());
  for (std::size_t i = 0; i < one->front().path.size(); ++i) {
    const auto& a = one->front().path[i];
    const auto& b = two->front().path[i];
    EXPECT_EQ(a.p05, b.p05);
    EXPECT_EQ(a.p95, b.p95);
    EXPECT_LE(a.p05, a.p50);
    EXPECT_LE(a.p50, a.p95);
  }
  o.seed = 2;
  auto other = ProjectUnits({u}, o);
  ASSERT_TRUE(other.ok());
  bool differs = false;
  for (std::size_t i = 0; i < one->front().path.size(); ++i) {
    differs = differs || one->front().path[i].p95 != other->front().path[i].p95 ||
              one->front().path[i].p05 != other->front().path[i].p05;
  }
  EXPECT_TRUE(differs);
}

TEST(ProjectionTest, OptionsOutOfRangeAreRefusedByName) {
  ProjectionOptions o;
  o.scenario.prevention = 1.5;
  EXPECT_NE(Validate(o).message().find("prevention"), std::string::npos);
  o = {};
  o.replicates = -1;
  EXPECT_NE(Validate(o).message().find("replicates"), std::string::npos);
  o = {};
  o.to_year = 3000;
  EXPECT_NE(Validate(o).message().find("to"), std::string::npos);
  o = {};
  o.scenario.extra_per_half_year = std::nan("");
  EXPECT_FALSE(Validate(o).ok());
  EXPECT_FALSE(Backtest({}, 0, {}).ok());
}

TEST(ProjectionTest, CutAtOpensTheSpellsGoingOnAtTheCut) {
  auto u = Unit2020To2021();
  Add(u, "2020-02-01", "2021-03-01", false, true);
  Add(u, "2021-02-01", "2021-12-31", true);
  const auto c = CutAt(u, D("2020-12-31"));
  ASSERT_EQ(c.spells.size(), 1U);
  EXPECT_TRUE(c.spells[0].ongoing);
  EXPECT_FALSE(c.spells[0].housed);
  EXPECT_EQ(c.spells[0].end, D("2020-12-31"));
  EXPECT_EQ(c.delivered.size(), 2U);
  EXPECT_EQ(StockOn(u, D("2021-06-30")), 1);
}

}  // namespace
}  // namespace onderdak::projection
