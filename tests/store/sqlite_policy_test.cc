// Policy targets and reference series on SQLite (store/policy.h, migration 8); the same
// cases run on PostgreSQL in postgres_policy_test.cc.
#include <gtest/gtest.h>

#include "onderdak/store/store.h"
#include "policy_cases.h"

namespace onderdak::store {
namespace {

TEST(SqlitePolicyTest, TargetsAndSeriesBehave) {
  auto s = OpenStore("sqlite::memory:");
  ASSERT_TRUE(s.ok()) << s.status().message();
  onderdak::testing::ExpectPolicyStoreBehaves(**s);
}

}  // namespace
}  // namespace onderdak::store
