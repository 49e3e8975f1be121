// Profile-likelihood intervals against Rcapture's (profile_CI_* of mse_named_models.csv).
#include "onderdak/stats/profile_interval.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "stats/reference_data.h"

namespace onderdak::stats {
namespace {

using testing::LoadTable;
using testing::MseDir;
using testing::Row;

constexpr double kBoundTol = 0.05;

TEST(ProfileIntervalTest, ChiSquareQuantile) { EXPECT_NEAR(ChiSquare1Quantile(0.95), 3.841458820694124, 1e-9); }

TEST(ProfileIntervalTest, NamedModelsMatchRcapture) {
  const auto rows = testing::ReadCsv(MseDir() + "/expected/mse_named_models.csv");
  std::map<std::string, CaptureTable> tables;
  int compared = 0;
  double max_diff = 0;
  for (const Row& row : rows) {
    const std::string& lower_text = row.at("profile_CI_lower");
    if (lower_text.empty() || lower_text == "NA") continue;
    const std::string& name = row.at("dataset");
    if (!tables.contains(name)) tables.emplace(name, LoadTable(name));
    const CaptureTable& table = tables.at(name);
    SCOPED_TRACE(name + " " + row.at("model_label") + " " + row.at("hier_model"));
    auto fit = FitModel(table, *HierarchicalModel::Parse(row.at("hier_model"), table.num_lists));
    ASSERT_TRUE(fit.ok() && fit->ok());
    auto interval = ProfileLikelihoodInterval(table, *fit);
    ASSERT_TRUE(interval.ok()) << interval.status().ToString();
    // The maximum is flat; Rcapture locates it to optimize()'s tolerance only.
    const double n_mult = std::stod(row.at("N_hat_multinomial"));
    EXPECT_NEAR(interval->n_hat, n_mult, std::max(kBoundTol, 1e-6 * n_mult));
    const double lower = std::stod(lower_text);
    EXPECT_NEAR(interval->lower, lower, kBoundTol);
    EXPECT_EQ(interval->lower_at_observed, lower == table.Observed());
    max_diff = std::max(max_diff, std::abs(interval->lower - lower));
    const std::string& upper_text = row.at("profile_CI_upper");
    if (upper_text.starts_with(">")) {
      EXPECT_TRUE(interval->upper_open);
      EXPECT_NEAR(interval->upper, std::stod(upper_text.substr(1)), 0.06);
    } else {
      EXPECT_FALSE(interval->upper_open);
      const double upper = std::stod(upper_text);
      EXPECT_NEAR(interval->upper, upper, kBoundTol);
      max_diff = std::max(max_diff, std::abs(interval->upper - upper));
    }
    ++compared;
  }
  EXPECT_GE(compared, 100);
  std::printf("profile intervals: %d models, max bound difference %.3g\n", compared, max_diff);
}

TEST(ProfileIntervalTest, RefusesAFitWithoutEstimate) {
  const CaptureTable korea = LoadTable("Korea");
  auto fit = FitModel(korea, *HierarchicalModel::Parse("[12,13,23]", 3));
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ(fit->verdict, Verdict::kNoMle);
  EXPECT_EQ(ProfileLikelihoodInterval(korea, *fit).status().code(), core::Code::kFailedPrecondition);
}

}  // namespace
}  // namespace onderdak::stats
