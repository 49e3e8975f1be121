// The projection to 2030 from the imported deliveries, as the CLI, the API and the pages ask
// for it: the spells under a definition (indicators::HomelessSpells), each unit's pipeline of
// housing places planned or started but not realised on its last delivered day (A2), and
// ProjectUnits or Backtest over them.
//
// Pure functions over a prepared Dataset; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/projection/projection.h"

namespace onderdak::projection {

struct ProjectionQuery {
  std::string definition = std::string(indicators::kDefaultDefinition);
  std::string unit = "NL";  // a region's CBS code or "NL"
  ProjectionOptions options;
};

struct ProjectionAnswer {
  std::string definition;
  UnitProjection unit;
  double pipeline = 0;  // A2 places planned or started, not realised, on the jump-off
  // Public output: withheld when the persons homeless on the jump-off are 1 .. threshold - 1
  // (the disclosure rule of counts of persons, indicators/disclosure.h).
  bool Withheld(std::int64_t threshold) const;
};

// Every unit fitted once for a definition (the page's cache: a scenario change only projects).
struct FittedData {
  std::string definition;
  std::vector<FittedUnit> units;            // regions, then "NL"
  std::map<std::string, double> pipelines;  // unit code -> places planned or started (A2)
};
core::Result<FittedData> FitAllFromData(const indicators::Prepared& prepared, const std::string& definition,
                                        int replicates, std::uint64_t seed);
// The unit's projection under options (its replicates, seed and `only` are those of the
// fit); NotFound naming the unit when it is not there.
core::Result<ProjectionAnswer> ProjectFromFitted(const FittedData& fitted, const std::string& unit,
                                                 const ProjectionOptions& options);

// NotFound naming the unit when it has no person-level deliveries; InvalidInput for an
// unknown definition or options out of range.
core::Result<ProjectionAnswer> ProjectFromData(const indicators::Prepared& prepared, const ProjectionQuery& query);

// All units (regions, then "NL") with the same query's options (its `unit` ignored).
core::Result<std::vector<ProjectionAnswer>> ProjectAllFromData(const indicators::Prepared& prepared,
                                                               const ProjectionQuery& query);

core::Result<std::vector<BacktestRow>> BacktestFromData(const indicators::Prepared& prepared,
                                                        const ProjectionQuery& query, int holdout);

}  // namespace onderdak::projection
