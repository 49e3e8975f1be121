#include "pg_test_cluster.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace onderdak::testing {
namespace {

std::string& ClusterDir() {
  static std::string dir;
  return dir;
}
std::string& Url() {
  static std::string url;
  return url;
}

std::string Script() { return std::string(ONDERDAK_TEST_SOURCE_DIR) + "/tests/store/pg_cluster.sh"; }

// Runs `command`, returning its exit status; its output goes to the test log.
int Run(const std::string& command) {
  std::fflush(stdout);
  const int rc = std::system(command.c_str());
  return rc == -1 ? -1 : WEXITSTATUS(rc);
}

class PgEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    const auto t0 = std::chrono::steady_clock::now();
    const auto tag = std::to_string(::getpid()) + "-" +
                     std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
    ClusterDir() = (std::filesystem::temp_directory_path() / ("onderdak-pg-" + tag)).string();
    const std::string cmd = Script() + " start '" + ClusterDir() + "' " + std::to_string(::getpid()) + " >/dev/null";
    const int rc = Run(cmd);
    ASSERT_EQ(rc, 0) << "could not start the throwaway PostgreSQL cluster (" << cmd
                     << "); the PostgreSQL store tests need the postgresql package (initdb, pg_ctl in "
                        "/usr/lib/postgresql/15/bin) and, as root, a 'postgres' user; see the messages above";
    std::ifstream in(ClusterDir() + "/url");
    std::getline(in, Url());
    ASSERT_FALSE(Url().empty()) << "the cluster script wrote no URL to " << ClusterDir() << "/url";
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[pg cluster] %s started in %.2f s\n", Url().c_str(), secs);
  }
  void TearDown() override {
    if (ClusterDir().empty()) return;
    EXPECT_EQ(Run(Script() + " stop '" + ClusterDir() + "'"), 0) << "stopping the PostgreSQL cluster failed";
    Url().clear();
  }
};

// Registered before main() runs RUN_ALL_TESTS (gtest_main): one cluster per process.
[[maybe_unused]] ::testing::Environment* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PgEnvironment);

std::string WithDatabase(const std::string& url, const std::string& db) {
  return url.substr(0, url.rfind('/') + 1) + db;
}

}  // namespace

const std::string& PgCluster::AdminUrl() { return Url(); }

std::string PgCluster::CreateDatabase() {
  static std::atomic<int> counter{0};
  const std::string name = "onderdak_test_" + std::to_string(++counter);
  auto conn = store::postgres::Conn::Open(AdminUrl());
  if (!conn.ok()) {
    ADD_FAILURE() << conn.status().message();
    return {};
  }
  auto st = conn->Exec("CREATE DATABASE " + name);
  if (!st.ok()) {
    ADD_FAILURE() << st.message();
    return {};
  }
  return WithDatabase(AdminUrl(), name);
}

void PgCluster::DropDatabase(const std::string& url) {
  auto conn = store::postgres::Conn::Open(AdminUrl());
  ASSERT_TRUE(conn.ok()) << conn.status().message();
  const std::string name = url.substr(url.rfind('/') + 1);
  auto st = conn->Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  EXPECT_TRUE(st.ok()) << st.message();
}

void PgDatabaseTest::SetUp() {
  ASSERT_FALSE(PgCluster::AdminUrl().empty()) << "the PostgreSQL test cluster is not running (see above)";
  url_ = PgCluster::CreateDatabase();
  ASSERT_FALSE(url_.empty());
}

void PgDatabaseTest::TearDown() {
  if (!url_.empty()) PgCluster::DropDatabase(url_);
}

std::unique_ptr<store::Store> PgDatabaseTest::Open() {
  auto s = store::OpenStore(url_);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(*s) : nullptr;
}

store::postgres::Conn PgDatabaseTest::Connect() {
  auto c = store::postgres::Conn::Open(url_);
  if (!c.ok()) {
    ADD_FAILURE() << c.status().message();
    std::abort();
  }
  return std::move(*c);
}

std::vector<std::int64_t> PgDatabaseTest::TableCounts() {
  auto conn = Connect();
  auto tables =
      conn.Query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  EXPECT_TRUE(tables.ok()) << tables.status().message();
  std::vector<std::int64_t> counts;
  if (!tables.ok()) return counts;
  for (int i = 0; i < tables->rows(); ++i) {
    auto n = conn.Query("SELECT count(*) FROM \"" + tables->Str(i, 0) + "\"");
    EXPECT_TRUE(n.ok()) << n.status().message();
    counts.push_back(n.ok() ? n->Int(0, 0) : -1);
  }
  return counts;
}

}  // namespace onderdak::testing
