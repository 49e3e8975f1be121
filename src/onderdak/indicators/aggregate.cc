#include "onderdak/indicators/aggregate.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <deque>
#include <unordered_map>

#include "onderdak/domain/code_lists.h"

namespace onderdak::indicators {
namespace {

constexpr std::string_view kNationalNote =
    "national: persons de-duplicated by pseudonym; a person in two regions counts once here and once in each region";

enum class DimKind { kAge, kGender, kNationality, kHousehold, kNeed, kEthos, kMunicipality, kLabel };

// One breakdown dimension: its cells' labels and how an item finds its cell.
class Dim {
 public:
  Dim(DimKind kind, std::string name) : kind_(kind), name_(std::move(name)) {}
  void AddFixed(std::string_view label) { Intern(label); }
  void AddFixedOwned(std::string label) {
    owned_.push_back(std::move(label));
    index_.emplace(owned_.back(), static_cast<int>(labels_.size()));
    labels_.push_back(owned_.back());
  }
  int Intern(std::string_view v) {
    auto [it, inserted] = index_.try_emplace(v, static_cast<int>(labels_.size()));
    if (inserted) labels_.emplace_back(v);
    return it->second;
  }
  DimKind kind() const { return kind_; }
  const std::string& name() const { return name_; }
  const std::vector<std::string>& labels() const { return labels_; }
  std::size_t size() const { return labels_.size(); }

 private:
  DimKind kind_;
  std::string name_;
  std::vector<std::string> labels_;
  std::deque<std::string> owned_;
  std::unordered_map<std::string_view, int> index_;
};

void AddCodeList(Dim& d, std::string_view list) {
  const domain::CodeList* l = domain::FindCodeList(list);
  if (l == nullptr) return;
  for (const auto& c : l->codes) d.AddFixed(c.code);
}

// Per-thread scratch of Aggregate's grouping by person: list heads per pid (-1) and a
// bit per pid with items (0), both cleared again before Aggregate returns (Release, also
// when it throws), so that a call pays for its own items only, not for every pid.
struct PidLists {
  std::vector<std::int32_t> head;
  std::vector<std::uint64_t> seen;
  struct Release {
    explicit Release(PidLists& l) : lists(l) {}
    Release(const Release&) = delete;
    Release& operator=(const Release&) = delete;
    ~Release() {
      for (std::size_t w = 0; w < lists.seen.size(); ++w) {
        for (; lists.seen[w] != 0; lists.seen[w] &= lists.seen[w] - 1)
          lists.head[w * 64 + static_cast<std::size_t>(std::countr_zero(lists.seen[w]))] = -1;
      }
    }
    PidLists& lists;
  };
};

PidLists& ThreadPidLists(std::size_t pids) {
  thread_local PidLists lists;
  if (lists.head.size() < pids) lists.head.resize(pids, -1);
  if (lists.seen.size() < (pids + 63) / 64) lists.seen.resize((pids + 63) / 64, 0);
  return lists;
}

struct ScopeAcc {
  bool used = false;
  Cell total;
  std::vector<std::vector<Cell>> dims;  // [dim][category]
};

}  // namespace

std::vector<ScopeCells> Aggregate(const Context& ctx, const Spec& spec, std::vector<Item> items) {
  if (spec.definition_ages && ctx.definition().HasAgeLimit()) {
    std::erase_if(items, [&](const Item& it) {
      return !ctx.definition().AgeCounts(it.pid >= 0 ? ctx.AgeAt(it.pid, it.when) : -1);
    });
  }
  // Dimensions.
  std::vector<Dim> dims;
  const bool persons = spec.person_dims;
  if (persons && ctx.BreakdownWanted("age")) {
    dims.emplace_back(DimKind::kAge, "age");
    const auto& labels = ctx.age_band_labels();
    for (std::size_t i = 0; i < labels.size(); ++i) dims.back().AddFixedOwned(labels[i]);
  }
  struct Fixed {
    DimKind kind;
    const char* name;
    const char* list;
  };
  for (const Fixed& f :
       {Fixed{DimKind::kGender, "gender", "gender"}, Fixed{DimKind::kNationality, "nationality", "nationality_group"},
        Fixed{DimKind::kHousehold, "household", "household"}, Fixed{DimKind::kNeed, "need", "need_category"}}) {
    if (!persons || !ctx.BreakdownWanted(f.name)) continue;
    dims.emplace_back(f.kind, f.name);
    AddCodeList(dims.back(), f.list);
  }
  if (spec.ethos_dim && ctx.BreakdownWanted("ethos")) {
    dims.emplace_back(DimKind::kEthos, "ethos");
    for (int e = 1; e <= 7; ++e) {
      if (ctx.EthosWanted(e)) dims.back().AddFixedOwned(std::to_string(e));
    }
  }
  if (spec.municipality_dim && ctx.BreakdownWanted("municipality"))
    dims.emplace_back(DimKind::kMunicipality, "municipality");
  if (!spec.label_dim.empty()) {
    dims.emplace_back(DimKind::kLabel, spec.label_dim);
    if (!spec.label_list.empty()) AddCodeList(dims.back(), spec.label_list);
    for (auto l : spec.label_fixed) dims.back().AddFixed(l);
  }
  const std::string_view ethos_names[] = {"0", "1", "2", "3", "4", "5", "6", "7"};

  const std::size_t nregions = ctx.regions().size();
  std::vector<ScopeAcc> acc(nregions + 1);
  const bool drill = ctx.drill_down();
  auto record_of = [&](const Item& it) {
    return spec.distinct_persons && it.pid >= 0 ? ctx.PersonOf(it.pid) : it.record;
  };
  auto add = [&](Cell& c, const Item& it) {
    ++c.n;
    if (it.num) ++c.num;
    if (spec.keep_values) c.xs.push_back(it.x);
    if (drill) {
      c.records.push_back(record_of(it));
      if (it.num) c.num_records.push_back(record_of(it));
    }
  };
  auto category = [&](Dim& d, const Item& it) -> int {
    switch (d.kind()) {
      case DimKind::kAge: return ctx.AgeBand(it.pid >= 0 ? ctx.AgeAt(it.pid, it.when) : -1);
      case DimKind::kGender: return d.Intern(it.pid >= 0 ? ctx.Canonical(it.pid).gender : "unknown");
      case DimKind::kNationality: return d.Intern(it.pid >= 0 ? ctx.Canonical(it.pid).nationality_group : "unknown");
      case DimKind::kHousehold: return d.Intern(it.pid >= 0 ? ctx.Canonical(it.pid).household : "unknown");
      case DimKind::kNeed: {
        std::string_view n = it.pid >= 0 ? ctx.NeedOf(it.pid) : std::string_view();
        return d.Intern(n.empty() ? std::string_view("unknown") : n);
      }
      case DimKind::kEthos: return d.Intern(ethos_names[it.ethos >= 0 && it.ethos <= 7 ? it.ethos : 0]);
      case DimKind::kMunicipality:
        return d.Intern(it.municipality.empty() ? std::string_view("unknown") : it.municipality);
      case DimKind::kLabel: return d.Intern(it.label.empty() ? std::string_view("unknown") : it.label);
    }
    return 0;
  };
  auto accumulate = [&](std::size_t scope, const Item& it) {
    if (spec.age_only_youth) {
      const int band = ctx.AgeBand(it.pid >= 0 ? ctx.AgeAt(it.pid, it.when) : -1);
      if (band != ctx.youth_band()) return;
    }
    ScopeAcc& a = acc[scope];
    a.used = true;
    if (a.dims.size() < dims.size()) a.dims.resize(dims.size());
    add(a.total, it);
    for (std::size_t d = 0; d < dims.size(); ++d) {
      const auto c = static_cast<std::size_t>(category(dims[d], it));
      auto& cells = a.dims[d];
      if (cells.size() <= c) cells.resize(std::max(c + 1, dims[d].size()));
      add(cells[c], it);
    }
  };
  const bool national = spec.national && ctx.NationalWanted();
  auto region_ok = [&](std::int32_t r) { return spec.regions && ctx.RegionWanted(r); };

  if (!spec.distinct_persons) {
    for (const auto& it : items) {
      if (region_ok(it.region)) accumulate(static_cast<std::size_t>(it.region), it);
      if (national) accumulate(nregions, it);
    }
  } else {
    // Items without a person count as themselves, first; then each person's items, in
    // pid order, each person's in item order. The person's items are threaded into lists
    // (heads in a per-thread scratch, `next` here) and the pids with items are found in a
    // bit set, word by word: no pass over every pid (a period has a fraction of them), and
    // the same order as a counting sort on pid.
    PidLists& lists = ThreadPidLists(ctx.pid_count());
    const PidLists::Release release(lists);
    std::vector<std::int32_t> next(items.size());
    for (std::size_t i = items.size(); i-- > 0;) {
      const Item& it = items[i];
      if (it.pid < 0) continue;
      const auto pid = static_cast<std::size_t>(it.pid);
      next[i] = lists.head[pid];
      lists.head[pid] = static_cast<std::int32_t>(i);
      lists.seen[pid / 64] |= std::uint64_t{1} << (pid % 64);
    }
    for (const auto& it : items) {
      if (it.pid >= 0) continue;
      if (region_ok(it.region)) accumulate(static_cast<std::size_t>(it.region), it);
      if (national) accumulate(nregions, it);
    }
    auto earlier = [](const Item& a, const Item& b) {
      if (a.when != b.when) return a.when < b.when;
      if (a.ethos != b.ethos) return a.ethos < b.ethos;
      if (a.num != b.num) return a.num;
      return a.region < b.region;
    };
    std::vector<const Item*> group;
    const std::size_t words = (ctx.pid_count() + 63) / 64;
    for (std::size_t w = 0; w < words; ++w) {
      while (lists.seen[w] != 0) {
        const auto pid = w * 64 + static_cast<std::size_t>(std::countr_zero(lists.seen[w]));
        lists.seen[w] &= lists.seen[w] - 1;
        const std::int32_t first = lists.head[pid];
        lists.head[pid] = -1;
        if (!spec.per_label) {
          // Usually all of a person's items are in one region: the representative there and
          // nationally is the earliest item, found without sorting.
          const Item* best = &items[static_cast<std::size_t>(first)];
          bool one_region = true;
          for (auto i = next[static_cast<std::size_t>(first)]; i >= 0; i = next[static_cast<std::size_t>(i)]) {
            const Item& it = items[static_cast<std::size_t>(i)];
            one_region = one_region && it.region == best->region;
            if (earlier(it, *best)) best = &it;
          }
          if (one_region) {
            if (region_ok(best->region)) accumulate(static_cast<std::size_t>(best->region), *best);
            if (national) accumulate(nregions, *best);
            continue;
          }
        }
        group.clear();
        for (auto i = first; i >= 0; i = next[static_cast<std::size_t>(i)])
          group.push_back(&items[static_cast<std::size_t>(i)]);
        // Sort by (label, region, earliest): the first of each run is the representative.
        std::sort(group.begin(), group.end(), [&](const Item* a, const Item* b) {
          if (spec.per_label && a->label != b->label) return a->label < b->label;
          if (a->region != b->region) return a->region < b->region;
          return earlier(*a, *b);
        });
        for (std::size_t g = 0; g < group.size(); ++g) {
          const Item& it = *group[g];
          const bool new_label = g == 0 || (spec.per_label && group[g - 1]->label != it.label);
          if ((new_label || group[g - 1]->region != it.region) && region_ok(it.region)) {
            accumulate(static_cast<std::size_t>(it.region), it);
          }
        }
        if (national) {
          std::size_t g = 0;
          while (g < group.size()) {
            std::size_t h = g, best = g;
            while (h < group.size() && (!spec.per_label || group[h]->label == group[g]->label)) {
              if (earlier(*group[h], *group[best])) best = h;
              ++h;
            }
            accumulate(nregions, *group[best]);
            g = h;
          }
        }
      }
    }
  }

  // Scopes that delivered, in region order, then national.
  std::vector<ScopeCells> out;
  const bool date_scope = spec.reference_date.has_value();
  for (std::size_t s = 0; s <= nregions; ++s) {
    const bool nat = s == nregions;
    if (nat ? !national : !region_ok(static_cast<std::int32_t>(s))) continue;
    ScopeCells sc;
    sc.region = nat ? -1 : static_cast<std::int32_t>(s);
    sc.completeness = ctx.CompletenessOf(sc.region, spec.files, date_scope);
    if (sc.completeness.delivered == 0) continue;  // nothing delivered: no figure, not a zero
    ScopeAcc& a = acc[s];
    a.dims.resize(dims.size());
    if (!spec.per_label) {
      a.total.breakdown = "total";
      sc.cells.push_back(std::move(a.total));
    }
    for (std::size_t d = 0; d < dims.size(); ++d) {
      const bool own = dims[d].kind() == DimKind::kLabel;
      if (spec.per_label && !own) continue;
      auto& cells = a.dims[d];
      cells.resize(dims[d].size());
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string& label = dims[d].labels()[c];
        // "unknown" cells only when something is in them.
        if (label == "unknown" && cells[c].n == 0 &&
            !(own && std::find(spec.label_fixed.begin(), spec.label_fixed.end(), label) != spec.label_fixed.end()))
          continue;
        cells[c].dim = dims[d].name();
        cells[c].breakdown = dims[d].name() + "=" + label;
        sc.cells.push_back(std::move(cells[c]));
      }
    }
    out.push_back(std::move(sc));
  }
  return out;
}

Figure BaseFigure(const Context& ctx, std::string_view indicator, std::string_view measure, std::int32_t region,
                  Unit unit) {
  Figure f;
  f.indicator = indicator;
  f.measure = measure;
  f.region = region < 0 ? "NL" : ctx.regions()[static_cast<std::size_t>(region)];
  f.period = ctx.period().ToString();
  f.unit = unit;
  return f;
}

// Order statistics by selection (nth_element), not a full sort: the same values.
double Median(std::vector<std::int64_t> xs) {
  if (xs.empty()) return 0;
  const std::size_t n = xs.size();
  const auto mid = xs.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(xs.begin(), mid, xs.end());
  if (n % 2 == 1) return static_cast<double>(*mid);
  // The lower middle value is the largest of the lower half.
  const std::int64_t lower = *std::max_element(xs.begin(), mid);
  return (static_cast<double>(lower) + static_cast<double>(*mid)) / 2.0;
}

double PercentileNearestRank(std::vector<std::int64_t> xs, int percent) {
  if (xs.empty()) return 0;
  // rank = ceil(p/100 * n), 1-based, in integer arithmetic.
  const std::size_t n = xs.size();
  std::size_t rank = (static_cast<std::size_t>(percent) * n + 99) / 100;
  if (rank < 1) rank = 1;
  const auto at = xs.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(xs.begin(), at, xs.end());
  return static_cast<double>(*at);
}

void Emit(const Context& ctx, const Spec& spec, const std::vector<ScopeCells>& scopes, std::string_view measure,
          Stat stat, Unit unit, std::vector<Figure>& out) {
  for (const auto& sc : scopes) {
    const std::int64_t total_n = sc.label_total >= 0 ? sc.label_total : (sc.cells.empty() ? 0 : sc.cells[0].n);
    for (const auto& c : sc.cells) {
      Figure f = BaseFigure(ctx, spec.indicator, measure, sc.region, unit);
      f.reference_date = spec.reference_date;
      f.breakdown = c.breakdown;
      f.record_kind = spec.record_kind;
      f.disclosive = spec.disclosive;
      f.additive = !spec.per_label;
      f.completeness = sc.completeness;
      if (sc.region < 0 && spec.distinct_persons && spec.unit == Unit::kPersons) f.note = kNationalNote;
      switch (stat) {
        case Stat::kCount:
          f.value = static_cast<double>(c.n);
          f.records = c.records;
          break;
        case Stat::kNumCount:
          f.value = static_cast<double>(c.num);
          f.records = c.num_records;
          break;
        case Stat::kShare:
          if (c.n == 0) continue;
          f.value = static_cast<double>(c.num) / static_cast<double>(c.n);
          f.numerator = c.num;
          f.denominator = c.n;
          f.records = c.num_records;
          break;
        case Stat::kLabelShare:
          if (c.dim != spec.label_dim || c.dim.empty() || total_n == 0) continue;
          f.value = static_cast<double>(c.n) / static_cast<double>(total_n);
          f.numerator = c.n;
          f.denominator = total_n;
          f.records = c.records;
          f.additive = !spec.per_label;
          break;
        case Stat::kMedian:
        case Stat::kP90:
          if (c.xs.empty()) continue;
          f.value = stat == Stat::kMedian ? Median(c.xs) : PercentileNearestRank(c.xs, 90);
          f.denominator = c.n;
          f.additive = false;
          f.records = c.records;
          break;
      }
      out.push_back(std::move(f));
    }
  }
}

}  // namespace onderdak::indicators

namespace onderdak::indicators {

namespace {
std::int64_t RegionIndex(const Context& ctx, std::string_view code) {
  const auto& codes = ctx.regions();
  auto it = std::lower_bound(codes.begin(), codes.end(), code);
  return it != codes.end() && *it == code ? it - codes.begin() : -1;
}
}  // namespace

std::vector<std::int64_t> MunicipalitiesPerRegion(const Context& ctx) {
  std::vector<std::int64_t> gemeenten(ctx.regions().size(), 0);
  for (const auto& entry : ctx.request().municipality_regions) {
    if (const auto r = RegionIndex(ctx, entry.second); r >= 0) ++gemeenten[static_cast<std::size_t>(r)];
  }
  return gemeenten;
}

std::vector<char> OverlapsOtherOrganisation(const Context& ctx) {
  const auto& data = ctx.data();
  const auto& stays = ctx.period_shelter_stays();
  const core::Period& p = ctx.period();
  std::vector<char> out(stays.size(), 0);
  // First pass, linear: the persons with stays of two organisations in the period. Most
  // persons have one stay, so only their few stays are sorted below (no sort of all).
  auto organisation_of = [&](const domain::ServiceEpisode& s) -> const std::string& {
    return data.deliveries[static_cast<std::size_t>(ctx.DeliveryOfPerson(s.person))].organisation;
  };
  std::vector<const std::string*> first_org(ctx.pid_count(), nullptr);
  std::vector<char> several(ctx.pid_count(), 0);
  for (auto i : stays) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(i)];
    const auto pid = static_cast<std::size_t>(ctx.PidOf(s.person));
    const std::string& org = organisation_of(s);
    if (first_org[pid] == nullptr) {
      first_org[pid] = &org;
    } else if (first_org[pid] != &org && *first_org[pid] != org) {
      several[pid] = 1;
    }
  }
  struct Night {          // the nights [from, to) of a stay within the period
    std::int32_t pid, k;  // k: index into `stays`
    core::Date from, to;
    const std::string* org;
  };
  std::vector<Night> nights;
  for (std::size_t k = 0; k < stays.size(); ++k) {
    const auto& s = data.service_episodes[static_cast<std::size_t>(stays[k])];
    const auto pid = ctx.PidOf(s.person);
    if (!several[static_cast<std::size_t>(pid)]) continue;
    const core::Date leave = s.end ? *s.end : ctx.KnownEnd(s.end, ctx.DeliveryOfPerson(s.person)).AddDays(1);
    const core::Date from = std::max(s.start, p.first());
    const core::Date to = std::min(leave, p.last().AddDays(1));
    if (from < to) {
      nights.push_back(
          {.pid = pid, .k = static_cast<std::int32_t>(k), .from = from, .to = to, .org = &organisation_of(s)});
    }
  }
  std::sort(nights.begin(), nights.end(),
            [](const Night& a, const Night& b) { return a.pid != b.pid ? a.pid < b.pid : a.from < b.from; });
  for (std::size_t i = 0; i < nights.size(); ++i) {
    // Later stays of the same person that start before this one's nights end.
    for (std::size_t j = i + 1; j < nights.size() && nights[j].pid == nights[i].pid && nights[j].from < nights[i].to;
         ++j) {
      if (*nights[j].org == *nights[i].org) continue;
      out[static_cast<std::size_t>(nights[i].k)] = 1;
      out[static_cast<std::size_t>(nights[j].k)] = 1;
    }
  }
  return out;
}

std::int64_t RegionOfMunicipality(const Context& ctx, std::string_view code) {
  const auto& m = ctx.request().municipality_regions;
  auto it = m.find(code);
  return it == m.end() ? -1 : RegionIndex(ctx, it->second);
}

RegionSums::Val& RegionSums::At(std::int32_t region, std::string_view measure, std::string_view breakdown) {
  Key k{region, std::string(measure), std::string(breakdown)};
  auto [it, inserted] = index_.try_emplace(k, order_.size());
  if (inserted) order_.push_back({k, Val{}});
  return order_[it->second].second;
}

void RegionSums::Add(std::int32_t region, std::string_view measure, std::string_view breakdown, Unit unit,
                     double value) {
  Val& v = At(region, measure, breakdown);
  v.unit = unit;
  v.value += value;
}

void RegionSums::AddShare(std::int32_t region, std::string_view measure, std::string_view breakdown, std::int64_t num,
                          std::int64_t den, bool region_only) {
  Val& v = At(region, measure, breakdown);
  v.region_only = region_only;
  v.unit = Unit::kShare;
  v.share = true;
  v.num += num;
  v.den += den;
}

void RegionSums::AddRegionOnly(std::int32_t region, std::string_view measure, std::string_view breakdown, Unit unit,
                               double value, std::string note) {
  Val& v = At(region, measure, breakdown);
  v.unit = unit;
  v.value = value;
  v.region_only = true;
  v.note = std::move(note);
}

void RegionSums::Emit(std::vector<Figure>& out, std::optional<core::Date> reference_date) const {
  const std::size_t nregions = ctx_.regions().size();
  std::vector<char> delivered(nregions, 0);
  std::vector<Completeness> comp(nregions);
  for (std::size_t r = 0; r < nregions; ++r) {
    comp[r] = ctx_.CompletenessOf(static_cast<std::int32_t>(r), files_, date_scope_);
    delivered[r] = comp[r].delivered > 0 ? 1 : 0;
  }
  // A region's value is carried when it delivered none of the files for this period but
  // an earlier delivery still gives it one.
  auto CarriedFrom = [&](std::size_t r) -> std::string {
    return !delivered[r] && r < carried_from_.size() ? carried_from_[r] : std::string();
  };
  Completeness national_comp = ctx_.CompletenessOf(-1, files_, date_scope_);
  for (std::size_t r = 0; r < nregions; ++r) {
    const auto& code = ctx_.regions()[r];
    if (auto from = CarriedFrom(r);
        !from.empty() &&
        std::find(national_comp.missing.begin(), national_comp.missing.end(), code) != national_comp.missing.end()) {
      national_comp.carried.push_back({.region = code, .period = std::move(from)});
    }
  }
  auto make = [&](std::int32_t region, const Key& k, const Val& v) {
    Figure f = BaseFigure(ctx_, indicator_, k.measure, region, v.unit);
    f.breakdown = k.breakdown;
    f.reference_date = reference_date;
    f.disclosive = false;
    f.note = v.note;
    if (v.share) {
      if (v.den == 0) return;
      f.value = static_cast<double>(v.num) / static_cast<double>(v.den);
      f.numerator = v.num;
      f.denominator = v.den;
    } else {
      f.value = v.value;
    }
    if (region < 0) {
      f.completeness = national_comp;
    } else {
      f.completeness = comp[static_cast<std::size_t>(region)];
      f.carried_from = CarriedFrom(static_cast<std::size_t>(region));
    }
    out.push_back(std::move(f));
  };
  // Regions in region order, keys in insertion order.
  std::vector<std::pair<Key, Val>> sorted = order_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first.region < b.first.region; });
  std::vector<std::pair<Key, Val>> national;
  std::map<std::pair<std::string, std::string>, std::size_t> nat_index;
  for (const auto& [k, v] : sorted) {
    if (k.region < 0) {
      national.push_back({k, v});
      continue;
    }
    if (require_delivery_ && !delivered[static_cast<std::size_t>(k.region)]) continue;
    if (ctx_.RegionWanted(k.region)) make(k.region, k, v);
    if (v.region_only) continue;
    auto [it, inserted] = nat_index.try_emplace({k.measure, k.breakdown}, national.size());
    if (inserted) {
      national.push_back({Key{-1, k.measure, k.breakdown}, v});
      national.back().second.note.clear();
    } else {
      Val& n = national[it->second].second;
      n.value += v.value;
      n.num += v.num;
      n.den += v.den;
    }
  }
  if (!ctx_.NationalWanted()) return;
  for (const auto& [k, v] : national) make(-1, k, v);
}

std::vector<ScopeCells> AggregateRegionalAndNational(const Context& ctx, const Spec& spec, std::vector<Item> regional,
                                                     std::vector<Item> national) {
  Spec reg = spec, nat = spec;
  reg.national = false;
  nat.regions = false;
  auto cells = Aggregate(ctx, reg, std::move(regional));
  auto nat_cells = Aggregate(ctx, nat, std::move(national));
  cells.insert(cells.end(), std::make_move_iterator(nat_cells.begin()), std::make_move_iterator(nat_cells.end()));
  return cells;
}

}  // namespace onderdak::indicators
