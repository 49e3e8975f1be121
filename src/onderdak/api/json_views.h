// JSON representations of domain values served by the API. Field names are part of the
// API contract (docs/api.md): add fields, never rename or remove them within /api/v1.
#pragma once

#include <nlohmann/json.hpp>

#include "onderdak/api/queries.h"
#include "onderdak/domain/reference.h"
#include "onderdak/indicators/figure.h"
#include "onderdak/web/overview.h"

namespace onderdak::api {

nlohmann::json ToJson(const domain::ReferenceVersion& v);
// {"reference": {...}, "regions": [{code, name, municipality_count, centroid, municipalities: [...]}]}
nlohmann::json RegionsToJson(const domain::ReferenceSet& set, const domain::ReferenceVersion& v);
// One figure with the field names of the CSV columns (docs/indicators.md §5.2); a
// suppressed figure has null value, numerator and denominator.
nlohmann::json FigureToJson(const indicators::Figure& f);
// {"periods": [{period, kind, first, last, deliveries, regions, organisations}], "latest_half_year"}
nlohmann::json PeriodsToJson(const std::vector<PeriodSummary>& periods);
// {"region": {code, name}, "reference": {...}, "municipality_count", "municipalities": [{code, name,
// veiligheidsregio, centroid, membership_method}]}
nlohmann::json MunicipalitiesToJson(const domain::Region& region, const domain::ReferenceVersion& v);
// {"period", "regions_delivered", "region_count", "regions": [{code, name, status, delivered,
// organisations_delivered, organisations_expected, organisations: [{code, name, delivered}]}]}
nlohmann::json CompletenessToJson(const CompletenessReport& report);
// The national overview's figures (the page /overzicht as data): {"period", "periods",
// "homeless": [{period, reference_date, on_date, in_period}], "housing": {realised, target,
// funding_lines: [{code, label, gross}]}, "stays_over_90_share", "single_room_share",
// "plans_adopted", "regions_delivered", "regions_total", "hidden": {counted, regions_summed,
// counted_in_summed, n_hat, lower, upper}}. A suppressed value is null.
nlohmann::json OverviewToJson(const web::OverviewData& d);

}  // namespace onderdak::api
