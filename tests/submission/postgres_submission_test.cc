// The submission model on PostgreSQL: the same behaviour as on SQLite
// (submission_cases.h), the history's append-only triggers, and concurrent saves of one
// submission: exactly one wins, the other is told its version is stale.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/pg_test_cluster.h"
#include "submission/submission_cases.h"

namespace onderdak::submission {
namespace {

using onderdak::testing::PgDatabaseTest;

class PostgresSubmissionTest : public PgDatabaseTest {};

TEST_F(PostgresSubmissionTest, BehavesAsOnSqlite) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  onderdak::testing::AddTestRegions(*s);
  onderdak::testing::ExpectSubmissionsBehave(*s);
  auto conn = Connect();
  auto update = conn.Exec("UPDATE submission_events SET actor = 'x'");
  EXPECT_NE(update.message().find("append-only"), std::string::npos) << update.message();
  EXPECT_FALSE(conn.Exec("DELETE FROM submission_events").ok());
  EXPECT_FALSE(conn.Exec("TRUNCATE submission_events").ok());
}

TEST_F(PostgresSubmissionTest, ConcurrentSavesOneWins) {
  auto a = Open();
  auto b = Open();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  onderdak::testing::AddTestRegions(*a);
  std::atomic<int> ok{0}, stale{0};
  auto save = [&](store::Store& s, const char* who) {
    SubmissionService svc(s);
    auto r = svc.Save("GM0363", "2024H1", 0, onderdak::testing::ValidSubmission(), {who, "cli"});
    if (r.ok() && r->state) ++ok;
    if (!r.ok() && r.status().code() == core::Code::kFailedPrecondition) ++stale;
  };
  std::thread t1(save, std::ref(*a), "one");
  std::thread t2(save, std::ref(*b), "two");
  t1.join();
  t2.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(stale.load(), 1);
  auto events = a->Submissions().ListSubmissionEvents("GM0363", "2024H1");
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 1u);
}

}  // namespace
}  // namespace onderdak::submission
