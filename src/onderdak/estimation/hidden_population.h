// The hidden homeless population per region and nationally (docs/estimation.md), from
// the imported deliveries: each region's organisations are the lists, linked by pseudonym
// (indicators::LinkRegistrations); the model is chosen over the region's capture-history
// table (stats::ChooseModel) and the 95 % interval is the profile-likelihood interval.
// The one place where "counted" and "estimated" are put side by side: the CLI's
// `estimate --region`, the API's /api/v1/estimates and the dashboard all use it.
//
// National: persons cannot be linked across all organisations of the country at once (far
// more than 8 lists), so the national estimate is the sum of the regional estimates with
// their variances (stats::SumStrata; a person registered in two regions counts in each, as
// in the regional figures). Regions without a reliable estimate are named and left out of
// the sum, never silently: the national figure says of how many regions it is the sum.
//
// Pure functions over a Dataset; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/indicators/linkage.h"
#include "onderdak/stats/capture_table.h"
#include "onderdak/stats/model_search.h"
#include "onderdak/stats/profile_interval.h"
#include "onderdak/stats/stratified.h"

namespace onderdak::estimation {

// An estimate whose 95 % interval reaches more than twice its lower bound is too
// uncertain to publish as a number (ADR 0011).
inline constexpr double kMaxReliableWidthRatio = 2.0;

struct RegionEstimate {
  std::string region;
  std::vector<std::string> lists;  // organisation ids, list 1 first
  std::int64_t counted = 0;        // distinct persons on at least one list
  // Set when the region has at least two lists.
  std::optional<stats::CaptureTable> table;
  // Set when a model with an estimate exists; then `interval` is set too.
  std::optional<stats::ModelChoice> choice;
  std::optional<stats::ProfileInterval> interval;
  // Why there is no estimate (empty when there is one), in English, e.g. "fewer than two
  // lists: 1 organisation registered persons".
  std::string unavailable;

  bool estimated() const { return interval.has_value(); }
  // Whether the estimate is fit to publish as a number (ADR 0011): an interval that is
  // closed, at most twice as high at its top as at its bottom, and reaching above the
  // counted figure. Otherwise the estimate is shown as "too uncertain", with its interval.
  bool reliable() const;
};

// One region over the window of `request` (its region, dates, lists and ETHOS set).
// InvalidInput only for a request that cannot be answered (a named list that did not
// deliver); a region whose data allow no estimate is an OK result with `unavailable` set.
core::Result<RegionEstimate> EstimateRegion(const domain::Dataset& data, const indicators::LinkRequest& request,
                                            stats::Criterion criterion = stats::Criterion::kBic);

struct NationalEstimate {
  std::vector<RegionEstimate> regions;  // every requested region, in the given order
  // Regions left out of the sum: without an estimate or too uncertain (`unavailable` or
  // their interval says which).
  std::vector<std::string> not_summed;
  int regions_summed = 0;
  std::int64_t counted_in_summed = 0;          // persons counted in the regions summed
  std::optional<stats::CombinedEstimate> sum;  // over the reliable regions; empty if none
};

// Each of `regions` over [from, to], then the sum over those with a reliable estimate.
core::Result<NationalEstimate> EstimateRegions(const domain::Dataset& data, const std::vector<std::string>& regions,
                                               core::Date from, core::Date to,
                                               stats::Criterion criterion = stats::Criterion::kBic);

}  // namespace onderdak::estimation
