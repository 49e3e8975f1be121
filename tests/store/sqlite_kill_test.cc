// Durability of the SQLite backend (issue 8): an import killed with SIGKILL halfway
// through leaves no trace of itself, loses nothing committed before it, and leaves a
// database that the next import writes to as usual. The PostgreSQL counterpart is in
// postgres_import_test.cc.
#include <gtest/gtest.h>

#include <filesystem>

#include "kill_import.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/store/sqlite/sqlite_db.h"
#include "test_support.h"

namespace onderdak::store {
namespace {

using onderdak::testing::CurrentOnly;
using onderdak::testing::TempDir;
using onderdak::testing::TestKey;

// Every delivery (all versions) with its row counts: what must survive the kill unchanged.
std::vector<std::pair<std::int64_t, std::int64_t>> Fingerprint(Store& s) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  DeliveryFilter all;
  auto list = s.ListDeliveries(all);
  EXPECT_TRUE(list.ok()) << list.status().message();
  if (!list.ok()) return out;
  for (const auto& d : *list) {
    auto rows = s.CountDeliveryRows(d.id);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::int64_t total = 0;
    if (rows.ok()) {
      for (const auto& [file, n] : *rows) total += n;
    }
    out.emplace_back(d.id, total);
  }
  return out;
}

TEST(SqliteKillTest, ImportKilledHalfwayLeavesNoTraceAndLosesNothing) {
  TempDir dir;
  const auto db = dir.path() / "o.db";
  const std::string url = "sqlite:" + db.string();
  {
    auto s = std::move(*OpenStore(url));
    ASSERT_TRUE(ingest::ImportShippedRegions(*s, onderdak::testing::ReferenceDir()).ok());
    auto first = ingest::ImportDelivery(*s, TestKey(), onderdak::testing::WriteDelivery(dir.path() / "small"));
    ASSERT_TRUE(first.ok() && first->accepted());
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> before;
  {
    auto s = std::move(*OpenStore(url));
    before = Fingerprint(*s);
  }
  ASSERT_EQ(before.size(), 1u);

  const auto large = onderdak::testing::WriteLargeDelivery(dir.path() / "large", 100000);
  std::uintmax_t wal_bytes = 0;
  auto killed = onderdak::testing::KillImportHalfway(url, large, [&] {
    std::error_code ec;
    wal_bytes = std::filesystem::file_size(db.string() + "-wal", ec);
  });
  ASSERT_TRUE(killed.reached_middle) << "the importer did not get halfway (wait status " << killed.wait_status << ")";
  ASSERT_TRUE(killed.killed) << "wait status " << killed.wait_status;
  // The uncommitted rows had reached the disk (the write-ahead log), so the kill really
  // left something behind for recovery to discard.
  EXPECT_GT(wal_bytes, 1u << 20);

  auto s = std::move(*OpenStore(url));
  {
    auto conn = sqlite::Db::Open(db.string());
    ASSERT_TRUE(conn.ok()) << conn.status().message();
    auto st = conn->Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(st->Step());
    EXPECT_EQ(st->Text(0), "ok");
  }
  EXPECT_EQ(Fingerprint(*s), before);
  auto data = s->LoadDataset(CurrentOnly());
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->persons.size(), 2u);
  EXPECT_EQ(data->service_episodes.size(), 2u);

  // The write lock died with the importer: the same delivery imports now, as version 2.
  auto again = ingest::ImportDelivery(*s, TestKey(), large);
  ASSERT_TRUE(again.ok()) << again.status().message();
  ASSERT_TRUE(again->accepted()) << ::testing::PrintToString(again->errors);
  EXPECT_EQ(again->delivery->version, 2);
  EXPECT_EQ(s->LoadDataset(CurrentOnly())->persons.size(), 100000u);
}

}  // namespace
}  // namespace onderdak::store
