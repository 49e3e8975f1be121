#include "onderdak/api/pages.h"

#include <algorithm>
#include <cmath>

#include "onderdak/api/overview_model.h"
#include "onderdak/api/queries.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/domain/population.h"
#include "onderdak/indicators/coverage.h"
#include "onderdak/indicators/disclosure.h"
#include "onderdak/indicators/targets.h"
#include "onderdak/web/dashboard.h"
#include "onderdak/web/tile_grid.h"

namespace onderdak::api {
namespace {

// What every dashboard page starts from: the reference set in force today and the
// half-years with deliveries.
struct Basis {
  ReferenceInForce reference;
  CurrentDeliveries current;
  std::vector<std::string> periods;  // half-years, in time order
};

core::Result<Basis> LoadBasis(PageSources& src) {
  Basis b;
  ONDERDAK_ASSIGN_OR_RETURN(b.reference, src.reference.InForce(src.store, core::Date::TodayUtc()));
  ONDERDAK_ASSIGN_OR_RETURN(b.current, ListCurrentDeliveries(src.store));
  b.periods = HalfYears(SummarisePeriods(b.current.deliveries));
  return b;
}

std::string Param(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// ?period= (default: the latest half-year with deliveries).
core::Result<std::string> PeriodParam(const QueryParams& params, const Basis& b) {
  const std::string text = Param(params, "period");
  if (text.empty()) return b.periods.back();
  auto p = core::Period::Parse(text);
  if (!p.ok()) return p.status().WithContext("parameter 'period'");
  return p->ToString();
}

// ?definition= (default: the monitor's) as the pages offer it.
core::Result<web::DefinitionView> DefinitionOf(const QueryParams& params) {
  const std::string name = Param(params, "definition");
  auto v = DefinitionChoices(name.empty() ? std::string(indicators::kDefaultDefinition) : name);
  if (!v.ok()) return v.status().WithContext("parameter 'definition'");
  return v;
}

core::Result<std::size_t> MeasureIndex(const std::string& key) {
  const auto all = web::HeadlineMeasures();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (web::MeasureKey(all[i]) == key) return i;
  }
  return core::Status::InvalidInput("parameter 'measure': '" + key + "' is not one of the dashboard's measures");
}

// Every indicator for every region and NL in one period: one cached query per period,
// shared by the three pages.
core::Result<std::shared_ptr<const std::vector<indicators::Figure>>> AllFigures(
    PageSources& src, const Basis& b, const std::string& period,
    const std::string& definition = std::string(indicators::kDefaultDefinition)) {
  indicators::Request r;
  ONDERDAK_ASSIGN_OR_RETURN(r.period, core::Period::Parse(period));
  r.definition = definition;
  for (const auto& region : b.reference.set->regions()) r.expected_regions.push_back(region.code);
  ONDERDAK_ASSIGN_OR_RETURN(auto answer, src.figures.Get(src.store, r, "pages|" + definition + "|" + period));
  return answer.figures;
}

web::Cell CellOf(const FigureIndex& index, const web::HeadlineMeasure& m, const std::string& region,
                 std::string_view breakdown = "total") {
  const bool national = region == "NL";
  if (national && m.national_measure.empty()) return {};
  const auto* f = index.Find(m.indicator, national ? m.national_measure : m.measure, region, breakdown);
  if (f == nullptr) return {};
  // A national value below the coverage threshold is no number; a region's value for a
  // period it delivered nothing for (a cumulative figure carried from earlier) neither.
  if (national && m.indicator != "A7" && f->completeness.unit == "regions" &&
      !indicators::SufficientCoverage(f->completeness))
    return {web::Cell::State::kInsufficient, 0};
  if (!national && f->completeness.Status() == "missing") return {web::Cell::State::kMissing, 0};
  if (f->suppressed) return {web::Cell::State::kSuppressed, 0};
  return {web::Cell::State::kValue, f->value};
}

// The region's estimate on `date`, by the public rules of /api/v1/estimates (estimates.h):
// suppressed below the disclosure threshold, a number only when reliable.
core::Result<web::RegionPageData::Hidden> HiddenOn(PageSources& src, const std::string& region,
                                                   const std::string& period, core::Date date) {
  ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, src.figures.Data(src.store));
  EstimateWindow window;
  window.from = window.to = date;
  ONDERDAK_ASSIGN_OR_RETURN(auto national, src.estimates.Get(snapshot, {region}, window, stats::Criterion::kBic));
  web::RegionPageData::Hidden h{period, date.ToString(), "unavailable", {}, {}, {}, {}, {}};
  if (national->regions.empty()) return h;
  const auto& r = national->regions.front();
  const auto threshold = indicators::DisclosureOptions{}.threshold;
  if (r.table && r.counted < threshold) {
    h.status = "suppressed";
    return h;
  }
  if (r.table) h.counted = r.counted;
  if (!r.reliable()) h.reason = std::string(estimation::NoEstimateCode(r.reason()));  // issue 22: say why
  if (!r.estimated()) return h;
  h.status = r.reliable() ? "reliable" : "too_uncertain";
  if (r.reliable()) h.n_hat = std::llround(r.choice->best().n_hat);
  h.lower = std::llround(r.interval->lower);
  if (!r.interval->upper_open) h.upper = std::llround(r.interval->upper);
  return h;
}

// The region's imported reference series (ADR 0024), each beside our P1 persons_in_period
// for the point's period under `definition`: a year or half-year with deliveries of any
// region (else, and for a dated point, not applicable).
core::Result<std::vector<web::RegionPageData::SeriesRow>> SeriesOf(PageSources& src, const Basis& b,
                                                                   const std::string& region,
                                                                   const std::string& definition) {
  std::vector<web::RegionPageData::SeriesRow> rows;
  ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, src.figures.Data(src.store));
  for (const auto& p : snapshot.data->series) {
    if (p.region != region) continue;
    web::RegionPageData::SeriesRow row{.point = ReferencePointOf(p)};
    auto period = core::Period::Parse(p.period);
    const bool delivered = period.ok() && std::any_of(b.periods.begin(), b.periods.end(), [&](const std::string& h) {
                             auto half = core::Period::Parse(h);
                             return half.ok() && half->first() >= period->first() && half->last() <= period->last();
                           });
    if (!p.date && delivered) {
      indicators::Request r;
      r.period = *period;
      r.definition = definition;
      r.indicators = {"P1"};
      r.only_regions = {region};
      for (const auto& rr : b.reference.set->regions()) r.expected_regions.push_back(rr.code);
      ONDERDAK_ASSIGN_OR_RETURN(
          auto answer, src.figures.Get(src.store, r, "region-series|" + definition + "|" + p.period + "|" + region));
      static constexpr web::HeadlineMeasure kPersonsInPeriod{.indicator = "P1",
                                                             .measure = "persons_in_period",
                                                             .national_measure = "persons_in_period",
                                                             .unit = "persons",
                                                             .label_key = ""};
      row.own = CellOf(FigureIndex(*answer.figures), kPersonsInPeriod, region);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The newest imported boundary file's description for the map, when there is one.
core::Result<std::optional<web::MapData::Boundaries>> MapBoundaries(PageSources& src, const std::string& period) {
  ONDERDAK_ASSIGN_OR_RETURN(auto versions, src.store.Geo().ListBoundaries());
  if (versions.empty()) return std::optional<web::MapData::Boundaries>();
  ONDERDAK_ASSIGN_OR_RETURN(auto p, core::Period::Parse(period));
  const auto& v = versions.back();
  return std::optional<web::MapData::Boundaries>(
      web::MapData::Boundaries{v.sha256, v.format, v.crs, v.object_name, v.code_property, p.first().ToString()});
}

}  // namespace

core::Result<std::optional<web::MapData>> MapDataFor(PageSources& src, const QueryParams& params) {
  ONDERDAK_ASSIGN_OR_RETURN(auto b, LoadBasis(src));
  if (b.periods.empty()) return std::optional<web::MapData>();
  web::MapData d;
  d.periods = b.periods;
  ONDERDAK_ASSIGN_OR_RETURN(d.definition, DefinitionOf(params));
  ONDERDAK_ASSIGN_OR_RETURN(d.period, PeriodParam(params, b));
  const std::string key = Param(params, "measure");
  if (!key.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(d.measure, MeasureIndex(key));
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto figures, AllFigures(src, b, d.period, d.definition.active));
  const FigureIndex index(*figures);
  const auto& m = web::HeadlineMeasures()[d.measure];
  const auto& regions = b.reference.set->regions();
  std::vector<web::TilePoint> points;
  for (const auto& r : regions) points.push_back({r.code, r.lon, r.lat});
  const auto tiles = web::LayoutTileGrid(points);
  for (std::size_t i = 0; i < regions.size(); ++i) {
    d.regions.push_back(
        {regions[i].code, regions[i].name, tiles[i].col, tiles[i].row, CellOf(index, m, regions[i].code)});
  }
  d.national = CellOf(index, m, "NL");
  ONDERDAK_ASSIGN_OR_RETURN(d.boundaries, MapBoundaries(src, d.period));
  const std::string scale = Param(params, "scale");
  if (!scale.empty() && scale != "rate" && scale != "count") {
    return core::Status::InvalidInput("parameter 'scale': '" + scale + "' is not rate or count");
  }
  d.counts_chosen = scale == "count";
  ONDERDAK_ASSIGN_OR_RETURN(auto counts, src.store.Policy().CurrentPopulation());
  ONDERDAK_ASSIGN_OR_RETURN(auto period, core::Period::Parse(d.period));
  if (auto population = domain::PopulationForPeriod(counts, *b.reference.set, period)) {
    ONDERDAK_ASSIGN_OR_RETURN(auto versions, src.store.Policy().ListPopulationVersions());
    const std::string date = population->date.ToString();
    std::string file;
    for (const auto& v : versions) {
      if (v.source == date) file = v.file;  // the newest of the date is in force
    }
    d.population = web::MapData::Population{.date = date, .file = file, .regions = std::move(population->regions)};
  }
  return std::optional<web::MapData>(std::move(d));
}

core::Result<std::string> MapPage(PageSources& src, const QueryParams& params, web::Lang lang) {
  ONDERDAK_ASSIGN_OR_RETURN(auto d, MapDataFor(src, params));
  if (!d) return web::RenderNoDataPage(lang, "map.title");
  return web::RenderMapPage(*d, lang);
}

core::Result<web::RegionPageData> RegionData(PageSources& src, const std::string& code, web::Lang lang,
                                             const std::string& definition, const RegionDataOptions& options) {
  auto choices = DefinitionChoices(definition);
  if (!choices.ok()) return choices.status().WithContext("parameter 'definition'");
  ONDERDAK_ASSIGN_OR_RETURN(auto b, LoadBasis(src));
  const auto* region = b.reference.set->FindRegion(code);
  if (region == nullptr) return core::Status::NotFound("'" + code + "' is not a region (centrumgemeente code)");
  web::RegionPageData d;
  d.code = region->code;
  d.name = region->name;
  d.approximate = b.reference.version.approximate;
  d.definition = std::move(*choices);
  for (const auto* m : region->members) d.members.push_back(m->name);
  if (options.years) {
    std::erase_if(b.periods, [&](const std::string& p) {
      const int year = std::stoi(p.substr(0, 4));
      return year < options.years->first || year > options.years->second;
    });
  }
  d.periods = b.periods;
  const auto all = web::HeadlineMeasures();
  d.rows.resize(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) d.rows[i].measure = i;
  for (const auto& period : b.periods) {
    ONDERDAK_ASSIGN_OR_RETURN(auto figures, AllFigures(src, b, period, d.definition.active));
    const FigureIndex index(*figures);
    for (std::size_t i = 0; i < all.size(); ++i) {
      d.rows[i].region.push_back(CellOf(index, all[i], region->code));
      d.rows[i].national.push_back(CellOf(index, all[i], "NL"));
    }
    // A2 per funding line in the last half-year (the report's housing chapter).
    const auto* lines = domain::FindCodeList("funding_line");
    if (options.funding_lines && period == b.periods.back() && lines != nullptr) {
      static constexpr web::HeadlineMeasure kLine{.indicator = "A2",
                                                  .measure = "lines_gross_places_realised",
                                                  .national_measure = "lines_gross_places_realised",
                                                  .unit = "places",
                                                  .label_key = ""};
      for (const auto& c : lines->codes) {
        d.funding_lines.push_back({.code = std::string(c.code),
                                   .label = std::string(lang == web::Lang::kEn ? c.en : c.nl),
                                   .gross = CellOf(index, kLine, region->code, "funding_line=" + std::string(c.code))});
      }
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto p, core::Period::Parse(period));
    const auto report = BuildCompleteness(p, *b.reference.set, b.current.deliveries, *figures);
    for (const auto& rc : report.regions) {
      if (rc.code != region->code) continue;
      web::RegionPageData::Completeness c{period, rc.status, rc.delivered, rc.expected, {}};
      for (const auto& o : rc.organisations) {
        if (!o.delivered) c.missing.push_back(o.name.empty() ? o.code : o.name);
      }
      d.completeness.push_back(std::move(c));
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto hidden, HiddenOn(src, region->code, period, p.first()));
    d.hidden.push_back(std::move(hidden));
  }
  ONDERDAK_ASSIGN_OR_RETURN(d.series, SeriesOf(src, b, region->code, d.definition.active));
  // The national targets in force at the latest period's end (or `targets_on`), for the summary.
  if (!b.periods.empty()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, src.figures.Data(src.store));
    ONDERDAK_ASSIGN_OR_RETURN(auto last, core::Period::Parse(b.periods.back()));
    const core::Date on = options.targets_on.value_or(last.last());
    for (const auto& m : all) {
      const auto* t = indicators::TargetInForce(snapshot.data->targets, m.indicator, m.measure, "total", "NL", on);
      if (t == nullptr) continue;
      d.targets.push_back(TargetViewOf(*t, lang));
    }
  }
  return d;
}

core::Result<std::string> RegionPage(PageSources& src, const std::string& code, web::Lang lang,
                                     const std::string& definition) {
  ONDERDAK_ASSIGN_OR_RETURN(auto d, RegionData(src, code, lang, definition));
  return web::RenderRegionPage(d, lang);
}

core::Result<std::optional<web::CompareData>> CompareDataFor(PageSources& src, const QueryParams& params) {
  ONDERDAK_ASSIGN_OR_RETURN(auto b, LoadBasis(src));
  if (b.periods.empty()) return std::optional<web::CompareData>();
  web::CompareData d;
  d.periods = b.periods;
  ONDERDAK_ASSIGN_OR_RETURN(d.definition, DefinitionOf(params));
  ONDERDAK_ASSIGN_OR_RETURN(d.period, PeriodParam(params, b));
  for (auto [it, end] = params.equal_range("measure"); it != end; ++it) {
    ONDERDAK_ASSIGN_OR_RETURN(auto i, MeasureIndex(it->second));
    if (std::find(d.measures.begin(), d.measures.end(), i) == d.measures.end()) d.measures.push_back(i);
  }
  if (d.measures.empty()) {
    for (const auto* key : {"P1.persons_on_date", "P5.ended.over_90_days_share", "P6.to_housing_share",
                            "A2.places_realised", "A7.organisations_delivered"}) {
      ONDERDAK_ASSIGN_OR_RETURN(auto i, MeasureIndex(key));
      d.measures.push_back(i);
    }
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto figures, AllFigures(src, b, d.period, d.definition.active));
  const FigureIndex index(*figures);
  const auto all = web::HeadlineMeasures();
  for (const auto& r : b.reference.set->regions()) {
    web::CompareData::Region row{r.code, r.name, {}};
    for (auto i : d.measures) row.cells.push_back(CellOf(index, all[i], r.code));
    d.regions.push_back(std::move(row));
  }
  for (auto i : d.measures) d.national.push_back(CellOf(index, all[i], "NL"));
  return std::optional<web::CompareData>(std::move(d));
}

core::Result<std::string> ComparePage(PageSources& src, const QueryParams& params, web::Lang lang) {
  ONDERDAK_ASSIGN_OR_RETURN(auto d, CompareDataFor(src, params));
  if (!d) return web::RenderNoDataPage(lang, "compare.title");
  return web::RenderComparePage(*d, lang);
}

}  // namespace onderdak::api
