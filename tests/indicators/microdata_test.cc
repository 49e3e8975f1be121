// The person-level export for statistics agencies (docs/export-cbs.md): which episodes are
// in it, under which definition, the day before, on and after the period's bounds, and
// its CSV layout.
#include "onderdak/indicators/microdata.h"

#include <gtest/gtest.h>

#include <set>

namespace onderdak::indicators {
namespace {

core::Date D(const char* text) { return *core::Date::Parse(text); }

class MicrodataTest : public ::testing::Test {
 protected:
  std::int32_t Delivery(std::string org, std::string region, const char* period, bool current = true) {
    domain::Delivery d;
    d.id = static_cast<std::int64_t>(data_.deliveries.size()) + 1;
    d.organisation = std::move(org);
    d.region = std::move(region);
    d.period = period;
    const auto p = *core::Period::Parse(period);
    d.period_first = p.first();
    d.period_last = p.last();
    d.current = current;
    data_.deliveries.push_back(d);
    return static_cast<std::int32_t>(data_.deliveries.size() - 1);
  }
  std::int32_t Person(std::int32_t delivery, std::string pseudonym, int birth_year = 1980, int birth_month = 5) {
    domain::Person p;
    p.delivery = delivery;
    p.record_id = "P" + std::to_string(data_.persons.size());
    p.pseudonym = std::move(pseudonym);
    p.birth_year = birth_year;
    p.birth_month = birth_month;
    p.gender = "man";
    p.household = "alleenstaand";
    p.municipality_of_origin = "GM0362";
    data_.persons.push_back(p);
    return static_cast<std::int32_t>(data_.persons.size() - 1);
  }
  void Living(std::int32_t person, std::string id, int ethos, const char* start, std::optional<core::Date> end) {
    domain::LivingSituation l;
    l.person = person;
    l.record_id = std::move(id);
    l.ethos = ethos;
    l.start = D(start);
    l.end = end;
    data_.living_situations.push_back(l);
  }
  void Stay(std::int32_t person, std::string id, std::string_view type, const char* start,
            std::optional<core::Date> end, std::string_view exit = "") {
    domain::ServiceEpisode e;
    e.person = person;
    e.record_id = std::move(id);
    e.service_type = type;
    e.start = D(start);
    e.end = end;
    e.exit_destination = exit;
    data_.service_episodes.push_back(e);
  }
  std::vector<MicrodataRow> Select(const char* period, const char* definition = "monitor",
                                   const char* region = "GM0363") {
    auto rows = SelectMicrodata(
        data_, MicrodataRequest{.region = region, .period = *core::Period::Parse(period), .definition = definition});
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return rows.ok() ? *rows : std::vector<MicrodataRow>{};
  }
  static std::set<std::string> Ids(const std::vector<MicrodataRow>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows) out.insert(r.record_id);
    return out;
  }

  domain::Dataset data_;
};

TEST_F(MicrodataTest, TheMonitorScopeIsEthosTwoAndThreeOverlappingThePeriod) {
  const auto h1 = Delivery("OPVANG", "GM0363", "2021H1");
  const auto a = Person(h1, "b:aa");
  Living(a, "L-street", 1, "2021-02-01", std::nullopt);        // ETHOS 1: not in the monitor's scope
  Living(a, "L-night", 2, "2021-02-01", D("2021-02-10"));      // in
  Living(a, "L-before", 3, "2020-10-01", D("2020-12-31"));     // ends the day before the period
  Living(a, "L-first-day", 3, "2020-10-01", D("2021-01-01"));  // ends on its first day
  Living(a, "L-last-day", 3, "2021-06-30", std::nullopt);      // starts on its last day
  Living(a, "L-sofa", 6, "2021-03-01", std::nullopt);          // ETHOS 6: not in
  Stay(a, "S-night", "nachtopvang", "2021-03-01", D("2021-03-10"), "zelfstandige_woning");
  Stay(a, "S-24h", "24uursopvang", "2021-04-01", std::nullopt);               // ETHOS 3
  Stay(a, "S-support", "ambulante_begeleiding", "2021-04-01", std::nullopt);  // not a shelter stay
  EXPECT_EQ(Ids(Select("2021H1")), (std::set<std::string>{"L-night", "L-first-day", "L-last-day", "S-night", "S-24h"}));
  EXPECT_EQ(Ids(Select("2021H1", "ethos-1-3")),
            (std::set<std::string>{"L-street", "L-night", "L-first-day", "L-last-day", "S-night", "S-24h"}));
  const auto rows = Select("2021H1");
  for (const auto& r : rows) {
    EXPECT_EQ(r.pseudonym, "b:aa");
    EXPECT_EQ(r.organisation, "OPVANG");
    if (r.record_id == "S-night") {
      EXPECT_EQ(r.kind, "shelter_stay");
      EXPECT_EQ(r.ethos, 2);
      EXPECT_EQ(r.exit_destination, "zelfstandige_woning");
    }
    if (r.record_id == "S-24h") {
      EXPECT_EQ(r.ethos, 3);
      EXPECT_EQ(r.exit_destination, "");
      EXPECT_FALSE(r.end.has_value());
    }
  }
}

TEST_F(MicrodataTest, OnlyTheRegionsCurrentDeliveries) {
  const auto here = Delivery("OPVANG", "GM0363", "2021H1");
  const auto old = Delivery("OUD", "GM0363", "2021H1", /*current=*/false);
  const auto there = Delivery("OPVANG-B", "GM0599", "2021H1");
  const auto h2 = Delivery("OPVANG", "GM0363", "2021H2");
  Living(Person(here, "b:1"), "here", 2, "2021-01-01", std::nullopt);
  Living(Person(old, "b:2"), "superseded", 2, "2021-01-01", std::nullopt);
  Living(Person(there, "b:3"), "other-region", 2, "2021-01-01", std::nullopt);
  Living(Person(h2, "b:4"), "next-half", 2, "2021-07-01", std::nullopt);
  EXPECT_EQ(Ids(Select("2021H1")), (std::set<std::string>{"here"}));
  EXPECT_EQ(Ids(Select("2021H1", "monitor", "GM0599")), (std::set<std::string>{"other-region"}));
  EXPECT_EQ(Ids(Select("2021")), (std::set<std::string>{"here", "next-half"}));
  EXPECT_TRUE(Select("2022H1").empty());
}

TEST_F(MicrodataTest, AnEpisodeInBothHalvesOfAYearIsTakenOnceFromTheLatestDelivery) {
  const auto h1 = Delivery("OPVANG", "GM0363", "2021H1");
  const auto h2 = Delivery("OPVANG", "GM0363", "2021H2");
  Stay(Person(h1, "b:1"), "S1", "24uursopvang", "2021-05-01", std::nullopt);
  Stay(Person(h2, "b:1"), "S1", "24uursopvang", "2021-05-01", D("2021-08-01"), "zelfstandige_woning");
  const auto year = Select("2021");
  ASSERT_EQ(year.size(), 1u);
  EXPECT_EQ(year[0].delivery_period, "2021H2");
  EXPECT_EQ(year[0].end, D("2021-08-01"));
  const auto first_half = Select("2021H1");
  ASSERT_EQ(first_half.size(), 1u);
  EXPECT_EQ(first_half[0].delivery_period, "2021H1");
  EXPECT_FALSE(first_half[0].end.has_value());
}

TEST_F(MicrodataTest, TheCbsDefinitionCountsAgesEighteenToSixtyFiveOnTheLaterOfStartAndPeriod) {
  const auto h1 = Delivery("STRAAT", "GM0363", "2021H1");
  const auto young = Person(h1, "l:young", 2003, 2);  // 18 from 2021-02-01
  Living(young, "Y-17", 1, "2021-01-31", std::nullopt);
  Living(young, "Y-18", 1, "2021-02-01", std::nullopt);
  const auto old = Person(h1, "l:old", 1956, 1);               // 65 from 2021-01-01
  Living(old, "O-65", 1, "2020-06-01", std::nullopt);          // counted on 2021-01-01: 65
  const auto younger_old = Person(h1, "l:64", 1956, 2);        // 65 from 2021-02-01
  Living(younger_old, "O-64", 6, "2020-06-01", std::nullopt);  // on 2021-01-01: 64
  const auto unknown = Person(h1, "l:unknown", 0, 0);
  Living(unknown, "U", 1, "2021-03-01", std::nullopt);
  EXPECT_EQ(Ids(Select("2021H1", "cbs")), (std::set<std::string>{"Y-18", "O-64"}));
  // Without an age limit the unknown age counts, as in the figures.
  EXPECT_EQ(Ids(Select("2021H1", "ethos-1-3")), (std::set<std::string>{"Y-17", "Y-18", "O-65", "U"}));
  for (const auto& r : Select("2021H1", "ethos-1-3")) {
    if (r.record_id == "Y-17") {
      EXPECT_EQ(r.age, 17);
    } else if (r.record_id == "O-65") {
      EXPECT_EQ(r.age, 65);
    } else if (r.record_id == "U") {
      EXPECT_EQ(r.age, -1);
    }
  }
}

TEST_F(MicrodataTest, AnUnknownDefinitionIsRefused) {
  Delivery("OPVANG", "GM0363", "2021H1");
  auto rows = SelectMicrodata(
      data_, MicrodataRequest{.region = "GM0363", .period = *core::Period::Parse("2021H1"), .definition = "bogus"});
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(rows.status().message().find("monitor"), std::string::npos) << rows.status().message();
}

TEST_F(MicrodataTest, TheCsvHasTheDocumentedColumnsAndNeutralisesFormulas) {
  const auto h1 = Delivery("OPVANG", "GM0363", "2021H1");
  const auto a = Person(h1, "b:aa", 1990, 7);
  Stay(a, "=HYPERLINK(\"x\")", "nachtopvang", "2021-03-01", D("2021-03-10"), "zelfstandige_woning");
  const MicrodataRequest request{.region = "GM0363", .period = *core::Period::Parse("2021H1")};
  const std::string csv = RenderMicrodataCsv(Select("2021H1"), request);
  EXPECT_EQ(csv,
            "region,period,definition,pseudonym,organisation,delivery_period,record_id,birth_year,age,gender,"
            "household,nationality_group,municipality_of_origin,episode_kind,ethos,service_type,start_date,end_date,"
            "exit_destination\n"
            "GM0363,2021H1,monitor,b:aa,OPVANG,2021H1,\"'=HYPERLINK(\"\"x\"\")\",1990,30,man,alleenstaand,,GM0362,"
            "shelter_stay,2,nachtopvang,2021-03-01,2021-03-10,zelfstandige_woning\n");
}

}  // namespace
}  // namespace onderdak::indicators
