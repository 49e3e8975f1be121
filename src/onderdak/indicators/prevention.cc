// P12 prevention: evictions and whether another housing solution was found; early-warning
// signals (vroegsignalering) and whether an intake was offered. A8: each gemeente's
// prevention policy. Definitions: docs/indicators.md §3.12 and §4 A8.
#include <map>
#include <string_view>
#include <utility>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

core::Status ComputeP12(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  auto evictions = ctx.Select(
      data.evictions, [](const domain::Eviction& e) { return e.delivery; },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  std::vector<Item> all, known;
  for (auto i : evictions) {
    const auto& e = data.evictions[static_cast<std::size_t>(i)];
    if (!p.Contains(e.eviction_date)) continue;
    Item it{ctx.RegionOf(e.delivery),      -1,          e.eviction_date, 0, i, 0,
            e.other_housing_found == "ja", e.household, e.municipality};
    all.push_back(it);
    if (e.other_housing_found != "onbekend") known.push_back(it);
  }
  Spec s;
  s.indicator = "P12";
  s.unit = Unit::kRecords;
  s.record_kind = "evictions";
  s.distinct_persons = false;
  s.person_dims = false;
  s.municipality_dim = true;
  s.files = {"evictions"};
  s.label_dim = "household";
  s.label_list = "household";
  const auto all_cells = Aggregate(ctx, s, std::move(all));
  Emit(ctx, s, all_cells, "evictions", Stat::kCount, Unit::kRecords, out);
  const auto known_cells = Aggregate(ctx, s, std::move(known));
  Emit(ctx, s, known_cells, "evictions_outcome_known", Stat::kCount, Unit::kRecords, out);
  Emit(ctx, s, known_cells, "other_housing_found", Stat::kNumCount, Unit::kRecords, out);
  Emit(ctx, s, known_cells, "other_housing_found_share", Stat::kShare, Unit::kShare, out);

  auto signals = ctx.Select(
      data.signals, [](const domain::Signal& x) { return x.delivery; },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  std::vector<Item> sig;
  for (auto i : signals) {
    const auto& x = data.signals[static_cast<std::size_t>(i)];
    if (!p.Contains(x.signal_date)) continue;
    sig.push_back({ctx.RegionOf(x.delivery), -1, x.signal_date, 0, i, 0, x.signal_outcome == "aanbod_gedaan",
                   x.signal_outcome, x.municipality});
  }
  Spec t = s;
  t.record_kind = "signals";
  t.files = {"signals"};
  t.label_dim = "signal_outcome";
  t.label_list = "signal_outcome";
  const auto sig_cells = Aggregate(ctx, t, std::move(sig));
  Emit(ctx, t, sig_cells, "signals", Stat::kCount, Unit::kRecords, out);
  Emit(ctx, t, sig_cells, "intake_offered", Stat::kNumCount, Unit::kRecords, out);
  Emit(ctx, t, sig_cells, "intake_offered_share", Stat::kShare, Unit::kShare, out);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators

namespace onderdak::indicators {

// A8: each gemeente's prevention policy as its region reports it (docs/indicators.md §4
// A8). A gemeente the region did not report on is "niet_gemeld", never "geen": the shares
// are of the gemeenten reported on, with the reported share beside them.
core::Status ComputeA8(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  auto rows = ctx.Select(
      data.prevention_policies, [](const domain::PreventionPolicy& p) { return p.delivery; },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  // Per (region, gemeente): the row of the region's latest delivery in the period.
  std::map<std::pair<std::int32_t, std::string_view>, std::int64_t> latest;
  auto newer = [&](std::int64_t a, std::int64_t b) {  // row a's delivery is newer than row b's
    const auto delivery_of = [&](std::int64_t row) -> const domain::Delivery& {
      return data
          .deliveries[static_cast<std::size_t>(data.prevention_policies[static_cast<std::size_t>(row)].delivery)];
    };
    return NewerDelivery(delivery_of(a), delivery_of(b));
  };
  const bool have_reference = !ctx.request().municipality_regions.empty();
  for (auto i : rows) {
    const auto& p = data.prevention_policies[static_cast<std::size_t>(i)];
    const auto r = ctx.RegionOf(p.delivery);
    // The importer refuses another region's gemeente; one that the reference set in force
    // places in another region is not counted either.
    if (have_reference && RegionOfMunicipality(ctx, p.municipality) != r) continue;
    auto [it, fresh] = latest.try_emplace({r, p.municipality}, i);
    if (!fresh && newer(i, it->second)) it->second = i;
  }
  RegionSums sums(ctx, "A8", {"prevention_policies"}, false);
  const auto gemeenten = MunicipalitiesPerRegion(ctx);
  const bool by_municipality = ctx.BreakdownWanted("municipality");
  std::vector<std::int64_t> reported(gemeenten.size(), 0), adopted(gemeenten.size(), 0), scanned(gemeenten.size(), 0),
      respite(gemeenten.size(), 0), respite_known(gemeenten.size(), 0);
  std::vector<std::map<std::string_view, std::int64_t>> by_status(gemeenten.size());
  for (const auto& [key, i] : latest) {
    const auto& p = data.prevention_policies[static_cast<std::size_t>(i)];
    const auto r = static_cast<std::size_t>(key.first);
    ++reported[r];
    ++by_status[r][p.policy_status];
    if (p.policy_status == "vastgesteld") ++adopted[r];
    if (p.prevention_scan) ++scanned[r];
    if (p.respite_facility != "onbekend") ++respite_known[r];
    if (p.respite_facility == "ja") ++respite[r];
    if (by_municipality) {
      const std::string cell = "municipality=" + p.municipality;
      sums.Add(key.first, "policy_adopted", cell, Unit::kScore, p.policy_status == "vastgesteld" ? 1 : 0);
      sums.Add(key.first, "prevention_scan", cell, Unit::kScore, p.prevention_scan ? 1 : 0);
      if (p.respite_facility != "onbekend") {
        sums.Add(key.first, "respite_facility", cell, Unit::kScore, p.respite_facility == "ja" ? 1 : 0);
      }
    }
  }
  const std::string_view files[] = {"prevention_policies"};
  for (std::size_t r = 0; r < gemeenten.size(); ++r) {
    const auto region = static_cast<std::int32_t>(r);
    if (ctx.CompletenessOf(region, files, false).delivered == 0) continue;
    sums.Add(region, "municipalities_reported", "total", Unit::kMunicipalities, static_cast<double>(reported[r]));
    for (std::string_view code : {"geen", "in_voorbereiding", "vastgesteld"}) {
      auto it = by_status[r].find(code);
      sums.Add(region, "municipalities_by_policy_status", "policy_status=" + std::string(code), Unit::kMunicipalities,
               static_cast<double>(it == by_status[r].end() ? 0 : it->second));
    }
    if (gemeenten[r] > 0) {
      sums.Add(region, "municipalities", "total", Unit::kMunicipalities, static_cast<double>(gemeenten[r]));
      sums.Add(region, "municipalities_by_policy_status", "policy_status=niet_gemeld", Unit::kMunicipalities,
               static_cast<double>(gemeenten[r] - reported[r]));
      sums.AddShare(region, "reported_share", "total", reported[r], gemeenten[r]);
    }
    if (reported[r] > 0) {
      sums.AddShare(region, "policy_adopted_share", "total", adopted[r], reported[r]);
      sums.AddShare(region, "prevention_scan_share", "total", scanned[r], reported[r]);
    }
    if (respite_known[r] > 0) sums.AddShare(region, "respite_facility_share", "total", respite[r], respite_known[r]);
  }
  sums.Emit(out);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
