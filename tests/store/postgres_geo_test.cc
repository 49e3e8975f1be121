// Municipality boundary files on PostgreSQL: the same behaviour as on SQLite
// (geo_cases.h), and two processes importing the same file at once store it once.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "geo_cases.h"
#include "pg_test_cluster.h"

namespace onderdak::store {
namespace {

using onderdak::testing::PgDatabaseTest;

class PostgresGeoTest : public PgDatabaseTest {};

TEST_F(PostgresGeoTest, BoundaryVersionsBehaveAsOnSqlite) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  EXPECT_GE(*s->SchemaVersion(), 6);
  onderdak::testing::ExpectGeoStoreBehaves(*s);
}

TEST_F(PostgresGeoTest, ConcurrentImportsOfOneFileStoreItOnce) {
  auto a = Open();
  auto b = Open();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  const auto file = onderdak::testing::TestBoundaryFile("a.topo.json", R"({"type":"Topology","arcs":[]})");
  int added = 0;
  std::mutex mu;
  auto import = [&](Store& s) {
    for (int i = 0; i < 10; ++i) {
      auto r = s.Geo().AddBoundaries(file);
      ASSERT_TRUE(r.ok()) << r.status().message();
      std::lock_guard lock(mu);
      added += r->added ? 1 : 0;
    }
  };
  std::thread t1(import, std::ref(*a));
  std::thread t2(import, std::ref(*b));
  t1.join();
  t2.join();
  EXPECT_EQ(added, 1);
  EXPECT_EQ(a->Geo().ListBoundaries()->size(), 1u);
}

}  // namespace
}  // namespace onderdak::store
