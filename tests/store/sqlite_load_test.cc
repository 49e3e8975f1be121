// LoadDataset on SQLite (ADR 0021): a database file is read on two connections in
// parallel, scanning whole tables when most deliveries are chosen and through the
// delivery_id index when few are; an in-memory database is read on one connection. All
// must give the same Dataset, records in delivery order, links as indexes.
#include <gtest/gtest.h>

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
          p.pseudonym + (e.facility < 0 ? "" : all->facilities[static_cast<std::size_t>(e.facility)].record_id));
    }
  }
  for (const auto& e : part->service_episodes) {
    got_episodes.emplace_back(
        e.record_id, part->persons[static_cast<std::size_t>(e.person)].pseudonym +
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
