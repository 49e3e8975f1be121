// The projection on generated deliveries (issue 17): regions on different trajectories
// (synth --trajectories: new homelessness falling in every third region, flat in the next,
// growing in the one after), imported through the real import. The back-test fits on the
// data up to a year before the last delivered day and projects that year: the 90 % band
// must cover most of what was then delivered, in each seeded run, and the fitted inflow
// trends must point the way the generator made them.
#include <gtest/gtest.h>

#include <map>

#include "generated_data.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/projection/from_data.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak {
namespace {

struct GeneratedRun {
  domain::Dataset data;
  std::optional<indicators::Prepared> prepared;
};

class ProjectionBacktestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    runs_ = new std::map<std::uint64_t, GeneratedRun>();
    for (std::uint64_t seed : {1, 2}) {
      auto s = store::OpenStore("sqlite::memory:");
      ASSERT_TRUE(s.ok()) << s.status().message();
      auto store = std::move(*s);
      ASSERT_TRUE(ingest::ImportShippedRegions(*store, testing::ReferenceDir()).ok());
      if (regions_ == nullptr) {
        auto reference = store->LoadReferenceSet(1);
        ASSERT_TRUE(reference.ok());
        regions_ = new std::vector<std::string>();
        for (const auto& r : reference->regions()) regions_->push_back(r.code);
      }
      auto options = testing::GeneratedYears(16000, 2019, 2023, seed);
      options.trajectories = true;
      testing::ImportGenerated(*store, testing::TestKey(), options, dir_->path() / ("gen" + std::to_string(seed)));
      ASSERT_FALSE(::testing::Test::HasFailure());
      auto data = store->LoadDataset(testing::CurrentOnly());
      ASSERT_TRUE(data.ok());
      GeneratedRun& run = (*runs_)[seed];
      run.data = std::move(*data);
      auto prepared = indicators::Prepare(run.data);
      ASSERT_TRUE(prepared.ok());
      run.prepared = *prepared;
    }
  }
  static void TearDownTestSuite() {
    delete runs_;
    delete regions_;
    delete dir_;
  }
  static const indicators::Prepared& Prepared(std::uint64_t seed) { return *(*runs_)[seed].prepared; }
  // The generator's trajectory of a region: 0 falling, 1 flat, 2 growing.
  static int Trajectory(const std::string& code) {
    const auto it = std::find(regions_->begin(), regions_->end(), code);
    return static_cast<int>(it - regions_->begin()) % 3;
  }

  static testing::TempDir* dir_;
  static std::map<std::uint64_t, GeneratedRun>* runs_;
  static std::vector<std::string>* regions_;
};
testing::TempDir* ProjectionBacktestTest::dir_ = nullptr;
std::map<std::uint64_t, GeneratedRun>* ProjectionBacktestTest::runs_ = nullptr;
std::vector<std::string>* ProjectionBacktestTest::regions_ = nullptr;

TEST_F(ProjectionBacktestTest, TheBandCoversMostOfWhatWasDeliveredInEachSeededRun) {
  for (std::uint64_t seed : {1, 2}) {
    projection::ProjectionQuery q;
    q.options.replicates = 200;
    q.options.seed = seed;
    auto rows = projection::BacktestFromData(Prepared(seed), q, 2);
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    int covered = 0, nl = 0;
    for (const auto& r : *rows) {
      covered += r.covered ? 1 : 0;
      if (r.code == "NL") {
        ++nl;
        // The nation: within a tenth of what was delivered.
        EXPECT_NEAR(r.expected, static_cast<double>(r.observed), 0.1 * static_cast<double>(r.observed))
            << r.date.ToString();
      }
    }
    EXPECT_EQ(nl, 2) << "the two half-years after the cut";
    ASSERT_GE(rows->size(), 60U);
    const double coverage = static_cast<double>(covered) / static_cast<double>(rows->size());
    EXPECT_GE(coverage, 0.75) << "seed " << seed << ": " << covered << " of " << rows->size();
    std::cout << "seed " << seed << ": the 90 % band covers " << covered << " of " << rows->size() << "\n";
  }
}

TEST_F(ProjectionBacktestTest, FittedTrendsPointTheWayTheRegionsWereMade) {
  projection::ProjectionQuery q;
  q.options.replicates = 0;
  auto all = projection::ProjectAllFromData(Prepared(1), q);
  ASSERT_TRUE(all.ok()) << all.status().message();
  std::array<int, 3> right{}, total{};
  for (const auto& a : *all) {
    if (a.unit.code == "NL") continue;
    const int t = Trajectory(a.unit.code);
    if (t == 1) continue;
    ++total[static_cast<std::size_t>(t)];
    const double trend = a.unit.fit.inflow_trend_raw;
    right[static_cast<std::size_t>(t)] += (t == 0 ? trend < 0 : trend > 0) ? 1 : 0;
  }
  ASSERT_GT(total[0], 10);
  ASSERT_GT(total[2], 10);
  EXPECT_GE(right[0], total[0] * 8 / 10) << right[0] << " of " << total[0] << " falling regions";
  EXPECT_GE(right[2], total[2] * 8 / 10) << right[2] << " of " << total[2] << " growing regions";
}

TEST_F(ProjectionBacktestTest, TheNationCoversItsRegionsAndAddsTheirPipelines) {
  projection::ProjectionQuery q;
  q.options.replicates = 0;
  auto all = projection::ProjectAllFromData(Prepared(1), q);
  ASSERT_TRUE(all.ok());
  const auto& nl = all->back();
  ASSERT_EQ(nl.unit.code, "NL");
  EXPECT_EQ(nl.unit.regions.size() + nl.unit.left_out.size(), all->size() - 1);
  double pipelines = 0;
  std::int64_t persons = 0;
  for (const auto& a : *all) {
    if (a.unit.code == "NL") continue;
    if (std::find(nl.unit.regions.begin(), nl.unit.regions.end(), a.unit.code) != nl.unit.regions.end()) {
      pipelines += a.pipeline;
      persons += a.unit.persons;
    }
  }
  EXPECT_DOUBLE_EQ(nl.pipeline, pipelines);
  EXPECT_GT(nl.pipeline, 0.0);
  // Persons who moved between regions count once nationally.
  EXPECT_LE(nl.unit.persons, persons);
  EXPECT_GT(nl.unit.persons, persons * 9 / 10);
  // The observed stock on the jump-off is P1's count (persons on the date).
  ASSERT_FALSE(nl.unit.observed.empty());
  EXPECT_EQ(nl.unit.observed.back().date, nl.unit.jump_off);
}

TEST_F(ProjectionBacktestTest, APipelineAndPreventionLowerTheProjection) {
  projection::ProjectionQuery q;
  q.unit = "NL";
  q.options.replicates = 0;
  auto base = projection::ProjectFromData(Prepared(1), q);
  q.options.use_pipeline = true;
  q.options.scenario.prevention = 0.2;
  auto lower = projection::ProjectFromData(Prepared(1), q);
  ASSERT_TRUE(base.ok() && lower.ok());
  EXPECT_LT(lower->unit.path.back().expected, base->unit.path.back().expected);
  EXPECT_GT(lower->unit.scenario.pipeline, 0.0);
  EXPECT_EQ(base->unit.path.back().date, *core::Date::Parse("2030-12-31"));
  // Needed pace at least the current one, and functional zero needs no more than zero.
  EXPECT_GE(base->unit.pace.needed_zero, base->unit.pace.current_per_half_year);
  EXPECT_LE(base->unit.pace.needed_functional_zero, base->unit.pace.needed_zero);
}

TEST_F(ProjectionBacktestTest, AnUnknownRegionOrDefinitionIsRefused) {
  projection::ProjectionQuery q;
  q.unit = "GM9999";
  q.options.replicates = 0;
  auto r = projection::ProjectFromData(Prepared(1), q);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("GM9999"), std::string::npos);
  q.unit = "NL";
  q.definition = "ruim";
  EXPECT_FALSE(projection::ProjectFromData(Prepared(1), q).ok());
}

}  // namespace
}  // namespace onderdak
