// P3 waiting time for shelter and P4 waiting time for support / housing with support.
// Definitions: docs/indicators.md §3.3-3.4.
#include <algorithm>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

core::Status ComputeWaiting(const Context& ctx, std::vector<Figure>& out, const Variant& v, bool shelter) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  auto entries = ctx.Select(
      data.waiting_list, [&](const domain::WaitingEntry& w) { return ctx.DeliveryOfPerson(w.person); },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  std::vector<Item> placed, waiting;
  for (auto i : entries) {
    const auto& w = data.waiting_list[static_cast<std::size_t>(i)];
    if ((w.waiting_list_type == "opvang") != shelter) continue;
    const auto d = ctx.DeliveryOfPerson(w.person);
    const auto pid = ctx.PidOf(w.person);
    // Age (§2.3): a placement on its date, an entry still waiting on the reference date.
    if (w.end && p.Contains(*w.end)) {
      if (w.outcome == "geplaatst") {
        placed.push_back({ctx.RegionOf(d), pid, *w.end, 0, i, *w.end - w.registered, false, w.waiting_list_type, {}});
      }
    }
    // On the list on the last day (§2.1 "on a date"): an entry ended on that day is there
    // too (its waiting time so far is its waiting time).
    if (w.registered <= p.last() && ctx.KnownEnd(w.end, d) >= p.last()) {
      waiting.push_back(
          {ctx.RegionOf(d), pid, p.last(), 0, i, p.last() - w.registered, false, w.waiting_list_type, {}});
    }
  }
  Spec spec;
  spec.indicator = v.indicator;
  spec.unit = Unit::kRecords;
  spec.record_kind = "waiting_list";
  spec.distinct_persons = false;
  spec.keep_values = true;
  spec.age_only_youth = v.youth_only;
  spec.files = {"waiting_list"};
  if (!shelter) {
    spec.label_dim = "waiting_list_type";
    spec.label_list = "";
  }
  const std::string pre(v.measure_prefix);
  const auto placed_cells = Aggregate(ctx, spec, std::move(placed));
  Emit(ctx, spec, placed_cells, pre + "placed", Stat::kCount, Unit::kRecords, out);
  Emit(ctx, spec, placed_cells, pre + "placed.median_days", Stat::kMedian, Unit::kDays, out);
  Emit(ctx, spec, placed_cells, pre + "placed.p90_days", Stat::kP90, Unit::kDays, out);
  const auto waiting_cells = Aggregate(ctx, spec, std::move(waiting));
  const std::size_t first = out.size();
  Emit(ctx, spec, waiting_cells, pre + "waiting", Stat::kCount, Unit::kRecords, out);
  Emit(ctx, spec, waiting_cells, pre + "waiting.median_days", Stat::kMedian, Unit::kDays, out);
  Emit(ctx, spec, waiting_cells, pre + "waiting.p90_days", Stat::kP90, Unit::kDays, out);
  for (std::size_t f = first; f < out.size(); ++f) out[f].reference_date = p.last();
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
