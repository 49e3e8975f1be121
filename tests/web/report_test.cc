// The regional report's HTML (web/report_page.h): self-contained, the key figures of the
// year beside the year before only where both deliveries were complete, each national
// target with its deadline (and, for a share, whether the region meets it), the chapters
// and the provenance; a region name with quotes cannot break the page's footer.
#include "onderdak/web/report_page.h"

#include <gtest/gtest.h>

#include "onderdak/web/dashboard_parts.h"

namespace onderdak::web {
namespace {

std::size_t MeasureIndexOf(std::string_view indicator, std::string_view measure) {
  const auto all = HeadlineMeasures();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].indicator == indicator && all[i].measure == measure) return i;
  }
  return all.size();
}

RegionReportData Data() {
  RegionReportData d;
  d.year = 2023;
  d.provenance.deliveries_version = "120:118";
  d.provenance.data_as_of = "2024-02-01";
  d.provenance.reference = "regions_2023_approximate.csv (v1)";
  d.provenance.software_version = "9.9.9";
  RegionPageData& r = d.region;
  r.code = "GM0796";
  r.name = "'s-Hertogenbosch \"test\"";
  r.members = {"'s-Hertogenbosch", "Vught"};
  r.definition.choices = {{"monitor", "Landelijke monitor", "National monitor"}};
  r.periods = {"2022H1", "2022H2", "2023H1", "2023H2"};
  for (std::size_t i = 0; i < HeadlineMeasures().size(); ++i) {
    RegionPageData::Row row;
    row.measure = i;
    for (std::size_t p = 0; p < 4; ++p) {
      row.region.push_back({Cell::State::kValue, 10.0 + static_cast<double>(p)});
      row.national.push_back({Cell::State::kValue, 100.0 + static_cast<double>(p)});
    }
    r.rows.push_back(std::move(row));
  }
  // P5's share: 0.30 in 2023H2, 0.25 a year earlier.
  auto& p5 = r.rows[MeasureIndexOf("P5", "ended.over_90_days_share")];
  p5.region[3] = {Cell::State::kValue, 0.30};
  p5.region[1] = {Cell::State::kValue, 0.25};
  p5.national[3] = {Cell::State::kValue, 0.2};
  // P6 withheld in 2023H2.
  r.rows[MeasureIndexOf("P6", "to_housing_share")].region[3] = {Cell::State::kSuppressed, 0};
  for (const auto& period : r.periods) r.completeness.push_back({period, "complete", 3, 3, {}});
  r.hidden.resize(4);
  r.targets.push_back({.id = "p5",
                       .indicator = "P5",
                       .measure = "ended.over_90_days_share",
                       .label = "Niemand langer dan 3 maanden",
                       .unit = "share",
                       .comparison = "at_most",
                       .value = 0,
                       .deadline = "2030-12-31"});
  return d;
}

std::string KeyRow(const std::string& html, const std::string& indicator) {
  const auto at = html.find("<tr data-indicator=\"" + indicator + "\"");
  return at == std::string::npos ? std::string() : html.substr(at, html.find("</tr>", at) - at);
}

TEST(ReportTest, KeyFiguresWithChangeTargetAndMarks) {
  const std::string html = RenderRegionReport(Data(), Lang::kNl).html;
  const std::string p5 = KeyRow(html, "P5");
  EXPECT_NE(p5.find(">30,0 %</td><td class=\"num\">25,0 %</td><td>hoger</td><td class=\"num\">20,0 %</td>"),
            std::string::npos)
      << p5;
  EXPECT_NE(p5.find("Niemand langer dan 3 maanden, uiterlijk 31 december 2030 (de regio haalt dit nog niet)"),
            std::string::npos)
      << p5;
  EXPECT_NE(KeyRow(html, "P6").find("data-mark=\"1\""), std::string::npos);  // withheld, as x
  EXPECT_NE(KeyRow(html, "P1").find("geen landelijk doel"), std::string::npos);
}

TEST(ReportTest, AnIncompleteDeliveryIsNeverAChange) {
  RegionReportData d = Data();
  d.region.completeness[1].status = "partial";  // 2022H2, the year before
  const std::string html = RenderRegionReport(d, Lang::kNl).html;
  EXPECT_NE(KeyRow(html, "P5").find("<td>niet te vergelijken</td>"), std::string::npos);
  d.region.completeness[3].status = "partial";  // 2023H2 itself: said beside the figure
  EXPECT_NE(KeyRow(RenderRegionReport(d, Lang::kNl).html, "P5").find("levering onvolledig"), std::string::npos);
}

TEST(ReportTest, SelfContainedWithChaptersAndProvenance) {
  const ReportDocument report = RenderRegionReport(Data(), Lang::kNl);
  EXPECT_EQ(report.title, "Dakloosheid en Wonen Eerst in de regio 's-Hertogenbosch \"test\", 2023");  // the PDF's
  const std::string& html = report.html;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  for (const char* id : {"id=\"preventie\"", "id=\"opvang\"", "id=\"wonen\"", "id=\"jongeren\"", "id=\"toegang\"",
                         "id=\"geld\"", "id=\"volledigheid\"", "id=\"definities\"", "id=\"bronnen\""}) {
    EXPECT_NE(html.find(id), std::string::npos) << id;
  }
  EXPECT_NE(html.find("<code>120:118</code>"), std::string::npos);
  EXPECT_NE(html.find("onderdak report --region GM0796 --year 2023 --definition monitor"), std::string::npos);
  EXPECT_NE(html.find("name=\"onderdak:deliveries-version\" content=\"120:118\""), std::string::npos);
  // The half-years of the year before and of the year, each chapter table with four rows.
  EXPECT_NE(html.find("<tr data-period=\"2022H1\">"), std::string::npos);
  EXPECT_NE(html.find("<tr data-period=\"2023H2\">"), std::string::npos);
  // The footer's CSS string escapes the name's quotes.
  EXPECT_NE(html.find("content: \"onderdak · 's-Hertogenbosch \\\"test\\\" · 2023\""), std::string::npos);
  EXPECT_NE(html.find("counter(page) \" van \" counter(pages)"), std::string::npos);
  EXPECT_EQ(html.find("id=\"synthetic-data\""), std::string::npos);
  RegionReportData synthetic = Data();
  synthetic.provenance.synthetic = true;
  EXPECT_NE(RenderRegionReport(synthetic, Lang::kEn).html.find("id=\"synthetic-data\""), std::string::npos);
}

TEST(ReportTest, RegionsOfSimilarSizeNeedPopulationFigures) {
  RegionReportData d = Data();
  EXPECT_NE(RenderRegionReport(d, Lang::kNl).html.find("id=\"similar-none\""), std::string::npos);
  d.similar_measures = {MeasureIndexOf("P1", "persons_on_date")};
  d.population_date = "2023-01-01";
  d.similar = {{.code = "GM0796", .name = "Den Bosch", .inhabitants = 400000, .cells = {{Cell::State::kValue, 80}}},
               {.code = "GM0855", .name = "Tilburg", .inhabitants = 420000, .cells = {{Cell::State::kSuppressed, 0}}}};
  const std::string html = RenderRegionReport(d, Lang::kNl).html;
  EXPECT_EQ(html.find("id=\"similar-none\""), std::string::npos);
  EXPECT_NE(html.find("<tr data-region=\"GM0796\" class=\"own\"><th scope=\"row\">Den Bosch</th><td "
                      "class=\"num\">400.000</td><td class=\"num\" data-value=\"80\">80</td><td "
                      "class=\"num\">2,0</td></tr>"),
            std::string::npos)
      << html.substr(html.find("id=\"similar\""), 900);
  EXPECT_NE(html.find("(bevolking op 1 januari 2023)"), std::string::npos);
  // A withheld count gives no rate either.
  const auto tilburg = html.find("<tr data-region=\"GM0855\">");
  EXPECT_EQ(html.substr(tilburg, html.find("</tr>", tilburg) - tilburg).find("2,"), std::string::npos);
}

TEST(ReportTest, AYearWithoutHalfYearsSaysSo) {
  RegionReportData d = Data();
  d.year = 2030;
  d.region.periods = {"2021H1"};
  for (auto& row : d.region.rows) {
    row.region.resize(1);
    row.national.resize(1);
  }
  const std::string html = RenderRegionReport(d, Lang::kNl).html;
  EXPECT_NE(html.find("id=\"no-data\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"key-figures\""), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web

namespace onderdak::web {
namespace {

TEST(NationalReportTest, CoverMapRegionsAndProvenance) {
  NationalReportData d;
  d.overview.period = "2023H2";
  d.overview.definition.choices = {{"monitor", "Landelijke monitor", "National monitor"}};
  d.overview.regions_total = 2;
  d.overview.coverage = {.delivered = 1, .expected = 2, .missing = {"GM0599"}, .sufficient = false, .carried = {}};
  CompareData c;
  c.period = "2023H2";
  c.measures = {0};
  c.regions = {{"GM0363", "Amsterdam", {{Cell::State::kValue, 1234}}}, {"GM0599", "Rotterdam", {Cell{}}}};
  c.national = {{Cell::State::kValue, 1500}};
  d.regions = c;
  d.provenance.deliveries_version = "7:9";
  const std::string html = RenderNationalReport(d, Lang::kNl).html;
  EXPECT_NE(html.find("<title>Dakloosheid en Wonen Eerst in Nederland, 2e halfjaar 2023</title>"), std::string::npos);
  EXPECT_NE(html.find("<tr data-region=\"GM0363\"><th scope=\"row\">Amsterdam</th><td class=\"num\" "
                      "data-value=\"1234\">1.234</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr data-region=\"GM0599\"><th scope=\"row\">Rotterdam</th><td class=\"num\" data-value=\"\">"
                      "<abbr class=\"mark\" data-mark=\""),
            std::string::npos);  // not delivered: a mark, never 0
  EXPECT_NE(html.find("<tr data-region=\"NL\"><th scope=\"row\">Nederland</th><td class=\"num\" "
                      "data-value=\"1500\">1.500</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("onderdak report --national --period 2023H2 --definition monitor"), std::string::npos);
  EXPECT_NE(html.find("id=\"coverage-insufficient\""), std::string::npos);  // the overview's own warning
  EXPECT_EQ(html.find("<form"), std::string::npos);                         // a document, not a page
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web
