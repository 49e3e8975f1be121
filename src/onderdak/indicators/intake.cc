// P8 causes of homelessness at intake and P9 need for housing and support.
// Definitions: docs/indicators.md §3.8-3.9.
#include <algorithm>
#include <unordered_map>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

core::Status ComputeP8(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  auto causes = ctx.Select(
      data.causes, [&](const domain::Cause& c) { return ctx.DeliveryOfPerson(c.person); },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  std::vector<Item> items;
  for (auto i : causes) {
    const auto& c = data.causes[static_cast<std::size_t>(i)];
    if (!p.Contains(c.intake_date)) continue;
    items.push_back({ctx.RegionOf(ctx.DeliveryOfPerson(c.person)),
                     ctx.PidOf(c.person),
                     c.intake_date,
                     0,
                     i,
                     0,
                     false,
                     c.cause,
                     {}});
  }
  Spec total;
  total.indicator = "P8";
  total.files = {"causes"};
  Spec by_cause = total;
  by_cause.per_label = true;
  by_cause.label_dim = "cause";
  by_cause.label_list = "cause";
  auto items_copy = items;
  const auto total_cells = Aggregate(ctx, total, std::move(items));
  auto cause_cells = Aggregate(ctx, by_cause, std::move(items_copy));
  for (auto& sc : cause_cells) {
    for (const auto& t : total_cells) {
      if (t.region == sc.region && !t.cells.empty()) sc.label_total = t.cells[0].n;
    }
  }
  Emit(ctx, total, total_cells, "persons", Stat::kCount, Unit::kPersons, out);
  Emit(ctx, by_cause, cause_cells, "persons", Stat::kCount, Unit::kPersons, out);
  Emit(ctx, by_cause, cause_cells, "share", Stat::kLabelShare, Unit::kShare, out);
  return core::Status::Ok();
}

core::Status ComputeP9(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  auto needs = ctx.Select(
      data.needs, [&](const domain::Need& n) { return ctx.DeliveryOfPerson(n.person); },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  // The latest assessment in the period, per (person, region) and per person.
  auto later = [&](std::int32_t a, std::int32_t b) {
    const auto& na = data.needs[static_cast<std::size_t>(a)];
    const auto& nb = data.needs[static_cast<std::size_t>(b)];
    if (na.assessed != nb.assessed) return na.assessed > nb.assessed;
    return a > b;
  };
  std::unordered_map<std::int64_t, std::int32_t> per_region;
  std::unordered_map<std::int32_t, std::int32_t> per_person;
  for (auto i : needs) {
    const auto& n = data.needs[static_cast<std::size_t>(i)];
    if (!p.Contains(n.assessed)) continue;
    const auto pid = ctx.PidOf(n.person);
    const auto region = ctx.RegionOf(ctx.DeliveryOfPerson(n.person));
    const std::int64_t key = (static_cast<std::int64_t>(pid) << 20) | region;
    auto [it, inserted] = per_region.try_emplace(key, i);
    if (!inserted && later(i, it->second)) it->second = i;
    auto [jt, ins] = per_person.try_emplace(pid, i);
    if (!ins && later(i, jt->second)) jt->second = i;
  }
  auto item = [&](std::int32_t i) {
    const auto& n = data.needs[static_cast<std::size_t>(i)];
    return Item{ctx.RegionOf(ctx.DeliveryOfPerson(n.person)),
                ctx.PidOf(n.person),
                n.assessed,
                0,
                i,
                0,
                false,
                n.need_category,
                {}};
  };
  std::vector<Item> regional, national;
  for (const auto& [k, i] : per_region) regional.push_back(item(i));
  for (const auto& [k, i] : per_person) national.push_back(item(i));
  Spec s;
  s.indicator = "P9";
  s.files = {"needs"};
  s.label_dim = "need_category";
  s.label_list = "need_category";
  auto cells = AggregateRegionalAndNational(ctx, s, std::move(regional), std::move(national));
  Emit(ctx, s, cells, "assessed_persons", Stat::kCount, Unit::kPersons, out);
  Emit(ctx, s, cells, "share", Stat::kLabelShare, Unit::kShare, out);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
