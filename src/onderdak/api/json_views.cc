#include "onderdak/api/json_views.h"

namespace onderdak::api {

nlohmann::json ToJson(const domain::ReferenceVersion& v) {
  return {{"version_id", v.id}, {"valid_from", v.valid_from.ToString()},      {"imported_at", v.imported_at},
          {"source", v.source}, {"source_sha256", v.source_sha256},           {"approximate", v.approximate},
          {"note", v.note},     {"municipality_count", v.municipality_count}, {"region_count", v.region_count}};
}

nlohmann::json RegionsToJson(const domain::ReferenceSet& set, const domain::ReferenceVersion& v) {
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& r : set.regions()) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto* m : r.members) {
      members.push_back({{"code", m->code}, {"name", m->name}});
    }
    nlohmann::json centroid = nullptr;
    if (r.lon && r.lat) centroid = {{"lon", *r.lon}, {"lat", *r.lat}};
    regions.push_back({{"code", r.code},
                       {"name", r.name},
                       {"municipality_count", r.members.size()},
                       {"centroid", centroid},
                       {"municipalities", std::move(members)}});
  }
  return {{"reference", ToJson(v)}, {"region_count", set.regions().size()}, {"regions", std::move(regions)}};
}

nlohmann::json FigureToJson(const indicators::Figure& f) {
  auto or_null = [&](const std::optional<std::int64_t>& v) {
    return v && !f.suppressed ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"indicator", f.indicator},
          {"measure", f.measure},
          {"region", f.region},
          {"period", f.period},
          {"reference_date", f.reference_date ? nlohmann::json(f.reference_date->ToString()) : nlohmann::json(nullptr)},
          {"breakdown", f.breakdown},
          {"unit", std::string(indicators::UnitName(f.unit))},
          {"value", f.suppressed ? nlohmann::json(nullptr) : nlohmann::json(f.value)},
          {"numerator", or_null(f.numerator)},
          {"denominator", or_null(f.denominator)},
          {"status", f.completeness.Status()},
          {"delivered", f.completeness.delivered},
          {"expected", f.completeness.expected},
          {"disclosure", f.suppressed ? "suppressed"
                         : f.rounded  ? "rounded"
                                      : "none"},
          {"note", f.note}};
}

}  // namespace onderdak::api
