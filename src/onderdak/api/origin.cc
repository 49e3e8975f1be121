#include "onderdak/api/origin.h"

#include <algorithm>
#include <map>

#include "onderdak/api/overview_model.h"
#include "onderdak/api/queries.h"
#include "onderdak/indicators/coverage.h"
#include "onderdak/indicators/origin.h"
#include "onderdak/web/origin_page.h"

namespace onderdak::api {
namespace {

constexpr std::string_view kOriginRegion = "origin_region=";

bool IsP13(const indicators::Figure& f, std::string_view measure) {
  return f.indicator == "P13" && f.measure == measure;
}

// A figure's value as the JSON of /api/v1/origin: the number, or null with why.
nlohmann::json ValueJson(const indicators::Figure* f) {
  if (f == nullptr) return {{"value", nullptr}, {"disclosure", "none"}};
  if (f->suppressed) return {{"value", nullptr}, {"disclosure", "suppressed"}};
  return {{"value", f->value}, {"disclosure", "none"}};
}

// What a region (or NL) shows in the summary: persons by class, referred back, median stay.
struct Row {
  const indicators::Figure *persons = nullptr, *own = nullptr, *other = nullptr, *unknown = nullptr,
                           *referred_back = nullptr, *ended_other = nullptr, *ongoing_other = nullptr;
};

Row RowOf(const FigureIndex& index, const std::string& region) {
  auto f = [&](std::string_view measure, std::string_view breakdown) {
    return index.Find("P13", measure, region, breakdown);
  };
  return {f("persons", "total"),
          f("persons", "origin=own_region"),
          f("persons", "origin=other_region"),
          f("persons", "origin=unknown"),
          f("referred_back", "total"),
          f("ended.median_days", "origin=other_region"),
          f("ongoing.median_days", "origin=other_region")};
}

nlohmann::json RowJson(const Row& r) {
  return {{"persons", ValueJson(r.persons)},
          {"own_region", ValueJson(r.own)},
          {"other_region", ValueJson(r.other)},
          {"unknown", ValueJson(r.unknown)},
          {"referred_back", ValueJson(r.referred_back)},
          {"other_region_ended_median_days", ValueJson(r.ended_other)},
          {"other_region_ongoing_median_days", ValueJson(r.ongoing_other)}};
}

std::string RegionName(const domain::ReferenceSet& set, const std::string& code) {
  const auto* r = set.FindRegion(code);
  return r == nullptr ? code : r->name;
}

// The shelter regions with P13 figures (those that delivered), by name.
std::vector<std::string> ShelterRegions(const std::vector<indicators::Figure>& figures,
                                        const domain::ReferenceSet& set) {
  std::vector<std::string> out;
  for (const auto& f : figures) {
    if (IsP13(f, "persons") && f.breakdown == "total" && f.region != "NL") out.push_back(f.region);
  }
  std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
    return std::pair(RegionName(set, a), a) < std::pair(RegionName(set, b), b);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The origin regions of any matrix cell, by name, "unknown" last.
std::vector<std::string> OriginRegions(const std::vector<indicators::Figure>& figures,
                                       const domain::ReferenceSet& set) {
  std::vector<std::string> out;
  for (const auto& f : figures) {
    if (IsP13(f, "persons") && f.breakdown.starts_with(kOriginRegion)) {
      out.push_back(f.breakdown.substr(kOriginRegion.size()));
    }
  }
  std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
    return std::tuple(a == "unknown", RegionName(set, a), a) < std::tuple(b == "unknown", RegionName(set, b), b);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

web::Cell CellOf(const indicators::Figure* f, web::Cell::State absent) {
  if (f == nullptr) return {absent, 0};
  if (f->region == "NL" && f->completeness.unit == "regions" && !indicators::SufficientCoverage(f->completeness))
    return {web::Cell::State::kInsufficient, 0};
  if (f->suppressed) return {web::Cell::State::kSuppressed, 0};
  return {web::Cell::State::kValue, f->value};
}

web::OriginPageData::Summary SummaryOf(const Row& r, std::string code, std::string name) {
  using S = web::Cell::State;
  // A region that delivered has every count (0 when nobody); a median needs stays.
  return {std::move(code),
          std::move(name),
          CellOf(r.persons, S::kMissing),
          CellOf(r.own, S::kValue),
          CellOf(r.other, S::kValue),
          CellOf(r.unknown, S::kValue),
          CellOf(r.referred_back, S::kValue),
          CellOf(r.ended_other, S::kNotApplicable)};
}

}  // namespace

core::Status AddOriginMapping(ReferenceCache& reference, store::Store& store, indicators::Request& request) {
  auto ref = reference.InForce(store, request.period.last());
  if (!ref.ok()) return ref.status().code() == core::Code::kNotFound ? core::Status::Ok() : ref.status();
  request.municipality_regions = indicators::MunicipalityRegions(*ref->set);
  return core::Status::Ok();
}

core::Result<OriginAnswer> OriginFigures(PageSources& src, const core::Period& period, const std::string& definition) {
  OriginAnswer a;
  a.period = period.ToString();
  a.definition = definition;
  a.mapping_date = period.last();
  auto ref = src.reference.InForce(src.store, a.mapping_date);
  if (!ref.ok()) return ref.status().WithContext("the municipality -> region mapping of " + a.period);
  a.mapping = std::move(*ref);
  ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, src.figures.Data(src.store));
  if (!snapshot.data->prepared) return core::Status::NotFound("no deliveries imported yet");
  indicators::Request r;
  r.period = period;
  r.definition = definition;
  r.indicators = {"P13"};
  for (const auto& region : a.mapping.set->regions()) r.expected_regions.push_back(region.code);
  r.municipality_regions = indicators::MunicipalityRegions(*a.mapping.set);
  ONDERDAK_ASSIGN_OR_RETURN(auto answer, src.figures.Get(src.store, r,
                                                         "origin|" + definition + "|" + a.period + "|r" +
                                                             std::to_string(a.mapping.version.id)));
  a.etag = std::move(answer.etag);
  a.figures = std::move(answer.figures);
  return a;
}

nlohmann::json OriginToJson(const OriginAnswer& a) {
  const auto& set = *a.mapping.set;
  const FigureIndex index(*a.figures);
  nlohmann::json regions = nlohmann::json::array(), matrix = nlohmann::json::array(), origins = nlohmann::json::array();
  const auto shelters = ShelterRegions(*a.figures, set);
  for (const auto& code : shelters) {
    nlohmann::json row = RowJson(RowOf(index, code));
    row["region"] = code;
    row["name"] = RegionName(set, code);
    regions.push_back(std::move(row));
  }
  for (const auto& f : *a.figures) {
    if (!IsP13(f, "persons") || !f.breakdown.starts_with(kOriginRegion) || f.region == "NL") continue;
    nlohmann::json cell = ValueJson(&f);
    cell["origin"] = f.breakdown.substr(kOriginRegion.size());
    cell["shelter"] = f.region;
    matrix.push_back(std::move(cell));
  }
  for (const auto& code : OriginRegions(*a.figures, set)) {
    nlohmann::json o = ValueJson(index.Find("P13", "persons", "NL", std::string(kOriginRegion) + code));
    o["origin"] = code;
    o["name"] = code == "unknown" ? nlohmann::json(nullptr) : nlohmann::json(RegionName(set, code));
    origins.push_back(std::move(o));
  }
  nlohmann::json national = RowJson(RowOf(index, "NL"));
  if (const auto* nl = index.Find("P13", "persons", "NL")) {
    national["coverage"] = {{"delivered", nl->completeness.delivered},
                            {"expected", nl->completeness.expected},
                            {"missing", nl->completeness.missing}};
    national["note"] = nl->note;
  }
  return {{"indicator", "P13"},
          {"period", a.period},
          {"definition", a.definition},
          {"mapping",
           {{"date", a.mapping_date.ToString()},
            {"reference_version", a.mapping.version.id},
            {"valid_from", a.mapping.version.valid_from.ToString()},
            {"approximate", a.mapping.version.approximate}}},
          {"disclosure", "suppressed below 5, with secondary suppression"},
          {"regions", std::move(regions)},
          {"matrix", std::move(matrix)},
          {"origins", std::move(origins)},
          {"national", std::move(national)}};
}

core::Result<std::string> OriginPage(PageSources& src, const QueryParams& params, web::Lang lang) {
  ONDERDAK_ASSIGN_OR_RETURN(auto current, ListCurrentDeliveries(src.store));
  web::OriginPageData d;
  d.periods = HalfYears(SummarisePeriods(current.deliveries));
  if (d.periods.empty()) return web::RenderNoDataPage(lang, "origin.title");
  auto param = [&](const char* name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  };
  core::Period period = core::Period::Year(2021);
  if (param("period").empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(period, core::Period::Parse(d.periods.back()));
  } else {
    auto p = core::Period::Parse(param("period"));
    if (!p.ok()) return p.status().WithContext("parameter 'period'");
    period = *p;
  }
  const std::string definition =
      param("definition").empty() ? std::string(indicators::kDefaultDefinition) : param("definition");
  auto choices = DefinitionChoices(definition);
  if (!choices.ok()) return choices.status().WithContext("parameter 'definition'");
  d.definition = std::move(*choices);
  ONDERDAK_ASSIGN_OR_RETURN(auto a, OriginFigures(src, period, definition));
  const auto& set = *a.mapping.set;
  d.period = a.period;
  d.mapping_date = a.mapping_date.ToString();
  d.approximate = a.mapping.version.approximate;
  const FigureIndex index(*a.figures);
  for (const auto& code : ShelterRegions(*a.figures, set)) {
    d.shelters.push_back({code, RegionName(set, code)});
    d.summary.push_back(SummaryOf(RowOf(index, code), code, RegionName(set, code)));
  }
  d.national = SummaryOf(RowOf(index, "NL"), "NL", "");
  for (const auto& code : OriginRegions(*a.figures, set)) {
    d.origins.push_back({code, code == "unknown" ? std::string() : RegionName(set, code)});
    std::vector<web::Cell> row;
    const std::string breakdown = std::string(kOriginRegion) + code;
    // A shelter region that delivered and has nobody from this origin: 0.
    for (const auto& s : d.shelters)
      row.push_back(CellOf(index.Find("P13", "persons", s.code, breakdown), web::Cell::State::kValue));
    d.matrix.push_back(std::move(row));
    d.origin_totals.push_back(CellOf(index.Find("P13", "persons", "NL", breakdown), web::Cell::State::kValue));
  }
  return web::RenderOriginPage(d, lang);
}

}  // namespace onderdak::api
