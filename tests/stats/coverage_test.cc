// Coverage: on populations of known size captured by independent lists, the 95 %
// profile-likelihood interval of the independence model covers the true N in most runs.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "onderdak/stats/loglinear.h"
#include "onderdak/stats/profile_interval.h"

namespace onderdak::stats {
namespace {

// Uniform in [0, 1) from the raw engine output, so the sequence does not depend on the
// standard library's distribution implementations.
double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

TEST(CoverageTest, ProfileIntervalCoversTrueN) {
  constexpr int kRuns = 200;
  constexpr int kTrueN = 600;
  const std::vector<double> capture_probability = {0.30, 0.22, 0.18};
  std::mt19937_64 rng(20240501);
  int covered = 0;
  int estimated = 0;
  for (int run = 0; run < kRuns; ++run) {
    std::vector<double> counts(8, 0.0);
    for (int person = 0; person < kTrueN; ++person) {
      unsigned history = 0;
      for (int j = 0; j < 3; ++j) {
        if (Uniform(rng) < capture_probability[j]) history |= 1u << j;
      }
      if (history != 0) counts[history] += 1;
    }
    auto table = MakeCaptureTable(3, counts);
    ASSERT_TRUE(table.ok());
    auto fit = FitModel(*table, HierarchicalModel::Independence(3));
    ASSERT_TRUE(fit.ok());
    if (!fit->ok()) continue;
    auto interval = ProfileLikelihoodInterval(*table, *fit);
    ASSERT_TRUE(interval.ok()) << interval.status().ToString();
    ++estimated;
    if (interval->lower <= kTrueN && (interval->upper_open || kTrueN <= interval->upper)) {
      ++covered;
    }
  }
  EXPECT_EQ(estimated, kRuns);
  const double coverage = static_cast<double>(covered) / kRuns;
  std::printf("coverage of the 95%% profile interval: %d/%d = %.3f\n", covered, kRuns, coverage);
  EXPECT_GE(coverage, 0.88);
}

}  // namespace
}  // namespace onderdak::stats
