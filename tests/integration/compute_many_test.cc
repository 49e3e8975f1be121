// ComputeMany (the Requests on several threads, as the server's warming and the period
// views use it) gives for each Request exactly what Compute gives for it alone, on a
// prepared Dataset and on the Dataset itself: every figure, field by field (its CSV row)
// and the records behind it.
#include <gtest/gtest.h>

#include <array>

#include "generated_data.h"
#include "onderdak/indicators/csv.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/ingest/regions_import.h"
#include "test_support.h"

namespace onderdak {
namespace {

std::vector<indicators::Request> Requests() {
  std::vector<indicators::Request> out;
  for (const char* p : {"2020H2", "2021H1", "2021"}) {
    indicators::Request r;
    r.period = *core::Period::Parse(p);
    out.push_back(r);
  }
  indicators::Request breakdowns;
  breakdowns.period = *core::Period::Parse("2021H1");
  breakdowns.breakdowns = {"age", "municipality"};
  out.push_back(breakdowns);
  indicators::Request region;
  region.period = *core::Period::Parse("2021");
  region.region = "GM0363";
  region.drill_down = true;
  out.push_back(region);
  indicators::Request dated;
  dated.period = *core::Period::Parse("2021H2");
  dated.reference_date = core::Date::Parse("2021-09-15").value();
  dated.indicators = {"P1", "P5", "P10", "A1"};
  out.push_back(dated);
  return out;
}

TEST(ComputeManyTest, EachResultIsWhatComputeGivesForItsRequestAlone) {
  testing::TempDir dir;
  auto store = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE(ingest::ImportShippedRegions(**store, testing::ReferenceDir()).ok());
  std::array<unsigned char, ingest::kPseudonymKeyBytes> key{};
  key.fill(3);
  ASSERT_GT(testing::ImportGenerated(**store, ingest::Pseudonymiser::FromKey(key),
                                     testing::GeneratedYears(1200, 2020, 2021, 11), dir.path() / "gen"),
            100);
  store::DeliveryFilter filter;
  filter.current_only = true;
  auto data = (*store)->LoadDataset(filter);
  ASSERT_TRUE(data.ok()) << data.status().message();
  auto prepared = indicators::Prepare(*data);
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();

  const auto requests = Requests();
  const auto many = indicators::ComputeMany(*prepared, requests);
  ASSERT_EQ(many.size(), requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    SCOPED_TRACE("request " + std::to_string(i) + " (" + requests[i].period.ToString() + ")");
    auto alone = indicators::Compute(*prepared, requests[i]);
    auto unprepared = indicators::Compute(*data, requests[i]);
    ASSERT_TRUE(many[i].ok()) << many[i].status().message();
    ASSERT_TRUE(alone.ok()) << alone.status().message();
    ASSERT_TRUE(unprepared.ok()) << unprepared.status().message();
    ASSERT_GT(alone->size(), 20u);
    ASSERT_EQ(many[i]->size(), alone->size());
    EXPECT_EQ(indicators::RenderCsv(*many[i]), indicators::RenderCsv(*alone));
    EXPECT_EQ(indicators::RenderCsv(*unprepared), indicators::RenderCsv(*alone));
    std::size_t with_records = 0;
    for (std::size_t f = 0; f < alone->size(); ++f) {
      EXPECT_EQ((*many[i])[f].records, (*alone)[f].records) << (*alone)[f].indicator << " " << (*alone)[f].measure;
      with_records += (*alone)[f].records.empty() ? 0 : 1;
    }
    if (requests[i].drill_down) {
      EXPECT_GT(with_records, 10u) << "the drill-down request has records to compare";
    }
  }
}

}  // namespace
}  // namespace onderdak
