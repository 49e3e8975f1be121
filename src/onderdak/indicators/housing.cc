// A2 extra housing places (each place once, each funding line's gross contribution beside
// it, against the national ambition and the regional targets) and A3 performance
// agreements with housing corporations. Definitions: docs/indicators.md §4.2-4.3.
#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

// The plan per region from the latest delivery (period end, then store id) among those in scope.
std::vector<std::int32_t> LatestPlanPerRegion(const Context& ctx, bool up_to_period_end) {
  const auto& data = ctx.data();
  std::vector<std::int32_t> best(ctx.regions().size(), -1);
  for (std::size_t i = 0; i < data.plans.size(); ++i) {
    const auto d = data.plans[i].delivery;
    const bool in = up_to_period_end ? ctx.Current(d) && data.deliveries[static_cast<std::size_t>(d)].period_first <=
                                                             ctx.period().last()
                                     : ctx.InPeriodScope(d);
    if (!in) continue;
    auto& b = best[static_cast<std::size_t>(ctx.RegionOf(d))];
    if (b < 0) {
      b = static_cast<std::int32_t>(i);
      continue;
    }
    const auto& cur = data.deliveries[static_cast<std::size_t>(data.plans[static_cast<std::size_t>(b)].delivery)];
    const auto& cand = data.deliveries[static_cast<std::size_t>(d)];
    if (!NewerDelivery(cur, cand)) b = static_cast<std::int32_t>(i);  // ties: the later row
  }
  return best;
}

namespace {

// A project's state on the day `at` (docs/indicators.md §4 A2). kNotYet: it was planned
// only after `at`, so it did not exist then; kNotObservable: its status was reached after
// `at` and no delivery tells which earlier stage it was in on `at`.
enum State { kPlanned, kStarted, kRealised, kWithdrawn, kNotObservable, kNotYet };

State StateOf(std::string_view status) {
  if (status == "gerealiseerd") return kRealised;
  if (status == "gestart") return kStarted;
  if (status == "ingetrokken") return kWithdrawn;
  return kPlanned;
}

// The state on `at` of a project whose winning version `v` reached its status after `at`
// (a delivery for a longer period, e.g. a year delivery for a half-year figure), from the
// latest version `w` observed by `at` (a delivery whose period ends on or before it), if any.
State StateBefore(const domain::HousingProject& v, const domain::HousingProject* w, core::Date at) {
  if (StateOf(v.status) == kPlanned) return kNotYet;  // planned after `at`
  if (w == nullptr || w->status_date > at) return kNotObservable;
  const State was = StateOf(w->status), now = StateOf(v.status);
  // Only one stage can lie between: started before, realised or withdrawn after; planned
  // before, started after. Otherwise (planned before, realised or withdrawn after) the
  // project may or may not have started by `at`.
  if (was == kStarted && (now == kRealised || now == kWithdrawn)) return kStarted;
  if (was == kPlanned && now == kStarted) return kPlanned;
  return kNotObservable;
}

}  // namespace

core::Status ComputeA2(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  const core::Date at = p.last();
  // A project is (organisation, record_id); the latest delivery up to the period's end wins.
  auto up_to_end = [&](std::int32_t d) {
    return ctx.Current(d) && data.deliveries[static_cast<std::size_t>(d)].period_first <= at;
  };
  auto projects = ctx.Select(
      data.housing_projects, [](const domain::HousingProject& h) { return h.delivery; }, up_to_end, true);
  auto key_of = [&](const domain::HousingProject& h) {
    return data.deliveries[static_cast<std::size_t>(h.delivery)].organisation + "|" + h.record_id;
  };
  // For projects whose status was reached after the last day: the latest version from a
  // delivery observed by that day (its period ends on or before it), by (organisation, record_id).
  std::unordered_map<std::string, std::int32_t> observed_by_end;
  if (std::any_of(projects.begin(), projects.end(), [&](std::int32_t i) {
        return data.housing_projects[static_cast<std::size_t>(i)].status_date > at;
      })) {
    auto by_end = [&](std::int32_t d) {
      return up_to_end(d) && data.deliveries[static_cast<std::size_t>(d)].period_last <= at;
    };
    for (auto i : ctx.Select(
             data.housing_projects, [](const domain::HousingProject& h) { return h.delivery; }, by_end, true)) {
      observed_by_end[key_of(data.housing_projects[static_cast<std::size_t>(i)])] = i;
    }
  }
  std::vector<int> state(data.housing_projects.size(), -1);
  RegionSums sums(ctx, "A2", {"housing_projects"}, false);
  sums.set_require_delivery(false);
  // Regions with a delivery up to the period's end count for A2 (cumulative figure).
  for (auto i : projects) {
    const auto& h = data.housing_projects[static_cast<std::size_t>(i)];
    State s = StateOf(h.status);
    if (h.status_date > at) {
      auto it = observed_by_end.find(key_of(h));
      s = StateBefore(
          h, it == observed_by_end.end() ? nullptr : &data.housing_projects[static_cast<std::size_t>(it->second)], at);
    }
    state[static_cast<std::size_t>(i)] = s;
    const auto region = ctx.RegionOf(h.delivery);
    const auto places = static_cast<double>(h.places);
    // A region with projects shows every state's total, 0 when no project is in it (a
    // region that has realised nothing yet reports 0, not "no figure").
    for (const char* m :
         {"places_realised", "places_started", "places_planned", "places_withdrawn", "places_realised_in_period",
          "places_committed", "lines_gross_places_realised", "lines_gross_places_committed"}) {
      sums.Add(region, m, "total", Unit::kPlaces, 0);
    }
    // Only a delivery for a period ending after the last day can leave a state unknown.
    if (data.deliveries[static_cast<std::size_t>(h.delivery)].period_last > at) {
      sums.Add(region, "places_not_observable", "total", Unit::kPlaces, 0);
    }
    if (s == kNotYet) continue;  // did not exist on the last day
    const char* measure = s == kRealised    ? "places_realised"
                          : s == kStarted   ? "places_started"
                          : s == kPlanned   ? "places_planned"
                          : s == kWithdrawn ? "places_withdrawn"
                                            : "places_not_observable";
    sums.Add(region, measure, "total", Unit::kPlaces, places);
    sums.Add(region, measure, "housing_kind=" + std::string(h.housing_kind), Unit::kPlaces, places);
    if (ctx.BreakdownWanted("municipality")) {
      sums.Add(region, measure, "municipality=" + h.municipality, Unit::kPlaces, places);
    }
    if (s == kRealised && p.Contains(h.status_date)) {
      sums.Add(region, "places_realised_in_period", "total", Unit::kPlaces, places);
    }
    if (s == kPlanned || s == kStarted || s == kRealised) {  // committed: all but withdrawn and unknown
      sums.Add(region, "places_committed", "total", Unit::kPlaces, places);
      sums.Add(region, "places_committed", "housing_kind=" + std::string(h.housing_kind), Unit::kPlaces, places);
      if (ctx.BreakdownWanted("municipality")) {
        sums.Add(region, "places_committed", "municipality=" + h.municipality, Unit::kPlaces, places);
      }
    }
  }
  // Funding lines: gross, a place counted by each line that counts it.
  for (const auto& l : data.funding_lines) {
    if (l.project < 0 || static_cast<std::size_t>(l.project) >= data.housing_projects.size()) {
      return core::Status::Internal("funding line " + l.record_id + ": project index out of range");
    }
    const int s = state[static_cast<std::size_t>(l.project)];
    // Not a winning project version, withdrawn, not yet planned or in an unknown state.
    if (s < 0 || s >= kWithdrawn) continue;
    const auto region = ctx.RegionOf(data.housing_projects[static_cast<std::size_t>(l.project)].delivery);
    const std::string b = "funding_line=" + std::string(l.funding_line);
    const auto places = static_cast<double>(l.places_counted);
    sums.Add(region, "lines_gross_places_committed", b, Unit::kPlaces, places);
    sums.Add(region, "lines_gross_places_committed", "total", Unit::kPlaces, places);
    if (s == kRealised) {
      sums.Add(region, "lines_gross_places_realised", b, Unit::kPlaces, places);
      sums.Add(region, "lines_gross_places_realised", "total", Unit::kPlaces, places);
    }
  }
  // Targets: the regional plan's target; nationally the target in force (Request).
  std::vector<double> realised(ctx.regions().size(), 0);
  double national_realised = 0;
  for (auto i : projects) {
    if (state[static_cast<std::size_t>(i)] != kRealised) continue;
    const auto& h = data.housing_projects[static_cast<std::size_t>(i)];
    realised[static_cast<std::size_t>(ctx.RegionOf(h.delivery))] += static_cast<double>(h.places);
    national_realised += static_cast<double>(h.places);
  }
  const auto plans = LatestPlanPerRegion(ctx, true);
  // Per region, the newest period among the deliveries its projects and plan come from:
  // what a region that delivered nothing for this period is carried from (§5.5).
  std::vector<std::int32_t> newest(ctx.regions().size(), -1);
  auto note_delivery = [&](std::int32_t d) {
    auto& n = newest[static_cast<std::size_t>(ctx.RegionOf(d))];
    const auto& cand = data.deliveries[static_cast<std::size_t>(d)];
    if (n < 0 || cand.period_last > data.deliveries[static_cast<std::size_t>(n)].period_last) n = d;
  };
  for (auto i : projects) note_delivery(data.housing_projects[static_cast<std::size_t>(i)].delivery);
  for (auto i : plans) {
    if (i >= 0) note_delivery(data.plans[static_cast<std::size_t>(i)].delivery);
  }
  std::vector<std::string> carried_from(newest.size());
  for (std::size_t r = 0; r < newest.size(); ++r) {
    if (newest[r] >= 0) carried_from[r] = data.deliveries[static_cast<std::size_t>(newest[r])].period;
  }
  sums.set_carried_from(std::move(carried_from));
  std::int64_t targets_sum = 0;
  for (std::size_t r = 0; r < plans.size(); ++r) {
    if (plans[r] < 0) continue;
    const auto target = data.plans[static_cast<std::size_t>(plans[r])].target_extra_places;
    sums.AddRegionOnly(static_cast<std::int32_t>(r), "target", "total", Unit::kPlaces, static_cast<double>(target));
    if (target > 0) {
      sums.AddShare(static_cast<std::int32_t>(r), "progress_share", "total", static_cast<std::int64_t>(realised[r]),
                    target, true);
    }
    targets_sum += target;
  }
  // The national target in force (from the stored targets), when the caller gave one.
  const std::int64_t ambition = ctx.request().national_target_extra_places.value_or(0);
  if (ctx.request().national_target_extra_places) {
    sums.Add(-1, "target", "total", Unit::kPlaces, static_cast<double>(ambition));
  }
  sums.Add(-1, "regional_targets_sum", "total", Unit::kPlaces, static_cast<double>(targets_sum));
  if (ambition > 0) {
    sums.AddShare(-1, "progress_share", "total", static_cast<std::int64_t>(national_realised), ambition);
  }
  sums.Emit(out, at);
  return core::Status::Ok();
}

core::Status ComputeA3(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  auto agreements = ctx.Select(
      data.agreements, [](const domain::Agreement& a) { return a.delivery; },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  RegionSums sums(ctx, "A3", {"agreements"}, false);
  std::vector<char> present(ctx.regions().size(), 0);
  const bool by_municipality = ctx.BreakdownWanted("municipality");
  for (auto i : agreements) {
    const auto& a = data.agreements[static_cast<std::size_t>(i)];
    if (!a.covers_homeless) continue;
    const auto r = ctx.RegionOf(a.delivery);
    present[static_cast<std::size_t>(r)] = 1;
    for (const std::string& cell : {std::string("total"), "municipality=" + a.municipality}) {
      if (cell != "total" && !by_municipality) continue;
      sums.Add(r, "agreements", cell, Unit::kRecords, 1);
      sums.Add(r, "places_agreed", cell, Unit::kPlaces, static_cast<double>(a.places_agreed));
      sums.Add(r, "places_realised", cell, Unit::kPlaces, static_cast<double>(a.places_realised));
    }
  }
  // The 2021 target "prestatieafspraken in every gemeente" (seed 000, ADR 0024): of a
  // region's gemeenten (by the reference set, Request::municipality_regions), those an
  // agreement that covers homeless people is made for. Without the reference set, none.
  const auto gemeenten = MunicipalitiesPerRegion(ctx);
  std::vector<std::set<std::string_view>> covered(gemeenten.size());
  for (auto i : agreements) {
    const auto& a = data.agreements[static_cast<std::size_t>(i)];
    const auto r = ctx.RegionOf(a.delivery);
    if (a.covers_homeless && RegionOfMunicipality(ctx, a.municipality) == r) {
      covered[static_cast<std::size_t>(r)].insert(a.municipality);
    }
  }
  const std::string_view files[] = {"agreements"};
  std::int64_t delivering = 0, with = 0, national_gemeenten = 0, national_covered = 0;
  for (std::size_t r = 0; r < present.size(); ++r) {
    if (ctx.CompletenessOf(static_cast<std::int32_t>(r), files, false).delivered == 0) continue;
    ++delivering;
    with += present[r];
    sums.AddRegionOnly(static_cast<std::int32_t>(r), "present", "total", Unit::kScore, present[r]);
    if (gemeenten[r] > 0) {
      const auto n = static_cast<std::int64_t>(covered[r].size());
      sums.AddShare(static_cast<std::int32_t>(r), "municipalities_with_agreements_share", "total", n, gemeenten[r],
                    true);
      national_covered += n;
      national_gemeenten += gemeenten[r];
    }
  }
  if (delivering > 0) sums.AddShare(-1, "regions_with_agreements_share", "total", with, delivering);
  if (national_gemeenten > 0) {
    sums.AddShare(-1, "municipalities_with_agreements_share", "total", national_covered, national_gemeenten);
  }
  sums.Emit(out);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
