// The public JSON of /api/v1/estimates (api/estimates.h): what is published for a
// reliable estimate, a too uncertain one, one without an estimate, and a region below the
// disclosure threshold; the national sum and its caveats; the window parameters.
#include "onderdak/api/estimates.h"

#include <gtest/gtest.h>

#include "onderdak/web/i18n.h"

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

// The national figure (ADR 0018): which regions are direct, via the pooled ratio and not
// estimated (each with its reason), and the interval; counts below the threshold are null.
TEST(EstimatesJsonTest, TheNationalFigureSaysHowEachRegionEntersIt) {
  estimation::NationalEstimate e;
  e.regions.push_back(Estimated("GM0344", 100, 120, 111, 130));
  e.regions.push_back(Estimated("GM0599", 300, 330, 312, 350));
  e.regions.push_back(Estimated("GM0363", 3, 40, 3, 90, true));  // counted 3: suppressed
  estimation::RegionEstimate none;
  none.region = "GM0014";
  none.unavailable = "estimation needs at least two linked lists; GM0014 has 1 organisation(s)";
  none.unavailable_reason = estimation::NoEstimate::kOneList;
  e.regions.push_back(none);
  e.direct = {"GM0344", "GM0599"};
  e.via_ratio = {"GM0363"};
  e.not_estimated = {"GM0014"};
  e.counted_in_summed = 400;
  e.counted_via_ratio = 3;
  auto national = stats::SumWithPooledRatio({{"GM0344", 100, 120, 5}, {"GM0599", 300, 330, 10}}, {{"GM0363", 3}});
  ASSERT_TRUE(national.ok());
  e.national = *national;
  EstimateWindow w;
  w.from = w.to = *core::Date::Parse("2021-07-01");
  const auto doc = EstimatesToJson(e, Reference(), w, 5);
  const auto& n = doc["national"]["estimate"];
  EXPECT_EQ(n["status"], "estimated");
  EXPECT_EQ(n["regions_direct"], 2);
  EXPECT_EQ(n["regions_via_ratio"], 1);
  EXPECT_EQ(n["regions_not_estimated"], 1);
  EXPECT_EQ(n["via_ratio"][0], "GM0363");
  EXPECT_EQ(n["not_estimated"][0]["region"], "GM0014");
  EXPECT_EQ(n["not_estimated"][0]["reason_code"], "one_list");
  EXPECT_EQ(n["ratio"], 1.125);
  EXPECT_EQ(n["n_hat"], 453);  // 450 + 1.125 * 3 = 453.4
  EXPECT_EQ(n["counted"], 403);
  EXPECT_EQ(n["counted_direct"], 400);
  EXPECT_TRUE(n["counted_via_ratio"].is_null()) << "3 persons counted: below the threshold";
  EXPECT_LT(n["lower"].get<std::int64_t>(), 453);
  EXPECT_GT(n["upper"].get<std::int64_t>(), 453);
  EXPECT_EQ(doc["regions"][2]["estimate"]["reason_code"], "suppressed");
  EXPECT_EQ(doc["regions"][3]["estimate"]["reason_code"], "one_list");

  // Too few direct regions for a ratio: the national figure is unavailable, and says why.
  estimation::NationalEstimate few;
  few.regions.push_back(Estimated("GM0363", 72, 965.0, 247.2, 3003.3, true));
  few.not_estimated = {"GM0363"};
  const auto none_doc = EstimatesToJson(few, Reference(), w, 5);
  EXPECT_EQ(none_doc["national"]["estimate"]["status"], "unavailable");
  EXPECT_TRUE(none_doc["national"]["estimate"]["n_hat"].is_null());
  EXPECT_EQ(none_doc["national"]["estimate"]["not_estimated"][0]["reason_code"], "no_ratio");
  EXPECT_EQ(none_doc["regions"][0]["estimate"]["reason_code"], "interval_open");
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
  EXPECT_EQ(doc["regions"][0]["estimate"]["reason_code"], "interval_at_count");
  EXPECT_TRUE(doc["national"]["n_hat"].is_null());
}

// Every reason code the JSON can carry has its text on the pages, in both languages.
TEST(EstimatesJsonTest, EveryReasonHasItsTextOnThePages) {
  using estimation::NoEstimate;
  for (auto reason : {NoEstimate::kNoLists, NoEstimate::kOneList, NoEstimate::kTooManyLists, NoEstimate::kNoOverlap,
                      NoEstimate::kNoModel, NoEstimate::kIntervalOpen, NoEstimate::kIntervalAtCount,
                      NoEstimate::kIntervalTooWide}) {
    const std::string key = "estimate.reason." + std::string(estimation::NoEstimateCode(reason));
    EXPECT_TRUE(web::HasTranslation(web::Lang::kNl, key)) << key;
    EXPECT_TRUE(web::HasTranslation(web::Lang::kEn, key)) << key;
    EXPECT_FALSE(estimation::NoEstimateText(reason).empty()) << key;
  }
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
