// The origin page (/herkomst, P13) as a pure function of its view model: the matrix as a
// table with row and column headers, unknown origin as its own row, withheld cells as
// "x" and left out of the flow chart, the flows as inline SVG, and the English switch.
#include "onderdak/web/origin_page.h"

#include <gtest/gtest.h>

namespace onderdak::web {
namespace {

OriginPageData Sample() {
  using S = Cell::State;
  OriginPageData d;
  d.periods = {"2021H1", "2021H2"};
  d.period = "2021H1";
  d.mapping_date = "2021-06-30";
  d.shelters = {{"GM0363", "Amsterdam"}, {"GM0599", "Rotterdam"}};
  d.origins = {{"GM0363", "Amsterdam"}, {"GM0599", "Rotterdam"}, {"unknown", ""}};
  d.matrix = {{{S::kValue, 40}, {S::kValue, 12}},
              {{S::kSuppressed, 0}, {S::kValue, 50}},
              {{S::kValue, 7}, {S::kSuppressed, 0}}};
  d.origin_totals = {{S::kValue, 52}, {S::kValue, 53}, {S::kValue, 9}};
  d.summary = {{"GM0363",
                "Amsterdam",
                {S::kValue, 50},
                {S::kValue, 40},
                {S::kSuppressed, 0},
                {S::kValue, 7},
                {S::kValue, 0},
                {S::kNotApplicable, 0}},
               {"GM0599",
                "Rotterdam",
                {S::kValue, 64},
                {S::kValue, 50},
                {S::kValue, 12},
                {S::kSuppressed, 0},
                {S::kValue, 5},
                {S::kValue, 48.5}}};
  d.national = {
      "NL", "", {S::kValue, 114}, {S::kValue, 90}, {S::kValue, 15}, {S::kValue, 9}, {S::kValue, 5}, {S::kValue, 48.5}};
  return d;
}

TEST(OriginPageTest, MatrixIsAnAccessibleTableWithUnknownAsItsOwnRow) {
  const std::string html = RenderOriginPage(Sample(), Lang::kNl);
  EXPECT_NE(html.find("<html lang=\"nl\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
  EXPECT_NE(html.find("<table id=\"origin-matrix\"><caption>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\" class=\"num\" data-region=\"GM0599\">Rotterdam</th>"), std::string::npos);
  EXPECT_NE(html.find("<tr data-origin=\"unknown\"><th scope=\"row\">Herkomst onbekend</th>"), std::string::npos);
  // Rotterdam's row: withheld in Amsterdam, 50 in Rotterdam, 53 nationally.
  EXPECT_NE(html.find("<tr data-origin=\"GM0599\"><th scope=\"row\">Rotterdam</th><td class=\"num\" data-value=\"\">x"
                      "</td><td class=\"num\" data-value=\"50\">50</td><td class=\"num\" data-value=\"53\">53</td>"),
            std::string::npos);
  EXPECT_NE(html.find("id=\"regio-GM0363\""), std::string::npos);
  EXPECT_NE(html.find("datetime=\"2021-06-30\""), std::string::npos);
  EXPECT_NE(html.find("n.v.t."), std::string::npos);  // Amsterdam's median: no stays from elsewhere
}

TEST(OriginPageTest, FlowChartDrawsPublishedFlowsBetweenRegionsOnly) {
  const std::string html = RenderOriginPage(Sample(), Lang::kNl);
  ASSERT_NE(html.find("<svg id=\"flow-chart\" role=\"img\""), std::string::npos);
  // Amsterdam -> Rotterdam (12) is drawn; the diagonal, the withheld Rotterdam ->
  // Amsterdam and the unknown origin are not.
  EXPECT_NE(html.find("data-origin=\"GM0363\" data-shelter=\"GM0599\""), std::string::npos);
  EXPECT_EQ(html.find("data-origin=\"GM0599\" data-shelter=\"GM0363\""), std::string::npos);
  EXPECT_EQ(html.find("data-origin=\"GM0363\" data-shelter=\"GM0363\""), std::string::npos);
  EXPECT_EQ(html.find("class=\"flow\" data-origin=\"unknown\""), std::string::npos);

  OriginPageData none = Sample();
  none.matrix[0][1] = {Cell::State::kSuppressed, 0};
  const std::string withheld = RenderOriginPage(none, Lang::kNl);
  EXPECT_EQ(withheld.find("<svg id=\"flow-chart\""), std::string::npos);
  EXPECT_NE(withheld.find("<p id=\"flows-none\">"), std::string::npos);
}

TEST(OriginPageTest, EnglishSwitch) {
  const std::string nl = RenderOriginPage(Sample(), Lang::kNl);
  EXPECT_NE(nl.find("href=\"?period=2021H1&amp;lang=en\""), std::string::npos);
  const std::string en = RenderOriginPage(Sample(), Lang::kEn);
  EXPECT_NE(en.find("<html lang=\"en\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
  EXPECT_NE(en.find("Origin of persons in shelter"), std::string::npos);
  EXPECT_NE(en.find("<th scope=\"row\">Origin unknown</th>"), std::string::npos);
  EXPECT_EQ(en.find("Herkomst onbekend"), std::string::npos);
  EXPECT_NE(en.find("href=\"?period=2021H1&amp;lang=nl\""), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web
