// P5 length of stay in shelter, P6 exits to housing, P7 returns to homelessness.
// Definitions: docs/indicators.md §3.5-3.7.
#include <algorithm>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {
namespace {

constexpr std::string_view kFiles[] = {"service_episodes"};
constexpr std::int64_t kThreeMonthsDays = 90;  // "longer than 3 months" = more than 90 days

std::string Measure(const Variant& v, std::string_view m) { return std::string(v.measure_prefix) + std::string(m); }

Spec StaySpec(std::string_view indicator) {
  Spec s;
  s.indicator = indicator;
  s.unit = Unit::kRecords;
  s.record_kind = "service_episodes";
  s.distinct_persons = false;
  s.municipality_dim = true;
  s.files.assign(std::begin(kFiles), std::end(kFiles));
  return s;
}

const std::vector<std::int32_t>& ShelterStays(const Context& ctx) { return ctx.period_shelter_stays(); }

}  // namespace

core::Status ComputeP5(const Context& ctx, std::vector<Figure>& out, const Variant& v) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  std::vector<Item> ended, ongoing;
  ended.reserve(ShelterStays(ctx).size());
  ongoing.reserve(ShelterStays(ctx).size());
  for (auto i : ShelterStays(ctx)) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(i)];
    const auto d = ctx.DeliveryOfPerson(s.person);
    const auto pid = ctx.PidOf(s.person);
    // Age (§2.3): an ended stay on its end date, an ongoing one on the reference date.
    if (s.end && p.Contains(*s.end)) {
      const std::int64_t days = *s.end - s.start + 1;
      ended.push_back({ctx.RegionOf(d), pid, *s.end, 0, i, days, days > kThreeMonthsDays, {}, s.municipality});
    }
    // In shelter on the last day (§2.1 "on a date", as A1 occupancy): a stay ending on
    // that day is there too, and is also among the ended stays.
    if (s.start <= p.last() && ctx.KnownEnd(s.end, d) >= p.last()) {
      const std::int64_t days = p.last() - s.start + 1;
      ongoing.push_back({ctx.RegionOf(d), pid, p.last(), 0, i, days, days > kThreeMonthsDays, {}, s.municipality});
    }
  }
  Spec spec = StaySpec(v.indicator);
  spec.keep_values = true;
  spec.age_only_youth = v.youth_only;
  for (int k = 0; k < 2; ++k) {
    const bool is_ended = k == 0;
    const std::string prefix = is_ended ? "ended." : "ongoing.";
    const auto cells = Aggregate(ctx, spec, std::move(is_ended ? ended : ongoing));
    const std::size_t first = out.size();
    Emit(ctx, spec, cells, Measure(v, prefix + "stays"), Stat::kCount, Unit::kRecords, out);
    Emit(ctx, spec, cells, Measure(v, prefix + "median_days"), Stat::kMedian, Unit::kDays, out);
    Emit(ctx, spec, cells, Measure(v, prefix + "over_90_days"), Stat::kNumCount, Unit::kRecords, out);
    Emit(ctx, spec, cells, Measure(v, prefix + "over_90_days_share"), Stat::kShare, Unit::kShare, out);
    if (!is_ended) {  // ongoing at the period's last day: a point-in-time figure
      for (std::size_t f = first; f < out.size(); ++f) out[f].reference_date = p.last();
    }
  }
  return core::Status::Ok();
}

core::Status ComputeP6(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  std::vector<Item> exits;
  for (auto i : ShelterStays(ctx)) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(i)];
    if (!s.end || !p.Contains(*s.end)) continue;
    // A move to another shelter is not an exit from shelter; a death is not counted (HUD SPM 7b).
    if (s.exit_destination == "andere_opvang" || s.exit_destination == "overleden") continue;
    const auto d = ctx.DeliveryOfPerson(s.person);
    // Age on the exit date (§2.3), as P7 takes it for the same exits.
    exits.push_back(
        {ctx.RegionOf(d), ctx.PidOf(s.person), *s.end, 0, i, 0, IsHousingExit(s.exit_destination), {}, s.municipality});
  }
  Spec spec = StaySpec("P6");
  const auto cells = Aggregate(ctx, spec, std::move(exits));
  Emit(ctx, spec, cells, "exits", Stat::kCount, Unit::kRecords, out);
  Emit(ctx, spec, cells, "to_housing", Stat::kNumCount, Unit::kRecords, out);
  Emit(ctx, spec, cells, "to_housing_share", Stat::kShare, Unit::kShare, out);
  return core::Status::Ok();
}

core::Status ComputeP7(const Context& ctx, std::vector<Figure>& out, const Variant& v) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  struct Exit {
    std::int32_t region, pid, record;
    core::Date date;
  };
  std::vector<Exit> cohort;
  for (auto i : ShelterStays(ctx)) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(i)];
    if (!s.end || !p.Contains(*s.end) || !IsHousingExit(s.exit_destination)) continue;
    cohort.push_back({ctx.RegionOf(ctx.DeliveryOfPerson(s.person)), ctx.PidOf(s.person), i, *s.end});
  }
  Spec spec;
  spec.indicator = v.indicator;
  spec.age_only_youth = v.youth_only;
  spec.definition_ages = true;  // the cohort's age on the exit date
  spec.files.assign(std::begin(kFiles), std::end(kFiles));
  bool cohort_emitted = false;
  for (int months : {6, 12, 24}) {
    std::vector<Item> items;
    items.reserve(cohort.size());
    for (const auto& x : cohort) {
      const core::Date until = x.date.AddMonths(months);
      bool returned = false;
      for (const auto& e : ctx.EpisodesOf(x.pid)) {
        if (e.start > until) break;
        if (e.start > x.date) {
          returned = true;
          break;
        }
      }
      // Age on the exit date.
      items.push_back({x.region, x.pid, x.date, 0, x.record, 0, returned, {}, {}});
    }
    const auto cells = Aggregate(ctx, spec, std::move(items));
    const std::size_t first = out.size();
    if (!cohort_emitted) {
      Emit(ctx, spec, cells, Measure(v, "cohort"), Stat::kCount, Unit::kPersons, out);
      cohort_emitted = true;
    }
    const std::size_t first_share = out.size();
    const std::string m = std::to_string(months) + "m";
    Emit(ctx, spec, cells, Measure(v, "returned_" + m), Stat::kNumCount, Unit::kPersons, out);
    Emit(ctx, spec, cells, Measure(v, "returned_" + m + "_share"), Stat::kShare, Unit::kShare, out);
    if (p.last().AddMonths(months) > ctx.data_end()) {
      for (std::size_t f = first_share; f < out.size(); ++f) {
        if (!out[f].note.empty()) out[f].note += "; ";
        out[f].note += "provisional: follow-up of " + std::to_string(months) + " months reaches beyond the data (" +
                       ctx.data_end().ToString() + ")";
      }
    }
    (void)first;
  }
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
