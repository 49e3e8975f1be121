// Data-driven golden tests: every tests/indicators/golden/*.txt is a small delivery, a
// request and the figures a person computed by hand from the definitions in
// docs/indicators.md (format: golden/README.md).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "golden.h"
#include "onderdak/indicators/engine.h"

namespace onderdak::indicators {
namespace {

std::string Describe(const Figure& f) {
  std::string s = f.indicator + " " + f.measure + " " + f.region + " " + f.breakdown + " = " + FormatValue(f.value);
  if (f.numerator) s += " " + std::to_string(*f.numerator);
  if (f.denominator) s += " " + std::to_string(*f.denominator);
  return s;
}

class GoldenTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(GoldenTest, FiguresMatchTheHandComputedOnes) {
  auto c = golden::LoadCase(GetParam());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_FALSE(c->expect.empty()) << "a golden case must expect something";
  c->request.drill_down = true;
  auto figures = Compute(c->data, c->request);
  ASSERT_TRUE(figures.ok()) << figures.status().ToString();
  if (c->disclosure) ApplyDisclosureControl(*figures, DisclosureOptions{});
  for (const auto& e : c->expect) {
    const Figure* found = nullptr;
    for (const auto& f : *figures) {
      if (f.indicator == e.indicator && f.measure == e.measure && f.region == e.region && f.breakdown == e.breakdown) {
        EXPECT_EQ(found, nullptr) << c->name << ":" << e.line << ": two figures match";
        found = &f;
      }
    }
    const std::string where = c->name + ":" + std::to_string(e.line) + ": " + e.indicator + " " + e.measure + " " +
                              e.region + " " + e.breakdown;
    if (e.absent) {
      EXPECT_EQ(found, nullptr) << where << ": expected no figure, got " << Describe(*found);
      continue;
    }
    if (found == nullptr) {
      std::string have;
      for (const auto& f : *figures) {
        if (f.indicator == e.indicator) have += "\n  " + Describe(f);
      }
      ADD_FAILURE() << where << ": no such figure; figures of " << e.indicator << ":" << have;
      continue;
    }
    EXPECT_EQ(found->suppressed, e.suppressed) << where << ": " << Describe(*found);
    if (e.suppressed) continue;
    EXPECT_NEAR(found->value, e.value, 1e-9) << where;
    if (e.numerator) {
      EXPECT_EQ(found->numerator, e.numerator) << where;
    }
    if (e.denominator) {
      EXPECT_EQ(found->denominator, e.denominator) << where;
    }
    if (e.carried_from) {
      EXPECT_EQ(found->carried_from, *e.carried_from) << where;
    }
    if (e.carried) {
      std::string carried;
      for (const auto& k : found->completeness.carried)
        carried += (carried.empty() ? "" : ",") + k.region + ":" + k.period;
      EXPECT_EQ(carried, *e.carried) << where;
    }
    EXPECT_EQ(found->period, c->request.period.ToString()) << where;
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(golden::CaseFiles()),
                         [](const ::testing::TestParamInfo<std::filesystem::path>& p) {
                           std::string n = p.param.stem().string();
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

TEST(GoldenCoverage, EveryIndicatorHasAtLeastThreeCases) {
  std::map<std::string, std::set<std::string>> cases;
  for (const auto& file : golden::CaseFiles()) {
    auto c = golden::LoadCase(file);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    for (const auto& e : c->expect) cases[e.indicator].insert(c->name);
  }
  for (const auto& ind : AllIndicators()) {
    EXPECT_GE(cases[std::string(ind.id)].size(), 3u) << ind.id << " has too few golden cases";
  }
}

// Point-in-time figures carry their reference date, period figures do not.
TEST(GoldenCoverage, PointInTimeFiguresAreLabelled) {
  auto c = golden::LoadCase(std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) / "tests/indicators/golden/p1_basics.txt");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto figures = Compute(c->data, c->request);
  ASSERT_TRUE(figures.ok());
  int on_date = 0, in_period = 0;
  for (const auto& f : *figures) {
    if (f.measure == "persons_on_date") {
      ++on_date;
      EXPECT_TRUE(f.reference_date.has_value());
    }
    if (f.measure == "persons_in_period") {
      ++in_period;
      EXPECT_FALSE(f.reference_date.has_value());
    }
  }
  EXPECT_GT(on_date, 0);
  EXPECT_GT(in_period, 0);
}

}  // namespace
}  // namespace onderdak::indicators
