#include "onderdak/api/estimates.h"

#include <algorithm>
#include <cmath>

#include "onderdak/stats/loglinear.h"

namespace onderdak::api {
namespace {

constexpr const char* kMethodUrl = "/methode";

nlohmann::json Persons(double value) { return static_cast<std::int64_t>(std::llround(value)); }

nlohmann::json RegionJson(const estimation::RegionEstimate& r, const domain::ReferenceSet& reference, int threshold) {
  const auto* region = reference.FindRegion(r.region);
  nlohmann::json out = {{"region", r.region}, {"name", region != nullptr ? region->name : r.region}};
  const bool linked = r.table.has_value();
  out["lists"] = linked ? static_cast<int>(r.lists.size()) : 0;
  nlohmann::json estimate;
  if (linked && r.counted < threshold) {
    out["counted"] = nullptr;
    estimate = {{"status", "suppressed"},
                {"reason_code", "suppressed"},
                {"reason", "fewer than " + std::to_string(threshold) + " persons counted"}};
  } else {
    out["counted"] = linked ? nlohmann::json(r.counted) : nlohmann::json(nullptr);
    if (!r.estimated()) {
      estimate = {{"status", "unavailable"},
                  {"reason_code", std::string(estimation::NoEstimateCode(r.reason()))},
                  {"reason", r.unavailable}};
    } else {
      const auto& ci = *r.interval;
      const auto& best = r.choice->best();
      estimate = {{"status", r.reliable() ? "reliable" : "too_uncertain"},
                  {"n_hat", r.reliable() ? Persons(best.n_hat) : nlohmann::json(nullptr)},
                  {"lower", Persons(ci.lower)},
                  {"upper", ci.upper_open ? nlohmann::json(nullptr) : Persons(ci.upper)},
                  {"upper_open", ci.upper_open},
                  {"model", best.model.ToString()},
                  {"criterion", std::string(stats::CriterionName(r.choice->criterion))}};
      if (!r.reliable()) {
        estimate["reason_code"] = std::string(estimation::NoEstimateCode(r.reason()));
        estimate["reason"] = std::string(estimation::NoEstimateText(r.reason()));
      }
    }
  }
  out["estimate"] = std::move(estimate);
  return out;
}

// A count for the public document: null below the disclosure threshold.
nlohmann::json Count(std::int64_t value, int threshold) {
  return value < threshold ? nlohmann::json(nullptr) : nlohmann::json(value);
}

// The national figure over every region with a counted figure (ADR 0018).
nlohmann::json NationalJson(const estimation::NationalEstimate& e, int threshold) {
  nlohmann::json not_estimated = nlohmann::json::array();
  for (const auto& code : e.not_estimated) {
    const auto it = std::find_if(e.regions.begin(), e.regions.end(),
                                 [&](const estimation::RegionEstimate& r) { return r.region == code; });
    nlohmann::json entry = {{"region", code}};
    if (it != e.regions.end()) {
      const bool no_ratio = it->table.has_value();  // counted, but no ratio to apply
      entry["reason_code"] = no_ratio ? "no_ratio" : std::string(estimation::NoEstimateCode(it->reason()));
      entry["reason"] = no_ratio ? "too few regions with a reliable estimate for a pooled ratio"
                                 : std::string(estimation::NoEstimateText(it->reason()));
    }
    not_estimated.push_back(std::move(entry));
  }
  nlohmann::json out = {
      {"regions_direct", static_cast<int>(e.direct.size())},
      {"regions_via_ratio", static_cast<int>(e.via_ratio.size())},
      {"regions_not_estimated", static_cast<int>(e.not_estimated.size())},
      {"direct", e.direct},
      {"via_ratio", e.via_ratio},
      {"not_estimated", not_estimated},
      {"counted_direct", Count(e.counted_in_summed, threshold)},
      {"counted_via_ratio", Count(e.counted_via_ratio, threshold)},
      {"interval",
       "normal, on the variance of the direct estimates (scaled by the ratio's use) plus the pooled ratio's model "
       "error (docs/estimation.md)"}};
  if (!e.national) {
    out["status"] = "unavailable";
    out["reason"] = e.direct.size() < static_cast<std::size_t>(stats::kMinDirectStrataForRatio)
                        ? "too few regions with a reliable estimate for a pooled ratio"
                        : "no region with a counted figure";
    out["counted"] = nullptr;
    out["ratio"] = nullptr;
    out["n_hat"] = nullptr;
    out["lower"] = nullptr;
    out["upper"] = nullptr;
    return out;
  }
  const auto& n = *e.national;
  out["status"] = "estimated";
  out["counted"] = Count(e.counted_in_summed + e.counted_via_ratio, threshold);
  out["ratio"] = e.via_ratio.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::round(n.ratio * 1000) / 1000);
  out["n_hat"] = Persons(n.total.n_hat);
  out["lower"] = Persons(n.total.lower);
  out["upper"] = Persons(n.total.upper);
  return out;
}

}  // namespace

core::Result<EstimateWindow> ParseEstimateWindow(const std::optional<std::string>& period,
                                                 const std::optional<std::string>& date, core::Date default_date) {
  if (period && date) return core::Status::InvalidInput("give either 'period' or 'date', not both");
  EstimateWindow w;
  if (period) {
    auto p = core::Period::Parse(*period);
    if (!p.ok()) return p.status().WithContext("parameter 'period'");
    w.period = *p;
    w.from = p->first();
    w.to = p->last();
    return w;
  }
  w.from = w.to = default_date;
  if (date) {
    auto d = core::Date::Parse(*date);
    if (!d.ok()) return d.status().WithContext("parameter 'date'");
    w.from = w.to = *d;
  }
  return w;
}

nlohmann::json EstimatesToJson(const estimation::NationalEstimate& estimate, const domain::ReferenceSet& reference,
                               const EstimateWindow& window, int threshold) {
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& r : estimate.regions) regions.push_back(RegionJson(r, reference, threshold));
  nlohmann::json national = {{"regions_summed", estimate.regions_summed},
                             {"regions_total", static_cast<int>(estimate.regions.size())},
                             {"not_summed", estimate.not_summed},
                             {"counted_in_summed", estimate.counted_in_summed}};
  if (estimate.sum) {
    national["n_hat"] = Persons(estimate.sum->n_hat);
    national["lower"] = Persons(estimate.sum->lower);
    national["upper"] = Persons(estimate.sum->upper);
    national["interval"] = "normal, on the summed variances of the regional estimates";
  } else {
    national["n_hat"] = nullptr;
    national["lower"] = nullptr;
    national["upper"] = nullptr;
  }
  national["estimate"] = NationalJson(estimate, threshold);
  nlohmann::json w = {{"from", window.from.ToString()}, {"to", window.to.ToString()}};
  if (window.period) {
    w["period"] = window.period->ToString();
  } else {
    w["reference_date"] = window.from.ToString();
  }
  return {{"window", w},
          {"method",
           {{"name", "multiple-systems estimation: log-linear models on linked registrations (capture-recapture)"},
            {"lists", "each organisation that delivered person-level records for the region, linked by pseudonym"},
            {"interval", "95 % profile likelihood"},
            {"publication_rule",
             "a point estimate is published only when its interval is closed, reaches above the counted figure and "
             "is at most twice as high at its top as at its bottom (ADR 0011)"},
            {"url", kMethodUrl}}},
          {"threshold", threshold},
          {"regions", regions},
          {"national", national}};
}

core::Result<std::shared_ptr<const estimation::NationalEstimate>> EstimateCache::Get(
    const FigureCache::Snapshot& snapshot, const std::vector<std::string>& regions, const EstimateWindow& window,
    stats::Criterion criterion) {
  std::string key = snapshot.fingerprint + "|" + window.from.ToString() + "|" + window.to.ToString() + "|" +
                    std::string(stats::CriterionName(criterion));
  for (const auto& r : regions) key += "|" + r;
  {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  }
  ONDERDAK_ASSIGN_OR_RETURN(
      auto estimate, estimation::EstimateRegions(snapshot.data->dataset, regions, window.from, window.to, criterion));
  auto shared = std::make_shared<const estimation::NationalEstimate>(std::move(estimate));
  std::lock_guard lock(mu_);
  if (order_.size() >= kMaxEntries) {
    entries_.erase(order_.front());
    order_.erase(order_.begin());
  }
  if (entries_.emplace(key, shared).second) order_.push_back(key);
  return shared;
}

}  // namespace onderdak::api
