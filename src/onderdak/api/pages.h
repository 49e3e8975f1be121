// The dashboard pages' data: reads the current deliveries, the reference set and the
// public figures (through the server's caches) and fills the view models of
// web/dashboard.h, which render them. Routes stay in server.cc.
//
// Thread-safe as the caches are; the store must allow concurrent reads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "onderdak/api/caches.h"
#include "onderdak/api/estimates.h"
#include "onderdak/core/result.h"
#include "onderdak/store/store.h"
#include "onderdak/web/dashboard.h"
#include "onderdak/web/i18n.h"

namespace onderdak::api {

struct PageSources {
  store::Store& store;
  ReferenceCache& reference;
  FigureCache& figures;
  // The region page's counted-beside-estimated figures (one region per entry).
  EstimateCache estimates{};
};

// The query string's parameters (as httplib::Params).
using QueryParams = std::multimap<std::string, std::string>;

// The map's and the comparison's figures for their query parameters (also the national
// report's); nullopt when nothing is imported.
core::Result<std::optional<web::MapData>> MapDataFor(PageSources& src, const QueryParams& params);
core::Result<std::optional<web::CompareData>> CompareDataFor(PageSources& src, const QueryParams& params);

// /kaart?measure=P1.persons_on_date&period=2021H2. InvalidInput for an unknown measure or
// a malformed period.
core::Result<std::string> MapPage(PageSources& src, const QueryParams& params, web::Lang lang);
// /regio/{code}?definition=cbs. NotFound when `code` is not a region in force today;
// InvalidInput for an unknown definition preset.
// The region page's figures: every half-year with deliveries, the completeness, counted
// beside estimated, others' series and the national targets in force. Also the regional
// report's (api/report.h), which narrows them:
struct RegionDataOptions {
  std::optional<core::Date> targets_on{};      // default: the latest half-year's last day
  std::optional<std::pair<int, int>> years{};  // only the half-years of these years (inclusive)
  bool funding_lines = false;                  // also A2 per funding line in the last half-year
};
core::Result<web::RegionPageData> RegionData(PageSources& src, const std::string& code, web::Lang lang,
                                             const std::string& definition, const RegionDataOptions& options = {});
core::Result<std::string> RegionPage(PageSources& src, const std::string& code, web::Lang lang,
                                     const std::string& definition = std::string(indicators::kDefaultDefinition));
// /vergelijk?period=2021H2&measure=P1.persons_on_date&measure=A2.places_realised
core::Result<std::string> ComparePage(PageSources& src, const QueryParams& params, web::Lang lang);

}  // namespace onderdak::api
