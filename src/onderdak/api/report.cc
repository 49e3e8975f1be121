#include "onderdak/api/report.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "onderdak/api/overview_model.h"
#include "onderdak/core/config.h"
#include "onderdak/domain/population.h"
#include "onderdak/web/report_page.h"

namespace onderdak::api {

namespace {

// Where the figures come from (stated in the report and its metadata).
core::Result<web::ReportProvenance> ProvenanceOf(PageSources& src, const CurrentDeliveries& current) {
  web::ReportProvenance p;
  ONDERDAK_ASSIGN_OR_RETURN(p.deliveries_version, src.store.DeliveriesVersion());
  for (const auto& d : current.deliveries) {
    p.data_as_of = std::max(p.data_as_of, d.imported_at.substr(0, 10));
    p.synthetic = p.synthetic || d.synthetic;
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto ref, src.reference.InForce(src.store, core::Date::TodayUtc()));
  p.reference = ref.version.source + " (v" + std::to_string(ref.version.id) + ")";
  p.software_version = std::string(core::Version());
  return p;
}

// The regions nearest in inhabitants to the report's region (population figures, ADR 0037),
// with the comparison's figures for the year's last half-year; nothing without population.
core::Status AddSimilarRegions(PageSources& src, const RegionReportRequest& request, web::RegionReportData& d) {
  constexpr std::size_t kNeighbours = 4;
  if (d.region.periods.empty()) return core::Status::Ok();
  const std::string last = d.region.periods.back();
  ONDERDAK_ASSIGN_OR_RETURN(auto counts, src.store.Policy().CurrentPopulation());
  ONDERDAK_ASSIGN_OR_RETURN(auto ref, src.reference.InForce(src.store, core::Date::TodayUtc()));
  ONDERDAK_ASSIGN_OR_RETURN(auto period, core::Period::Parse(last));
  const auto population = domain::PopulationForPeriod(counts, *ref.set, period);
  if (!population || !population->regions.contains(request.region)) return core::Status::Ok();
  const QueryParams params = {{"period", last},
                              {"definition", request.definition},
                              {"measure", "P1.persons_on_date"},
                              {"measure", "P5.ended.over_90_days_share"},
                              {"measure", "P6.to_housing_share"},
                              {"measure", "A2.places_realised"}};
  ONDERDAK_ASSIGN_OR_RETURN(auto compare, CompareDataFor(src, params));
  if (!compare) return core::Status::Ok();
  const std::int64_t own = population->regions.at(request.region);
  std::vector<std::pair<std::int64_t, const web::CompareData::Region*>> by_distance;
  for (const auto& r : compare->regions) {
    auto it = population->regions.find(r.code);
    if (it == population->regions.end()) continue;
    const std::int64_t distance = r.code == request.region ? -1 : std::abs(it->second - own);
    by_distance.push_back({distance, &r});
  }
  std::sort(by_distance.begin(), by_distance.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->code < b.second->code;
  });
  if (by_distance.size() > kNeighbours + 1) by_distance.resize(kNeighbours + 1);
  for (const auto& [distance, r] : by_distance) {
    d.similar.push_back(
        {.code = r->code, .name = r->name, .inhabitants = population->regions.at(r->code), .cells = r->cells});
  }
  d.similar_measures = compare->measures;
  d.population_date = population->date.ToString();
  return core::Status::Ok();
}

std::string Listed(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

core::Result<web::ReportDocument> RegionReportHtml(PageSources& src, const RegionReportRequest& request) {
  ONDERDAK_ASSIGN_OR_RETURN(auto current, ListCurrentDeliveries(src.store));
  std::set<std::string> years;
  for (const auto& d : current.deliveries) years.insert(std::to_string(d.period_first.year()));
  if (!years.contains(std::to_string(request.year))) {
    return core::Status::InvalidInput(
        "no deliveries for " + std::to_string(request.year) +
        (years.empty() ? std::string(": none are imported") : "; years with deliveries: " + Listed(years)));
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto last_day, core::Date::FromYmd(request.year, 12, 31));
  web::RegionReportData d;
  // The year and the year before (the first page compares them); the rest is not computed.
  ONDERDAK_ASSIGN_OR_RETURN(
      d.region,
      RegionData(src, request.region, request.lang, request.definition,
                 {.targets_on = last_day, .years = std::pair{request.year - 1, request.year}, .funding_lines = true}));
  d.year = request.year;
  ONDERDAK_ASSIGN_OR_RETURN(d.provenance, ProvenanceOf(src, current));
  ONDERDAK_RETURN_IF_ERROR(AddSimilarRegions(src, request, d));
  return web::RenderRegionReport(d, request.lang);
}

core::Result<web::ReportDocument> NationalReportHtml(PageSources& src, const NationalReportRequest& request) {
  auto period = core::Period::Parse(request.period);
  if (!period.ok() || period->kind() != core::Period::Kind::kHalfYear) {
    return core::Status::InvalidInput("'" + request.period + "' is not a half-year (e.g. 2023H2)");
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto current, ListCurrentDeliveries(src.store));
  std::set<std::string> halves;
  for (const auto& d : current.deliveries) {
    if (d.period.size() == 6) halves.insert(d.period);
  }
  if (!halves.contains(period->ToString())) {
    return core::Status::InvalidInput(
        "no deliveries for " + period->ToString() +
        (halves.empty() ? std::string(": none are imported") : "; half-years with deliveries: " + Listed(halves)));
  }
  web::NationalReportData d;
  ONDERDAK_ASSIGN_OR_RETURN(
      auto overview,
      BuildOverview(
          {.store = src.store, .reference = src.reference, .figures = src.figures, .estimates = src.estimates},
          period->ToString(), request.lang, request.definition));
  if (!overview) return core::Status::InvalidInput("no deliveries are imported");
  d.overview = std::move(*overview);
  const QueryParams params = {
      {"period", period->ToString()}, {"definition", request.definition}, {"measure", "P1.persons_on_date"}};
  ONDERDAK_ASSIGN_OR_RETURN(d.map, MapDataFor(src, params));
  const QueryParams compare = {{"period", period->ToString()}, {"definition", request.definition}};
  ONDERDAK_ASSIGN_OR_RETURN(d.regions, CompareDataFor(src, compare));
  ONDERDAK_ASSIGN_OR_RETURN(d.provenance, ProvenanceOf(src, current));
  return web::RenderNationalReport(d, request.lang);
}

}  // namespace onderdak::api
