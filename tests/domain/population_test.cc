// Inhabitants per region for a period (domain/population.h): the date chosen, the sum over
// members, and no total for a region with a member lacking a figure.
#include "onderdak/domain/population.h"

#include <gtest/gtest.h>

namespace onderdak::domain {
namespace {

Municipality M(std::string code, std::string region) {
  Municipality m;
  m.code = std::move(code);
  m.name = m.code;
  m.region_code = std::move(region);
  return m;
}

core::Date Day(const char* iso) { return *core::Date::Parse(iso); }
core::Period P(const char* text) { return *core::Period::Parse(text); }

class PopulationTest : public ::testing::Test {
 protected:
  // Amsterdam with Amstelveen; Rotterdam alone.
  ReferenceSet set_{{M("GM0363", "GM0363"), M("GM0362", "GM0363"), M("GM0599", "GM0599")}};
  std::vector<PopulationCount> counts_ = {
      {.municipality = "GM0363", .date = Day("2022-01-01"), .inhabitants = 900000},
      {.municipality = "GM0362", .date = Day("2022-01-01"), .inhabitants = 90000},
      {.municipality = "GM0599", .date = Day("2022-01-01"), .inhabitants = 650000},
      {.municipality = "GM0363", .date = Day("2023-01-01"), .inhabitants = 918117},
      {.municipality = "GM0599", .date = Day("2023-01-01"), .inhabitants = 664311},
  };
};

TEST_F(PopulationTest, NoCountsNoPopulation) { EXPECT_FALSE(PopulationForPeriod({}, set_, P("2023H1")).has_value()); }

TEST_F(PopulationTest, SumsMembersOnTheLatestDateInThePeriodOrBefore) {
  auto p = PopulationForPeriod(counts_, set_, P("2022H2"));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->date, Day("2022-01-01"));
  EXPECT_EQ(p->regions.at("GM0363"), 990000);
  EXPECT_EQ(p->regions.at("GM0599"), 650000);
  EXPECT_TRUE(p->incomplete.empty());
}

TEST_F(PopulationTest, TheDayOnThePeriodsFirstDayCountsAndAMemberWithoutAFigureLeavesNoTotal) {
  auto p = PopulationForPeriod(counts_, set_, P("2023H1"));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->date, Day("2023-01-01"));
  EXPECT_FALSE(p->regions.contains("GM0363"));  // Amstelveen has no 2023 figure
  EXPECT_EQ(p->incomplete.at("GM0363"), "GM0362");
  EXPECT_EQ(p->regions.at("GM0599"), 664311);
}

TEST_F(PopulationTest, APeriodBeforeEveryDateUsesTheEarliest) {
  auto p = PopulationForPeriod(counts_, set_, P("2021H2"));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->date, Day("2022-01-01"));
  // 2021H2 ends on 2021-12-31, the day before the first date: still the earliest.
  EXPECT_EQ(PopulationForPeriod(counts_, set_, P("2022H1"))->date, Day("2022-01-01"));
}

TEST(PopulationRateTest, Per10k) {
  EXPECT_DOUBLE_EQ(Per10k(50, 1'000'000), 0.5);
  EXPECT_DOUBLE_EQ(Per10k(3, 0), 0);
}

}  // namespace
}  // namespace onderdak::domain
