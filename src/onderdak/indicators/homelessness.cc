// P1 homeless persons (on a reference date and during a period) and P2 inflow and
// first-time homeless. Definitions: docs/indicators.md §3.1-3.2.
#include <algorithm>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {
namespace {

constexpr std::string_view kFiles[] = {"living_situations", "service_episodes"};

Spec PersonSpec(const Variant& v) {
  Spec s;
  s.indicator = v.indicator;
  s.unit = Unit::kPersons;
  s.record_kind = "persons";
  s.distinct_persons = true;
  s.ethos_dim = true;
  s.definition_ages = true;
  s.age_only_youth = v.youth_only;
  s.files.assign(std::begin(kFiles), std::end(kFiles));
  return s;
}

std::string Measure(const Variant& v, std::string_view m) { return std::string(v.measure_prefix) + std::string(m); }

}  // namespace

core::Status ComputeP1(const Context& ctx, std::vector<Figure>& out, const Variant& v) {
  const core::Date ref = ctx.reference_date();
  const core::Period& p = ctx.period();
  std::vector<Item> on_date, in_period;
  // Only the deliveries in scope hold qualifying episodes (distinct persons: order-free).
  auto in_scope = [&](std::int32_t d) { return ctx.InDateScope(d) || ctx.InPeriodScope(d); };
  in_period.reserve(ctx.CountEpisodesIn(in_scope));
  ctx.ForEachEpisodeIn(in_scope, [&](const HomelessEpisode& e) {
    if (ctx.InDateScope(e.delivery) && e.start <= ref && ref <= e.end) {
      on_date.push_back({e.region, e.pid, ref, e.ethos, 0, 0, false, {}, {}});
    }
    if (ctx.InPeriodScope(e.delivery) && e.start <= p.last() && e.end >= p.first()) {
      in_period.push_back({e.region, e.pid, std::max(e.start, p.first()), e.ethos, 0, 0, false, {}, {}});
    }
  });
  Spec pit = PersonSpec(v);
  pit.reference_date = ref;
  Emit(ctx, pit, Aggregate(ctx, pit, std::move(on_date)), Measure(v, "persons_on_date"), Stat::kCount, Unit::kPersons,
       out);
  Spec per = PersonSpec(v);
  Emit(ctx, per, Aggregate(ctx, per, std::move(in_period)), Measure(v, "persons_in_period"), Stat::kCount,
       Unit::kPersons, out);
  return core::Status::Ok();
}

core::Status ComputeP2(const Context& ctx, std::vector<Figure>& out) {
  const core::Period& p = ctx.period();
  std::vector<Item> regional, national;
  // Whether the person had a homelessness episode (anywhere) in the 24 months before `s`.
  auto seen_before = [&](std::span<const HomelessEpisode> eps, core::Date s) {
    const core::Date from = s.AddMonths(-24);
    for (const auto& e : eps) {
      if (e.start >= s) break;
      if (e.end >= from) return true;  // overlaps [s - 24 months, s - 1]
    }
    return false;
  };
  // Spells: episodes merged when they overlap or touch (next start <= end + 1).
  auto spells = [&](std::span<const HomelessEpisode> eps, std::int32_t region, auto&& on_start) {
    bool open = false;
    core::Date end;
    for (const auto& e : eps) {
      if (region >= 0 && e.region != region) continue;
      if (open && e.start <= end.AddDays(1)) {
        end = std::max(end, e.end);
        continue;
      }
      open = true;
      end = e.end;
      on_start(e);
    }
  };
  // A spell starting in the period starts with an episode starting in the period from a
  // delivery for the period: only those persons are looked at, in pid order.
  std::vector<char> candidate(ctx.pid_count(), 0);
  ctx.ForEachEpisodeIn([&](std::int32_t d) { return ctx.InPeriodScope(d); },
                       [&](const HomelessEpisode& e) {
                         if (p.Contains(e.start)) candidate[static_cast<std::size_t>(e.pid)] = 1;
                       });
  std::vector<std::int32_t> regions_of_pid;
  for (std::int32_t pid = 0; static_cast<std::size_t>(pid) < ctx.pid_count(); ++pid) {
    if (!candidate[static_cast<std::size_t>(pid)]) continue;
    const auto eps = ctx.EpisodesOf(pid);
    // The spell starts in the period, seen in a delivery for the period (an episode of the
    // same start from a delivery in scope).
    auto started_in_scope = [&](const HomelessEpisode& first, std::int32_t region) {
      for (const auto& e : eps) {
        if (e.start > first.start) break;
        if (e.start == first.start && (region < 0 || e.region == region) && ctx.InPeriodScope(e.delivery)) return true;
      }
      return false;
    };
    const std::size_t first_national = national.size();
    spells(eps, -1, [&](const HomelessEpisode& e) {
      if (p.Contains(e.start) && started_in_scope(e, -1)) {
        national.push_back({e.region, pid, e.start, e.ethos, 0, 0, !seen_before(eps, e.start), {}, {}});
      }
    });
    regions_of_pid.clear();
    for (const auto& e : eps) {
      if (std::find(regions_of_pid.begin(), regions_of_pid.end(), e.region) == regions_of_pid.end()) {
        regions_of_pid.push_back(e.region);
      }
    }
    if (regions_of_pid.size() == 1) {  // the region's spells are the national ones
      regional.insert(regional.end(), national.begin() + static_cast<std::ptrdiff_t>(first_national), national.end());
      continue;
    }
    for (auto r : regions_of_pid) {
      spells(eps, r, [&](const HomelessEpisode& e) {
        if (p.Contains(e.start) && started_in_scope(e, r)) {
          regional.push_back({e.region, pid, e.start, e.ethos, 0, 0, !seen_before(eps, e.start), {}, {}});
        }
      });
    }
  }
  Spec s;
  s.indicator = "P2";
  s.ethos_dim = true;
  s.definition_ages = true;
  s.files.assign(std::begin(kFiles), std::end(kFiles));
  auto cells = AggregateRegionalAndNational(ctx, s, std::move(regional), std::move(national));
  const std::size_t first = out.size();
  Emit(ctx, s, cells, "inflow", Stat::kCount, Unit::kPersons, out);
  Emit(ctx, s, cells, "first_time", Stat::kNumCount, Unit::kPersons, out);
  Emit(ctx, s, cells, "first_time_share", Stat::kShare, Unit::kShare, out);
  if (p.first().AddMonths(-24) < ctx.data_start()) {
    for (std::size_t i = first; i < out.size(); ++i) {
      if (!out[i].note.empty()) out[i].note += "; ";
      out[i].note += "look-back incomplete: data start " + ctx.data_start().ToString();
    }
  }
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
