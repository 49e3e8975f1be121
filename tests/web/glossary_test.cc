// The glossary (/begrippen, web/glossary_page.h): every headline indicator and every
// definition preset has a short explanation in both languages and an anchor the pages
// link to; the definition line and the region page's indicator headings link there with
// the explanation as the hover title (issue 21 item 6).
#include "onderdak/web/glossary_page.h"

#include <gtest/gtest.h>

#include "onderdak/web/dashboard.h"

namespace onderdak::web {
namespace {

DefinitionView Presets() {
  DefinitionView v;
  for (const char* name : {"monitor", "ethos-1-3", "cbs", "ethos-light"}) v.choices.push_back({name, name, name});
  return v;
}

TEST(GlossaryTest, EveryIndicatorAndPresetIsExplainedInBothLanguages) {
  for (const auto& m : HeadlineMeasures()) {
    for (Lang lang : {Lang::kNl, Lang::kEn}) {
      EXPECT_GT(GlossaryHint(lang, m.indicator).size(), 30u) << m.indicator;
    }
  }
  for (const auto& c : Presets().choices) {
    EXPECT_GT(GlossaryHint(Lang::kNl, "def." + c.name).size(), 30u) << c.name;
    EXPECT_GT(GlossaryHint(Lang::kEn, "def." + c.name).size(), 30u) << c.name;
  }
  EXPECT_TRUE(GlossaryHint(Lang::kNl, "P99").empty());
}

TEST(GlossaryTest, ThePageHasAnAnchorForEveryEntry) {
  const std::string html = RenderGlossaryPage(Lang::kNl, Presets());
  for (const auto& m : HeadlineMeasures()) {
    EXPECT_NE(html.find("<dt id=\"" + std::string(m.indicator) + "\">"), std::string::npos) << m.indicator;
  }
  for (const char* anchor : {"definitie-monitor", "definitie-cbs", "per10k", "suppressed", "ethos", "peildatum"}) {
    EXPECT_NE(html.find("id=\"" + std::string(anchor) + "\""), std::string::npos) << anchor;
  }
  EXPECT_NE(html.find("Statistische geheimhouding"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"nl\""), std::string::npos);
}

TEST(GlossaryTest, LinksCarryTheExplanationAsTheirTitle) {
  const std::string link = GlossaryLink(Lang::kNl, "P5", "P5", "P5");
  EXPECT_EQ(
      link.rfind("<a class=\"glossary-link\" href=\"/begrippen?lang=nl#P5\" title=\"Het deel van de verblijven", 0), 0u)
      << link;
  EXPECT_NE(link.find(">P5</a>"), std::string::npos);
  // The definition line of every page of figures links to its preset's entry.
  DefinitionView v = Presets();
  v.active = "cbs";
  v.is_default = false;
  const std::string line = DefinitionHtml(Lang::kEn, v, "/kaart", {});
  EXPECT_NE(line.find("href=\"/begrippen?lang=en#definitie-cbs\" title=\"As CBS estimates"), std::string::npos) << line;
  EXPECT_NE(line.find(">What does this mean?</a>"), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web
