// Accounts, API tokens and the audit log on PostgreSQL: the same behaviour as on SQLite
// (tests/auth/accounts_cases.h), the append-only triggers, tampering detected, and
// concurrent appends keeping one unbroken chain.
#include <gtest/gtest.h>

#include <thread>

#include "auth/accounts_cases.h"
#include "onderdak/auth/audit.h"
#include "pg_test_cluster.h"
#include "test_support.h"

namespace onderdak::store {
namespace {

using onderdak::testing::PgDatabaseTest;

class PostgresAccountsTest : public PgDatabaseTest {};

TEST_F(PostgresAccountsTest, AccountsBehaveAsOnSqlite) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  onderdak::testing::AddTestRegions(*s);
  onderdak::testing::ExpectAccountsBehave(*s);
}

TEST_F(PostgresAccountsTest, SessionsBehaveAsOnSqlite) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  onderdak::testing::AddTestRegions(*s);
  onderdak::testing::ExpectSessionsBehave(*s);
}

TEST_F(PostgresAccountsTest, PasswordsChangeAndUsersComeBackAsOnSqlite) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  onderdak::testing::AddTestRegions(*s);
  onderdak::testing::ExpectPasswordsChangeAndUsersComeBack(*s);
}

TEST_F(PostgresAccountsTest, ADeliveryAndItsAuditEntryCommitTogether) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  onderdak::testing::AddTestRegions(*s);
  onderdak::testing::TempDir dir;
  onderdak::testing::ExpectDeliveryAuditCommitsWithIt(*s, dir.path());
}

TEST_F(PostgresAccountsTest, TamperingIsRefusedAndDetected) {
  auto s = Open();
  ASSERT_NE(s, nullptr);
  onderdak::testing::AddTestRegions(*s);
  onderdak::testing::ExpectAccountsBehave(*s);
  auto conn = Connect();
  auto update = conn.Exec("UPDATE audit_log SET detail = 'x' WHERE seq = 3");
  EXPECT_NE(update.message().find("audit_log is append-only"), std::string::npos) << update.message();
  EXPECT_FALSE(conn.Exec("DELETE FROM audit_log WHERE seq = 3").ok());
  EXPECT_FALSE(conn.Exec("TRUNCATE audit_log").ok());
  EXPECT_TRUE(auth::VerifyAuditChain(s->Accounts())->ok());

  // The owner of the database can switch the trigger off; the chain still tells.
  ASSERT_TRUE(conn.Exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only").ok());
  ASSERT_TRUE(conn.Exec("UPDATE audit_log SET object = 'user:nobody' WHERE seq = 2").ok());
  auto c = auth::VerifyAuditChain(s->Accounts());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->first_broken, 2);
  EXPECT_NE(c->reason.find("changed"), std::string::npos) << c->reason;
  ASSERT_TRUE(conn.Exec("UPDATE audit_log SET object = 'user:rita' WHERE seq = 2").ok());
  EXPECT_TRUE(auth::VerifyAuditChain(s->Accounts())->ok());
  ASSERT_TRUE(conn.Exec("DELETE FROM audit_log WHERE seq = 4").ok());
  c = auth::VerifyAuditChain(s->Accounts());
  EXPECT_EQ(c->first_broken, 4);
  EXPECT_NE(c->reason.find("missing"), std::string::npos) << c->reason;
}

TEST_F(PostgresAccountsTest, ConcurrentAppendsKeepOneChain) {
  auto a = Open();
  auto b = Open();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  auto append = [](Store& s, const char* who) {
    for (int i = 0; i < 25; ++i) {
      auto e = s.Accounts().AppendAudit({who, "login", "user:" + std::string(who), "", "192.0.2.1"});
      EXPECT_TRUE(e.ok()) << e.status().message();
    }
  };
  std::thread t1(append, std::ref(*a), "alice");
  std::thread t2(append, std::ref(*b), "bob");
  t1.join();
  t2.join();
  auto c = auth::VerifyAuditChain(a->Accounts());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->ok()) << c->reason;
  EXPECT_EQ(c->entries, 50);
}

}  // namespace
}  // namespace onderdak::store
