// P12 prevention: evictions and whether another housing solution was found; early-warning
// signals (vroegsignalering) and whether an intake was offered. Definitions:
// docs/indicators.md §3.12.
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
