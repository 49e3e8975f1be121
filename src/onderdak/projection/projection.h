// The projection to 2030 per region and nationally (docs/projection.md, ADR 0039): for
// each unit the expected number of homeless persons on every half-year's last day from its
// last delivered day to the end of a year, with an uncertainty band, under a Scenario; the
// placements into housing per half-year needed to reach zero and functional zero by then,
// beside the current pace; and a back-test (fit up to an earlier cut, project, compare).
//
// The band: a Poisson bootstrap over persons (each person's spells weighted by a Poisson(1)
// draw; Hanley and MacGibbon 2006), which refits every parameter of the unit, plus Poisson
// variation of the count on each date. A region is shrunk toward the national fit (kept
// fixed over the region's replicates). Replicates are drawn from a generator seeded per unit
// code and replicate, so a unit's band is the same however many units or threads are used.
//
// Pure functions on values; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/indicators/spells.h"
#include "onderdak/projection/model.h"

namespace onderdak::projection {

// The search for the date a scenario reaches (functional) zero stops at this year's end.
inline constexpr int kSearchUntilYear = 2060;
inline constexpr int kMaxReplicates = 10'000;

struct ProjectionOptions {
  int to_year = 2030;     // the last reference date is 31 December of this year
  int replicates = 1000;  // bootstrap replicates; 0: the expected path only
  std::uint64_t seed = 1;
  Scenario scenario;  // its `pipeline` is set per unit from `pipelines` when use_pipeline
  bool use_pipeline = false;
  std::map<std::string, double> pipelines;  // unit code -> places planned, not realised (A2)
  std::vector<std::string> only;            // units to project (codes); empty: all
  int threads = 0;                          // 0: hardware_concurrency()
};

// InvalidInput naming the field when an option or the scenario is out of range.
core::Status Validate(const ProjectionOptions& options);

struct Band {
  core::Date date;
  double expected = 0;                                 // the expected path of the point fit
  double p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;  // over the replicates (equal to expected without)
};

struct Observed {
  core::Date date;
  std::int64_t persons = 0;
};

struct Pace {
  double current_per_half_year = 0;  // exits from shelter to housing, the last 12 months, per half-year
  // Functional zero (Built for Zero): no more persons homeless on a date than the unit
  // demonstrably houses in a month (its placements per month of the last 12 months).
  double functional_zero_threshold = 0;
  // Placements per half-year (the current pace plus the extra needed, the scenario's other
  // inputs kept) for an expected stock below one half on the last reference date, and at or
  // below the functional-zero threshold.
  double needed_zero = 0;
  double needed_functional_zero = 0;
  // The first half-year's last day the scenario reaches each, up to kSearchUntilYear.
  std::optional<core::Date> zero_reached, functional_zero_reached;
};

struct UnitProjection {
  std::string code;
  std::vector<std::string> regions, left_out;
  core::Date jump_off;
  std::int32_t persons = 0;  // distinct persons in the unit's spells
  Fit fit;
  Scenario scenario;               // as applied (with the unit's pipeline)
  std::vector<Observed> observed;  // the stock on each delivered half-year's last day
  std::vector<Band> path;          // from the first half-year after the jump-off
  Pace pace;
};

// The units' projections (those in options.only, all when empty), in the order of `units`.
// The national unit "NL", when present, is the prior of the regions.
core::Result<std::vector<UnitProjection>> ProjectUnits(const std::vector<indicators::SpellUnit>& units,
                                                       const ProjectionOptions& options);

// What does not depend on the scenario: a unit's point fit and its bootstrap replicates'
// fits. A scenario change projects these again (ProjectFitted) without refitting, which is
// what lets the page answer a changed scenario quickly.
struct FittedUnit {
  std::string code;
  std::vector<std::string> regions, left_out;
  core::Date jump_off;
  std::int32_t persons = 0;
  std::vector<Observed> observed;
  Fit point;
  std::vector<Fit> replicates;
  std::uint64_t seed = 1;
};

// Fits the units in options.only (all when empty); options.scenario is not used.
core::Result<std::vector<FittedUnit>> FitUnits(const std::vector<indicators::SpellUnit>& units,
                                               const ProjectionOptions& options);

// The projection of a fitted unit under options.scenario (and its pipeline) to options.to_year.
UnitProjection ProjectFitted(const FittedUnit& unit, const ProjectionOptions& options);

struct BacktestRow {
  std::string code;
  core::Date cut, date;
  std::int64_t observed = 0;
  double expected = 0, p05 = 0, p50 = 0, p95 = 0;
  bool covered = false;  // p05 <= observed <= p95
};

// Fits each unit on what was known `holdout` half-years before its last delivered day,
// projects to that day and compares each delivered half-year's last day in between with
// the persons then observed. InvalidInput for holdout outside 1..6.
core::Result<std::vector<BacktestRow>> Backtest(const std::vector<indicators::SpellUnit>& units, int holdout,
                                                const ProjectionOptions& options);

}  // namespace onderdak::projection
