#include "onderdak/synth/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// A CSV file as header + rows. Generated values hold no line breaks, so a row is a line;
// a field is quoted (RFC 4180) only when it holds a separator or a quote, as some
// municipality names do ("Nuenen, Gerwen en Nederwetten").
struct Csv {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

std::vector<std::string> SplitCsvLine(const std::string& line, const fs::path& path) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
        EXPECT_TRUE(i + 1 == line.size() || line[i + 1] == ',') << path << ": " << line;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '"') {
      EXPECT_TRUE(fields.back().empty()) << path << ": a quote inside an unquoted field: " << line;
      quoted = true;
    } else {
      fields.back().push_back(c);
    }
  }
  EXPECT_FALSE(quoted) << path << ": " << line;
  for (const auto& f : fields) {
    // Quoting is only needed for a separator or a quote (never for other text).
    if (f.find_first_of(",;\"") == std::string::npos) {
      EXPECT_EQ(line.find("\"" + f + "\""), std::string::npos) << path << ": needless quotes in " << line;
    }
  }
  return fields;
}

Csv ReadCsv(const fs::path& path) {
  Csv csv;
  std::istringstream in(ReadFile(path));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    EXPECT_EQ(line.find('\r'), std::string::npos) << path;
    std::vector<std::string> fields = SplitCsvLine(line, path);
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

// persons.csv first: the other files refer to it; facilities.csv before the files that
// refer to facilities, housing_projects.csv before funding_lines.csv.
using Headers = std::vector<std::pair<std::string, std::vector<std::string>>>;
const Headers& ExpectedHeaders() {
  static const Headers headers{
      {"persons.csv",
       {"record_id", "bsn", "initials", "birth_date", "birth_year_month", "gender", "nationality_group", "household",
        "municipality_of_origin"}},
      {"facilities.csv", {"record_id", "name", "municipality", "service_type"}},
      {"housing_projects.csv",
       {"record_id", "municipality", "housing_kind", "places", "status", "status_date", "owner"}},
      {"living_situations.csv", {"record_id", "person_id", "ethos", "start_date", "end_date", "source"}},
      {"service_episodes.csv",
       {"record_id", "person_id", "service_type", "facility_id", "municipality", "start_date", "end_date",
        "exit_destination"}},
      {"needs.csv", {"record_id", "person_id", "assessed_date", "need_category"}},
      {"causes.csv", {"record_id", "person_id", "intake_date", "cause"}},
      {"requests.csv",
       {"record_id", "person_id", "request_date", "municipality_applied_to", "service_type", "decision",
        "decision_date", "decision_reason", "referred_to_region"}},
      {"waiting_list.csv", {"record_id", "person_id", "waiting_list_type", "registered_date", "end_date", "outcome"}},
      {"capacity.csv", {"record_id", "facility_id", "valid_from", "room_size", "rooms", "places"}},
      {"funding_lines.csv", {"record_id", "project_id", "funding_line", "places_counted"}},
      {"plans.csv",
       {"record_id", "plan_status", "adopted_date", "aligned_with_action_plan", "contains_wonen_eerst",
        "shelter_in_municipality_of_origin", "made_with_lived_experience", "lived_experience_policy",
        "lived_experience_execution", "target_extra_places"}},
      {"agreements.csv",
       {"record_id", "corporation", "municipality", "covers_homeless", "places_agreed", "places_realised"}},
      {"budgets.csv", {"record_id", "year", "budget_theme", "budget_eur", "spent_eur"}},
      {"evictions.csv", {"record_id", "municipality", "eviction_date", "household", "other_housing_found"}},
      {"signals.csv", {"record_id", "municipality", "signal_date", "signal_outcome"}},
  };
  return headers;
}

// Which column takes which code list (the same column name means the same list in every
// file of the format).
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
      {"decision", "decision"},
      {"decision_reason", "decision_reason"},
      {"waiting_list_type", "waiting_list_type"},
      {"outcome", "waiting_outcome"},
      {"room_size", "room_size"},
      {"housing_kind", "housing_kind"},
      {"status", "housing_status"},
      {"funding_line", "funding_line"},
      {"plan_status", "plan_status"},
      {"budget_theme", "budget_theme"},
      {"signal_outcome", "signal_outcome"},
  };
  return columns;
}

// Coded columns that may be empty, with the column whose presence requires them.
const std::map<std::string, std::string>& ConditionalColumns() {
  static const std::map<std::string, std::string> columns{{"exit_destination", "end_date"},
                                                          {"outcome", "end_date"},
                                                          {"decision", "decision_date"},
                                                          {"decision_reason", "decision"}};
  return columns;
}

// Start and end columns of the rows that are intervals.
const std::vector<std::pair<std::string, std::string>>& DatePairs() {
  static const std::vector<std::pair<std::string, std::string>> pairs{
      {"start_date", "end_date"}, {"registered_date", "end_date"}, {"request_date", "decision_date"}};
  return pairs;
}
// Dates a record starts on: never after the delivery's half-year.
const std::vector<std::string>& StartColumns() {
  static const std::vector<std::string> columns{"start_date",    "request_date",  "registered_date",
                                                "assessed_date", "intake_date",   "valid_from",
                                                "status_date",   "eviction_date", "signal_date"};
  return columns;
}

std::int64_t Int(const std::string& text) {
  EXPECT_FALSE(text.empty());
  EXPECT_EQ(text.find_first_not_of("0123456789"), std::string::npos) << text;
  return text.empty() ? -1 : std::stoll(text);
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
  std::map<std::string, std::int64_t> rows_per_file;
  std::set<std::string> kinds;
  for (const auto& folder : folders) {
    const auto manifest = nlohmann::json::parse(ReadFile(folder / "manifest.json"));
    EXPECT_EQ(manifest.at("format_version"), 1);
    const std::string region = manifest.at("region");
    EXPECT_NE(Reference().FindRegion(region), nullptr) << folder;
    const auto period = core::Period::Parse(manifest.at("period").get<std::string>());
    ASSERT_TRUE(period.ok());
    EXPECT_EQ(folder.parent_path().filename().string(), manifest.at("period").get<std::string>());
    const std::string org = manifest.at("organisation");
    EXPECT_FALSE(org.empty());
    EXPECT_LE(org.size(), 64u);
    kinds.insert(folder.filename().string());

    std::set<std::string> person_ids, facility_ids;
    std::map<std::string, std::int64_t> project_places;
    for (const auto& [file, header] : ExpectedHeaders()) {
      if (!fs::exists(folder / file)) {
        EXPECT_NE(file, "persons.csv") << folder;
        continue;
      }
      const Csv csv = ReadCsv(folder / file);
      EXPECT_EQ(csv.header, header) << folder / file;
      rows_per_file[file] += static_cast<std::int64_t>(csv.rows.size());
      std::set<std::string> record_ids;
      for (const auto& row : csv.rows) {
        const std::string where = (folder / file).string() + ": " + row.at("record_id");
        EXPECT_TRUE(record_ids.insert(row.at("record_id")).second) << where;
        for (const auto& [column, list_name] : CodedColumns()) {
          auto it = row.find(column);
          if (it == row.end()) continue;
          auto cond = ConditionalColumns().find(column);
          if (cond != ConditionalColumns().end()) {
            // Present exactly when the column it depends on is present.
            EXPECT_EQ(it->second.empty(), row.at(cond->second).empty()) << where << ": " << column;
            if (it->second.empty()) continue;
          }
          EXPECT_NE(domain::FindCode(*domain::FindCodeList(list_name), it->second), nullptr)
              << where << ": " << column << " '" << it->second << "'";
        }
        if (row.count("decision_date")) {
          EXPECT_EQ(row.at("decision_date").empty(), row.at("decision").empty()) << where;
          EXPECT_EQ(!row.at("referred_to_region").empty(), row.at("decision") == "doorverwezen") << where;
          if (!row.at("referred_to_region").empty()) {
            EXPECT_NE(Reference().FindRegion(row.at("referred_to_region")), nullptr) << where;
            EXPECT_NE(row.at("referred_to_region"), region) << where;
          }
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
        } else if (row.count("person_id")) {
          EXPECT_EQ(person_ids.count(row.at("person_id")), 1u) << where << ": " << row.at("person_id");
        }
        // References within the delivery.
        if (file == "facilities.csv") facility_ids.insert(row.at("record_id"));
        if (row.count("facility_id") && (file == "capacity.csv" || !row.at("facility_id").empty())) {
          EXPECT_EQ(facility_ids.count(row.at("facility_id")), 1u) << where;
        }
        if (file == "housing_projects.csv") {
          project_places[row.at("record_id")] = Int(row.at("places"));
          EXPECT_GT(Int(row.at("places")), 0) << where;
        }
        if (file == "funding_lines.csv") {
          ASSERT_EQ(project_places.count(row.at("project_id")), 1u) << where;
          EXPECT_GT(Int(row.at("places_counted")), 0) << where;
          EXPECT_LE(Int(row.at("places_counted")), project_places.at(row.at("project_id"))) << where;
        }
        // Dates: valid, in order, and relevant to the delivery's half-year.
        for (const auto& column : StartColumns()) {
          if (!row.count(column)) continue;
          const auto d = core::Date::Parse(row.at(column));
          ASSERT_TRUE(d.ok()) << where << ": " << column;
          EXPECT_LE(*d, period->last()) << where << ": " << column << " after the period";
        }
        for (const auto& [start_col, end_col] : DatePairs()) {
          if (!row.count(start_col) || !row.count(end_col) || row.at(end_col).empty()) continue;
          auto start = core::Date::Parse(row.at(start_col));
          auto end = core::Date::Parse(row.at(end_col));
          ASSERT_TRUE(start.ok() && end.ok()) << where;
          EXPECT_GE(*end, *start) << where;
          EXPECT_GE(*end, period->first()) << where << ": ended before the period";
          EXPECT_LE(*end, period->last()) << where << ": an end after the period is written empty";
        }
        for (const char* column : {"municipality", "municipality_applied_to"}) {
          if (!row.count(column)) continue;
          const auto* m = Reference().FindMunicipality(row.at(column));
          ASSERT_NE(m, nullptr) << where;
          EXPECT_EQ(m->region_code, region) << where;
        }
        if (file == "capacity.csv") {
          EXPECT_GE(Int(row.at("rooms")), 0);
          EXPECT_GE(Int(row.at("places")), Int(row.at("rooms"))) << where;
          if (row.at("room_size") == "slaapzaal") {
            EXPECT_GE(Int(row.at("places")), 3 * Int(row.at("rooms"))) << where;
          }
        }
        if (file == "plans.csv") {
          EXPECT_EQ(row.at("adopted_date").empty(), row.at("plan_status") != "vastgesteld") << where;
          for (const char* column : {"aligned_with_action_plan", "contains_wonen_eerst",
                                     "shelter_in_municipality_of_origin", "made_with_lived_experience"}) {
            EXPECT_TRUE(row.at(column) == "ja" || row.at(column) == "nee") << where << ": " << column;
          }
          for (const char* column : {"lived_experience_policy", "lived_experience_execution"}) {
            EXPECT_LE(Int(row.at(column)), 3) << where;
          }
          EXPECT_GE(Int(row.at("target_extra_places")), 0);
        }
        if (file == "agreements.csv") {
          EXPECT_TRUE(row.at("covers_homeless") == "ja" || row.at("covers_homeless") == "nee");
          EXPECT_LE(Int(row.at("places_realised")), Int(row.at("places_agreed"))) << where;
        }
        if (file == "budgets.csv") {
          EXPECT_EQ(Int(row.at("year")), period->year()) << where;
          EXPECT_GE(Int(row.at("budget_eur")), 0);
          EXPECT_GE(Int(row.at("spent_eur")), 0);
        }
        if (file == "evictions.csv") {
          const auto& found = row.at("other_housing_found");
          EXPECT_TRUE(found == "ja" || found == "nee" || found == "onbekend") << where;
        }
      }
      if (file == "plans.csv") {
        EXPECT_EQ(csv.rows.size(), 1u) << folder;
      }
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"briefadres", "gemeente", "opvang", "straatteam"}));
  for (const auto& [file, header] : ExpectedHeaders()) {
    EXPECT_GT(rows_per_file[file], 0) << file << " is never written with rows";
    EXPECT_EQ(rows_per_file[file], Small().summary.rows.at(file)) << file;
  }
  // About 85 % of the persons carry a BSN.
  const double bsn_share = static_cast<double>(bsn_rows) / static_cast<double>(bsn_rows + key_rows);
  EXPECT_GT(bsn_share, 0.78);
  EXPECT_LT(bsn_share, 0.92);
}

std::string PersonKey(const std::map<std::string, std::string>& p) {
  return p.at("bsn").empty() ? p.at("initials") + "|" + p.at("birth_date") + "|" + p.at("gender") : p.at("bsn");
}

// Every region needs three lists for an estimate on a reference date (shelter and outreach
// share nobody on one day). The four largest cities always have their briefadres
// registration; issue 22 found Amsterdam, Rotterdam and Den Haag without it on the demo
// data (seed 1), so their estimate was never possible. The other regions keep about half.
TEST(GeneratorTest, TheFourLargestCitiesHaveThreeListsForEverySeed) {
  int with_briefadres = 0, regions = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto run = Generated(200, 2021, 2021, seed);
    const auto truth = nlohmann::json::parse(ReadFile(run->dir.path() / "out" / "ground_truth.json"));
    for (const auto& region : truth.at("regions")) {
      std::set<std::string> kinds;
      for (const auto& o : region.at("organisations")) kinds.insert(o.at("kind").get<std::string>());
      const std::string code = region.at("region");
      if (code == "GM0363" || code == "GM0599" || code == "GM0518" || code == "GM0344") {
        EXPECT_TRUE(kinds.contains("briefadres")) << code << ", seed " << seed;
      } else {
        ++regions;
        with_briefadres += kinds.contains("briefadres") ? 1 : 0;
      }
    }
  }
  EXPECT_GT(with_briefadres * 4, regions) << with_briefadres << " of " << regions;
  EXPECT_LT(with_briefadres * 4, regions * 3) << with_briefadres << " of " << regions;
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
      // homeless: by pseudonym key (BSN or linkage key), as the import links persons;
      // registered: by the generator's person number (the record id without its prefix),
      // the true persons (the planted linkage collisions make the two differ).
      std::set<std::string> shelter, homeless, registered;
      for (const auto& org : fs::directory_iterator(dir)) {
        std::map<std::string, std::string> key_of;
        for (const auto& row : ReadCsv(org.path() / "persons.csv").rows) key_of[row.at("record_id")] = PersonKey(row);
        if (fs::exists(org.path() / "service_episodes.csv")) {
          for (const auto& row : ReadCsv(org.path() / "service_episodes.csv").rows) {
            if (domain::FindCode(*domain::FindCodeList("service_type"), row.at("service_type"))->flag) {
              shelter.insert(row.at("person_id").substr(2));
            }
          }
        }
        for (const auto& row : ReadCsv(org.path() / "living_situations.csv").rows) {
          const bool homeless_code = domain::FindCode(*domain::FindCodeList("ethos"), row.at("ethos"))->flag;
          const auto start = core::Date::Parse(row.at("start_date"));
          ASSERT_TRUE(start.ok());
          const bool on_first_day = *start <= p->first();  // an episode in the file overlaps the period
          if (homeless_code && on_first_day) {
            homeless.insert(key_of.at(row.at("person_id")));
            registered.insert(row.at("person_id").substr(2));
          }
        }
      }
      EXPECT_EQ(static_cast<std::int64_t>(shelter.size()), period.at("shelter_stay_persons").get<std::int64_t>())
          << dir;
      EXPECT_EQ(static_cast<std::int64_t>(homeless.size()),
                period.at("registered_ethos_1_3_on_first_day_as_linked").get<std::int64_t>())
          << dir;
      EXPECT_EQ(static_cast<std::int64_t>(registered.size()),
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

// The region figures of ground_truth.json, recounted from the delivered files.
TEST(GeneratorTest, RegionFiguresInTheGroundTruthEqualARecountFromTheFiles) {
  const fs::path root = Small().dir.path() / "out";
  const auto truth = nlohmann::json::parse(ReadFile(root / "ground_truth.json"));
  int checked = 0, with_requests = 0, with_waiting = 0, with_regiobinding = 0;
  std::int64_t national_distinct = 0, national_gross = 0;  // over the delivered regions of the last half-year
  const std::string last_period = truth.at("national").back().at("period");
  for (const auto& region : truth.at("regions")) {
    for (const auto& t : region.at("periods")) {
      if (!t.at("delivered").get<bool>()) continue;
      const std::string period_text = t.at("period");
      const auto period = core::Period::Parse(period_text);
      ASSERT_TRUE(period.ok());
      const fs::path dir = root / region.at("region").get<std::string>() / period_text;
      SCOPED_TRACE(dir.string());

      // opvang: requests made in the period with their decision as of its last day (P11),
      // entries on the waiting list on its last day (P3/P4), capacity.
      std::int64_t requested = 0, decided = 0, refused = 0, regiobinding = 0, referred = 0;
      for (const auto& row : ReadCsv(dir / "opvang" / "requests.csv").rows) {
        if (!period->Contains(*core::Date::Parse(row.at("request_date")))) continue;
        ++requested;
        if (row.at("decision_date").empty()) continue;
        ++decided;
        refused += row.at("decision") == "afgewezen" ? 1 : 0;
        regiobinding += row.at("decision") == "afgewezen" && row.at("decision_reason") == "regiobinding" ? 1 : 0;
        referred += row.at("decision") == "doorverwezen" ? 1 : 0;
      }
      const auto& requests = t.at("requests");
      EXPECT_EQ(requested, requests.at("requests").get<std::int64_t>());
      EXPECT_EQ(decided, requests.at("decided").get<std::int64_t>());
      EXPECT_EQ(refused, requests.at("refused").get<std::int64_t>());
      EXPECT_EQ(regiobinding, requests.at("refused_regiobinding").get<std::int64_t>());
      EXPECT_EQ(referred, requests.at("referred").get<std::int64_t>());
      std::map<std::string, std::int64_t> waiting;  // entries per waiting_list_type
      for (const auto& row : ReadCsv(dir / "opvang" / "waiting_list.csv").rows) {
        if (row.at("end_date").empty() || row.at("end_date") == period->last().ToString()) {
          ++waiting[row.at("waiting_list_type")];
        }
      }
      for (const auto& [type, counts] : t.at("waiting_list").items()) {
        EXPECT_EQ(waiting[type], counts.at("waiting").get<std::int64_t>()) << type;
      }
      std::map<std::pair<std::string, std::string>, std::pair<std::string, std::int64_t>> in_force;
      for (const auto& row : ReadCsv(dir / "opvang" / "capacity.csv").rows) {
        auto& slot = in_force[{row.at("facility_id"), row.at("room_size")}];
        if (row.at("valid_from") >= slot.first) slot = {row.at("valid_from"), Int(row.at("places"))};
      }
      std::map<std::string, std::int64_t> places;
      for (const auto& [key, value] : in_force) places[key.second] += value.second;
      for (const auto& [size, n] : t.at("capacity_places_on_last_day").items()) {
        EXPECT_EQ(places[size], n.get<std::int64_t>()) << size;
      }

      // gemeente: housing places (each project once, and gross over its lines), plan,
      // evictions, signals.
      std::map<std::string, std::int64_t> realised;  // project -> places
      std::int64_t distinct = 0, gross = 0, projects = 0;
      for (const auto& row : ReadCsv(dir / "gemeente" / "housing_projects.csv").rows) {
        ++projects;
        if (row.at("status") != "gerealiseerd") continue;
        realised[row.at("record_id")] = Int(row.at("places"));
        distinct += Int(row.at("places"));
      }
      for (const auto& row : ReadCsv(dir / "gemeente" / "funding_lines.csv").rows) {
        if (realised.count(row.at("project_id"))) gross += Int(row.at("places_counted"));
      }
      EXPECT_EQ(projects, t.at("housing_projects").get<std::int64_t>());
      EXPECT_EQ(distinct, t.at("housing_places_realised").get<std::int64_t>());
      EXPECT_EQ(gross, t.at("housing_places_realised_gross").get<std::int64_t>());
      if (period_text == last_period) {
        national_distinct += distinct;
        national_gross += gross;
      }
      const auto plans = ReadCsv(dir / "gemeente" / "plans.csv").rows;
      ASSERT_EQ(plans.size(), 1u);
      EXPECT_EQ(plans[0].at("plan_status"), t.at("plan_status").get<std::string>());
      EXPECT_EQ(Int(plans[0].at("target_extra_places")), t.at("target_extra_places").get<std::int64_t>());
      if (plans[0].at("plan_status") == "vastgesteld") {
        EXPECT_EQ(plans[0].at("adopted_date"), t.at("plan_adopted_date").get<std::string>());
      }
      EXPECT_EQ(static_cast<std::int64_t>(ReadCsv(dir / "gemeente" / "evictions.csv").rows.size()),
                t.at("evictions").get<std::int64_t>());
      EXPECT_EQ(static_cast<std::int64_t>(ReadCsv(dir / "gemeente" / "signals.csv").rows.size()),
                t.at("signals").get<std::int64_t>());
      ++checked;
      with_requests += decided > 0 ? 1 : 0;
      with_waiting += std::any_of(waiting.begin(), waiting.end(), [](const auto& w) { return w.second > 0; }) ? 1 : 0;
      with_regiobinding += regiobinding > 0 ? 1 : 0;
    }
  }
  EXPECT_GT(checked, 50);
  EXPECT_GT(with_requests, checked / 2);
  EXPECT_GT(with_waiting, checked / 2);
  EXPECT_GT(with_regiobinding, 0);
  // Funding lines overlap: their gross sum exceeds the distinct places (seed 000).
  EXPECT_GT(national_distinct, 0);
  EXPECT_GT(national_gross, national_distinct);

  // National figures: the sums over all regions; most plans adopted by the end of 2021;
  // dormitory places give way to single rooms.
  int adopted_end_2021 = -1;
  for (std::size_t h = 0; h < truth.at("national").size(); ++h) {
    const auto& n = truth.at("national")[h];
    std::int64_t distinct = 0, gross = 0, adopted = 0;
    for (const auto& region : truth.at("regions")) {
      const auto& t = region.at("periods")[h];
      distinct += t.at("housing_places_realised").get<std::int64_t>();
      gross += t.at("housing_places_realised_gross").get<std::int64_t>();
      adopted += t.at("plan_status") == "vastgesteld" ? 1 : 0;
    }
    EXPECT_EQ(n.at("housing_places_realised").get<std::int64_t>(), distinct);
    EXPECT_EQ(n.at("housing_places_realised_gross").get<std::int64_t>(), gross);
    EXPECT_GT(gross, distinct);
    EXPECT_EQ(n.at("plans_adopted").get<std::int64_t>(), adopted);
    EXPECT_EQ(n.at("housing_ambition").get<std::int64_t>(), 10000);
    if (n.at("period") == "2021H2") {
      adopted_end_2021 = static_cast<int>(adopted);
      EXPECT_LT(distinct, 10000) << "the ambition was not reached by the end of 2021";
      EXPECT_GT(distinct, 2000) << "realised from 2019 on";
    }
  }
  EXPECT_GE(adopted_end_2021, 30);
  auto dorm_share = [](const nlohmann::json& places) {
    std::int64_t total = 0;
    for (const auto& [size, n] : places.items()) total += n.get<std::int64_t>();
    return static_cast<double>(places.at("slaapzaal").get<std::int64_t>()) / static_cast<double>(total);
  };
  EXPECT_LT(dorm_share(truth.at("national").back().at("capacity_places_on_last_day")),
            dorm_share(truth.at("national").front().at("capacity_places_on_last_day")));
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

TEST(GeneratorTest, LargeSingleDeliveryHasExactlyNEpisodesOfItsPersons) {
  TempDir dir;
  GenerateOptions o;
  o.seed = 5;
  constexpr std::int64_t kEpisodes = 5000;
  auto r = GenerateLargeDelivery(o, Reference(), dir.path() / "big", kEpisodes);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const fs::path big = dir.path() / "big";
  const auto manifest = nlohmann::json::parse(ReadFile(big / "manifest.json"));
  EXPECT_EQ(manifest.at("period"), "2022H1");
  EXPECT_EQ(manifest.at("region"), "GM0363");
  const auto period = core::Period::Parse("2022H1");
  ASSERT_TRUE(period.ok());

  const Csv persons = ReadCsv(big / "persons.csv");
  const Csv episodes = ReadCsv(big / "service_episodes.csv");
  EXPECT_EQ(persons.header, ExpectedHeaders()[0].second);
  EXPECT_EQ(episodes.header, ExpectedHeaders()[4].second);
  ASSERT_EQ(static_cast<std::int64_t>(episodes.rows.size()), kEpisodes);
  EXPECT_EQ(r->rows.at("service_episodes.csv"), kEpisodes);
  std::set<std::string> person_ids, used, episode_ids, bsns;
  for (const auto& row : persons.rows) {
    EXPECT_TRUE(person_ids.insert(row.at("record_id")).second);
    if (!row.at("bsn").empty()) {
      EXPECT_TRUE(domain::IsValidBsn(row.at("bsn")));
      EXPECT_TRUE(bsns.insert(row.at("bsn")).second) << "duplicate BSN";
    }
  }
  EXPECT_EQ(static_cast<std::int64_t>(person_ids.size()), r->persons);
  for (const auto& row : episodes.rows) {
    EXPECT_TRUE(episode_ids.insert(row.at("record_id")).second);
    EXPECT_EQ(person_ids.count(row.at("person_id")), 1u) << row.at("person_id");
    used.insert(row.at("person_id"));
    EXPECT_NE(domain::FindCode(*domain::FindCodeList("service_type"), row.at("service_type")), nullptr);
    const auto* m = Reference().FindMunicipality(row.at("municipality"));
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->region_code, "GM0363");
    const auto start = core::Date::Parse(row.at("start_date"));
    ASSERT_TRUE(start.ok());
    EXPECT_LE(*start, period->last());
    EXPECT_EQ(row.at("end_date").empty(), row.at("exit_destination").empty());
    if (!row.at("end_date").empty()) {
      const auto end = core::Date::Parse(row.at("end_date"));
      ASSERT_TRUE(end.ok());
      EXPECT_GE(*end, *start);
      EXPECT_GE(*end, period->first()) << row.at("record_id") << " does not overlap 2022H1";
      EXPECT_LE(*end, period->last());
    }
  }
  EXPECT_EQ(used.size(), person_ids.size()) << "every person has an episode";
  // About three episodes a person.
  const double per_person = static_cast<double>(kEpisodes) / static_cast<double>(person_ids.size());
  EXPECT_GT(per_person, 2.0);
  EXPECT_LT(per_person, 4.0);

  // Same seed, same bytes; refuses a non-empty folder and a count of 0.
  auto again = GenerateLargeDelivery(o, Reference(), dir.path() / "again", kEpisodes);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(ReadFile(big / "service_episodes.csv") == ReadFile(dir.path() / "again" / "service_episodes.csv"));
  EXPECT_TRUE(ReadFile(big / "persons.csv") == ReadFile(dir.path() / "again" / "persons.csv"));
  auto refused = GenerateLargeDelivery(o, Reference(), big, kEpisodes);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not empty"), std::string::npos);
  auto zero = GenerateLargeDelivery(o, Reference(), dir.path() / "zero", 0);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), core::Code::kInvalidInput);
  EXPECT_FALSE(fs::exists(dir.path() / "zero"));
}

}  // namespace
}  // namespace onderdak::synth
