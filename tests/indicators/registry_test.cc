// The registry and docs/indicators.md list the same indicators, and each is computable.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "onderdak/indicators/engine.h"

namespace onderdak::indicators {
namespace {

std::set<std::string> DocumentedIds() {
  std::ifstream in(std::string(ONDERDAK_TEST_SOURCE_DIR) + "/docs/indicators.md");
  EXPECT_TRUE(in.good()) << "docs/indicators.md missing";
  // Each indicator has a heading "### P1 Homeless persons (Dakloze personen)".
  const std::regex heading(R"(^### ([PA][0-9]+) )");
  std::set<std::string> ids;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, heading)) ids.insert(m[1]);
  }
  return ids;
}

TEST(RegistryTest, EveryDocumentedIndicatorIsRegisteredAndViceVersa) {
  const auto documented = DocumentedIds();
  std::set<std::string> registered;
  for (const auto& i : AllIndicators()) {
    EXPECT_TRUE(registered.insert(std::string(i.id)).second) << "duplicate id " << i.id;
  }
  EXPECT_EQ(documented, registered);
  EXPECT_EQ(registered.size(), 21u);  // P1-P12, A1-A7 (DOMAIN.md §4), P13 (issue 15, ADR 0026), A8 (issue 15)
}

TEST(RegistryTest, EntriesAreComplete) {
  for (const auto& i : AllIndicators()) {
    EXPECT_FALSE(i.name_nl.empty()) << i.id;
    EXPECT_FALSE(i.name_en.empty()) << i.id;
    EXPECT_NE(i.name_nl, i.name_en) << i.id << ": Dutch and English names are the same";
    EXPECT_NE(i.compute, nullptr) << i.id;
    EXPECT_FALSE(i.family.empty()) << i.id;
    EXPECT_EQ(FindIndicator(i.id), &i);
  }
  EXPECT_EQ(FindIndicator("P14"), nullptr);
  EXPECT_EQ(FindIndicator("p1"), nullptr);
}

TEST(RegistryTest, EachIndicatorRunsOnAnEmptyDataset) {
  domain::Dataset empty;
  for (const auto& i : AllIndicators()) {
    Request r;
    r.indicators = {std::string(i.id)};
    auto figures = Compute(empty, r);
    ASSERT_TRUE(figures.ok()) << i.id << ": " << figures.status().ToString();
  }
}

TEST(RegistryTest, UnknownIdsAndOptionsAreRefused) {
  domain::Dataset empty;
  Request r;
  r.indicators = {"P99"};
  auto f = Compute(empty, r);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(f.status().message().find("P99"), std::string::npos);
  Request b;
  b.breakdowns = {"shoe_size"};
  EXPECT_EQ(Compute(empty, b).status().code(), core::Code::kInvalidInput);
  Request e;
  e.ethos = {0};
  EXPECT_EQ(Compute(empty, e).status().code(), core::Code::kInvalidInput);
  Request d;
  d.definition = "bogus";
  auto unknown = Compute(empty, d);
  EXPECT_EQ(unknown.status().code(), core::Code::kInvalidInput);
  for (const auto& def : AllDefinitions()) {
    EXPECT_NE(unknown.status().message().find(std::string(def.name)), std::string::npos) << def.name;
  }
}

TEST(RegistryTest, TheDefaultDefinitionIsTheMonitorOfEthos2And3) {
  EXPECT_EQ(Request{}.definition, "monitor");
  EXPECT_TRUE(Request{}.ethos.empty());
  auto monitor = FindDefinition("monitor");
  ASSERT_TRUE(monitor.ok());
  EXPECT_EQ((*monitor)->ethos, (std::vector<int>{2, 3}));
  EXPECT_EQ(AllDefinitions().front().name, kDefaultDefinition);
  // Every preset is documented, with its source, in docs/indicators.md.
  std::ifstream in(std::string(ONDERDAK_TEST_SOURCE_DIR) + "/docs/indicators.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& def : AllDefinitions()) {
    EXPECT_NE(doc.find("| `" + std::string(def.name) + "` |"), std::string::npos) << def.name;
  }
}

TEST(RegistryTest, CsvHasTheDocumentedColumns) {
  const auto header = CsvHeader();
  const std::vector<std::string> required{"indicator", "region",    "period",      "reference_date", "breakdown",
                                          "value",     "numerator", "denominator", "status"};
  ASSERT_GE(header.size(), required.size());
  for (std::size_t i = 0; i < required.size(); ++i) EXPECT_EQ(header[i], required[i]);
  // Every column is documented in docs/indicators.md.
  std::ifstream in(std::string(ONDERDAK_TEST_SOURCE_DIR) + "/docs/indicators.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& c : header) EXPECT_NE(doc.find("| `" + c + "` |"), std::string::npos) << c;
}

TEST(RegistryTest, CsvRendersASuppressedFigureWithoutItsValue) {
  Figure f;
  f.indicator = "P1";
  f.measure = "persons_in_period";
  f.region = "GM0363";
  f.period = "2021H1";
  f.value = 3;
  f.note = "=cmd";
  f.suppressed = true;
  const std::string csv = RenderCsv(std::vector<Figure>{f});
  const auto second = csv.substr(csv.find('\n') + 1);
  EXPECT_EQ(second.rfind("P1,GM0363,2021H1,,total,,,,", 0), 0u) << second;
  EXPECT_NE(second.find("suppressed"), std::string::npos);
  EXPECT_NE(second.find("'=cmd"), std::string::npos) << "formula text must be neutralised";
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(12), "12");
}

// Issue 21: the CSV for Dutch spreadsheets has ';' between fields, a decimal comma in the
// value, a byte order mark, and quotes a field holding ';' (the lists of missing regions);
// the CSV for programs is unchanged.
TEST(CsvTest, TheDutchSpreadsheetDialectUsesSemicolonsAndDecimalCommas) {
  Figure f;
  f.indicator = "P5";
  f.region = "NL";
  f.period = "2021H1";
  f.breakdown = "total";
  f.measure = "ended.over_90_days_share";
  f.value = 0.25;
  f.numerator = 1;
  f.denominator = 4;
  f.note = "a, b";
  f.completeness.missing = {"GM0363", "GM0599"};
  const std::vector<Figure> figures{f};
  const std::string nl = RenderCsv(figures, kCsvForDutchSpreadsheets);
  ASSERT_TRUE(nl.starts_with("\xEF\xBB\xBFindicator;region;period;reference_date;breakdown;value;")) << nl;
  const auto row = nl.substr(nl.find('\n') + 1);
  EXPECT_TRUE(row.starts_with("P5;NL;2021H1;;total;0,25;1;4;")) << row;
  EXPECT_NE(row.find(";a, b;"), std::string::npos) << row;               // a comma needs no quotes here
  EXPECT_NE(row.find(";\"GM0363;GM0599\";"), std::string::npos) << row;  // a ';' does
  const std::string programs = RenderCsv(figures);
  EXPECT_EQ(programs, RenderCsv(figures, kCsvForPrograms));
  const auto row2 = programs.substr(programs.find('\n') + 1);
  EXPECT_TRUE(row2.starts_with("P5,NL,2021H1,,total,0.25,1,4,")) << row2;
  EXPECT_NE(row2.find(",\"a, b\","), std::string::npos) << row2;
  EXPECT_NE(row2.find(",GM0363;GM0599,"), std::string::npos) << row2;
}

}  // namespace
}  // namespace onderdak::indicators
