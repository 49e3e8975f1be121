// P2 and P7 in the ground truth (docs/indicators.md §P2, §P7): a pseudonym's homelessness
// episodes over every region and period, as the current deliveries make them known, built
// from the simulated world and the delivery plan. The engine's rules restated, not called:
// - an episode is an ETHOS 1-3 living situation an organisation registers, or a shelter
//   stay; it is known from its start to its end or, while ongoing at a delivery, to the
//   last day of the latest delivered half-year it overlaps (§2.1 open-ended records);
// - a spell is a run of episodes that overlap or touch (next start <= end + 1 day);
//   regionally from the region's own episodes, nationally from all;
// - P2 counts a pseudonym in a half-year when a spell starts in it with an episode from a
//   delivery for that half-year; first-time when no episode overlaps the 24 calendar
//   months before the start; a pseudonym with several such spells is represented by the
//   earliest;
// - P7's cohort: shelter stays ending in the half-year (delivered for it) with a housing
//   exit, a pseudonym represented by its earliest exit; returned: an episode anywhere
//   starting after the exit and on or before the exit plus 6, 12 or 24 months. P10's
//   cells take the exits at which the person is 18 to 26.
#include <algorithm>
#include <optional>

#include "onderdak/synth/ground_truth_parts.h"

namespace onderdak::synth::detail {
namespace {

struct Episode {
  std::size_t region;
  Date start, end;  // end: as known from the deliveries
};

struct Exit {
  std::size_t region, half;
  Date date;
  bool young;
};

// The end of [start, end] in `region` as the deliveries make it known; nullopt when no
// delivered half-year overlaps it.
std::optional<Date> KnownEnd(const DeliveryPlan& plan, std::size_t region, Date start, Date end) {
  std::optional<Date> known;
  for (std::size_t h = 0; h < plan.halves.size(); ++h) {
    const Period& p = plan.halves[h];
    if (!plan.delivered[region][h] || !Overlaps(start, end, p)) continue;
    const Date e = std::min(end, p.last());
    if (!known || e > *known) known = e;
  }
  return known;
}

// The episodes and housing exits the organisations `orgs` deliver of person `p`.
void Collect(const DeliveryPlan& plan, const Person& p, Orgs orgs, std::vector<Episode>& episodes,
             std::vector<Exit>& exits) {
  for (const Spell& s : p.spells) {
    const auto r = static_cast<std::size_t>(s.region);
    const auto& region_orgs = plan.orgs[r];
    for (const Segment& seg : s.segments) {
      if (!IsHomelessEthos(seg.ethos)) continue;
      bool registered = false;
      for (const auto& org : region_orgs) registered = registered || (Counts(orgs, org.kind) && Registers(org, s, seg));
      if (!registered) continue;
      if (auto end = KnownEnd(plan, r, seg.start, seg.end)) episodes.push_back({r, seg.start, *end});
    }
    const bool shelter = std::any_of(region_orgs.begin(), region_orgs.end(), [&](const Organisation& o) {
      return o.kind == OrgKind::kShelter && Counts(orgs, o.kind);
    });
    if (!shelter) continue;
    for (const Stay& st : s.stays) {
      if (!Flagged("service_type", st.service_type)) continue;  // a shelter stay
      if (auto end = KnownEnd(plan, r, st.start, st.end)) episodes.push_back({r, st.start, *end});
      for (std::size_t h = 0; h < plan.halves.size(); ++h) {
        if (plan.delivered[r][h] && plan.halves[h].Contains(st.end) && Flagged("exit_destination", st.exit)) {
          exits.push_back({r, h, st.end, IsYoung(p.birth, st.end)});
        }
      }
    }
  }
}

// Whether an episode overlaps the 24 calendar months before `start`.
bool SeenBefore(const std::vector<Episode>& eps, Date start) {
  const Date from = start.AddMonths(-24);
  return std::any_of(eps.begin(), eps.end(), [&](const Episode& e) { return e.start < start && e.end >= from; });
}

// Per cell, the pseudonym's earliest spell start and whether that spell is first-time.
struct Start {
  Date date;
  bool first_time;
};

class InflowCells {
 public:
  InflowCells(const DeliveryPlan& plan, std::size_t cells) : plan_(plan), best_(cells) {}

  // The spells of `eps` (sorted by start) restricted to `region` (all when nullopt).
  void Spells(const std::vector<Episode>& eps, std::optional<std::size_t> region, std::size_t cell_region) {
    const std::size_t nh = plan_.halves.size();
    bool open = false;
    Date end;
    for (std::size_t i = 0; i < eps.size(); ++i) {
      const Episode& e = eps[i];
      if (region && e.region != *region) continue;
      if (open && e.start <= end.AddDays(1)) {
        end = std::max(end, e.end);
        continue;
      }
      open = true;
      end = e.end;
      for (std::size_t h = 0; h < nh; ++h) {
        if (!plan_.halves[h].Contains(e.start)) continue;
        // From a delivery for the half-year: an episode of the same start whose region
        // delivered it.
        bool in_scope = false;
        for (const Episode& o : eps) {
          in_scope =
              in_scope || (o.start == e.start && (!region || o.region == *region) && plan_.delivered[o.region][h]);
        }
        if (!in_scope) continue;
        auto& best = best_[cell_region * nh + h];
        if (!best || e.start < best->date) best = Start{e.start, !SeenBefore(eps, e.start)};
      }
    }
  }
  // Counts the pseudonym's cells and forgets them.
  void Count(std::vector<std::int64_t>& inflow, std::vector<std::int64_t>& first_time) {
    for (std::size_t c = 0; c < best_.size(); ++c) {
      if (!best_[c]) continue;
      ++inflow[c];
      first_time[c] += best_[c]->first_time ? 1 : 0;
      best_[c].reset();
    }
  }

 private:
  const DeliveryPlan& plan_;
  std::vector<std::optional<Start>> best_;
};

}  // namespace

FlowFigures Flows(const DeliveryPlan& plan, const World& world) {
  const std::size_t nr = plan.ref.regions().size(), nh = plan.halves.size(), cells = (nr + 1) * nh;
  FlowFigures out;
  out.inflow.assign(cells, 0);
  out.first_time.assign(cells, 0);
  for (int y = 0; y < 2; ++y) {
    out.cohort[y].assign(cells, 0);
    for (auto& r : out.returned[y]) r.assign(cells, 0);
  }
  InflowCells inflow(plan, cells);
  constexpr std::array<int, 3> kMonths = {6, 12, 24};
  const auto units = LinkUnits(world);
  for (std::size_t u = 0; u < units.size();) {
    std::vector<Episode> eps;
    std::vector<Exit> exits;
    std::size_t v = u;
    for (; v < units.size() && units[v].id == units[u].id; ++v) {
      Collect(plan, world.persons[units[v].person], units[v].orgs, eps, exits);
    }
    u = v;
    std::sort(eps.begin(), eps.end(), [](const Episode& a, const Episode& b) { return a.start < b.start; });
    // P2: each region's own spells, and the national ones.
    std::vector<std::size_t> regions;
    for (const Episode& e : eps) {
      if (std::find(regions.begin(), regions.end(), e.region) == regions.end()) regions.push_back(e.region);
    }
    for (std::size_t r : regions) inflow.Spells(eps, r, r);
    inflow.Spells(eps, std::nullopt, nr);
    inflow.Count(out.inflow, out.first_time);
    // P7: per cell the earliest exit (of the young, for P10), and whether it was followed
    // by a return within each window. Equal dates: a return counts (the engine's order).
    for (int young = 0; young < 2; ++young) {
      std::vector<std::optional<Date>> earliest(cells);
      std::vector<std::array<bool, 3>> returned(cells);
      for (const Exit& x : exits) {
        if (young == 1 && !x.young) continue;
        std::array<bool, 3> back{};
        for (std::size_t m = 0; m < kMonths.size(); ++m) {
          const Date until = x.date.AddMonths(kMonths[m]);
          back[m] = std::any_of(eps.begin(), eps.end(),
                                [&](const Episode& e) { return e.start > x.date && e.start <= until; });
        }
        for (const std::size_t c : {x.region * nh + x.half, nr * nh + x.half}) {
          if (!earliest[c] || x.date < *earliest[c]) {
            earliest[c] = x.date;
            returned[c] = back;
          } else if (x.date == *earliest[c]) {
            for (std::size_t m = 0; m < 3; ++m) returned[c][m] = returned[c][m] || back[m];
          }
        }
      }
      for (std::size_t c = 0; c < cells; ++c) {
        if (!earliest[c]) continue;
        ++out.cohort[young][c];
        for (std::size_t m = 0; m < 3; ++m) out.returned[young][m][c] += returned[c][m] ? 1 : 0;
      }
    }
  }
  return out;
}

void PutFlows(nlohmann::ordered_json& f, const FlowFigures& x, std::size_t cell) {
  f["P2"]["inflow"]["total"] = x.inflow[cell];
  f["P2"]["first_time"]["total"] = x.first_time[cell];
  if (x.inflow[cell] > 0) {
    f["P2"]["first_time_share"]["total"] =
        static_cast<double>(x.first_time[cell]) / static_cast<double>(x.inflow[cell]);
  }
  for (int young = 0; young < 2; ++young) {
    const char* indicator = young == 1 ? "P10" : "P7";
    const std::string prefix = young == 1 ? "P7." : "";
    const std::int64_t cohort = x.cohort[young][cell];
    f[indicator][prefix + "cohort"]["total"] = cohort;
    const char* windows[] = {"6m", "12m", "24m"};
    for (std::size_t m = 0; m < 3; ++m) {
      const std::string name = prefix + "returned_" + windows[m];
      f[indicator][name]["total"] = x.returned[young][m][cell];
      if (cohort > 0) {
        f[indicator][name + "_share"]["total"] =
            static_cast<double>(x.returned[young][m][cell]) / static_cast<double>(cohort);
      }
    }
  }
}

}  // namespace onderdak::synth::detail
