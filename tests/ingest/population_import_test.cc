// Population files (ingest/population_import.h, ADR 0037): CBS's own CSV layouts load,
// every error names file, line, column and rule, and a bad file stores nothing.
#include "onderdak/ingest/population_import.h"

#include <gtest/gtest.h>

#include "onderdak/ingest/regions_import.h"
#include "onderdak/store/store.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using onderdak::testing::TempDir;

// As StatLine's CSV download of "Regionale kerncijfers Nederland" with codes: the nation
// and a province beside the municipalities, codes padded with blanks, "." for no figure.
constexpr const char* kStatLine =
    "\"ID\";\"RegioS\";\"Perioden\";\"TotaleBevolking_1\"\n"
    "\"0\";\"NL01  \";\"2023JJ00\";\"17811291\"\n"
    "\"1\";\"PV27  \";\"2023JJ00\";\"3707200\"\n"
    "\"2\";\"GM0363    \";\"2023JJ00\";\"918117\"\n"
    "\"3\";\"GM0014    \";\"2023JJ00\";\"238147\"\n"
    "\"4\";\"GM0014    \";\"2022JJ00\";\"234649\"\n"
    "\"5\";\"GM1234    \";\"2023JJ00\";\".\"\n";

class PopulationImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenStore("sqlite::memory:"));
    ASSERT_TRUE(ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    regions_ = *store_->LoadReferenceSet(1);
  }
  core::Result<PopulationImport> Import(const std::string& name, const std::string& csv,
                                        PopulationOptions options = {}) {
    return ImportPopulation(*store_, dir_.Write(name, csv), options, &*regions_);
  }
  std::string Error(const std::string& csv, PopulationOptions options = {}) {
    auto r = Import("p.csv", csv, options);
    return r.ok() ? std::string("<imported>") : r.status().message();
  }
  static core::Date Day(const char* iso) { return *core::Date::Parse(iso); }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::optional<domain::ReferenceSet> regions_;
};

TEST_F(PopulationImportTest, StatLineDownloadLoadsPerDate) {
  auto r = Import("kerncijfers.csv", kStatLine);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->file.counts.size(), 3u);
  EXPECT_EQ(r->file.other_areas, 2u);
  EXPECT_EQ(r->file.no_figure, 1u);
  ASSERT_EQ(r->versions.size(), 2u);  // 2022 and 2023, oldest first
  EXPECT_EQ(r->versions[0].source, "2022-01-01");
  EXPECT_EQ(r->versions[1].source, "2023-01-01");
  EXPECT_EQ(r->versions[1].rows, 2);
  EXPECT_EQ(r->versions[1].file, "kerncijfers.csv");
  auto pop = store_->Policy().CurrentPopulation();
  ASSERT_TRUE(pop.ok());
  ASSERT_EQ(pop->size(), 3u);
  EXPECT_EQ((*pop)[2].municipality, "GM0363");
  EXPECT_EQ((*pop)[2].inhabitants, 918117);
  // Compared with the 342 municipalities in force: 2023 lacks 340 of them.
  ASSERT_EQ(r->coverage.size(), 2u);
  EXPECT_EQ(r->coverage[1].date, Day("2023-01-01"));
  EXPECT_EQ(r->coverage[1].missing.size(), regions_->municipalities().size() - 2);
  EXPECT_TRUE(r->coverage[1].unknown.empty());
}

TEST_F(PopulationImportTest, TheSameFileAgainStoresNothing) {
  ASSERT_TRUE(Import("k.csv", kStatLine).ok());
  auto again = Import("k.csv", kStatLine);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(again->unchanged);
  EXPECT_TRUE(again->versions.empty());
  EXPECT_EQ(store_->Policy().ListPopulationVersions()->size(), 2u);
}

TEST_F(PopulationImportTest, PlainFileWithDateOptionAndDutchNotation) {
  // A municipality's own list: gemeentecode as a number, Dutch thousands separators.
  auto r = Import("eigen.csv", "gemeentecode;gemeentenaam;inwoners\n363;Amsterdam;918.117\n14;Groningen;238147\n",
                  {.date = Day("2024-01-01")});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->file.counts.size(), 2u);
  EXPECT_EQ(r->file.counts[0].municipality, "GM0363");
  EXPECT_EQ(r->file.counts[0].inhabitants, 918117);
  EXPECT_EQ(r->file.counts[1].municipality, "GM0014");
  EXPECT_EQ(r->file.counts[1].date, Day("2024-01-01"));
}

TEST_F(PopulationImportTest, PeildatumColumnInDutchOrIsoDates) {
  auto r = Import("d.csv", "code,peildatum,AantalInwoners_5\nGM0363,1-1-2024,931298\nGM0014,2024-01-01,243768\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->versions.size(), 1u);
  EXPECT_EQ(r->versions[0].source, "2024-01-01");
  EXPECT_EQ(r->versions[0].rows, 2);
}

TEST_F(PopulationImportTest, CodesOutsideTheReferenceAreStoredAndReported) {
  auto r = Import("old.csv", "RegioS;Perioden;TotaleBevolking_1\nGM0003;2018JJ00;25000\nGM0363;2018JJ00;854047\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->coverage.size(), 1u);
  ASSERT_EQ(r->coverage[0].unknown.size(), 1u);  // Appingedam merged into Eemsdelta in 2021
  EXPECT_EQ(r->coverage[0].unknown[0], "GM0003");
}

// Each bad file: the message names file, line, column and rule, and nothing is stored.
TEST_F(PopulationImportTest, BadFilesAreRefusedWithFileLineColumnAndRule) {
  struct Case {
    std::string csv;
    PopulationOptions options;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"naam;inwoners\nAmsterdam;1\n",
       {.date = Day("2023-01-01")},
       "p.csv:1: no column with the municipality's CBS code"},
      {"RegioS;Perioden;Mannen_2\nGM0363;2023JJ00;1\n", {}, "p.csv:1: no column with the number of inhabitants"},
      {"RegioS;TotaleBevolking_1\nGM0363;1\n", {}, "p.csv:1: no column with the date (Perioden or peildatum)"},
      {"RegioS;Perioden;TotaleBevolking_1\nGM0363;2023JJ00;1\n",
       {.date = Day("2023-01-01")},
       "p.csv:1: the file gives its own dates (column 'Perioden'): leave out --date"},
      {"RegioS;Perioden;peildatum;TotaleBevolking_1\nGM0363;2023JJ00;2023-01-01;1\n",
       {},
       "p.csv:1: columns 'Perioden' and 'peildatum' both give the date"},
      {"RegioS;Perioden;TotaleBevolking_1\nAmsterdam;2023JJ00;1\n",
       {},
       "p.csv:2: RegioS: 'Amsterdam' is not a CBS area code"},
      {"RegioS;Perioden;TotaleBevolking_1\nGM0363;2023KW01;1\n",
       {},
       "p.csv:2: Perioden: '2023KW01' is not a year as CBS writes it"},
      {"code;peildatum;inwoners\nGM0363;31-2-2023;1\n", {}, "p.csv:2: peildatum: '31-2-2023' is not a date"},
      {"RegioS;Perioden;TotaleBevolking_1\nGM0363;2023JJ00;-5\n",
       {},
       "p.csv:2: TotaleBevolking_1: '-5' is not a whole number of inhabitants"},
      {"RegioS;Perioden;TotaleBevolking_1\nGM0363;2023JJ00;918117,5\n",
       {},
       "p.csv:2: TotaleBevolking_1: '918117,5' is not a whole number"},
      {"RegioS;Perioden;TotaleBevolking_1\nGM0363;2023JJ00;9.18\n",
       {},
       "p.csv:2: TotaleBevolking_1: '9.18' is not a whole number"},
      {"RegioS;Perioden;TotaleBevolking_1\nGM0363;2023JJ00;99999999999\n",
       {},
       "p.csv:2: TotaleBevolking_1: '99999999999' is not a whole number"},
      {"RegioS;Geslacht;Perioden;TotaleBevolking_1\nGM0363;Mannen;2023JJ00;450000\nGM0363;Vrouwen;2023JJ00;468117\n",
       {},
       "p.csv:3: RegioS: GM0363 on 2023-01-01 is already on line 2 (a file with a breakdown, e.g. Geslacht or "
       "Leeftijd, must be filtered to its totals)"},
      {"RegioS;Perioden;TotaleBevolking_1\nGM0363;2023JJ00\n", {}, "p.csv:2: row has 2 fields, the header has 3"},
      {"RegioS;Perioden;TotaleBevolking_1\nNL01;2023JJ00;17811291\nGM0363;2023JJ00;.\n",
       {},
       "p.csv: no municipality with a number of inhabitants (1 rows of other areas, 1 without a figure)"},
  };
  for (const auto& c : cases) {
    const std::string message = Error(c.csv, c.options);
    EXPECT_NE(message.find(c.expected), std::string::npos) << "file:\n" << c.csv << "\nmessage: " << message;
  }
  EXPECT_TRUE(store_->Policy().ListPopulationVersions()->empty());
}

TEST_F(PopulationImportTest, OneBadRowRefusesTheWholeFile) {
  const std::string csv = std::string(kStatLine) + "\"6\";\"GM0599    \";\"2023JJ00\";\"x\"\n";
  const std::string message = Error(csv);
  EXPECT_NE(message.find("p.csv:8: TotaleBevolking_1: 'x'"), std::string::npos) << message;
  EXPECT_TRUE(store_->Policy().ListPopulationVersions()->empty());
  EXPECT_TRUE(store_->Policy().CurrentPopulation()->empty());
}

}  // namespace
}  // namespace onderdak::ingest
