// The projection's public JSON and the scenario file (api/projection_json.h): a unit with
// 1-4 persons on its jump-off is withheld and carries no figures; a scenario document sets
// the options, and anything else is refused naming the source, the field and the rule.
#include "onderdak/api/projection_json.h"

#include <gtest/gtest.h>

namespace onderdak::api {
namespace {

projection::ProjectionAnswer WithJumpOffCount(std::int64_t persons) {
  projection::ProjectionAnswer a;
  a.definition = "monitor";
  a.unit.code = "GM0001";
  a.unit.jump_off = *core::Date::Parse("2023-12-31");
  a.unit.observed = {{.date = *core::Date::Parse("2023-06-30"), .persons = 50},
                     {.date = a.unit.jump_off, .persons = persons}};
  a.unit.path = {{.date = *core::Date::Parse("2024-06-30"), .expected = 3.2}};
  return a;
}

TEST(ProjectionJsonTest, ASmallCountOnTheJumpOffIsWithheld) {
  EXPECT_TRUE(WithJumpOffCount(3).Withheld(5));
  EXPECT_TRUE(WithJumpOffCount(1).Withheld(5));
  EXPECT_FALSE(WithJumpOffCount(0).Withheld(5));  // nobody: nothing to disclose
  EXPECT_FALSE(WithJumpOffCount(5).Withheld(5));
  const auto withheld = ProjectionJson(WithJumpOffCount(3), true);
  EXPECT_TRUE(withheld["withheld"].get<bool>());
  EXPECT_FALSE(withheld.contains("projection"));
  EXPECT_FALSE(withheld.contains("observed"));
  EXPECT_FALSE(withheld.contains("pace"));
  const auto shown = ProjectionJson(WithJumpOffCount(30), false);
  EXPECT_EQ(shown["projection"][0]["date"], "2024-06-30");
  EXPECT_EQ(shown["observed"][1]["persons"], 30);
}

TEST(ProjectionJsonTest, AScenarioDocumentSetsTheOptions) {
  projection::ProjectionOptions o;
  ASSERT_TRUE(ParseScenario(R"({"name": "x", "prevention_percent": 20, "extra_per_half_year": 40.5,
                                "pipeline": true, "wonen_eerst_percent": 10, "fewer_returns_percent": 25})",
                            "s.json", o)
                  .ok());
  EXPECT_DOUBLE_EQ(o.scenario.prevention, 0.2);
  EXPECT_DOUBLE_EQ(o.scenario.extra_per_half_year, 40.5);
  EXPECT_TRUE(o.use_pipeline);
  EXPECT_DOUBLE_EQ(o.scenario.wonen_eerst, 0.1);
  EXPECT_DOUBLE_EQ(o.scenario.fewer_returns, 0.25);
}

TEST(ProjectionJsonTest, BadScenarioDocumentsAreRefusedByFieldAndRule) {
  const std::pair<const char*, const char*> cases[] = {
      {"[1, 2]", "s.json: not a JSON object"},
      {"{\"prevention_percent\": -1}", "s.json: field 'prevention_percent': must be from 0 to 100"},
      {"{\"extra_per_half_year\": 2000000}", "s.json: field 'extra_per_half_year': must be from 0 to 1000000"},
      {"{\"wonen_eerst_percent\": \"10\"}", "s.json: field 'wonen_eerst_percent': must be a number"},
      {"{\"name\": 5}", "s.json: field 'name': must be text"},
      {"{\"preventie\": 5}", "s.json: field 'preventie': unknown"},
      {"{\"prevention_percent\": 10", "s.json: not a JSON object"},
      // A good field before the bad one (keys are read in sorted order): still nothing set.
      {"{\"fewer_returns_percent\": 10, \"wonen_eerst\": 5}", "s.json: field 'wonen_eerst': unknown"},
  };
  for (const auto& [text, message] : cases) {
    projection::ProjectionOptions o;
    const auto s = ParseScenario(text, "s.json", o);
    EXPECT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find(message), std::string::npos) << text << " -> " << s.message();
    EXPECT_EQ(o.scenario, projection::Scenario{}) << "nothing changed by " << text;
  }
}

}  // namespace
}  // namespace onderdak::api
