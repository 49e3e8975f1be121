#include "onderdak/synth/generator.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/domain/bsn.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/ingest/regions_import.h"
#include "test_support.h"

namespace onderdak::synth {
namespace {

namespace fs = std::filesystem;
using onderdak::testing::ReadFile;
using onderdak::testing::ReferenceDir;
using onderdak::testing::TempDir;

const domain::ReferenceSet& Reference() {
  static const domain::ReferenceSet set = [] {
    auto r = ingest::ReadRegionsCsv(ReferenceDir() / ingest::kShippedRegionsFile, nullptr);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : domain::ReferenceSet();
  }();
  return set;
}

// A CSV file as header + rows. Generated files never need quoting; a quote would be a
// finding in itself, so the test refuses it.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

Csv ReadCsv(const fs::path& path) {
  Csv csv;
  std::istringstream in(ReadFile(path));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    EXPECT_EQ(line.find('"'), std::string::npos) << path;
    EXPECT_EQ(line.find('\r'), std::string::npos) << path;
    std::vector<std::string> fields;
    std::string field;
    std::istringstream ls(line);
    while (std::getline(ls, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    if (first) {
      csv.header = fields;
      first = false;
      continue;
    }
    EXPECT_EQ(fields.size(), csv.header.size()) << path << ": " << line;
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < fields.size() && i < csv.header.size(); ++i) row[csv.header[i]] = fields[i];
    csv.rows.push_back(std::move(row));
  }
  return csv;
}

// persons.csv first: the other files refer to it.
using Headers = std::vector<std::pair<std::string, std::vector<std::string>>>;
const Headers& ExpectedHeaders() {
  static const Headers headers{
      {"persons.csv",
       {"record_id", "bsn", "initials", "birth_date", "birth_year_month", "gender", "nationality_group", "household",
        "municipality_of_origin"}},
      {"living_situations.csv", {"record_id", "person_id", "ethos", "start_date", "end_date", "source"}},
      {"service_episodes.csv",
       {"record_id", "person_id", "service_type", "facility_id", "municipality", "start_date", "end_date",
        "exit_destination"}},
      {"needs.csv", {"record_id", "person_id", "assessed_date", "need_category"}},
      {"causes.csv", {"record_id", "person_id", "intake_date", "cause"}},
  };
  return headers;
}

// Which column takes which code list.
const std::map<std::string, std::string>& CodedColumns() {
  static const std::map<std::string, std::string> columns{
      {"gender", "gender"},
      {"nationality_group", "nationality_group"},
      {"household", "household"},
      {"ethos", "ethos"},
      {"service_type", "service_type"},
      {"exit_destination", "exit_destination"},
      {"need_category", "need_category"},
      {"cause", "cause"},
  };
  return columns;
}

std::vector<fs::path> DeliveryFolders(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().filename() == "manifest.json") out.push_back(e.path().parent_path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, std::string> AllFiles(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = ReadFile(e.path());
  }
  return files;
}

struct Run {
  TempDir dir;
  GenerateSummary summary;
};

std::unique_ptr<Run> Generated(std::int64_t persons, int from, int to, std::uint64_t seed) {
  auto run = std::make_unique<Run>();
  GenerateOptions o;
  o.persons = persons;
  o.from_year = from;
  o.to_year = to;
  o.seed = seed;
  auto s = Generate(o, Reference(), run->dir.path() / "out");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (s.ok()) run->summary = *s;
  return run;
}

// The small run shared by the format tests.
const Run& Small() {
  static const std::unique_ptr<Run> run = Generated(2000, 2021, 2022, 7);
  return *run;
}

TEST(GeneratorTest, SameSeedGivesSameBytesAndAnotherSeedDifferentOnes) {
  const auto again = Generated(2000, 2021, 2022, 7);
  const auto other = Generated(2000, 2021, 2022, 8);
  const auto a = AllFiles(Small().dir.path() / "out");
  const auto b = AllFiles(again->dir.path() / "out");
  ASSERT_GT(a.size(), 100u);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    auto it = b.find(name);
    ASSERT_NE(it, b.end()) << name;
    EXPECT_TRUE(it->second == bytes) << name << " differs between two runs with the same seed";
  }
  const auto c = AllFiles(other->dir.path() / "out");
  EXPECT_NE(a.at("ground_truth.json"), c.at("ground_truth.json"));
}

TEST(GeneratorTest, EveryDeliveryFollowsTheExchangeFormat) {
  const fs::path root = Small().dir.path() / "out";
  const auto folders = DeliveryFolders(root);
  ASSERT_EQ(static_cast<int>(folders.size()), Small().summary.deliveries);
  std::int64_t bsn_rows = 0, key_rows = 0;
  for (const auto& folder : folders) {
    const auto manifest = nlohmann::json::parse(ReadFile(folder / "manifest.json"));
    EXPECT_EQ(manifest.at("format_version"), 1);
    const std::string region = manifest.at("region");
    EXPECT_NE(Reference().FindRegion(region), nullptr) << folder;
    EXPECT_TRUE(core::Period::Parse(manifest.at("period").get<std::string>()).ok());
    EXPECT_EQ(folder.parent_path().filename().string(), manifest.at("period").get<std::string>());
    const std::string org = manifest.at("organisation");
    EXPECT_FALSE(org.empty());
    EXPECT_LE(org.size(), 64u);

    std::set<std::string> person_ids;
    for (const auto& [file, header] : ExpectedHeaders()) {
      if (!fs::exists(folder / file)) {
        EXPECT_NE(file, "persons.csv") << folder;
        continue;
      }
      const Csv csv = ReadCsv(folder / file);
      EXPECT_EQ(csv.header, header) << folder / file;
      std::set<std::string> record_ids;
      for (const auto& row : csv.rows) {
        EXPECT_TRUE(record_ids.insert(row.at("record_id")).second) << folder / file << ": " << row.at("record_id");
        for (const auto& [column, list_name] : CodedColumns()) {
          auto it = row.find(column);
          if (it == row.end()) continue;
          if (column == "exit_destination" && it->second.empty()) {
            EXPECT_TRUE(row.at("end_date").empty()) << "an end date needs an exit destination";
            continue;
          }
          EXPECT_NE(domain::FindCode(*domain::FindCodeList(list_name), it->second), nullptr)
              << folder / file << ": " << column << " '" << it->second << "'";
        }
        if (file == "persons.csv") {
          person_ids.insert(row.at("record_id"));
          if (row.at("bsn").empty()) {
            ++key_rows;
            EXPECT_FALSE(row.at("initials").empty());
            ASSERT_TRUE(core::Date::Parse(row.at("birth_date")).ok());
            EXPECT_EQ(row.at("birth_date").substr(0, 7), row.at("birth_year_month"));
          } else {
            ++bsn_rows;
            EXPECT_TRUE(domain::IsValidBsn(row.at("bsn"))) << "invalid BSN in " << folder;
            EXPECT_TRUE(row.at("initials").empty() && row.at("birth_date").empty());
          }
          EXPECT_EQ(row.at("birth_year_month").size(), 7u);
          const auto& origin = row.at("municipality_of_origin");
          if (!origin.empty()) {
            EXPECT_NE(Reference().FindMunicipality(origin), nullptr);
          }
        } else {
          EXPECT_EQ(person_ids.count(row.at("person_id")), 1u) << folder / file << ": " << row.at("person_id");
        }
        for (const char* start_col : {"start_date", "assessed_date", "intake_date"}) {
          if (row.count(start_col)) {
            EXPECT_TRUE(core::Date::Parse(row.at(start_col)).ok());
          }
        }
        if (row.count("end_date") && !row.at("end_date").empty()) {
          auto start = core::Date::Parse(row.at("start_date"));
          auto end = core::Date::Parse(row.at("end_date"));
          ASSERT_TRUE(start.ok() && end.ok());
          EXPECT_GE(*end, *start) << folder / file << ": " << row.at("record_id");
        }
        if (row.count("municipality")) {
          const auto* m = Reference().FindMunicipality(row.at("municipality"));
          ASSERT_NE(m, nullptr);
          EXPECT_EQ(m->region_code, region);
        }
      }
    }
  }
  // About 85 % of the persons carry a BSN.
  const double bsn_share = static_cast<double>(bsn_rows) / static_cast<double>(bsn_rows + key_rows);
  EXPECT_GT(bsn_share, 0.78);
  EXPECT_LT(bsn_share, 0.92);
}

std::string PersonKey(const std::map<std::string, std::string>& p) {
  return p.at("bsn").empty() ? p.at("initials") + "|" + p.at("birth_date") + "|" + p.at("gender") : p.at("bsn");
}

TEST(GeneratorTest, GroundTruthEqualsARecountFromTheFiles) {
  const fs::path root = Small().dir.path() / "out";
  const auto truth = nlohmann::json::parse(ReadFile(root / "ground_truth.json"));
  ASSERT_TRUE(truth.contains("definitions"));
  int checked = 0, nonzero = 0;
  for (const auto& region : truth.at("regions")) {
    for (const auto& period : region.at("periods")) {
      const fs::path dir = root / region.at("region").get<std::string>() / period.at("period").get<std::string>();
      ASSERT_EQ(period.at("delivered").get<bool>(), fs::exists(dir)) << dir;
      if (!period.at("delivered").get<bool>()) continue;
      const auto p = core::Period::Parse(period.at("period").get<std::string>());
      ASSERT_TRUE(p.ok());
      std::set<std::string> shelter, homeless;
      for (const auto& org : fs::directory_iterator(dir)) {
        std::map<std::string, std::string> key_of;
        for (const auto& row : ReadCsv(org.path() / "persons.csv").rows) key_of[row.at("record_id")] = PersonKey(row);
        if (fs::exists(org.path() / "service_episodes.csv")) {
          for (const auto& row : ReadCsv(org.path() / "service_episodes.csv").rows) {
            if (domain::FindCode(*domain::FindCodeList("service_type"), row.at("service_type"))->flag) {
              shelter.insert(key_of.at(row.at("person_id")));
            }
          }
        }
        for (const auto& row : ReadCsv(org.path() / "living_situations.csv").rows) {
          const bool homeless_code = domain::FindCode(*domain::FindCodeList("ethos"), row.at("ethos"))->flag;
          const auto start = core::Date::Parse(row.at("start_date"));
          ASSERT_TRUE(start.ok());
          const bool on_first_day = *start <= p->first();  // an episode in the file overlaps the period
          if (homeless_code && on_first_day) homeless.insert(key_of.at(row.at("person_id")));
        }
      }
      EXPECT_EQ(static_cast<std::int64_t>(shelter.size()), period.at("shelter_stay_persons").get<std::int64_t>())
          << dir;
      EXPECT_EQ(static_cast<std::int64_t>(homeless.size()),
                period.at("registered_ethos_1_3_on_first_day").get<std::int64_t>())
          << dir;
      EXPECT_LE(period.at("registered_ethos_1_3_on_first_day").get<std::int64_t>(),
                period.at("ethos_1_3_on_first_day").get<std::int64_t>());
      ++checked;
      if (!shelter.empty() && !homeless.empty()) ++nonzero;
    }
  }
  EXPECT_GT(checked, 100);
  EXPECT_GT(nonzero, 50);
  // Nationally a person is counted once, so the national count is at most the regional sum.
  for (std::size_t h = 0; h < truth.at("national").size(); ++h) {
    std::int64_t sum = 0;
    for (const auto& region : truth.at("regions"))
      sum += region.at("periods")[h].at("shelter_stay_persons").get<std::int64_t>();
    const auto national = truth.at("national")[h].at("shelter_stay_persons").get<std::int64_t>();
    EXPECT_LE(national, sum);
    EXPECT_GT(national, 0);
  }
}

TEST(GeneratorTest, CalibrationAtAModerateSize) {
  const auto run = Generated(20000, 2021, 2021, 3);
  const fs::path root = run->dir.path() / "out";
  const auto truth = nlohmann::json::parse(ReadFile(root / "ground_truth.json"));
  for (const auto& half : truth.at("national")) {
    const int delivered = half.at("regions_delivered").get<int>();
    EXPECT_GE(delivered, 30);
    EXPECT_LE(delivered, 40);
  }

  std::map<std::string, int> ages;  // person key -> age on 2021-01-01
  std::map<std::string, std::int64_t> needs;
  std::map<std::string, std::set<std::string>> organisations_of;  // person key -> organisations
  std::int64_t long_stays = 0, stays = 0, housed = 0, exits = 0;
  std::map<std::string, core::Date> housed_on;     // person key -> an exit to housing
  std::map<std::string, core::Date> latest_start;  // person key -> latest stay start
  for (const auto& folder : DeliveryFolders(root)) {
    const auto manifest = nlohmann::json::parse(ReadFile(folder / "manifest.json"));
    std::map<std::string, std::string> key_of;
    for (const auto& row : ReadCsv(folder / "persons.csv").rows) {
      const std::string key = PersonKey(row);
      key_of[row.at("record_id")] = key;
      const int year = std::stoi(row.at("birth_year_month").substr(0, 4));
      const int month = std::stoi(row.at("birth_year_month").substr(5, 2));
      ages[key] = 2021 - year - (month > 1 ? 1 : 0);
      organisations_of[key].insert(manifest.at("organisation").get<std::string>());
    }
    if (!fs::exists(folder / "needs.csv")) continue;
    for (const auto& row : ReadCsv(folder / "needs.csv").rows) ++needs[row.at("need_category")];
    for (const auto& row : ReadCsv(folder / "service_episodes.csv").rows) {
      const std::string& key = key_of.at(row.at("person_id"));
      const core::Date start = *core::Date::Parse(row.at("start_date"));
      if (!latest_start.count(key) || latest_start.at(key) < start) latest_start[key] = start;
      if (row.at("end_date").empty()) continue;
      const auto days = *core::Date::Parse(row.at("end_date")) - *core::Date::Parse(row.at("start_date"));
      ++stays;
      if (days > 90) ++long_stays;
      ++exits;
      if (domain::FindCode(*domain::FindCodeList("exit_destination"), row.at("exit_destination"))->flag) {
        ++housed;
        housed_on[key] = *core::Date::Parse(row.at("end_date"));
      }
    }
  }
  std::int64_t youth = 0;
  for (const auto& [key, age] : ages) youth += (age >= 18 && age <= 27) ? 1 : 0;
  const double youth_share = static_cast<double>(youth) / static_cast<double>(ages.size());
  EXPECT_GT(youth_share, 0.13) << youth_share;
  EXPECT_LT(youth_share, 0.27) << youth_share;

  std::int64_t total = 0;
  for (const auto& [code, n] : needs) total += n;
  ASSERT_GT(total, 1000);
  const std::map<std::string, double> expected{{"A", 0.14}, {"B", 0.32}, {"C", 0.15}, {"D", 0.16}, {"E", 0.23}};
  for (const auto& [code, share] : expected) {
    EXPECT_NEAR(static_cast<double>(needs[code]) / static_cast<double>(total), share, 0.03) << code;
  }

  // Long tail: a good share of the finished stays lasts longer than 90 days; some exits
  // are to housing.
  EXPECT_GT(static_cast<double>(long_stays) / static_cast<double>(stays), 0.10);
  EXPECT_GT(static_cast<double>(housed) / static_cast<double>(exits), 0.05);

  // Some persons return to a shelter after an exit to housing.
  int returns = 0;
  for (const auto& [key, date] : housed_on) returns += latest_start.at(key) > date ? 1 : 0;
  EXPECT_GT(returns, 20);

  // Some persons are known to more than one organisation.
  std::int64_t multi = 0;
  for (const auto& [key, orgs] : organisations_of) multi += orgs.size() > 1 ? 1 : 0;
  EXPECT_GT(static_cast<double>(multi) / static_cast<double>(organisations_of.size()), 0.10);
}

TEST(GeneratorTest, RefusesBadOptionsAndANonEmptyFolder) {
  TempDir dir;
  GenerateOptions o;
  o.persons = 10;
  o.from_year = 2023;
  o.to_year = 2021;
  auto r = Generate(o, Reference(), dir.path() / "a");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(r.status().message().find("--from"), std::string::npos);

  o.from_year = 2021;
  o.persons = -1;
  r = Generate(o, Reference(), dir.path() / "a");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--persons"), std::string::npos);

  o.persons = 10;
  const auto kept = dir.Write("keep.txt", "data");
  r = Generate(o, Reference(), dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(r.status().message().find("not empty"), std::string::npos);
  EXPECT_EQ(ReadFile(kept), "data");
  EXPECT_FALSE(fs::exists(dir.path() / "ground_truth.json"));
}

}  // namespace
}  // namespace onderdak::synth
