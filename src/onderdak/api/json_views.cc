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

nlohmann::json PeriodsToJson(const std::vector<PeriodSummary>& periods) {
  nlohmann::json list = nlohmann::json::array();
  nlohmann::json latest = nullptr;
  for (const auto& p : periods) {
    const bool half = p.period.kind() == core::Period::Kind::kHalfYear;
    if (half) latest = p.period.ToString();
    list.push_back({{"period", p.period.ToString()},
                    {"kind", half ? "half_year" : "year"},
                    {"first", p.period.first().ToString()},
                    {"last", p.period.last().ToString()},
                    {"deliveries", p.deliveries},
                    {"regions", p.regions},
                    {"organisations", p.organisations}});
  }
  return {{"periods", std::move(list)}, {"latest_half_year", std::move(latest)}};
}

nlohmann::json MunicipalitiesToJson(const domain::Region& region, const domain::ReferenceVersion& v) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto* m : region.members) {
    nlohmann::json centroid = nullptr;
    if (m->lon && m->lat) centroid = {{"lon", *m->lon}, {"lat", *m->lat}};
    list.push_back({{"code", m->code},
                    {"name", m->name},
                    {"veiligheidsregio", m->veiligheidsregio},
                    {"centroid", std::move(centroid)},
                    {"centrumgemeente", m->code == region.code},
                    {"membership_method", m->membership_method}});
  }
  return {{"region", {{"code", region.code}, {"name", region.name}}},
          {"reference", ToJson(v)},
          {"municipality_count", region.members.size()},
          {"municipalities", std::move(list)}};
}

nlohmann::json CompletenessToJson(const CompletenessReport& report) {
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& r : report.regions) {
    nlohmann::json organisations = nlohmann::json::array();
    for (const auto& o : r.organisations) {
      organisations.push_back({{"code", o.code}, {"name", o.name}, {"delivered", o.delivered}});
    }
    regions.push_back({{"code", r.code},
                       {"name", r.name},
                       {"status", r.status},
                       {"delivered", r.delivered > 0},
                       {"organisations_delivered", r.delivered},
                       {"organisations_expected", r.expected},
                       {"organisations", std::move(organisations)}});
  }
  return {{"period", report.period},
          {"regions_delivered", report.regions_delivered},
          {"region_count", report.region_count},
          {"regions", std::move(regions)}};
}

namespace {
nlohmann::json PublishedJson(const web::Published& p) {
  if (!p.value) return nullptr;
  nlohmann::json j = {{"value", *p.value}};
  if (p.numerator) j["numerator"] = *p.numerator;
  if (p.denominator) j["denominator"] = *p.denominator;
  return j;
}
nlohmann::json Optional(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
}  // namespace

nlohmann::json OverviewToJson(const web::OverviewData& d) {
  nlohmann::json homeless = nlohmann::json::array();
  for (const auto& h : d.homeless) {
    homeless.push_back({{"period", h.period},
                        {"reference_date", h.reference_date},
                        {"on_date", PublishedJson(h.on_date)},
                        {"in_period", PublishedJson(h.in_period)}});
  }
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : d.funding_lines) {
    lines.push_back({{"code", l.code}, {"label", l.label}, {"gross", PublishedJson(l.gross)}});
  }
  return {{"period", d.period},
          {"periods", d.periods},
          {"homeless", homeless},
          {"housing",
           {{"realised", PublishedJson(d.places_realised)}, {"target", d.places_target}, {"funding_lines", lines}}},
          {"stays_over_90_share", PublishedJson(d.stays_over_90_share)},
          {"single_room_share", PublishedJson(d.single_room_share)},
          {"plans_adopted", PublishedJson(d.plans_adopted)},
          {"regions_delivered", PublishedJson(d.regions_delivered)},
          {"regions_total", d.regions_total},
          {"hidden",
           {{"counted", PublishedJson(d.hidden.counted)},
            {"regions_summed", d.hidden.regions_summed},
            {"counted_in_summed", d.hidden.counted_in_summed},
            {"n_hat", Optional(d.hidden.n_hat)},
            {"lower", Optional(d.hidden.lower)},
            {"upper", Optional(d.hidden.upper)},
            {"method", "/methode"}}}};
}

}  // namespace onderdak::api
