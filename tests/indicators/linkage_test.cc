// Linked registrations for estimation: capture histories per person across organisations.
#include "onderdak/indicators/linkage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace onderdak::indicators {
namespace {

core::Date D(const char* text) { return *core::Date::Parse(text); }

// Two organisations of GM0363 in 2021H1 and one of another region. Person "a" is known to
// both, "b" only to the shelter, "c" only to the outreach team (street, ETHOS 1), "d" to
// the outreach team but as ETHOS 6 (not homeless by default), "e" in the other region.
domain::Dataset Sample() {
  domain::Dataset ds;
  auto delivery = [&](std::string org, std::string region) {
    domain::Delivery d;
    d.id = static_cast<std::int64_t>(ds.deliveries.size()) + 1;
    d.organisation = std::move(org);
    d.region = std::move(region);
    d.period = "2021H1";
    d.period_first = D("2021-01-01");
    d.period_last = D("2021-06-30");
    d.files = {"persons", "living_situations", "service_episodes"};
    ds.deliveries.push_back(d);
    return static_cast<std::int32_t>(ds.deliveries.size() - 1);
  };
  const auto shelter = delivery("OPVANG", "GM0363");
  const auto street = delivery("STRAAT", "GM0363");
  const auto other = delivery("OPVANG-B", "GM0599");
  auto person = [&](std::int32_t del, std::string pseudonym) {
    domain::Person p;
    p.delivery = del;
    p.pseudonym = std::move(pseudonym);
    ds.persons.push_back(p);
    return static_cast<std::int32_t>(ds.persons.size() - 1);
  };
  auto stay = [&](std::int32_t p, const char* start, std::optional<core::Date> end) {
    domain::ServiceEpisode e;
    e.person = p;
    e.service_type = "24uursopvang";
    e.start = D(start);
    e.end = end;
    ds.service_episodes.push_back(e);
  };
  auto living = [&](std::int32_t p, int ethos, const char* start, std::optional<core::Date> end) {
    domain::LivingSituation l;
    l.person = p;
    l.ethos = ethos;
    l.start = D(start);
    l.end = end;
    ds.living_situations.push_back(l);
  };
  stay(person(shelter, "b:a"), "2021-01-01", D("2021-02-01"));
  living(person(street, "b:a"), 1, "2021-03-01", std::nullopt);
  stay(person(shelter, "b:b"), "2021-04-01", std::nullopt);
  living(person(street, "l:c"), 1, "2021-01-15", D("2021-01-20"));
  living(person(street, "l:d"), 6, "2021-01-01", std::nullopt);
  stay(person(other, "b:e"), "2021-01-01", std::nullopt);
  return ds;
}

TEST(LinkageTest, PeriodCountsEveryHistoryOnce) {
  LinkRequest r;
  r.region = "GM0363";
  r.from = D("2021-01-01");
  r.to = D("2021-06-30");
  auto linked = LinkRegistrations(Sample(), r);
  ASSERT_TRUE(linked.ok()) << linked.status().message();
  EXPECT_THAT(linked->lists, ::testing::ElementsAre("OPVANG", "STRAAT"));
  // history 1 = shelter only (b), 2 = street only (c), 3 = both (a); d is ETHOS 6.
  EXPECT_THAT(linked->counts, ::testing::ElementsAre(0, 1, 1, 1));
  EXPECT_EQ(linked->persons, 3);
}

TEST(LinkageTest, ReferenceDateCountsOnlyEpisodesCoveringIt) {
  LinkRequest r;
  r.region = "GM0363";
  r.from = r.to = D("2021-01-16");  // a in shelter, c on the street
  auto linked = LinkRegistrations(Sample(), r);
  ASSERT_TRUE(linked.ok());
  EXPECT_THAT(linked->counts, ::testing::ElementsAre(0, 1, 1, 0));
  r.ethos = {1, 2, 3, 6};  // d now counts, on the street list
  linked = LinkRegistrations(Sample(), r);
  EXPECT_THAT(linked->counts, ::testing::ElementsAre(0, 1, 2, 0));
}

// The window's ends belong to it: on 2021-04-01 b's stay starts (shelter) and a sleeps
// rough since 2021-03-01 (street); on 2021-01-20, the last day of c's episode, c is there.
TEST(LinkageTest, EpisodesStartingOrEndingOnTheWindowsEdgeCount) {
  LinkRequest r;
  r.region = "GM0363";
  r.from = r.to = D("2021-04-01");
  auto linked = LinkRegistrations(Sample(), r);
  ASSERT_TRUE(linked.ok()) << linked.status().message();
  EXPECT_THAT(linked->counts, ::testing::ElementsAre(0, 1, 1, 0)) << "b on the shelter list, a on the street list";
  r.from = D("2021-01-20");
  r.to = D("2021-01-20");
  linked = LinkRegistrations(Sample(), r);
  ASSERT_TRUE(linked.ok());
  EXPECT_THAT(linked->counts, ::testing::ElementsAre(0, 1, 1, 0)) << "a in shelter, c's last day on the street";
}

TEST(LinkageTest, NeedsTwoListsAndKnownOrganisations) {
  LinkRequest r;
  r.region = "GM0599";
  r.from = r.to = D("2021-01-16");
  auto one = LinkRegistrations(Sample(), r);
  ASSERT_FALSE(one.ok());
  EXPECT_THAT(one.status().message(), ::testing::HasSubstr("at least two linked lists"));
  r.region = "GM0363";
  r.lists = {"OPVANG", "NOPE"};
  auto unknown = LinkRegistrations(Sample(), r);
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), ::testing::HasSubstr("'NOPE' delivered no episodes"));
  r.from = r.to = D("2021-07-01");  // after every delivery's period
  r.lists.clear();
  EXPECT_FALSE(LinkRegistrations(Sample(), r).ok());
}

}  // namespace
}  // namespace onderdak::indicators
