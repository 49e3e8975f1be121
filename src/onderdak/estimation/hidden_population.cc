#include "onderdak/estimation/hidden_population.h"

#include <algorithm>

namespace onderdak::estimation {

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
    } else {
      out.not_summed.push_back(region);
    }
    out.regions.push_back(std::move(estimate));
  }
  if (!strata.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto sum, stats::SumStrata(strata));
    out.sum = sum;
  }
  return out;
}

}  // namespace onderdak::estimation
