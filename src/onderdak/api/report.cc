#include "onderdak/api/report.h"

#include <algorithm>
#include <set>

#include "onderdak/api/overview_model.h"
#include "onderdak/core/config.h"
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

std::string Listed(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

core::Result<std::string> RegionReportHtml(PageSources& src, const RegionReportRequest& request) {
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
  ONDERDAK_ASSIGN_OR_RETURN(d.region,
                            RegionData(src, request.region, request.lang, request.definition,
                                       {.targets_on = last_day, .years = std::pair{request.year - 1, request.year}}));
  d.year = request.year;
  ONDERDAK_ASSIGN_OR_RETURN(d.provenance, ProvenanceOf(src, current));
  return web::RenderRegionReport(d, request.lang);
}

core::Result<std::string> NationalReportHtml(PageSources& src, const NationalReportRequest& request) {
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
