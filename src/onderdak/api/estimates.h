// GET /api/v1/estimates: counted beside estimated (95 % interval) per region and for the
// nation, as published (docs/api.md, docs/estimation.md, ADR 0011). Internal to the api
// layer: the route in server.cc parses the query and finds the data; this file turns an
// estimation::NationalEstimate into the public JSON.
//
// Public rules: a region whose counted figure is below the disclosure threshold shows
// neither count nor estimate ("suppressed"); an estimate that is not reliable shows its
// interval but no point figure ("too_uncertain"); counts and bounds are whole persons.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/reference.h"
#include "onderdak/estimation/hidden_population.h"

namespace onderdak::api {

// The window of an estimate: a reference date (from == to) or a period.
struct EstimateWindow {
  std::optional<core::Period> period;  // set for a period window
  core::Date from, to;
};

// From ?period=2021H2 or ?date=2021-07-01 (exactly one; neither: `default_period`).
// InvalidInput naming the parameter otherwise.
core::Result<EstimateWindow> ParseEstimateWindow(const std::optional<std::string>& period,
                                                 const std::optional<std::string>& date, core::Period default_period);

// The public document. `regions` of `reference` give the names; `threshold` is the
// disclosure threshold of the public figures (docs/indicators.md §5).
nlohmann::json EstimatesToJson(const estimation::NationalEstimate& estimate, const domain::ReferenceSet& reference,
                               const EstimateWindow& window, int threshold);

}  // namespace onderdak::api
