#include "onderdak/api/json_views.h"

namespace onderdak::api {
namespace {

// Carried values (indicators::Completeness::Carried, web::Coverage::Carried) as
// [{region, period}].
template <typename Carried>
nlohmann::json CarriedJson(const std::vector<Carried>& carried) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : carried) out.push_back({{"region", c.region}, {"period", c.period}});
  return out;
}

}  // namespace

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
          {"note", f.note},
          {"coverage",
           {{"unit", f.completeness.unit},
            {"delivered", f.completeness.delivered},
            {"expected", f.completeness.expected},
            {"missing", f.completeness.missing},
            {"carried", CarriedJson(f.completeness.carried)}}},
          {"carried_from", f.carried_from.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.carried_from)},
          {"definition", f.definition}};
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
std::string_view MarkName(web::Mark m) {
  switch (m) {
    case web::Mark::kNone: return "";
    case web::Mark::kSuppressed: return "suppressed";
    case web::Mark::kNotDelivered: return "not_delivered";
    case web::Mark::kInsufficient: return "insufficient_coverage";
    case web::Mark::kNotApplicable: return "not_applicable";
    case web::Mark::kNotEstimable: return "not_estimable";
    case web::Mark::kUnknown: return "unknown";
  }
  return "";
}
// A published value as {"value", "numerator", "denominator"}, or {"value": null, "why": ...}.
nlohmann::json PublishedJson(const web::Published& p) {
  if (!p.value) {
    return {{"value", nullptr}, {"why", MarkName(p.mark == web::Mark::kNone ? web::Mark::kSuppressed : p.mark)}};
  }
  nlohmann::json j = {{"value", *p.value}};
  if (p.numerator) j["numerator"] = *p.numerator;
  if (p.denominator) j["denominator"] = *p.denominator;
  return j;
}
nlohmann::json CoverageJson(const web::Coverage& c) {
  return {{"unit", "regions"},    {"delivered", c.delivered},          {"expected", c.expected},
          {"missing", c.missing}, {"carried", CarriedJson(c.carried)}, {"sufficient", c.sufficient}};
}
nlohmann::json Optional(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
nlohmann::json OptionalReal(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
nlohmann::json TextOrNull(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json TargetJson(const web::TargetView& t) {
  return {{"id", t.id},
          {"indicator", t.indicator},
          {"measure", t.measure},
          {"breakdown", t.breakdown},
          {"scope", t.scope},
          {"label", t.label},
          {"comparison", t.comparison},
          {"value", t.value},
          {"unit", t.unit},
          {"baseline_date", TextOrNull(t.baseline_date)},
          {"baseline_value", OptionalReal(t.baseline_value)},
          {"deadline", t.deadline},
          {"current", PublishedJson(t.current)},
          {"figure_date", TextOrNull(t.figure_date)},
          {"status", TextOrNull(t.status)},
          {"source", t.source},
          {"note", t.note}};
}

nlohmann::json ReferencePointJson(const web::ReferencePoint& p) {
  return {{"source", p.source},
          {"series", p.series},
          {"definition", p.definition},
          {"unit", p.unit},
          {"region", p.region},
          {"period", TextOrNull(p.period)},
          {"date", TextOrNull(p.date)},
          {"value", p.value},
          {"low", OptionalReal(p.low)},
          {"high", OptionalReal(p.high)},
          {"note", p.note}};
}
}  // namespace

nlohmann::json OverviewToJson(const web::OverviewData& d) {
  nlohmann::json homeless = nlohmann::json::array();
  for (const auto& h : d.homeless) {
    homeless.push_back(
        {{"period", h.period},
         {"reference_date", h.reference_date},
         {"coverage", CoverageJson(h.coverage)},
         {"on_date", PublishedJson(h.on_date)},
         {"in_period", PublishedJson(h.in_period)},
         {"comparable", h.in_series ? nlohmann::json{{"on_date", PublishedJson(h.comparable_on_date)},
                                                     {"in_period", PublishedJson(h.comparable_in_period)}}
                                    : nlohmann::json(nullptr)}});
  }
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : d.funding_lines) {
    lines.push_back({{"code", l.code}, {"label", l.label}, {"gross", PublishedJson(l.gross)}});
  }
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : d.targets) targets.push_back(TargetJson(t));
  nlohmann::json series = nlohmann::json::array();
  for (const auto& p : d.reference_series) series.push_back(ReferencePointJson(p));
  return {{"period", d.period},
          {"definition", d.definition.active},
          {"periods", d.periods},
          {"targets", targets},
          {"reference_series", series},
          {"own_count_cbs_definition",
           {{"reference_date", d.own_count_cbs_definition_date},
            {"value", PublishedJson(d.own_count_cbs_definition)},
            {"note", "our count under the cbs definition preset; null until that preset exists"}}},
          {"coverage", CoverageJson(d.coverage)},
          {"min_regions", d.min_regions},
          {"comparable_series",
           {{"regions", d.comparable_regions},
            {"left_out", d.comparable_left_out},
            {"rule", "the regions that delivered P1 in every half-year with sufficient coverage"}}},
          {"homeless", homeless},
          {"housing",
           {{"realised", PublishedJson(d.places_realised)},
            {"coverage", CoverageJson(d.places_coverage)},
            {"target", d.places_target ? nlohmann::json(*d.places_target) : nlohmann::json(nullptr)},
            {"target_id", d.places_target ? nlohmann::json(d.places_target_id) : nlohmann::json(nullptr)},
            {"target_deadline", d.places_target ? nlohmann::json(d.places_target_deadline) : nlohmann::json(nullptr)},
            {"target_status",
             d.places_target_status.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.places_target_status)},
            {"funding_lines", lines}}},
          {"stays_over_90_share", PublishedJson(d.stays_over_90_share)},
          {"single_room_share", PublishedJson(d.single_room_share)},
          {"plans_adopted", PublishedJson(d.plans_adopted)},
          {"plans_reported", d.plans_reported},
          {"plans_unknown", d.regions_total - d.plans_reported},
          {"regions_delivered", PublishedJson(d.regions_delivered)},
          {"regions_total", d.regions_total},
          {"hidden",
           {{"counted", PublishedJson(d.hidden.counted)},
            {"regions_summed", d.hidden.regions_summed},
            {"counted_in_summed", d.hidden.counted_in_summed},
            {"n_hat", Optional(d.hidden.n_hat)},
            {"lower", Optional(d.hidden.lower)},
            {"upper", Optional(d.hidden.upper)},
            {"national",
             {{"regions_direct", d.hidden.regions_direct},
              {"regions_via_ratio", d.hidden.regions_via_ratio},
              {"not_estimated", d.hidden.not_estimated},
              {"counted", d.hidden.national_counted},
              {"n_hat", Optional(d.hidden.national_n_hat)},
              {"lower", Optional(d.hidden.national_lower)},
              {"upper", Optional(d.hidden.national_upper)}}},
            {"method", "/methode"}}}};
}

}  // namespace onderdak::api
