#include "onderdak/projection/from_data.h"

#include <algorithm>
#include <map>

#include "onderdak/indicators/spells.h"

namespace onderdak::projection {
namespace {

// Places planned or started (A2) on each unit's last delivered day; NL: the sum over the
// regions it covers (the same regions as its persons).
core::Result<std::map<std::string, double>> Pipelines(const indicators::Prepared& prepared,
                                                      const std::vector<indicators::SpellUnit>& units,
                                                      const std::string& definition) {
  std::map<core::Date, std::vector<const indicators::SpellUnit*>> by_last;
  for (const auto& u : units) {
    if (u.code != "NL") by_last[u.last].push_back(&u);
  }
  std::map<std::string, double> out;
  for (const auto& [last, list] : by_last) {
    indicators::Request r;
    r.period = core::Period::HalfYearOf(last);
    r.indicators = {"A2"};
    r.definition = definition;
    r.national = false;
    auto figures = indicators::Compute(prepared, r);
    if (!figures.ok()) return figures.status();
    for (const auto& f : *figures) {
      if (f.breakdown != "total" || (f.measure != "places_planned" && f.measure != "places_started")) continue;
      for (const auto* u : list) {
        if (u->code == f.region) out[u->code] += f.value;
      }
    }
  }
  for (const auto& u : units) {
    if (u.code != "NL") continue;
    double sum = 0;
    for (const auto& r : u.regions) {
      const auto it = out.find(r);
      if (it != out.end()) sum += it->second;
    }
    out["NL"] = sum;
  }
  return out;
}

core::Result<std::vector<indicators::SpellUnit>> AllSpells(const indicators::Prepared& prepared,
                                                           const std::string& definition) {
  indicators::SpellRequest sr;
  sr.definition = definition;
  return indicators::HomelessSpells(prepared, sr);
}

}  // namespace

bool ProjectionAnswer::Withheld(std::int64_t threshold) const {
  const auto it = std::find_if(unit.observed.begin(), unit.observed.end(),
                               [&](const Observed& o) { return o.date == unit.jump_off; });
  const std::int64_t n = it == unit.observed.end() ? 0 : it->persons;
  return n > 0 && n < threshold;
}

core::Result<FittedData> FitAllFromData(const indicators::Prepared& prepared, const std::string& definition,
                                        int replicates, std::uint64_t seed) {
  ProjectionOptions o;
  o.replicates = replicates;
  o.seed = seed;
  ONDERDAK_RETURN_IF_ERROR(Validate(o));
  auto units = AllSpells(prepared, definition);
  if (!units.ok()) return units.status();
  FittedData out;
  out.definition = definition;
  ONDERDAK_ASSIGN_OR_RETURN(out.pipelines, Pipelines(prepared, *units, definition));
  ONDERDAK_ASSIGN_OR_RETURN(out.units, FitUnits(*units, o));
  return out;
}

core::Result<ProjectionAnswer> ProjectFromFitted(const FittedData& fitted, const std::string& unit,
                                                 const ProjectionOptions& options) {
  ONDERDAK_RETURN_IF_ERROR(Validate(options));
  for (const auto& u : fitted.units) {
    if (u.code != unit) continue;
    ProjectionOptions o = options;
    o.pipelines = fitted.pipelines;
    const auto it = fitted.pipelines.find(unit);
    return ProjectionAnswer{.definition = fitted.definition,
                            .unit = ProjectFitted(u, o),
                            .pipeline = it == fitted.pipelines.end() ? 0.0 : it->second};
  }
  return core::Status::NotFound("region " + unit + ": no person-level deliveries");
}

core::Result<std::vector<ProjectionAnswer>> ProjectAllFromData(const indicators::Prepared& prepared,
                                                               const ProjectionQuery& query) {
  ONDERDAK_RETURN_IF_ERROR(Validate(query.options));
  auto units = AllSpells(prepared, query.definition);
  if (!units.ok()) return units.status();
  auto pipelines = Pipelines(prepared, *units, query.definition);
  if (!pipelines.ok()) return pipelines.status();
  ProjectionOptions o = query.options;
  o.pipelines = *pipelines;
  auto projected = ProjectUnits(*units, o);
  if (!projected.ok()) return projected.status();
  std::vector<ProjectionAnswer> out;
  for (auto& u : *projected) {
    const auto it = pipelines->find(u.code);
    const double pipeline = it == pipelines->end() ? 0.0 : it->second;
    out.push_back({.definition = query.definition, .unit = std::move(u), .pipeline = pipeline});
  }
  return out;
}

core::Result<ProjectionAnswer> ProjectFromData(const indicators::Prepared& prepared, const ProjectionQuery& query) {
  ProjectionQuery q = query;
  q.options.only = {query.unit};
  auto all = ProjectAllFromData(prepared, q);
  if (!all.ok()) return all.status();
  if (all->empty()) return core::Status::NotFound("region " + query.unit + ": no person-level deliveries");
  return std::move(all->front());
}

core::Result<std::vector<BacktestRow>> BacktestFromData(const indicators::Prepared& prepared,
                                                        const ProjectionQuery& query, int holdout) {
  auto units = AllSpells(prepared, query.definition);
  if (!units.ok()) return units.status();
  return Backtest(*units, holdout, query.options);
}

}  // namespace onderdak::projection
