#include "onderdak/api/report.h"

#include <algorithm>
#include <set>

#include "onderdak/core/config.h"
#include "onderdak/web/report_page.h"

namespace onderdak::api {

core::Result<std::string> RegionReportHtml(PageSources& src, const RegionReportRequest& request) {
  ONDERDAK_ASSIGN_OR_RETURN(auto current, ListCurrentDeliveries(src.store));
  std::set<int> years;
  for (const auto& d : current.deliveries) years.insert(d.period_first.year());
  if (!years.contains(request.year)) {
    std::string list;
    for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
    return core::Status::InvalidInput(
        "no deliveries for " + std::to_string(request.year) +
        (list.empty() ? std::string(": none are imported") : "; years with deliveries: " + list));
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto last_day, core::Date::FromYmd(request.year, 12, 31));
  web::RegionReportData d;
  // The year and the year before (the first page compares them); the rest is not computed.
  ONDERDAK_ASSIGN_OR_RETURN(d.region,
                            RegionData(src, request.region, request.lang, request.definition,
                                       {.targets_on = last_day, .years = std::pair{request.year - 1, request.year}}));
  d.year = request.year;
  ONDERDAK_ASSIGN_OR_RETURN(d.provenance.deliveries_version, src.store.DeliveriesVersion());
  for (const auto& del : current.deliveries) {
    d.provenance.data_as_of = std::max(d.provenance.data_as_of, del.imported_at.substr(0, 10));
    d.provenance.synthetic = d.provenance.synthetic || del.synthetic;
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto ref, src.reference.InForce(src.store, core::Date::TodayUtc()));
  d.provenance.reference = ref.version.source + " (v" + std::to_string(ref.version.id) + ")";
  d.provenance.software_version = std::string(core::Version());
  return web::RenderRegionReport(d, request.lang);
}

}  // namespace onderdak::api
