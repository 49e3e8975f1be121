// A1 shelter capacity: locations, places and rooms by room size at the period's end, the
// share of places in single rooms, and occupancy from the person-level data.
// Definitions: docs/indicators.md §4.1.
#include <algorithm>
#include <unordered_map>

#include "onderdak/indicators/aggregate.h"
#include "onderdak/indicators/families.h"

namespace onderdak::indicators {

core::Status ComputeA1(const Context& ctx, std::vector<Figure>& out) {
  const auto& data = ctx.data();
  const core::Period& p = ctx.period();
  const core::Date at = p.last();
  auto facilities = ctx.Select(
      data.facilities, [](const domain::Facility& f) { return f.delivery; },
      [&](std::int32_t d) { return ctx.InPeriodScope(d); });
  std::vector<char> selected(data.facilities.size(), 0);
  std::unordered_map<std::string, std::int32_t> by_key;  // organisation|record_id -> facility
  for (auto f : facilities) {
    selected[static_cast<std::size_t>(f)] = 1;
    const auto& fac = data.facilities[static_cast<std::size_t>(f)];
    by_key[data.deliveries[static_cast<std::size_t>(fac.delivery)].organisation + "|" + fac.record_id] = f;
  }
  // The capacity row in force at the period's end per (facility, room size): latest valid_from <= end.
  std::unordered_map<std::string, std::int32_t> in_force;
  for (std::size_t i = 0; i < data.capacity.size(); ++i) {
    const auto& c = data.capacity[i];
    if (c.facility < 0 || static_cast<std::size_t>(c.facility) >= data.facilities.size()) {
      return core::Status::Internal("capacity " + c.record_id + ": facility index out of range");
    }
    if (!selected[static_cast<std::size_t>(c.facility)] || c.valid_from > at) continue;
    const std::string key = std::to_string(c.facility) + "|" + std::string(c.room_size);
    auto [it, inserted] = in_force.try_emplace(key, static_cast<std::int32_t>(i));
    if (!inserted && data.capacity[static_cast<std::size_t>(it->second)].valid_from <= c.valid_from)
      it->second = static_cast<std::int32_t>(i);
  }
  std::vector<std::int64_t> facility_places(data.facilities.size(), 0);
  RegionSums sums(ctx, "A1", {"facilities", "capacity"}, false);
  const bool by_municipality = ctx.BreakdownWanted("municipality");
  std::vector<std::pair<std::int64_t, std::int32_t>> rows;  // sorted for a stable order
  for (const auto& [key, i] : in_force) rows.push_back({i, i});
  std::sort(rows.begin(), rows.end());
  for (const auto& [unused, i] : rows) {
    const auto& c = data.capacity[static_cast<std::size_t>(i)];
    const auto& fac = data.facilities[static_cast<std::size_t>(c.facility)];
    const auto region = ctx.RegionOf(fac.delivery);
    facility_places[static_cast<std::size_t>(c.facility)] += c.places;
    sums.Add(region, "places", "total", Unit::kPlaces, static_cast<double>(c.places));
    sums.Add(region, "places", "room_size=" + std::string(c.room_size), Unit::kPlaces, static_cast<double>(c.places));
    sums.Add(region, "places", "service_type=" + std::string(fac.service_type), Unit::kPlaces,
             static_cast<double>(c.places));
    sums.Add(region, "rooms", "total", Unit::kRecords, static_cast<double>(c.rooms));
    sums.Add(region, "rooms", "room_size=" + std::string(c.room_size), Unit::kRecords, static_cast<double>(c.rooms));
    sums.AddShare(region, "single_room_places_share", "total", c.room_size == "eenpersoons" ? c.places : 0, c.places);
    // Per municipality of the location (seed 002: single rooms against dormitories per
    // gemeente), with the `municipality` breakdown.
    if (by_municipality) {
      const std::string cell = "municipality=" + fac.municipality;
      sums.Add(region, "places", cell, Unit::kPlaces, static_cast<double>(c.places));
      sums.AddShare(region, "single_room_places_share", cell, c.room_size == "eenpersoons" ? c.places : 0, c.places);
    }
  }
  std::vector<std::int64_t> region_places(ctx.regions().size(), 0);
  for (auto f : facilities) {
    const auto& fac = data.facilities[static_cast<std::size_t>(f)];
    const auto places = facility_places[static_cast<std::size_t>(f)];
    sums.Add(ctx.RegionOf(fac.delivery), "locations", "total", Unit::kRecords, places > 0 ? 1 : 0);
    region_places[static_cast<std::size_t>(ctx.RegionOf(fac.delivery))] += places;
  }
  // Occupancy: shelter stays ongoing on the last day at a listed facility, per place.
  std::vector<std::int64_t> occupied(ctx.regions().size(), 0);
  const auto& stays = ctx.period_shelter_stays();
  for (auto i : stays) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(i)];
    if (s.facility < 0) continue;
    const auto d = ctx.DeliveryOfPerson(s.person);
    if (!(s.start <= at && at <= ctx.KnownEnd(s.end, d))) continue;
    const auto& fac = data.facilities[static_cast<std::size_t>(s.facility)];
    auto it = by_key.find(data.deliveries[static_cast<std::size_t>(fac.delivery)].organisation + "|" + fac.record_id);
    if (it == by_key.end()) continue;
    ++occupied[static_cast<std::size_t>(ctx.RegionOf(data.facilities[static_cast<std::size_t>(it->second)].delivery))];
  }
  for (std::size_t r = 0; r < region_places.size(); ++r) {
    if (region_places[r] > 0)
      sums.AddShare(static_cast<std::int32_t>(r), "occupancy", "total", occupied[r], region_places[r]);
  }
  sums.Emit(out, at);
  return core::Status::Ok();
}

}  // namespace onderdak::indicators
