#include "onderdak/web/html.h"

#include <gtest/gtest.h>

#include "onderdak/web/account_pages.h"
#include "onderdak/web/dashboard.h"
#include "onderdak/web/overview.h"

namespace onderdak::web {
namespace {

domain::Municipality M(std::string code, std::string name, std::string region) {
  domain::Municipality m;
  m.code = std::move(code);
  m.name = std::move(name);
  m.region_code = std::move(region);
  return m;
}

TEST(I18nTest, EveryKeyHasBothLanguages) {
  for (auto key : AllKeys()) {
    EXPECT_TRUE(HasTranslation(Lang::kNl, key)) << key;
    EXPECT_TRUE(HasTranslation(Lang::kEn, key)) << key;
  }
  EXPECT_EQ(ParseLang("en"), Lang::kEn);
  EXPECT_EQ(ParseLang(""), Lang::kNl);
  EXPECT_EQ(ParseLang("fr"), Lang::kNl);
}

// A half-year without a number says why (issue 22): the reason's text in the language.
TEST(HtmlTest, RegionPageSaysWhyThereIsNoEstimate) {
  RegionPageData d;
  d.code = "GM0363";
  d.name = "Amsterdam";
  d.hidden.push_back({"2021H1", "2021-01-01", "unavailable", 410, {}, {}, {}, "no_overlap"});
  d.hidden.push_back({"2021H2", "2021-07-01", "too_uncertain", 420, {}, 430, {}, "interval_open"});
  const std::string nl = RenderRegionPage(d, Lang::kNl);
  EXPECT_NE(nl.find("geen schatting mogelijk: <span class=\"hidden-reason\" data-reason=\"no_overlap\">de "
                    "registraties hebben niemand gemeen"),
            std::string::npos);
  EXPECT_NE(nl.find("data-reason=\"interval_open\">het interval heeft geen bovengrens"), std::string::npos);
  const std::string en = RenderRegionPage(d, Lang::kEn);
  EXPECT_NE(en.find("no estimate possible: <span class=\"hidden-reason\" data-reason=\"no_overlap\">the registers "
                    "have nobody in common"),
            std::string::npos);
}

// The region page opens with six figures, each with its period, its change since the
// period before and its target (issue 21 item 6); a change is stated only when the region
// delivered completely in both periods: a missing delivery never reads as a fall.
TEST(HtmlTest, RegionPageOpensWithASummaryThatNeverReadsAMissingDeliveryAsAFall) {
  RegionPageData d;
  d.code = "GM0363";
  d.name = "Amsterdam";
  d.periods = {"2021H1", "2021H2", "2022H1"};
  for (std::size_t i = 0; i < HeadlineMeasures().size(); ++i) {
    RegionPageData::Row row;
    row.measure = i;
    for (double v : {40.0, 30.0, 35.0}) {
      row.region.push_back({Cell::State::kValue, v});
      row.national.push_back({Cell::State::kValue, v * 10});
    }
    d.rows.push_back(std::move(row));
  }
  d.rows[5].region = {
      {Cell::State::kSuppressed, 0}, {Cell::State::kSuppressed, 0}, {Cell::State::kSuppressed, 0}};  // P6
  d.completeness = {
      {"2021H1", "complete", 3, 3, {}}, {"2021H2", "partial", 2, 3, {"Stichting B"}}, {"2022H1", "complete", 3, 3, {}}};
  d.targets.push_back({.indicator = "P1",
                       .measure = "persons_on_date",
                       .label = "Geen dakloze mensen in 2030",
                       .deadline = "2030-12-31"});
  const std::string nl = RenderRegionPage(d, Lang::kNl);
  const auto summary = nl.find("<section id=\"summary\"");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(summary, nl.find("id=\"hidden\""));  // first, before the sections
  const std::string s = nl.substr(summary, nl.find("</section>", summary) - summary);
  for (const char* indicator : {"P1", "P3", "P5", "P6", "A2", "A5"}) {
    EXPECT_NE(s.find(std::string("data-indicator=\"") + indicator + "\""), std::string::npos) << indicator;
  }
  // 2022H1 (complete) against 2021H2 (partial): no comparison, and why.
  EXPECT_NE(s.find("geen vergelijking met 2e halfjaar 2021: de aanlevering van deze regio was in een van beide "
                   "perioden niet volledig"),
            std::string::npos);
  EXPECT_EQ(s.find("hoger dan"), std::string::npos);
  EXPECT_EQ(s.find("lager dan"), std::string::npos);
  EXPECT_NE(s.find("Landelijk doel: Geen dakloze mensen in 2030 (uiterlijk 31 december 2030)"), std::string::npos);
  EXPECT_NE(s.find("Geen landelijk doel vastgelegd"), std::string::npos);
  EXPECT_NE(s.find("peildatum 1 januari 2022"), std::string::npos);
  // The withheld figure: its mark, no change stated.
  const auto p6 = s.find("data-indicator=\"P6\"");
  EXPECT_NE(s.find("<span class=\"value\">x</span>", p6), std::string::npos);
  EXPECT_NE(s.find("<p class=\"summary-trend\"></p>", p6), std::string::npos);
  // Both periods complete: the change is stated, with the earlier figure.
  d.completeness[1].status = "complete";
  const std::string complete = RenderRegionPage(d, Lang::kNl);
  EXPECT_NE(complete.find("hoger dan in 2e halfjaar 2021 (30)"), std::string::npos);
  // The latest period incomplete: its figure is said to be possibly too low.
  d.completeness[2].status = "partial";
  EXPECT_NE(RenderRegionPage(d, Lang::kNl).find("aanlevering onvolledig: het cijfer kan te laag zijn"),
            std::string::npos);
  EXPECT_NE(RenderRegionPage(d, Lang::kEn).find("delivery incomplete: the figure may be too low"), std::string::npos);
}

TEST(HtmlTest, EscapesMarkup) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(HtmlTest, RegionsPageInDutchAndEnglish) {
  domain::ReferenceSet set(
      {M("GM0363", "Amsterdam", "GM0363"), M("GM0362", "Amstelveen", "GM0363"), M("GM0599", "<Rotterdam>", "GM0599")});
  domain::ReferenceVersion v;
  v.approximate = true;
  v.source = "regions.csv";
  const std::string nl = RenderRegionsPage(set, v, Lang::kNl);
  EXPECT_NE(nl.find("<html lang=\"nl\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
  EXPECT_NE(nl.find("Regio's maatschappelijke opvang"), std::string::npos);
  EXPECT_NE(nl.find("id=\"approximate\""), std::string::npos);
  EXPECT_NE(nl.find("<span class=\"value\" id=\"region-count\">2</span>"), std::string::npos);
  EXPECT_NE(nl.find("&lt;Rotterdam&gt;"), std::string::npos);
  EXPECT_EQ(nl.find("<Rotterdam>"), std::string::npos);
  EXPECT_NE(nl.find("<td>Amstelveen, Amsterdam</td>"), std::string::npos);
  const std::string en = RenderRegionsPage(set, v, Lang::kEn);
  EXPECT_NE(en.find("<html lang=\"en\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
  EXPECT_NE(en.find("Member municipalities"), std::string::npos);
  EXPECT_EQ(en.find("Regiogemeenten"), std::string::npos);
  v.approximate = false;
  EXPECT_EQ(RenderRegionsPage(set, v, Lang::kNl).find("id=\"approximate\""), std::string::npos);
}

TEST(AccountBarTest, EveryPageHasOneMarkerThatBecomesTheCallersBar) {
  std::string page = RenderMethodPage(Lang::kNl);
  const std::size_t at = page.find(kAccountMarker);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(page.find(kAccountMarker, at + 1), std::string::npos) << "one marker";
  EXPECT_LT(at, page.find("</header>")) << "in the header";

  std::string pub = page;
  AccountView nobody;
  nobody.back_to = "/regio/GM0363";
  InsertAccountBar(pub, nobody, Lang::kNl);
  EXPECT_EQ(pub.find(kAccountMarker), std::string::npos);
  EXPECT_NE(pub.find("<a href=\"/inloggen?terug=/regio/GM0363\">Inloggen</a>"), std::string::npos);
  EXPECT_EQ(pub.find("/uitloggen"), std::string::npos);

  std::string mine = page;
  AccountView rita;
  rita.username = "rita<b>";
  rita.role = "region_steward";
  rita.role_name = "regiobeheerder";
  rita.csrf = "tok\"en";
  rita.submissions = true;
  InsertAccountBar(mine, rita, Lang::kEn);
  EXPECT_NE(mine.find("You are logged in as <strong id=\"account-user\">rita&lt;b&gt;</strong>"), std::string::npos);
  EXPECT_NE(mine.find("name=\"csrf\" value=\"tok&quot;en\""), std::string::npos);
  EXPECT_NE(mine.find("<a href=\"/aanlevering?lang=en\">"), std::string::npos);
  EXPECT_EQ(mine.find("/beheer/audit"), std::string::npos) << "no link the policy would refuse";
  EXPECT_NE(mine.find("action=\"/uitloggen\""), std::string::npos);

  std::string unmarked = "<p>no frame</p>";
  InsertAccountBar(unmarked, rita, Lang::kNl);
  EXPECT_EQ(unmarked, "<p>no frame</p>");
}

}  // namespace
}  // namespace onderdak::web
