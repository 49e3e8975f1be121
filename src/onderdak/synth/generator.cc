#include "onderdak/synth/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/synth/ground_truth.h"
#include "onderdak/synth/model.h"

namespace onderdak::synth {
using namespace detail;  // NOLINT(google-build-using-namespace): the generator's own model
namespace {

core::Result<CodeTable> Resolve(std::string_view list_name, std::initializer_list<WeightedCode> entries) {
  const domain::CodeList* list = domain::FindCodeList(list_name);
  if (list == nullptr) return core::Status::Internal("generator: no code list '" + std::string(list_name) + "'");
  CodeTable table;
  for (const auto& e : entries) {
    const domain::Code* c = domain::FindCode(*list, e.code);
    if (c == nullptr) {
      return core::Status::Internal("generator: code '" + std::string(e.code) + "' is not in code list '" +
                                    std::string(list_name) + "'");
    }
    table.codes.push_back(c->code);
    table.weights.push_back(e.weight);
  }
  return table;
}

core::Result<Codes> LoadCodes() {
  Codes c;
  ONDERDAK_ASSIGN_OR_RETURN(c.gender, Resolve("gender", {{"M", 77}, {"V", 21}, {"X", 2}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.nationality, Resolve("nationality_group", {{"NL", 61}, {"EU", 14}, {"overig", 25}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.household,
                            Resolve("household", {{"alleenstaand", 81}, {"paar", 7}, {"met_kinderen", 12}}));
  // Seed 003: A 14 %, B 32 %, C 15 %, D 16 %, E 23 %.
  ONDERDAK_ASSIGN_OR_RETURN(c.need, Resolve("need_category", {{"A", 14}, {"B", 32}, {"C", 15}, {"D", 16}, {"E", 23}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.cause, Resolve("cause", {{"huisuitzetting_schulden", 17},
                                                       {"relatiebreuk", 20},
                                                       {"uitstroom_jeugdzorg", 5},
                                                       {"uitstroom_ggz", 8},
                                                       {"uitstroom_detentie", 6},
                                                       {"financieel", 12},
                                                       {"gezondheid", 6},
                                                       {"verslaving", 11},
                                                       {"remigratie", 6},
                                                       {"overig", 9}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.shelter_type, Resolve("service_type", {{"nachtopvang", 24},
                                                                     {"24uursopvang", 42},
                                                                     {"crisisopvang", 8},
                                                                     {"vrouwenopvang", 6},
                                                                     {"jongerenopvang", 12},
                                                                     {"winteropvang", 8}}));
  // Destination of the last stay of a homeless spell; andere_opvang only between stays.
  ONDERDAK_ASSIGN_OR_RETURN(c.final_exit, Resolve("exit_destination", {{"zelfstandige_woning", 22},
                                                                       {"woonplek_met_begeleiding", 13},
                                                                       {"beschermd_wonen", 8},
                                                                       {"familie_vrienden", 10},
                                                                       {"zorginstelling", 7},
                                                                       {"detentie", 5},
                                                                       {"straat", 8},
                                                                       {"buitenland", 4},
                                                                       {"overleden", 1},
                                                                       {"onbekend", 22}}));
  ONDERDAK_ASSIGN_OR_RETURN(
      c.between_exit, Resolve("exit_destination", {{"andere_opvang", 1}, {"straat", 1}, {"familie_vrienden", 1}}));
  // Living situations outside a shelter: 1 street, 4 leaving an institution, 5 car/tent,
  // 6 with friends, 7 imminent eviction. 2 and 3 come from the shelter stays.
  ONDERDAK_ASSIGN_OR_RETURN(
      c.ethos, Resolve("ethos", {{"1", 30}, {"2", 0}, {"3", 0}, {"4", 8}, {"5", 10}, {"6", 42}, {"7", 10}}));
  c.exit_list = domain::FindCodeList("exit_destination");

  // A request that is not granted: mostly refused, some referred (warm handover), some
  // withdrawn. A small share of the refusals cites regiobinding (not a valid ground, P11).
  ONDERDAK_ASSIGN_OR_RETURN(
      c.not_granted,
      Resolve("decision", {{"toegekend", 0}, {"afgewezen", 70}, {"doorverwezen", 15}, {"ingetrokken", 15}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.refusal_reason, Resolve("decision_reason", {{"zelfredzaam", 30},
                                                                          {"geen_rechtmatig_verblijf", 15},
                                                                          {"capaciteit", 25},
                                                                          {"andere_voorziening", 18},
                                                                          {"regiobinding", 5},
                                                                          {"overig", 7}}));
  ONDERDAK_ASSIGN_OR_RETURN(
      c.any_reason,
      Resolve("decision_reason",
              {{"voldoet_aan_criteria", 1}, {"andere_voorziening", 1}, {"overig", 1}, {"zelfredzaam", 1}}));
  ONDERDAK_ASSIGN_OR_RETURN(
      c.wait_type,
      Resolve("waiting_list_type",
              {{"opvang", 1}, {"beschermd_wonen", 1}, {"woonplek_met_begeleiding", 1}, {"ambulante_begeleiding", 1}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.wait_outcome, Resolve("waiting_outcome", {{"geplaatst", 1}, {"ingetrokken", 1}}));
  // Index order matters: capacity steps store their figures per room size in this order.
  ONDERDAK_ASSIGN_OR_RETURN(c.room_size,
                            Resolve("room_size", {{"eenpersoons", 1}, {"tweepersoons", 1}, {"slaapzaal", 1}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.housing_kind, Resolve("housing_kind", {{"nieuwbouw", 15},
                                                                     {"transformatie", 20},
                                                                     {"woningdelen", 10},
                                                                     {"voorrang_bestaand", 35},
                                                                     {"flexwoning", 20}}));
  ONDERDAK_ASSIGN_OR_RETURN(
      c.housing_status,
      Resolve("housing_status", {{"gepland", 1}, {"gestart", 1}, {"gerealiseerd", 1}, {"ingetrokken", 1}}));
  // Weights of the lines that count a project (seed 000: regional plans ~4,500, flex
  // homes 3,000, BZK scheme ~2,600, corporations' monitor ~4,800); the flex-home line
  // only counts flex homes (see DrawFundingLines).
  ONDERDAK_ASSIGN_OR_RETURN(c.funding_line, Resolve("funding_line", {{"regionaal_plan", 30},
                                                                     {"flexwoningen_vng_aedes", 0},
                                                                     {"bzk_regeling", 18},
                                                                     {"corporatiemonitor", 35},
                                                                     {"overig", 5}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.plan_status,
                            Resolve("plan_status", {{"geen", 1}, {"in_voorbereiding", 1}, {"vastgesteld", 1}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.budget_theme,
                            Resolve("budget_theme", {{"preventie", 1}, {"opvang", 1}, {"wonen_met_begeleiding", 1}}));
  ONDERDAK_ASSIGN_OR_RETURN(
      c.signal_outcome, Resolve("signal_outcome", {{"aanbod_gedaan", 55}, {"geen_contact", 30}, {"niet_nodig", 15}}));
  ONDERDAK_ASSIGN_OR_RETURN(c.any_service, Resolve("service_type", {{"nachtopvang", 18},
                                                                    {"24uursopvang", 30},
                                                                    {"crisisopvang", 6},
                                                                    {"vrouwenopvang", 5},
                                                                    {"jongerenopvang", 8},
                                                                    {"winteropvang", 3},
                                                                    {"beschermd_wonen", 12},
                                                                    {"ambulante_begeleiding", 12},
                                                                    {"woonplek_met_begeleiding", 6}}));
  return c;
}

std::string MakeBsn(Rng& rng, std::unordered_set<std::string>& used) {
  for (;;) {
    std::array<int, 9> d{};
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
      d[static_cast<std::size_t>(i)] = static_cast<int>(rng.Below(10));
      sum += (9 - i) * d[static_cast<std::size_t>(i)];
    }
    // elfproef: sum - d9 must be a multiple of 11 (and not 0).
    const int d9 = sum % 11;
    if (d9 == 10 || sum - d9 == 0) continue;
    d[8] = d9;
    std::string s;
    for (int x : d) s.push_back(static_cast<char>('0' + x));
    if (used.insert(s).second) return s;
  }
}

// Lengths in days, a mixture of uniform buckets: the stays have a long tail past 90 days
// (about a quarter), the other living situations are mostly shorter.
int StayLength(Rng& rng) {
  static constexpr std::array<int, 5> kWeights{30, 25, 20, 15, 10};
  static constexpr std::array<std::array<int, 2>, 5> kRanges{{{1, 14}, {15, 60}, {61, 90}, {91, 365}, {366, 1100}}};
  const auto& r = kRanges[rng.Pick(kWeights)];
  return rng.Between(r[0], r[1]);
}
int SituationLength(Rng& rng) {
  static constexpr std::array<int, 3> kWeights{40, 35, 25};
  static constexpr std::array<std::array<int, 2>, 3> kRanges{{{1, 30}, {31, 120}, {121, 540}}};
  const auto& r = kRanges[rng.Pick(kWeights)];
  return rng.Between(r[0], r[1]);
}

// Regional shares by population. The reference data has no population figures, so the
// proxy is the number of member municipalities, plus a fixed extra weight for the four
// largest cities (G4), whose regions have few members (Rotterdam: 2) but a large share
// of the homeless population.
constexpr int kG4ExtraWeight = 30;
bool IsG4(std::string_view region) {
  static constexpr std::array<std::string_view, 4> kG4{"GM0363", "GM0599", "GM0518", "GM0344"};
  return std::find(kG4.begin(), kG4.end(), region) != kG4.end();
}
std::vector<int> RegionWeights(const domain::ReferenceSet& ref) {
  std::vector<int> weights;
  for (const auto& r : ref.regions()) {
    weights.push_back(static_cast<int>(std::max<std::size_t>(1, r.members.size())) +
                      (IsG4(r.code) ? kG4ExtraWeight : 0));
  }
  return weights;
}

// Index of the centrumgemeente among the region's (name-sorted) members; 0 when absent.
int CentreIndex(const domain::Region& r) {
  for (std::size_t m = 0; m < r.members.size(); ++m) {
    if (r.members[m]->code == r.code) return static_cast<int>(m);
  }
  return 0;
}

class WorldBuilder {
 public:
  WorldBuilder(const Codes& codes, const domain::ReferenceSet& ref, Rng& rng, Date first, Date last,
               bool trajectories = false)
      : codes_(codes),
        ref_(ref),
        rng_(rng),
        first_(first),
        last_(last),
        weights_(RegionWeights(ref)),
        trajectories_(trajectories) {
    for (const auto& r : ref.regions()) centre_.push_back(CentreIndex(r));
  }

  Person Build() {
    for (;;) {
      Person p = BuildOnce();
      if (p.spells.back().last() >= first_ && OnTrajectory(p)) return p;
    }
  }

 private:
  static constexpr std::int32_t kLeadInDays = 730;
  // With trajectories (issue 17), the persons whose first spell is in region r are thinned
  // by the start of that spell, so that new homelessness falls in the regions with r % 3 == 0
  // (improving), stays flat in r % 3 == 1 and grows in r % 3 == 2 (worsening), by
  // kTrajectoryPerYear in log per year.
  static constexpr double kTrajectoryPerYear = 0.2;

  bool OnTrajectory(const Person& p) {
    if (!trajectories_) return true;
    const int kind = p.spells.front().region % 3;
    if (kind == 1) return true;
    const double span = static_cast<double>(last_ - first_ + kLeadInDays) / 365.25;
    const double t = static_cast<double>(p.spells.front().first() - first_.AddDays(-kLeadInDays)) / 365.25;
    const double keep = kind == 0 ? std::exp(-kTrajectoryPerYear * t) : std::exp(kTrajectoryPerYear * (t - span));
    return static_cast<double>(rng_.Below(1'000'000)) < keep * 1e6;
  }

  Person BuildOnce() {
    Person p;
    p.gender = codes_.gender.Draw(rng_);
    p.nationality = codes_.nationality.Draw(rng_);
    p.household = codes_.household.Draw(rng_);
    p.need = codes_.need.Draw(rng_);
    const int home = static_cast<int>(rng_.Pick(weights_));

    // First spell: starts uniformly in the range or up to two years before it, so the
    // range opens with a realistic stock of ongoing spells. Persons whose spells all end
    // before the range are drawn again (see Build), so every person counts in the range.
    const std::int64_t days = static_cast<std::int64_t>(last_ - first_) + 1 + kLeadInDays;
    const auto span = static_cast<std::uint64_t>(days);
    Date start = first_.AddDays(static_cast<std::int32_t>(rng_.Below(span)) - kLeadInDays);

    // Age at the start of the first spell: about a fifth 18-27 (youth, P10).
    static constexpr std::array<int, 4> kAgeWeights{20, 30, 31, 19};
    static constexpr std::array<std::array<int, 2>, 4> kAges{{{18, 27}, {28, 39}, {40, 54}, {55, 75}}};
    const auto& band = kAges[rng_.Pick(kAgeWeights)];
    const int age = rng_.Between(band[0], band[1]);
    p.birth = start.AddMonths(-(12 * age + rng_.Between(0, 11))).AddDays(-rng_.Between(0, 27));

    if (rng_.Chance(850)) {
      p.bsn = MakeBsn(rng_, bsns_);
    } else {
      for (;;) {
        std::string initials;
        const int n = rng_.Between(1, 3);
        for (int i = 0; i < n; ++i) {
          initials.push_back(static_cast<char>('A' + rng_.Below(26)));
          initials.push_back('.');
        }
        // Keep the linkage key unique, so distinct persons stay distinct after linkage
        // (PlantLinkageCollisions makes a few collide on purpose, and says so in the truth).
        if (keys_.insert(initials + "|" + p.birth.ToString() + "|" + std::string(p.gender)).second) {
          p.initials = std::move(initials);
          break;
        }
      }
    }
    const auto& members = ref_.regions()[static_cast<std::size_t>(home)].members;
    if (!members.empty() && rng_.Chance(600)) {
      p.origin = members[static_cast<std::size_t>(rng_.Below(members.size()))]->code;
    }

    int region = rng_.Chance(100) ? static_cast<int>(rng_.Pick(weights_)) : home;
    for (int spell_no = 0; spell_no < 3; ++spell_no) {
      Spell spell = BuildSpell(p, region, start, start.YearsSince(p.birth));
      const Date end = spell.last();
      const std::string_view exit = spell.stays.empty() ? std::string_view() : spell.stays.back().exit;
      const domain::Code* exit_code = exit.empty() ? nullptr : domain::FindCode(*codes_.exit_list, exit);
      p.spells.push_back(std::move(spell));
      // Returns: some exits to housing fail, other exits more often lead back.
      const bool housed = exit_code != nullptr && exit_code->flag;
      if (exit == "overleden" || !rng_.Chance(housed ? 150 : 220)) break;
      start = end.AddDays(rng_.Between(30, 720));
      if (start > last_) break;
      if (rng_.Chance(300)) region = static_cast<int>(rng_.Pick(weights_));
    }
    return p;
  }

  Spell BuildSpell(const Person& p, int region, Date start, int age) {
    Spell s;
    s.region = region;
    s.outreach_knows = rng_.Chance(700);
    s.briefadres_knows = rng_.Chance(350);
    const bool uses_shelter = rng_.Chance(720);
    const auto& members = ref_.regions()[static_cast<std::size_t>(region)].members;
    Date at = start;
    const int pieces = uses_shelter ? rng_.Between(1, 4) : rng_.Between(1, 2);
    // A shelter user alternates between a situation outside and a stay; the last piece
    // is a stay, so the spell ends with an exit destination.
    bool next_is_stay = uses_shelter && pieces % 2 == 1;
    for (int i = 0; i < pieces; ++i) {
      Segment seg;
      seg.start = at;
      if (next_is_stay) {
        Stay stay;
        stay.service_type = codes_.shelter_type.Draw(rng_);
        if (stay.service_type == "vrouwenopvang" && p.gender != "V")
          stay.service_type = codes_.shelter_type.Get("24uursopvang");
        if (stay.service_type == "jongerenopvang" && age > 27)
          stay.service_type = codes_.shelter_type.Get("24uursopvang");
        if (stay.service_type == "winteropvang" && at.month() > 2 && at.month() < 12) {
          stay.service_type = codes_.shelter_type.Get("nachtopvang");
        }
        // The centrumgemeente hosts most shelters; the other members some.
        stay.municipality = members.size() < 2 || rng_.Chance(750) ? centre_[static_cast<std::size_t>(region)]
                                                                   : static_cast<int>(rng_.Below(members.size()));
        stay.start = at;
        stay.end = at.AddDays(StayLength(rng_) - 1);
        const bool last_piece = i + 1 == pieces;
        stay.exit = last_piece ? codes_.final_exit.Draw(rng_) : codes_.between_exit.Draw(rng_);
        if (s.stays.empty()) {
          for (int c = rng_.Between(1, 2); c > 0; --c) {
            auto cause = codes_.cause.Draw(rng_);
            if (std::find(s.causes.begin(), s.causes.end(), cause) == s.causes.end()) s.causes.push_back(cause);
          }
          s.need_date = std::min(stay.end, stay.start.AddDays(rng_.Between(0, 20)));
        }
        const bool night = stay.service_type == "nachtopvang" || stay.service_type == "winteropvang";
        seg.ethos = codes_.ethos.Get(night ? "2" : "3");
        seg.end = stay.end;
        seg.stay = static_cast<int>(s.stays.size());
        s.stays.push_back(stay);
      } else {
        seg.ethos = codes_.ethos.Draw(rng_);
        seg.end = at.AddDays(SituationLength(rng_) - 1);
      }
      at = seg.end.AddDays(1);
      s.segments.push_back(seg);
      if (uses_shelter) next_is_stay = !next_is_stay;
    }
    return s;
  }

  const Codes& codes_;
  const domain::ReferenceSet& ref_;
  Rng& rng_;
  Date first_, last_;
  std::vector<int> weights_;  // per region
  bool trajectories_ = false;
  std::vector<int> centre_;  // per region: index of the centrumgemeente in its members
  std::unordered_set<std::string> bsns_;
  std::unordered_set<std::string> keys_;
};

// ---------------------------------------------------------------------------------------
// Access: requests (applications and decisions) and waiting-list entries, drawn after the
// world from their own stream so that the persons and their episodes do not change.

Date Ymd(int year, int month, int day) {
  auto d = Date::FromYmd(year, month, day);
  return d.ok() ? *d : Date();
}

// Waiting for a shelter place: mostly days, a tail of months.
int ShelterWaitDays(Rng& rng) {
  static constexpr std::array<int, 4> kWeights{40, 35, 20, 5};
  static constexpr std::array<std::array<int, 2>, 4> kRanges{{{1, 7}, {8, 30}, {31, 90}, {91, 180}}};
  const auto& r = kRanges[rng.Pick(kWeights)];
  return rng.Between(r[0], r[1]);
}

// Per spell: a granted request before every shelter stay (a quarter of them after an
// `opvang` waiting-list entry), now and then a request that was not granted while outside
// a shelter (refused, referred to another region, withdrawn), and for the last stay often
// a waiting-list entry for housing with support that ends when the stay ends.
void AddAccessRecords(World& world, const Codes& codes, const domain::ReferenceSet& ref, Rng& rng) {
  const auto& regions = ref.regions();
  std::vector<int> centres;
  std::map<std::string, int, std::less<>> region_index;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    centres.push_back(CentreIndex(regions[r]));
    region_index[regions[r].code] = static_cast<int>(r);
  }
  for (Person& p : world.persons) {
    // The region of the person's municipality of origin (for a warm handover), or -1.
    int origin_region = -1;
    if (const auto* m = p.origin.empty() ? nullptr : ref.FindMunicipality(p.origin); m != nullptr) {
      auto it = region_index.find(m->region_code);
      if (it != region_index.end()) origin_region = it->second;
    }
    for (Spell& s : p.spells) {
      const auto& region = regions[static_cast<std::size_t>(s.region)];
      const int centre = centres[static_cast<std::size_t>(s.region)];
      auto member = [&] {
        return region.members.size() < 2 || rng.Chance(750) ? centre
                                                            : static_cast<int>(rng.Below(region.members.size()));
      };
      // A request that was not granted, made on a day in [from, to].
      auto not_granted = [&](Date from, Date to) {
        Request q;
        q.date = from.AddDays(static_cast<std::int32_t>(rng.Below(static_cast<std::uint64_t>(to - from) + 1)));
        q.decided = std::min(s.last(), q.date.AddDays(rng.Between(0, 14)));
        q.service_type = codes.shelter_type.Draw(rng);
        q.municipality = member();
        q.decision = codes.not_granted.Draw(rng);
        if (q.decision == "doorverwezen") {
          int target = origin_region != s.region ? origin_region : -1;
          if (target < 0 && regions.size() > 1) {
            target = static_cast<int>(rng.Below(regions.size() - 1));
            if (target >= s.region) ++target;
          }
          if (target < 0) q.decision = codes.not_granted.Get("ingetrokken");
          q.referred = target;
        }
        if (q.decision == "afgewezen") {
          q.reason = codes.refusal_reason.Draw(rng);
          if (q.reason == "geen_rechtmatig_verblijf" && p.nationality == "NL") {
            q.reason = codes.refusal_reason.Get("zelfredzaam");
          }
        } else if (q.decision == "doorverwezen") {
          q.reason = codes.any_reason.Get("andere_voorziening");
        } else {
          q.reason = codes.any_reason.Get("overig");
        }
        s.requests.push_back(q);
      };

      if (s.stays.empty()) {
        if (rng.Chance(150)) not_granted(s.first(), s.segments.front().end);
        continue;
      }
      for (const Segment& seg : s.segments) {
        if (seg.stay < 0) {
          if (rng.Chance(80)) not_granted(seg.start, seg.end);
          continue;
        }
        const Stay& st = s.stays[static_cast<std::size_t>(seg.stay)];
        Request q;
        q.service_type = st.service_type;
        q.municipality = st.municipality;
        q.decision = codes.not_granted.Get("toegekend");
        q.reason = codes.any_reason.Get("voldoet_aan_criteria");
        const int room = st.start - s.first();  // days of the spell before the stay
        if (room > 0 && rng.Chance(250)) {
          const int wait = std::min(room, ShelterWaitDays(rng));
          q.date = st.start.AddDays(-wait);
          q.decided = q.date.AddDays(rng.Between(0, std::min(3, wait)));
          s.waits.push_back({codes.wait_type.Get("opvang"), codes.wait_outcome.Get("geplaatst"), q.date, st.start});
        } else {
          q.date = st.start.AddDays(-rng.Between(0, std::min(2, room)));
          q.decided = st.start;
        }
        s.requests.push_back(q);

        if (static_cast<std::size_t>(seg.stay) + 1 != s.stays.size()) continue;
        // The last stay: waiting for housing with support, placed when the stay ends.
        std::string_view type = codes.wait_type.Get("woonplek_met_begeleiding");
        std::string_view outcome = codes.wait_outcome.Get("geplaatst");
        int chance = 900;
        if (st.exit == "beschermd_wonen") {
          type = codes.wait_type.Get("beschermd_wonen");
        } else if (st.exit == "zelfstandige_woning") {
          type = codes.wait_type.Get("ambulante_begeleiding");
          chance = 350;
        } else if (st.exit != "woonplek_met_begeleiding") {
          outcome = codes.wait_outcome.Get("ingetrokken");
          chance = 150;
        }
        if (rng.Chance(chance)) {
          const Date registered = st.start.AddDays(rng.Between(0, std::min(60, st.end - st.start)));
          s.waits.push_back({type, outcome, registered, st.end});
        }
      }
    }
  }
}

// One capacity step: dormitories give way to single rooms over the years (DOMAIN.md §1,
// seed 002); night shelters keep more dormitory places, crisis, women's and youth
// shelters fewer.
CapacityStep SplitCapacity(Rng& rng, std::string_view type, int year, int total, Date from) {
  int share = 450 - 80 * (year - 2019);  // per mille of the places in dormitories
  if (type == "nachtopvang" || type == "winteropvang") {
    share += 250;
  } else if (type == "crisisopvang" || type == "vrouwenopvang" || type == "jongerenopvang") {
    share -= 150;
  }
  share = std::clamp(share + rng.Between(-50, 50), 0, 900);
  CapacityStep step;
  step.from = from;
  int dorm = total * share / 1000;
  if (dorm < 3) dorm = 0;
  const int rest = total - dorm;
  const int twin = rest * rng.Between(20, 40) / 100 / 2 * 2;
  const int dorm_size = rng.Between(4, 10);
  step.places = {rest - twin, twin, dorm};
  step.rooms = {rest - twin, twin / 2, dorm == 0 ? 0 : std::max(1, dorm / dorm_size)};
  return step;
}

// A facility per (municipality, shelter type) that the region's stays in the range use;
// its places follow the mean occupancy (plus a margin), with a change in about half of
// the later years.
void BuildFacilities(const World& world, const std::vector<RegionSpell>& spells, Rng& rng, Date first, Date last,
                     RegionFigures& fig) {
  std::map<std::pair<int, std::string_view>, std::int64_t> stay_days;
  for (const auto& rs : spells) {
    for (const Stay& st : world.persons[rs.person].spells[rs.spell].stays) {
      if (st.start > last || st.end < first) continue;
      stay_days[{st.municipality, st.service_type}] += std::min(st.end, last) - std::max(st.start, first) + 1;
    }
  }
  const std::int64_t range_days = static_cast<std::int64_t>(last - first) + 1;
  for (const auto& [key, days] : stay_days) {
    Facility f;
    f.municipality = key.first;
    f.service_type = key.second;
    int total = std::max(4, static_cast<int>(days * 5 / (range_days * 4)) + rng.Between(1, 4));
    for (int y = first.year(); y <= last.year(); ++y) {
      Date from = first;
      if (y != first.year()) {
        if (!rng.Chance(550)) continue;
        from = Ymd(y, 1, 1).AddDays(rng.Between(0, 364));
        total = std::max(4, total * rng.Between(90, 115) / 100);
      }
      f.steps.push_back(SplitCapacity(rng, f.service_type, y, total, from));
    }
    fig.facility_of[key] = fig.facilities.size();
    fig.facilities.push_back(std::move(f));
  }
}

constexpr int kHousingFirstYear = 2019;

// Share (percent) of a region's target planned in a calendar year: the programme "Een
// (t)huis, een toekomst" ran 2020-2021, the action plan "Eerst een Thuis" from 2023.
int PlannedShare(int year) {
  if (year <= 2019) return 10;
  if (year == 2020) return 45;
  if (year == 2021) return 40;
  return 30;
}

int ProjectPlaces(Rng& rng, std::string_view kind) {
  if (kind == "nieuwbouw") return rng.Between(8, 48);
  if (kind == "transformatie") return rng.Between(6, 60);
  if (kind == "woningdelen") return rng.Between(2, 6);
  if (kind == "flexwoning") return rng.Between(10, 80);
  return rng.Between(1, 12);  // voorrang_bestaand: a batch of priority allocations
}

// One to three distinct lines count a project, mostly with all its places: the gross sum
// of the lines exceeds the distinct number of places (seed 000).
void DrawFundingLines(const Codes& codes, Rng& rng, Project& p) {
  std::vector<int> weights = codes.funding_line.weights;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (codes.funding_line.codes[i] == "flexwoningen_vng_aedes") weights[i] = p.kind == "flexwoning" ? 60 : 0;
  }
  static constexpr std::array<int, 3> kLineCount{40, 40, 20};
  const std::size_t n = rng.Pick(kLineCount) + 1;
  for (std::size_t k = 0; k < n; ++k) {
    if (std::all_of(weights.begin(), weights.end(), [](int w) { return w == 0; })) break;
    const std::size_t i = rng.Pick(weights);
    weights[i] = 0;
    p.lines.push_back({codes.funding_line.codes[i], rng.Chance(750) ? p.places : rng.Between(1, p.places)});
  }
}

void BuildProjects(const domain::Region& region, int centre, const Codes& codes, Rng& rng, int from_year, int to_year,
                   RegionFigures& fig) {
  const auto& members = region.members;
  for (int y = from_year; y <= to_year; ++y) {
    const int quota = fig.target * PlannedShare(y) / 100;
    const Date jan1 = Ymd(y, 1, 1);
    const int year_days = Ymd(y, 12, 31) - jan1 + 1;
    for (int planned = 0; planned < quota;) {
      Project p;
      p.kind = codes.housing_kind.Draw(rng);
      p.municipality = members.size() < 2 || rng.Chance(500) ? centre : static_cast<int>(rng.Below(members.size()));
      p.places = std::max(1, std::min(ProjectPlaces(rng, p.kind), quota - planned));
      planned += p.places;
      const bool flex = p.kind == "flexwoning";
      p.planned = jan1.AddDays(rng.Between(0, year_days - 1));
      p.is_withdrawn = rng.Chance(70);
      p.withdrawn = p.planned.AddDays(rng.Between(60, 400));
      p.started = p.planned.AddDays(rng.Between(30, flex ? 120 : 240));
      p.realised = p.started.AddDays(flex ? rng.Between(30, 200) : rng.Between(60, 450));
      if (!members.empty() && rng.Chance(900)) {
        p.owner = "Woonstichting " + members[static_cast<std::size_t>(p.municipality)]->name;
      }
      DrawFundingLines(codes, rng, p);
      fig.projects.push_back(std::move(p));
    }
  }
}

// Plan, agreements and budgets. Most regions adopted their plan between March 2020 and
// mid-2021 (every region by 2021 in the programme), a tenth later, a few never.
void BuildPolicy(const domain::Region& region, int weight, Rng& rng, int from_year, int to_year, RegionFigures& fig) {
  Plan& plan = fig.plan;
  const int roll = rng.Between(1, 100);
  if (roll <= 85) {
    plan.adopts = true;
    plan.adopted = Ymd(2020, 3, 1).AddDays(rng.Between(0, Ymd(2021, 6, 30) - Ymd(2020, 3, 1)));
  } else if (roll <= 95) {
    plan.adopts = true;
    plan.adopted = Ymd(2021, 7, 1).AddDays(rng.Between(0, 548));
  }
  plan.preparing = (plan.adopts ? plan.adopted : Ymd(2021, 1, 1)).AddDays(-rng.Between(120, 360));
  plan.aligned = rng.Chance(850);
  plan.shelter_in_origin = rng.Chance(600);
  plan.with_lived_experience = rng.Chance(650);
  plan.wonen_eerst_year = rng.Between(2019, 2024);
  plan.policy_base = rng.Between(0, 1);
  plan.execution_base = rng.Between(0, 1);

  for (std::size_t m = 0; m < region.members.size(); ++m) {
    if (!rng.Chance(600)) continue;
    Agreement a;
    a.municipality = static_cast<int>(m);
    a.start_year = rng.Between(from_year, std::max(from_year, std::min(to_year, 2021)));
    a.covers_from_year = rng.Between(2019, 2024);
    a.places = rng.Between(2, 40);
    a.rate = rng.Between(10, 30);
    fig.agreements.push_back(a);
  }

  fig.first_year = from_year;
  for (int y = from_year; y <= to_year; ++y) {
    const std::int64_t grow = std::max(0, y - 2019);
    // Per unit of region weight, in euros: shelter flat, prevention and housing with
    // support growing (the transformation of DOMAIN.md §1).
    const std::array<std::int64_t, 3> base{250'000 * (100 + 12 * grow) / 100, 1'100'000,
                                           500'000 * (100 + 15 * grow) / 100};
    std::array<Budget, 3> year{};
    for (std::size_t t = 0; t < 3; ++t) {
      Budget& b = year[t];
      b.budget = base[t] * weight * rng.Between(90, 110) / 100;
      b.spent_h1 = b.budget * rng.Between(35, 55) / 100;
      b.spent_year = b.budget * rng.Between(85, 105) / 100;
    }
    fig.budgets.push_back(year);
  }
}

// Each gemeente's prevention policy (A8), from its own random stream so that the other
// figures stay as they were before A8: nine in ten gemeenten reported on; of those, four
// in five adopt a policy between 2019 and 2024 and most of the rest prepare one; a fifth
// took part in the prevention scan between 2021 and 2023; a respite facility in a third,
// unknown in a fifth.
void BuildMunicipalPrevention(const domain::Region& region, Rng& rng, RegionFigures& fig) {
  for (std::size_t m = 0; m < region.members.size(); ++m) {
    MunicipalPrevention p;
    p.municipality = static_cast<int>(m);
    p.reported = rng.Chance(900);
    p.adopts = rng.Chance(800);
    p.adopted = Ymd(2019, 1, 1).AddDays(rng.Between(0, Ymd(2024, 12, 31) - Ymd(2019, 1, 1)));
    p.preparing = (p.adopts ? p.adopted : Ymd(2022, 1, 1)).AddDays(-rng.Between(90, 720));
    p.scan_year = rng.Chance(200) ? rng.Between(2021, 2023) : 0;
    const int respite = rng.Between(1, 100);
    p.respite = respite <= 33 ? "ja" : respite <= 80 ? "nee" : "onbekend";
    fig.prevention.push_back(p);
  }
}

// Evictions (about 6 per 100 persons a year, fewer in the covid years 2020-2021) and
// early-warning signals (about 40 per 100 persons a year once vroegsignalering is
// mandatory in 2021), spread over the region's members; scaled with --persons.
void BuildPrevention(const domain::Region& region, int centre, int weight, int total_weight,
                     std::int64_t persons_per_year, const Codes& codes, const std::vector<Period>& halves, Rng& rng,
                     RegionFigures& fig) {
  static constexpr std::array<std::string_view, 3> kFound{"ja", "nee", "onbekend"};
  static constexpr std::array<int, 3> kFoundWeights{35, 25, 40};
  const auto& members = region.members;
  auto member = [&](int centre_per_mille) {
    return members.size() < 2 || rng.Chance(centre_per_mille) ? centre : static_cast<int>(rng.Below(members.size()));
  };
  auto count = [&](std::int64_t per_100, std::int64_t tenths) {
    // Half a year of per_100/100 per person a year, times tenths/10, times +-20 %.
    return persons_per_year * per_100 * weight * tenths * rng.Between(80, 120) / (2LL * 100 * total_weight * 10 * 100);
  };
  for (const Period& half : halves) {
    const int year = half.year();
    const std::int32_t days = half.last() - half.first() + 1;
    auto day = [&] {
      return half.first().AddDays(static_cast<std::int32_t>(rng.Below(static_cast<std::uint64_t>(days))));
    };
    std::vector<Eviction> evictions;
    const std::int64_t n_evictions = count(6, year == 2020 || year == 2021 ? 6 : 10);
    for (std::int64_t i = 0; i < n_evictions; ++i) {
      Eviction e;
      e.date = day();
      e.municipality = member(400);
      e.household = codes.household.Draw(rng);
      e.other_housing_found = kFound[rng.Pick(kFoundWeights)];
      evictions.push_back(e);
    }
    std::stable_sort(evictions.begin(), evictions.end(),
                     [](const Eviction& a, const Eviction& b) { return a.date < b.date; });
    fig.evictions.push_back(std::move(evictions));

    std::vector<Signal> signals;
    const std::int64_t n_signals = count(40, year <= 2019 ? 3 : year == 2020 ? 6 : 10);
    for (std::int64_t i = 0; i < n_signals; ++i) {
      Signal s;
      s.date = day();
      s.municipality = member(400);
      s.outcome = codes.signal_outcome.Draw(rng);
      signals.push_back(s);
    }
    std::stable_sort(signals.begin(), signals.end(), [](const Signal& a, const Signal& b) { return a.date < b.date; });
    fig.signals.push_back(std::move(signals));
  }
}

// ---------------------------------------------------------------------------------------
// Writing.

std::vector<Organisation> OrganisationsOf(const domain::Region& region, bool has_briefadres) {
  const std::string digits = region.code.substr(2);
  std::vector<Organisation> orgs{
      {OrgKind::kShelter, "opvang", "KVK-5" + digits + "100", "Stichting Opvang " + region.name, "P-"},
      {OrgKind::kOutreach, "straatteam", "KVK-5" + digits + "200", "Straatteam " + region.name, "O-"}};
  if (has_briefadres) {
    orgs.push_back(
        {OrgKind::kBriefadres, "briefadres", "KVK-5" + digits + "300", "Briefadres gemeente " + region.name, "B-"});
  }
  orgs.push_back({OrgKind::kMunicipality, "gemeente", "GEMEENTE-" + region.code,
                  "Gemeente " + region.name + " (centrumgemeente)", "G-"});
  return orgs;
}

// RFC 4180 field: quoted when it holds a separator, quote or line break. (Generated
// values never start with a formula character, so no neutralisation is needed.)
void AppendField(std::string& out, std::string_view v) {
  if (v.find_first_of(",;\"\r\n") == std::string_view::npos) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (auto f : fields) {
    if (!first) out.push_back(',');
    first = false;
    AppendField(out, f);
  }
  out.push_back('\n');
}

class CsvFile {
 public:
  CsvFile(std::initializer_list<std::string_view> header) { AppendRow(text_, header); }
  void Row(std::initializer_list<std::string_view> fields) {
    AppendRow(text_, fields);
    ++rows_;
  }
  const std::string& text() const { return text_; }
  std::int64_t rows() const { return rows_; }

 private:
  std::string text_;
  std::int64_t rows_ = 0;
};

// A CSV file written as it is produced, through a buffer of about a MiB.
class CsvStream {
 public:
  core::Status Open(const std::filesystem::path& path, std::initializer_list<std::string_view> header) {
    path_ = path;
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) return core::Status::Io("cannot write " + path.string());
    buffer_.reserve(kFlushAt + 64 * 1024);
    AppendRow(buffer_, header);
    return core::Status::Ok();
  }
  void Row(std::initializer_list<std::string_view> fields) {
    AppendRow(buffer_, fields);
    ++rows_;
    if (buffer_.size() >= kFlushAt) Flush();
  }
  core::Status Close() {
    Flush();
    out_.close();
    if (!out_) return core::Status::Io("cannot write " + path_.string());
    return core::Status::Ok();
  }
  std::int64_t rows() const { return rows_; }

 private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
  std::filesystem::path path_;
  std::ofstream out_;
  std::string buffer_;
  std::int64_t rows_ = 0;
};

core::Status WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return core::Status::Io("cannot write " + path.string());
  return core::Status::Ok();
}

std::string EndText(Date end, const Period& period) { return end <= period.last() ? end.ToString() : std::string(); }

std::string PersonId(const Organisation& org, std::size_t person) {
  std::string digits = std::to_string(person + 1);
  if (digits.size() < 7) digits.insert(0, 7 - digits.size(), '0');
  return org.person_prefix + digits;
}

std::string FacilityId(std::size_t index) { return "F-" + std::to_string(index + 1); }
std::string_view YesNo(bool b) { return b ? "ja" : "nee"; }

// Headers, exactly the columns of docs/exchange-format.md §2 in its order.
CsvFile PersonsCsv() {
  return CsvFile{"record_id",
                 "bsn",
                 "initials",
                 "birth_date",
                 "birth_year_month",
                 "gender",
                 "nationality_group",
                 "household",
                 "municipality_of_origin"};
}
CsvFile ServicesCsv() {
  return CsvFile{"record_id",    "person_id",  "service_type", "facility_id",
                 "municipality", "start_date", "end_date",     "exit_destination"};
}

struct DeliveryFiles {
  CsvFile persons = PersonsCsv();
  CsvFile living{"record_id", "person_id", "ethos", "start_date", "end_date", "source"};
  CsvFile services = ServicesCsv();
  CsvFile needs{"record_id", "person_id", "assessed_date", "need_category"};
  CsvFile causes{"record_id", "person_id", "intake_date", "cause"};
  CsvFile requests{"record_id", "person_id",     "request_date",    "municipality_applied_to", "service_type",
                   "decision",  "decision_date", "decision_reason", "referred_to_region"};
  CsvFile waits{"record_id", "person_id", "waiting_list_type", "registered_date", "end_date", "outcome"};
  CsvFile facilities{"record_id", "name", "municipality", "service_type"};
  CsvFile capacity{"record_id", "facility_id", "valid_from", "room_size", "rooms", "places"};
};

core::Status WriteManifest(const domain::Region& region, const Organisation& org, const Period& period,
                           const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return core::Status::Io("cannot create " + dir.string() + ": " + ec.message());
  nlohmann::ordered_json manifest{{"format_version", 1},
                                  {"region", region.code},
                                  {"organisation", org.id},
                                  {"organisation_name", org.name},
                                  {"period", period.ToString()},
                                  {"created", period.last().AddDays(1).ToString() + "T06:00:00Z"},
                                  {"synthetic", true}};
  return WriteFile(dir / "manifest.json", manifest.dump(2) + "\n");
}

struct DeliveryContext {
  const World& world;
  const Codes& codes;
  const domain::ReferenceSet& ref;
  const domain::Region& region;
  const RegionFigures& fig;
  const Period& period;
  std::size_t half;  // index of `period` in the range
};

core::Status WriteDelivery(const DeliveryContext& cx, const Organisation& org, const std::vector<RegionSpell>& spells,
                           const std::filesystem::path& dir, GenerateSummary& summary) {
  const World& world = cx.world;
  const domain::Region& region = cx.region;
  const Period& period = cx.period;
  const RegionFigures& fig = cx.fig;
  DeliveryFiles f;
  std::size_t last_person = static_cast<std::size_t>(-1);
  for (const auto& rs : spells) {
    const Person& p = world.persons[rs.person];
    const Spell& spell = p.spells[rs.spell];
    if (!Overlaps(spell.first(), spell.last(), period)) continue;
    const std::string pid = PersonId(org, rs.person);
    bool any = false;
    const std::string tag = std::to_string(rs.person + 1) + "-" + std::to_string(rs.spell + 1) + "-";
    for (std::size_t k = 0; k < spell.segments.size(); ++k) {
      const Segment& seg = spell.segments[k];
      if (!Registers(org, spell, seg) || !Overlaps(seg.start, seg.end, period)) continue;
      any = true;
      f.living.Row({"L-" + tag + std::to_string(k + 1), pid, seg.ethos, seg.start.ToString(), EndText(seg.end, period),
                    org.slug});
    }
    if (org.kind == OrgKind::kShelter) {
      for (std::size_t k = 0; k < spell.stays.size(); ++k) {
        const Stay& st = spell.stays[k];
        if (!Overlaps(st.start, st.end, period)) continue;
        any = true;
        const std::string end = EndText(st.end, period);
        const auto facility = fig.facility_of.find({st.municipality, st.service_type});
        f.services.Row({"S-" + tag + std::to_string(k + 1), pid, st.service_type,
                        facility == fig.facility_of.end() ? std::string() : FacilityId(facility->second),
                        region.members[static_cast<std::size_t>(st.municipality)]->code, st.start.ToString(), end,
                        end.empty() ? std::string_view() : st.exit});
      }
      if (!spell.stays.empty() && period.Contains(spell.need_date)) {
        any = true;
        f.needs.Row({"N-" + tag + "1", pid, spell.need_date.ToString(), p.need});
      }
      if (!spell.stays.empty() && period.Contains(spell.stays.front().start)) {
        for (std::size_t k = 0; k < spell.causes.size(); ++k) {
          any = true;
          f.causes.Row(
              {"C-" + tag + std::to_string(k + 1), pid, spell.stays.front().start.ToString(), spell.causes[k]});
        }
      }
      for (std::size_t k = 0; k < spell.requests.size(); ++k) {
        const Request& q = spell.requests[k];
        if (!Overlaps(q.date, q.decided, period)) continue;
        any = true;
        const bool decided = q.decided <= period.last();  // else still undecided at delivery
        const bool referred = decided && q.referred >= 0;
        f.requests.Row({"A-" + tag + std::to_string(k + 1), pid, q.date.ToString(),
                        region.members[static_cast<std::size_t>(q.municipality)]->code, q.service_type,
                        decided ? q.decision : std::string_view(), decided ? q.decided.ToString() : std::string(),
                        decided ? q.reason : std::string_view(),
                        referred ? std::string_view(cx.ref.regions()[static_cast<std::size_t>(q.referred)].code)
                                 : std::string_view()});
      }
      for (std::size_t k = 0; k < spell.waits.size(); ++k) {
        const WaitEntry& w = spell.waits[k];
        if (!Overlaps(w.registered, w.end, period)) continue;
        any = true;
        const std::string end = EndText(w.end, period);
        f.waits.Row({"W-" + tag + std::to_string(k + 1), pid, w.type, w.registered.ToString(), end,
                     end.empty() ? std::string_view() : w.outcome});
      }
    }
    if (any && last_person != rs.person) {
      last_person = rs.person;
      const std::string birth = p.birth.ToString();
      // A planted collision (PlantLinkageCollisions): only the shelter knows the BSN.
      const bool with_bsn = !p.bsn.empty() && (org.kind == OrgKind::kShelter || !p.bsn_only_at_shelter);
      f.persons.Row({pid, with_bsn ? std::string_view(p.bsn) : std::string_view(),
                     with_bsn ? std::string_view() : std::string_view(p.initials),
                     with_bsn ? std::string_view() : std::string_view(birth), std::string_view(birth).substr(0, 7),
                     p.gender, p.nationality, p.household, p.origin});
    }
  }

  if (org.kind == OrgKind::kShelter) {
    const domain::CodeList* types = domain::FindCodeList("service_type");
    for (std::size_t i = 0; i < fig.facilities.size(); ++i) {
      const Facility& fac = fig.facilities[i];
      const domain::Municipality* m = region.members[static_cast<std::size_t>(fac.municipality)];
      const domain::Code* type = types == nullptr ? nullptr : domain::FindCode(*types, fac.service_type);
      const std::string name = std::string(type == nullptr ? fac.service_type : type->nl) + " " + m->name;
      f.facilities.Row({FacilityId(i), name, m->code, fac.service_type});
      // The capacity in force on the period's first day and every change within it.
      for (std::size_t c = 0; c < fac.steps.size(); ++c) {
        const CapacityStep& step = fac.steps[c];
        if (step.from > period.last()) break;
        if (c + 1 < fac.steps.size() && fac.steps[c + 1].from <= period.first()) continue;
        for (std::size_t r = 0; r < kRoomSizes; ++r) {
          f.capacity.Row({"K-" + std::to_string(i + 1) + "-" + std::to_string(c + 1) + "-" + std::to_string(r + 1),
                          FacilityId(i), step.from.ToString(), cx.codes.room_size.codes[r],
                          std::to_string(step.rooms[r]), std::to_string(step.places[r])});
        }
      }
    }
  }

  ONDERDAK_RETURN_IF_ERROR(WriteManifest(region, org, period, dir));
  auto write = [&](const char* name, const CsvFile& csv) {
    summary.rows[name] += csv.rows();
    return WriteFile(dir / name, csv.text());
  };
  ONDERDAK_RETURN_IF_ERROR(write("persons.csv", f.persons));
  ONDERDAK_RETURN_IF_ERROR(write("living_situations.csv", f.living));
  if (org.kind == OrgKind::kShelter) {
    ONDERDAK_RETURN_IF_ERROR(write("service_episodes.csv", f.services));
    ONDERDAK_RETURN_IF_ERROR(write("needs.csv", f.needs));
    ONDERDAK_RETURN_IF_ERROR(write("causes.csv", f.causes));
    ONDERDAK_RETURN_IF_ERROR(write("requests.csv", f.requests));
    ONDERDAK_RETURN_IF_ERROR(write("waiting_list.csv", f.waits));
    ONDERDAK_RETURN_IF_ERROR(write("facilities.csv", f.facilities));
    ONDERDAK_RETURN_IF_ERROR(write("capacity.csv", f.capacity));
  }
  ++summary.deliveries;
  return core::Status::Ok();
}

// The centrumgemeente's delivery of the region-level files (persons.csv with only its
// header: it delivers no person-level data).
core::Status WriteMunicipalityDelivery(const DeliveryContext& cx, const Organisation& org,
                                       const std::filesystem::path& dir, GenerateSummary& summary) {
  const Codes& codes = cx.codes;
  const RegionFigures& fig = cx.fig;
  const Period& period = cx.period;
  const auto& members = cx.region.members;
  auto code_of = [&](int member) -> const std::string& { return members[static_cast<std::size_t>(member)]->code; };

  CsvFile persons = PersonsCsv();
  CsvFile projects{"record_id", "municipality", "housing_kind", "places", "status", "status_date", "owner"};
  CsvFile lines{"record_id", "project_id", "funding_line", "places_counted"};
  for (std::size_t i = 0; i < fig.projects.size(); ++i) {
    const Project& p = fig.projects[i];
    const auto [status, date] = ProjectStatus(codes, p, period.last());
    if (status.empty()) continue;
    const std::string id = "H-" + std::to_string(i + 1);
    projects.Row({id, code_of(p.municipality), p.kind, std::to_string(p.places), status, date.ToString(), p.owner});
    for (std::size_t k = 0; k < p.lines.size(); ++k) {
      lines.Row({"HF-" + std::to_string(i + 1) + "-" + std::to_string(k + 1), id, p.lines[k].line,
                 std::to_string(p.lines[k].places)});
    }
  }

  CsvFile plans{"record_id",
                "plan_status",
                "adopted_date",
                "aligned_with_action_plan",
                "contains_wonen_eerst",
                "shelter_in_municipality_of_origin",
                "made_with_lived_experience",
                "lived_experience_policy",
                "lived_experience_execution",
                "target_extra_places"};
  {
    const Plan& plan = fig.plan;
    const std::string_view status = PlanStatus(codes, plan, period);
    const bool adopted = status == "vastgesteld";
    plans.Row({"PL-" + cx.region.code, status, adopted ? plan.adopted.ToString() : std::string(),
               YesNo(adopted && plan.aligned), YesNo(status != "geen" && period.year() >= plan.wonen_eerst_year),
               YesNo(adopted && plan.shelter_in_origin), YesNo(adopted && plan.with_lived_experience),
               std::to_string(PolicyInvolvement(plan, period.year())),
               std::to_string(ExecutionInvolvement(plan, period.year())),
               std::to_string(status == "geen" ? 0 : fig.target)});
  }

  CsvFile agreements{"record_id", "corporation", "municipality", "covers_homeless", "places_agreed", "places_realised"};
  for (const Agreement& a : fig.agreements) {
    const AgreementState state = AgreementIn(a, period);
    if (!state.listed) continue;
    agreements.Row({"PA-" + code_of(a.municipality),
                    "Woonstichting " + members[static_cast<std::size_t>(a.municipality)]->name, code_of(a.municipality),
                    YesNo(state.covers), std::to_string(state.agreed), std::to_string(state.realised)});
  }

  CsvFile budgets{"record_id", "year", "budget_theme", "budget_eur", "spent_eur"};
  const auto y = static_cast<std::size_t>(period.year() - fig.first_year);
  if (y < fig.budgets.size()) {
    for (std::size_t t = 0; t < 3; ++t) {
      const Budget& b = fig.budgets[y][t];
      const std::string year = std::to_string(period.year());
      budgets.Row({"BU-" + year + "-" + std::string(codes.budget_theme.codes[t]), year, codes.budget_theme.codes[t],
                   std::to_string(b.budget), std::to_string(b.SpentBy(period.half()))});
    }
  }

  CsvFile evictions{"record_id", "municipality", "eviction_date", "household", "other_housing_found"};
  const std::string tag = period.ToString() + "-";
  const auto& period_evictions = fig.evictions[cx.half];
  for (std::size_t k = 0; k < period_evictions.size(); ++k) {
    const Eviction& e = period_evictions[k];
    evictions.Row({"E-" + tag + std::to_string(k + 1), code_of(e.municipality), e.date.ToString(), e.household,
                   e.other_housing_found});
  }
  CsvFile signals{"record_id", "municipality", "signal_date", "signal_outcome"};
  const auto& period_signals = fig.signals[cx.half];
  for (std::size_t k = 0; k < period_signals.size(); ++k) {
    const Signal& s = period_signals[k];
    signals.Row({"VS-" + tag + std::to_string(k + 1), code_of(s.municipality), s.date.ToString(), s.outcome});
  }

  CsvFile prevention{"record_id", "municipality", "policy_status", "prevention_scan", "respite_facility"};
  for (const MunicipalPrevention& m : fig.prevention) {
    const PreventionState state = PreventionIn(m, period);
    if (!state.listed) continue;
    prevention.Row(
        {"PB-" + code_of(m.municipality), code_of(m.municipality), state.status, YesNo(state.scan), state.respite});
  }

  ONDERDAK_RETURN_IF_ERROR(WriteManifest(cx.region, org, period, dir));
  auto write = [&](const char* name, const CsvFile& csv) {
    summary.rows[name] += csv.rows();
    return WriteFile(dir / name, csv.text());
  };
  ONDERDAK_RETURN_IF_ERROR(write("persons.csv", persons));
  ONDERDAK_RETURN_IF_ERROR(write("housing_projects.csv", projects));
  ONDERDAK_RETURN_IF_ERROR(write("funding_lines.csv", lines));
  ONDERDAK_RETURN_IF_ERROR(write("plans.csv", plans));
  ONDERDAK_RETURN_IF_ERROR(write("agreements.csv", agreements));
  ONDERDAK_RETURN_IF_ERROR(write("budgets.csv", budgets));
  ONDERDAK_RETURN_IF_ERROR(write("evictions.csv", evictions));
  ONDERDAK_RETURN_IF_ERROR(write("signals.csv", signals));
  ONDERDAK_RETURN_IF_ERROR(write("prevention_policies.csv", prevention));
  ++summary.deliveries;
  return core::Status::Ok();
}

// Refuses an existing non-empty folder (or a file) and creates the folder.
core::Status PrepareOutDir(const std::filesystem::path& out_dir) {
  std::error_code ec;
  if (std::filesystem::exists(out_dir, ec)) {
    if (!std::filesystem::is_directory(out_dir, ec)) {
      return core::Status::InvalidInput("--out " + out_dir.string() + " exists and is not a folder");
    }
    if (!std::filesystem::is_empty(out_dir, ec)) {
      return core::Status::InvalidInput("--out " + out_dir.string() +
                                        " is not empty; choose a new or empty folder (existing data is never "
                                        "overwritten)");
    }
  }
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return core::Status::Io("cannot create " + out_dir.string() + ": " + ec.message());
  return core::Status::Ok();
}

// Stream seeds: one per part of the model, so changing one part does not reshuffle the
// others (and the files written before a part existed keep their bytes).
std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t stream) { return seed * 0x9E3779B97F4A7C15ULL + stream; }

}  // namespace

core::Result<GenerateSummary> Generate(const GenerateOptions& options, const domain::ReferenceSet& reference,
                                       const std::filesystem::path& out_dir) {
  if (options.from_year < 1990 || options.to_year > 2100) {
    return core::Status::InvalidInput("--from/--to: years must lie between 1990 and 2100");
  }
  if (options.from_year > options.to_year) {
    return core::Status::InvalidInput("--from " + std::to_string(options.from_year) + " is after --to " +
                                      std::to_string(options.to_year));
  }
  if (options.persons < 0) {
    return core::Status::InvalidInput("--persons must be a positive number, not " + std::to_string(options.persons));
  }
  if (reference.regions().empty()) return core::Status::InvalidInput("the reference set has no regions");
  const int years = options.to_year - options.from_year + 1;
  const std::int64_t persons = options.persons > 0 ? options.persons : kDefaultPersonsPerYear * years;
  if (persons > 50'000'000) return core::Status::InvalidInput("--persons: at most 50,000,000");
  ONDERDAK_RETURN_IF_ERROR(PrepareOutDir(out_dir));

  ONDERDAK_ASSIGN_OR_RETURN(const Codes codes, LoadCodes());
  ONDERDAK_ASSIGN_OR_RETURN(const Date first, Date::FromYmd(options.from_year, 1, 1));
  ONDERDAK_ASSIGN_OR_RETURN(const Date last, Date::FromYmd(options.to_year, 12, 31));
  const std::vector<Period> halves =
      core::HalfYearsBetween(Period::HalfYear(options.from_year, 1), Period::HalfYear(options.to_year, 2));
  std::vector<int> year_list;
  for (int y = options.from_year; y <= options.to_year; ++y) year_list.push_back(y);

  // Independent streams, so changing one part of the model does not reshuffle the others.
  Rng person_rng(StreamSeed(options.seed, 1));
  Rng region_rng(StreamSeed(options.seed, 2));
  Rng access_rng(StreamSeed(options.seed, 3));
  Rng facility_rng(StreamSeed(options.seed, 4));
  Rng housing_rng(StreamSeed(options.seed, 5));
  Rng policy_rng(StreamSeed(options.seed, 6));
  Rng prevention_rng(StreamSeed(options.seed, 7));

  World world;
  WorldBuilder builder(codes, reference, person_rng, first, last, options.trajectories);
  world.persons.reserve(static_cast<std::size_t>(persons));
  for (std::int64_t i = 0; i < persons; ++i) world.persons.push_back(builder.Build());
  AddAccessRecords(world, codes, reference, access_rng);

  const std::size_t nr = reference.regions().size();
  // Organisations: about half of the regions also have a briefadres registration, and
  // the four largest cities always do. (Without it a region has two lists, shelter and
  // outreach, that share nobody on a reference date, so it never has an estimate; issue 22
  // found Amsterdam, Rotterdam and Den Haag so.) The draw is made for every region, so
  // the other regions and the later draws of the stream stay as they were.
  std::vector<std::vector<Organisation>> orgs;
  for (const auto& region : reference.regions()) {
    const bool drawn = region_rng.Chance(500);
    orgs.push_back(OrganisationsOf(region, drawn || IsG4(region.code)));
  }
  // Per half-year, 6 to 10 regions (about 35 of 43) do not deliver.
  std::vector<std::vector<bool>> delivered(nr, std::vector<bool>(halves.size(), true));
  for (std::size_t h = 0; h < halves.size(); ++h) {
    std::vector<std::size_t> order(nr);
    for (std::size_t r = 0; r < nr; ++r) order[r] = r;
    const auto missing = static_cast<std::size_t>(std::min<std::int64_t>(
        static_cast<std::int64_t>(nr) - 1, static_cast<std::int64_t>(nr) * region_rng.Between(6, 10) / 43));
    for (std::size_t i = 0; i < missing; ++i) {  // partial Fisher-Yates shuffle
      std::swap(order[i], order[i + region_rng.Below(nr - i)]);
      delivered[order[i]][h] = false;
    }
  }

  // Linkage collisions, from their own stream after the world and who delivers are known.
  const DeliveryPlan plan{reference, halves, delivered, orgs};
  Rng linkage_rng(StreamSeed(options.seed, 8));
  Rng municipal_rng(StreamSeed(options.seed, 9));
  PlantLinkageCollisions(world, plan, linkage_rng);

  std::vector<std::vector<RegionSpell>> by_region(nr);
  for (std::size_t pi = 0; pi < world.persons.size(); ++pi) {
    for (std::size_t si = 0; si < world.persons[pi].spells.size(); ++si) {
      by_region[static_cast<std::size_t>(world.persons[pi].spells[si].region)].push_back({pi, si});
    }
  }

  // The regions' aggregate figures. Housing targets share the national ambition by region
  // weight (rounded down); evictions and signals scale with the persons per year.
  const std::vector<int> weights = RegionWeights(reference);
  int total_weight = 0;
  for (int w : weights) total_weight += w;
  std::vector<RegionFigures> figures(nr);
  for (std::size_t r = 0; r < nr; ++r) {
    const auto& region = reference.regions()[r];
    const int centre = CentreIndex(region);
    RegionFigures& fig = figures[r];
    BuildFacilities(world, by_region[r], facility_rng, first, last, fig);
    fig.target = static_cast<int>(kNationalHousingAmbition * weights[r] / total_weight);
    // Housing places count from 2019 (before the programme's start in 2020) even when the
    // range starts later: the regions' stock of extra places does not depend on the range.
    BuildProjects(region, centre, codes, housing_rng, std::min(options.from_year, kHousingFirstYear), options.to_year,
                  fig);
    BuildPolicy(region, weights[r], policy_rng, options.from_year, options.to_year, fig);
    BuildPrevention(region, centre, weights[r], total_weight, persons / years, codes, halves, prevention_rng, fig);
    BuildMunicipalPrevention(region, municipal_rng, fig);
  }

  GenerateSummary summary;
  summary.persons = persons;
  summary.regions = static_cast<int>(nr);
  summary.half_years = static_cast<int>(halves.size());
  for (const char* name : kEntityFiles) summary.rows[name] = 0;
  for (std::size_t r = 0; r < nr; ++r) {
    const auto& region = reference.regions()[r];
    for (std::size_t h = 0; h < halves.size(); ++h) {
      if (!delivered[r][h]) continue;
      ++summary.region_periods_delivered;
      const DeliveryContext cx{world, codes, reference, region, figures[r], halves[h], h};
      for (const auto& org : orgs[r]) {
        const auto dir = out_dir / region.code / halves[h].ToString() / org.slug;
        if (org.kind == OrgKind::kMunicipality) {
          ONDERDAK_RETURN_IF_ERROR(WriteMunicipalityDelivery(cx, org, dir, summary));
        } else {
          ONDERDAK_RETURN_IF_ERROR(WriteDelivery(cx, org, by_region[r], dir, summary));
        }
      }
    }
    if (options.progress) options.progress(static_cast<int>(r + 1), static_cast<int>(nr));
  }

  const auto truth = GroundTruth({world, codes, plan, year_list, figures, options, persons});
  ONDERDAK_RETURN_IF_ERROR(WriteFile(out_dir / "ground_truth.json", truth.dump(2) + "\n"));
  return summary;
}

core::Result<GenerateSummary> GenerateLargeDelivery(const GenerateOptions& options,
                                                    const domain::ReferenceSet& reference,
                                                    const std::filesystem::path& out_dir,
                                                    std::int64_t service_episodes) {
  if (service_episodes <= 0 || service_episodes > kMaxLargeDeliveryEpisodes) {
    return core::Status::InvalidInput("--single-delivery-episodes must lie between 1 and " +
                                      std::to_string(kMaxLargeDeliveryEpisodes) + ", not " +
                                      std::to_string(service_episodes));
  }
  if (reference.regions().empty()) return core::Status::InvalidInput("the reference set has no regions");
  ONDERDAK_RETURN_IF_ERROR(PrepareOutDir(out_dir));
  ONDERDAK_ASSIGN_OR_RETURN(const Codes codes, LoadCodes());

  const domain::Region* region = reference.FindRegion(kLargeDeliveryRegion);
  if (region == nullptr) region = &reference.regions().front();
  const Period period = Period::HalfYear(kLargeDeliveryYear, kLargeDeliveryHalf);
  const Organisation org{OrgKind::kShelter, "opvang", "KVK-5" + region->code.substr(2) + "100",
                         "Stichting Opvang " + region->name, "P-"};
  const int centre = CentreIndex(*region);
  const auto& members = region->members;
  Rng rng(StreamSeed(options.seed, 11));

  ONDERDAK_RETURN_IF_ERROR(WriteManifest(*region, org, period, out_dir));
  CsvStream persons, episodes;
  ONDERDAK_RETURN_IF_ERROR(
      persons.Open(out_dir / "persons.csv", {"record_id", "bsn", "initials", "birth_date", "birth_year_month", "gender",
                                             "nationality_group", "household", "municipality_of_origin"}));
  ONDERDAK_RETURN_IF_ERROR(
      episodes.Open(out_dir / "service_episodes.csv", {"record_id", "person_id", "service_type", "facility_id",
                                                       "municipality", "start_date", "end_date", "exit_destination"}));

  // Dates as text, cached: episodes start at most 90 days before the period and end at
  // most 1,100 + 30 days after its first day; birth dates fall back to ToString().
  const Date cache_first = period.first().AddDays(-100);
  std::vector<std::string> date_text;
  for (Date d = cache_first; d <= period.last().AddDays(1300); d = d.AddDays(1)) date_text.push_back(d.ToString());
  auto text_of = [&](Date d) -> std::string {
    const std::int32_t i = d - cache_first;
    return i >= 0 && static_cast<std::size_t>(i) < date_text.size() ? date_text[static_cast<std::size_t>(i)]
                                                                    : d.ToString();
  };
  // BSNs: consecutive eight-digit stems with their elfproef check digit; distinct stems
  // give distinct BSNs without a set of the used ones.
  std::uint32_t stem = 10'000'000 + static_cast<std::uint32_t>(options.seed % 1000) * 80'000;
  auto next_bsn = [&stem] {
    for (;;) {
      std::uint32_t n = stem++;
      std::array<char, 9> d{};
      int sum = 0;
      for (int i = 7; i >= 0; --i) {
        const int digit = static_cast<int>(n % 10);
        n /= 10;
        d[static_cast<std::size_t>(i)] = static_cast<char>('0' + digit);
        sum += (9 - i) * digit;
      }
      const int d9 = sum % 11;
      if (d9 == 10) continue;
      d[8] = static_cast<char>('0' + d9);
      return std::string(d.data(), d.size());
    }
  };

  std::int64_t written = 0, person_count = 0;
  while (written < service_episodes) {
    ++person_count;
    std::string pid = std::to_string(person_count);
    if (pid.size() < 7) pid.insert(0, 7 - pid.size(), '0');
    pid.insert(0, "P-");
    const std::string_view gender = codes.gender.Draw(rng);
    const std::string_view nationality = codes.nationality.Draw(rng);
    const std::string_view household = codes.household.Draw(rng);
    const int age = rng.Between(18, 75);
    const Date birth = period.first().AddMonths(-(12 * age + rng.Between(0, 11))).AddDays(-rng.Between(0, 27));
    const std::string birth_text = birth.ToString();
    if (rng.Chance(900)) {
      persons.Row(
          {pid, next_bsn(), "", "", std::string_view(birth_text).substr(0, 7), gender, nationality, household, ""});
    } else {
      std::string initials;
      for (int i = rng.Between(1, 3); i > 0; --i) {
        initials.push_back(static_cast<char>('A' + rng.Below(26)));
        initials.push_back('.');
      }
      persons.Row({pid, "", initials, birth_text, std::string_view(birth_text).substr(0, 7), gender, nationality,
                   household, ""});
    }
    // One to five consecutive episodes (about three), each overlapping the period.
    const int count = rng.Between(1, 5);
    Date at = period.first().AddDays(-rng.Between(0, 90));
    for (int j = 0; j < count && written < service_episodes && at <= period.last(); ++j) {
      std::string_view type = codes.any_service.Draw(rng);
      if (type == "vrouwenopvang" && gender != "V") type = codes.any_service.Get("24uursopvang");
      const int length = j + 1 == count ? StayLength(rng) : rng.Between(1, 45);
      Date end = at.AddDays(length - 1);
      if (end < period.first()) end = period.first().AddDays(rng.Between(0, 30));
      const int municipality =
          members.size() < 2 || rng.Chance(750) ? centre : static_cast<int>(rng.Below(members.size()));
      const bool ended = end <= period.last();
      const std::string_view exit = ended ? codes.final_exit.Draw(rng) : std::string_view();
      ++written;
      episodes.Row({"S-" + std::to_string(written), pid, type, "",
                    members.empty() ? std::string_view(region->code)
                                    : std::string_view(members[static_cast<std::size_t>(municipality)]->code),
                    text_of(at), ended ? text_of(end) : std::string(), exit});
      at = end.AddDays(rng.Between(1, 7));
    }
  }
  ONDERDAK_RETURN_IF_ERROR(persons.Close());
  ONDERDAK_RETURN_IF_ERROR(episodes.Close());

  GenerateSummary summary;
  summary.persons = person_count;
  summary.regions = 1;
  summary.half_years = 1;
  summary.deliveries = 1;
  summary.region_periods_delivered = 1;
  summary.rows["persons.csv"] = persons.rows();
  summary.rows["service_episodes.csv"] = episodes.rows();
  return summary;
}

}  // namespace onderdak::synth
