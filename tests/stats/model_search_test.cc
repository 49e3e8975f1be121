// Model choice against the peers: the best models by AIC and BIC among all hierarchical
// models (mse_named_models.csv, bestAIC_hier / bestBIC_hier), the enumeration sizes of
// mse_all_hierarchical_models.csv.gz, and modslavmse's stepwise selection (stepwise.csv).
#include "onderdak/stats/model_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "stats/reference_data.h"

namespace onderdak::stats {
namespace {

using testing::LoadTable;
using testing::MseDir;
using testing::RelativeError;
using testing::Row;

TEST(ModelSearchTest, EnumerationSizesMatchPeers) {
  EXPECT_EQ(EnumerateHierarchicalModels(3, 2).size(), 8u);
  EXPECT_EQ(EnumerateHierarchicalModels(4, 3).size(), 113u);
  EXPECT_EQ(EnumerateHierarchicalModels(5, 4).size(), 6893u);
  EXPECT_EQ(EnumerateHierarchicalModels(6, 2).size(), 32768u);
  EXPECT_EQ(EnumerateHierarchicalModels(4, 3).front(), HierarchicalModel::Independence(4));
}

// The peers' best hierarchical models for every data set that has them (k = 4, 5). One
// search per data set; its models are ranked again by the other criterion.
TEST(ModelSearchTest, BestHierarchicalModelsMatchPeers) {
  const auto rows = testing::ReadCsv(MseDir() + "/expected/mse_named_models.csv");
  std::map<std::string, ModelChoice> searches;
  int compared = 0;
  for (const Row& row : rows) {
    const std::string& label = row.at("model_label");
    if (label != "bestAIC_hier" && label != "bestBIC_hier") continue;
    const std::string& name = row.at("dataset");
    const CaptureTable table = LoadTable(name);
    if (!searches.contains(name)) {
      auto choice = SearchAllHierarchical(table, Criterion::kAic);
      ASSERT_TRUE(choice.ok()) << choice.status().ToString();
      searches.emplace(name, *std::move(choice));
    }
    const Criterion criterion = label == "bestAIC_hier" ? Criterion::kAic : Criterion::kBic;
    const std::vector<ModelFit>& ranked = searches.at(name).ranked;
    const ModelFit& best = *std::min_element(
        ranked.begin(), ranked.end(),
        [criterion](const ModelFit& a, const ModelFit& b) { return Score(a, criterion) < Score(b, criterion); });
    EXPECT_EQ(best.model.ToString(), row.at("hier_model")) << name << " " << label;
    EXPECT_LT(RelativeError(best.n_hat, std::stod(row.at("mse_N_hat"))), 1e-6);
    ++compared;
  }
  EXPECT_EQ(compared, 12);
}

// The search shares one fit among models that the extended-MLE rule reduces to the same
// problem and warm-starts every fit from a neighbour; each ranked model must still carry
// the numbers its own FitModel gives, and the same models must lack an estimate.
// UKdat_5 has 13 empty cells, so most of its 6,893 models have terms at -infinity.
TEST(ModelSearchTest, SearchAgreesWithSeparateFits) {
  const CaptureTable table = LoadTable("UKdat_5");
  auto choice = SearchAllHierarchical(table, Criterion::kBic);
  ASSERT_TRUE(choice.ok()) << choice.status().ToString();
  int without_estimate = 0;
  for (const HierarchicalModel& model : EnumerateHierarchicalModels(5, 4)) {
    auto fit = FitModel(table, model);
    ASSERT_TRUE(fit.ok());
    without_estimate += fit->ok() ? 0 : 1;
  }
  EXPECT_EQ(choice->models_fitted, 6893);
  EXPECT_EQ(choice->models_without_estimate, without_estimate);
  ASSERT_EQ(choice->ranked.size(), static_cast<size_t>(6893 - without_estimate));
  double max_rel = 0;
  for (const ModelFit& ranked : choice->ranked) {
    auto fit = FitModel(table, ranked.model);
    ASSERT_TRUE(fit.ok() && fit->ok()) << ranked.model.ToString();
    EXPECT_EQ(ranked.infinite_terms, fit->infinite_terms) << ranked.model.ToString();
    EXPECT_EQ(ranked.num_parameters, fit->num_parameters) << ranked.model.ToString();
    EXPECT_EQ(ranked.df, fit->df) << ranked.model.ToString();
    for (const auto& [mine, separate] :
         {std::pair{ranked.n_hat, fit->n_hat}, std::pair{ranked.stderr_n_hat, fit->stderr_n_hat},
          std::pair{ranked.deviance, fit->deviance}, std::pair{ranked.aic, fit->aic},
          std::pair{ranked.bic, fit->bic}}) {
      max_rel = std::max(max_rel, RelativeError(mine, separate));
    }
  }
  // Both are converged Newton fits of the same likelihood, from different starts.
  EXPECT_LT(max_rel, 1e-9);
}

TEST(ModelSearchTest, ChooseModelDefaultsToBicAndFallsBackToStepwise) {
  auto choice = ChooseModel(LoadTable("HIV"));
  ASSERT_TRUE(choice.ok());
  EXPECT_EQ(choice->criterion, Criterion::kBic);
  EXPECT_EQ(choice->method, SearchMethod::kAllHierarchical);
  EXPECT_EQ(choice->best().model.ToString(), "[1,2,3,4]");
  EXPECT_EQ(choice->models_fitted, 113);
  auto big = ChooseModel(LoadTable("UKdat"));
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->method, SearchMethod::kStepwise);
}

// modslavmse::MSEfit: forward AIC stepwise over all pairs, stopping when the best new
// term's p-value exceeds the threshold (a pair of lists sharing nobody has an infinite
// coefficient and p-value 1, so it stops the search).
TEST(ModelSearchTest, StepwiseMatchesModslavmse) {
  const auto rows = testing::ReadCsv(MseDir() + "/expected/stepwise.csv");
  int compared = 0;
  for (const Row& row : rows) {
    if (!row.at("method").starts_with("modslavmse") || row.at("pthresh") == "NA") continue;
    const CaptureTable table = LoadTable(row.at("dataset"));
    SCOPED_TRACE(row.at("dataset") + " p<" + row.at("pthresh"));
    StepwiseOptions options;
    options.criterion = Criterion::kAic;
    options.p_threshold = std::stod(row.at("pthresh"));
    auto choice = StepwiseSearch(table, options);
    ASSERT_TRUE(choice.ok()) << choice.status().ToString();
    // model_terms "lambda3_6 lambda1_2" -> [12,36] (as a model).
    std::vector<unsigned> pairs;
    std::string terms = row.at("model_terms");
    for (size_t pos = terms.find("lambda"); pos != std::string::npos; pos = terms.find("lambda", pos + 1)) {
      const int a = terms[pos + 6] - '1';
      const int b = terms[pos + 8] - '1';
      pairs.push_back((1u << a) | (1u << b));
    }
    const HierarchicalModel expected = HierarchicalModel::FromGenerators(table.num_lists, pairs);
    EXPECT_EQ(choice->best().model.ToString(), expected.ToString());
    EXPECT_LT(RelativeError(choice->best().n_hat, std::stod(row.at("N_hat_poisson"))), 1e-6);
    EXPECT_LT(RelativeError(choice->best().aic, std::stod(row.at("AIC"))), 1e-6);
    ++compared;
  }
  EXPECT_GE(compared, 10);
}

}  // namespace
}  // namespace onderdak::stats
