// Internal to the generator (not installed, not for other layers): the simulated world
// that generator.cc builds and writes and ground_truth.cc counts. Everything here is a
// plain value or a small pure function over it; see generator.h for what the world holds.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/domain/reference.h"
#include "onderdak/synth/generator.h"

namespace onderdak::synth::detail {

using core::Date;
using core::Period;

// ---------------------------------------------------------------------------------------
// Randomness. std::mt19937_64 output is fixed by the standard; the std distributions are
// not, so the few we need are integer-only and defined here.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n), n > 0, without modulo bias (rejection of the top remainder).
  std::uint64_t Below(std::uint64_t n) {
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return x % n;
  }
  // Uniform integer in [lo, hi].
  int Between(int lo, int hi) {
    const std::int64_t width = static_cast<std::int64_t>(hi) - lo + 1;
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(width)));
  }
  // True with probability per_mille / 1000.
  bool Chance(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }
  // Index drawn with the given integer weights (at least one positive).
  template <typename Weights>
  std::size_t Pick(const Weights& weights) {
    std::uint64_t total = 0;
    for (auto w : weights) total += static_cast<std::uint64_t>(w);
    std::uint64_t x = Below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const auto w = static_cast<std::uint64_t>(weights[i]);
      if (x < w) return i;
      x -= w;
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

// ---------------------------------------------------------------------------------------
// Codes. Each weighted table names its codes once; Resolve() checks every one against the
// code lists, so a renamed code fails loudly (Internal) instead of writing a stale value.
struct WeightedCode {
  std::string_view code;
  int weight;
};

struct CodeTable {
  std::vector<std::string_view> codes;  // views into the static code lists
  std::vector<int> weights;
  std::string_view Draw(Rng& rng) const { return codes[rng.Pick(weights)]; }
  std::string_view Get(std::string_view code) const {
    for (auto c : codes) {
      if (c == code) return c;
    }
    return codes.front();  // unreachable after Resolve(); keeps the function total
  }
};

struct Codes {
  CodeTable gender, nationality, household, need, cause, shelter_type, final_exit, ethos, between_exit;
  const domain::CodeList* exit_list = nullptr;
  // Requests and waiting lists.
  CodeTable not_granted, refusal_reason, any_reason, wait_type, wait_outcome;
  // Capacity, housing places and the region's figures.
  CodeTable room_size, housing_kind, housing_status, funding_line, plan_status, budget_theme, signal_outcome;
  CodeTable any_service;  // every service type, for the large single delivery
};

// ---------------------------------------------------------------------------------------
// The true world: persons and their homeless spells.

struct Stay {
  std::string_view service_type;
  int municipality = 0;  // index into the region's members
  Date start, end;
  std::string_view exit;
};

// An application for shelter and its decision (requests.csv). `decided` >= `date`.
struct Request {
  Date date, decided;
  std::string_view service_type, decision, reason;
  int municipality = 0;  // index into the region's members
  int referred = -1;     // index into ReferenceSet::regions() for doorverwezen
};

// A waiting-list entry (waiting_list.csv); `end` >= `registered`.
struct WaitEntry {
  std::string_view type, outcome;
  Date registered, end;
};

struct Segment {  // one living situation
  std::string_view ethos;
  Date start, end;
  int stay = -1;  // index into Spell::stays when the person is in that shelter
};

struct Spell {
  int region = 0;  // index into ReferenceSet::regions()
  std::vector<Segment> segments;
  std::vector<Stay> stays;
  bool outreach_knows = false;           // the outreach team registers the non-shelter segments
  bool briefadres_knows = false;         // the briefadres registration does so too
  std::vector<std::string_view> causes;  // at intake (first stay)
  Date need_date;                        // assessed at the first stay
  // Added after the world is built, from their own random stream (AddAccessRecords); all
  // dates lie within [first(), last()].
  std::vector<Request> requests;
  std::vector<WaitEntry> waits;
  Date first() const { return segments.front().start; }
  Date last() const { return segments.back().end; }
};

struct Person {
  std::string bsn;  // empty: delivered with the linkage key instead
  std::string initials;
  Date birth;
  std::string_view gender, nationality, household, need;
  std::string origin;  // municipality of origin, may be empty
  std::vector<Spell> spells;
  // Planted linkage collision (PlantLinkageCollisions): the outreach team and the
  // briefadres registration deliver this person, who has a BSN, without it (with
  // `initials` and `birth`), so the person has two pseudonyms.
  bool bsn_only_at_shelter = false;
};

// ETHOS 1-3, the default P1 definition, as flagged in the code list.
inline bool IsHomelessEthos(std::string_view ethos) {
  static const domain::CodeList* const kList = domain::FindCodeList("ethos");
  const domain::Code* code = kList == nullptr ? nullptr : domain::FindCode(*kList, ethos);
  return code != nullptr && code->flag;
}

struct World {
  std::vector<Person> persons;
  // Planted linkage collisions (PlantLinkageCollisions), by index into `persons`: pairs of
  // distinct persons without BSN that share a linkage key, and persons with a BSN that
  // some organisations deliver without it.
  std::vector<std::pair<std::size_t, std::size_t>> shared_key_pairs;
  std::vector<std::size_t> bsn_and_key;
};

// ---------------------------------------------------------------------------------------
// The region's aggregate world: shelter facilities and their capacity, housing-place
// projects with their funding lines, the regional plan, performance agreements, budgets,
// evictions and early-warning signals. Each part has its own random stream.

struct RegionSpell {
  std::size_t person;
  std::size_t spell;
};

constexpr std::size_t kRoomSizes = 3;  // in Codes::room_size order: eenpersoons, tweepersoons, slaapzaal

struct CapacityStep {
  Date from;
  std::array<int, kRoomSizes> rooms{}, places{};
};

struct Facility {
  int municipality = 0;  // index into the region's members
  std::string_view service_type;
  std::vector<CapacityStep> steps;  // by date; the first on the range's first day
  // The step in force on `d`; nullptr before the first.
  const CapacityStep* On(Date d) const {
    const CapacityStep* in_force = nullptr;
    for (const auto& s : steps) {
      if (s.from <= d) in_force = &s;
    }
    return in_force;
  }
};

struct FundingLine {
  std::string_view line;
  int places = 0;
};

struct Project {
  int municipality = 0;
  std::string_view kind;
  int places = 0;
  Date planned, started, realised, withdrawn;
  bool is_withdrawn = false;  // gepland -> ingetrokken instead of gestart -> gerealiseerd
  std::string owner;
  std::vector<FundingLine> lines;
};

struct Plan {
  Date preparing, adopted;
  bool adopts = false;  // adopted on `adopted`; otherwise in preparation from `preparing` on
  bool aligned = false, shelter_in_origin = false, with_lived_experience = false;
  int wonen_eerst_year = 0, policy_base = 0, execution_base = 0;
};

struct Agreement {
  int municipality = 0;
  int start_year = 0, covers_from_year = 0;
  int places = 0, rate = 0;  // places agreed once covering; percent realised per half-year
};

// An agreement as delivered for a half-year: listed from its start year on; it covers
// homeless people from covers_from_year, with its places agreed and a share of them
// realised that grows by `rate` percent per half-year of covering.
struct AgreementState {
  bool listed = false, covers = false;
  int agreed = 0, realised = 0;
};
inline AgreementState AgreementIn(const Agreement& a, const Period& period) {
  AgreementState s{.listed = a.start_year <= period.year(), .covers = period.year() >= a.covers_from_year};
  if (!s.listed || !s.covers) return s;
  const int halves_covering = (period.year() - a.covers_from_year) * 2 + period.half();
  s.agreed = a.places;
  s.realised = std::min(a.places, a.places * halves_covering * a.rate / 100);
  return s;
}

// A gemeente's prevention policy (A8): a region reports on most of its gemeenten; a
// reported gemeente prepares a policy from `preparing` and adopts it on `adopted` (some
// never do), may take part in the prevention scan in `scan_year` (2021-2023, as about 90
// gemeenten did; 0: never) and has a time-out or respite facility, or not, or the region
// does not know.
struct MunicipalPrevention {
  int municipality = 0;
  bool reported = false;
  bool adopts = false;
  Date preparing, adopted;
  int scan_year = 0;
  std::string_view respite;  // "ja", "nee" or "onbekend"
};
// The row delivered for a half-year: not listed when not reported.
struct PreventionState {
  bool listed = false;
  std::string_view status{};  // code list plan_status
  bool scan = false;
  std::string_view respite{};
};
inline PreventionState PreventionIn(const MunicipalPrevention& m, const Period& period) {
  PreventionState s{.listed = m.reported, .respite = m.respite};
  if (!s.listed) return s;
  const Date last = period.last();
  s.status = m.adopts && m.adopted <= last ? "vastgesteld" : m.preparing <= last ? "in_voorbereiding" : "geen";
  s.scan = m.scan_year != 0 && m.scan_year <= period.year();
  return s;
}

struct Budget {
  std::int64_t budget = 0, spent_h1 = 0, spent_year = 0;
  // Spent by the end of the half-year (the year's spending is reported cumulatively).
  std::int64_t SpentBy(int half) const { return half == 1 ? spent_h1 : spent_year; }
};

struct Eviction {
  Date date;
  int municipality = 0;
  std::string_view household, other_housing_found;
};

struct Signal {
  Date date;
  int municipality = 0;
  std::string_view outcome;
};

struct RegionFigures {
  std::vector<Facility> facilities;
  std::map<std::pair<int, std::string_view>, std::size_t> facility_of;  // (member, service type)
  std::vector<Project> projects;
  int target = 0;  // target_extra_places of the regional plan
  Plan plan;
  std::vector<Agreement> agreements;
  std::vector<MunicipalPrevention> prevention;  // per member of the region
  int first_year = 0;
  std::vector<std::array<Budget, 3>> budgets;    // per year of the range, per theme (Codes order)
  std::vector<std::vector<Eviction>> evictions;  // per half-year of the range
  std::vector<std::vector<Signal>> signals;      // per half-year of the range
};

// The project's status on `d` with the date it was reached; empty code before planning.
inline std::pair<std::string_view, Date> ProjectStatus(const Codes& codes, const Project& p, Date d) {
  if (d < p.planned) return {std::string_view(), Date()};
  if (p.is_withdrawn) {
    return d >= p.withdrawn ? std::pair{codes.housing_status.Get("ingetrokken"), p.withdrawn}
                            : std::pair{codes.housing_status.Get("gepland"), p.planned};
  }
  if (d >= p.realised) return {codes.housing_status.Get("gerealiseerd"), p.realised};
  if (d >= p.started) return {codes.housing_status.Get("gestart"), p.started};
  return {codes.housing_status.Get("gepland"), p.planned};
}

enum class OrgKind { kShelter, kOutreach, kBriefadres, kMunicipality };
struct Organisation {
  OrgKind kind;
  std::string slug, id, name, person_prefix;
};

// Whether [start, end] overlaps the period.
inline bool Overlaps(Date start, Date end, const Period& p) { return start <= p.last() && end >= p.first(); }

// Whether the organisation registers this living situation.
inline bool Registers(const Organisation& org, const Spell& spell, const Segment& seg) {
  switch (org.kind) {
    case OrgKind::kShelter: return seg.stay >= 0;
    case OrgKind::kOutreach: return seg.stay < 0 && spell.outreach_knows && (seg.ethos == "1" || seg.ethos == "5");
    case OrgKind::kBriefadres: return seg.stay < 0 && spell.briefadres_knows;
    case OrgKind::kMunicipality: return false;
  }
  return false;
}

// The plan's status at the end of `period`.
inline std::string_view PlanStatus(const Codes& codes, const Plan& plan, const Period& period) {
  if (plan.adopts && plan.adopted <= period.last()) return codes.plan_status.Get("vastgesteld");
  if (plan.preparing <= period.last()) return codes.plan_status.Get("in_voorbereiding");
  return codes.plan_status.Get("geen");
}

// The involvement of people with lived experience (0-3) in the plan's policy and in its
// execution: growing from the plan's base with the years since 2019.
inline int PolicyInvolvement(const Plan& plan, int year) {
  return std::min(3, plan.policy_base + std::max(0, year - 2019) / 2);
}
inline int ExecutionInvolvement(const Plan& plan, int year) {
  return std::min(3, plan.execution_base + std::max(0, year - 2019) / 3);
}

}  // namespace onderdak::synth::detail
