#include "onderdak/api/overview_model.h"

#include <algorithm>
#include <cmath>

#include "onderdak/domain/code_lists.h"
#include "onderdak/indicators/coverage.h"
#include "onderdak/indicators/origin.h"
#include "onderdak/indicators/targets.h"

namespace onderdak::api {
namespace {

using Figures = std::shared_ptr<const std::vector<indicators::Figure>>;

const indicators::Figure* FindNational(const std::vector<indicators::Figure>& figures, std::string_view indicator,
                                       std::string_view measure, std::string_view breakdown = "total") {
  for (const auto& f : figures) {
    if (f.region == "NL" && f.indicator == indicator && f.measure == measure && f.breakdown == breakdown) return &f;
  }
  return nullptr;
}

web::Coverage CoverageOf(const indicators::Completeness& c) {
  web::Coverage out;
  out.delivered = c.delivered;
  out.expected = c.expected;
  out.missing = c.missing;
  std::sort(out.missing.begin(), out.missing.end());
  for (const auto& k : c.carried) out.carried.push_back({.region = k.region, .period = k.period});
  std::sort(out.carried.begin(), out.carried.end(), [](const auto& a, const auto& b) { return a.region < b.region; });
  out.sufficient = indicators::SufficientCoverage(c);
  return out;
}

// A national figure as published: no number below the coverage threshold (kInsufficient),
// when suppressed (kSuppressed), or when there is no such figure (kNotDelivered: nobody
// delivered what it needs). `check_coverage` false for figures that are not sums over
// the regions (the ambition).
web::Published PublishNational(const std::vector<indicators::Figure>& figures, std::string_view indicator,
                               std::string_view measure, std::string_view breakdown = "total",
                               bool check_coverage = true) {
  web::Published p;
  const auto* f = FindNational(figures, indicator, measure, breakdown);
  if (f == nullptr) {
    p.mark = web::Mark::kNotDelivered;
  } else if (check_coverage && !indicators::SufficientCoverage(f->completeness)) {
    p.mark = web::Mark::kInsufficient;
  } else if (f->suppressed) {
    p.mark = web::Mark::kSuppressed;
  } else {
    p.value = f->value;
    p.numerator = f->numerator;
    p.denominator = f->denominator;
  }
  return p;
}

struct Computer {
  OverviewSources& src;
  const ReferenceInForce& ref;

  std::string definition;
  // A3's share of gemeenten with an agreement (the 2021 target) counts the gemeenten:
  // the municipality -> region mapping of the regions in force, built once per page.
  std::map<std::string, std::string, std::less<>> municipality_regions = indicators::MunicipalityRegions(*ref.set);

  core::Result<Figures> Compute(const core::Period& period, const std::vector<std::string>& ids,
                                const std::vector<std::string>& only_regions = {},
                                const std::string& definition_override = "") {
    indicators::Request r;
    r.period = period;
    r.indicators = ids;
    r.definition = definition_override.empty() ? definition : definition_override;
    for (const auto& region : ref.set->regions()) r.expected_regions.push_back(region.code);
    r.municipality_regions = municipality_regions;
    r.only_regions = only_regions;
    std::string key = "overview|" + r.definition + "|" + period.ToString();
    for (const auto& id : ids) key += "|" + id;
    if (!only_regions.empty()) {
      key += "|only";
      for (const auto& region : only_regions) key += ":" + region;
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto answer, src.figures.Get(src.store, r, key));
    return answer.figures;
  }
};

}  // namespace

web::TargetView TargetViewOf(const domain::Target& t, web::Lang lang) {
  return {.id = t.id,
          .indicator = t.indicator,
          .measure = t.measure,
          .breakdown = t.breakdown,
          .scope = t.scope,
          .label = lang == web::Lang::kEn ? t.label_en : t.label_nl,
          .unit = t.unit,
          .comparison = std::string(domain::ComparisonName(t.comparison)),
          .source = t.source,
          .note = t.note,
          .value = t.value,
          .deadline = t.deadline.ToString(),
          .baseline_date = t.baseline_date ? t.baseline_date->ToString() : "",
          .baseline_value = t.baseline_value};
}

namespace {

// Every stored national target beside the published figure it applies to, with its status
// on the figure's date (indicators/targets.h), the A2 target in force for the housing
// section, and the national reference series (ADR 0024).
void AddTargetsAndSeries(web::OverviewData& data, const FigureCache::Loaded& loaded,
                         std::initializer_list<const std::vector<indicators::Figure>*> sets, const core::Period& sel,
                         web::Lang lang) {
  for (const auto& t : loaded.targets) {
    if (t.scope != "NL") continue;
    web::TargetView v = TargetViewOf(t, lang);
    v.current.mark = web::Mark::kNotApplicable;
    for (const auto* set : sets) {
      const auto* f = FindNational(*set, t.indicator, t.measure, t.breakdown);
      if (f == nullptr) continue;
      v.current = PublishNational(*set, t.indicator, t.measure, t.breakdown);
      const core::Date on = f->reference_date ? *f->reference_date : sel.last();
      v.figure_date = on.ToString();
      if (v.current.value) v.status = indicators::TargetStatusCode(indicators::EvaluateTarget(t, *v.current.value, on));
      break;
    }
    data.targets.push_back(std::move(v));
  }
  if (const auto* a2 = indicators::TargetInForce(loaded.targets, "A2", "places_realised", "total", "NL", sel.last())) {
    data.places_target = std::llround(a2->value);
    data.places_target_id = a2->id;
    data.places_target_deadline = a2->deadline.ToString();
    for (const auto& v : data.targets) {
      if (v.id == a2->id) data.places_target_status = v.status;
    }
  }
  for (const auto& p : loaded.series) {
    if (p.region != "NL") continue;
    data.reference_series.push_back(ReferencePointOf(p));
  }
  // Our own count under the `cbs` definition is set by BuildOverview, on 1 January of the
  // selected period's year: the date of CBS's estimate.
  data.own_count_cbs_definition.mark = web::Mark::kNotApplicable;
  data.own_count_cbs_definition_date = core::Period::Year(sel.year()).first().ToString();
}

}  // namespace

web::ReferencePoint ReferencePointOf(const domain::SeriesPoint& p) {
  return {.source = p.source,
          .series = p.series,
          .definition = p.definition,
          .unit = p.unit,
          .region = p.region,
          .period = p.period,
          .date = p.date ? p.date->ToString() : "",
          .note = p.note,
          .value = p.value,
          .low = p.low,
          .high = p.high};
}

core::Result<web::DefinitionView> DefinitionChoices(const std::string& active) {
  ONDERDAK_ASSIGN_OR_RETURN(const auto* chosen, indicators::FindDefinition(active));
  web::DefinitionView v;
  v.active = std::string(chosen->name);
  v.is_default = chosen->name == indicators::kDefaultDefinition;
  for (const auto& d : indicators::AllDefinitions()) {
    v.choices.push_back(
        {.name = std::string(d.name), .label_nl = std::string(d.label_nl), .label_en = std::string(d.label_en)});
  }
  return v;
}

core::Result<std::optional<web::OverviewData>> BuildOverview(OverviewSources src, const std::string& period,
                                                             web::Lang lang, const std::string& definition) {
  auto choices = DefinitionChoices(definition);
  if (!choices.ok()) return choices.status().WithContext("parameter 'definition'");
  store::DeliveryFilter current;
  current.current_only = true;
  ONDERDAK_ASSIGN_OR_RETURN(auto deliveries, src.store.ListDeliveries(current));
  std::vector<std::string> periods;
  for (const auto& d : deliveries) {
    if (d.period.size() == 6 && std::find(periods.begin(), periods.end(), d.period) == periods.end()) {
      periods.push_back(d.period);
    }
  }
  if (periods.empty()) return std::optional<web::OverviewData>();
  std::sort(periods.begin(), periods.end());
  std::optional<core::Period> selected;
  if (!period.empty()) {
    auto p = core::Period::Parse(period);
    if (!p.ok()) return p.status().WithContext("parameter 'period'");
    selected = *p;
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto ref, src.reference.InForce(src.store, core::Date::TodayUtc()));
  Computer computer{src, ref, definition};

  web::OverviewData data;
  data.definition = std::move(*choices);
  data.periods = periods;
  data.regions_total = static_cast<std::int64_t>(ref.set->regions().size());
  data.min_regions = indicators::MinCoveredRegions(static_cast<int>(data.regions_total));
  for (const auto& r : ref.set->regions()) data.region_names[r.code] = r.name;

  // P1 per half-year with its coverage; the comparable series over the regions that
  // delivered in every half-year with sufficient coverage.
  std::vector<indicators::Completeness> series_coverage;
  for (const auto& p : periods) {
    ONDERDAK_ASSIGN_OR_RETURN(auto hy, core::Period::Parse(p));
    ONDERDAK_ASSIGN_OR_RETURN(auto p1, computer.Compute(hy, {"P1"}));
    web::OverviewData::HomelessPoint point;
    point.period = p;
    point.reference_date = hy.first().ToString();
    if (const auto* f = FindNational(*p1, "P1", "persons_on_date")) {
      point.coverage = CoverageOf(f->completeness);
      if (point.coverage.sufficient) series_coverage.push_back(f->completeness);
    } else {
      point.coverage.expected = static_cast<int>(data.regions_total);
    }
    point.in_series = point.coverage.sufficient;
    point.on_date = PublishNational(*p1, "P1", "persons_on_date");
    point.in_period = PublishNational(*p1, "P1", "persons_in_period");
    data.homeless.push_back(std::move(point));
  }
  std::vector<std::string> expected;
  for (const auto& r : ref.set->regions()) expected.push_back(r.code);
  if (!series_coverage.empty()) {
    data.comparable_regions = indicators::CommonRegions(expected, series_coverage);
    for (const auto& r : expected) {
      if (!std::binary_search(data.comparable_regions.begin(), data.comparable_regions.end(), r))
        data.comparable_left_out.push_back(r);
    }
  }
  if (!data.comparable_regions.empty()) {
    for (auto& point : data.homeless) {
      if (!point.in_series) continue;
      ONDERDAK_ASSIGN_OR_RETURN(auto hy, core::Period::Parse(point.period));
      ONDERDAK_ASSIGN_OR_RETURN(auto p1, computer.Compute(hy, {"P1"}, data.comparable_regions));
      // Every region of the set delivered, so the coverage is complete by construction;
      // disclosure control still applies.
      point.comparable_on_date = PublishNational(*p1, "P1", "persons_on_date", "total", false);
      point.comparable_in_period = PublishNational(*p1, "P1", "persons_in_period", "total", false);
    }
  }

  // The selected period: asked for, or the latest with sufficient coverage (a single early
  // upload never becomes the home page), or the latest when none has enough.
  if (selected) {
    data.period = selected->ToString();
  } else {
    data.period = periods.back();
    for (auto it = data.homeless.rbegin(); it != data.homeless.rend(); ++it) {
      if (it->coverage.sufficient) {
        data.period = it->period;
        break;
      }
    }
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto sel, core::Period::Parse(data.period));
  ONDERDAK_ASSIGN_OR_RETURN(auto p1, computer.Compute(sel, {"P1"}));
  if (const auto* f = FindNational(*p1, "P1", "persons_on_date")) {
    data.coverage = CoverageOf(f->completeness);
  } else {
    data.coverage.expected = static_cast<int>(data.regions_total);
    for (const auto& r : expected) data.coverage.missing.push_back(r);
  }

  ONDERDAK_ASSIGN_OR_RETURN(auto figs, computer.Compute(sel, {"P5", "A1", "A2", "A3", "A5", "A7", "A8", "P10"}));
  // In a period with too few regions, a national figure that nobody's data gave is as
  // unknown as one below the threshold: "onvoldoende gegevens" either way.
  auto publish = [&](const std::vector<indicators::Figure>& f, std::string_view indicator, std::string_view measure,
                     std::string_view breakdown = "total", bool check_coverage = true) {
    auto p = PublishNational(f, indicator, measure, breakdown, check_coverage);
    if (!data.coverage.sufficient && p.mark == web::Mark::kNotDelivered) p.mark = web::Mark::kInsufficient;
    return p;
  };
  data.places_realised = publish(*figs, "A2", "places_realised");
  if (const auto* f = FindNational(*figs, "A2", "places_realised")) data.places_coverage = CoverageOf(f->completeness);
  if (const auto* lines = domain::FindCodeList("funding_line")) {
    for (const auto& c : lines->codes) {
      data.funding_lines.push_back(
          {std::string(c.code), std::string(lang == web::Lang::kEn ? c.en : c.nl),
           publish(*figs, "A2", "lines_gross_places_realised", "funding_line=" + std::string(c.code))});
    }
  }
  data.stays_over_90_share = publish(*figs, "P5", "ended.over_90_days_share");
  data.single_room_share = publish(*figs, "A1", "single_room_places_share");
  // Plans: adopted of the regions that reported one; a region that did not is unknown.
  data.plans_adopted = publish(*figs, "A5", "regions_by_plan_status", "plan_status=vastgesteld", false);
  if (const auto* f = FindNational(*figs, "A5", "regions_by_plan_status", "plan_status=vastgesteld")) {
    data.plans_reported = f->completeness.delivered;
  }
  data.regions_delivered = publish(*figs, "A7", "regions_delivered", "total", false);
  data.prevention_adopted_share = publish(*figs, "A8", "policy_adopted_share", "total", false);
  data.prevention_not_reported =
      publish(*figs, "A8", "municipalities_by_policy_status", "policy_status=niet_gemeld", false);
  if (const auto* f = FindNational(*figs, "A8", "municipalities_reported")) {
    data.prevention_regions = f->completeness.delivered;
  }

  // Counted beside estimated (ADR 0011) on the period's reference date (its first day).
  data.hidden.reference_date = sel.first().ToString();
  // The count beside the estimate is of the estimate's population, ETHOS 1-3 (the lists
  // are linked on that set, linkage.h), whatever the page's definition.
  ONDERDAK_ASSIGN_OR_RETURN(auto p1_estimated, computer.Compute(sel, {"P1"}, {}, "ethos-1-3"));
  data.hidden.counted = publish(*p1_estimated, "P1", "persons_on_date");
  ONDERDAK_ASSIGN_OR_RETURN(auto snapshot, src.figures.Data(src.store));
  AddTargetsAndSeries(data, *snapshot.data, {&*p1, &*figs}, sel, lang);
  // Beside CBS's estimate (18-65, on 1 January): our count under the `cbs` definition on
  // that date, the first day of the year's first half-year.
  const auto january = core::Period::HalfYear(sel.year(), 1);
  ONDERDAK_ASSIGN_OR_RETURN(auto p1_cbs, computer.Compute(january, {"P1"}, {}, "cbs"));
  data.own_count_cbs_definition = publish(*p1_cbs, "P1", "persons_on_date");
  EstimateWindow window;
  window.from = window.to = sel.first();
  ONDERDAK_ASSIGN_OR_RETURN(auto national, src.estimates.Get(snapshot, expected, window, stats::Criterion::kBic));
  data.hidden.regions_summed = national->regions_summed;
  data.hidden.counted_in_summed = national->counted_in_summed;
  if (national->sum && data.coverage.sufficient) {
    data.hidden.n_hat = std::llround(national->sum->n_hat);
    data.hidden.lower = std::llround(national->sum->lower);
    data.hidden.upper = std::llround(national->sum->upper);
  }
  data.hidden.regions_direct = static_cast<int>(national->direct.size());
  data.hidden.regions_via_ratio = static_cast<int>(national->via_ratio.size());
  data.hidden.not_estimated = national->not_estimated;
  std::sort(data.hidden.not_estimated.begin(), data.hidden.not_estimated.end());
  if (national->national && data.coverage.sufficient) {
    const auto& n = *national->national;
    data.hidden.national_counted = std::llround(n.direct_observed + n.ratio_observed);
    data.hidden.national_n_hat = std::llround(n.total.n_hat);
    data.hidden.national_lower = std::llround(n.total.lower);
    data.hidden.national_upper = std::llround(n.total.upper);
  }
  return std::optional<web::OverviewData>(std::move(data));
}

}  // namespace onderdak::api
