// Disclosure control: small cells are suppressed and no suppressed cell can be recovered
// from its table's total and the published cells; rounding; a region's own figures.
#include <gtest/gtest.h>

#include <map>

#include "golden.h"
#include "onderdak/indicators/engine.h"

namespace onderdak::indicators {
namespace {

Figure Count(std::string region, std::string breakdown, double v, std::string measure = "persons_in_period") {
  Figure f;
  f.indicator = "P1";
  f.measure = std::move(measure);
  f.region = std::move(region);
  f.period = "2021H1";
  f.breakdown = std::move(breakdown);
  f.value = v;
  f.disclosive = true;
  f.records = {1, 2, 3};
  return f;
}

const Figure& Find(const std::vector<Figure>& fs, const std::string& region, const std::string& breakdown) {
  for (const auto& f : fs) {
    if (f.region == region && f.breakdown == breakdown) return f;
  }
  static Figure none;
  ADD_FAILURE() << "no figure " << region << " " << breakdown;
  return none;
}

// For every table (cells of one dimension with their total; regions with NL) either no
// element is suppressed or at least two are: a single suppressed one would equal the total
// minus the published cells.
void ExpectNotDerivable(const std::vector<Figure>& figures) {
  std::map<std::string, std::pair<int, int>> tables;  // key -> (suppressed, members)
  std::map<std::string, bool> has_total;              // regional tables: NL present
  for (const auto& f : figures) {
    if (!f.disclosive || !f.additive) continue;
    const auto eq = f.breakdown.find('=');
    const std::string base =
        f.indicator + "|" + f.measure + "|" + (f.reference_date ? f.reference_date->ToString() : "");
    std::vector<std::string> keys;
    if (eq == std::string::npos) {
      // The total belongs to each dimension table of its region; collected below.
      keys.push_back(base + "|" + f.region + "|#total");
    } else {
      keys.push_back(base + "|" + f.region + "|" + f.breakdown.substr(0, eq));
    }
    keys.push_back(base + "|*|" + f.breakdown);
    if (f.region == "NL") has_total[keys.back()] = true;
    for (const auto& k : keys) {
      tables[k].first += f.suppressed ? 1 : 0;
      tables[k].second += 1;
    }
  }
  for (const auto& [k, v] : tables) {
    if (k.ends_with("|#total")) continue;
    const auto cut = k.rfind('|');
    const auto total = tables.find(k.substr(0, cut) + "|#total");
    int hidden = v.first;
    const bool regional = k.find("|*|") != std::string::npos;
    if (regional && !has_total[k]) continue;  // without NL the regions are no table
    if (!regional) {
      if (total == tables.end()) continue;  // a dimension without its total is no table
      hidden += total->second.first;
    }
    EXPECT_NE(hidden, 1) << "table " << k << " has exactly one suppressed element";
  }
}

TEST(DisclosureTest, SmallCellAndItsComplementAreSuppressed) {
  std::vector<Figure> fs{Count("GM0363", "total", 20), Count("GM0363", "age=18-27", 3), Count("GM0363", "age=27-40", 7),
                         Count("GM0363", "age=40-55", 10)};
  ApplyDisclosureControl(fs, {});
  EXPECT_TRUE(Find(fs, "GM0363", "age=18-27").suppressed);
  EXPECT_TRUE(Find(fs, "GM0363", "age=27-40").suppressed) << "the smallest other cell hides the first";
  EXPECT_FALSE(Find(fs, "GM0363", "age=40-55").suppressed);
  EXPECT_FALSE(Find(fs, "GM0363", "total").suppressed);
  EXPECT_EQ(Find(fs, "GM0363", "age=18-27").value, 0);
  EXPECT_TRUE(Find(fs, "GM0363", "age=40-55").records.empty()) << "public output has no drill-down";
  // What an outsider can compute: total minus published cells = the sum of two hidden cells.
  const double published = Find(fs, "GM0363", "age=40-55").value;
  EXPECT_EQ(Find(fs, "GM0363", "total").value - published, 10.0);
  ExpectNotDerivable(fs);
}

// The threshold is 5 (docs/indicators.md §5.1): 4 is a small cell, 5 is published as it is.
TEST(DisclosureTest, TheThresholdIsFive) {
  EXPECT_EQ(DisclosureOptions{}.threshold, 5);
  std::vector<Figure> five{Count("GM0363", "total", 25), Count("GM0363", "gender=M", 5),
                           Count("GM0363", "gender=V", 20)};
  ApplyDisclosureControl(five, {});
  for (const auto& f : five) EXPECT_FALSE(f.suppressed) << f.breakdown;
  EXPECT_EQ(Find(five, "GM0363", "gender=M").value, 5);
  std::vector<Figure> four{Count("GM0363", "total", 25), Count("GM0363", "gender=M", 4),
                           Count("GM0363", "gender=V", 21)};
  ApplyDisclosureControl(four, {});
  EXPECT_TRUE(Find(four, "GM0363", "gender=M").suppressed);
  EXPECT_TRUE(Find(four, "GM0363", "gender=V").suppressed) << "else M = total - V";
  EXPECT_FALSE(Find(four, "GM0363", "total").suppressed);
  ExpectNotDerivable(four);
  // A region of 4 among regions: hidden, and so is another region, or NL minus the
  // published regions would give it.
  std::vector<Figure> regions{Count("NL", "total", 60), Count("GM0363", "total", 4), Count("GM0599", "total", 26),
                              Count("GM0344", "total", 30)};
  ApplyDisclosureControl(regions, {});
  EXPECT_TRUE(Find(regions, "GM0363", "total").suppressed);
  int hidden = 0;
  for (const auto& f : regions) hidden += f.suppressed ? 1 : 0;
  EXPECT_GE(hidden, 2);
  ExpectNotDerivable(regions);
}

TEST(DisclosureTest, ZeroCellsAreNotSmallAndAZeroIsNotPickedFirst) {
  std::vector<Figure> fs{Count("GM0363", "total", 30), Count("GM0363", "gender=M", 2), Count("GM0363", "gender=V", 28),
                         Count("GM0363", "gender=X", 0)};
  ApplyDisclosureControl(fs, {});
  EXPECT_TRUE(Find(fs, "GM0363", "gender=M").suppressed);
  EXPECT_FALSE(Find(fs, "GM0363", "gender=X").suppressed);
  EXPECT_TRUE(Find(fs, "GM0363", "gender=V").suppressed) << "a non-empty cell must protect the small one";
  ExpectNotDerivable(fs);
}

TEST(DisclosureTest, RegionsAndNationalFormATable) {
  std::vector<Figure> fs{Count("GM0363", "total", 3), Count("GM0599", "total", 12), Count("GM0518", "total", 40),
                         Count("NL", "total", 55)};
  ApplyDisclosureControl(fs, {});
  EXPECT_TRUE(Find(fs, "GM0363", "total").suppressed);
  EXPECT_TRUE(Find(fs, "GM0599", "total").suppressed);
  EXPECT_FALSE(Find(fs, "NL", "total").suppressed);
  ExpectNotDerivable(fs);
}

TEST(DisclosureTest, SecondarySuppressionPropagatesAcrossTables) {
  // Region A: age cells 3 (small) and 20; region B: 10 and 10; NL per cell is the sum.
  std::vector<Figure> fs{Count("A", "total", 23),  Count("A", "age=x", 3),   Count("A", "age=y", 20),
                         Count("B", "total", 20),  Count("B", "age=x", 10),  Count("B", "age=y", 10),
                         Count("NL", "total", 43), Count("NL", "age=x", 13), Count("NL", "age=y", 30)};
  ApplyDisclosureControl(fs, {});
  EXPECT_TRUE(Find(fs, "A", "age=x").suppressed);
  ExpectNotDerivable(fs);
}

TEST(DisclosureTest, SharesAndMediansOfSmallGroups) {
  Figure share = Count("GM0363", "total", 0.5, "returned_6m_share");
  share.numerator = 2;
  share.denominator = 4;
  Figure median = Count("GM0363", "total", 80, "ended.median_days");
  median.denominator = 3;
  median.additive = false;
  Figure big = Count("GM0363", "total", 0.5, "to_housing_share");
  big.numerator = 10;
  big.denominator = 20;
  std::vector<Figure> fs{share, median, big};
  ApplyDisclosureControl(fs, {});
  EXPECT_TRUE(fs[0].suppressed);
  EXPECT_FALSE(fs[0].numerator.has_value());
  EXPECT_TRUE(fs[1].suppressed);
  EXPECT_FALSE(fs[2].suppressed);
  EXPECT_EQ(fs[2].numerator, 10);
}

TEST(DisclosureTest, RoundingAndTheRegionsOwnFigures) {
  Figure share = Count("GM0599", "total", 3.0 / 8.0, "to_housing_share");
  share.numerator = 3;
  share.denominator = 8;
  std::vector<Figure> fs{Count("GM0363", "total", 7), Count("GM0599", "total", 8), share, Count("GM0599", "age=x", 2)};
  fs[0].records = {4};
  DisclosureOptions o;
  o.method = DisclosureOptions::Method::kRound;
  o.own_region = "GM0363";
  ApplyDisclosureControl(fs, o);
  EXPECT_EQ(fs[0].value, 7) << "own region unrounded";
  EXPECT_FALSE(fs[0].records.empty()) << "own region keeps its drill-down";
  EXPECT_EQ(fs[1].value, 10);
  EXPECT_TRUE(fs[1].rounded);
  EXPECT_EQ(fs[2].numerator, 5);
  EXPECT_EQ(fs[2].denominator, 10);
  EXPECT_DOUBLE_EQ(fs[2].value, 0.5);
  EXPECT_EQ(fs[3].value, 0);
}

TEST(DisclosureTest, AggregateFiguresOfRegionsAreNotControlled) {
  Figure places = Count("GM0363", "total", 3, "places");
  places.indicator = "A1";
  places.disclosive = false;
  std::vector<Figure> fs{places};
  ApplyDisclosureControl(fs, {});
  EXPECT_FALSE(fs[0].suppressed);
  EXPECT_EQ(fs[0].value, 3);
}

// End to end on a golden case with breakdowns: whatever is suppressed, nothing is derivable.
TEST(DisclosureTest, ComputedFiguresAfterControlAreNotDerivable) {
  for (const char* name : {"p1_basics.txt", "p5_90_vs_91.txt", "p11_access.txt", "p6_exits.txt"}) {
    auto c = golden::LoadCase(std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) / "tests/indicators/golden" / name);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    c->request.breakdowns = {"age", "gender", "ethos", "municipality"};
    auto figures = Compute(c->data, c->request);
    ASSERT_TRUE(figures.ok()) << figures.status().ToString();
    auto fs = *figures;
    ApplyDisclosureControl(fs, {});
    int suppressed = 0;
    for (const auto& f : fs) suppressed += f.suppressed ? 1 : 0;
    EXPECT_GT(suppressed, 0) << name << ": tiny data must have small cells";
    ExpectNotDerivable(fs);
  }
}

}  // namespace
}  // namespace onderdak::indicators
