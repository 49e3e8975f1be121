// ImportSession (ADR 0020): many deliveries imported one after another keep each
// delivery all or nothing. A refused delivery between accepted ones leaves no trace (no
// rows, no version, no archive, no audit entry), and the session's cached statements,
// reference data and buffers serve the deliveries after it exactly as a fresh import.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/regions_import.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using onderdak::testing::CurrentOnly;
using onderdak::testing::TempDir;
using onderdak::testing::TestKey;
using onderdak::testing::WriteDelivery;
using ::testing::HasSubstr;

std::unique_ptr<store::Store> NewStore(const std::filesystem::path& path) {
  auto s = store::OpenStore("sqlite:" + path.string());
  EXPECT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(ImportShippedRegions(**s, onderdak::testing::ReferenceDir()).ok());
  return std::move(*s);
}

std::string Manifest(const std::string& organisation, const std::string& period) {
  return R"({"format_version": 1, "region": "GM0363", "organisation": ")" + organisation +
         R"(", "organisation_name": "Test", "period": ")" + period + R"(", "created": "2021-07-01T00:00:00Z"})";
}

// `persons` persons and one service episode each; the episode of the last person has
// `last_episode_type` as its service type (a wrong one refuses the delivery at its last row).
std::map<std::string, std::string> Rows(int persons, const std::string& last_episode_type = "nachtopvang") {
  std::string p =
      "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,"
      "municipality_of_origin\n";
  std::string e = "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n";
  for (int i = 1; i <= persons; ++i) {
    const std::string id = "P-" + std::to_string(i);
    p += id + ",,AB,1980-01-02,1980-01,M,NL,alleenstaand,GM0363\n";
    e += "S-" + std::to_string(i) + "," + id + "," + (i == persons ? last_episode_type : "nachtopvang") +
         ",,GM0363,2021-01-10,,\n";
  }
  return {{"persons.csv", p}, {"service_episodes.csv", e}, {"living_situations.csv", ""}};
}

std::map<std::string, std::string> With(std::map<std::string, std::string> files, const std::string& manifest) {
  files["manifest.json"] = manifest;
  return files;
}

ImportOptions Audited() {
  ImportOptions o;
  o.audit = store::AuditEvent{"tester", "delivery.import", "", "test", "cli"};
  return o;
}

TEST(ImportSessionTest, ARefusedDeliveryBetweenAcceptedOnesLeavesNoTrace) {
  TempDir tmp;
  const auto a = WriteDelivery(tmp.path() / "a", With(Rows(3), Manifest("KVK-1", "2021H1")));
  // Refused at its last row: with more rows than one insert batch (8192), after the
  // writer's worker thread has inserted rows; and a small one, inserted without it.
  const auto big_bad = WriteDelivery(tmp.path() / "b", With(Rows(9000, "zwembad"), Manifest("KVK-2", "2021H1")));
  const auto small_bad = WriteDelivery(tmp.path() / "c", With(Rows(5, "zwembad"), Manifest("KVK-3", "2021H1")));
  const auto big = WriteDelivery(tmp.path() / "d", With(Rows(9000), Manifest("KVK-4", "2021H2")));
  const auto small = WriteDelivery(tmp.path() / "e", With(Rows(4), Manifest("KVK-1", "2021H2")));

  auto session_store = NewStore(tmp.path() / "session.db");
  const Pseudonymiser key = TestKey();
  std::vector<ImportReport> reports;
  {
    ImportSession session(*session_store, key);
    for (const auto& path : {a, big_bad, small_bad, big, small}) {
      auto r = session.Import(path, Audited());
      ASSERT_TRUE(r.ok()) << r.status().message();
      reports.push_back(*r);
    }
  }
  EXPECT_TRUE(reports[0].accepted());
  ASSERT_FALSE(reports[1].accepted());
  EXPECT_THAT(reports[1].errors.front(), HasSubstr("service_episodes.csv:9001: service_type"));
  ASSERT_FALSE(reports[2].accepted());
  EXPECT_THAT(reports[2].errors.front(), HasSubstr("service_episodes.csv:6: service_type"));
  EXPECT_TRUE(reports[3].accepted()) << ::testing::PrintToString(reports[3].errors);
  EXPECT_TRUE(reports[4].accepted()) << ::testing::PrintToString(reports[4].errors);

  // The same accepted deliveries imported one by one, each on its own, into a fresh database.
  auto single_store = NewStore(tmp.path() / "single.db");
  for (const auto& path : {a, big, small}) {
    auto r = ImportDelivery(*single_store, key, path, Audited());
    ASSERT_TRUE(r.ok() && r->accepted());
  }
  auto in_session = session_store->ListDeliveries({});
  auto one_by_one = single_store->ListDeliveries({});
  ASSERT_TRUE(in_session.ok() && one_by_one.ok());
  ASSERT_EQ(in_session->size(), 3u) << "the refused deliveries add no version";
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& s = (*in_session)[i];
    const auto& o = (*one_by_one)[i];
    EXPECT_EQ(s.id, o.id);
    EXPECT_EQ(s.organisation, o.organisation);
    EXPECT_EQ(s.period, o.period);
    EXPECT_EQ(s.version, o.version);
    EXPECT_EQ(s.sha256, o.sha256);
    EXPECT_EQ(*session_store->CountDeliveryRows(s.id), *single_store->CountDeliveryRows(o.id));
    std::ostringstream session_zip, single_zip;
    ASSERT_TRUE(session_store->ExportArchive(s.id, session_zip).ok());
    ASSERT_TRUE(single_store->ExportArchive(o.id, single_zip).ok());
    EXPECT_EQ(session_zip.str(), single_zip.str()) << "the same archive bytes";
  }
  auto ds_session = session_store->LoadDataset(CurrentOnly());
  auto ds_single = single_store->LoadDataset(CurrentOnly());
  ASSERT_TRUE(ds_session.ok() && ds_single.ok());
  ASSERT_EQ(ds_session->persons.size(), 3u + 9000u + 4u);
  ASSERT_EQ(ds_session->persons.size(), ds_single->persons.size());
  for (std::size_t i = 0; i < ds_session->persons.size(); ++i) {
    ASSERT_EQ(ds_session->persons[i].record_id, ds_single->persons[i].record_id);
    ASSERT_EQ(ds_session->persons[i].pseudonym, ds_single->persons[i].pseudonym);
  }
  ASSERT_EQ(ds_session->service_episodes.size(), ds_single->service_episodes.size());
  for (std::size_t i = 0; i < ds_session->service_episodes.size(); ++i) {
    ASSERT_EQ(ds_session->service_episodes[i].record_id, ds_single->service_episodes[i].record_id);
    ASSERT_EQ(ds_session->service_episodes[i].person, ds_single->service_episodes[i].person);
  }
  // One audit entry per stored delivery, none for the refused ones.
  auto audit = session_store->Accounts().ListAudit(std::nullopt);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*audit)[i].object, "delivery:" + std::to_string((*in_session)[i].id));
  }
}

TEST(ImportSessionTest, AReDeliveryInTheSameSessionBecomesVersionTwoOrIsUnchanged) {
  TempDir tmp;
  auto store = NewStore(tmp.path() / "db");
  const Pseudonymiser key = TestKey();
  ImportSession session(*store, key);
  const auto first = WriteDelivery(tmp.path() / "1", With(Rows(2), Manifest("KVK-1", "2021H1")));
  const auto second = WriteDelivery(tmp.path() / "2", With(Rows(3), Manifest("KVK-1", "2021H1")));
  auto v1 = session.Import(first);
  auto again = session.Import(first);
  auto v2 = session.Import(second);
  ASSERT_TRUE(v1.ok() && again.ok() && v2.ok());
  ASSERT_TRUE(v1->delivery && v2->delivery);
  EXPECT_EQ(v1->delivery->version, 1);
  EXPECT_TRUE(again->unchanged);
  EXPECT_EQ(v2->delivery->version, 2);
  auto current = store->ListDeliveries(CurrentOnly());
  ASSERT_TRUE(current.ok());
  ASSERT_EQ(current->size(), 1u);
  EXPECT_EQ(current->front().id, v2->delivery->id);
}

// The record ids of a file are kept in blocks that grow as the file does: ids in early
// and late blocks are all found, and a duplicate of the first is still caught at the end.
TEST(ImportSessionTest, RecordIdsAcrossManyBlocksAreAllKept) {
  TempDir tmp;
  auto store = NewStore(tmp.path() / "db");
  const std::string pad(50, 'x');
  std::string p =
      "record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,"
      "municipality_of_origin\n";
  std::string e = "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n";
  constexpr int kPersons = 20000;  // ~1.1 MB of ids of up to 57 bytes: past the first, growing, blocks
  for (int i = 1; i <= kPersons; ++i) {
    const std::string id = "P-" + std::to_string(i) + pad;
    p += id + ",,AB,1980-01-02,1980-01,M,NL,alleenstaand,GM0363\n";
    // Each episode points at a person far back, in an earlier block.
    e += "S-" + std::to_string(i) + ",P-" + std::to_string(kPersons + 1 - i) + pad +
         ",nachtopvang,,GM0363,2021-01-10,,\n";
  }
  const auto good = WriteDelivery(tmp.path() / "good",
                                  {{"persons.csv", p}, {"service_episodes.csv", e}, {"living_situations.csv", ""}});
  auto r = ImportDelivery(*store, TestKey(), good);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->accepted()) << ::testing::PrintToString(r->errors);
  EXPECT_EQ(r->rows.at("service_episodes"), kPersons);

  const std::string again = "P-1" + pad + ",,AB,1980-01-02,1980-01,M,NL,alleenstaand,GM0363\n";
  const auto dup = WriteDelivery(
      tmp.path() / "dup", {{"persons.csv", p + again}, {"service_episodes.csv", ""}, {"living_situations.csv", ""}});
  auto refused = ImportDelivery(*store, TestKey(), dup);
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_THAT(refused->errors.front(), HasSubstr("persons.csv:20002: record_id"));
  EXPECT_THAT(refused->errors.front(), HasSubstr("duplicate record_id (first on line 2)"));
}

}  // namespace
}  // namespace onderdak::ingest
