// The stock-flow model of one unit (a region or the nation) behind the projection to 2030
// (docs/projection.md §3). Time runs in calendar months; the stock is the number of persons
// homeless at a month's end (a reference date, as P1 counts them on a date).
//
//   Estimate: from the unit's spells (indicators/spells.h), optionally weighted per person
//   (the bootstrap), the monthly exit hazard by months in stock (a life table with delayed
//   entry for spells that began before the data), the inflow into the stock per half-year
//   with its trend (Poisson log-linear over the last eight delivered half-years), the
//   first-time share of the inflow (P2), the share of exits that go to housing and of those
//   the share back within 24 months (P7), and the placements into housing of the last 12
//   months (the current pace). A region's hazards and trend are shrunk toward the national
//   ones (`prior`) in proportion to how little data it has.
//
//   Project: the expected stock at each month's end from the jump-off to a last month,
//   under a Scenario (prevention, extra placements, Wonen Eerst, fewer returns).
//
// Pure functions on values; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/indicators/spells.h"

namespace onderdak::projection {

// Months in stock with their own hazard; from kMaxAge months on one pooled hazard.
inline constexpr int kMaxAge = 60;
// How a region is shrunk toward the nation: hazards as if kHazardPriorWeight person-months
// at risk at the national hazard were added at each duration; the share housed and the
// return share as if kSharePriorWeight exits at the national share; the inflow trend by
// precision, with a prior standard deviation of kTrendPriorSd (log change per half-year).
inline constexpr double kHazardPriorWeight = 10.0;
inline constexpr double kSharePriorWeight = 20.0;
inline constexpr double kTrendPriorSd = 0.05;
// The trend is damped (Gardner and McKenzie): half-year j ahead adds kTrendDamping^j of it.
inline constexpr double kTrendDamping = 0.8;
// The inflow trend is fitted over at most this many delivered half-years.
inline constexpr int kTrendHalfYears = 8;

// Calendar month index (year * 12 + month - 1) and the last day of a month index.
int MonthOf(core::Date d);
core::Date MonthEnd(int month);

struct Scenario {
  double prevention = 0;           // share less inflow, 0 .. 1
  double extra_per_half_year = 0;  // placements into housing per half-year beyond the current pace
  double pipeline = 0;             // places planned but not realised (A2): placed evenly over 4 half-years
  double wonen_eerst = 0;          // share of the new inflow housed directly (Wonen Eerst), 0 .. 1
  double fewer_returns = 0;        // share less returning inflow, 0 .. 1
  bool operator==(const Scenario&) const = default;
};

// Half-years over which the pipeline is placed.
inline constexpr int kPipelineHalfYears = 4;

struct Fit {
  int jump_off = 0;  // month index of the last delivered month
  std::array<double, kMaxAge + 1> hazard{};
  double inflow_level = 0;                   // entries into the stock per half-year, fitted at the jump-off
  double inflow_trend = 0;                   // log change per half-year, after shrinkage
  double inflow_trend_raw = 0;               // before shrinkage
  double first_time_share = 1;               // of the inflow
  double housed_share = 0;                   // of the exits
  double return_share = 0;                   // of the exits to housing, a new spell within 24 months
  double placements_per_month = 0;           // exits to housing per month, the last 12 months
  std::array<double, kMaxAge + 1> stock0{};  // homeless at the jump-off by months in stock
  double Stock0() const;
};

// A unit's spells reduced once to what Estimate sums (ages at risk, the inflow month, flags),
// so that a bootstrap replicate is one weighted pass over small integers, not over dates.
// Refers to the unit, which must outlive it.
struct PreparedUnit {
  static constexpr std::uint32_t kExit = 1, kHoused = 2, kPlacement = 4, kReturnDen = 8, kReturnNum = 16,
                                 kFirstTime = 32, kLookBack = 64;
  struct Row {
    std::int32_t person = 0;
    std::uint32_t flags = 0;
    std::int32_t risk_from = 0, risk_to = 0;  // ages [from, to) at risk below kMaxAge
    std::int32_t pooled = 0;                  // months at risk at kMaxAge and over
    std::int32_t event_age = -1;              // the age it left the stock at; -1: not observed
    std::int32_t inflow_month = -1;           // months after the first, when it counts as inflow
    std::int32_t stock_age = -1;              // months in stock on the jump-off when ongoing
  };
  const indicators::SpellUnit* unit = nullptr;
  int first = 0, last = 0, months = 0;
  std::vector<Row> rows;
};
PreparedUnit PrepareUnit(const indicators::SpellUnit& unit);

// Weights per person (size unit.persons; empty: every person once). `prior`: the national
// fit the region is shrunk toward, or null (the nation itself, or no shrinkage).
Fit Estimate(const indicators::SpellUnit& unit, std::span<const double> weights, const Fit* prior);
Fit Estimate(const PreparedUnit& unit, std::span<const double> weights, const Fit* prior);

// The expected stock at the end of each month jump_off + 1 .. last_month (empty when
// last_month <= jump_off); `placements`, when not null, receives the placements into housing
// the scenario adds per month (extra, pipeline and Wonen Eerst).
std::vector<double> Project(const Fit& fit, const Scenario& scenario, int last_month,
                            std::vector<double>* placements = nullptr);

// The persons homeless on `date` (start <= date <= end) among the unit's spells.
std::int64_t StockOn(const indicators::SpellUnit& unit, core::Date date);

// The unit as it was known on `cut` (a month's end before unit.last): spells starting later
// dropped, those going on at `cut` open (ongoing) from then, half-years after it undelivered.
indicators::SpellUnit CutAt(const indicators::SpellUnit& unit, core::Date cut);

}  // namespace onderdak::projection
