// Calendar dates, reference dates (peildatum) and reporting periods (years, half-years).
//
// Date is a civil date in the proleptic Gregorian calendar, stored as days since
// 1970-01-01, so comparisons and day differences are integer operations (the indicator
// engine compares millions of them). Parsing accepts ISO 8601 `YYYY-MM-DD` only.
//
// Period is a closed interval of dates [first, last] of kind year ("2021") or half-year
// ("2021H1" = 1 Jan–30 Jun, "2021H2" = 1 Jul–31 Dec). A point-in-time figure is taken on a
// reference date; a period figure over a Period. Both inclusive ends; see docs/indicators.md.
//
// All types are small values; thread-safe as values.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::core {

class Date {
 public:
  constexpr Date() = default;  // 1970-01-01

  // Returns InvalidInput naming the rule when `text` is not a valid YYYY-MM-DD date.
  static Result<Date> Parse(std::string_view text);
  // Returns InvalidInput when the combination does not exist (e.g. 2023-02-29).
  static Result<Date> FromYmd(int year, int month, int day);
  static constexpr Date FromDays(std::int32_t days) { return Date(days); }
  // Today in UTC; used only at the edges (CLI defaults), never inside computations.
  static Date TodayUtc();

  constexpr std::int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string ToString() const;  // YYYY-MM-DD

  constexpr Date AddDays(std::int32_t n) const { return Date(days_ + n); }
  // Adds calendar months; a day that does not exist in the target month is clamped to
  // its last day (2020-08-31 + 6 months = 2021-02-28), as HUD SPM look-back windows do.
  Date AddMonths(int months) const;
  // Whole years between a birth date and this date (age on this date).
  int YearsSince(Date birth) const;

  friend constexpr std::int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

class Period {
 public:
  enum class Kind { kYear, kHalfYear };

  // "2021" or "2021H1"/"2021H2" (case-insensitive H). InvalidInput otherwise.
  static Result<Period> Parse(std::string_view text);
  static Period Year(int year);
  static Period HalfYear(int year, int half);  // half is 1 or 2
  // The half-year containing `d`.
  static Period HalfYearOf(Date d);

  Kind kind() const { return kind_; }
  int year() const { return year_; }
  int half() const { return half_; }  // 0 for a year
  Date first() const { return first_; }
  Date last() const { return last_; }
  bool Contains(Date d) const { return first_ <= d && d <= last_; }
  // True when [start, end] (end inclusive; no end = open) overlaps this period.
  bool Overlaps(Date start, const Date* end) const { return start <= last_ && (end == nullptr || *end >= first_); }
  std::string ToString() const;
  Period Next() const;
  Period Previous() const;

  friend bool operator==(const Period& a, const Period& b) {
    return a.kind_ == b.kind_ && a.year_ == b.year_ && a.half_ == b.half_;
  }
  friend auto operator<=>(const Period& a, const Period& b) {
    if (auto c = a.first_ <=> b.first_; c != 0) return c;
    return a.last_ <=> b.last_;
  }

 private:
  Period(Kind kind, int year, int half, Date first, Date last)
      : kind_(kind), year_(year), half_(half), first_(first), last_(last) {}
  Kind kind_;
  int year_;
  int half_;
  Date first_;
  Date last_;
};

// All half-years from `from` to `to` inclusive (both must be half-years, from <= to).
std::vector<Period> HalfYearsBetween(const Period& from, const Period& to);

}  // namespace onderdak::core
