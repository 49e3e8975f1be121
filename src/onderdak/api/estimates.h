// GET /api/v1/estimates: counted beside estimated (95 % interval) per region and for the
// nation, as published (docs/api.md, docs/estimation.md, ADR 0011). Internal to the api
// layer: the route in server.cc parses the query and finds the data; this file turns an
// estimation::NationalEstimate into the public JSON.
//
// Public rules: a region whose counted figure is below the disclosure threshold shows
// neither count nor estimate ("suppressed"); an estimate that is not reliable shows its
// interval but no point figure ("too_uncertain"); every region without a number has a
// `reason_code` (estimation::NoEstimateCode, or "suppressed"); counts and bounds are whole
// persons. `national.estimate` is the national figure of ADR 0018 (direct regions, the
// others via the pooled ratio, the rest named as not estimated); its counts are null below
// the threshold.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/api/caches.h"
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

// From ?date=2021-07-01 or ?period=2021H2 (at most one; neither: the reference date
// `default_date`). A reference date is the default because over a period the population
// is not closed (ADR 0011). InvalidInput naming the parameter otherwise.
core::Result<EstimateWindow> ParseEstimateWindow(const std::optional<std::string>& period,
                                                 const std::optional<std::string>& date, core::Date default_date);

// The public document. `regions` of `reference` give the names; `threshold` is the
// disclosure threshold of the public figures (docs/indicators.md §5).
nlohmann::json EstimatesToJson(const estimation::NationalEstimate& estimate, const domain::ReferenceSet& reference,
                               const EstimateWindow& window, int threshold);

// Estimates per (current deliveries, regions, window, criterion), computed once: linking a
// region's lists reads every record, so the overview and the API share the result.
// At most kMaxEntries, oldest dropped first. Thread-safe.
class EstimateCache {
 public:
  core::Result<std::shared_ptr<const estimation::NationalEstimate>> Get(const FigureCache::Snapshot& snapshot,
                                                                        const std::vector<std::string>& regions,
                                                                        const EstimateWindow& window,
                                                                        stats::Criterion criterion);

 private:
  static constexpr std::size_t kMaxEntries = 32;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const estimation::NationalEstimate>> entries_;
  std::vector<std::string> order_;
};

}  // namespace onderdak::api
