// The national combination (stats::SumWithPooledRatio, ADR 0018): directly estimated strata
// plus strata with only a counted figure, scaled by the pooled ratio, with the ratio's model
// error in the variance. A case computed by hand, and the interval's coverage where the
// ratio model holds.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "onderdak/stats/stratified.h"

namespace onderdak::stats {
namespace {

constexpr double kZ95 = 1.959963984540054;

// A: 100 counted, 120 estimated (se 5); B: 300 counted, 330 (se 10); C: 50 counted, no
// estimate. By hand:
//   S = 450, m_D = 400, R = 450 / 400 = 1.125, C's share R * 50 = 56.25, total 506.25;
//   c = (400 + 50) / 400 = 1.125, estimation part c^2 (25 + 100) = 158.203125;
//   residuals 120 - 112.5 = 7.5 and 330 - 337.5 = -7.5, sigma2 = (7.5^2/100 + 7.5^2/300) / 1
//   = 0.75; ratio part 0.75 * 50 * 450 / 400 = 42.1875; variance 200.390625.
TEST(PooledRatioTest, TwoDirectStrataAndOneViaTheRatioByHand) {
  auto r = SumWithPooledRatio({{"A", 100, 120, 5}, {"B", 300, 330, 10}}, {{"C", 50}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(r->ratio, 1.125);
  EXPECT_DOUBLE_EQ(r->direct_n_hat, 450);
  EXPECT_DOUBLE_EQ(r->direct_observed, 400);
  EXPECT_DOUBLE_EQ(r->ratio_observed, 50);
  EXPECT_DOUBLE_EQ(r->ratio_n_hat, 56.25);
  EXPECT_DOUBLE_EQ(r->sigma2, 0.75);
  EXPECT_DOUBLE_EQ(r->variance_estimation, 158.203125);
  EXPECT_DOUBLE_EQ(r->variance_ratio, 42.1875);
  EXPECT_DOUBLE_EQ(r->total.n_observed, 450);
  EXPECT_DOUBLE_EQ(r->total.n_hat, 506.25);
  EXPECT_NEAR(r->total.stderr_n_hat, std::sqrt(200.390625), 1e-12);
  EXPECT_NEAR(r->total.lower, 506.25 - kZ95 * std::sqrt(200.390625), 1e-9);
  EXPECT_NEAR(r->total.upper, 506.25 + kZ95 * std::sqrt(200.390625), 1e-9);
}

// Without strata via the ratio it is the plain sum; with too few direct strata, or a bad
// counted figure, there is no ratio; the lower bound is never below what was counted.
TEST(PooledRatioTest, EdgeCases) {
  auto plain = SumWithPooledRatio({{"A", 100, 120, 5}, {"B", 300, 330, 10}}, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_DOUBLE_EQ(plain->total.n_hat, 450);
  EXPECT_DOUBLE_EQ(plain->total.stderr_n_hat, std::sqrt(125.0));
  EXPECT_DOUBLE_EQ(plain->variance_ratio, 0);
  EXPECT_DOUBLE_EQ(plain->ratio_n_hat, 0);

  auto one = SumWithPooledRatio({{"A", 100, 120, 5}}, {{"C", 50}});
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status().code(), core::Code::kInvalidInput);
  EXPECT_FALSE(SumWithPooledRatio({{"A", 100, 120, 5}, {"B", 300, 330, 10}}, {{"C", -1}}).ok());
  EXPECT_FALSE(SumWithPooledRatio({}, {{"C", 50}}).ok());

  // A wide spread of ratios and a large stratum via the ratio: the normal lower bound
  // would fall below the counted persons.
  auto wide = SumWithPooledRatio({{"A", 10, 40, 20}, {"B", 10, 11, 1}}, {{"C", 1000}});
  ASSERT_TRUE(wide.ok());
  EXPECT_LT(wide->total.n_hat - kZ95 * wide->total.stderr_n_hat, wide->total.n_observed);
  EXPECT_DOUBLE_EQ(wide->total.lower, wide->total.n_observed);
}

// Where the ratio model holds (N_s = R n_s + e_s, Var e_s = sigma2 n_s) and the direct
// estimates have their stated standard errors, the 95 % interval of the total holds the
// truth in about 95 % of 2,000 seeded draws (12 direct strata, 6 via the ratio); sigma2 is
// estimated from 11 residuals, so 92 % to 99 % is accepted.
TEST(PooledRatioTest, CoversTheTotalWhereTheRatioModelHolds) {
  std::mt19937_64 rng(20261206);
  std::normal_distribution<double> z(0.0, 1.0);
  constexpr double kRatio = 1.3, kSigma2 = 0.2;
  int covered = 0;
  constexpr int kRuns = 2000;
  for (int run = 0; run < kRuns; ++run) {
    std::vector<StratumEstimate> direct;
    std::vector<CountedStratum> counted;
    double truth = 0;
    for (int s = 0; s < 18; ++s) {
      const double n = 50.0 + 40.0 * s;
      const double true_n = kRatio * n + std::sqrt(kSigma2 * n) * z(rng);
      truth += true_n;
      if (s % 3 == 2) {
        counted.push_back({"U" + std::to_string(s), n});
      } else {
        const double se = 0.05 * true_n;
        direct.push_back({"D" + std::to_string(s), n, std::max(n, true_n + se * z(rng)), se});
      }
    }
    auto r = SumWithPooledRatio(direct, counted);
    ASSERT_TRUE(r.ok()) << r.status().message();
    if (r->total.lower <= truth && truth <= r->total.upper) ++covered;
  }
  EXPECT_GE(covered, kRuns * 92 / 100) << covered << " of " << kRuns;
  EXPECT_LE(covered, kRuns * 99 / 100) << covered << " of " << kRuns;
}

}  // namespace
}  // namespace onderdak::stats
