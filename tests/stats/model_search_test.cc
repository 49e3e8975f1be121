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
