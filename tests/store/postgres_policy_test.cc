// Policy targets and reference series on PostgreSQL: the same behaviour as on SQLite
// (policy_cases.h).
#include <gtest/gtest.h>

#include "pg_test_cluster.h"
#include "policy_cases.h"

namespace onderdak::store {
namespace {

using onderdak::testing::PgDatabaseTest;

class PostgresPolicyTest : public PgDatabaseTest {};

TEST_F(PostgresPolicyTest, TargetsAndSeriesBehaveAsOnSqlite) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  EXPECT_GE(*s->SchemaVersion(), 8);
  onderdak::testing::ExpectPolicyStoreBehaves(*s);
}

}  // namespace
}  // namespace onderdak::store
