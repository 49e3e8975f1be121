#include <gtest/gtest.h>

#include "onderdak/core/date.h"

namespace onderdak::core {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(DateTest, ParsesAndFormatsIso) {
  EXPECT_EQ(D("2021-07-01").ToString(), "2021-07-01");
  EXPECT_EQ(D("1970-01-01").days(), 0);
  EXPECT_EQ(D("2024-02-29").day(), 29);
  EXPECT_EQ(D("2021-07-01").year(), 2021);
  EXPECT_EQ(D("2021-07-01").month(), 7);
}

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"2021-7-1", "01-07-2021", "2021/07/01", "2021-13-01", "2023-02-29", "2021-04-31",
                          "2021-00-10", "", "2021-07-01T00:00", "abcd-ef-gh"}) {
    auto r = Date::Parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Code::kInvalidInput);
    }
  }
  EXPECT_NE(Date::Parse("2023-02-29").status().message().find("not a date in the calendar"), std::string::npos);
}

// Issue 16: "open end" sentinels such as 9999-12-31 are dates; periods stay 1800-2200.
TEST(DateTest, YearsUpTo9999AreDates) {
  auto d = Date::Parse("9999-12-31");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->ToString(), "9999-12-31");
  EXPECT_EQ(d->year(), 9999);
  EXPECT_FALSE(Date::Parse("1799-12-31").ok());
  EXPECT_FALSE(Period::Parse("9999").ok());
}

TEST(DateTest, DifferencesAndOrdering) {
  EXPECT_EQ(D("2021-01-01") - D("2020-01-01"), 366);  // 2020 is a leap year
  EXPECT_EQ(D("2021-04-01") - D("2021-01-01"), 90);   // "3 months" is > 90 days
  EXPECT_LT(D("2021-06-30"), D("2021-07-01"));
  EXPECT_EQ(D("2021-12-31").AddDays(1), D("2022-01-01"));
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(D("2020-08-31").AddMonths(6), D("2021-02-28"));
  EXPECT_EQ(D("2019-08-31").AddMonths(6), D("2020-02-29"));
  EXPECT_EQ(D("2021-01-15").AddMonths(24), D("2023-01-15"));
  EXPECT_EQ(D("2021-03-31").AddMonths(-1), D("2021-02-28"));
}

TEST(DateTest, AgeOnADate) {
  EXPECT_EQ(D("2021-06-14").YearsSince(D("2003-06-15")), 17);
  EXPECT_EQ(D("2021-06-15").YearsSince(D("2003-06-15")), 18);
  // Born on a leap day: 18 on 1 March in a non-leap year.
  EXPECT_EQ(D("2022-02-28").YearsSince(D("2004-02-29")), 17);
  EXPECT_EQ(D("2022-03-01").YearsSince(D("2004-02-29")), 18);
}

TEST(PeriodTest, ParsesYearsAndHalfYears) {
  auto h1 = *Period::Parse("2021H1");
  EXPECT_EQ(h1.first(), D("2021-01-01"));
  EXPECT_EQ(h1.last(), D("2021-06-30"));
  auto h2 = *Period::Parse("2021h2");
  EXPECT_EQ(h2.first(), D("2021-07-01"));
  EXPECT_EQ(h2.last(), D("2021-12-31"));
  EXPECT_EQ(h2.ToString(), "2021H2");
  auto y = *Period::Parse("2020");
  EXPECT_EQ(y.kind(), Period::Kind::kYear);
  EXPECT_EQ(y.last() - y.first(), 365);  // leap year: 366 days inclusive
  for (const char* bad : {"2021H3", "21H1", "2021-H1", "H1", "", "20211", "2021Q1"}) {
    EXPECT_FALSE(Period::Parse(bad).ok()) << bad;
  }
}

TEST(PeriodTest, ContainsAndOverlapsUseInclusiveEnds) {
  auto h1 = *Period::Parse("2021H1");
  EXPECT_TRUE(h1.Contains(D("2021-01-01")));
  EXPECT_TRUE(h1.Contains(D("2021-06-30")));
  EXPECT_FALSE(h1.Contains(D("2021-07-01")));
  Date end = D("2021-01-01");
  EXPECT_TRUE(h1.Overlaps(D("2020-12-01"), &end));  // ends on the first day
  Date before = D("2020-12-31");
  EXPECT_FALSE(h1.Overlaps(D("2020-12-01"), &before));
  EXPECT_TRUE(h1.Overlaps(D("2019-01-01"), nullptr));  // open-ended
}

TEST(PeriodTest, SequenceOfHalfYears) {
  auto ps = HalfYearsBetween(*Period::Parse("2019H2"), *Period::Parse("2021H1"));
  ASSERT_EQ(ps.size(), 4u);
  EXPECT_EQ(ps[0].ToString(), "2019H2");
  EXPECT_EQ(ps[3].ToString(), "2021H1");
  EXPECT_EQ(Period::HalfYearOf(D("2021-07-01")).ToString(), "2021H2");
  EXPECT_EQ(Period::HalfYear(2021, 1).Previous().ToString(), "2020H2");
}

}  // namespace
}  // namespace onderdak::core
