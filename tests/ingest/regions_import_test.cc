#include "onderdak/ingest/regions_import.h"

#include <gtest/gtest.h>

#include "onderdak/store/store.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using onderdak::testing::TempDir;

std::unique_ptr<store::Store> MemoryStore() { return std::move(*store::OpenStore("sqlite::memory:")); }

std::string ImportError(store::Store& s, const TempDir& dir, const std::string& csv) {
  auto r = ImportRegions(s, dir.Write("regions.csv", csv), {});
  return r.ok() ? std::string("<imported>") : r.status().message();
}

TEST(RegionsImportTest, ShippedListHas43RegionsAnd342Municipalities) {
  auto s = MemoryStore();
  auto v = ImportShippedRegions(*s, onderdak::testing::ReferenceDir());
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->region_count, 43);
  EXPECT_EQ(v->municipality_count, 342);
  EXPECT_TRUE(v->approximate);
  EXPECT_EQ(v->valid_from.ToString(), "1900-01-01");
  EXPECT_EQ(v->source_sha256.size(), 64u);
  auto set = s->LoadReferenceSet(v->id);
  ASSERT_TRUE(set.ok());
  const auto* ams = set->FindRegion("GM0363");
  ASSERT_NE(ams, nullptr);
  EXPECT_EQ(ams->name, "Amsterdam");
  const auto* nuenen = set->FindMunicipality("GM0820");
  ASSERT_NE(nuenen, nullptr);
  EXPECT_EQ(nuenen->name, "Nuenen, Gerwen en Nederwetten");
  EXPECT_EQ(nuenen->region_code, "GM0772");  // Eindhoven
}

TEST(RegionsImportTest, OfficialListReplacesTheApproximationAsANewVersion) {
  TempDir dir;
  auto s = MemoryStore();
  ASSERT_TRUE(ImportShippedRegions(*s, onderdak::testing::ReferenceDir()).ok());
  // Names and coordinates are taken from the version in force when the file omits them;
  // `;` separated as Dutch spreadsheets write it.
  auto v = ImportRegions(*s,
                         dir.Write("official.csv",
                                   "gemeentecode;centrumgemeente_code\nGM0363;GM0363\nGM0362;GM0363\n"
                                   "GM0599;GM0599\nGM0358;GM0599\n"),
                         {});
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->id, 2);
  EXPECT_EQ(v->region_count, 2);
  EXPECT_FALSE(v->approximate);
  EXPECT_EQ(v->valid_from.ToString(), "1900-01-01");  // supersedes the version in force
  auto now = s->ReferenceVersionOn(core::Date::TodayUtc());
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->id, 2);
  auto set = *s->LoadReferenceSet(2);
  EXPECT_EQ(set.FindMunicipality("GM0358")->name, "Aalsmeer");
  EXPECT_EQ(set.FindMunicipality("GM0358")->region_code, "GM0599");
  EXPECT_EQ(s->ListReferenceVersions()->size(), 2u);  // the approximation stays queryable
}

TEST(RegionsImportTest, DatedVersionsApplyFromTheirDate) {
  TempDir dir;
  auto s = MemoryStore();
  ASSERT_TRUE(ImportShippedRegions(*s, onderdak::testing::ReferenceDir()).ok());
  RegionsImportOptions opts;
  opts.valid_from = *core::Date::Parse("2024-01-01");
  auto v = ImportRegions(*s, dir.Write("r.csv", "gemeentecode,centrumgemeente_code\nGM0363,GM0363\n"), opts);
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(s->ReferenceVersionOn(*core::Date::Parse("2023-12-31"))->id, 1);
  EXPECT_EQ(s->ReferenceVersionOn(*core::Date::Parse("2024-01-01"))->id, 2);
}

TEST(RegionsImportTest, EmptyDatabaseNeedsNames) {
  TempDir dir;
  auto s = MemoryStore();
  EXPECT_EQ(ImportError(*s, dir, "gemeentecode,centrumgemeente_code\nGM0363,GM0363\n"),
            "regions.csv:2: gemeentenaam: required for GM0363, which is not in the current list");
  EXPECT_EQ(s->ListReferenceVersions()->size(), 0u);
}

struct BadCase {
  const char* name;
  const char* csv;
  const char* expected;  // a substring of the message
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class RegionsImportBadInputTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(RegionsImportBadInputTest, NamesLineFieldAndRuleAndChangesNothing) {
  TempDir dir;
  auto s = MemoryStore();
  ASSERT_TRUE(ImportShippedRegions(*s, onderdak::testing::ReferenceDir()).ok());
  const std::string before = s->LoadReferenceSet(1)->regions().front().name;
  const std::string msg = ImportError(*s, dir, GetParam().csv);
  EXPECT_NE(msg.find(GetParam().expected), std::string::npos) << "message was: " << msg;
  auto versions = s->ListReferenceVersions();
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 1u);
  EXPECT_EQ(s->ReferenceVersionOn(core::Date::TodayUtc())->id, 1);
  EXPECT_EQ(s->LoadReferenceSet(1)->regions().front().name, before);
}

INSTANTIATE_TEST_SUITE_P(
    BadInputs, RegionsImportBadInputTest,
    ::testing::Values(
        BadCase{"MissingColumn", "gemeentecode,gemeentenaam\nGM0363,Amsterdam\n",
                "regions.csv:1: column 'centrumgemeente_code': required column is missing"},
        BadCase{"UnknownColumn", "gemeentecode,centrumgemeente_code,gemeente\nGM0363,GM0363,x\n",
                "regions.csv:1: column 'gemeente': unknown column"},
        BadCase{"BadCode", "gemeentecode,centrumgemeente_code\nGM0363,GM0363\nGM36,GM0363\n",
                "regions.csv:3: gemeentecode: 'GM36' must be GM followed by 4 digits"},
        BadCase{"Duplicate", "gemeentecode,centrumgemeente_code\nGM0363,GM0363\nGM0363,GM0363\n",
                "regions.csv:3: gemeentecode: GM0363 is already listed on line 2"},
        BadCase{"CentreNotInFile", "gemeentecode,centrumgemeente_code\nGM0363,GM0363\nGM0362,GM0599\n",
                "regions.csv:3: centrumgemeente_code: GM0599 is not a gemeentecode in this file"},
        BadCase{"CentreNotItsOwn", "gemeentecode,centrumgemeente_code\nGM0363,GM0363\nGM0362,GM0363\nGM0358,GM0362\n",
                "regions.csv:4: centrumgemeente_code: GM0362 is not a centrumgemeente (its own row, line 3"},
        BadCase{"SwappedCoordinates",
                "gemeentecode,gemeentenaam,centrumgemeente_code,centroid_lon,centroid_lat\nGM0363,Amsterdam,GM0363,52."
                "37,4.90\n",
                "regions.csv:2: centroid_lon/centroid_lat: (52.37, 4.90) is outside the Netherlands"},
        BadCase{"CommaDecimal",
                "gemeentecode;gemeentenaam;centrumgemeente_code;centroid_lon;centroid_lat\nGM0363;Amsterdam;GM0363;4,"
                "90;52,37\n",
                "regions.csv:2: centroid_lon/centroid_lat: '4,90', '52,37' must both be decimal numbers"},
        BadCase{"ShortRow", "gemeentecode,centrumgemeente_code\nGM0363\n",
                "regions.csv:2: row has 1 fields, the header has 2"},
        BadCase{"HeaderOnly", "gemeentecode,centrumgemeente_code\n", "regions.csv: the file has a header but no rows"},
        BadCase{"NotUtf8",
                "gemeentecode,gemeentenaam,centrumgemeente_code\nGM9999,S\xFA"
                "dwest,GM9999\n",
                "regions.csv:2: byte offset"},
        BadCase{"Truncated", "gemeentecode,gemeentenaam,centrumgemeente_code\nGM9999,\"Half",
                "regions.csv:2: the file ends inside a quoted field"},
        BadCase{"BadVeiligheidsregio", "gemeentecode,centrumgemeente_code,veiligheidsregio_code\nGM0363,GM0363,13\n",
                "regions.csv:2: veiligheidsregio_code: '13' must be VR followed by 2 digits"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace onderdak::ingest
