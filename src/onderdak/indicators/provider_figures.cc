// A provider's own figures per location: docs/indicators.md §7 (issue 19 item 4).
#include "onderdak/indicators/provider_figures.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/context.h"

namespace onderdak::indicators {

std::optional<double> FacilityFigures::occupancy() const {
  if (places <= 0) return std::nullopt;
  return static_cast<double>(occupied) / static_cast<double>(places);
}

std::optional<double> FacilityFigures::average_occupancy() const {
  if (place_nights <= 0) return std::nullopt;
  return static_cast<double>(bed_nights) / static_cast<double>(place_nights);
}

std::optional<double> FacilityFigures::to_housing_share() const {
  if (exits <= 0) return std::nullopt;
  return static_cast<double>(exits_to_housing) / static_cast<double>(exits);
}

namespace {

// Nights a stay spent in the period: the night of day d (to d + 1) is spent when
// start <= d and d is before the day of leaving; an open stay is still there at the end
// of its known last day, so that night counts.
std::int64_t NightsIn(const core::Period& p, core::Date start, const std::optional<core::Date>& end,
                      core::Date known_end) {
  const core::Date last_night = end ? end->AddDays(-1) : known_end;
  const core::Date from = std::max(start, p.first());
  const core::Date to = std::min(last_night, p.last());
  return to < from ? 0 : static_cast<std::int64_t>(to - from) + 1;
}

std::optional<double> MedianOrNothing(std::vector<std::int64_t> xs) {
  if (xs.empty()) return std::nullopt;
  return Median(std::move(xs));
}

// The organisation's selection of the period: which deliveries count, the location of
// each facility instance, and the shelter stays.
class Selection {
 public:
  Selection(const Context& ctx, std::string_view organisation) : ctx_(ctx), data_(ctx.data()) {
    const auto& deliveries = data_.deliveries;
    ours_.assign(deliveries.size(), 0);
    for (std::size_t d = 0; d < deliveries.size(); ++d) {
      const auto di = static_cast<std::int32_t>(d);
      if (deliveries[d].organisation == organisation && ctx.InPeriodScope(di)) ours_[d] = 1;
    }
    facilities_ = ctx.Select(
        data_.facilities, [](const domain::Facility& f) { return f.delivery; },
        [&](std::int32_t d) { return Ours(d); });
    // A facility re-delivered in another period is one location: the stays of either
    // delivery find the selected (latest) record by (region, record_id).
    for (auto f : facilities_) {
      const auto& fac = data_.facilities[static_cast<std::size_t>(f)];
      by_key_[{ctx.RegionOf(fac.delivery), fac.record_id}] = f;
    }
    const auto& all = ctx.period_shelter_stays();
    for (std::size_t k = 0; k < all.size(); ++k) {
      if (Ours(ctx.DeliveryOfPerson(data_.service_episodes[static_cast<std::size_t>(all[k])].person))) {
        stays_.push_back(all[k]);
        stay_positions_.push_back(k);
      }
    }
  }

  bool Ours(std::int32_t d) const { return ours_[static_cast<std::size_t>(d)] != 0; }
  const std::vector<std::int32_t>& facilities() const { return facilities_; }
  const std::vector<std::int32_t>& stays() const { return stays_; }
  // The position of stays()[n] in ctx.period_shelter_stays().
  std::size_t PositionOf(std::size_t n) const { return stay_positions_[n]; }

  // The selected facility of a stay, or -1 (no location, or one not in the selection).
  std::int32_t FacilityOf(const domain::ServiceEpisode& s) const {
    if (s.facility < 0 || static_cast<std::size_t>(s.facility) >= data_.facilities.size()) return -1;
    const auto& fac = data_.facilities[static_cast<std::size_t>(s.facility)];
    auto it = by_key_.find({ctx_.RegionOf(fac.delivery), fac.record_id});
    return it == by_key_.end() ? -1 : it->second;
  }
  // The region index a stay counts in: its location's, or without one its delivery's.
  std::int32_t RegionOfStay(const domain::ServiceEpisode& s, std::int32_t facility) const {
    return ctx_.RegionOf(facility >= 0 ? data_.facilities[static_cast<std::size_t>(facility)].delivery
                                       : ctx_.DeliveryOfPerson(s.person));
  }
  core::Date KnownEnd(const domain::ServiceEpisode& s) const {
    return ctx_.KnownEnd(s.end, ctx_.DeliveryOfPerson(s.person));
  }

 private:
  const Context& ctx_;
  const domain::Dataset& data_;
  std::vector<char> ours_;
  std::vector<std::int32_t> facilities_;
  std::vector<std::int32_t> stays_;
  std::vector<std::size_t> stay_positions_;
  std::map<std::pair<std::int32_t, std::string_view>, std::int32_t> by_key_;
};

core::Result<Context> ContextFor(const Prepared& prepared, const ProviderRequest& request, Request& base) {
  if (request.organisation.empty()) return core::Status::InvalidInput("provider figures need an organisation");
  base.period = request.period;
  base.only_regions = request.regions;
  base.national = false;
  return Context::Build(prepared.internals(), base);
}

// The places in force on each day of the period at one facility instance: per room size
// the capacity row with the latest valid_from on or before the day (A1's rule, every day).
struct CapacityInForce {
  std::int64_t places_on_last_day = 0;
  std::int64_t single_room_places = 0;
  std::int64_t place_nights = 0;
};

CapacityInForce CapacityOf(const std::vector<const domain::Capacity*>& rows, const core::Period& p) {
  // Per room size, the rows by valid_from (ties: the later row, as A1).
  std::map<std::string_view, std::vector<const domain::Capacity*>> by_size;
  for (const auto* c : rows) by_size[c->room_size].push_back(c);
  CapacityInForce out;
  for (auto& [size, list] : by_size) {
    std::stable_sort(list.begin(), list.end(), [](const domain::Capacity* a, const domain::Capacity* b) {
      return a->valid_from < b->valid_from;
    });
    // Row k is in force from its valid_from until the day before the next row's (of rows
    // with the same valid_from, the last one).
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (k + 1 < list.size() && list[k + 1]->valid_from == list[k]->valid_from) continue;
      const core::Date from = std::max(list[k]->valid_from, p.first());
      const core::Date to = k + 1 < list.size() ? std::min(p.last(), list[k + 1]->valid_from.AddDays(-1)) : p.last();
      if (to < from) continue;
      out.place_nights += (static_cast<std::int64_t>(to - from) + 1) * list[k]->places;
      if (to == p.last()) {  // in force on the last day
        out.places_on_last_day += list[k]->places;
        if (size == "eenpersoons") out.single_room_places += list[k]->places;
      }
    }
  }
  return out;
}

}  // namespace

core::Result<ProviderFigures> ComputeProviderFigures(const Prepared& prepared, const ProviderRequest& request) {
  Request base;
  ONDERDAK_ASSIGN_OR_RETURN(const Context ctx, ContextFor(prepared, request, base));
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  const Selection sel(ctx, request.organisation);

  ProviderFigures out;
  out.organisation = request.organisation;
  out.period = p.ToString();
  std::set<std::string> regions;
  const domain::Delivery* newest = nullptr;
  for (std::size_t d = 0; d < data.deliveries.size(); ++d) {
    if (!sel.Ours(static_cast<std::int32_t>(d))) continue;
    regions.insert(data.deliveries[d].region);
    if (newest == nullptr || NewerDelivery(data.deliveries[d], *newest)) newest = &data.deliveries[d];
  }
  if (newest != nullptr) out.organisation_name = newest->organisation_name;
  out.regions.assign(regions.begin(), regions.end());

  // Locations, keyed (region, record_id); the stays without a location per region last.
  std::map<std::pair<std::string, std::string>, FacilityFigures> rows;
  std::map<std::string, FacilityFigures> without;
  std::vector<std::vector<const domain::Capacity*>> capacity(data.facilities.size());
  for (const auto& c : data.capacity) {
    if (c.facility >= 0 && static_cast<std::size_t>(c.facility) < capacity.size()) {
      capacity[static_cast<std::size_t>(c.facility)].push_back(&c);
    }
  }
  for (auto f : sel.facilities()) {
    const auto& fac = data.facilities[static_cast<std::size_t>(f)];
    const std::string& region = ctx.regions()[static_cast<std::size_t>(ctx.RegionOf(fac.delivery))];
    FacilityFigures& row = rows[{region, fac.record_id}];
    row.region = region;
    row.facility = fac.record_id;
    row.name = fac.name;
    row.municipality = fac.municipality;
    row.service_type = std::string(fac.service_type);
    const auto cap = CapacityOf(capacity[static_cast<std::size_t>(f)], p);
    row.places = cap.places_on_last_day;
    row.single_room_places = cap.single_room_places;
    row.place_nights = cap.place_nights;
  }

  std::map<FacilityFigures*, std::vector<std::int64_t>> ended_days;
  std::map<FacilityFigures*, std::set<std::string_view>> persons;
  const auto overlapping = OverlapsOtherOrganisation(ctx);
  for (std::size_t n = 0; n < sel.stays().size(); ++n) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(sel.stays()[n])];
    const auto f = sel.FacilityOf(s);
    const std::string& region = ctx.regions()[static_cast<std::size_t>(sel.RegionOfStay(s, f))];
    FacilityFigures* row = nullptr;
    if (f >= 0) {
      row = &rows.at({region, data.facilities[static_cast<std::size_t>(f)].record_id});
    } else {
      row = &without[region];
      row->region = region;
    }
    const core::Date known_end = sel.KnownEnd(s);
    ++row->stays;
    persons[row].insert(data.persons[static_cast<std::size_t>(s.person)].pseudonym);
    row->bed_nights += NightsIn(p, s.start, s.end, known_end);
    if (s.start <= p.last() && p.last() <= known_end) ++row->occupied;
    if (overlapping[sel.PositionOf(n)]) ++row->overlapping_other_provider;
    if (s.end && p.Contains(*s.end)) {
      const std::int64_t days = static_cast<std::int64_t>(*s.end - s.start) + 1;
      ++row->ended;
      ended_days[row].push_back(days);
      if (days > 90) ++row->ended_over_90_days;
      if (s.exit_destination != "andere_opvang" && s.exit_destination != "overleden") {
        ++row->exits;
        if (IsHousingExit(s.exit_destination)) ++row->exits_to_housing;
      }
    }
  }
  for (auto& [row, days] : ended_days) row->ended_median_days = MedianOrNothing(std::move(days));
  for (auto& [row, set] : persons) row->persons = static_cast<std::int64_t>(set.size());
  for (auto& [key, row] : rows) out.facilities.push_back(std::move(row));
  for (auto& [region, row] : without) out.facilities.push_back(std::move(row));

  // Waiting lists: the organisation's entries, P3/P4's rules.
  auto entries = ctx.Select(
      data.waiting_list, [&](const domain::WaitingEntry& w) { return ctx.DeliveryOfPerson(w.person); },
      [&](std::int32_t d) { return sel.Ours(d); });
  struct Lists {
    WaitingListFigures fig;
    std::vector<std::int64_t> placed_days, waiting_days;
  };
  std::map<std::pair<std::string, std::string_view>, Lists> lists;
  for (auto i : entries) {
    const auto& w = data.waiting_list[static_cast<std::size_t>(i)];
    const auto d = ctx.DeliveryOfPerson(w.person);
    const std::string& region = ctx.regions()[static_cast<std::size_t>(ctx.RegionOf(d))];
    Lists& l = lists[{region, w.waiting_list_type}];
    if (p.Contains(w.registered)) ++l.fig.registered;
    if (w.end && p.Contains(*w.end) && w.outcome == "geplaatst") l.placed_days.push_back(*w.end - w.registered);
    if (w.registered <= p.last() && ctx.KnownEnd(w.end, d) >= p.last()) {
      l.waiting_days.push_back(p.last() - w.registered);
    }
  }
  for (auto& [key, l] : lists) {
    l.fig.region = key.first;
    l.fig.waiting_list_type = std::string(key.second);
    l.fig.placed = static_cast<std::int64_t>(l.placed_days.size());
    l.fig.placed_median_days = MedianOrNothing(std::move(l.placed_days));
    l.fig.waiting = static_cast<std::int64_t>(l.waiting_days.size());
    l.fig.waiting_median_days = MedianOrNothing(std::move(l.waiting_days));
    out.waiting.push_back(std::move(l.fig));
  }
  return out;
}

core::Result<std::vector<ProviderStay>> ProviderStays(const Prepared& prepared, const ProviderRequest& request,
                                                      std::string_view region, std::string_view facility) {
  Request base;
  ONDERDAK_ASSIGN_OR_RETURN(const Context ctx, ContextFor(prepared, request, base));
  const auto& data = ctx.data();
  const Selection sel(ctx, request.organisation);
  std::vector<ProviderStay> out;
  for (auto i : sel.stays()) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(i)];
    const auto f = sel.FacilityOf(s);
    if (ctx.regions()[static_cast<std::size_t>(sel.RegionOfStay(s, f))] != region) continue;
    const std::string_view at = f < 0 ? std::string_view() : data.facilities[static_cast<std::size_t>(f)].record_id;
    if (at != facility) continue;
    const core::Date known_end = sel.KnownEnd(s);
    out.push_back({.record_id = s.record_id,
                   .pseudonym = data.persons[static_cast<std::size_t>(s.person)].pseudonym.str(),
                   .start = s.start,
                   .end = s.end,
                   .known_end = known_end,
                   .length_days = static_cast<std::int64_t>(known_end - s.start) + 1,
                   .nights_in_period = NightsIn(ctx.period(), s.start, s.end, known_end),
                   .exit_destination = std::string(s.exit_destination)});
  }
  std::sort(out.begin(), out.end(), [](const ProviderStay& a, const ProviderStay& b) {
    return std::tie(a.start, a.record_id) < std::tie(b.start, b.record_id);
  });
  return out;
}

}  // namespace onderdak::indicators
