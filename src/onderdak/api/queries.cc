#include "onderdak/api/queries.h"

#include <algorithm>
#include <set>

namespace onderdak::api {

std::vector<PeriodSummary> SummarisePeriods(const std::vector<domain::Delivery>& deliveries) {
  struct Sets {
    int deliveries = 0;
    std::set<std::string> regions, organisations;
  };
  std::map<std::string, Sets> by_period;
  for (const auto& d : deliveries) {
    auto& s = by_period[d.period];
    ++s.deliveries;
    s.regions.insert(d.region);
    s.organisations.insert(d.organisation);
  }
  std::vector<PeriodSummary> out;
  for (const auto& [text, s] : by_period) {
    auto period = core::Period::Parse(text);
    if (!period.ok()) continue;  // the import accepts only valid periods
    out.push_back(
        {*period, s.deliveries, static_cast<int>(s.regions.size()), static_cast<int>(s.organisations.size())});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.period < b.period; });
  return out;
}

std::vector<std::string> HalfYears(const std::vector<PeriodSummary>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) {
    if (p.period.kind() == core::Period::Kind::kHalfYear) out.push_back(p.period.ToString());
  }
  return out;
}

CompletenessReport BuildCompleteness(const core::Period& period, const domain::ReferenceSet& reference,
                                     const std::vector<domain::Delivery>& deliveries,
                                     const std::vector<indicators::Figure>& a7) {
  CompletenessReport report;
  report.period = period.ToString();
  report.region_count = static_cast<int>(reference.regions().size());
  const FigureIndex index(a7);
  if (const auto* nl = index.Find("A7", "regions_delivered", "NL"))
    report.regions_delivered = nl->completeness.delivered;
  // Organisation names as in their latest delivery for the region, and which organisations
  // delivered for the period (an organisation that starts later is not listed: it was not
  // expected yet, docs/indicators.md §5.3).
  std::map<std::string, std::map<std::string, std::string>> names;  // region -> organisation -> name
  std::set<std::pair<std::string, std::string>> in_period;          // (region, organisation)
  for (const auto& d : deliveries) {
    names[d.region][d.organisation] = d.organisation_name;
    if (d.period_first <= period.last() && d.period_last >= period.first()) in_period.emplace(d.region, d.organisation);
  }
  for (const auto& r : reference.regions()) {
    RegionCompleteness c;
    c.code = r.code;
    c.name = r.name;
    if (const auto* f = index.Find("A7", "organisations_delivered", r.code)) {
      c.delivered = f->completeness.delivered;
      c.expected = f->completeness.expected;
      c.status = f->completeness.Status();
      const auto& missing = f->completeness.missing;
      for (const auto& [code, name] : names[r.code]) {
        const bool is_missing = std::find(missing.begin(), missing.end(), code) != missing.end();
        if (!is_missing && !in_period.contains({r.code, code})) continue;
        c.organisations.push_back({code, name, !is_missing});
      }
    }
    report.regions.push_back(std::move(c));
  }
  return report;
}

FigureIndex::FigureIndex(const std::vector<indicators::Figure>& figures) {
  for (const auto& f : figures)
    index_.emplace(std::make_tuple(std::string_view(f.indicator), std::string_view(f.measure),
                                   std::string_view(f.region), std::string_view(f.breakdown)),
                   &f);
}

const indicators::Figure* FigureIndex::Find(std::string_view indicator, std::string_view measure,
                                            std::string_view region, std::string_view breakdown) const {
  auto it = index_.find(std::make_tuple(indicator, measure, region, breakdown));
  return it == index_.end() ? nullptr : it->second;
}

}  // namespace onderdak::api
