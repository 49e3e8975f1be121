#include "onderdak/web/html.h"

#include <gtest/gtest.h>

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
  EXPECT_NE(nl.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(nl.find("Regio's maatschappelijke opvang"), std::string::npos);
  EXPECT_NE(nl.find("id=\"approximate\""), std::string::npos);
  EXPECT_NE(nl.find("<span class=\"value\" id=\"region-count\">2</span>"), std::string::npos);
  EXPECT_NE(nl.find("&lt;Rotterdam&gt;"), std::string::npos);
  EXPECT_EQ(nl.find("<Rotterdam>"), std::string::npos);
  EXPECT_NE(nl.find("<td>Amstelveen, Amsterdam</td>"), std::string::npos);
  const std::string en = RenderRegionsPage(set, v, Lang::kEn);
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.find("Member municipalities"), std::string::npos);
  EXPECT_EQ(en.find("Regiogemeenten"), std::string::npos);
  v.approximate = false;
  EXPECT_EQ(RenderRegionsPage(set, v, Lang::kNl).find("id=\"approximate\""), std::string::npos);
}

}  // namespace
}  // namespace onderdak::web
