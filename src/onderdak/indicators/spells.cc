#include "onderdak/indicators/spells.h"

#include <algorithm>
#include <span>
#include <utility>

#include "onderdak/indicators/context.h"

namespace onderdak::indicators {
namespace {

bool HasPersonFiles(const domain::Delivery& d) {
  return std::any_of(d.files.begin(), d.files.end(),
                     [](const std::string& f) { return f == "living_situations" || f == "service_episodes"; });
}

// Merges the episodes of one person that `wanted` keeps into spells (overlapping or
// touching: next start <= end + 1) and appends them to `unit`.
template <typename Wanted>
void AppendSpells(const Context& ctx, std::int32_t pid, std::span<const HomelessEpisode> eps, Wanted wanted,
                  const std::vector<std::pair<std::int32_t, std::int32_t>>& housed_exits, SpellUnit& unit) {
  bool have = false;
  Spell cur;
  bool counted_person = false;
  auto flush = [&] {
    if (!have) return;
    const int age = ctx.AgeAt(pid, cur.start);
    if (!ctx.definition().AgeCounts(age)) return;
    if (!counted_person) {
      counted_person = true;
      ++unit.persons;
    }
    cur.person = unit.persons - 1;
    cur.ongoing = cur.end >= unit.last;
    cur.housed = !cur.ongoing && std::binary_search(housed_exits.begin(), housed_exits.end(),
                                                    std::pair<std::int32_t, std::int32_t>{pid, cur.end.days()});
    // P2's rule: an episode anywhere ending in the 24 months before the start.
    const core::Date from = cur.start.AddMonths(-24);
    cur.first_time = true;
    for (const auto& e : eps) {
      if (e.start >= cur.start) break;
      if (e.end >= from) {
        cur.first_time = false;
        break;
      }
    }
    unit.spells.push_back(cur);
  };
  for (const auto& e : eps) {
    if (!wanted(e)) continue;
    if (have && e.start <= cur.end.AddDays(1)) {
      cur.end = std::max(cur.end, e.end);
      continue;
    }
    flush();
    have = true;
    cur = Spell{.start = e.start, .end = e.end};
  }
  flush();
}

}  // namespace

core::Result<std::vector<SpellUnit>> HomelessSpells(const Prepared& prepared, const SpellRequest& request) {
  const PreparedData& prep = prepared.internals();
  if (!prep.status.ok()) return prep.status;
  const domain::Dataset& data = *prep.data;
  Request req;
  req.definition = request.definition;
  auto built = Context::Build(prep, req);
  if (!built.ok()) return built.status();
  const Context& ctx = *built;
  const auto& regions = ctx.regions();
  const std::size_t nr = regions.size();

  // The window and the half-years each region delivered person-level records for.
  std::vector<SpellUnit> units(nr);
  std::vector<char> has(nr, 0);
  for (std::size_t d = 0; d < data.deliveries.size(); ++d) {
    const auto di = static_cast<std::int32_t>(d);
    if (!ctx.Current(di) || !HasPersonFiles(data.deliveries[d])) continue;
    const auto r = static_cast<std::size_t>(ctx.RegionOf(di));
    const auto& del = data.deliveries[d];
    SpellUnit& u = units[r];
    if (!has[r]) {
      has[r] = 1;
      u.code = regions[r];
      u.regions = {regions[r]};
      u.first = del.period_first;
      u.last = del.period_last;
    }
    u.first = std::min(u.first, del.period_first);
    u.last = std::max(u.last, del.period_last);
    for (core::Date at = del.period_first; at <= del.period_last; at = at.AddMonths(6)) {
      const core::Period h = core::Period::HalfYearOf(at);
      if (std::find(u.delivered.begin(), u.delivered.end(), h) == u.delivered.end()) u.delivered.push_back(h);
    }
  }
  for (auto& u : units) std::sort(u.delivered.begin(), u.delivered.end());

  std::int32_t wanted_region = -1;
  if (!request.region.empty()) {
    const auto it = std::lower_bound(regions.begin(), regions.end(), request.region);
    if (it == regions.end() || *it != request.region || !has[static_cast<std::size_t>(it - regions.begin())]) {
      return core::Status::NotFound("region " + request.region + ": no person-level deliveries");
    }
    wanted_region = static_cast<std::int32_t>(it - regions.begin());
  }
  const bool national = request.national && request.region.empty();

  // National: the regions that delivered the latest half-year any region delivered.
  SpellUnit nl;
  std::vector<char> covered(nr, 0);
  if (national) {
    nl.code = "NL";
    bool any = false;
    for (std::size_t r = 0; r < nr; ++r) {
      if (!has[r]) continue;
      nl.last = any ? std::max(nl.last, units[r].last) : units[r].last;
      any = true;
    }
    if (!any) return core::Status::NotFound("no person-level deliveries");
    bool first_set = false;
    for (std::size_t r = 0; r < nr; ++r) {
      if (!has[r]) continue;
      if (units[r].last != nl.last) {
        nl.left_out.push_back(regions[r]);
        continue;
      }
      covered[r] = 1;
      nl.regions.push_back(regions[r]);
      nl.first = first_set ? std::min(nl.first, units[r].first) : units[r].first;
      first_set = true;
      for (const auto& h : units[r].delivered) {
        if (std::find(nl.delivered.begin(), nl.delivered.end(), h) == nl.delivered.end()) nl.delivered.push_back(h);
      }
    }
    std::sort(nl.delivered.begin(), nl.delivered.end());
  }

  // Exits from shelter to housing, as (pid, day of the exit).
  std::vector<std::pair<std::int32_t, std::int32_t>> housed_exits;
  for (std::size_t i = 0; i < data.service_episodes.size(); ++i) {
    const auto& s = data.service_episodes[i];
    if (!s.end || !IsHousingExit(s.exit_destination) || !ctx.IsShelter(static_cast<std::int32_t>(i))) continue;
    if (!ctx.Current(ctx.DeliveryOfPerson(s.person))) continue;
    housed_exits.emplace_back(ctx.PidOf(s.person), s.end->days());
  }
  std::sort(housed_exits.begin(), housed_exits.end());

  std::vector<std::int32_t> regions_of_pid;
  for (std::int32_t pid = 0; static_cast<std::size_t>(pid) < ctx.pid_count(); ++pid) {
    const auto eps = ctx.EpisodesOf(pid);
    if (eps.empty()) continue;
    regions_of_pid.clear();
    for (const auto& e : eps) {
      if (std::find(regions_of_pid.begin(), regions_of_pid.end(), e.region) == regions_of_pid.end()) {
        regions_of_pid.push_back(e.region);
      }
    }
    for (auto r : regions_of_pid) {
      if (wanted_region >= 0 && r != wanted_region) continue;
      if (!has[static_cast<std::size_t>(r)]) continue;
      AppendSpells(
          ctx, pid, eps, [r](const HomelessEpisode& e) { return e.region == r; }, housed_exits,
          units[static_cast<std::size_t>(r)]);
    }
    if (national) {
      AppendSpells(
          ctx, pid, eps, [&](const HomelessEpisode& e) { return covered[static_cast<std::size_t>(e.region)] != 0; },
          housed_exits, nl);
    }
  }

  std::vector<SpellUnit> out;
  for (std::size_t r = 0; r < nr; ++r) {
    if (has[r] && (wanted_region < 0 || static_cast<std::int32_t>(r) == wanted_region)) {
      out.push_back(std::move(units[r]));
    }
  }
  if (national) out.push_back(std::move(nl));
  return out;
}

}  // namespace onderdak::indicators
