#include "onderdak/synth/generator.h"

#include <algorithm>
#include <array>
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

namespace onderdak::synth {
namespace {

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

struct Codes {
  CodeTable gender, nationality, household, need, cause, shelter_type, final_exit, ethos, between_exit;
  const domain::CodeList* exit_list = nullptr;
};

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
  return c;
}

// ---------------------------------------------------------------------------------------
// The true world: persons and their homeless spells.

struct Stay {
  std::string_view service_type;
  int municipality = 0;  // index into the region's members
  Date start, end;
  std::string_view exit;
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
};

// ETHOS 1-3, the default P1 definition, as flagged in the code list.
bool IsHomelessEthos(std::string_view ethos) {
  static const domain::CodeList* const kList = domain::FindCodeList("ethos");
  const domain::Code* code = kList == nullptr ? nullptr : domain::FindCode(*kList, ethos);
  return code != nullptr && code->flag;
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

struct World {
  std::vector<Person> persons;
};

class WorldBuilder {
 public:
  WorldBuilder(const Codes& codes, const domain::ReferenceSet& ref, Rng& rng, Date first, Date last)
      : codes_(codes), ref_(ref), rng_(rng), first_(first), last_(last) {
    // Regional shares by population. The reference data has no population figures, so
    // the proxy is the number of member municipalities, plus a fixed extra weight for
    // the four largest cities (G4), whose regions have few members (Rotterdam: 2) but
    // a large share of the homeless population.
    static constexpr std::array<std::string_view, 4> kG4{"GM0363", "GM0599", "GM0518", "GM0344"};
    for (const auto& r : ref.regions()) {
      const bool g4 = std::find(kG4.begin(), kG4.end(), r.code) != kG4.end();
      weights_.push_back(static_cast<int>(std::max<std::size_t>(1, r.members.size())) + (g4 ? kG4ExtraWeight : 0));
      int centre = 0;  // the centrumgemeente among the (name-sorted) members
      for (std::size_t m = 0; m < r.members.size(); ++m) {
        if (r.members[m]->code == r.code) centre = static_cast<int>(m);
      }
      centre_.push_back(centre);
    }
  }

  Person Build() {
    for (;;) {
      Person p = BuildOnce();
      if (p.spells.back().last() >= first_) return p;
    }
  }

 private:
  static constexpr std::int32_t kLeadInDays = 730;
  static constexpr int kG4ExtraWeight = 30;

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
        // Keep the linkage key unique, so distinct persons stay distinct after linkage.
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
  std::vector<int> centre_;   // per region: index of the centrumgemeente in its members
  std::unordered_set<std::string> bsns_;
  std::unordered_set<std::string> keys_;
};

// ---------------------------------------------------------------------------------------
// Writing.

enum class OrgKind { kShelter, kOutreach, kBriefadres };
struct Organisation {
  OrgKind kind;
  std::string slug, id, name, person_prefix;
};

std::vector<Organisation> OrganisationsOf(const domain::Region& region, bool has_briefadres) {
  const std::string digits = region.code.substr(2);
  std::vector<Organisation> orgs{
      {OrgKind::kShelter, "opvang", "KVK-5" + digits + "100", "Stichting Opvang " + region.name, "P-"},
      {OrgKind::kOutreach, "straatteam", "KVK-5" + digits + "200", "Straatteam " + region.name, "O-"}};
  if (has_briefadres) {
    orgs.push_back(
        {OrgKind::kBriefadres, "briefadres", "KVK-5" + digits + "300", "Briefadres gemeente " + region.name, "B-"});
  }
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

class CsvFile {
 public:
  CsvFile(std::initializer_list<std::string_view> header) {
    Row(header);
    rows_ = 0;
  }
  void Row(std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (auto f : fields) {
      if (!first) text_.push_back(',');
      first = false;
      AppendField(text_, f);
    }
    text_.push_back('\n');
    ++rows_;
  }
  const std::string& text() const { return text_; }
  std::int64_t rows() const { return rows_; }

 private:
  std::string text_;
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
bool Overlaps(Date start, Date end, const Period& p) { return start <= p.last() && end >= p.first(); }

std::string PersonId(const Organisation& org, std::size_t person) {
  std::string digits = std::to_string(person + 1);
  if (digits.size() < 7) digits.insert(0, 7 - digits.size(), '0');
  return org.person_prefix + digits;
}

// Whether the organisation registers this living situation.
bool Registers(const Organisation& org, const Spell& spell, const Segment& seg) {
  switch (org.kind) {
    case OrgKind::kShelter: return seg.stay >= 0;
    case OrgKind::kOutreach: return seg.stay < 0 && spell.outreach_knows && (seg.ethos == "1" || seg.ethos == "5");
    case OrgKind::kBriefadres: return seg.stay < 0 && spell.briefadres_knows;
  }
  return false;
}

struct RegionSpell {
  std::size_t person;
  std::size_t spell;
};

struct DeliveryFiles {
  CsvFile persons{"record_id",
                  "bsn",
                  "initials",
                  "birth_date",
                  "birth_year_month",
                  "gender",
                  "nationality_group",
                  "household",
                  "municipality_of_origin"};
  CsvFile living{"record_id", "person_id", "ethos", "start_date", "end_date", "source"};
  CsvFile services{"record_id",    "person_id",  "service_type", "facility_id",
                   "municipality", "start_date", "end_date",     "exit_destination"};
  CsvFile needs{"record_id", "person_id", "assessed_date", "need_category"};
  CsvFile causes{"record_id", "person_id", "intake_date", "cause"};
};

core::Status WriteDelivery(const World& world, const domain::Region& region, const Organisation& org,
                           const Period& period, const std::vector<RegionSpell>& spells,
                           const std::filesystem::path& dir, GenerateSummary& summary) {
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
        f.services.Row({"S-" + tag + std::to_string(k + 1), pid, st.service_type, "",
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
    }
    if (any && last_person != rs.person) {
      last_person = rs.person;
      const std::string birth = p.birth.ToString();
      f.persons.Row({pid, p.bsn, p.initials, p.bsn.empty() ? std::string_view(birth) : std::string_view(),
                     std::string_view(birth).substr(0, 7), p.gender, p.nationality, p.household, p.origin});
    }
  }

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return core::Status::Io("cannot create " + dir.string() + ": " + ec.message());
  nlohmann::ordered_json manifest{
      {"format_version", 1},         {"region", region.code},
      {"organisation", org.id},      {"organisation_name", org.name},
      {"period", period.ToString()}, {"created", period.last().AddDays(1).ToString() + "T06:00:00Z"}};
  ONDERDAK_RETURN_IF_ERROR(WriteFile(dir / "manifest.json", manifest.dump(2) + "\n"));
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
  }
  ++summary.deliveries;
  return core::Status::Ok();
}

// ---------------------------------------------------------------------------------------
// Ground truth: counts of distinct persons, deduplicated with a "last person counted"
// marker per cell (persons are visited in order).
class DistinctCounter {
 public:
  explicit DistinctCounter(std::size_t cells) : last_(cells, static_cast<std::size_t>(-1)), count_(cells, 0) {}
  void Add(std::size_t cell, std::size_t person) {
    if (last_[cell] == person) return;
    last_[cell] = person;
    ++count_[cell];
  }
  std::int64_t operator[](std::size_t cell) const { return count_[cell]; }

 private:
  std::vector<std::size_t> last_;
  std::vector<std::int64_t> count_;
};

nlohmann::ordered_json GroundTruth(const World& world, const domain::ReferenceSet& ref,
                                   const std::vector<Period>& halves, const std::vector<int>& years,
                                   const std::vector<std::vector<bool>>& delivered,
                                   const std::vector<std::vector<Organisation>>& orgs, const GenerateOptions& opt,
                                   std::int64_t persons) {
  const std::size_t nr = ref.regions().size(), nh = halves.size();
  auto cell = [nh](std::size_t r, std::size_t h) { return r * nh + h; };
  DistinctCounter shelter(nr * nh), homeless(nr * nh), registered(nr * nh);
  DistinctCounter national_shelter(nh), national_homeless(nh), national_year(years.size());
  for (std::size_t pi = 0; pi < world.persons.size(); ++pi) {
    for (const Spell& s : world.persons[pi].spells) {
      const auto r = static_cast<std::size_t>(s.region);
      for (std::size_t h = 0; h < nh; ++h) {
        const Period& period = halves[h];
        for (const Stay& st : s.stays) {
          if (!Overlaps(st.start, st.end, period)) continue;
          shelter.Add(cell(r, h), pi);
          national_shelter.Add(h, pi);
        }
        for (const Segment& seg : s.segments) {
          if (!IsHomelessEthos(seg.ethos) || seg.start > period.first() || seg.end < period.first()) continue;
          homeless.Add(cell(r, h), pi);
          national_homeless.Add(h, pi);
          bool known = false;
          for (const auto& org : orgs[r]) known = known || Registers(org, s, seg);
          if (known && delivered[r][h]) registered.Add(cell(r, h), pi);
        }
      }
      for (std::size_t y = 0; y < years.size(); ++y) {
        const Period year = Period::Year(years[y]);
        for (const Segment& seg : s.segments) {
          if (IsHomelessEthos(seg.ethos) && Overlaps(seg.start, seg.end, year)) national_year.Add(y, pi);
        }
      }
    }
  }

  nlohmann::ordered_json truth;
  truth["generator"] = {{"seed", opt.seed}, {"persons", persons}, {"from", opt.from_year}, {"to", opt.to_year}};
  truth["definitions"] = {
      {"shelter_stay_persons",
       "distinct persons with a service episode of a shelter type (nachtopvang, 24uursopvang, crisisopvang, "
       "vrouwenopvang, jongerenopvang, winteropvang) in the region whose [start_date, end_date] overlaps the "
       "half-year; every shelter stay is delivered, so in a delivering region this equals the recount from the files"},
      {"ethos_1_3_on_first_day",
       "true distinct persons whose living situation in the region is ETHOS 1, 2 or 3 on the half-year's first day, "
       "including persons registered by no organisation (rough sleepers unknown to the outreach team)"},
      {"registered_ethos_1_3_on_first_day",
       "the same, counting only living situations written in the region's deliveries for that half-year (0 when "
       "the region did not deliver); persons linked by bsn or by initials|birth_date|gender"},
      {"national", "the same counts over all regions, a person counted once however many regions know them"},
      {"national_ethos_1_3_in_year", "distinct persons with an ETHOS 1-3 living situation overlapping the year"},
      {"delivered", "whether all organisations of the region delivered for the half-year"}};

  nlohmann::ordered_json national = nlohmann::ordered_json::array();
  for (std::size_t h = 0; h < nh; ++h) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (std::size_t r = 0; r < nr; ++r) {
      if (delivered[r][h]) list.push_back(ref.regions()[r].code);
    }
    national.push_back({{"period", halves[h].ToString()},
                        {"shelter_stay_persons", national_shelter[h]},
                        {"ethos_1_3_on_first_day", national_homeless[h]},
                        {"regions_delivered", list.size()},
                        {"delivered_regions", list}});
  }
  truth["national"] = national;
  nlohmann::ordered_json per_year = nlohmann::ordered_json::array();
  for (std::size_t y = 0; y < years.size(); ++y) {
    per_year.push_back({{"year", years[y]}, {"ethos_1_3_in_year", national_year[y]}});
  }
  truth["national_ethos_1_3_in_year"] = per_year;

  nlohmann::ordered_json regions = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < nr; ++r) {
    nlohmann::ordered_json periods = nlohmann::ordered_json::array();
    for (std::size_t h = 0; h < nh; ++h) {
      periods.push_back({{"period", halves[h].ToString()},
                         {"delivered", static_cast<bool>(delivered[r][h])},
                         {"shelter_stay_persons", shelter[cell(r, h)]},
                         {"ethos_1_3_on_first_day", homeless[cell(r, h)]},
                         {"registered_ethos_1_3_on_first_day", registered[cell(r, h)]}});
    }
    nlohmann::ordered_json org_list = nlohmann::ordered_json::array();
    for (const auto& o : orgs[r]) org_list.push_back({{"organisation", o.id}, {"kind", o.slug}, {"name", o.name}});
    regions.push_back({{"region", ref.regions()[r].code},
                       {"name", ref.regions()[r].name},
                       {"organisations", org_list},
                       {"periods", periods}});
  }
  truth["regions"] = regions;
  return truth;
}

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

  ONDERDAK_ASSIGN_OR_RETURN(const Codes codes, LoadCodes());
  ONDERDAK_ASSIGN_OR_RETURN(const Date first, Date::FromYmd(options.from_year, 1, 1));
  ONDERDAK_ASSIGN_OR_RETURN(const Date last, Date::FromYmd(options.to_year, 12, 31));
  const std::vector<Period> halves =
      core::HalfYearsBetween(Period::HalfYear(options.from_year, 1), Period::HalfYear(options.to_year, 2));
  std::vector<int> year_list;
  for (int y = options.from_year; y <= options.to_year; ++y) year_list.push_back(y);

  // Independent streams, so changing one part of the model does not reshuffle the others.
  Rng person_rng(options.seed * 0x9E3779B97F4A7C15ULL + 1);
  Rng region_rng(options.seed * 0x9E3779B97F4A7C15ULL + 2);

  World world;
  WorldBuilder builder(codes, reference, person_rng, first, last);
  world.persons.reserve(static_cast<std::size_t>(persons));
  for (std::int64_t i = 0; i < persons; ++i) world.persons.push_back(builder.Build());

  const std::size_t nr = reference.regions().size();
  // Organisations: about half of the regions also have a briefadres registration.
  std::vector<std::vector<Organisation>> orgs;
  for (const auto& region : reference.regions()) orgs.push_back(OrganisationsOf(region, region_rng.Chance(500)));
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

  std::vector<std::vector<RegionSpell>> by_region(nr);
  for (std::size_t pi = 0; pi < world.persons.size(); ++pi) {
    for (std::size_t si = 0; si < world.persons[pi].spells.size(); ++si) {
      by_region[static_cast<std::size_t>(world.persons[pi].spells[si].region)].push_back({pi, si});
    }
  }

  GenerateSummary summary;
  summary.persons = persons;
  summary.regions = static_cast<int>(nr);
  summary.half_years = static_cast<int>(halves.size());
  for (const char* name : {"persons.csv", "living_situations.csv", "service_episodes.csv", "needs.csv", "causes.csv"}) {
    summary.rows[name] = 0;
  }
  for (std::size_t r = 0; r < nr; ++r) {
    const auto& region = reference.regions()[r];
    for (std::size_t h = 0; h < halves.size(); ++h) {
      if (!delivered[r][h]) continue;
      ++summary.region_periods_delivered;
      for (const auto& org : orgs[r]) {
        ONDERDAK_RETURN_IF_ERROR(WriteDelivery(world, region, org, halves[h], by_region[r],
                                               out_dir / region.code / halves[h].ToString() / org.slug, summary));
      }
    }
    if (options.progress) options.progress(static_cast<int>(r + 1), static_cast<int>(nr));
  }

  const auto truth = GroundTruth(world, reference, halves, year_list, delivered, orgs, options, persons);
  ONDERDAK_RETURN_IF_ERROR(WriteFile(out_dir / "ground_truth.json", truth.dump(2) + "\n"));
  return summary;
}

}  // namespace onderdak::synth
