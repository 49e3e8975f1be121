// The hidden homeless population per region and nationally (docs/estimation.md), from
// the imported deliveries: each region's organisations are the lists, linked by pseudonym
// (indicators::LinkRegistrations); the model is chosen over the region's capture-history
// table (stats::ChooseModel) and the 95 % interval is the profile-likelihood interval.
// The one place where "counted" and "estimated" are put side by side: the CLI's
// `estimate --region`, the API's /api/v1/estimates and the dashboard all use it.
//
// National (ADR 0018): persons cannot be linked across all organisations of the country at
// once (far more than 8 lists), so the national estimate adds the reliable regional
// estimates ("direct") and, for each region with a counted figure but no reliable estimate,
// its counted figure times the pooled ratio estimated / counted of the direct regions ("via
// ratio"), with the ratio's model error in the variance (stats::SumWithPooledRatio).
// Regions without a counted figure (no deliveries, one list) are named with their reason and
// left out ("not estimated"): the national figure says which regions it covers and how.
//
// Pure functions over a Dataset; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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

// Why a region's estimate is not published as a number; kNone when it is.
enum class NoEstimate {
  kNone,
  kNoLists,          // no organisation delivered person-level records for the window
  kOneList,          // one organisation did: nothing to link with
  kTooManyLists,     // more than stats::kMaxLists organisations: choose lists by hand
  kNoOverlap,        // the lists share no person: no model has an estimate
  kNoModel,          // the lists overlap, but no model has a finite estimate
  kIntervalOpen,     // the 95 % interval has no upper end
  kIntervalAtCount,  // a zero-width interval at the count: the model cannot see who was missed
  kIntervalTooWide,  // the interval's top is more than twice its bottom
};
// A stable code for the JSON and the page's texts, e.g. "one_list".
std::string_view NoEstimateCode(NoEstimate reason);
// The reason in English words, e.g. "one organisation delivered person-level records: at
// least two lists are needed".
std::string_view NoEstimateText(NoEstimate reason);

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
  // Why there is no estimate, as a code; kNone when there is one (see reason()).
  NoEstimate unavailable_reason = NoEstimate::kNone;

  bool estimated() const { return interval.has_value(); }
  // Whether the estimate is fit to publish as a number (ADR 0011): an interval that is
  // closed, at most twice as high at its top as at its bottom, and reaching above the
  // counted figure. Otherwise the estimate is shown as "too uncertain", with its interval.
  bool reliable() const;
  // Why the estimate is not published as a number: `unavailable_reason` without an
  // estimate, the interval's failing test for one that is not reliable, kNone if reliable.
  NoEstimate reason() const;
};

// One region over the window of `request` (its region, dates, lists and ETHOS set).
// InvalidInput only for a request that cannot be answered (a named list that did not
// deliver); a region whose data allow no estimate is an OK result with `unavailable` set.
core::Result<RegionEstimate> EstimateRegion(const domain::Dataset& data, const indicators::LinkRequest& request,
                                            stats::Criterion criterion = stats::Criterion::kBic);

struct NationalEstimate {
  std::vector<RegionEstimate> regions;  // every requested region, in the given order
  // The sum of the reliable regional estimates alone (ADR 0011), kept beside the national
  // figure below: regions left out of it (without an estimate or too uncertain), how many
  // it sums and the persons they counted.
  std::vector<std::string> not_summed;
  int regions_summed = 0;
  std::int64_t counted_in_summed = 0;          // persons counted in the regions summed
  std::optional<stats::CombinedEstimate> sum;  // over the reliable regions; empty if none

  // The national figure (ADR 0018): how each region enters it.
  std::vector<std::string> direct;         // reliable: its own estimate
  std::vector<std::string> via_ratio;      // counted figure times the pooled ratio
  std::vector<std::string> not_estimated;  // neither (reason() of the region says why)
  std::int64_t counted_via_ratio = 0;      // persons counted in the via_ratio regions
  // Set when at least stats::kMinDirectStrataForRatio regions are direct, or when every
  // region with a counted figure is direct (then there is no ratio to apply). Otherwise the
  // regions with a count but no reliable estimate are in not_estimated and this is empty.
  std::optional<stats::RatioCombinedEstimate> national;
};

// Each of `regions` over [from, to], then the sum over those with a reliable estimate and
// the national figure over every region with a counted figure.
core::Result<NationalEstimate> EstimateRegions(const domain::Dataset& data, const std::vector<std::string>& regions,
                                               core::Date from, core::Date to,
                                               stats::Criterion criterion = stats::Criterion::kBic);

}  // namespace onderdak::estimation
