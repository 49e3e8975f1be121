// A provider's own figures per location (issue 19 item 4, docs/indicators.md §7): a case
// computed by hand, its drill-down, and that the places and occupied places of a region's
// providers add up to A1's.
#include "onderdak/indicators/provider_figures.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "golden.h"

namespace onderdak::indicators {
namespace {

class ProviderFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = golden::LoadCase(std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) /
                              "tests/indicators/provider/two_organisations.txt");
    ASSERT_TRUE(c.ok()) << c.status().message();
    case_ = std::move(*c);
    auto p = Prepare(case_.data);
    ASSERT_TRUE(p.ok()) << p.status().message();
    prepared_.emplace(std::move(*p));
  }
  ProviderFigures Figures(const std::string& organisation, const char* period = "2021H1") {
    auto f = ComputeProviderFigures(
        *prepared_, {.organisation = organisation, .period = *core::Period::Parse(period), .regions = {}});
    EXPECT_TRUE(f.ok()) << f.status().message();
    return f.ok() ? *f : ProviderFigures{};
  }
  golden::Case case_;
  std::optional<Prepared> prepared_;
};

TEST_F(ProviderFiguresTest, LocationFiguresAreTheHandComputedOnes) {
  const auto a = Figures("ORG-A");
  EXPECT_EQ(a.period, "2021H1");
  EXPECT_EQ(a.regions, std::vector<std::string>{"GM0363"});
  ASSERT_EQ(a.facilities.size(), 2u);  // F1, then the stays without a location
  const auto& f1 = a.facilities[0];
  EXPECT_EQ(f1.facility, "F1");
  EXPECT_EQ(f1.region, "GM0363");
  EXPECT_EQ(f1.service_type, "24uursopvang");
  EXPECT_EQ(f1.places, 18);
  EXPECT_EQ(f1.single_room_places, 10);
  EXPECT_EQ(f1.place_nights, 59 * 20 + 122 * 18);
  EXPECT_EQ(f1.occupied, 2);
  EXPECT_DOUBLE_EQ(*f1.occupancy(), 2.0 / 18);
  EXPECT_EQ(f1.bed_nights, 30 + 60 + 89);
  EXPECT_DOUBLE_EQ(*f1.average_occupancy(), 179.0 / 3376);
  EXPECT_EQ(f1.stays, 3);
  EXPECT_EQ(f1.persons, 3);
  EXPECT_EQ(f1.ended, 2);
  EXPECT_DOUBLE_EQ(*f1.ended_median_days, (61 + 121) / 2.0);
  EXPECT_EQ(f1.ended_over_90_days, 1);
  EXPECT_EQ(f1.exits, 2);
  EXPECT_EQ(f1.exits_to_housing, 1);
  EXPECT_DOUBLE_EQ(*f1.to_housing_share(), 0.5);
  EXPECT_EQ(f1.overlapping_other_provider, 0);

  const auto& none = a.facilities[1];
  EXPECT_EQ(none.facility, "");
  EXPECT_EQ(none.stays, 1);
  EXPECT_EQ(none.bed_nights, 0);
  EXPECT_EQ(none.occupied, 0);
  EXPECT_EQ(none.ended, 1);
  EXPECT_EQ(none.exits, 0);  // to another shelter: not an exit (P6)
  EXPECT_FALSE(none.occupancy().has_value());
  EXPECT_FALSE(none.to_housing_share().has_value());

  ASSERT_EQ(a.waiting.size(), 2u);
  EXPECT_EQ(a.waiting[0].waiting_list_type, "beschermd_wonen");
  EXPECT_EQ(a.waiting[0].registered, 1);
  EXPECT_EQ(a.waiting[0].waiting, 1);
  EXPECT_DOUBLE_EQ(*a.waiting[0].waiting_median_days, 0);
  EXPECT_EQ(a.waiting[1].waiting_list_type, "opvang");
  EXPECT_EQ(a.waiting[1].registered, 1);
  EXPECT_EQ(a.waiting[1].placed, 1);
  EXPECT_DOUBLE_EQ(*a.waiting[1].placed_median_days, 30);
  EXPECT_EQ(a.waiting[1].waiting, 1);
  EXPECT_DOUBLE_EQ(*a.waiting[1].waiting_median_days, 192);
}

TEST_F(ProviderFiguresTest, AProviderSeesOnlyItsOwnOrganisation) {
  const auto b = Figures("ORG-B");
  ASSERT_EQ(b.facilities.size(), 1u);
  EXPECT_EQ(b.facilities[0].facility, "G1");
  EXPECT_EQ(b.facilities[0].places, 10);
  EXPECT_EQ(b.facilities[0].place_nights, 181 * 10);
  EXPECT_EQ(b.facilities[0].occupied, 1);
  EXPECT_EQ(b.facilities[0].bed_nights, 1);  // the night of 30 June, open at the delivery's end
  EXPECT_TRUE(b.waiting.empty());
  // Nothing delivered for the period, or an unknown organisation: no figures, not zeros.
  EXPECT_TRUE(Figures("ORG-A", "2021H2").facilities.empty());
  EXPECT_TRUE(Figures("ORG-A", "2021H2").regions.empty());
  EXPECT_TRUE(Figures("ORG-C").facilities.empty());
  EXPECT_FALSE(ComputeProviderFigures(*prepared_, {.organisation = "", .period = core::Period::Year(2021)}).ok());
  // Another region's filter hides the organisation's deliveries.
  auto other = ComputeProviderFigures(
      *prepared_, {.organisation = "ORG-A", .period = core::Period::HalfYear(2021, 1), .regions = {"GM0599"}});
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->facilities.empty());
}

TEST_F(ProviderFiguresTest, TheProvidersOfARegionAddUpToA1) {
  auto figures = Compute(*prepared_, case_.request);
  ASSERT_TRUE(figures.ok()) << figures.status().message();
  double a1_places = -1, a1_occupied = -1;
  for (const auto& f : *figures) {
    if (f.indicator != "A1" || f.region != "GM0363" || f.breakdown != "total") continue;
    if (f.measure == "places") a1_places = f.value;
    if (f.measure == "occupancy") a1_occupied = static_cast<double>(*f.numerator);
  }
  std::int64_t places = 0, occupied = 0;
  for (const char* org : {"ORG-A", "ORG-B"}) {
    for (const auto& row : Figures(org).facilities) {
      places += row.places;
      if (!row.facility.empty()) occupied += row.occupied;
    }
  }
  EXPECT_EQ(places, 28);
  EXPECT_DOUBLE_EQ(a1_places, static_cast<double>(places));
  EXPECT_DOUBLE_EQ(a1_occupied, static_cast<double>(occupied));
}

TEST_F(ProviderFiguresTest, TheDrillDownListsTheLocationsStaysWithPseudonymsOnly) {
  const core::Period h1 = core::Period::HalfYear(2021, 1);
  auto stays = ProviderStays(*prepared_, {.organisation = "ORG-A", .period = h1}, "GM0363", "F1");
  ASSERT_TRUE(stays.ok()) << stays.status().message();
  ASSERT_EQ(stays->size(), 3u);
  EXPECT_EQ((*stays)[0].record_id, "S3");  // by start date
  EXPECT_EQ((*stays)[0].pseudonym, "b:3");
  EXPECT_EQ((*stays)[0].length_days, 121);
  EXPECT_EQ((*stays)[0].nights_in_period, 89);
  EXPECT_EQ((*stays)[0].exit_destination, "zelfstandige_woning");
  EXPECT_EQ((*stays)[2].record_id, "S1");
  EXPECT_FALSE((*stays)[2].end.has_value());
  EXPECT_EQ((*stays)[2].known_end, *core::Date::Parse("2021-06-30"));
  EXPECT_EQ((*stays)[2].length_days, 30);
  auto without = ProviderStays(*prepared_, {.organisation = "ORG-A", .period = h1}, "GM0363", "");
  ASSERT_TRUE(without.ok());
  ASSERT_EQ(without->size(), 1u);
  EXPECT_EQ((*without)[0].record_id, "S4");
  // Another organisation's location shows nothing to ORG-A.
  EXPECT_TRUE(ProviderStays(*prepared_, {.organisation = "ORG-A", .period = h1}, "GM0363", "G1")->empty());
}

// A7's cross-provider overlap, seen by the provider as a count per location (never which
// other provider): ORG-A's stay S2 shares nights with the same person's stay at ORG-B.
TEST(ProviderFiguresOverlapTest, AStayAlsoAtAnotherProviderIsCounted) {
  auto c = golden::LoadCase(std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) /
                            "tests/indicators/golden/a7_cross_provider_overlap.txt");
  ASSERT_TRUE(c.ok()) << c.status().message();
  auto prepared = Prepare(c->data);
  ASSERT_TRUE(prepared.ok());
  auto a = ComputeProviderFigures(*prepared, {.organisation = "ORG-A", .period = core::Period::HalfYear(2021, 1)});
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_EQ(a->facilities.size(), 1u);
  EXPECT_EQ(a->facilities[0].stays, 5);
  EXPECT_EQ(a->facilities[0].overlapping_other_provider, 1);
  auto b = ComputeProviderFigures(*prepared, {.organisation = "ORG-B", .period = core::Period::HalfYear(2021, 1)});
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->facilities.size(), 1u);
  EXPECT_EQ(b->facilities[0].overlapping_other_provider, 1);
}

}  // namespace
}  // namespace onderdak::indicators
