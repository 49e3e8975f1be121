// A throwaway PostgreSQL cluster for the tests in this executable, started once per
// process by a global test environment (tests/store/pg_cluster.sh start), stopped and
// removed at the end (and by the script's watchdog should the process die). A test
// that cannot start PostgreSQL fails with the script's message; nothing is skipped.
//
// PgDatabaseTest gives every test a fresh, empty database of that cluster.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "onderdak/store/postgres/pg_conn.h"
#include "onderdak/store/store.h"

namespace onderdak::testing {

class PgCluster {
 public:
  // The URL of the cluster's `postgres` database; empty when it is not running.
  static const std::string& AdminUrl();
  // Creates a new empty database and returns its URL ("postgresql://...:port/NAME").
  static std::string CreateDatabase();
  // Drops a database created by CreateDatabase (its connections are terminated).
  static void DropDatabase(const std::string& url);
};

class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Opens (migrating) a Store on this test's database; fails the test when it cannot.
  std::unique_ptr<store::Store> Open();
  // A plain connection to this test's database, for looking behind the Store.
  store::postgres::Conn Connect();
  // Row counts of every table of the schema (a fingerprint of the database's content).
  std::vector<std::int64_t> TableCounts();

  std::string url_;
};

}  // namespace onderdak::testing
