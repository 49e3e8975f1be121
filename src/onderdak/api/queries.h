// Data assembly shared by the JSON API (server.cc) and the pages (pages.cc): the periods
// with deliveries, the completeness of the deliveries per region, and a lookup of computed
// figures. Pure functions of values already read from the store; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/domain/reference.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::api {

// One period that current deliveries are for.
struct PeriodSummary {
  core::Period period;
  int deliveries = 0;
  int regions = 0;
  int organisations = 0;
};
// Every period of `deliveries`, in time order (a year before its first half-year).
std::vector<PeriodSummary> SummarisePeriods(const std::vector<domain::Delivery>& deliveries);
// The half-years among them ("2021H1", ...), in time order: the periods the pages offer.
std::vector<std::string> HalfYears(const std::vector<PeriodSummary>& periods);

// Which organisations delivered for a region in a period, of those that ever delivered
// for it: the A7 figure `organisations_delivered` with the organisations named.
struct RegionCompleteness {
  std::string code, name;
  int delivered = 0, expected = 0;
  std::string status = "missing";  // complete, partial, missing (docs/indicators.md §5.3)
  struct Organisation {
    std::string code, name;
    bool delivered = false;
  };
  std::vector<Organisation> organisations;  // sorted by code
};
struct CompletenessReport {
  std::string period;
  int regions_delivered = 0, region_count = 0;
  std::vector<RegionCompleteness> regions;  // the reference set's regions, by name
};
// `a7` are the A7 figures of `period` (regions and NL); `deliveries` the current ones.
CompletenessReport BuildCompleteness(const core::Period& period, const domain::ReferenceSet& reference,
                                     const std::vector<domain::Delivery>& deliveries,
                                     const std::vector<indicators::Figure>& a7);

// Finds figures by (indicator, measure, region, breakdown). Holds pointers into the
// vector it was built from, which must outlive it.
class FigureIndex {
 public:
  explicit FigureIndex(const std::vector<indicators::Figure>& figures);
  // nullptr when there is no such figure (not computed: e.g. the region did not deliver).
  const indicators::Figure* Find(std::string_view indicator, std::string_view measure, std::string_view region,
                                 std::string_view breakdown = "total") const;

 private:
  std::map<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>,
           const indicators::Figure*>
      index_;
};

}  // namespace onderdak::api
