#include "onderdak/synth/ground_truth.h"
#include "onderdak/synth/ground_truth_parts.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "onderdak/domain/code_lists.h"

namespace onderdak::synth::detail {
namespace {

using Json = nlohmann::ordered_json;

// Counts of distinct units (persons, or linkage pseudonyms), deduplicated with a "last unit
// counted" marker per cell: every visit of one unit must come before the next unit's.
class DistinctCounter {
 public:
  explicit DistinctCounter(std::size_t cells) : last_(cells, static_cast<std::size_t>(-1)), count_(cells, 0) {}
  void Add(std::size_t cell, std::size_t unit) {
    if (last_[cell] == unit) return;
    last_[cell] = unit;
    ++count_[cell];
  }
  std::int64_t operator[](std::size_t cell) const { return count_[cell]; }

 private:
  std::vector<std::size_t> last_;
  std::vector<std::int64_t> count_;
};

// ---------------------------------------------------------------------------------------
// Person figures: distinct persons per region and half-year (delivered regions only) and
// nationally (a person once over the delivered regions), for the true persons and for the
// pseudonyms the documented linkage gives them (docs/indicators.md §2.4, "Linking persons").

enum PersonMeasure : std::size_t {
  kOnDate,
  kInPeriod,
  kIntake,
  kAssessed,
  kYouthOnDate,
  kYouthInPeriod,
  // P1 persons_on_date by gender and by the default age bands (§2.3), person attributes
  // as the persons file gives them.
  kOnDateGenderM,
  kOnDateGenderV,
  kOnDateGenderX,
  kOnDateAge0,  // one per band of kAgeBounds, in order
  kPersonMeasures = kOnDateAge0 + 6
};
struct FigureName {
  const char* indicator;
  const char* measure;
  const char* breakdown;
};
constexpr std::array<FigureName, kPersonMeasures> kPersonFigures{{{"P1", "persons_on_date", "total"},
                                                                  {"P1", "persons_in_period", "total"},
                                                                  {"P8", "persons", "total"},
                                                                  {"P9", "assessed_persons", "total"},
                                                                  {"P10", "P1.persons_on_date", "total"},
                                                                  {"P10", "P1.persons_in_period", "total"},
                                                                  {"P1", "persons_on_date", "gender=M"},
                                                                  {"P1", "persons_on_date", "gender=V"},
                                                                  {"P1", "persons_on_date", "gender=X"},
                                                                  {"P1", "persons_on_date", "age=0-18"},
                                                                  {"P1", "persons_on_date", "age=18-27"},
                                                                  {"P1", "persons_on_date", "age=27-40"},
                                                                  {"P1", "persons_on_date", "age=40-55"},
                                                                  {"P1", "persons_on_date", "age=55-65"},
                                                                  {"P1", "persons_on_date", "age=65+"}}};
constexpr std::array<int, 6> kAgeBounds = {0, 18, 27, 40, 55, 65};

std::size_t AgeCell(int age) {
  std::size_t band = 0;
  while (band + 1 < kAgeBounds.size() && age >= kAgeBounds[band + 1]) ++band;
  return kOnDateAge0 + band;
}
std::size_t GenderCell(std::string_view gender) {
  return gender == "V" ? kOnDateGenderV : gender == "X" ? kOnDateGenderX : kOnDateGenderM;
}

// A person figure's name in `linkage`: "P1.persons_on_date", "P1.persons_on_date|gender=V".
std::string LinkageName(const FigureName& f) {
  std::string name = std::string(f.indicator) + "." + f.measure;
  if (std::string_view(f.breakdown) != "total") name += std::string("|") + f.breakdown;
  return name;
}

// Calls sink(measure, region, half) for each person figure of a delivered region-half that
// the person's records, as the organisations `orgs` deliver them, count in (repeats allowed).
// P1 under ethos-1-3 (the preset of the truth): an ETHOS 1-3 living situation some
// organisation registers (shelter stays are ETHOS 2/3 living situations of the shelter),
// on the half-year's first day or overlapping it; P8 an intake (the first stay's start)
// in the half-year; P9 a need assessment in it.
template <typename Sink>
void VisitPersonCells(const DeliveryPlan& plan, const Person& p, Orgs orgs, Sink&& sink) {
  for (const Spell& s : p.spells) {
    const auto r = static_cast<std::size_t>(s.region);
    for (std::size_t h = 0; h < plan.halves.size(); ++h) {
      const Period& period = plan.halves[h];
      if (!plan.delivered[r][h] || !Overlaps(s.first(), s.last(), period)) continue;
      for (const Segment& seg : s.segments) {
        if (!IsHomelessEthos(seg.ethos) || !Overlaps(seg.start, seg.end, period)) continue;
        bool known = false;
        for (const auto& org : plan.orgs[r]) known = known || (Counts(orgs, org.kind) && Registers(org, s, seg));
        if (!known) continue;
        sink(kInPeriod, r, h);
        // P10's cell: aged 18-26 on the later of the situation's start and the period's first day.
        if (IsYoung(p.birth, std::max(seg.start, period.first()))) sink(kYouthInPeriod, r, h);
        if (seg.start <= period.first()) {
          sink(kOnDate, r, h);
          const int age = AgeOn(p.birth, period.first());       // on the reference date
          if (age >= 18 && age < 27) sink(kYouthOnDate, r, h);  // P10's P1 cell
          sink(GenderCell(p.gender), r, h);
          sink(AgeCell(age), r, h);
        }
      }
      if (orgs != Orgs::kOthers && !s.stays.empty()) {
        if (period.Contains(s.stays.front().start)) sink(kIntake, r, h);
        if (period.Contains(s.need_date)) sink(kAssessed, r, h);
      }
    }
  }
}

struct PersonCounts {
  PersonCounts(std::size_t nr, std::size_t nh) : nh_(nh), comparable(nh) {
    for (std::size_t m = 0; m < kPersonMeasures; ++m) {
      region.emplace_back(nr * nh);
      national.emplace_back(nh);
    }
  }
  void Add(std::size_t m, std::size_t r, std::size_t h, std::size_t unit, bool in_every) {
    region[m].Add(r * nh_ + h, unit);
    national[m].Add(h, unit);
    if (m == kOnDate && in_every) comparable.Add(h, unit);
  }
  std::size_t nh_;
  std::vector<DistinctCounter> region, national;
  DistinctCounter comparable;  // P1 on date over the regions that delivered in every half-year
};

std::string LinkageKey(const Person& p) { return p.initials + "|" + p.birth.ToString() + "|" + std::string(p.gender); }

using Cells = std::set<std::tuple<std::size_t, std::size_t, std::size_t>>;  // measure, region (nr: national), half

Cells CellsOf(const DeliveryPlan& plan, const Person& p, Orgs orgs) {
  Cells cells;
  const std::size_t nr = plan.ref.regions().size();
  VisitPersonCells(plan, p, orgs, [&](std::size_t m, std::size_t r, std::size_t h) {
    cells.insert({m, r, h});
    cells.insert({m, nr, h});
  });
  return cells;
}

// The planted collisions' effect per cell, counted from the planted persons directly:
// `merged` pairs sharing a key that both count in the cell (one pseudonym: one fewer),
// `split` persons counted there under both their pseudonyms (one more).
struct LinkageEffect {
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::int64_t> merged, split;
};

LinkageEffect EffectOf(const World& world, const DeliveryPlan& plan) {
  LinkageEffect e;
  auto common = [](const Cells& a, const Cells& b, auto& out) {
    for (const auto& c : a) {
      if (b.contains(c)) ++out[c];
    }
  };
  for (const auto& [a, b] : world.shared_key_pairs) {
    common(CellsOf(plan, world.persons[a], Orgs::kAll), CellsOf(plan, world.persons[b], Orgs::kAll), e.merged);
  }
  for (std::size_t pi : world.bsn_and_key) {
    const Person& p = world.persons[pi];
    common(CellsOf(plan, p, Orgs::kShelter), CellsOf(plan, p, Orgs::kOthers), e.split);
  }
  return e;
}

// ---------------------------------------------------------------------------------------
// Record figures of one region-half (or, merged, of the delivered regions nationally).

struct Records {
  // P11: requests with a request date in the half-year, by decision as of its last day.
  std::int64_t requests = 0, refusals = 0, invalid_refusals = 0, referrals = 0, referrals_regiobinding = 0;
  std::map<std::string, std::int64_t> by_decision;
  // P5: lengths of the stays ended in the half-year and of those in shelter on its last
  // day; P6: exits and exits to housing.
  std::vector<std::int64_t> ended_days, ongoing_days;
  std::int64_t exits = 0, to_housing = 0;
  // P3 (opvang) and P4 (the other types): waiting times of the placements in the
  // half-year and waiting so far of the entries on the list on its last day.
  std::map<std::string, std::vector<std::int64_t>> placed_days, waiting_days;

  void Merge(const Records& o) {
    requests += o.requests;
    refusals += o.refusals;
    invalid_refusals += o.invalid_refusals;
    referrals += o.referrals;
    referrals_regiobinding += o.referrals_regiobinding;
    for (const auto& [k, n] : o.by_decision) by_decision[k] += n;
    ended_days.insert(ended_days.end(), o.ended_days.begin(), o.ended_days.end());
    ongoing_days.insert(ongoing_days.end(), o.ongoing_days.begin(), o.ongoing_days.end());
    exits += o.exits;
    to_housing += o.to_housing;
    for (const auto& [k, v] : o.placed_days) placed_days[k].insert(placed_days[k].end(), v.begin(), v.end());
    for (const auto& [k, v] : o.waiting_days) waiting_days[k].insert(waiting_days[k].end(), v.begin(), v.end());
  }
};

// The spell's records in `period`; with `young_birth`, only those of a person born then
// who is 18 to 26 on the date that puts the record in the figure (P10's P3 and P5 cells).
void AddRecords(const Spell& s, const Period& period, Records& out, std::optional<Date> young_birth = std::nullopt) {
  const Date last = period.last();
  auto counts = [&](Date on) { return !young_birth || IsYoung(*young_birth, on); };
  for (const Request& q : s.requests) {
    if (young_birth) break;  // P10 has no P11 cells
    if (!period.Contains(q.date)) continue;
    ++out.requests;
    if (q.decided > last) {
      ++out.by_decision["undecided"];
      continue;
    }
    ++out.by_decision[std::string(q.decision)];
    const bool invalid = Flagged("decision_reason", q.reason);
    if (q.decision == "afgewezen") {
      ++out.refusals;
      out.invalid_refusals += invalid ? 1 : 0;
    } else if (q.decision == "doorverwezen") {
      ++out.referrals;
      out.referrals_regiobinding += invalid ? 1 : 0;
    }
  }
  for (const Stay& st : s.stays) {
    if (period.Contains(st.end) && counts(st.end)) {
      out.ended_days.push_back(st.end - st.start + 1);
      if (st.exit != "andere_opvang" && st.exit != "overleden") {
        ++out.exits;
        out.to_housing += Flagged("exit_destination", st.exit) ? 1 : 0;
      }
    }
    if (st.start <= last && st.end >= last && counts(last)) out.ongoing_days.push_back(last - st.start + 1);
  }
  for (const WaitEntry& w : s.waits) {
    const std::string type(w.type);
    if (w.outcome == "geplaatst" && period.Contains(w.end) && counts(w.end)) {
      out.placed_days[type].push_back(w.end - w.registered);
    }
    if (w.registered <= last && w.end >= last && counts(last)) out.waiting_days[type].push_back(last - w.registered);
  }
}

// docs/indicators.md §2.6: the middle value or the mean of the two; nearest rank.
double MedianOf(std::vector<std::int64_t> xs) {
  std::sort(xs.begin(), xs.end());
  const std::size_t n = xs.size();
  return n % 2 == 1 ? static_cast<double>(xs[n / 2])
                    : (static_cast<double>(xs[n / 2 - 1]) + static_cast<double>(xs[n / 2])) / 2.0;
}
double P90Of(std::vector<std::int64_t> xs) {
  std::sort(xs.begin(), xs.end());
  const std::size_t rank = std::max<std::size_t>(1, (90 * xs.size() + 99) / 100);
  return static_cast<double>(xs[rank - 1]);
}
std::int64_t Over90(const std::vector<std::int64_t>& xs) {
  return std::count_if(xs.begin(), xs.end(), [](std::int64_t d) { return d > 90; });
}

// ---------------------------------------------------------------------------------------
// The region's aggregate figures at the end of a half-year.
struct RegionTruth {
  std::array<std::int64_t, kRoomSizes> rooms{}, places{};
  std::int64_t locations = 0;
  std::int64_t projects = 0, realised = 0, started = 0, planned = 0, withdrawn = 0, realised_in_period = 0;
  std::int64_t realised_gross = 0, committed_gross = 0, in_progress = 0;
  std::map<std::string_view, std::int64_t> realised_by_line;
  std::string_view plan_status;
  std::int64_t target = 0;
  std::int64_t evictions = 0, evictions_known = 0, evictions_housed = 0, signals = 0, signals_offered = 0;
  // A3: agreements that cover homeless people, and the gemeenten they are made for.
  std::int64_t agreements = 0, agreed = 0, agreements_realised = 0, gemeenten = 0, gemeenten_covered = 0;
  std::int64_t regions_with_agreements = 0;
  // A4: the plan's lived-experience involvement (regions only) and regions per level.
  int policy = 0, execution = 0;
  std::map<int, std::int64_t> regions_by_policy, regions_by_execution;
  std::int64_t plans = 0, plans_with_lived_experience = 0;
  // A6: per budget theme (Codes order), the period's calendar year.
  std::array<std::int64_t, 3> budget{}, spent{};
  // A8: the gemeenten reported on, per policy status, and their scan and respite answers.
  std::int64_t prevention_reported = 0, prevention_scan = 0, respite_yes = 0, respite_known = 0;
  std::map<std::string_view, std::int64_t> prevention_by_status;
};

RegionTruth RegionFiguresAt(const Codes& codes, const RegionFigures& fig, std::int64_t gemeenten, const Period& period,
                            std::size_t half) {
  RegionTruth t;
  for (const Facility& f : fig.facilities) {
    if (const CapacityStep* step = f.On(period.last()); step != nullptr) {
      std::int64_t places = 0;
      for (std::size_t r = 0; r < kRoomSizes; ++r) {
        t.rooms[r] += step->rooms[r];
        t.places[r] += step->places[r];
        places += step->places[r];
      }
      t.locations += places > 0 ? 1 : 0;
    }
  }
  for (const std::string_view line : codes.funding_line.codes) t.realised_by_line[line] = 0;
  for (const Project& p : fig.projects) {
    const auto [status, date] = ProjectStatus(codes, p, period.last());
    if (status.empty()) continue;
    ++t.projects;
    std::int64_t lines = 0;
    for (const auto& l : p.lines) lines += l.places;
    if (status == "gerealiseerd") {
      t.realised += p.places;
      t.realised_in_period += period.Contains(date) ? p.places : 0;
      t.realised_gross += lines;
      for (const auto& l : p.lines) t.realised_by_line[l.line] += l.places;
    } else if (status == "ingetrokken") {
      t.withdrawn += p.places;
    } else {
      (status == "gestart" ? t.started : t.planned) += p.places;
      t.in_progress += p.places;
    }
    if (status != "ingetrokken") t.committed_gross += lines;
  }
  t.plan_status = PlanStatus(codes, fig.plan, period);
  t.target = t.plan_status == "geen" ? 0 : fig.target;
  for (const Eviction& e : fig.evictions[half]) {
    ++t.evictions;
    t.evictions_known += e.other_housing_found != "onbekend" ? 1 : 0;
    t.evictions_housed += e.other_housing_found == "ja" ? 1 : 0;
  }
  for (const Signal& s : fig.signals[half]) {
    ++t.signals;
    t.signals_offered += s.outcome == "aanbod_gedaan" ? 1 : 0;
  }
  t.gemeenten = gemeenten;
  for (const Agreement& a : fig.agreements) {  // at most one per gemeente
    const AgreementState state = AgreementIn(a, period);
    if (!state.listed || !state.covers) continue;
    ++t.agreements;
    ++t.gemeenten_covered;
    t.agreed += state.agreed;
    t.agreements_realised += state.realised;
  }
  t.regions_with_agreements = t.agreements > 0 ? 1 : 0;
  for (const MunicipalPrevention& m : fig.prevention) {
    const PreventionState state = PreventionIn(m, period);
    if (!state.listed) continue;
    ++t.prevention_reported;
    ++t.prevention_by_status[state.status];
    t.prevention_scan += state.scan ? 1 : 0;
    t.respite_known += state.respite != "onbekend" ? 1 : 0;
    t.respite_yes += state.respite == "ja" ? 1 : 0;
  }
  t.policy = PolicyInvolvement(fig.plan, period.year());
  t.execution = ExecutionInvolvement(fig.plan, period.year());
  t.regions_by_policy[t.policy] = 1;
  t.regions_by_execution[t.execution] = 1;
  t.plans = 1;
  t.plans_with_lived_experience = t.plan_status == "vastgesteld" && fig.plan.with_lived_experience ? 1 : 0;
  const auto year = static_cast<std::size_t>(period.year() - fig.first_year);
  for (std::size_t theme = 0; theme < t.budget.size(); ++theme) {
    t.budget[theme] = fig.budgets[year][theme].budget;
    t.spent[theme] = fig.budgets[year][theme].SpentBy(period.half());
  }
  return t;
}

// Sums of the aggregates over regions (A1 and A2 nationally: the sum of the regions).
void AddTo(RegionTruth& sum, const RegionTruth& t) {
  for (std::size_t i = 0; i < kRoomSizes; ++i) {
    sum.rooms[i] += t.rooms[i];
    sum.places[i] += t.places[i];
  }
  sum.locations += t.locations;
  sum.projects += t.projects;
  sum.realised += t.realised;
  sum.started += t.started;
  sum.planned += t.planned;
  sum.withdrawn += t.withdrawn;
  sum.realised_in_period += t.realised_in_period;
  sum.realised_gross += t.realised_gross;
  sum.committed_gross += t.committed_gross;
  sum.in_progress += t.in_progress;
  for (const auto& [line, n] : t.realised_by_line) sum.realised_by_line[line] += n;
  sum.target += t.target;
  sum.evictions += t.evictions;
  sum.evictions_known += t.evictions_known;
  sum.evictions_housed += t.evictions_housed;
  sum.signals += t.signals;
  sum.signals_offered += t.signals_offered;
  sum.agreements += t.agreements;
  sum.agreed += t.agreed;
  sum.agreements_realised += t.agreements_realised;
  sum.gemeenten += t.gemeenten;
  sum.prevention_reported += t.prevention_reported;
  sum.prevention_scan += t.prevention_scan;
  sum.respite_yes += t.respite_yes;
  sum.respite_known += t.respite_known;
  for (const auto& [status, n] : t.prevention_by_status) sum.prevention_by_status[status] += n;
  sum.gemeenten_covered += t.gemeenten_covered;
  sum.regions_with_agreements += t.regions_with_agreements;
  for (const auto& [level, n] : t.regions_by_policy) sum.regions_by_policy[level] += n;
  for (const auto& [level, n] : t.regions_by_execution) sum.regions_by_execution[level] += n;
  sum.plans += t.plans;
  sum.plans_with_lived_experience += t.plans_with_lived_experience;
  for (std::size_t theme = 0; theme < t.budget.size(); ++theme) {
    sum.budget[theme] += t.budget[theme];
    sum.spent[theme] += t.spent[theme];
  }
}

// ---------------------------------------------------------------------------------------
// `figures`: {indicator: {measure: {breakdown: value}}}, named as the engine names them.

void Put(Json& f, const char* indicator, const std::string& measure, const std::string& breakdown, Json value) {
  f[indicator][measure][breakdown] = std::move(value);
}

// P5's stay figures under `indicator` with `prefix` (P10: "P5.").
void PutStays(Json& f, const char* indicator, const std::string& prefix, const Records& x) {
  for (const auto& [name, days] : {std::pair{"ended.", &x.ended_days}, std::pair{"ongoing.", &x.ongoing_days}}) {
    const std::string pre = prefix + name;
    Put(f, indicator, pre + "stays", "total", static_cast<std::int64_t>(days->size()));
    Put(f, indicator, pre + "over_90_days", "total", Over90(*days));
    if (!days->empty()) Put(f, indicator, pre + "median_days", "total", MedianOf(*days));
  }
}

// P3's (the shelter list, "opvang") or P4's (the other lists) waiting figures under
// `indicator` with `prefix` (P10: "P3."): P4 also per list type.
void PutWaiting(Json& f, const Codes& codes, const char* indicator, const std::string& prefix, const Records& x) {
  const bool shelter = std::string_view(indicator) == "P3" || prefix == "P3.";
  for (const auto& [measure, by_type] : {std::pair{"placed", &x.placed_days}, std::pair{"waiting", &x.waiting_days}}) {
    std::vector<std::int64_t> all;
    for (const std::string_view type : codes.wait_type.codes) {
      if ((type == "opvang") != shelter) continue;
      const auto it = by_type->find(std::string(type));
      const std::vector<std::int64_t> none;
      const auto& days = it == by_type->end() ? none : it->second;
      all.insert(all.end(), days.begin(), days.end());
      if (!shelter && !days.empty()) {
        Put(f, indicator, measure, "waiting_list_type=" + std::string(type), static_cast<std::int64_t>(days.size()));
      }
    }
    const std::string m = prefix + measure;
    Put(f, indicator, m, "total", static_cast<std::int64_t>(all.size()));
    if (!all.empty()) {
      Put(f, indicator, m + ".median_days", "total", MedianOf(all));
      Put(f, indicator, m + ".p90_days", "total", P90Of(all));
    }
  }
}

// The record figures of P3, P4, P5, P6, P11 (medians only over at least one record).
void PutRecords(Json& f, const Codes& codes, const Records& x) {
  Put(f, "P11", "requests", "total", x.requests);
  for (const auto& [decision, n] : x.by_decision) Put(f, "P11", "requests", "decision=" + decision, n);
  Put(f, "P11", "refusals", "total", x.refusals);
  Put(f, "P11", "invalid_refusals", "total", x.invalid_refusals);
  Put(f, "P11", "referrals", "total", x.referrals);
  Put(f, "P11", "referrals_citing_regiobinding", "total", x.referrals_regiobinding);

  PutStays(f, "P5", "", x);
  Put(f, "P6", "exits", "total", x.exits);
  Put(f, "P6", "to_housing", "total", x.to_housing);
  PutWaiting(f, codes, "P3", "", x);
  PutWaiting(f, codes, "P4", "", x);
}

// P10's P3 and P5 cells: the same figures over the records of the young.
void PutYouthRecords(Json& f, const Codes& codes, const Records& young) {
  PutStays(f, "P10", "P5.", young);
  PutWaiting(f, codes, "P10", "P3.", young);
}

double Share(std::int64_t num, std::int64_t den) { return static_cast<double>(num) / static_cast<double>(den); }

// A3, A4, A6 and A8 (docs/indicators.md §4.3-4.8) of a region, or nationally of the sum over
// the regions that delivered (`regions`: how many). Counts the engine emits only when
// something was added (agreements) are put only when non-zero.
void PutRegionPolicy(Json& f, const Codes& codes, const RegionTruth& t, bool national, std::int64_t regions) {
  if (t.agreements > 0) {
    Put(f, "A3", "agreements", "total", t.agreements);
    Put(f, "A3", "places_agreed", "total", t.agreed);
    Put(f, "A3", "places_realised", "total", t.agreements_realised);
  }
  if (t.gemeenten > 0) {
    Put(f, "A3", "municipalities_with_agreements_share", "total", Share(t.gemeenten_covered, t.gemeenten));
  }
  if (national) {
    Put(f, "A3", "regions_with_agreements_share", "total", Share(t.regions_with_agreements, regions));
    for (const auto& [level, n] : t.regions_by_policy) {
      Put(f, "A4", "regions_by_policy_involvement", "level=" + std::to_string(level), n);
    }
    for (const auto& [level, n] : t.regions_by_execution) {
      Put(f, "A4", "regions_by_execution_involvement", "level=" + std::to_string(level), n);
    }
  } else {
    Put(f, "A3", "present", "total", t.regions_with_agreements);
    Put(f, "A4", "policy_involvement", "total", t.policy);
    Put(f, "A4", "execution_involvement", "total", t.execution);
    Put(f, "A4", "regions_by_policy_involvement", "level=" + std::to_string(t.policy), 1);
    Put(f, "A4", "regions_by_execution_involvement", "level=" + std::to_string(t.execution), 1);
  }
  Put(f, "A4", "plan_made_with_lived_experience", "total", Share(t.plans_with_lived_experience, t.plans));
  // A8: a gemeente not reported on is niet_gemeld, and the shares are of those reported.
  Put(f, "A8", "municipalities_reported", "total", t.prevention_reported);
  for (const std::string_view status : codes.plan_status.codes) {
    auto it = t.prevention_by_status.find(status);
    Put(f, "A8", "municipalities_by_policy_status", "policy_status=" + std::string(status),
        it == t.prevention_by_status.end() ? 0 : it->second);
  }
  if (t.gemeenten > 0) {
    Put(f, "A8", "municipalities", "total", t.gemeenten);
    Put(f, "A8", "municipalities_by_policy_status", "policy_status=niet_gemeld", t.gemeenten - t.prevention_reported);
    Put(f, "A8", "reported_share", "total", Share(t.prevention_reported, t.gemeenten));
  }
  if (t.prevention_reported > 0) {
    auto adopted = t.prevention_by_status.find("vastgesteld");
    Put(f, "A8", "policy_adopted_share", "total",
        Share(adopted == t.prevention_by_status.end() ? 0 : adopted->second, t.prevention_reported));
    Put(f, "A8", "prevention_scan_share", "total", Share(t.prevention_scan, t.prevention_reported));
  }
  if (t.respite_known > 0) Put(f, "A8", "respite_facility_share", "total", Share(t.respite_yes, t.respite_known));
  std::int64_t budget = 0, spent = 0;
  for (std::size_t theme = 0; theme < t.budget.size(); ++theme) {
    const std::string cell = "budget_theme=" + std::string(codes.budget_theme.codes[theme]);
    Put(f, "A6", "budget_eur", cell, t.budget[theme]);
    Put(f, "A6", "spent_eur", cell, t.spent[theme]);
    Put(f, "A6", "spent_share", cell, Share(t.spent[theme], t.budget[theme]));
    budget += t.budget[theme];
    spent += t.spent[theme];
  }
  Put(f, "A6", "budget_eur", "total", budget);
  Put(f, "A6", "spent_eur", "total", spent);
  Put(f, "A6", "spent_share", "total", Share(spent, budget));
}

// The aggregate figures of P12, A1, A2 and A5. `occupied`: stays in shelter on the last day.
void PutAggregates(Json& f, const Codes& codes, const RegionTruth& t, std::int64_t occupied, bool national) {
  Put(f, "P12", "evictions", "total", t.evictions);
  Put(f, "P12", "evictions_outcome_known", "total", t.evictions_known);
  Put(f, "P12", "other_housing_found", "total", t.evictions_housed);
  Put(f, "P12", "signals", "total", t.signals);
  Put(f, "P12", "intake_offered", "total", t.signals_offered);

  std::int64_t places = 0, rooms = 0;
  for (std::size_t i = 0; i < kRoomSizes; ++i) {
    const std::string size(codes.room_size.codes[i]);
    Put(f, "A1", "places", "room_size=" + size, t.places[i]);
    Put(f, "A1", "rooms", "room_size=" + size, t.rooms[i]);
    places += t.places[i];
    rooms += t.rooms[i];
  }
  Put(f, "A1", "places", "total", places);
  Put(f, "A1", "rooms", "total", rooms);
  Put(f, "A1", "locations", "total", t.locations);
  if (places > 0) {
    Put(f, "A1", "single_room_places_share", "total", static_cast<double>(t.places[0]) / static_cast<double>(places));
    Put(f, "A1", "occupancy", "total", static_cast<double>(occupied) / static_cast<double>(places));
  }

  Put(f, "A2", "places_realised", "total", t.realised);
  Put(f, "A2", "places_started", "total", t.started);
  Put(f, "A2", "places_planned", "total", t.planned);
  Put(f, "A2", "places_withdrawn", "total", t.withdrawn);
  Put(f, "A2", "places_committed", "total", t.realised + t.started + t.planned);
  Put(f, "A2", "places_realised_in_period", "total", t.realised_in_period);
  Put(f, "A2", "lines_gross_places_realised", "total", t.realised_gross);
  for (const auto& [line, n] : t.realised_by_line) {
    if (n > 0) Put(f, "A2", "lines_gross_places_realised", "funding_line=" + std::string(line), n);
  }
  Put(f, "A2", "lines_gross_places_committed", "total", t.committed_gross);
  // Nationally the regions' plan targets are summed; `target` is the stored national
  // target, which the generator does not write.
  Put(f, "A2", national ? "regional_targets_sum" : "target", "total", t.target);
}

Json PersonFigures(const std::array<std::int64_t, kPersonMeasures>& as_linked) {
  Json f;
  for (std::size_t m = 0; m < kPersonMeasures; ++m) {
    Put(f, kPersonFigures[m].indicator, kPersonFigures[m].measure, kPersonFigures[m].breakdown, as_linked[m]);
  }
  return f;
}

// `linkage`: per person figure the true count, the count as linked and the planted
// collisions' effect, with as_linked = true - shared_key_pairs + bsn_and_key.
Json LinkageJson(const std::array<std::int64_t, kPersonMeasures>& truth,
                 const std::array<std::int64_t, kPersonMeasures>& as_linked, const LinkageEffect& e, std::size_t r,
                 std::size_t h) {
  Json j;
  for (std::size_t m = 0; m < kPersonMeasures; ++m) {
    const auto key = std::tuple{m, r, h};
    const auto merged = e.merged.find(key), split = e.split.find(key);
    j[LinkageName(kPersonFigures[m])] = {{"true", truth[m]},
                                         {"as_linked", as_linked[m]},
                                         {"shared_key_pairs", merged == e.merged.end() ? 0 : merged->second},
                                         {"bsn_and_key", split == e.split.end() ? 0 : split->second}};
  }
  return j;
}

Json RequestJson(const Records& x) {
  auto n = [&](const char* d) {
    const auto it = x.by_decision.find(d);
    return it == x.by_decision.end() ? 0 : it->second;
  };
  return {{"requests", x.requests}, {"decided", x.requests - n("undecided")},     {"undecided", n("undecided")},
          {"refused", x.refusals},  {"refused_regiobinding", x.invalid_refusals}, {"referred", x.referrals}};
}

Json WaitingJson(const Codes& codes, const Records& x) {
  Json j;
  for (const std::string_view type : codes.wait_type.codes) {
    const auto p = x.placed_days.find(std::string(type)), w = x.waiting_days.find(std::string(type));
    j[std::string(type)] = {{"placed", p == x.placed_days.end() ? std::size_t{0} : p->second.size()},
                            {"waiting", w == x.waiting_days.end() ? std::size_t{0} : w->second.size()}};
  }
  return j;
}

}  // namespace

std::vector<LinkUnit> LinkUnits(const World& world) {
  std::unordered_map<std::string, std::size_t> ids;
  auto id_of = [&](std::string key) { return ids.try_emplace(std::move(key), ids.size()).first->second; };
  std::vector<LinkUnit> units;
  for (std::size_t pi = 0; pi < world.persons.size(); ++pi) {
    const Person& p = world.persons[pi];
    if (p.bsn.empty()) {
      units.push_back({id_of("l:" + LinkageKey(p)), pi, Orgs::kAll});
    } else if (!p.bsn_only_at_shelter) {
      units.push_back({id_of("b:" + p.bsn), pi, Orgs::kAll});
    } else {
      units.push_back({id_of("b:" + p.bsn), pi, Orgs::kShelter});
      units.push_back({id_of("l:" + LinkageKey(p)), pi, Orgs::kOthers});
    }
  }
  std::stable_sort(units.begin(), units.end(), [](const LinkUnit& a, const LinkUnit& b) { return a.id < b.id; });
  return units;
}

bool Flagged(const char* list, std::string_view code) {
  const domain::CodeList* l = domain::FindCodeList(list);
  const domain::Code* c = l == nullptr ? nullptr : domain::FindCode(*l, code);
  return c != nullptr && c->flag;
}

nlohmann::ordered_json GroundTruth(const TruthInput& in) {
  const World& world = in.world;
  const DeliveryPlan& plan = in.plan;
  const domain::ReferenceSet& ref = plan.ref;
  const auto& halves = plan.halves;
  const auto& years = in.years;
  const auto& delivered = plan.delivered;
  const std::size_t nr = ref.regions().size(), nh = halves.size();
  auto cell = [nh](std::size_t r, std::size_t h) { return r * nh + h; };
  DistinctCounter shelter(nr * nh), homeless(nr * nh);
  DistinctCounter national_shelter(nh), national_homeless(nh), national_year(years.size());
  std::vector<char> in_every(nr, 1);
  for (std::size_t r = 0; r < nr; ++r) {
    for (std::size_t h = 0; h < nh; ++h) in_every[r] = in_every[r] && delivered[r][h];
  }
  std::vector<Records> records(nr * nh), young_records(nr * nh);
  for (std::size_t pi = 0; pi < world.persons.size(); ++pi) {
    for (const Spell& s : world.persons[pi].spells) {
      const auto r = static_cast<std::size_t>(s.region);
      for (std::size_t h = 0; h < nh; ++h) {
        const Period& period = halves[h];
        if (!Overlaps(s.first(), s.last(), period)) continue;
        for (const Stay& st : s.stays) {
          if (!Overlaps(st.start, st.end, period)) continue;
          shelter.Add(cell(r, h), pi);
          national_shelter.Add(h, pi);
        }
        for (const Segment& seg : s.segments) {
          if (!IsHomelessEthos(seg.ethos) || seg.start > period.first() || seg.end < period.first()) continue;
          homeless.Add(cell(r, h), pi);
          national_homeless.Add(h, pi);
        }
        AddRecords(s, period, records[cell(r, h)]);
        AddRecords(s, period, young_records[cell(r, h)], world.persons[pi].birth);
      }
      for (std::size_t y = 0; y < years.size(); ++y) {
        const Period year = Period::Year(years[y]);
        for (const Segment& seg : s.segments) {
          if (IsHomelessEthos(seg.ethos) && Overlaps(seg.start, seg.end, year)) national_year.Add(y, pi);
        }
      }
    }
  }
  // Registered persons (P1, P8, P9, P10), true and as linked.
  PersonCounts truly(nr, nh), linked(nr, nh);
  for (std::size_t pi = 0; pi < world.persons.size(); ++pi) {
    VisitPersonCells(plan, world.persons[pi], Orgs::kAll,
                     [&](std::size_t m, std::size_t r, std::size_t h) { truly.Add(m, r, h, pi, in_every[r] != 0); });
  }
  for (const LinkUnit& u : LinkUnits(world)) {
    VisitPersonCells(plan, world.persons[u.person], u.orgs,
                     [&](std::size_t m, std::size_t r, std::size_t h) { linked.Add(m, r, h, u.id, in_every[r] != 0); });
  }
  const LinkageEffect effect = EffectOf(world, plan);
  const FlowFigures flows = Flows(plan, world);  // P2, P7 and P10's P7 cells, as linked
  auto persons_at = [&](const PersonCounts& c, std::size_t r, std::size_t h) {
    std::array<std::int64_t, kPersonMeasures> v{};
    for (std::size_t m = 0; m < kPersonMeasures; ++m) v[m] = r < nr ? c.region[m][cell(r, h)] : c.national[m][h];
    return v;
  };

  std::vector<std::vector<RegionTruth>> region_truth(nr);
  for (std::size_t r = 0; r < nr; ++r) {
    for (std::size_t h = 0; h < nh; ++h) {
      const auto gemeenten = static_cast<std::int64_t>(ref.regions()[r].members.size());
      region_truth[r].push_back(RegionFiguresAt(in.codes, in.figures[r], gemeenten, halves[h], h));
    }
  }
  auto by_room_size = [&](const std::array<std::int64_t, kRoomSizes>& v) {
    Json j;
    for (std::size_t i = 0; i < kRoomSizes; ++i) j[std::string(in.codes.room_size.codes[i])] = v[i];
    return j;
  };

  Json truth;
  truth["generator"] = {
      {"seed", in.opt.seed}, {"persons", in.persons}, {"from", in.opt.from_year}, {"to", in.opt.to_year}};
  truth["definitions"] = TruthDefinitions();
  {
    Json pairs = Json::array(), split = Json::array();
    for (const auto& [a, b] : world.shared_key_pairs) pairs.push_back({a + 1, b + 1});
    for (std::size_t p : world.bsn_and_key) split.push_back(p + 1);
    truth["planted_linkage_collisions"] = {{"shared_key_pairs", pairs}, {"bsn_and_key", split}};
  }

  Json national = Json::array();
  for (std::size_t h = 0; h < nh; ++h) {
    Json list = Json::array();
    Records records_sum, young_sum;
    RegionTruth delivered_sum, carried_sum;
    std::int64_t occupied = 0, all_realised = 0, all_gross = 0, adopted = 0;
    std::array<std::int64_t, kRoomSizes> all_places{};
    std::map<std::string_view, std::int64_t> plan_status;
    for (std::size_t r = 0; r < nr; ++r) {
      const RegionTruth& t = region_truth[r][h];
      all_realised += t.realised;
      all_gross += t.realised_gross;
      adopted += t.plan_status == "vastgesteld" ? 1 : 0;
      for (std::size_t i = 0; i < kRoomSizes; ++i) all_places[i] += t.places[i];
      // A2 nationally: each region's latest delivered state up to the half-year's end.
      for (std::size_t k = h + 1; k-- > 0;) {
        if (!delivered[r][k]) continue;
        RegionTruth c = region_truth[r][k];
        c.realised_in_period = k == h ? c.realised_in_period : 0;
        AddTo(carried_sum, c);
        break;
      }
      if (!delivered[r][h]) continue;
      list.push_back(ref.regions()[r].code);
      records_sum.Merge(records[cell(r, h)]);
      young_sum.Merge(young_records[cell(r, h)]);
      AddTo(delivered_sum, t);
      occupied += static_cast<std::int64_t>(records[cell(r, h)].ongoing_days.size());
      ++plan_status[t.plan_status];
    }
    Json figures = PersonFigures(persons_at(linked, nr, h));
    PutRecords(figures, in.codes, records_sum);
    PutYouthRecords(figures, in.codes, young_sum);
    PutFlows(figures, flows, nr * nh + h);
    RegionTruth a = delivered_sum;  // A1, P12 over the delivered regions; A2 carried
    a.realised = carried_sum.realised;
    a.started = carried_sum.started;
    a.planned = carried_sum.planned;
    a.withdrawn = carried_sum.withdrawn;
    a.realised_in_period = carried_sum.realised_in_period;
    a.realised_gross = carried_sum.realised_gross;
    a.committed_gross = carried_sum.committed_gross;
    a.realised_by_line = carried_sum.realised_by_line;
    a.target = carried_sum.target;
    PutAggregates(figures, in.codes, a, occupied, true);
    if (!list.empty()) PutRegionPolicy(figures, in.codes, delivered_sum, true, static_cast<std::int64_t>(list.size()));
    Put(figures, "A7", "regions_delivered", "total", list.size());  // every organisation of a region delivers
    for (const std::string_view status : in.codes.plan_status.codes) {
      Put(figures, "A5", "regions_by_plan_status", "plan_status=" + std::string(status), plan_status[status]);
    }
    national.push_back({{"period", halves[h].ToString()},
                        {"shelter_stay_persons", national_shelter[h]},
                        {"ethos_1_3_on_first_day", national_homeless[h]},
                        {"registered_ethos_1_3_on_first_day", truly.national[kOnDate][h]},
                        {"registered_ethos_1_3_on_first_day_as_linked", linked.national[kOnDate][h]},
                        {"regions_delivered", list.size()},
                        {"delivered_regions", list},
                        {"requests", RequestJson(records_sum)},
                        {"waiting_list", WaitingJson(in.codes, records_sum)},
                        {"capacity_places_on_last_day", by_room_size(all_places)},
                        {"housing_places_realised", all_realised},
                        {"housing_places_realised_gross", all_gross},
                        {"housing_ambition", kNationalHousingAmbition},
                        {"plans_adopted", adopted},
                        {"regions", nr},
                        {"linkage", LinkageJson(persons_at(truly, nr, h), persons_at(linked, nr, h), effect, nr, h)},
                        {"figures", figures}});
  }
  truth["national"] = national;
  {
    Json codes = Json::array(), counts = Json::array();
    for (std::size_t r = 0; r < nr; ++r) {
      if (in_every[r]) codes.push_back(ref.regions()[r].code);
    }
    for (std::size_t h = 0; h < nh; ++h) {
      counts.push_back({{"period", halves[h].ToString()},
                        {"registered_ethos_1_3_on_first_day", truly.comparable[h]},
                        {"registered_ethos_1_3_on_first_day_as_linked", linked.comparable[h]}});
    }
    truth["comparable"] = {{"regions", codes}, {"periods", counts}};
  }
  Json per_year = Json::array();
  for (std::size_t y = 0; y < years.size(); ++y) {
    per_year.push_back({{"year", years[y]}, {"ethos_1_3_in_year", national_year[y]}});
  }
  truth["national_ethos_1_3_in_year"] = per_year;

  Json regions = Json::array();
  for (std::size_t r = 0; r < nr; ++r) {
    Json periods = Json::array();
    for (std::size_t h = 0; h < nh; ++h) {
      const RegionTruth& t = region_truth[r][h];
      const Records& x = records[cell(r, h)];
      Json by_line;
      for (const auto& [line, n] : t.realised_by_line) by_line[std::string(line)] = n;
      const Plan& plan_of = in.figures[r].plan;
      const bool adopted = t.plan_status == "vastgesteld";
      Json figures = PersonFigures(persons_at(linked, r, h));
      PutRecords(figures, in.codes, x);
      PutYouthRecords(figures, in.codes, young_records[cell(r, h)]);
      PutFlows(figures, flows, cell(r, h));
      PutAggregates(figures, in.codes, t, static_cast<std::int64_t>(x.ongoing_days.size()), false);
      PutRegionPolicy(figures, in.codes, t, false, 1);
      Put(figures, "A7", "organisations_delivered", "total", plan.orgs[r].size());
      for (const std::string_view status : in.codes.plan_status.codes) {
        Put(figures, "A5", "regions_by_plan_status", "plan_status=" + std::string(status),
            status == t.plan_status ? 1 : 0);
      }
      periods.push_back({{"period", halves[h].ToString()},
                         {"delivered", static_cast<bool>(delivered[r][h])},
                         {"shelter_stay_persons", shelter[cell(r, h)]},
                         {"ethos_1_3_on_first_day", homeless[cell(r, h)]},
                         {"registered_ethos_1_3_on_first_day", truly.region[kOnDate][cell(r, h)]},
                         {"registered_ethos_1_3_on_first_day_as_linked", linked.region[kOnDate][cell(r, h)]},
                         {"requests", RequestJson(x)},
                         {"waiting_list", WaitingJson(in.codes, x)},
                         {"capacity_places_on_last_day", by_room_size(t.places)},
                         {"capacity_rooms_on_last_day", by_room_size(t.rooms)},
                         {"housing_projects", t.projects},
                         {"housing_places_realised", t.realised},
                         {"housing_places_realised_gross", t.realised_gross},
                         {"housing_places_realised_by_funding_line", by_line},
                         {"housing_places_in_progress", t.in_progress},
                         {"plan_status", t.plan_status},
                         {"plan_adopted_date", adopted ? Json(plan_of.adopted.ToString()) : Json(nullptr)},
                         {"target_extra_places", t.target},
                         {"evictions", t.evictions},
                         {"evictions_other_housing_found", t.evictions_housed},
                         {"signals", t.signals},
                         {"signals_intake_offered", t.signals_offered},
                         {"linkage", LinkageJson(persons_at(truly, r, h), persons_at(linked, r, h), effect, r, h)},
                         {"figures", figures}});
    }
    Json org_list = Json::array();
    for (const auto& o : plan.orgs[r]) org_list.push_back({{"organisation", o.id}, {"kind", o.slug}, {"name", o.name}});
    regions.push_back({{"region", ref.regions()[r].code},
                       {"name", ref.regions()[r].name},
                       {"organisations", org_list},
                       {"periods", periods}});
  }
  truth["regions"] = regions;
  return truth;
}

// ---------------------------------------------------------------------------------------
// Planted linkage collisions.

void PlantLinkageCollisions(World& world, const DeliveryPlan& plan, Rng& rng) {
  const std::size_t n = world.persons.size();
  const std::size_t wanted = std::max<std::size_t>(2, n / 1000);
  // Region-halves in which a person is registered (P1 in the period, every organisation).
  auto registered_in = [&](const Person& p, Orgs orgs) {
    std::set<std::pair<std::size_t, std::size_t>> cells;
    VisitPersonCells(plan, p, orgs, [&](std::size_t m, std::size_t r, std::size_t h) {
      if (m == kInPeriod) cells.insert({r, h});
    });
    return cells;
  };
  auto share = [](const auto& a, const auto& b) {
    return std::any_of(a.begin(), a.end(), [&](const auto& c) { return b.contains(c); });
  };

  // (a) Pairs without BSN, same gender and birth year, registered in a common region-half.
  std::map<std::pair<std::string_view, int>, std::vector<std::size_t>> groups;
  for (std::size_t pi = 0; pi < n; ++pi) {
    const Person& p = world.persons[pi];
    if (p.bsn.empty()) groups[{p.gender, p.birth.year()}].push_back(pi);
  }
  std::vector<std::pair<std::size_t, std::size_t>> candidates;
  for (auto& [key, members] : groups) {
    // The first 64 of a group are plenty and keep this linear in the persons.
    if (members.size() > 64) members.resize(64);
    std::vector<std::set<std::pair<std::size_t, std::size_t>>> cells;
    for (std::size_t pi : members) cells.push_back(registered_in(world.persons[pi], Orgs::kAll));
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        if (share(cells[i], cells[j])) candidates.push_back({members[i], members[j]});
      }
    }
  }
  std::unordered_set<std::size_t> used;
  while (world.shared_key_pairs.size() < wanted && !candidates.empty()) {
    const std::size_t k = static_cast<std::size_t>(rng.Below(candidates.size()));
    const auto [a, b] = candidates[k];
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(k));
    if (used.contains(a) || used.contains(b)) continue;
    used.insert(a);
    used.insert(b);
    Person& second = world.persons[b];
    second.initials = world.persons[a].initials;
    second.birth = world.persons[a].birth;
    world.shared_key_pairs.push_back({a, b});
  }
  std::sort(world.shared_key_pairs.begin(), world.shared_key_pairs.end());

  // (b) Persons with a BSN whom the outreach team or briefadres registration registers in
  // a half-year in which the shelter does too; they get initials (a key of their own).
  std::unordered_set<std::string> keys;
  for (const Person& p : world.persons) {
    if (p.bsn.empty()) keys.insert(LinkageKey(p));
  }
  std::vector<std::size_t> split;
  for (std::size_t pi = 0; pi < n; ++pi) {
    const Person& p = world.persons[pi];
    if (!p.bsn.empty() && share(registered_in(p, Orgs::kShelter), registered_in(p, Orgs::kOthers))) {
      split.push_back(pi);
    }
  }
  const std::size_t wanted_split = std::max<std::size_t>(3, n / 1000);
  while (world.bsn_and_key.size() < wanted_split && !split.empty()) {
    const std::size_t k = static_cast<std::size_t>(rng.Below(split.size()));
    const std::size_t pi = split[k];
    split.erase(split.begin() + static_cast<std::ptrdiff_t>(k));
    Person& p = world.persons[pi];
    for (;;) {
      std::string initials;
      for (int i = rng.Between(1, 3); i > 0; --i) {
        initials.push_back(static_cast<char>('A' + rng.Below(26)));
        initials.push_back('.');
      }
      p.initials = initials;
      if (keys.insert(LinkageKey(p)).second) break;
    }
    p.bsn_only_at_shelter = true;
    world.bsn_and_key.push_back(pi);
  }
  std::sort(world.bsn_and_key.begin(), world.bsn_and_key.end());
}

}  // namespace onderdak::synth::detail
