// The submission model on SQLite: the shared behaviour (submission_cases.h), the JSON
// shape of the content, and the history's append-only triggers.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "onderdak/submission/content.h"
#include "submission/submission_cases.h"

namespace onderdak::submission {
namespace {

TEST(SubmissionSqlite, BehavesAsSpecified) {
  auto s = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(s.ok()) << s.status().message();
  testing::AddTestRegions(**s);
  testing::ExpectSubmissionsBehave(**s);
}

TEST(SubmissionContent, JsonRoundTrip) {
  const Content c = testing::ValidSubmission();
  Content back;
  std::vector<FieldError> errors;
  ContentFromJson(ContentToJson(c), back, errors);
  EXPECT_TRUE(errors.empty()) << testing::Dump(errors);
  EXPECT_EQ(back, c);
}

TEST(SubmissionContent, JsonShapeErrorsNameTheField) {
  auto j = nlohmann::json::parse(R"({
    "facilities": [{"record_id": "F-1", "name": "A\nB", "colour": "red"}],
    "plans": [{"record_id": "PL", "target_extra_places": 12, "contains_wonen_eerst": true,
               "lived_experience_policy": 1.5}],
    "people": [],
    "budgets": {"record_id": "x"}
  })");
  Content c;
  std::vector<FieldError> errors;
  ContentFromJson(j, c, errors);
  EXPECT_TRUE(testing::HasError(errors, "facilities[0].name", "one line")) << testing::Dump(errors);
  EXPECT_TRUE(testing::HasError(errors, "facilities[0].colour", "unknown column")) << testing::Dump(errors);
  EXPECT_TRUE(testing::HasError(errors, "plans[0].lived_experience_policy", "whole number")) << testing::Dump(errors);
  EXPECT_TRUE(testing::HasError(errors, "people", "unknown table")) << testing::Dump(errors);
  EXPECT_TRUE(testing::HasError(errors, "budgets", "array")) << testing::Dump(errors);
  // What could be read is kept: numbers as text, true as ja.
  const auto& plan = c.tables[static_cast<std::size_t>(FindTable("plans"))].at(0);
  EXPECT_EQ(plan[9], "12");
  EXPECT_EQ(plan[4], "ja");

  auto many = nlohmann::json::object();
  many["budgets"] = nlohmann::json::array();
  for (std::size_t i = 0; i <= kMaxRows; ++i) many["budgets"].push_back(nlohmann::json::object());
  errors.clear();
  ContentFromJson(many, c, errors);
  EXPECT_TRUE(testing::HasError(errors, "budgets", "at most")) << testing::Dump(errors);
}

// What a person types, in the exchange format's notation (issue 21 item 7); anything
// else as typed, for the importer to name.
TEST(SubmissionContent, DutchDatesAndNumbersBecomeTheFormatsNotation) {
  EXPECT_EQ(FromDutchNotation("valid_from", "1-1-2024"), "2024-01-01");
  EXPECT_EQ(FromDutchNotation("valid_from", " 01-01-2024 "), "2024-01-01");
  EXPECT_EQ(FromDutchNotation("status_date", "31/3/2024"), "2024-03-31");
  EXPECT_EQ(FromDutchNotation("adopted_date", "1.3.2021"), "2021-03-01");
  EXPECT_EQ(FromDutchNotation("valid_from", "2024-01-01"), "2024-01-01");  // already so
  // Not moved to another day, not guessed: the importer names these.
  EXPECT_EQ(FromDutchNotation("valid_from", "31-2-2024"), "31-2-2024");
  EXPECT_EQ(FromDutchNotation("valid_from", "1-1-24"), "1-1-24");
  EXPECT_EQ(FromDutchNotation("valid_from", "1-1/2024"), "1-1/2024");
  EXPECT_EQ(FromDutchNotation("valid_from", "123-1-2024"), "123-1-2024");
  EXPECT_EQ(FromDutchNotation("valid_from", "1-123-2024"), "1-123-2024");
  EXPECT_EQ(FromDutchNotation("valid_from", "-1-2024"), "-1-2024");
  // Thousands separators in a number column only.
  EXPECT_EQ(FromDutchNotation("places", "1.000"), "1000");
  EXPECT_EQ(FromDutchNotation("budget_eur", "12.500.000"), "12500000");
  EXPECT_EQ(FromDutchNotation("places", "24"), "24");
  EXPECT_EQ(FromDutchNotation("places", "1.5"), "1.5");
  EXPECT_EQ(FromDutchNotation("places", "1.0000"), "1.0000");
  EXPECT_EQ(FromDutchNotation("places", "1000.000"), "1000.000");
  EXPECT_EQ(FromDutchNotation("places", "1.000."), "1.000.");
  EXPECT_EQ(FromDutchNotation("places", "1,000"), "1,000");
  EXPECT_EQ(FromDutchNotation("record_id", "1.000"), "1.000");
  EXPECT_EQ(FromDutchNotation("name", "1-1-2024"), "1-1-2024");
  EXPECT_EQ(FromDutchNotation("name", "   "), "");
}

TEST(SubmissionContent, CsvQuotesSeparators) {
  Content c;
  c.tables[static_cast<std::size_t>(FindTable("agreements"))].push_back(
      {"PA-1", "Wonen, \"Samen\"", "GM0363", "ja", "1", "0"});
  EXPECT_EQ(TableCsv(c, static_cast<std::size_t>(FindTable("agreements"))),
            "record_id,corporation,municipality,covers_homeless,places_agreed,places_realised\n"
            "PA-1,\"Wonen, \"\"Samen\"\"\",GM0363,ja,1,0\n");
}

TEST(SubmissionDeadline, DefaultIsSixWeeksAfterTheHalfYear) {
  EXPECT_EQ(DefaultDeadline(core::Period::HalfYear(2024, 1)).ToString(), "2024-08-11");
  EXPECT_EQ(DefaultDeadline(core::Period::HalfYear(2024, 2)).ToString(), "2025-02-11");
  EXPECT_FALSE(ParseHalfYear("2024").ok());
  EXPECT_FALSE(ParseHalfYear("2024H3").ok());
}

TEST(SubmissionSqlite, HistoryIsAppendOnly) {
  const auto path = std::filesystem::temp_directory_path() / ("onderdak-sub-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto s = store::OpenStore("sqlite:" + path.string());
    ASSERT_TRUE(s.ok()) << s.status().message();
    testing::AddTestRegions(**s);
    SubmissionService svc(**s);
    ASSERT_TRUE(svc.Save("GM0363", "2024H1", 0, testing::ValidSubmission(), {"rita", "cli"})->state);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(db, "UPDATE submission_events SET actor = 'x'", nullptr, nullptr, &err), SQLITE_OK);
  ASSERT_NE(err, nullptr);
  EXPECT_NE(std::string(err).find("append-only"), std::string::npos) << err;
  sqlite3_free(err);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM submission_events", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace onderdak::submission
