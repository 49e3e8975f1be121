// The map legend's class edges (web/map_page.cc): readable for fractional values, never
// two identical edges, and saying exactly which values each colour stands for.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "onderdak/web/dashboard.h"

namespace onderdak::web {
namespace {

// The legend's value classes as "class: text", in order.
std::vector<std::string> LegendItems(const std::string& html) {
  std::vector<std::string> out;
  const std::regex item(R"re(<li data-class="([0-4])"><svg[^\n]*?</svg> ([^<]*)</li>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), item); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1].str() + ": " + (*it)[2].str());
  }
  return out;
}

MapData WithValues(std::size_t measure, const std::vector<double>& values) {
  MapData d;
  d.periods = {"2021H1"};
  d.period = "2021H1";
  d.measure = measure;
  int i = 0;
  for (double v : values) {
    d.regions.push_back({"GM000" + std::to_string(i), "R" + std::to_string(i), i, 0, {Cell::State::kValue, v}});
    ++i;
  }
  return d;
}

// The class a region's tile is drawn with.
std::string ClassOf(const std::string& html, const std::string& code) {
  const auto at = html.find("class=\"tile\" href=\"/regio/" + code + "?");
  const auto cls = html.find("data-class=\"", at);
  return html.substr(cls + 12, html.find('"', cls + 12) - cls - 12);
}

constexpr std::size_t kP5 = 4;  // a share
constexpr std::size_t kP1 = 0;  // persons

TEST(MapLegendTest, ShareEdgesArePercentagesWithJustEnoughDecimals) {
  // A narrow range of shares: one decimal separates the edges.
  auto items = LegendItems(RenderMapPage(WithValues(kP5, {0.333, 0.35}), Lang::kNl));
  EXPECT_EQ(items, (std::vector<std::string>{"0: 33,3 % – 33,6 %", "1: 33,6 % – 34,0 %", "2: 34,0 % – 34,3 %",
                                             "3: 34,3 % – 34,7 %", "4: 34,7 % – 35,0 %"}));
  // The whole range needs none.
  items = LegendItems(RenderMapPage(WithValues(kP5, {0, 1}), Lang::kEn));
  EXPECT_EQ(items.front(), "0: 0% – 20%");
  EXPECT_EQ(items.back(), "4: 80% – 100%");
  // A tenth of a percentage point: two decimals, and no two edges alike.
  items = LegendItems(RenderMapPage(WithValues(kP5, {0.3330, 0.3340}), Lang::kNl));
  ASSERT_EQ(items.size(), 5u);
  std::set<std::string> edges;
  for (const auto& item : items) {
    const auto text = item.substr(3);
    edges.insert(text.substr(0, text.find(" – ")));
  }
  EXPECT_EQ(edges.size(), 5u) << items[0] << " | " << items[1];
  EXPECT_EQ(items.front(), "0: 33,30 % – 33,32 %");
}

TEST(MapLegendTest, WholeCountsShowTheWholeNumbersEachColourHolds) {
  const std::string html = RenderMapPage(WithValues(kP1, {3, 4, 5, 6, 7}), Lang::kNl);
  EXPECT_EQ(LegendItems(html), (std::vector<std::string>{"0: 3", "1: 4", "2: 5", "3: 6", "4: 7"}));
  for (int v = 3; v <= 7; ++v) EXPECT_EQ(ClassOf(html, "GM000" + std::to_string(v - 3)), std::to_string(v - 3));
  // Three whole numbers over five classes: the classes that can hold none are left out.
  const std::string narrow = RenderMapPage(WithValues(kP1, {3, 4, 5}), Lang::kNl);
  EXPECT_EQ(LegendItems(narrow), (std::vector<std::string>{"0: 3", "2: 4", "4: 5"}));
  EXPECT_EQ(ClassOf(narrow, "GM0001"), "2");
  // Wide ranges: thousands separated, no fractional persons.
  EXPECT_EQ(LegendItems(RenderMapPage(WithValues(kP1, {10, 1234}), Lang::kNl)).front(), "0: 10 – 254");
  // One value for every region: one class.
  EXPECT_EQ(LegendItems(RenderMapPage(WithValues(kP1, {8, 8}), Lang::kNl)), (std::vector<std::string>{"2: 8"}));
}

}  // namespace
}  // namespace onderdak::web
