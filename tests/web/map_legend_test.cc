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

// A count is a circle whose area is proportional to it, on a neutral ground, never a
// colour class (issue 21 item 5): colouring a region by a count shows its population.
TEST(MapLegendTest, CountsAreCirclesWithAreaProportionalToTheCount) {
  const std::string html = RenderMapPage(WithValues(kP1, {100, 25, 0}), Lang::kNl);
  EXPECT_EQ(LegendItems(html), std::vector<std::string>{});  // no colour classes
  for (const char* code : {"GM0000", "GM0001", "GM0002"}) EXPECT_EQ(ClassOf(html, code), "symbol");
  auto radius = [&](const std::string& code) {
    const auto at = html.find("data-region=\"" + code + "\"");
    const auto r = html.find(" r=\"", html.find("<circle class=\"symbol\"", at));
    return std::stod(html.substr(r + 4));
  };
  EXPECT_DOUBLE_EQ(radius("GM0000"), 26.0);  // the largest
  EXPECT_DOUBLE_EQ(radius("GM0001"), 13.0);  // a quarter of it: half the radius, a quarter of the area
  EXPECT_DOUBLE_EQ(radius("GM0002"), 0.0);
  // The legend: reference circles at the map's scale, with their counts, and why circles.
  EXPECT_NE(html.find("id=\"map-symbols-note\""), std::string::npos);
  EXPECT_NE(html.find("r=\"26.0\" fill=\"#7fcdbb\" stroke=\"#225ea8\" stroke-width=\"1.5\"/></svg> 100</li>"),
            std::string::npos);
  EXPECT_NE(html.find("</svg> 20</li>"), std::string::npos);  // 100 / 4, one significant digit
  EXPECT_NE(html.find("</svg> 6</li>"), std::string::npos);   // 100 / 16, one significant digit
  // A rate colours the region; a withheld count is hatched, never a circle of 0.
  EXPECT_NE(ClassOf(RenderMapPage(WithValues(kP5, {0.1, 0.2}), Lang::kNl), "GM0000"), "symbol");
  MapData withheld = WithValues(kP1, {10});
  withheld.regions[0].cell = {Cell::State::kSuppressed, 0};
  const std::string hatched = RenderMapPage(withheld, Lang::kNl);
  EXPECT_EQ(ClassOf(hatched, "GM0000"), "suppressed");
  EXPECT_EQ(hatched.find("<circle class=\"symbol\""), std::string::npos);
}

// The lightest colour class is not the white of "not delivered".
TEST(MapLegendTest, TheLightestClassIsNotTheMissingWhite) {
  const std::string html = RenderMapPage(WithValues(kP5, {0.1, 0.9}), Lang::kNl);
  auto fill_of = [&](const std::string& item) {
    const auto at = html.find("fill=\"", html.find("<li data-class=\"" + item + "\">"));
    return html.substr(at + 6, 7);
  };
  EXPECT_EQ(fill_of("missing"), "#ffffff");
  EXPECT_EQ(fill_of("0"), "#c7e9b4");
  EXPECT_EQ(ClassOf(html, "GM0000"), "0");
}

// With population figures (ADR 0037), a count of persons is coloured per 10,000
// inhabitants; a withheld count stays withheld, a region without a population total is
// n.v.t., the national rate is over the inhabitants of the regions with a figure, and
// "scale=count" gives the circles back.
TEST(MapLegendTest, PersonsPerTenThousandInhabitantsWithPopulation) {
  MapData d = WithValues(kP1, {50, 20, 10, 7});
  d.regions[2].cell = {Cell::State::kSuppressed, 0};
  d.regions.push_back({"GM0009", "R9", 4, 0, {Cell::State::kMissing, 0}});
  d.national = {Cell::State::kValue, 80};
  d.population = MapData::Population{.date = "2023-01-01",
                                     .file = "bevolking.csv",
                                     .regions = {{"GM0000", 100000},
                                                 {"GM0001", 200000},
                                                 {"GM0002", 5000},
                                                 {"GM0009", 700000}}};  // GM0003: a member without a figure
  const std::string html = RenderMapPage(d, Lang::kNl);
  auto cell_text = [&](const std::string& code) {
    const auto row = html.find("<tr data-region=\"" + code + "\"");
    const auto at = html.find("data-value=", row);
    const auto gt = html.find('>', at);
    return html.substr(gt + 1, html.find('<', gt) - gt - 1);
  };
  EXPECT_EQ(cell_text("GM0000"), "5,0");  // 50 / 100.000 * 10.000
  EXPECT_EQ(cell_text("GM0001"), "1,0");
  EXPECT_EQ(cell_text("GM0002"), "x");       // withheld stays withheld
  EXPECT_EQ(cell_text("GM0003"), "n.v.t.");  // no population total
  EXPECT_EQ(ClassOf(html, "GM0000"), "4");   // coloured, the highest class
  EXPECT_EQ(ClassOf(html, "GM0001"), "0");
  EXPECT_EQ(ClassOf(html, "GM0002"), "suppressed");
  EXPECT_EQ(html.find("<circle class=\"symbol\""), std::string::npos);
  EXPECT_NE(html.find("data-scale=\"per10k\""), std::string::npos);
  EXPECT_NE(html.find("op 1 januari 2023 (bestand bevolking.csv)"), std::string::npos);
  EXPECT_NE(html.find("Geen inwonertal voor 1 regio"), std::string::npos);
  // Nationally: GM0003 delivered but has no population, so no national rate.
  EXPECT_NE(html.find("<p id=\"map-national\">Nederland: <strong>n.v.t.</strong>"), std::string::npos) << html;
  // The table also gives the count and the inhabitants.
  EXPECT_NE(html.find("<td class=\"num\">50</td><td class=\"num\">100.000</td>"), std::string::npos);

  // Without the region lacking a figure: 80 / (100.000 + 200.000 + 5.000) * 10.000; the
  // undelivered GM0009's inhabitants are not in the denominator.
  d.regions.erase(d.regions.begin() + 3);
  const std::string full = RenderMapPage(d, Lang::kEn);
  EXPECT_NE(full.find("<p id=\"map-national\">The Netherlands: <strong>2.6</strong>"), std::string::npos);

  d.counts_chosen = true;
  const std::string counts = RenderMapPage(d, Lang::kNl);
  EXPECT_EQ(ClassOf(counts, "GM0000"), "symbol");
  EXPECT_NE(counts.find("<option value=\"count\" selected>"), std::string::npos);
  EXPECT_EQ(counts.find("id=\"map-population\""), std::string::npos);

  // Places per 10,000 inhabitants per region, but no national rate: the national A2 count
  // carries regions that did not deliver (their inhabitants are not in the denominator).
  MapData places = d;
  places.measure = 13;  // A2 places_realised
  places.counts_chosen = false;
  ASSERT_EQ(HeadlineMeasures()[places.measure].unit, "places");
  const std::string places_html = RenderMapPage(places, Lang::kNl);
  EXPECT_NE(places_html.find("data-scale=\"per10k\""), std::string::npos);
  EXPECT_NE(places_html.find("<p id=\"map-national\">Nederland: <strong>n.v.t.</strong>"), std::string::npos);

  // A share has its own denominator: shown as it is, and the page says so.
  MapData shares = WithValues(kP5, {0.1, 0.2});
  shares.population = d.population;
  const std::string share_html = RenderMapPage(shares, Lang::kNl);
  EXPECT_NE(share_html.find("data-scale=\"own\""), std::string::npos);
  EXPECT_NE(share_html.find("geldt alleen voor aantallen personen en plekken"), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web
