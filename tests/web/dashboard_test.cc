#include "onderdak/web/dashboard.h"

#include <gtest/gtest.h>

#include <set>

#include "onderdak/web/html.h"
#include "onderdak/web/tile_grid.h"

namespace onderdak::web {
namespace {

TEST(TileGridTest, KeepsNorthUpAndWestLeftWithoutSharingCells) {
  // Groningen (NE), Maastricht (S), Middelburg (SW), Den Helder (NW), Utrecht (centre).
  const std::vector<TilePoint> points = {{"GM0014", 6.57, 53.22},
                                         {"GM0935", 5.69, 50.85},
                                         {"GM0687", 3.61, 51.50},
                                         {"GM0400", 4.76, 52.93},
                                         {"GM0344", 5.12, 52.09}};
  const auto tiles = LayoutTileGrid(points);
  ASSERT_EQ(tiles.size(), points.size());
  std::set<std::pair<int, int>> cells;
  for (const auto& t : tiles) EXPECT_TRUE(cells.insert({t.col, t.row}).second) << t.code;
  auto at = [&](std::string_view code) {
    for (const auto& t : tiles) {
      if (t.code == code) return t;
    }
    return Tile{};
  };
  EXPECT_LT(at("GM0014").row, at("GM0935").row);  // Groningen above Maastricht
  EXPECT_LT(at("GM0687").col, at("GM0014").col);  // Middelburg left of Groningen
  EXPECT_LT(at("GM0400").row, at("GM0344").row);  // Den Helder above Utrecht
  EXPECT_EQ(at("GM0014").row, 0);                 // empty outer rows trimmed
  // Deterministic: the same input gives the same grid, whatever the input order.
  std::vector<TilePoint> reversed(points.rbegin(), points.rend());
  for (const auto& t : LayoutTileGrid(reversed)) {
    EXPECT_EQ(t.col, at(t.code).col) << t.code;
    EXPECT_EQ(t.row, at(t.code).row) << t.code;
  }
}

TEST(TileGridTest, RegionsWithoutCoordinatesGoBelow) {
  const std::vector<TilePoint> points = {
      {"GM0001", 5.0, 52.0}, {"GM0002", std::nullopt, std::nullopt}, {"GM0003", 6.0, 53.0}};
  const auto tiles = LayoutTileGrid(points);
  EXPECT_GT(tiles[1].row, std::max(tiles[0].row, tiles[2].row));
}

TEST(DashboardTest, EveryMeasureHasALabelAndSuppressedIsNotZero) {
  for (std::size_t i = 0; i < HeadlineMeasures().size(); ++i) {
    const auto& m = HeadlineMeasures()[i];
    EXPECT_TRUE(HasTranslation(Lang::kNl, m.label_key)) << m.label_key;
    EXPECT_TRUE(HasTranslation(Lang::kEn, m.label_key)) << m.label_key;
  }
  EXPECT_EQ(HeadlineMeasures().size(), 20u);  // P1-P12, A1-A7
  EXPECT_EQ(FormatCell(Lang::kNl, "share", {Cell::State::kValue, 0.247}), "24,7 %");
  EXPECT_EQ(FormatCell(Lang::kEn, "days", {Cell::State::kValue, 12}), "12 days");
  // One meaning per sign (marks.h): withheld, not delivered, insufficient coverage.
  EXPECT_EQ(FormatCell(Lang::kNl, "persons", {Cell::State::kSuppressed, 0}), "x");
  EXPECT_EQ(FormatCell(Lang::kNl, "persons", {}), "n.g.");
  EXPECT_EQ(FormatCell(Lang::kEn, "persons", {}), "n.d.");
  EXPECT_EQ(FormatCell(Lang::kNl, "persons", {Cell::State::kInsufficient, 0}), "o.g.");
  EXPECT_EQ(FormatCell(Lang::kEn, "persons", {Cell::State::kInsufficient, 0}), "i.d.");
  // Every mark has its own sign, and the legend explains each in both languages.
  std::set<std::string> signs;
  for (Mark m : {Mark::kSuppressed, Mark::kNotDelivered, Mark::kInsufficient, Mark::kNotApplicable, Mark::kNotEstimable,
                 Mark::kUnknown}) {
    for (Lang lang : {Lang::kNl, Lang::kEn}) {
      EXPECT_FALSE(MarkSign(lang, m).empty());
      EXPECT_NE(MarksLegend(lang).find(EscapeHtml(MarkMeaning(lang, m))), std::string::npos);
    }
    signs.insert(std::string(MarkSign(Lang::kNl, m)));
  }
  EXPECT_EQ(signs.size(), 6u);
}

TEST(DashboardTest, MapColoursValuesAndMarksSuppressedAndMissing) {
  MapData d;
  d.periods = {"2021H1"};
  d.period = "2021H1";
  d.measure = 4;  // P5, a share: coloured (a count is a circle, map_legend_test.cc)
  d.regions = {{"GM0001", "Laag", 0, 0, {Cell::State::kValue, 0.1}},
               {"GM0002", "Hoog", 1, 0, {Cell::State::kValue, 0.9}},
               {"GM0003", "Klein", 0, 1, {Cell::State::kSuppressed, 0}},
               {"GM0004", "Leeg", 1, 1, {}}};
  const std::string html = RenderMapPage(d, Lang::kNl);
  EXPECT_NE(html.find("fill=\"#c7e9b4\" data-class=\"0\""), std::string::npos);
  EXPECT_NE(html.find("fill=\"#0c2c84\" data-class=\"4\""), std::string::npos);
  EXPECT_NE(html.find("fill=\"url(#hatch)\" data-class=\"suppressed\""), std::string::npos);
  EXPECT_NE(html.find("data-class=\"missing\" stroke-dasharray"), std::string::npos);
  EXPECT_NE(html.find("<tr data-region=\"GM0003\" data-state=\"suppressed\">"), std::string::npos);
  EXPECT_NE(html.find("href=\"/regio/GM0001?lang=nl&amp;period=2021H1\""), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web
