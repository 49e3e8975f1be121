// An import's errors as a provider reads them (api/import_findings.h, ADR 0028): every rule
// has a title and a fix in both languages, fixes carry the suggestion, errors are grouped
// per file and rule, and the CSV download is RFC 4180 with formulas neutralised.
#include "onderdak/api/import_findings.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace onderdak::api {
namespace {

TEST(ImportFindingsTest, EveryRuleHasATitleAndAFixInBothLanguages) {
  for (std::string_view rule : ingest::rule::kAll) {
    for (web::Lang lang : {web::Lang::kNl, web::Lang::kEn}) {
      EXPECT_TRUE(web::HasTranslation(lang, "import.rule." + std::string(rule))) << rule;
      EXPECT_TRUE(web::HasTranslation(lang, "import.fix." + std::string(rule))) << rule;
    }
    EXPECT_NE(web::T(web::Lang::kNl, "import.fix." + std::string(rule)),
              web::T(web::Lang::kEn, "import.fix." + std::string(rule)))
        << rule;
  }
}

TEST(ImportFindingsTest, EveryQualityCheckHasATitleAndFlaggedOnesComeFirst) {
  for (std::string_view id : ingest::quality::kAll) {
    for (web::Lang lang : {web::Lang::kNl, web::Lang::kEn}) {
      EXPECT_TRUE(web::HasTranslation(lang, "quality." + std::string(id))) << id;
    }
  }
  const std::vector<ingest::QualityCheck> checks = {
      {.id = ingest::quality::kAge, .file = "persons.csv", .count = 0, .total = 4, .flagged = false},
      {.id = ingest::quality::kOverlap,
       .file = "service_episodes.csv",
       .count = 1,
       .total = 3,
       .flagged = true,
       .detail = "d",
       .lines = {7}}};
  const auto j = QualityJson(checks);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["id"], "overlap");
  EXPECT_EQ(j[0]["lines"], nlohmann::json::array({7}));
  EXPECT_EQ(j[0]["title"]["nl"], "Dezelfde persoon in twee opvangplekken tegelijk");
  EXPECT_EQ(j[1]["flagged"], false);
}

ingest::ImportReport Sample() {
  ingest::ImportReport r;
  r.source = "upload:alice/x.zip";
  r.errors = {"persons.csv:2: gender: 'Man': not a code of list gender (allowed: M, V, X)",
              "persons.csv:3: gender: '=1+1': not a code of list gender (allowed: M, V, X)",
              "manifest.json: created: 'x': must be an ISO 8601 timestamp"};
  r.findings = {{.file = "persons.csv", .line = 2, .column = "gender", .rule = ingest::rule::kCode, .suggestion = "M"},
                {.file = "persons.csv", .line = 3, .column = "gender", .rule = ingest::rule::kCode},
                {.file = "manifest.json", .column = "created", .rule = ingest::rule::kManifest}};
  return r;
}

TEST(ImportFindingsTest, AFixNamesTheSuggestionInItsLanguage) {
  const auto r = Sample();
  EXPECT_TRUE(FixText(web::Lang::kNl, r.findings[0]).ends_with(" Voorstel: M."))
      << FixText(web::Lang::kNl, r.findings[0]);
  EXPECT_TRUE(FixText(web::Lang::kEn, r.findings[0]).ends_with(" Suggestion: M."));
  EXPECT_EQ(FixText(web::Lang::kNl, r.findings[1]).find("Voorstel"), std::string::npos);
}

TEST(ImportFindingsTest, ErrorsAreGroupedPerFileAndRuleInTheOrderTheyFirstOccur) {
  const auto groups = GroupFindings(Sample().findings);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].file, "persons.csv");
  EXPECT_EQ(groups[0].rule, ingest::rule::kCode);
  EXPECT_EQ(groups[0].count, 2u);
  EXPECT_EQ(groups[1].file, "manifest.json");
  EXPECT_EQ(groups[1].count, 1u);
  const auto j = FindingsJson(Sample());
  EXPECT_EQ(j["findings"].size(), 3u);
  EXPECT_EQ(j["groups"][0]["count"], 2);
  EXPECT_EQ(j["groups"][0]["rule_title"]["nl"], "Code uit een codelijst");
}

TEST(ImportFindingsTest, TheCsvHasOneRowPerErrorAndNeutralisesFormulas) {
  const std::string csv = FindingsCsv(Sample(), web::Lang::kEn);
  EXPECT_TRUE(csv.starts_with("file,line,column,rule,rule_title,message,suggestion,fix\n")) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
  EXPECT_NE(csv.find("persons.csv,2,gender,code,Code from a code list,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("manifest.json,,created,manifest,"), std::string::npos) << csv;
  // The message holding '=1+1' starts with the file name, so it is no formula; a suggestion
  // or column that did start with '=' would be quoted.
  ingest::ImportReport r;
  r.errors = {"x"};
  r.findings = {{.file = "persons.csv", .line = 1, .column = "=cmd()", .rule = ingest::rule::kUnknownColumn}};
  const std::string one = FindingsCsv(r, web::Lang::kNl);
  EXPECT_EQ(one.find(",=cmd()"), std::string::npos) << one;
  EXPECT_NE(one.find("'=cmd()"), std::string::npos) << one;
}

}  // namespace
}  // namespace onderdak::api
