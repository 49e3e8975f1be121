// The target status rule (indicators/targets.h) around baselines and deadlines.
#include "onderdak/indicators/targets.h"

#include <gtest/gtest.h>

#include <vector>

namespace onderdak::indicators {
namespace {

core::Date D(int y, int m, int d) { return *core::Date::FromYmd(y, m, d); }

// 10,000 extra places from 0 on 2020-06-03 to 2021-12-31 (seed 004, seed 000).
domain::Target Places() {
  return domain::Target{.id = "a2",
                        .indicator = "A2",
                        .measure = "places_realised",
                        .scope = "NL",
                        .comparison = domain::Comparison::kAtLeast,
                        .value = 10000,
                        .unit = "places",
                        .baseline_date = D(2020, 6, 3),
                        .baseline_value = 0,
                        .deadline = D(2021, 12, 31)};
}

// At most 0 % of stays over 3 months, no baseline.
domain::Target NoLongStays() {
  return domain::Target{.id = "p5",
                        .indicator = "P5",
                        .measure = "ended.over_90_days_share",
                        .scope = "NL",
                        .comparison = domain::Comparison::kAtMost,
                        .value = 0,
                        .unit = "share",
                        .deadline = D(2030, 12, 31)};
}

TEST(TargetStatusTest, ReachedOnTheDayBeforeOnAndAfterTheDeadline) {
  const auto t = Places();
  EXPECT_EQ(EvaluateTarget(t, 10000, D(2021, 12, 30)), TargetStatus::kReached);
  EXPECT_EQ(EvaluateTarget(t, 10000, D(2021, 12, 31)), TargetStatus::kReached);
  // Reached after the deadline: still reached (the deadline is shown beside it).
  EXPECT_EQ(EvaluateTarget(t, 10001, D(2022, 1, 1)), TargetStatus::kReached);
}

TEST(TargetStatusTest, NotReachedTurnsExpiredTheDayAfterTheDeadline) {
  const auto t = Places();
  // On the deadline the line is at the target: short of it is behind, not yet expired.
  EXPECT_EQ(EvaluateTarget(t, 9999, D(2021, 12, 31)), TargetStatus::kBehind);
  EXPECT_EQ(EvaluateTarget(t, 9999, D(2022, 1, 1)), TargetStatus::kExpired);
  EXPECT_EQ(EvaluateTarget(t, 0, D(2030, 1, 1)), TargetStatus::kExpired);
}

TEST(TargetStatusTest, OnCourseIsAtOrAboveTheStraightLine) {
  const auto t = Places();
  const core::Date mid = D(2020, 6, 3).AddDays((D(2021, 12, 31) - D(2020, 6, 3)) / 2);
  const double line = *PathValue(t, mid);
  EXPECT_NEAR(line, 5000, 10);
  EXPECT_EQ(EvaluateTarget(t, line, mid), TargetStatus::kOnCourse);
  EXPECT_EQ(EvaluateTarget(t, line - 1, mid), TargetStatus::kBehind);
  // On the baseline date the line is the baseline value.
  EXPECT_EQ(*PathValue(t, D(2020, 6, 3)), 0);
  EXPECT_EQ(EvaluateTarget(t, 0, D(2020, 6, 3)), TargetStatus::kOnCourse);
  // Before the baseline the target does not apply yet.
  EXPECT_EQ(EvaluateTarget(t, 0, D(2020, 6, 2)), TargetStatus::kBeforeStart);
}

TEST(TargetStatusTest, AtMostTargetsWithoutBaseline) {
  const auto t = NoLongStays();
  EXPECT_FALSE(PathValue(t, D(2025, 1, 1)).has_value());
  EXPECT_EQ(EvaluateTarget(t, 0.0, D(2025, 1, 1)), TargetStatus::kReached);
  EXPECT_EQ(EvaluateTarget(t, 0.12, D(2025, 1, 1)), TargetStatus::kBehind);
  EXPECT_EQ(EvaluateTarget(t, 0.12, D(2030, 12, 31)), TargetStatus::kBehind);
  EXPECT_EQ(EvaluateTarget(t, 0.12, D(2031, 1, 1)), TargetStatus::kExpired);
}

TEST(TargetStatusTest, AtMostWithBaselineFollowsADescendingLine) {
  auto t = NoLongStays();
  t.baseline_date = D(2020, 1, 1);
  t.baseline_value = 0.4;
  t.deadline = D(2022, 1, 1);
  // Half way (2021-01-01, 366 of 731 days) the line is about 0.2.
  EXPECT_EQ(EvaluateTarget(t, 0.19, D(2021, 1, 1)), TargetStatus::kOnCourse);
  EXPECT_EQ(EvaluateTarget(t, 0.25, D(2021, 1, 1)), TargetStatus::kBehind);
}

TEST(TargetStatusTest, TargetInForcePrefersTheNextDeadlineThenTheLatestPassed) {
  std::vector<domain::Target> ts = {Places(), Places(), NoLongStays()};
  ts[1].id = "a2-later";
  ts[1].baseline_date = D(2023, 1, 1);
  ts[1].deadline = D(2030, 12, 31);
  EXPECT_EQ(TargetInForce(ts, "A2", "places_realised", "total", "NL", D(2021, 6, 30))->id, "a2");
  EXPECT_EQ(TargetInForce(ts, "A2", "places_realised", "total", "NL", D(2022, 6, 30))->id,
            "a2");  // passed, the only one
  EXPECT_EQ(TargetInForce(ts, "A2", "places_realised", "total", "NL", D(2023, 6, 30))->id, "a2-later");
  EXPECT_EQ(TargetInForce(ts, "A2", "places_realised", "total", "GM0363", D(2021, 6, 30)), nullptr);
  EXPECT_EQ(TargetInForce(ts, "P5", "ended.over_90_days_share", "total", "NL", D(2040, 1, 1))->id, "p5");
}

}  // namespace
}  // namespace onderdak::indicators
