// Error pages and form findings read as Dutch on a Dutch page (issue 21 item 3): a title
// and an explanation per status from the catalogue, the server's English message only
// folded away and marked lang="en" (ADR 0034).
#include "onderdak/web/error_page.h"

#include <gtest/gtest.h>

#include "onderdak/web/provider_page.h"
#include "onderdak/web/submission_page.h"
#include "web/english_words.h"

namespace onderdak::web {
namespace {

using onderdak::testing::EnglishOnDutchPage;

// The check itself can fail: English text, an English aria-label; not what is marked.
TEST(NoEnglishTest, FindsEnglishOutsideMarkedElements) {
  EXPECT_EQ(EnglishOnDutchPage("<p>Geen gegevens</p>").size(), 0u);
  EXPECT_EQ(EnglishOnDutchPage("<p>no such page</p>").size(), 2u);  // such, page
  EXPECT_EQ(EnglishOnDutchPage("<input aria-label=\"Your name\">").size(), 1u);
  EXPECT_EQ(EnglishOnDutchPage("<p lang=\"en\">the page <b>is</b> <p>gone</p></p><p>weg</p>").size(), 0u);
  EXPECT_EQ(EnglishOnDutchPage("<div lang=\"en\"><div>a</div></div><p>the end</p>").size(), 1u);
  EXPECT_EQ(EnglishOnDutchPage("<style>.the{}</style><!-- the --><script>and</script>").size(), 0u);
}

TEST(ErrorPageTest, EveryStatusReadsAsDutchWithTheMessageFolded) {
  for (int status : {400, 401, 403, 404, 405, 408, 409, 413, 415, 418, 429, 431, 500, 502, 503}) {
    const std::string page = RenderErrorPage(status, "no such resource: /regio/<x>", Lang::kNl);
    EXPECT_NE(page.find("<html lang=\"nl\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
    EXPECT_EQ(page.find("err."), std::string::npos) << status << ": a key without a text";
    EXPECT_EQ(EnglishOnDutchPage(page), std::vector<std::string>{}) << status;
    EXPECT_NE(page.find("<p lang=\"en\"><code>no such resource: /regio/&lt;x&gt;</code></p>"), std::string::npos);
    EXPECT_NE(page.find("<!--onderdak:account-->"), std::string::npos);  // the account bar goes here
  }
  EXPECT_NE(RenderErrorPage(404, "", Lang::kNl).find("Pagina niet gevonden"), std::string::npos);
  EXPECT_NE(RenderErrorPage(403, "", Lang::kNl).find("Geen toegang"), std::string::npos);
  EXPECT_NE(RenderErrorPage(403, "", Lang::kNl).find("href=\"/inloggen\""), std::string::npos);
  EXPECT_EQ(RenderErrorPage(404, "", Lang::kNl).find("error-detail"), std::string::npos);  // no empty detail
  // Another 5xx is a server failure, another 4xx a refusal.
  EXPECT_NE(RenderErrorPage(502, "", Lang::kNl).find("Er ging iets mis"), std::string::npos);
  EXPECT_NE(RenderErrorPage(418, "", Lang::kNl).find("Verzoek geweigerd"), std::string::npos);
  const std::string en = RenderErrorPage(404, "no such resource: /x", Lang::kEn);
  EXPECT_NE(en.find("Page not found"), std::string::npos);
  EXPECT_NE(en.find("href=\"/?lang=en\""), std::string::npos);
}

TEST(ErrorPageTest, ThePagesOfProvidersAndSubmissionsUseTheSameBlock) {
  for (const std::string& page : {RenderProviderErrorPage(404, "organisation: 'X': unknown", Lang::kNl),
                                  RenderSubmissionErrorPage(400, "period: must be a half-year", Lang::kNl)}) {
    EXPECT_NE(page.find("id=\"error-title\""), std::string::npos);
    EXPECT_EQ(EnglishOnDutchPage(page), std::vector<std::string>{});
  }
}

SubmissionFormView FormWithFindings() {
  SubmissionFormView v;
  v.region = "GM0363";
  v.region_name = "Amsterdam";
  v.period = "2024H1";
  v.status = "draft";
  v.deadline = "2024-08-12";
  v.can_edit = true;
  v.tables.push_back({.name = "budgets",
                      .title_key = "sub.table.budgets",
                      .indicator = "A6",
                      .columns = {"record_id", "year", "budget_theme", "budget_eur", "spent_eur"},
                      .kinds = {"", "number", "", "number", "number"},
                      .rows = {{"BU-1", "2024", "opvang", "1000", "veel"}},
                      .blank_rows = 1});
  v.errors = {
      {.field = "budgets[0].spent_eur",
       .message = "'veel': must be a whole number of 0 or more",
       .fix_key = "import.fix.number"},
      {.field = "budgets[0].year",
       .message = "'20244': must be a whole number from 2000 to 2100",
       .fix_key = "import.fix.number",
       .range = std::pair<std::int64_t, std::int64_t>{2000, 2100}},
      {.field = "plans",
       .message = "the regional plan (one row) is required to submit",
       .fix_key = "sub.fix.plan_required"},
      {.field = "budgets[0]", .message = "spent_eur is larger than budget_eur", .fix_key = "import.fix.consistency"}};
  return v;
}

TEST(SubmissionFindingsTest, ADutchFormSaysWhatToDoInDutchBesideTheField) {
  const std::string page = RenderSubmissionFormPage(FormWithFindings(), Lang::kNl);
  EXPECT_EQ(EnglishOnDutchPage(page), std::vector<std::string>{});
  // Beside the field: the rule's fix in Dutch.
  EXPECT_NE(page.find("id=\"err-budgets[0].spent_eur\">Schrijf een heel getal"), std::string::npos) << page;
  // With the numbers the field takes, when the finding gives them.
  EXPECT_NE(page.find("id=\"err-budgets[0].year\">Vul een heel getal in van 2000 tot en met 2100."), std::string::npos);
  // The table's finding names the table and row in words.
  EXPECT_NE(page.find("Budget en besteding, rij 1: "), std::string::npos) << page;
  // The server's words, for a helpdesk: folded, marked English.
  EXPECT_NE(page.find("<details id=\"errors-technical\">"), std::string::npos);
  EXPECT_NE(page.find("budgets[0].spent_eur: &#39;veel&#39;: must be a whole number"), std::string::npos);
  // An English page gives the message itself.
  const std::string en = RenderSubmissionFormPage(FormWithFindings(), Lang::kEn);
  EXPECT_NE(en.find("id=\"err-budgets[0].spent_eur\">&#39;veel&#39;: must be a whole number"), std::string::npos);
  EXPECT_EQ(en.find("errors-technical"), std::string::npos);
}

TEST(SubmissionFindingsTest, AFindingWithoutAFixIsMarkedEnglish) {
  SubmissionFormView v = FormWithFindings();
  v.errors = {{.field = "content", .message = "the importer did not make a delivery"}};
  const std::string page = RenderSubmissionFormPage(v, Lang::kNl);
  EXPECT_NE(page.find("<span lang=\"en\">the importer did not make a delivery</span>"), std::string::npos);
  EXPECT_EQ(EnglishOnDutchPage(page), std::vector<std::string>{});
}

}  // namespace
}  // namespace onderdak::web
