// One-source estimators against singleRcapture and Rcapture on the Dutch illegal
// immigrants data (ill_frequencies.csv; expected/single_source_singleRcapture.csv,
// ill_closed_form_estimators.csv, ill_rcapture_closedp0.csv), and stratified sums.
#include "onderdak/stats/one_source.h"

#include <gtest/gtest.h>

#include "onderdak/stats/stratified.h"
#include "stats/reference_data.h"

namespace onderdak::stats {
namespace {

using testing::MseDir;
using testing::RelativeError;

std::vector<double> IllFrequencies() {
  std::vector<double> f;
  for (const auto& row : testing::ReadCsv(MseDir() + "/data/ill_frequencies.csv")) {
    const size_t j = std::stoul(row.at("nbcap"));
    if (f.size() < j) f.resize(j, 0.0);
    f[j - 1] = std::stod(row.at("freq"));
  }
  return f;
}

// singleRcapture's intercept-only rows for the "ill" data set.
std::map<std::string, testing::Row> SingleRcaptureRows() {
  std::map<std::string, testing::Row> rows;
  for (auto& row : testing::ReadCsv(MseDir() + "/expected/single_source_singleRcapture.csv")) {
    if (row.at("dataset") == "ill") rows[row.at("model")] = row;
  }
  return rows;
}

TEST(OneSourceTest, ZeroTruncatedPoissonMatchesSingleRcapture) {
  auto rows = SingleRcaptureRows();
  auto est = ZeroTruncatedPoisson(IllFrequencies());
  ASSERT_TRUE(est.ok()) << est.status().ToString();
  EXPECT_EQ(est->n_observed, 1880);
  EXPECT_LT(RelativeError(est->n_hat, std::stod(rows.at("ztpoisson").at("N_hat"))), 1e-6);
  EXPECT_LT(RelativeError(est->stderr_n_hat, std::stod(rows.at("ztpoisson").at("stderr"))), 1e-6);
}

TEST(OneSourceTest, ZeltermanMatchesSingleRcapture) {
  auto rows = SingleRcaptureRows();
  auto est = Zelterman(IllFrequencies());
  ASSERT_TRUE(est.ok());
  EXPECT_LT(RelativeError(est->n_hat, std::stod(rows.at("zelterman").at("N_hat"))), 1e-6);
  EXPECT_LT(RelativeError(est->stderr_n_hat, std::stod(rows.at("zelterman").at("stderr"))), 1e-6);
  EXPECT_NEAR(est->rate, 0.222492401215805, 1e-12);
}

TEST(OneSourceTest, ChaoMatchesRcaptureAndSingleRcapture) {
  auto rows = SingleRcaptureRows();
  auto est = ChaoLowerBound(IllFrequencies());
  ASSERT_TRUE(est.ok());
  EXPECT_LT(RelativeError(est->n_hat, std::stod(rows.at("chao").at("N_hat"))), 1e-6);
  // Rcapture's Mh Chao (LB) standard error, exactly our formula.
  EXPECT_LT(RelativeError(est->stderr_n_hat, 662.58999723993), 1e-9);
  // singleRcapture's regression-based variance differs in the 5th digit.
  EXPECT_LT(RelativeError(est->stderr_n_hat, std::stod(rows.at("chao").at("stderr"))), 1e-4);
}

TEST(OneSourceTest, RefusesDataWithoutRepeats) {
  EXPECT_EQ(ZeroTruncatedPoisson({10}).status().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(Zelterman({10, 0, 1}).status().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(ChaoLowerBound({}).status().code(), core::Code::kInvalidInput);
  EXPECT_EQ(ChaoLowerBound({-1, 2}).status().code(), core::Code::kInvalidInput);
}

// The ScotPWID strata of model A (expected/ScotPWID_covariate_glm.csv): the TOTAL row is
// the sum of the eight strata.
TEST(StratifiedTest, SumsEstimatesAndVariances) {
  const std::vector<StratumEstimate> strata = {
      {"GGC/Male/Young", 620, 3596.32139834408, 300},  {"GGC/Male/Old", 482, 3438.79609922107, 400},
      {"GGC/Female/Young", 276, 1390.52414841962, 0},  {"GGC/Female/Old", 120, 689.761728548553, 0},
      {"Rest/Male/Young", 2167, 6698.29638566908, 0},  {"Rest/Male/Old", 812, 3457.28923768866, 0},
      {"Rest/Female/Young", 968, 2723.95059491341, 0}, {"Rest/Female/Old", 225, 818.494780708957, 0},
  };
  auto total = SumStrata(strata);
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->n_observed, 5670);
  EXPECT_LT(RelativeError(total->n_hat, 22813.4343735134), 1e-12);
  EXPECT_DOUBLE_EQ(total->stderr_n_hat, 500.0);
  EXPECT_NEAR(total->upper - total->n_hat, 1.959963984540054 * 500, 1e-9);
  EXPECT_FALSE(SumStrata({}).ok());
  EXPECT_FALSE(SumStrata({{"bad", 10, 5, 1}}).ok());
}

}  // namespace
}  // namespace onderdak::stats
