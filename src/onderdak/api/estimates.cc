#include "onderdak/api/estimates.h"

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
    estimate = {{"status", "suppressed"}, {"reason", "fewer than " + std::to_string(threshold) + " persons counted"}};
  } else {
    out["counted"] = linked ? nlohmann::json(r.counted) : nlohmann::json(nullptr);
    if (!r.estimated()) {
      estimate = {{"status", "unavailable"}, {"reason", r.unavailable}};
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
        estimate["reason"] = ci.upper_open ? "the interval has no upper end"
                             : ci.upper <= static_cast<double>(r.counted) + 0.5
                                 ? "the lists hardly overlap: the model cannot see who was missed"
                                 : "the interval is more than twice as high at its top as at its bottom";
      }
    }
  }
  out["estimate"] = std::move(estimate);
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
