// Counted beside estimated (estimation/hidden_population.h) on generated deliveries whose
// truth is known: the generator writes how many persons are really homeless on each
// half-year's first day, including those no organisation registered
// (ground_truth.json: ethos_1_3_on_first_day), and how many of them the deliveries hold
// (registered_ethos_1_3_on_first_day_as_linked: the persons as the linkage counts them,
// with the generator's planted linkage collisions).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "generated_data.h"
#include "onderdak/estimation/hidden_population.h"
#include "onderdak/ingest/regions_import.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak {
namespace {

struct Truth {
  std::int64_t homeless = 0, registered = 0;
};

class EstimationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto s = store::OpenStore("sqlite::memory:");
    ASSERT_TRUE(s.ok()) << s.status().message();
    auto store = std::move(*s);
    const auto out = dir_->path() / "gen";
    ASSERT_TRUE(ingest::ImportShippedRegions(*store, testing::ReferenceDir()).ok());
    testing::ImportGenerated(*store, testing::TestKey(), testing::GeneratedYears(20000, 2021, 2021), out);
    ASSERT_FALSE(::testing::Test::HasFailure());
    auto reference = store->LoadReferenceSet(1);
    ASSERT_TRUE(reference.ok());
    for (const auto& r : reference->regions()) regions_.push_back(r.code);
    auto data = store->LoadDataset(testing::CurrentOnly());
    ASSERT_TRUE(data.ok());
    data_ = new domain::Dataset(std::move(*data));
    std::ifstream in(out / "ground_truth.json");
    const auto truth = nlohmann::json::parse(in);
    truth_ = new std::map<std::string, Truth>();
    for (const auto& region : truth["regions"]) {
      for (const auto& p : region["periods"]) {
        if (p["period"] != "2021H2") continue;
        (*truth_)[region["region"]] = {p["ethos_1_3_on_first_day"].get<std::int64_t>(),
                                       p["registered_ethos_1_3_on_first_day_as_linked"].get<std::int64_t>()};
      }
    }
  }
  static void TearDownTestSuite() {
    delete data_;
    delete truth_;
    delete dir_;
  }

  static testing::TempDir* dir_;
  static domain::Dataset* data_;
  static std::map<std::string, Truth>* truth_;
  static std::vector<std::string> regions_;
};
testing::TempDir* EstimationTest::dir_ = nullptr;
domain::Dataset* EstimationTest::data_ = nullptr;
std::map<std::string, Truth>* EstimationTest::truth_ = nullptr;
std::vector<std::string> EstimationTest::regions_;

const core::Date kFirstDay = *core::Date::Parse("2021-07-01");

// On a reference date, the counted figure is exactly the generator's registered persons
// (as linked),
// and the 95 % interval holds the true number (registered or not) for most regions.
TEST_F(EstimationTest, OnAReferenceDateCountedIsTheRegisteredAndIntervalsCoverTheTruth) {
  auto national = estimation::EstimateRegions(*data_, regions_, kFirstDay, kFirstDay);
  ASSERT_TRUE(national.ok()) << national.status().message();
  ASSERT_EQ(national->regions.size(), regions_.size());
  int covered = 0, reliable = 0, estimated = 0;
  for (const auto& r : national->regions) {
    SCOPED_TRACE(r.region);
    const auto truth = truth_->at(r.region);
    if (!r.table) {
      EXPECT_FALSE(r.unavailable.empty()) << "no table and no reason";
      continue;
    }
    EXPECT_EQ(r.counted, truth.registered) << "counted differs from the persons the deliveries hold";
    EXPECT_EQ(r.counted, static_cast<std::int64_t>(r.table->Observed()));
    if (!r.estimated()) {
      EXPECT_FALSE(r.unavailable.empty());
      EXPECT_FALSE(r.reliable());
      continue;
    }
    ++estimated;
    const auto& ci = *r.interval;
    EXPECT_GE(r.choice->best().n_hat, static_cast<double>(r.counted));
    EXPECT_LE(ci.lower, ci.n_hat);
    EXPECT_TRUE(ci.upper_open || ci.n_hat <= ci.upper);
    const bool holds = ci.lower <= static_cast<double>(truth.homeless) &&
                       (ci.upper_open || static_cast<double>(truth.homeless) <= ci.upper);
    std::printf("%s: %d lists, counted %ld, true %ld, estimate %.1f [%.1f, %.1f%s]%s%s\n", r.region.c_str(),
                r.table->num_lists, static_cast<long>(r.counted), static_cast<long>(truth.homeless), ci.n_hat, ci.lower,
                ci.upper, ci.upper_open ? ", open" : "", r.reliable() ? "" : " (too uncertain)",
                holds ? "" : " MISSES");
    if (r.reliable()) {
      ++reliable;
      if (holds) ++covered;
    }
  }
  EXPECT_GE(estimated, 10) << "too few regions with an estimate for the check to mean anything";
  EXPECT_GE(reliable, 5) << "too few reliable estimates for the check to mean anything";
  // 95 % intervals under the model's assumptions; the generator's registration is close
  // to them for the estimates fit to publish, so most of those hold the truth. (Over all
  // estimates it is about half: small regions give open or very wide intervals, which is
  // why those are not published as numbers.)
  EXPECT_GE(covered * 10, reliable * 7) << covered << " of " << reliable << " reliable intervals hold the truth";
}

// The national sum adds the regions with a reliable estimate, names the others, and is
// never below what the summed regions counted.
TEST_F(EstimationTest, NationalIsTheSumOfTheReliableRegionsAndNamesTheOthers) {
  auto national =
      estimation::EstimateRegions(*data_, regions_, *core::Date::Parse("2021-07-01"), *core::Date::Parse("2021-12-31"));
  ASSERT_TRUE(national.ok()) << national.status().message();
  ASSERT_TRUE(national->sum.has_value());
  double n_hat = 0, variance = 0;
  std::int64_t counted = 0;
  int summed = 0;
  for (const auto& r : national->regions) {
    const bool named =
        std::find(national->not_summed.begin(), national->not_summed.end(), r.region) != national->not_summed.end();
    EXPECT_NE(named, r.reliable()) << r.region;
    if (!r.reliable()) continue;
    ++summed;
    n_hat += r.choice->best().n_hat;
    variance += r.choice->best().stderr_n_hat * r.choice->best().stderr_n_hat;
    counted += r.counted;
  }
  EXPECT_EQ(national->regions_summed, summed);
  EXPECT_EQ(national->regions_summed + static_cast<int>(national->not_summed.size()),
            static_cast<int>(regions_.size()));
  EXPECT_GT(summed, 15) << "over a half-year most regions' lists overlap";
  EXPECT_EQ(national->counted_in_summed, counted);
  EXPECT_NEAR(national->sum->n_hat, n_hat, 1e-6 * n_hat);
  EXPECT_NEAR(national->sum->stderr_n_hat, std::sqrt(variance), 1e-6 * std::sqrt(variance));
  EXPECT_GE(national->sum->lower, static_cast<double>(counted));
  EXPECT_GT(national->sum->upper, national->sum->n_hat);
}

// The national estimate (ADR 0018) against the truth, on small generated data sets of five
// seeds: the reliable regions' estimates plus the other counted regions times the pooled
// ratio. "Most" is at least 4 of 5: a 95 % interval misses in 1 of 20 runs when the method
// is right, so at least one miss in 5 runs has probability 1 - 0.95^5 = 23 % and two
// or more 2 %: a test asking for 5 of 5 would fail one run in four, one asking for 4 of 5
// fails a right method one run in fifty.
// Each run also checks what issue 22 found: the four largest cities, when they delivered,
// have an estimate on the reference date, and every region without a number says why.
TEST(NationalEstimateTest, TheNationalIntervalCoversTheTruthInMostSeeds) {
  const auto day = *core::Date::Parse("2021-07-01");
  int covered = 0;
  constexpr int kSeeds = 5;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    testing::TempDir dir;
    auto s = store::OpenStore("sqlite::memory:");
    ASSERT_TRUE(s.ok()) << s.status().message();
    auto store = std::move(*s);
    ASSERT_TRUE(ingest::ImportShippedRegions(*store, testing::ReferenceDir()).ok());
    const auto out = dir.path() / "gen";
    auto reference = store->LoadReferenceSet(1);
    ASSERT_TRUE(reference.ok());
    ASSERT_TRUE(synth::Generate(testing::GeneratedYears(12000, 2021, 2021, seed), *reference, out).ok());
    // Only the half-year of the reference date: half the import time.
    int imported = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
      if (entry.path().filename() != "manifest.json" ||
          entry.path().parent_path().parent_path().filename() != "2021H2") {
        continue;
      }
      auto report = ingest::ImportDelivery(*store, testing::TestKey(), entry.path().parent_path());
      ASSERT_TRUE(report.ok()) << report.status().message();
      ASSERT_TRUE(report->accepted()) << entry.path();
      ++imported;
    }
    ASSERT_GT(imported, 50);
    std::vector<std::string> regions;
    for (const auto& r : reference->regions()) regions.push_back(r.code);
    auto data = store->LoadDataset(testing::CurrentOnly());
    ASSERT_TRUE(data.ok());
    std::ifstream in(out / "ground_truth.json");
    const auto truth_json = nlohmann::json::parse(in);
    std::map<std::string, std::int64_t> truth;
    std::map<std::string, bool> delivered;
    for (const auto& region : truth_json["regions"]) {
      for (const auto& p : region["periods"]) {
        if (p["period"] != "2021H2") continue;
        truth[region["region"]] = p["ethos_1_3_on_first_day"].get<std::int64_t>();
        delivered[region["region"]] = p["delivered"].get<bool>();
      }
    }

    auto national = estimation::EstimateRegions(*data, regions, day, day);
    ASSERT_TRUE(national.ok()) << national.status().message();
    ASSERT_TRUE(national->national.has_value());
    EXPECT_EQ(national->direct.size() + national->via_ratio.size() + national->not_estimated.size(), regions.size());
    double true_covered = 0;
    for (const auto& r : national->regions) {
      SCOPED_TRACE(r.region);
      const bool direct =
          std::find(national->direct.begin(), national->direct.end(), r.region) != national->direct.end();
      const bool via =
          std::find(national->via_ratio.begin(), national->via_ratio.end(), r.region) != national->via_ratio.end();
      EXPECT_EQ(direct, r.reliable());
      EXPECT_EQ(r.reliable(), r.reason() == estimation::NoEstimate::kNone) << "a region without a number says why";
      if (direct || via) true_covered += static_cast<double>(truth.at(r.region));
      // Delivering regions are covered; the others are named as not estimated.
      EXPECT_EQ(direct || via, delivered.at(r.region));
      if (!delivered.at(r.region)) {
        EXPECT_EQ(r.reason(), estimation::NoEstimate::kNoLists);
      }
      const bool g4 = r.region == "GM0363" || r.region == "GM0599" || r.region == "GM0518" || r.region == "GM0344";
      if (g4 && delivered.at(r.region)) {
        EXPECT_TRUE(r.estimated()) << "a large city without an estimate: " << r.unavailable;
      }
    }
    const auto& n = *national->national;
    const bool holds = n.total.lower <= true_covered && true_covered <= n.total.upper;
    std::printf(
        "seed %d: %zu direct, %zu via ratio %.3f, %zu not estimated; counted %.0f, estimate %.1f [%.1f, %.1f], "
        "true %.0f%s\n",
        static_cast<int>(seed), national->direct.size(), national->via_ratio.size(), n.ratio,
        national->not_estimated.size(), n.total.n_observed, n.total.n_hat, n.total.lower, n.total.upper, true_covered,
        holds ? "" : " MISSES");
    EXPECT_GE(national->direct.size(), 5u);
    EXPECT_GE(n.total.lower, n.total.n_observed);
    covered += holds ? 1 : 0;
  }
  EXPECT_GE(covered, 4) << covered << " of " << kSeeds << " national intervals hold the truth";
}

// How regions enter the national figure: with two direct regions a counted region goes via
// the ratio; with one there is no ratio, so it is not estimated and there is no figure.
TEST_F(EstimationTest, ARegionGoesViaTheRatioOnlyWhenThereIsARatio) {
  auto all = estimation::EstimateRegions(*data_, regions_, kFirstDay, kFirstDay);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_GE(all->direct.size(), 2u);
  ASSERT_GE(all->via_ratio.size(), 1u);
  const std::string a = all->direct[0], b = all->direct[1], u = all->via_ratio[0];

  auto two = estimation::EstimateRegions(*data_, {a, u, b}, kFirstDay, kFirstDay);
  ASSERT_TRUE(two.ok());
  ASSERT_TRUE(two->national.has_value());
  EXPECT_EQ(two->direct, (std::vector<std::string>{a, b}));
  EXPECT_EQ(two->via_ratio, std::vector<std::string>{u});
  EXPECT_TRUE(two->not_estimated.empty());
  const auto& ra = two->regions[0];
  const auto& ru = two->regions[1];
  const auto& rb = two->regions[2];
  const double s = ra.choice->best().n_hat + rb.choice->best().n_hat;
  const double m = static_cast<double>(ra.counted + rb.counted);
  EXPECT_NEAR(two->national->total.n_hat, s + s / m * static_cast<double>(ru.counted), 1e-6 * s);
  EXPECT_EQ(two->counted_via_ratio, ru.counted);
  EXPECT_GE(two->national->total.lower, static_cast<double>(ra.counted + rb.counted + ru.counted));

  auto one = estimation::EstimateRegions(*data_, {a, u}, kFirstDay, kFirstDay);
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->national.has_value());
  EXPECT_TRUE(one->via_ratio.empty());
  EXPECT_EQ(one->not_estimated, std::vector<std::string>{u});
  ASSERT_TRUE(one->sum.has_value()) << "the reliable region's own sum stays";
}

// Lists named by the caller that did not deliver are an error, not "no estimate".
TEST_F(EstimationTest, AListThatDidNotDeliverIsAnError) {
  indicators::LinkRequest request;
  request.region = "GM0363";
  request.from = kFirstDay;
  request.to = *core::Date::Parse("2021-12-31");
  request.lists = {"KVK-NOBODY", "KVK-50363100"};
  auto r = estimation::EstimateRegion(*data_, request);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(r.status().message().find("KVK-NOBODY"), std::string::npos);
}

}  // namespace
}  // namespace onderdak
