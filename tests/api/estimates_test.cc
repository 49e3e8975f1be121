// The public JSON of /api/v1/estimates (api/estimates.h): what is published for a
// reliable estimate, a too uncertain one, one without an estimate, and a region below the
// disclosure threshold; the national sum and its caveats; the window parameters.
#include "onderdak/api/estimates.h"

#include <gtest/gtest.h>

namespace onderdak::api {
namespace {

domain::Municipality M(std::string code, std::string name, std::string region) {
  domain::Municipality m;
  m.code = std::move(code);
  m.name = std::move(name);
  m.region_code = std::move(region);
  return m;
}

const domain::ReferenceSet& Reference() {
  static const domain::ReferenceSet set({M("GM0363", "Amsterdam", "GM0363"), M("GM0344", "Utrecht", "GM0344"),
                                         M("GM0014", "Groningen", "GM0014"), M("GM0599", "Rotterdam", "GM0599")});
  return set;
}

estimation::RegionEstimate Estimated(std::string region, std::int64_t counted, double n_hat, double lower, double upper,
                                     bool upper_open = false) {
  estimation::RegionEstimate r;
  r.region = std::move(region);
  r.lists = {"A", "B"};
  r.counted = counted;
  r.table = stats::CaptureTable{};
  stats::ModelFit fit;
  fit.model = stats::HierarchicalModel::Independence(2);
  fit.n_hat = n_hat;
  stats::ModelChoice choice;
  choice.ranked.push_back(fit);
  r.choice = choice;
  stats::ProfileInterval ci;
  ci.n_hat = n_hat;
  ci.lower = lower;
  ci.upper = upper;
  ci.upper_open = upper_open;
  r.interval = ci;
  return r;
}

const nlohmann::json* Region(const nlohmann::json& doc, const std::string& code) {
  for (const auto& r : doc["regions"]) {
    if (r["region"] == code) return &r;
  }
  ADD_FAILURE() << code << " missing";
  return nullptr;
}

TEST(EstimatesJsonTest, EachKindOfRegionIsPublishedAsTheRulesSay) {
  estimation::NationalEstimate e;
  e.regions.push_back(Estimated("GM0344", 499, 512.46, 502.9, 529.9));       // reliable
  e.regions.push_back(Estimated("GM0363", 72, 965.0, 247.2, 3003.3, true));  // open interval
  e.regions.push_back(Estimated("GM0599", 3, 4.0, 3.0, 5.0));                // below the threshold
  estimation::RegionEstimate none;
  none.region = "GM0014";
  none.unavailable = "estimation needs at least two linked lists; GM0014 has 1 organisation(s)";
  e.regions.push_back(none);
  e.regions_summed = 1;
  e.not_summed = {"GM0363", "GM0599", "GM0014"};
  e.counted_in_summed = 499;
  e.sum = stats::CombinedEstimate{499, 512.46, 6.9, 498.9, 526.0};
  EstimateWindow w;
  w.period = core::Period::HalfYear(2021, 2);
  w.from = w.period->first();
  w.to = w.period->last();
  const auto doc = EstimatesToJson(e, Reference(), w, 5);

  EXPECT_EQ(doc["window"]["period"], "2021H2");
  EXPECT_EQ(doc["window"]["from"], "2021-07-01");
  EXPECT_EQ(doc["method"]["url"], "/methode");

  const auto* utrecht = Region(doc, "GM0344");
  ASSERT_NE(utrecht, nullptr);
  EXPECT_EQ((*utrecht)["name"], "Utrecht");
  EXPECT_EQ((*utrecht)["counted"], 499);
  EXPECT_EQ((*utrecht)["estimate"]["status"], "reliable");
  EXPECT_EQ((*utrecht)["estimate"]["n_hat"], 512);  // whole persons
  EXPECT_EQ((*utrecht)["estimate"]["lower"], 503);
  EXPECT_EQ((*utrecht)["estimate"]["upper"], 530);
  EXPECT_EQ((*utrecht)["estimate"]["model"], "[1,2]");

  const auto* amsterdam = Region(doc, "GM0363");
  ASSERT_NE(amsterdam, nullptr);
  EXPECT_EQ((*amsterdam)["estimate"]["status"], "too_uncertain");
  EXPECT_TRUE((*amsterdam)["estimate"]["n_hat"].is_null()) << "no point figure for an uncertain estimate";
  EXPECT_TRUE((*amsterdam)["estimate"]["upper"].is_null());
  EXPECT_EQ((*amsterdam)["estimate"]["upper_open"], true);
  EXPECT_EQ((*amsterdam)["estimate"]["reason"], "the interval has no upper end");

  const auto* rotterdam = Region(doc, "GM0599");
  ASSERT_NE(rotterdam, nullptr);
  EXPECT_TRUE((*rotterdam)["counted"].is_null());
  EXPECT_EQ((*rotterdam)["estimate"]["status"], "suppressed");
  EXPECT_FALSE((*rotterdam)["estimate"].contains("n_hat"));
  EXPECT_FALSE((*rotterdam)["estimate"].contains("lower"));

  const auto* groningen = Region(doc, "GM0014");
  ASSERT_NE(groningen, nullptr);
  EXPECT_EQ((*groningen)["estimate"]["status"], "unavailable");
  EXPECT_EQ((*groningen)["lists"], 0);
  EXPECT_TRUE((*groningen)["counted"].is_null());

  EXPECT_EQ(doc["national"]["regions_summed"], 1);
  EXPECT_EQ(doc["national"]["regions_total"], 4);
  EXPECT_EQ(doc["national"]["not_summed"].size(), 3u);
  EXPECT_EQ(doc["national"]["counted_in_summed"], 499);
  EXPECT_EQ(doc["national"]["n_hat"], 512);
}

TEST(EstimatesJsonTest, AZeroWidthIntervalIsTooUncertainWithItsReason) {
  estimation::NationalEstimate e;
  e.regions.push_back(Estimated("GM0344", 117, 117.0, 117.0, 117.0));
  EstimateWindow w;
  w.from = w.to = *core::Date::Parse("2021-07-01");
  const auto doc = EstimatesToJson(e, Reference(), w, 5);
  EXPECT_EQ(doc["window"]["reference_date"], "2021-07-01");
  EXPECT_FALSE(doc["window"].contains("period"));
  EXPECT_EQ(doc["regions"][0]["estimate"]["status"], "too_uncertain");
  EXPECT_EQ(doc["regions"][0]["estimate"]["reason"], "the lists hardly overlap: the model cannot see who was missed");
  EXPECT_TRUE(doc["national"]["n_hat"].is_null());
}

TEST(EstimatesJsonTest, WindowParameters) {
  const auto first = *core::Date::Parse("2022-01-01");
  auto w = ParseEstimateWindow(std::nullopt, std::nullopt, first);
  ASSERT_TRUE(w.ok());
  EXPECT_FALSE(w->period.has_value()) << "the default is a reference date, not a period";
  EXPECT_EQ(w->from, first);
  EXPECT_EQ(w->to, first);
  w = ParseEstimateWindow(std::string("2021"), std::nullopt, first);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->period->ToString(), "2021");
  EXPECT_EQ(w->to.ToString(), "2021-12-31");
  w = ParseEstimateWindow(std::nullopt, std::string("2021-03-04"), first);
  ASSERT_TRUE(w.ok());
  EXPECT_FALSE(w->period.has_value());
  EXPECT_EQ(w->from.ToString(), "2021-03-04");
  EXPECT_EQ(w->from, w->to);
  auto bad = ParseEstimateWindow(std::string("2021H3"), std::nullopt, first);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("parameter 'period'"), std::string::npos);
  bad = ParseEstimateWindow(std::nullopt, std::string("2021-02-30"), first);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("parameter 'date'"), std::string::npos);
  bad = ParseEstimateWindow(std::string("2021"), std::string("2021-01-01"), first);
  EXPECT_EQ(bad.status().code(), core::Code::kInvalidInput);
}

}  // namespace
}  // namespace onderdak::api
