// Municipality boundary files on SQLite (store/geo.h, migration 6); the same cases run on
// PostgreSQL in postgres_geo_test.cc.
#include <gtest/gtest.h>

#include "geo_cases.h"
#include "onderdak/store/store.h"
#include "test_support.h"

namespace onderdak::store {
namespace {

TEST(SqliteGeoTest, BoundaryVersionsBehave) {
  auto s = OpenStore("sqlite::memory:");
  ASSERT_TRUE(s.ok()) << s.status().message();
  onderdak::testing::ExpectGeoStoreBehaves(**s);
}

TEST(SqliteGeoTest, VersionsSurviveReopening) {
  onderdak::testing::TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "o.db").string();
  const auto file = onderdak::testing::TestBoundaryFile("a.topo.json", R"({"type":"Topology"})");
  {
    auto s = OpenStore(url);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_GE(*(*s)->SchemaVersion(), 6);
    ASSERT_TRUE((*s)->Geo().AddBoundaries(file).ok());
  }
  auto s = OpenStore(url);
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto latest = (*s)->Geo().LatestBoundaries();
  ASSERT_TRUE(latest.ok()) << latest.status().message();
  EXPECT_EQ(latest->json, file.json);
  EXPECT_FALSE((*s)->Geo().AddBoundaries(file)->added);
}

}  // namespace
}  // namespace onderdak::store
