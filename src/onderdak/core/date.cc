#include "onderdak/core/date.h"

#include <chrono>
#include <cstdio>

namespace onderdak::core {
namespace {

namespace chr = std::chrono;

// Dates: any four-digit year from 1800 on, so that "open end" sentinels such as
// 9999-12-31 are dates. Reporting periods stay within 1800-2200.
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 9999;
constexpr int kMinPeriodYear = 1800;
constexpr int kMaxPeriodYear = 2200;

chr::year_month_day Ymd(Date d) { return chr::year_month_day{chr::sys_days{chr::days{d.days()}}}; }

Date FromYmdUnchecked(chr::year_month_day ymd) {
  return Date::FromDays(static_cast<std::int32_t>(chr::sys_days{ymd}.time_since_epoch().count()));
}

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear) {
    return Status::InvalidInput("year " + std::to_string(year) + " is outside " + std::to_string(kMinYear) + "-" +
                                std::to_string(kMaxYear));
  }
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  if (month < 1 || month > 12 || day < 1 || !ymd.ok()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return Status::InvalidInput(std::string("'") + buf + "' is not a date in the calendar");
  }
  return FromYmdUnchecked(ymd);
}

Result<Date> Date::Parse(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text.substr(0, 4), y) ||
      !ParseDigits(text.substr(5, 2), m) || !ParseDigits(text.substr(8, 2), d)) {
    return Status::InvalidInput("'" + std::string(text) + "' is not an ISO 8601 date (YYYY-MM-DD)");
  }
  return FromYmd(y, m, d);
}

Date Date::TodayUtc() {
  auto today = chr::floor<chr::days>(chr::system_clock::now());
  return FromDays(static_cast<std::int32_t>(today.time_since_epoch().count()));
}

int Date::year() const { return static_cast<int>(Ymd(*this).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(*this).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(*this).day())); }

std::string Date::ToString() const {
  // Written by hand: the importer and the store format millions of dates, and snprintf
  // was a measured share of the import time (bench/import_bench.sh).
  auto ymd = Ymd(*this);
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
  }
  const auto m = static_cast<unsigned>(ymd.month());
  const auto d = static_cast<unsigned>(ymd.day());
  std::string s(10, '-');
  s[0] = static_cast<char>('0' + y / 1000);
  s[1] = static_cast<char>('0' + y / 100 % 10);
  s[2] = static_cast<char>('0' + y / 10 % 10);
  s[3] = static_cast<char>('0' + y % 10);
  s[5] = static_cast<char>('0' + m / 10);
  s[6] = static_cast<char>('0' + m % 10);
  s[8] = static_cast<char>('0' + d / 10);
  s[9] = static_cast<char>('0' + d % 10);
  return s;
}

Date Date::AddMonths(int months) const {
  auto ymd = Ymd(*this);
  auto ym = chr::year_month{ymd.year(), ymd.month()} + chr::months{months};
  auto last = chr::year_month_day_last{ym.year(), chr::month_day_last{ym.month()}};
  auto day = ymd.day() > last.day() ? last.day() : ymd.day();
  return FromYmdUnchecked(chr::year_month_day{ym.year(), ym.month(), day});
}

int Date::YearsSince(Date birth) const {
  auto now = Ymd(*this);
  auto b = Ymd(birth);
  int years = static_cast<int>(now.year()) - static_cast<int>(b.year());
  // A birthday on 29 February counts as reached on 1 March in non-leap years.
  if (chr::month_day{now.month(), now.day()} < chr::month_day{b.month(), b.day()}) --years;
  return years;
}

Period Period::Year(int year) {
  return Period(Kind::kYear, year, 0, *Date::FromYmd(year, 1, 1), *Date::FromYmd(year, 12, 31));
}

Period Period::HalfYear(int year, int half) {
  if (half == 1) {
    return Period(Kind::kHalfYear, year, 1, *Date::FromYmd(year, 1, 1), *Date::FromYmd(year, 6, 30));
  }
  return Period(Kind::kHalfYear, year, 2, *Date::FromYmd(year, 7, 1), *Date::FromYmd(year, 12, 31));
}

Period Period::HalfYearOf(Date d) { return HalfYear(d.year(), d.month() <= 6 ? 1 : 2); }

Result<Period> Period::Parse(std::string_view text) {
  int y = 0;
  auto bad = [&] {
    return Status::InvalidInput("'" + std::string(text) +
                                "' is not a period: use a year (2021) or a half-year (2021H1, 2021H2)");
  };
  if (text.size() == 4) {
    if (!ParseDigits(text, y) || y < kMinPeriodYear || y > kMaxPeriodYear) return bad();
    return Year(y);
  }
  if (text.size() == 6 && (text[4] == 'H' || text[4] == 'h') && (text[5] == '1' || text[5] == '2')) {
    if (!ParseDigits(text.substr(0, 4), y) || y < kMinPeriodYear || y > kMaxPeriodYear) return bad();
    return HalfYear(y, text[5] - '0');
  }
  return bad();
}

std::string Period::ToString() const {
  std::string s = std::to_string(year_);
  if (kind_ == Kind::kHalfYear) s += half_ == 1 ? "H1" : "H2";
  return s;
}

Period Period::Next() const {
  if (kind_ == Kind::kYear) return Year(year_ + 1);
  return half_ == 1 ? HalfYear(year_, 2) : HalfYear(year_ + 1, 1);
}

Period Period::Previous() const {
  if (kind_ == Kind::kYear) return Year(year_ - 1);
  return half_ == 2 ? HalfYear(year_, 1) : HalfYear(year_ - 1, 2);
}

std::vector<Period> HalfYearsBetween(const Period& from, const Period& to) {
  std::vector<Period> out;
  if (from.kind() != Period::Kind::kHalfYear || to.kind() != Period::Kind::kHalfYear) return out;
  for (Period p = from; p <= to; p = p.Next()) out.push_back(p);
  return out;
}

}  // namespace onderdak::core
