// LoadDataset on SQLite (ADR 0021): a database file is read on two connections in
// parallel, scanning whole tables when most deliveries are chosen and through the
// delivery_id index when few are; an in-memory database is read on one connection. All
// must give the same Dataset, records in delivery order, links as indexes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "dataset_compare.h"
#include "generated_data.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/store/internal/id_index.h"
#include "onderdak/store/store.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::store {
namespace {

using onderdak::testing::CurrentOnly;

std::unique_ptr<Store> Imported(const std::string& url, const std::filesystem::path& out) {
  auto s = OpenStore(url);
  EXPECT_TRUE(s.ok()) << s.status().message();
  if (!s.ok()) return nullptr;
  EXPECT_TRUE(ingest::ImportShippedRegions(**s, onderdak::testing::ReferenceDir()).ok());
  const int n = onderdak::testing::ImportGenerated(**s, onderdak::testing::TestKey(),
                                                   onderdak::testing::GeneratedYears(1500, 2022, 2022, 5), out);
  EXPECT_GT(n, 40);
  return std::move(*s);
}

class SqliteLoadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new onderdak::testing::TempDir();
    // The same deliveries from the same folder (the source path is stored): generated
    // again after the first import, byte for byte the same (one seed).
    const auto gen = dir_->path() / "gen";
    file_ = Imported("sqlite:" + (dir_->path() / "o.db").string(), gen).release();
    std::filesystem::remove_all(gen);
    memory_ = Imported("sqlite::memory:", gen).release();
  }
  static void TearDownTestSuite() {
    delete file_;
    delete memory_;
    delete dir_;
  }
  static onderdak::testing::TempDir* dir_;
  static Store* file_;
  static Store* memory_;
};
onderdak::testing::TempDir* SqliteLoadTest::dir_ = nullptr;
Store* SqliteLoadTest::file_ = nullptr;
Store* SqliteLoadTest::memory_ = nullptr;

TEST_F(SqliteLoadTest, TwoConnectionsGiveWhatOneGives) {
  ASSERT_NE(file_, nullptr);
  ASSERT_NE(memory_, nullptr);
  auto parallel = file_->LoadDataset(CurrentOnly());
  auto serial = memory_->LoadDataset(CurrentOnly());
  ASSERT_TRUE(parallel.ok()) << parallel.status().message();
  ASSERT_TRUE(serial.ok()) << serial.status().message();
  ASSERT_GT(parallel->persons.size(), 500u);
  ASSERT_GT(parallel->service_episodes.size(), 500u);
  onderdak::testing::ExpectSameDataset(*parallel, *serial);
}

// ADR 0040: a link is read into the row's int32 field as the store id, and an id beyond
// int32 is kept aside. Here every person, facility and project is renumbered past 2^32
// (a copy of the database, links updated with them): the load must be the same.
TEST_F(SqliteLoadTest, StoreIdsBeyondInt32AreLinkedTheSame) {
  ASSERT_NE(file_, nullptr);
  const auto copy = dir_->path() / "wide.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_->path() / "o.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, ("VACUUM INTO '" + copy.string() + "'").c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
  const char* renumber = R"(
    PRAGMA foreign_keys = OFF;
    UPDATE person SET id = id + 5000000000;
    UPDATE facility SET id = id + 5000000000;
    UPDATE housing_project SET id = id + 5000000000;
    UPDATE living_situation SET person_id = person_id + 5000000000;
    UPDATE service_episode SET person_id = person_id + 5000000000, facility_id = facility_id + 5000000000;
    UPDATE request SET person_id = person_id + 5000000000;
    UPDATE waiting_entry SET person_id = person_id + 5000000000;
    UPDATE cause SET person_id = person_id + 5000000000;
    UPDATE need SET person_id = person_id + 5000000000;
    UPDATE capacity SET facility_id = facility_id + 5000000000;
    UPDATE funding_line SET project_id = project_id + 5000000000;)";
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, renumber, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_int64 wide = 0;
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT min(person_id) FROM service_episode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  wide = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  ASSERT_GT(wide, sqlite3_int64{1} << 32);

  auto renumbered = OpenStore("sqlite:" + copy.string(), OpenMode::kExisting);
  ASSERT_TRUE(renumbered.ok()) << renumbered.status().message();
  auto got = (*renumbered)->LoadDataset(CurrentOnly());
  auto want = file_->LoadDataset(CurrentOnly());
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_TRUE(want.ok()) << want.status().message();
  ASSERT_GT(got->service_episodes.size(), 500u);
  onderdak::testing::ExpectSameDataset(*got, *want);
}

// A region and a half-year: a few deliveries of many, read through the index. Their
// records must be those of the whole load, in the same order, linked the same way.
TEST_F(SqliteLoadTest, AFewDeliveriesReadThroughTheIndexAreThoseOfTheWholeLoad) {
  ASSERT_NE(file_, nullptr);
  auto all = file_->LoadDataset(CurrentOnly());
  ASSERT_TRUE(all.ok()) << all.status().message();
  DeliveryFilter few = CurrentOnly();
  few.region = all->deliveries.back().region;
  few.period = all->deliveries.back().period;
  auto part = file_->LoadDataset(few);
  ASSERT_TRUE(part.ok()) << part.status().message();
  ASSERT_FALSE(part->persons.empty());
  ASSERT_LT(part->deliveries.size() * 2, all->deliveries.size());

  auto chosen = [&](std::int32_t delivery) {
    const auto& d = all->deliveries[static_cast<std::size_t>(delivery)];
    return d.region == *few.region && d.period == *few.period;
  };
  std::vector<std::pair<std::string, std::string>> expected_persons, got_persons;
  for (const auto& p : all->persons) {
    if (chosen(p.delivery)) expected_persons.emplace_back(p.record_id, p.pseudonym);
  }
  for (const auto& p : part->persons) got_persons.emplace_back(p.record_id, p.pseudonym);
  EXPECT_EQ(got_persons, expected_persons);

  // Episodes with their person's pseudonym and their facility's record id: the links.
  std::vector<std::pair<std::string, std::string>> expected_episodes, got_episodes;
  for (const auto& e : all->service_episodes) {
    const auto& p = all->persons[static_cast<std::size_t>(e.person)];
    if (chosen(p.delivery)) {
      expected_episodes.emplace_back(
          e.record_id,
          p.pseudonym.str() + (e.facility < 0 ? "" : all->facilities[static_cast<std::size_t>(e.facility)].record_id));
    }
  }
  for (const auto& e : part->service_episodes) {
    got_episodes.emplace_back(
        e.record_id, part->persons[static_cast<std::size_t>(e.person)].pseudonym.str() +
                         (e.facility < 0 ? "" : part->facilities[static_cast<std::size_t>(e.facility)].record_id));
  }
  ASSERT_FALSE(got_episodes.empty());
  EXPECT_EQ(got_episodes, expected_episodes);
}

TEST(IdIndexTest, DenseIdsAreFoundAndMissingOnesAreNot) {
  const internal::IdIndex index({7, 8, 10, 9});
  EXPECT_EQ(index.Find(7), 0);
  EXPECT_EQ(index.Find(10), 2);
  EXPECT_EQ(index.Find(9), 3);
  EXPECT_EQ(index.Find(6), -1);
  EXPECT_EQ(index.Find(11), -1);
  EXPECT_EQ(internal::IdIndex(std::vector<std::int64_t>{}).Find(1), -1);
}

TEST(IdIndexTest, SparseIdsAreFoundAndAMissingOneIsAnError) {
  const internal::IdIndex index({5, 1'000'000'000'000, 3});
  EXPECT_EQ(index.Find(1'000'000'000'000), 1);
  EXPECT_EQ(index.Find(3), 2);
  EXPECT_EQ(index.Find(4), -1);
  core::Status error;
  EXPECT_EQ(index.Resolve(5, "person", error), 0);
  EXPECT_TRUE(error.ok());
  EXPECT_EQ(index.Resolve(4, "person", error), 0);
  EXPECT_EQ(error.code(), core::Code::kInternal);
  EXPECT_EQ(error.message(), "person 4 is not loaded");
}

}  // namespace
}  // namespace onderdak::store
