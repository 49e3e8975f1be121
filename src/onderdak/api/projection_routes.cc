#include "onderdak/api/projection_routes.h"

#include "onderdak/api/projection_json.h"
#include "onderdak/api/query_params.h"
#include "onderdak/indicators/disclosure.h"
#include "onderdak/web/projection_page.h"

namespace onderdak::api {
namespace {

std::string Param(const QueryParams& params, const std::string& name) {
  const auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// A whole number from `lo` to `hi` (at most 7 digits, no sign); `fallback` when absent.
core::Result<int> WholeParam(const QueryParams& params, const std::string& name, int lo, int hi, int fallback) {
  const std::string text = Param(params, name);
  if (text.empty()) return fallback;
  if (text.size() > 7 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return core::Status::InvalidInput("parameter '" + name + "': '" + text.substr(0, 16) + "' is not a whole number");
  }
  const int v = std::stoi(text);
  if (v < lo || v > hi) {
    return core::Status::InvalidInput("parameter '" + name + "': must be from " + std::to_string(lo) + " to " +
                                      std::to_string(hi));
  }
  return v;
}

struct Scenario {
  std::string unit, definition;
  projection::ProjectionOptions options;
  int prevention = 0, extra = 0, wonen_eerst = 0, fewer_returns = 0;
};

// The parameters by their names (the page's Dutch ones or the API's English ones).
core::Result<Scenario> ParseParams(const QueryParams& params, bool page) {
  Scenario s;
  s.unit = Param(params, page ? "regio" : "region");
  if (s.unit.empty()) s.unit = "NL";
  if (s.unit.size() > 16) return core::Status::InvalidInput("parameter 'region': not a region code");
  s.definition = Param(params, "definition");
  if (s.definition.empty()) s.definition = std::string(indicators::kDefaultDefinition);
  if (auto d = indicators::FindDefinition(s.definition); !d.ok())
    return d.status().WithContext("parameter 'definition'");
  ONDERDAK_ASSIGN_OR_RETURN(s.prevention, WholeParam(params, page ? "preventie" : "prevention", 0, 90, 0));
  ONDERDAK_ASSIGN_OR_RETURN(s.extra, WholeParam(params, "extra", 0, 100000, 0));
  ONDERDAK_ASSIGN_OR_RETURN(const int pipeline, WholeParam(params, page ? "pijplijn" : "pipeline", 0, 1, 0));
  ONDERDAK_ASSIGN_OR_RETURN(s.wonen_eerst, WholeParam(params, "wonen_eerst", 0, 100, 0));
  ONDERDAK_ASSIGN_OR_RETURN(s.fewer_returns, WholeParam(params, page ? "terugval" : "fewer_returns", 0, 100, 0));
  ONDERDAK_ASSIGN_OR_RETURN(s.options.to_year, WholeParam(params, "to", 2024, projection::kSearchUntilYear, 2030));
  s.options.scenario.prevention = s.prevention / 100.0;
  s.options.scenario.extra_per_half_year = s.extra;
  s.options.scenario.wonen_eerst = s.wonen_eerst / 100.0;
  s.options.scenario.fewer_returns = s.fewer_returns / 100.0;
  s.options.use_pipeline = pipeline == 1;
  return s;
}

core::Result<projection::ProjectionAnswer> Answer(PageSources& src, ProjectionCache& cache, const Scenario& s) {
  ONDERDAK_ASSIGN_OR_RETURN(auto fitted, cache.Get(src, s.definition));
  return projection::ProjectFromFitted(*fitted, s.unit, s.options);
}

bool Withheld(const projection::ProjectionAnswer& a) { return a.Withheld(indicators::DisclosureOptions{}.threshold); }

}  // namespace

core::Result<std::shared_ptr<const projection::FittedData>> ProjectionCache::Get(PageSources& src,
                                                                                 const std::string& definition) {
  ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, src.figures.Data(src.store));
  {
    std::lock_guard lock(mu_);
    if (snapshot.fingerprint != fingerprint_) {
      by_definition_.clear();
      fingerprint_ = snapshot.fingerprint;
    }
    const auto it = by_definition_.find(definition);
    if (it != by_definition_.end()) return it->second;
  }
  if (!snapshot.data->prepared) return core::Status::NotFound("no deliveries are imported");
  // Fitted outside the lock: two first requests may both fit; the results are equal.
  ONDERDAK_ASSIGN_OR_RETURN(
      auto fitted, projection::FitAllFromData(*snapshot.data->prepared, definition, kPublicReplicates, kPublicSeed));
  auto shared = std::make_shared<const projection::FittedData>(std::move(fitted));
  std::lock_guard lock(mu_);
  if (snapshot.fingerprint == fingerprint_) by_definition_[definition] = shared;
  return shared;
}

core::Result<nlohmann::json> ProjectionApi(PageSources& src, ProjectionCache& cache, const QueryParams& params) {
  ONDERDAK_RETURN_IF_ERROR(OnlyParameters(
      params, {"region", "to", "prevention", "extra", "pipeline", "wonen_eerst", "fewer_returns", "definition"}));
  ONDERDAK_ASSIGN_OR_RETURN(auto s, ParseParams(params, false));
  ONDERDAK_ASSIGN_OR_RETURN(auto a, Answer(src, cache, s));
  auto doc = ProjectionJson(a, Withheld(a));
  doc["replicates"] = kPublicReplicates;
  doc["seed"] = kPublicSeed;
  return doc;
}

core::Result<std::string> ProjectionPage(PageSources& src, ProjectionCache& cache, const QueryParams& params,
                                         web::Lang lang) {
  ONDERDAK_RETURN_IF_ERROR(OnlyParameters(
      params, {"regio", "preventie", "extra", "pijplijn", "wonen_eerst", "terugval", "definition", "lang"}));
  ONDERDAK_ASSIGN_OR_RETURN(auto s, ParseParams(params, true));
  auto snapshot = src.figures.Data(src.store);
  if (!snapshot.ok()) return snapshot.status();
  if (snapshot->data->dataset.deliveries.empty()) return web::RenderNoDataPage(lang, "proj.title");
  ONDERDAK_ASSIGN_OR_RETURN(auto fitted, cache.Get(src, s.definition));
  ONDERDAK_ASSIGN_OR_RETURN(auto a, projection::ProjectFromFitted(*fitted, s.unit, s.options));
  const auto& u = a.unit;
  web::ProjectionView v;
  v.unit = u.code;
  v.units.emplace_back("NL", lang == web::Lang::kEn ? "The Netherlands" : "Nederland");
  v.unit_name = v.units.front().second;
  auto ref = src.reference.InForce(src.store, core::Date::TodayUtc());
  for (const auto& f : fitted->units) {
    if (f.code == "NL") continue;
    std::string name = f.code;
    if (ref.ok()) {
      for (const auto& r : ref->set->regions()) {
        if (r.code == f.code) name = r.name + " (" + f.code + ")";
      }
    }
    if (f.code == u.code) v.unit_name = name;
    v.units.emplace_back(f.code, name);
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto def, indicators::FindDefinition(s.definition));
  v.definition_label = std::string(lang == web::Lang::kEn ? def->label_en : def->label_nl);
  v.jump_off = u.jump_off.ToString();
  v.regions = u.regions.size();
  v.left_out = u.left_out;
  v.withheld = Withheld(a);
  for (const auto& o : u.observed) v.observed.emplace_back(o.date.ToString(), o.persons);
  for (const auto& b : u.path) {
    v.path.push_back({.date = b.date.ToString(),
                      .expected = b.expected,
                      .p05 = b.p05,
                      .p25 = b.p25,
                      .p50 = b.p50,
                      .p75 = b.p75,
                      .p95 = b.p95});
  }
  v.current_pace = u.pace.current_per_half_year;
  v.needed_zero = u.pace.needed_zero;
  v.needed_functional_zero = u.pace.needed_functional_zero;
  v.functional_zero = u.pace.functional_zero_threshold;
  v.zero_reached = u.pace.zero_reached ? u.pace.zero_reached->ToString() : "";
  v.functional_zero_reached = u.pace.functional_zero_reached ? u.pace.functional_zero_reached->ToString() : "";
  v.search_until = projection::kSearchUntilYear;
  v.to_year = s.options.to_year;
  v.prevention = s.prevention;
  v.extra = s.extra;
  v.wonen_eerst = s.wonen_eerst;
  v.fewer_returns = s.fewer_returns;
  v.pipeline = s.options.use_pipeline;
  v.pipeline_places = a.pipeline;
  v.replicates = kPublicReplicates;
  return web::RenderProjectionPage(v, lang);
}

}  // namespace onderdak::api
