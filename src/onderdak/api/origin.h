// P13's origin x shelter region matrix (docs/indicators.md §3 P13, ADR 0026) for
// /api/v1/origin and the page /herkomst: public figures only, disclosure control
// applied (through FigureCache), the municipality -> region mapping of the reference set
// in force on the period's last day.
//
// Thread-safe as the caches are.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "onderdak/api/caches.h"
#include "onderdak/api/pages.h"
#include "onderdak/core/result.h"
#include "onderdak/indicators/figure.h"
#include "onderdak/web/i18n.h"

namespace onderdak::api {

// Fills request.municipality_regions (and nothing else) from the reference set in force on
// the period's last day; leaves it empty (P13 then has no figures) when none is in force.
core::Status AddOriginMapping(ReferenceCache& reference, store::Store& store, indicators::Request& request);

struct OriginAnswer {
  std::string period, definition;
  ReferenceInForce mapping;  // in force on the period's last day
  core::Date mapping_date;
  std::string etag;
  std::shared_ptr<const std::vector<indicators::Figure>> figures;  // P13, public
};

// ?period= (required: InvalidInput naming it when missing or malformed) and ?definition=;
// NotFound when no reference set is in force on the period's last day.
core::Result<OriginAnswer> OriginFigures(PageSources& src, const core::Period& period, const std::string& definition);

// The JSON of /api/v1/origin (docs/api.md).
nlohmann::json OriginToJson(const OriginAnswer& a);

// /herkomst?period=2021H1&definition=&lang=: the page (web/origin_page.h); the latest
// half-year with deliveries by default.
core::Result<std::string> OriginPage(PageSources& src, const QueryParams& params, web::Lang lang);

}  // namespace onderdak::api
