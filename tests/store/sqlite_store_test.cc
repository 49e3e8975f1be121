#include <gtest/gtest.h>

#include "key_binding_cases.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/store/sqlite/sqlite_db.h"
#include "onderdak/store/store.h"
#include "test_support.h"

namespace onderdak::store {
namespace {

using onderdak::testing::TempDir;

domain::Municipality M(std::string code, std::string name, std::string region) {
  domain::Municipality m;
  m.code = std::move(code);
  m.name = std::move(name);
  m.region_code = std::move(region);
  return m;
}

ReferenceVersionMeta Meta(const char* valid_from) {
  ReferenceVersionMeta meta;
  meta.valid_from = *core::Date::Parse(valid_from);
  meta.source = "test";
  meta.source_sha256 = std::string(64, '0');
  return meta;
}

TEST(OpenStoreTest, UrlSchemes) {
  EXPECT_TRUE(OpenStore("sqlite::memory:").ok());
  EXPECT_EQ(OpenStore("mysql://x").status().code(), core::Code::kInvalidInput);
  EXPECT_EQ(OpenStore("sqlite:").status().code(), core::Code::kInvalidInput);
  // The PostgreSQL backend exists (postgres_store_test); nothing listens on port 1.
  EXPECT_EQ(OpenStore("postgresql://u@127.0.0.1:1/db").status().code(), core::Code::kUnavailable);
  EXPECT_EQ(OpenStore("sqlite:/proc/no/such/dir/x.db").status().code(), core::Code::kUnavailable);
}

// Db::Cached (ADR 0020): a statement is prepared once per connection, reset when its
// lease ends (also when left half-run or after a failure), and leased once at a time.
TEST(SqliteDbTest, CachedStatementsArePreparedOnceAndResetWhenTheLeaseEnds) {
  auto db = sqlite::Db::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->Exec("CREATE TABLE t(x INTEGER PRIMARY KEY)").ok());
  constexpr std::string_view kInsert = "INSERT INTO t(x) VALUES (?)";
  sqlite3_stmt* prepared = nullptr;
  {
    auto ins = db->Cached(kInsert);
    ASSERT_TRUE(ins.ok()) << ins.status().message();
    prepared = (*ins)->raw();
    EXPECT_TRUE((**ins).Bind(1, 1).Run().ok());
    EXPECT_FALSE((**ins).Bind(1, 1).Run().ok()) << "a duplicate key";
    EXPECT_EQ(db->Cached(kInsert).status().code(), core::Code::kInternal) << "leased once at a time";
  }
  sqlite3_stmt* select = nullptr;
  {
    auto sel = db->Cached("SELECT x FROM t");
    ASSERT_TRUE(sel.ok());
    select = (*sel)->raw();
    ASSERT_TRUE((*sel)->Step());
    EXPECT_TRUE(sqlite3_stmt_busy(select));
  }
  EXPECT_FALSE(sqlite3_stmt_busy(select)) << "reset when the lease ended";
  sqlite::Db moved = std::move(*db);
  {
    auto ins = moved.Cached(kInsert);
    ASSERT_TRUE(ins.ok());
    EXPECT_EQ((*ins)->raw(), prepared) << "prepared once, kept when the connection moves";
    EXPECT_TRUE((**ins).Bind(1, 2).Run().ok()) << "usable after the failed run";
  }
  auto count = moved.Cached("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE((*count)->Step());
  EXPECT_EQ((*count)->Int(0), 2);
}

TEST(SqliteStoreTest, MigratesOnOpenAndOnlyOnce) {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "sub" / "o.db").string();
  {
    auto s = OpenStore(url);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(*(*s)->SchemaVersion(), 12);  // the newest migration (12: population figures)
    EXPECT_EQ((*s)->Backend(), "sqlite");
  }
  auto again = OpenStore(url);  // re-opening applies nothing twice
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*(*again)->SchemaVersion(), 12);
}

// Issue 16: only `init` creates a database; a mistyped path creates neither file nor folder.
TEST(SqliteStoreTest, OpeningAnExistingDatabaseCreatesNothing) {
  TempDir dir;
  const auto path = dir.path() / "typo" / "o.db";
  auto s = OpenStore("sqlite:" + path.string(), OpenMode::kExisting);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), core::Code::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("no database at " + path.string() + "; run 'onderdak init' first"),
            std::string::npos)
      << s.status().message();
  EXPECT_FALSE(std::filesystem::exists(path.parent_path()));
  ASSERT_TRUE(OpenStore("sqlite:" + path.string(), OpenMode::kCreate).ok());
  EXPECT_TRUE(OpenStore("sqlite:" + path.string(), OpenMode::kExisting).ok());
}

// Issue 16: the environment's errors are Unavailable/Io with what to do (exit 1), not
// Internal (exit 2).
TEST(SqliteStoreTest, AFolderOrAFileThatIsNotADatabaseIsAClearError) {
  TempDir dir;
  auto folder = OpenStore("sqlite:" + dir.path().string(), OpenMode::kExisting);
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().code(), core::Code::kUnavailable);
  EXPECT_NE(folder.status().message().find("is a folder, not a database file"), std::string::npos);
  const auto junk = dir.Write("junk.db", std::string(8192, 'x'));
  auto s = OpenStore("sqlite:" + junk.string(), OpenMode::kExisting);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), core::Code::kUnavailable);
  EXPECT_NE(s.status().message().find("is not an onderdak database or is damaged"), std::string::npos)
      << s.status().message();
  EXPECT_EQ(onderdak::testing::ReadFile(junk), std::string(8192, 'x'));  // left as it was
}

TEST(SqliteStoreTest, AFullDiskIsAClearError) {
  TempDir dir;
  const std::string path = (dir.path() / "full.db").string();
  auto db = sqlite::Db::Open(path);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x BLOB)").ok());
  // The page limit makes SQLite answer exactly as on a full disk: SQLITE_FULL.
  ASSERT_TRUE(db->Exec("PRAGMA max_page_count = 3").ok());
  core::Status s = db->Exec("INSERT INTO t VALUES (zeroblob(100000))");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), core::Code::kUnavailable) << s.message();
  EXPECT_NE(s.message().find("is full; free space and try again"), std::string::npos) << s.message();
}

TEST(SqliteStoreTest, TheKeyFingerprintIsRecordedOnceAndKept) {
  auto s = std::move(*OpenStore("sqlite::memory:"));
  ExpectTheKeyFingerprintIsRecordedOnceAndKept(*s);
}

TEST(SqliteStoreTest, RefusesADatabaseFromANewerBuild) {
  TempDir dir;
  const std::string path = (dir.path() / "o.db").string();
  ASSERT_TRUE(OpenStore("sqlite:" + path).ok());
  {
    auto db = sqlite::Db::Open(path);
    ASSERT_TRUE(db->Exec("INSERT INTO schema_migrations VALUES (999, 'future', 'now')").ok());
  }
  auto s = OpenStore("sqlite:" + path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), core::Code::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("schema version 999"), std::string::npos);
}

TEST(SqliteStoreTest, VersionsAreSelectedByDate) {
  auto s = std::move(*OpenStore("sqlite::memory:"));
  EXPECT_EQ(s->ReferenceVersionOn(*core::Date::Parse("2021-01-01")).status().code(), core::Code::kNotFound);
  domain::ReferenceSet a({M("GM0001", "A", "GM0001"), M("GM0002", "B", "GM0001")});
  domain::ReferenceSet b({M("GM0001", "A", "GM0001"), M("GM0002", "B", "GM0002")});
  ASSERT_TRUE(s->AddReferenceVersion(a, Meta("2020-01-01")).ok());
  auto vb = s->AddReferenceVersion(b, Meta("2022-01-01"));
  ASSERT_TRUE(vb.ok()) << vb.status().message();
  EXPECT_EQ(vb->region_count, 2);
  EXPECT_EQ(s->ReferenceVersionOn(*core::Date::Parse("2019-12-31")).status().code(), core::Code::kNotFound);
  EXPECT_EQ(s->ReferenceVersionOn(*core::Date::Parse("2021-12-31"))->id, 1);
  EXPECT_EQ(s->ReferenceVersionOn(*core::Date::Parse("2022-01-01"))->id, 2);
  // Same date: the later import wins.
  auto vc = s->AddReferenceVersion(a, Meta("2022-01-01"));
  EXPECT_EQ(s->ReferenceVersionOn(*core::Date::Parse("2023-06-01"))->id, vc->id);
  EXPECT_EQ(s->LoadReferenceSet(99).status().code(), core::Code::kNotFound);
}

TEST(SqliteStoreTest, InvalidSetWritesNothing) {
  auto s = std::move(*OpenStore("sqlite::memory:"));
  domain::ReferenceSet bad({M("GM0001", "A", "GM0009")});
  auto r = s->AddReferenceVersion(bad, Meta("2020-01-01"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_TRUE(s->ListReferenceVersions()->empty());
}

TEST(SqliteStoreTest, FailedImportLeavesTheFileByteForByteUnchanged) {
  TempDir dir;
  const std::string path = (dir.path() / "o.db").string();
  {
    auto s = std::move(*OpenStore("sqlite:" + path));
    ASSERT_TRUE(ingest::ImportShippedRegions(*s, onderdak::testing::ReferenceDir()).ok());
  }  // closing checkpoints the WAL into the main file
  const std::string before = onderdak::testing::ReadFile(path);
  {
    auto s = std::move(*OpenStore("sqlite:" + path));
    auto bad = dir.Write("bad.csv", "gemeentecode,centrumgemeente_code\nGM0363,GM0363\nGM0362,GM0599\n");
    ASSERT_FALSE(ingest::ImportRegions(*s, bad, {}).ok());
  }
  EXPECT_EQ(onderdak::testing::ReadFile(path), before);
}

}  // namespace
}  // namespace onderdak::store
