#include "onderdak/estimation/hidden_population.h"

#include <algorithm>

namespace onderdak::estimation {

std::string_view NoEstimateCode(NoEstimate reason) {
  switch (reason) {
    case NoEstimate::kNone: return "none";
    case NoEstimate::kNoLists: return "no_lists";
    case NoEstimate::kOneList: return "one_list";
    case NoEstimate::kTooManyLists: return "too_many_lists";
    case NoEstimate::kNoOverlap: return "no_overlap";
    case NoEstimate::kNoModel: return "no_model";
    case NoEstimate::kIntervalOpen: return "interval_open";
    case NoEstimate::kIntervalAtCount: return "interval_at_count";
    case NoEstimate::kIntervalTooWide: return "interval_too_wide";
  }
  return "none";
}

std::string_view NoEstimateText(NoEstimate reason) {
  switch (reason) {
    case NoEstimate::kNone: return "";
    case NoEstimate::kNoLists: return "no organisation delivered person-level records for the window";
    case NoEstimate::kOneList:
      return "one organisation delivered person-level records: at least two lists are needed";
    case NoEstimate::kTooManyLists: return "more than 8 organisations delivered: the lists must be chosen by hand";
    case NoEstimate::kNoOverlap: return "the lists share no persons: the overlap that the estimate needs is empty";
    case NoEstimate::kNoModel: return "no model has a finite estimate on these lists";
    case NoEstimate::kIntervalOpen: return "the interval has no upper end";
    case NoEstimate::kIntervalAtCount: return "the lists hardly overlap: the model cannot see who was missed";
    case NoEstimate::kIntervalTooWide: return "the interval is more than twice as high at its top as at its bottom";
  }
  return "";
}

NoEstimate RegionEstimate::reason() const {
  if (!estimated()) return unavailable_reason == NoEstimate::kNone ? NoEstimate::kNoModel : unavailable_reason;
  if (interval->upper_open) return NoEstimate::kIntervalOpen;
  if (interval->upper <= static_cast<double>(counted) + 0.5) return NoEstimate::kIntervalAtCount;
  if (!reliable()) return NoEstimate::kIntervalTooWide;
  return NoEstimate::kNone;
}

bool RegionEstimate::reliable() const {
  if (!estimated() || interval->upper_open) return false;
  // A zero-width interval at the counted figure says "nobody was missed" with certainty:
  // the chosen model cannot see the missing (lists without overlap), not a finding.
  if (interval->upper <= static_cast<double>(counted) + 0.5) return false;
  return interval->upper <= kMaxReliableWidthRatio * std::max(interval->lower, 1.0);
}

core::Result<RegionEstimate> EstimateRegion(const domain::Dataset& data, const indicators::LinkRequest& request,
                                            stats::Criterion criterion) {
  RegionEstimate out;
  out.region = request.region;
  auto linked = indicators::LinkRegistrations(data, request);
  if (!linked.ok()) {
    // With the lists chosen automatically, the only refusals are "fewer than two" and
    // "more than eight" lists: facts about the region, not errors of the request.
    if (!request.lists.empty() || linked.status().code() != core::Code::kInvalidInput) return linked.status();
    out.unavailable = linked.status().message();
    const auto lists = indicators::ListDeliveries(data, request.region, request.from, request.to).size();
    out.unavailable_reason = lists == 0   ? NoEstimate::kNoLists
                             : lists == 1 ? NoEstimate::kOneList
                                          : NoEstimate::kTooManyLists;
    return out;
  }
  out.lists = linked->lists;
  out.counted = linked->persons;
  const int k = static_cast<int>(linked->lists.size());
  ONDERDAK_ASSIGN_OR_RETURN(auto table, stats::MakeCaptureTable(k, std::move(linked->counts), linked->lists));
  out.table = std::move(table);
  auto choice = stats::ChooseModel(*out.table, criterion);
  if (!choice.ok()) {
    // No model with an estimate (e.g. lists that share no persons): say so, no number.
    if (choice.status().code() == core::Code::kFailedPrecondition) {
      out.unavailable = choice.status().message();
      bool overlap = false;
      for (int a = 0; a < k; ++a) {
        for (int b = a + 1; b < k; ++b) overlap = overlap || out.table->Overlap(a, b) > 0;
      }
      out.unavailable_reason = overlap ? NoEstimate::kNoModel : NoEstimate::kNoOverlap;
      if (!overlap) out.unavailable += " (" + std::string(NoEstimateText(NoEstimate::kNoOverlap)) + ")";
      return out;
    }
    return choice.status();
  }
  auto interval = stats::ProfileLikelihoodInterval(*out.table, choice->best());
  if (!interval.ok()) return interval.status().WithContext(request.region);
  out.choice = std::move(*choice);
  out.interval = *interval;
  return out;
}

core::Result<NationalEstimate> EstimateRegions(const domain::Dataset& data, const std::vector<std::string>& regions,
                                               core::Date from, core::Date to, stats::Criterion criterion) {
  NationalEstimate out;
  std::vector<stats::StratumEstimate> strata;
  std::vector<stats::CountedStratum> counted;
  for (const auto& region : regions) {
    indicators::LinkRequest request;
    request.region = region;
    request.from = from;
    request.to = to;
    ONDERDAK_ASSIGN_OR_RETURN(auto estimate, EstimateRegion(data, request, criterion));
    if (estimate.reliable()) {
      const auto& best = estimate.choice->best();
      strata.push_back({region, best.n_observed, best.n_hat, best.stderr_n_hat});
      out.counted_in_summed += estimate.counted;
      ++out.regions_summed;
      out.direct.push_back(region);
    } else {
      out.not_summed.push_back(region);
      // A counted figure exists when the region's lists could be linked.
      if (estimate.table) {
        counted.push_back({region, static_cast<double>(estimate.counted)});
      } else {
        out.not_estimated.push_back(region);
      }
    }
    out.regions.push_back(std::move(estimate));
  }
  if (!strata.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto sum, stats::SumStrata(strata));
    out.sum = sum;
  }
  // The national figure. The ratio needs enough direct regions (SumWithPooledRatio refuses
  // fewer); without them the counted regions are not estimated either, and there is a
  // national figure only when no region needed the ratio.
  if (!strata.empty()) {
    if (auto national = stats::SumWithPooledRatio(strata, counted); national.ok()) {
      out.national = *national;
      for (const auto& c : counted) {
        out.via_ratio.push_back(c.name);
        out.counted_via_ratio += static_cast<std::int64_t>(c.n_observed);
      }
      return out;
    }
  }
  if (counted.empty()) return out;
  std::vector<std::string> ordered;  // in the order of `regions`
  for (const auto& r : out.regions) {
    const bool no_count = std::find(out.not_estimated.begin(), out.not_estimated.end(), r.region) !=
                          out.not_estimated.end();
    const bool no_ratio = std::any_of(counted.begin(), counted.end(),
                                      [&](const stats::CountedStratum& c) { return c.name == r.region; });
    if (no_count || no_ratio) ordered.push_back(r.region);
  }
  out.not_estimated = std::move(ordered);
  return out;
}

}  // namespace onderdak::estimation
