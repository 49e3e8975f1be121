#include "onderdak/indicators/context.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <absl/container/flat_hash_map.h>

#include "onderdak/domain/code_lists.h"
#include "onderdak/indicators/parallel.h"

namespace onderdak::indicators {
namespace {

// Whether `code` is a flagged code of `list`. Codes in a Dataset are interned views of the
// code lists, so a pointer comparison usually decides; other views compare by text.
bool Flagged(const domain::CodeList& list, std::string_view code) {
  for (const auto& c : list.codes) {
    if (c.code.data() == code.data() && c.code.size() == code.size()) return c.flag;
  }
  const domain::Code* c = domain::FindCode(list, code);
  return c != nullptr && c->flag;
}

bool IsShelterType(std::string_view service_type) {
  static const domain::CodeList* const kList = domain::FindCodeList("service_type");
  return Flagged(*kList, service_type);
}

}  // namespace

bool IsShelterStay(std::string_view service_type) { return IsShelterType(service_type); }

int ShelterEthos(std::string_view service_type) {
  return service_type == "nachtopvang" || service_type == "winteropvang" ? 2 : 3;
}

bool IsHousingExit(std::string_view exit_destination) {
  static const domain::CodeList* const kList = domain::FindCodeList("exit_destination");
  return Flagged(*kList, exit_destination);
}

bool IsInvalidGround(std::string_view decision_reason) {
  static const domain::CodeList* const kList = domain::FindCodeList("decision_reason");
  return Flagged(*kList, decision_reason);
}

namespace {
// The ETHOS set of the default definition ("monitor": 2 and 3), as bits (bit e: category e).
constexpr unsigned kDefaultEthos = (1u << 2) | (1u << 3);

// Months since year 0 of a date (year * 12 + month - 1), from days since 1970-01-01
// (H. Hinnant's civil_from_days), without the calendar library: called per unit.
int MonthIndex(core::Date date) {
  const int z = date.days() + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  const int y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

// Groups n records by delivery (counting sort, stable).
template <typename DeliveryOf>
ByDelivery GroupByDelivery(std::size_t n, std::size_t deliveries, DeliveryOf delivery_of) {
  ByDelivery g;
  g.start.assign(deliveries + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++g.start[static_cast<std::size_t>(delivery_of(i)) + 1];
  for (std::size_t d = 0; d < deliveries; ++d) g.start[d + 1] += g.start[d];
  g.items.resize(n);
  std::vector<std::int32_t> fill(g.start.begin(), g.start.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    g.items[static_cast<std::size_t>(fill[static_cast<std::size_t>(delivery_of(i))]++)] = static_cast<std::int32_t>(i);
  }
  return g;
}

// The by-delivery copy of the episodes: a stable counting sort of `ix.episodes` by
// delivery into `ix.by_delivery`, in `parts` ranges of the episodes that can be counted
// and placed on their own threads: Count(k) for every part, then Starts(), then Place(k)
// for every part. Part k's episodes of a delivery come after part k - 1's, so the order is
// that of one pass.
class ByDeliverySort {
 public:
  ByDeliverySort(EpisodeIndex& ix, std::size_t deliveries, std::size_t parts)
      : ix_(ix), deliveries_(deliveries), fill_(parts, std::vector<std::int32_t>(deliveries, 0)) {}
  std::size_t parts() const { return fill_.size(); }
  void Count(std::size_t k) {
    const auto [first, last] = Range(k);
    auto& c = fill_[k];
    for (std::size_t i = first; i < last; ++i) ++c[static_cast<std::size_t>(ix_.episodes[i].delivery)];
  }
  void Starts() {
    ix_.delivery_start.assign(deliveries_ + 1, 0);
    std::int32_t at = 0;
    for (std::size_t d = 0; d < deliveries_; ++d) {
      ix_.delivery_start[d] = at;
      for (auto& f : fill_) {
        const std::int32_t c = f[d];
        f[d] = at;
        at += c;
      }
    }
    ix_.delivery_start[deliveries_] = at;
    ix_.by_delivery.resize(ix_.episodes.size());
  }
  void Place(std::size_t k) {
    const auto [first, last] = Range(k);
    auto& f = fill_[k];
    for (std::size_t i = first; i < last; ++i) {
      const HomelessEpisode& e = ix_.episodes[i];
      ix_.by_delivery[static_cast<std::size_t>(f[static_cast<std::size_t>(e.delivery)]++)] = e;
    }
  }

 private:
  std::pair<std::size_t, std::size_t> Range(std::size_t k) const {
    const std::size_t n = ix_.episodes.size();
    return {n * k / fill_.size(), n * (k + 1) / fill_.size()};
  }
  EpisodeIndex& ix_;
  std::size_t deliveries_;
  std::vector<std::vector<std::int32_t>> fill_;
};

// The episodes whose category is in `wanted` (bit e: category e), regions renumbered by
// `remap` unless it is empty; each pid's order kept. The by-delivery copy is `all`'s
// filtered (each delivery's episodes stay in pid order), which is what sorting the
// filtered episodes by delivery gives; with `parallel` the two copies are made at once.
// The episodes of `all` whose category is in `wanted` and (when `regions` is not empty) whose
// prepared region index r has regions[r] set; their regions renumbered by `remap` (when not
// empty).
std::shared_ptr<const EpisodeIndex> FilterEpisodes(const EpisodeIndex& all, unsigned wanted,
                                                   const std::vector<std::int32_t>& remap, bool parallel,
                                                   const std::vector<char>& regions = {}) {
  const std::size_t np = all.pid_start.size() - 1;
  const std::size_t nd = all.delivery_start.size() - 1;
  auto ix = std::make_shared<EpisodeIndex>();
  auto keep = [&](HomelessEpisode& e) {
    if ((wanted & (1u << e.ethos)) == 0) return false;
    if (!regions.empty() && regions[static_cast<std::size_t>(e.region)] == 0) return false;
    if (!remap.empty()) e.region = remap[static_cast<std::size_t>(e.region)];
    return true;
  };
  auto by_pid = [&] {
    ix->pid_start.assign(np + 1, 0);
    ix->episodes.reserve(all.episodes.size());
    for (std::size_t i = 0; i < np; ++i) {
      for (auto k = all.pid_start[i]; k < all.pid_start[i + 1]; ++k) {
        HomelessEpisode e = all.episodes[static_cast<std::size_t>(k)];
        if (keep(e)) ix->episodes.push_back(e);
      }
      ix->pid_start[i + 1] = static_cast<std::int32_t>(ix->episodes.size());
    }
  };
  auto by_delivery = [&] {
    ix->delivery_start.assign(nd + 1, 0);
    ix->by_delivery.reserve(all.by_delivery.size());
    for (std::size_t d = 0; d < nd; ++d) {
      for (auto k = all.delivery_start[d]; k < all.delivery_start[d + 1]; ++k) {
        HomelessEpisode e = all.by_delivery[static_cast<std::size_t>(k)];
        if (keep(e)) ix->by_delivery.push_back(e);
      }
      ix->delivery_start[d + 1] = static_cast<std::int32_t>(ix->by_delivery.size());
    }
  };
  if (parallel) {
    ParallelFor(2, [&](std::size_t k) { k == 0 ? by_pid() : by_delivery(); });
  } else {
    by_pid();
    by_delivery();
  }
  return ix;
}

// Bit i: domain::kEntityFiles[i]; 0 for a name that is not an entity file.
std::uint32_t FileBit(std::string_view file) {
  for (std::size_t i = 0; i < std::size(domain::kEntityFiles); ++i) {
    if (domain::kEntityFiles[i] == file) return 1u << i;
  }
  return 0;
}

// Sorts each pid's episodes by (start, end), ties in input order, in chunks of pids on
// several threads. A person has a handful of episodes: an insertion sort (stable, no
// buffer) instead of std::stable_sort, which allocated a buffer per person; the order is
// the same, as a stable sort's order is unique.
void SortPerPid(EpisodeIndex& ix) {
  const auto np = ix.pid_start.size() - 1;
  auto less = [](const HomelessEpisode& a, const HomelessEpisode& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end < b.end;
  };
  constexpr std::size_t kChunks = 64;  // small enough to balance two threads, large enough to be cheap
  ParallelFor(kChunks, [&](std::size_t c) {
    for (std::size_t i = np * c / kChunks; i < np * (c + 1) / kChunks; ++i) {
      auto first = ix.episodes.begin() + ix.pid_start[i];
      auto last = ix.episodes.begin() + ix.pid_start[i + 1];
      if (last - first > 32) {
        std::stable_sort(first, last, less);
        continue;
      }
      for (auto it = first + (first == last ? 0 : 1); it < last; ++it) {
        const HomelessEpisode v = *it;
        auto j = it;
        for (; j > first && less(v, *(j - 1)); --j) *j = *(j - 1);
        *j = v;
      }
    }
  });
}
}  // namespace

std::shared_ptr<const PreparedData> PrepareData(const domain::Dataset& data) {
  auto p = std::make_shared<PreparedData>();
  p->data = &data;
  const auto nd = data.deliveries.size();

  // Regions of the deliveries, sorted (Context::Build needs them also when the Dataset
  // turns out broken below).
  {
    std::set<std::string> region_set;
    for (const auto& d : data.deliveries) region_set.insert(d.region);
    p->regions.assign(region_set.begin(), region_set.end());
    std::unordered_map<std::string, std::int32_t> region_index;
    for (std::size_t r = 0; r < p->regions.size(); ++r) region_index[p->regions[r]] = static_cast<std::int32_t>(r);
    p->delivery_region.resize(nd);
    for (std::size_t i = 0; i < nd; ++i) p->delivery_region[i] = region_index[data.deliveries[i].region];
  }
  auto current = [&](std::int32_t d) { return data.deliveries[static_cast<std::size_t>(d)].current; };

  // Two independent passes over the records, on two threads (measured on the benchmark's
  // dataset, 820,000 person records and 2,000,000 stays and situations, at load 11: 0.62 s
  // and 0.49 s, so the two balance; a third thread would have nothing to run):
  //  (a) pseudonyms to dense person ids in order of first appearance; the canonical record
  //      comes from the latest current delivery;
  //  (b) the checks of the record-to-person indices and, per service episode and living
  //      situation, what the episodes are built from below (compact copies, so that the
  //      records are read once more, not three times).
  // The first broken invariant is reported in the order of the checks: persons (a), then
  // needs, service episodes and living situations (b, in that order).
  const auto nl = data.living_situations.size(), ns = data.service_episodes.size();
  core::Status person_status = core::Status::Ok(), record_status = core::Status::Ok();
  std::vector<std::int32_t> living_delivery(nl);
  // Person of a record that is a homelessness episode of a current delivery, -1 otherwise.
  std::vector<std::int32_t> living_episode_person(nl), shelter_episode_person(ns);
  std::vector<std::uint8_t> shelter_ethos(ns);
  unsigned living_ethos = 0, shelter_ethos_bits = 0;
  auto intern = [&] {
    const auto& persons = data.persons;
    absl::flat_hash_map<std::string_view, std::int32_t> pid_of;
    pid_of.reserve(persons.size() / 2 + 16);
    p->person_pid.resize(persons.size());
    p->person_delivery.resize(persons.size());
    auto later = [&](std::int32_t a, std::int32_t b) {  // is person record a from a later delivery than b?
      const auto& da = data.deliveries[static_cast<std::size_t>(persons[static_cast<std::size_t>(a)].delivery)];
      const auto& db = data.deliveries[static_cast<std::size_t>(persons[static_cast<std::size_t>(b)].delivery)];
      if (da.current != db.current) return da.current;
      if (da.period_last != db.period_last) return da.period_last > db.period_last;
      return da.id > db.id;
    };
    for (std::size_t i = 0; i < persons.size(); ++i) {
      const auto& per = persons[i];
      if (static_cast<std::size_t>(per.delivery) >= nd) {
        person_status = core::Status::Internal("person " + per.record_id + ": delivery index out of range");
        return;
      }
      auto [it, inserted] = pid_of.try_emplace(per.pseudonym, static_cast<std::int32_t>(p->pid_person.size()));
      if (inserted) {
        p->pid_person.push_back(static_cast<std::int32_t>(i));
      } else if (later(static_cast<std::int32_t>(i), p->pid_person[static_cast<std::size_t>(it->second)])) {
        p->pid_person[static_cast<std::size_t>(it->second)] = static_cast<std::int32_t>(i);
      }
      p->person_pid[i] = it->second;
      p->person_delivery[i] = per.delivery;
    }
    const auto np = p->pid_person.size();
    p->pid_birth_month.resize(np);
    for (std::size_t i = 0; i < np; ++i) {
      const auto& per = persons[static_cast<std::size_t>(p->pid_person[i])];
      p->pid_birth_month[i] = domain::BirthMonthIndex(per);
    }
  };
  auto records = [&] {
    // The message is made out of line: the check is inlined in the loops over millions of records.
    auto bad_person = [&](std::string_view what, const std::string& id) {
      record_status = core::Status::Internal(std::string(what) + " " + id + ": person index out of range");
    };
    auto check_person = [&](std::int32_t person, std::string_view what, const std::string& id) {
      if (person >= 0 && static_cast<std::size_t>(person) < data.persons.size()) [[likely]]
        return true;
      bad_person(what, id);
      return false;
    };
    // A person's delivery is checked by (a); until then it is only copied, not used.
    auto current_delivery = [&](std::int32_t d) { return static_cast<std::size_t>(d) < nd && current(d); };
    for (const auto& n : data.needs) {
      if (!check_person(n.person, "need", n.record_id)) return;
    }
    p->shelter.assign(ns, 0);
    p->service_delivery.resize(ns);
    for (std::size_t i = 0; i < ns; ++i) {
      const auto& s = data.service_episodes[i];
      if (!check_person(s.person, "service episode", s.record_id)) return;
      const auto d = data.persons[static_cast<std::size_t>(s.person)].delivery;
      p->service_delivery[i] = d;
      const bool shelter = IsShelterType(s.service_type);
      p->shelter[i] = shelter ? 1 : 0;
      shelter_episode_person[i] = shelter && current_delivery(d) ? s.person : -1;
      if (shelter_episode_person[i] >= 0) {
        shelter_ethos[i] = static_cast<std::uint8_t>(ShelterEthos(s.service_type));
        shelter_ethos_bits |= 1u << shelter_ethos[i];
      }
    }
    for (std::size_t i = 0; i < nl; ++i) {
      const auto& l = data.living_situations[i];
      if (!check_person(l.person, "living situation", l.record_id)) return;
      const auto d = data.persons[static_cast<std::size_t>(l.person)].delivery;
      living_delivery[i] = d;
      const bool episode = current_delivery(d) && l.ethos >= 1 && l.ethos <= 7;
      living_episode_person[i] = episode ? l.person : -1;
      if (episode) living_ethos |= 1u << l.ethos;
    }
  };
  ParallelFor(2, [&](std::size_t k) { k == 0 ? intern() : records(); });
  if (!person_status.ok()) {
    p->status = std::move(person_status);
    return p;
  }
  if (!record_status.ok()) {
    p->status = std::move(record_status);
    return p;
  }
  const auto np = p->pid_person.size();
  p->ethos_present = living_ethos | shelter_ethos_bits;

  // Month of each day from 10 years before the first delivery to 5 years after the last.
  if (nd > 0) {
    core::Date first = data.deliveries[0].period_first, last = data.deliveries[0].period_last;
    for (const auto& d : data.deliveries) {
      first = std::min(first, d.period_first);
      last = std::max(last, d.period_last);
    }
    p->month_table_first = first.AddMonths(-120);
    const core::Date table_last = last.AddMonths(60);
    p->month_table.reserve(static_cast<std::size_t>(table_last - p->month_table_first) + 1);
    for (core::Date d = p->month_table_first; d <= table_last; d = d.AddDays(1))
      p->month_table.push_back(MonthIndex(d));
  }

  // Homelessness episodes of every category, grouped by pid: a counting sort whose two
  // passes run the living situations and the shelter stays on their own threads (each
  // pid's living situations first, then its stays, each in input order, as one pass).
  auto known_end = [&](const std::optional<core::Date>& end, std::int32_t d) {
    return end ? *end : data.deliveries[static_cast<std::size_t>(d)].period_last;
  };
  std::vector<std::int32_t> living_fill(np, 0), shelter_fill(np, 0);
  ParallelFor(2, [&](std::size_t k) {
    const auto& persons = k == 0 ? living_episode_person : shelter_episode_person;
    auto& count = k == 0 ? living_fill : shelter_fill;
    for (auto person : persons) {
      if (person >= 0) ++count[static_cast<std::size_t>(p->person_pid[static_cast<std::size_t>(person)])];
    }
  });
  auto ix = std::make_shared<EpisodeIndex>();
  ix->pid_start.assign(np + 1, 0);
  for (std::size_t i = 0; i < np; ++i) {
    const std::int32_t first = ix->pid_start[i];
    ix->pid_start[i + 1] = first + living_fill[i] + shelter_fill[i];
    shelter_fill[i] = first + living_fill[i];
    living_fill[i] = first;
  }
  ix->episodes.resize(static_cast<std::size_t>(ix->pid_start[np]));
  ParallelFor(2, [&](std::size_t k) {
    if (k == 0) {
      for (std::size_t i = 0; i < nl; ++i) {
        const auto person = living_episode_person[i];
        if (person < 0) continue;
        const auto& l = data.living_situations[i];
        const auto pid = p->person_pid[static_cast<std::size_t>(person)];
        const auto d = living_delivery[i];
        ix->episodes[static_cast<std::size_t>(living_fill[static_cast<std::size_t>(pid)]++)] = HomelessEpisode{
            pid, p->delivery_region[static_cast<std::size_t>(d)], d, l.start, known_end(l.end, d), l.ethos};
      }
    } else {
      for (std::size_t i = 0; i < ns; ++i) {
        const auto person = shelter_episode_person[i];
        if (person < 0) continue;
        const auto& s = data.service_episodes[i];
        const auto pid = p->person_pid[static_cast<std::size_t>(person)];
        const auto d = p->service_delivery[i];
        ix->episodes[static_cast<std::size_t>(shelter_fill[static_cast<std::size_t>(pid)]++)] = HomelessEpisode{
            pid, p->delivery_region[static_cast<std::size_t>(d)], d, s.start, known_end(s.end, d), shelter_ethos[i]};
      }
    }
  });
  SortPerPid(*ix);
  // The by-delivery copy of the episodes in two parts (one per thread), and the service
  // episodes and living situations by delivery as a third task while they are counted.
  {
    ByDeliverySort sort(*ix, nd, 2);
    ParallelFor(3, [&](std::size_t k) {
      if (k < 2) return sort.Count(k);
      p->service_by_delivery = GroupByDelivery(ns, nd, [&](std::size_t i) { return p->service_delivery[i]; });
      p->living_by_delivery = GroupByDelivery(nl, nd, [&](std::size_t i) { return living_delivery[i]; });
    });
    sort.Starts();
    ParallelFor(sort.parts(), [&](std::size_t k) { sort.Place(k); });
  }
  p->episodes = std::move(ix);
  p->default_episodes = (p->ethos_present & ~kDefaultEthos) == 0
                            ? p->episodes
                            : FilterEpisodes(*p->episodes, kDefaultEthos, {}, /*parallel=*/true);

  // Files and organisations of the deliveries (completeness).
  p->delivery_files.resize(nd);
  for (std::size_t i = 0; i < nd; ++i) {
    for (const auto& f : data.deliveries[i].files) p->delivery_files[i] |= FileBit(f);
  }
  {
    std::set<std::string> orgs;
    for (const auto& d : data.deliveries) orgs.insert(d.organisation);
    p->organisations.assign(orgs.begin(), orgs.end());
    p->delivery_org_rank.resize(nd);
    for (std::size_t i = 0; i < nd; ++i) {
      p->delivery_org_rank[i] = static_cast<std::int32_t>(
          std::lower_bound(p->organisations.begin(), p->organisations.end(), data.deliveries[i].organisation) -
          p->organisations.begin());
    }
  }
  return p;
}

core::Result<Context> Context::Build(const PreparedData& prep, const Request& request) {
  const domain::Dataset& data = *prep.data;
  Context c;
  c.data_ = &data;
  c.prep_ = &prep;
  c.request_ = &request;
  c.period_ = request.period;
  c.reference_date_ = request.reference_date.value_or(request.period.first());
  {
    auto definition = FindDefinition(request.definition);
    if (!definition.ok()) return definition.status().WithContext("definition");
    c.definition_ = *definition;
  }
  c.definition_label_ = std::string(c.definition_->name);
  if (!request.ethos.empty()) {
    c.definition_label_ += " ethos=";
    for (std::size_t i = 0; i < request.ethos.size(); ++i) {
      c.definition_label_ += (i > 0 ? "," : "") + std::to_string(request.ethos[i]);
    }
  }
  for (int e : request.ethos.empty() ? c.definition_->ethos : request.ethos) {
    if (e < 1 || e > 7) return core::Status::InvalidInput("ethos: " + std::to_string(e) + " is not a category 1-7");
    c.ethos_[static_cast<std::size_t>(e)] = true;
  }
  static const std::set<std::string_view> kDims{"age",   "gender", "nationality", "household",
                                                "ethos", "need",   "municipality"};
  for (const auto& b : request.breakdowns) {
    if (!kDims.contains(b)) return core::Status::InvalidInput("breakdown: unknown dimension '" + b + "'");
  }

  // Age bands; the youth band [18, 27) is always there.
  c.age_bounds_ = request.age_bounds;
  if (c.age_bounds_.empty()) c.age_bounds_.push_back(0);
  for (int b : {18, 27}) {
    if (std::find(c.age_bounds_.begin(), c.age_bounds_.end(), b) == c.age_bounds_.end()) c.age_bounds_.push_back(b);
  }
  std::sort(c.age_bounds_.begin(), c.age_bounds_.end());
  c.age_bounds_.erase(std::unique(c.age_bounds_.begin(), c.age_bounds_.end()), c.age_bounds_.end());
  if (c.age_bounds_.front() < 0) return core::Status::InvalidInput("age_bounds: must not be negative");
  for (std::size_t i = 0; i < c.age_bounds_.size(); ++i) {
    const int lo = c.age_bounds_[i];
    if (lo == 18) c.youth_band_ = static_cast<int>(i);
    c.age_labels_.push_back(i + 1 < c.age_bounds_.size()
                                ? std::to_string(lo) + "-" + std::to_string(c.age_bounds_[i + 1])
                                : std::to_string(lo) + "+");
  }
  c.age_labels_.push_back("unknown");
  c.age_band_table_.resize(256);
  for (std::size_t age = 0; age < c.age_band_table_.size(); ++age)
    c.age_band_table_[age] = c.AgeBandByBounds(static_cast<int>(age));

  // Deliveries, regions, (organisation, region) groups.
  const auto nd = data.deliveries.size();
  c.current_.assign(nd, 0);
  c.period_scope_.assign(nd, 0);
  c.date_scope_.assign(nd, 0);
  // Regions: those of the deliveries (prepared) and the expected ones; `remap` maps a
  // prepared region index to this Context's when the expected regions add any.
  std::vector<std::int32_t> remap;
  {
    std::set<std::string> extra;
    for (const auto* list : {&request.expected_regions, &request.only_regions}) {
      for (const auto& r : *list) {
        if (!std::binary_search(prep.regions.begin(), prep.regions.end(), r)) extra.insert(r);
      }
    }
    if (extra.empty()) {
      c.regions_ = prep.regions;
    } else {
      std::set<std::string> region_set(prep.regions.begin(), prep.regions.end());
      region_set.insert(extra.begin(), extra.end());
      c.regions_.assign(region_set.begin(), region_set.end());
      remap.resize(prep.regions.size());
      for (std::size_t r = 0; r < prep.regions.size(); ++r) {
        remap[r] = static_cast<std::int32_t>(std::lower_bound(c.regions_.begin(), c.regions_.end(), prep.regions[r]) -
                                             c.regions_.begin());
      }
    }
  }
  c.region_wanted_.assign(c.regions_.size(), 0);
  for (std::size_t r = 0; r < c.regions_.size(); ++r) {
    c.region_wanted_[r] = request.region.empty() || request.region == c.regions_[r] ? 1 : 0;
  }
  c.region_expected_.assign(c.regions_.size(), 0);
  for (const auto& r : request.expected_regions) {
    c.region_expected_[static_cast<std::size_t>(std::lower_bound(c.regions_.begin(), c.regions_.end(), r) -
                                                c.regions_.begin())] = 1;
  }
  std::map<std::pair<std::string, std::string>, std::int32_t> groups;
  c.delivery_region_.resize(nd);
  c.delivery_group_.resize(nd);
  c.delivery_org_.resize(nd);
  c.data_end_ = core::Date();
  bool any_current = false;
  for (std::size_t i = 0; i < nd; ++i) {
    const auto& d = data.deliveries[i];
    const auto pr = prep.delivery_region[i];
    c.delivery_region_[i] = remap.empty() ? pr : remap[static_cast<std::size_t>(pr)];
    auto [it, inserted] = groups.try_emplace({d.organisation, d.region}, static_cast<std::int32_t>(groups.size()));
    c.delivery_group_[i] = it->second;
    if (!d.current) continue;
    c.current_[i] = 1;
    if (!any_current || d.period_last > c.data_end_) c.data_end_ = d.period_last;
    if (!any_current || d.period_first < c.data_start_) c.data_start_ = d.period_first;
    any_current = true;
    c.period_scope_[i] = d.period_first <= c.period_.last() && d.period_last >= c.period_.first() ? 1 : 0;
    c.date_scope_[i] = d.period_first <= c.reference_date_ && c.reference_date_ <= d.period_last ? 1 : 0;
  }
  // Organisation-only groups, numbered after the (organisation, region) ones.
  std::map<std::string, std::int32_t> orgs;
  for (std::size_t i = 0; i < nd; ++i) {
    auto [it, inserted] =
        orgs.try_emplace(data.deliveries[i].organisation, static_cast<std::int32_t>(groups.size() + orgs.size()));
    c.delivery_org_[i] = it->second;
  }
  c.group_count_ = groups.size() + orgs.size();
  c.region_deliveries_ = GroupByDelivery(nd, c.regions_.size(), [&](std::size_t i) { return c.delivery_region_[i]; });
  if (request.expected_regions.empty()) {
    for (std::size_t i = 0; i < nd; ++i) {
      if (c.current_[i]) c.region_expected_[static_cast<std::size_t>(c.delivery_region_[i])] = 1;
    }
  }
  // A fixed set of regions (a comparable series): the other regions' deliveries do not
  // count at all, and the set is what the national figure expects.
  std::vector<char> only_prepared;  // by prepared region index, for the episodes
  if (!request.only_regions.empty()) {
    std::vector<char> only(c.regions_.size(), 0);
    for (const auto& r : request.only_regions) {
      only[static_cast<std::size_t>(std::lower_bound(c.regions_.begin(), c.regions_.end(), r) - c.regions_.begin())] =
          1;
    }
    for (std::size_t i = 0; i < nd; ++i) {
      if (only[static_cast<std::size_t>(c.delivery_region_[i])]) continue;
      c.current_[i] = c.period_scope_[i] = c.date_scope_[i] = 0;
    }
    for (std::size_t r = 0; r < only.size(); ++r) {
      if (!only[r]) c.region_wanted_[r] = 0;
    }
    c.region_expected_ = only;
    only_prepared.resize(prep.regions.size());
    for (std::size_t r = 0; r < prep.regions.size(); ++r) {
      only_prepared[r] = only[remap.empty() ? r : static_cast<std::size_t>(remap[r])];
    }
  }

  // The Dataset's own invariants (checked once, in PrepareData).
  if (!prep.status.ok()) return prep.status;
  const auto np = prep.pid_person.size();

  // Need category per pid: the latest assessment up to the period's end (only the `need`
  // breakdown asks for it).
  c.need_.assign(c.BreakdownWanted("need") ? np : 0, std::string_view());
  std::vector<core::Date> need_date(c.need_.size());
  for (const auto& n : data.needs) {
    if (c.need_.empty()) break;
    if (!c.Current(c.DeliveryOfPerson(n.person)) || n.assessed > c.period_.last()) continue;
    const auto pid = static_cast<std::size_t>(c.PidOf(n.person));
    if (c.need_[pid].empty() || n.assessed >= need_date[pid]) {
      c.need_[pid] = n.need_category;
      need_date[pid] = n.assessed;
    }
  }

  // Shelter stays of the period's deliveries (de-duplicated), shared by P5, P6, P7, P10,
  // A1 and A7.
  const domain::ServiceEpisode* const base = data.service_episodes.data();
  std::vector<std::int32_t> candidates;
  for (std::int32_t d = 0; static_cast<std::size_t>(d) < nd; ++d) {
    if (!c.InPeriodScope(d)) continue;
    const auto of = prep.service_by_delivery.Of(d);
    candidates.insert(candidates.end(), of.begin(), of.end());
  }
  if (!std::is_sorted(candidates.begin(), candidates.end())) std::sort(candidates.begin(), candidates.end());
  c.period_stays_ = c.SelectFrom(
      data.service_episodes,
      [&](const domain::ServiceEpisode& s) { return prep.service_delivery[static_cast<std::size_t>(&s - base)]; },
      [&](std::int32_t d) { return c.InPeriodScope(d); }, false,
      [&](auto&& f) {
        for (auto i : candidates) f(i);
      });
  std::erase_if(c.period_stays_, [&](std::int32_t i) { return prep.shelter[static_cast<std::size_t>(i)] == 0; });

  // Homelessness episodes: the prepared ones, unless some categories are not wanted or
  // the region numbering differs (filtering keeps each pid's order).
  unsigned wanted = 0;
  for (int e = 1; e <= 7; ++e) {
    if (c.ethos_[static_cast<std::size_t>(e)]) wanted |= 1u << e;
  }
  if ((prep.ethos_present & ~wanted) == 0 && remap.empty() && only_prepared.empty()) {
    c.episodes_ = prep.episodes;
  } else if (wanted == kDefaultEthos && remap.empty() && only_prepared.empty()) {
    c.episodes_ = prep.default_episodes;
  } else {
    c.episodes_ = FilterEpisodes(*prep.episodes, wanted, remap, /*parallel=*/false, only_prepared);
  }
  return c;
}

int Context::AgeBandByBounds(int age) const {
  int band = static_cast<int>(age_labels_.size()) - 1;  // unknown unless a band fits
  for (std::size_t i = 0; i < age_bounds_.size(); ++i) {
    if (age >= age_bounds_[i]) band = static_cast<int>(i);
  }
  return band;
}

std::span<const HomelessEpisode> Context::EpisodesOf(std::int32_t pid) const {
  const auto p = static_cast<std::size_t>(pid);
  const auto& ix = *episodes_;
  const auto first = static_cast<std::size_t>(ix.pid_start[p]);
  const auto last = static_cast<std::size_t>(ix.pid_start[p + 1]);
  return std::span<const HomelessEpisode>(ix.episodes.data() + first, last - first);
}

int Context::AgeAt(std::int32_t pid, core::Date d) const {
  const std::int32_t birth = prep_->pid_birth_month[static_cast<std::size_t>(pid)];
  if (birth < 0) return domain::kUnknownAge;
  const auto& table = prep_->month_table;
  const auto day = static_cast<std::size_t>(d - prep_->month_table_first);  // wraps below the table
  return domain::CompletedYears(birth, day < table.size() ? table[day] : MonthIndex(d));
}

bool Context::BreakdownWanted(std::string_view dim) const {
  if (dim == "ethos" && definition_->ethos_breakdown) return true;
  for (const auto& b : request_->breakdowns) {
    if (b == dim) return true;
  }
  return false;
}

std::vector<std::int32_t> Context::DedupLatest(const std::vector<std::int32_t>& idx,
                                               const std::vector<std::pair<std::int32_t, const std::string*>>& keyed,
                                               const std::vector<std::int32_t>& group) const {
  struct Key {
    std::int32_t group;
    std::string_view id;
    bool operator==(const Key&) const = default;
  };
  struct Hash {
    std::size_t operator()(const Key& k) const {
      return std::hash<std::string_view>()(k.id) * 31u + static_cast<std::size_t>(k.group);
    }
  };
  std::unordered_map<Key, std::size_t, Hash> best;  // -> position in idx
  best.reserve(idx.size());
  auto later = [&](std::int32_t a, std::int32_t b) {
    const auto& da = data_->deliveries[static_cast<std::size_t>(a)];
    const auto& db = data_->deliveries[static_cast<std::size_t>(b)];
    if (da.period_last != db.period_last) return da.period_last > db.period_last;
    return da.id > db.id;
  };
  for (std::size_t i = 0; i < idx.size(); ++i) {
    const auto [d, id] = keyed[i];
    Key k{group[static_cast<std::size_t>(d)], *id};
    auto [it, inserted] = best.try_emplace(k, i);
    if (!inserted && later(d, keyed[it->second].first)) it->second = i;
  }
  std::vector<std::int32_t> out;
  out.reserve(best.size());
  for (const auto& [k, i] : best) out.push_back(idx[i]);
  std::sort(out.begin(), out.end());
  return out;
}

Completeness Context::CompletenessOf(std::int32_t region, std::span<const std::string_view> files,
                                     bool date_scope) const {
  Completeness c;
  std::uint32_t want = 0;
  for (auto f : files) want |= FileBit(f);
  auto has_files = [&](std::size_t d) { return files.empty() || (prep_->delivery_files[d] & want) != 0; };
  auto in_scope = [&](std::size_t d) { return date_scope ? date_scope_[d] != 0 : period_scope_[d] != 0; };
  if (region >= 0) {
    c.unit = "organisations";
    // An organisation is expected from the first period it delivered these files for the
    // region on (docs/indicators.md §5.3): a newcomer does not make the past incomplete.
    const core::Date scope_end = date_scope ? reference_date_ : period_.last();
    // Organisation ranks follow the sorted names: sorting them sorts the names.
    std::vector<std::int32_t> expected, delivered;
    for (auto di : region_deliveries_.Of(region)) {
      const auto d = static_cast<std::size_t>(di);
      if (!current_[d] || !has_files(d) || data_->deliveries[d].period_first > scope_end) continue;
      expected.push_back(prep_->delivery_org_rank[d]);
      if (in_scope(d)) delivered.push_back(prep_->delivery_org_rank[d]);
    }
    for (auto* v : {&expected, &delivered}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    c.expected = static_cast<int>(expected.size());
    c.delivered = static_cast<int>(delivered.size());
    for (auto o : expected) {
      if (!std::binary_search(delivered.begin(), delivered.end(), o))
        c.missing.push_back(prep_->organisations[static_cast<std::size_t>(o)]);
    }
    return c;
  }
  c.unit = "regions";
  std::vector<char> delivered(regions_.size(), 0);
  for (std::size_t d = 0; d < current_.size(); ++d) {
    if (current_[d] && in_scope(d) && has_files(d)) delivered[static_cast<std::size_t>(delivery_region_[d])] = 1;
  }
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    if (!region_expected_[r]) continue;
    ++c.expected;
    if (delivered[r]) {
      ++c.delivered;
    } else {
      c.missing.push_back(regions_[r]);
    }
  }
  return c;
}

}  // namespace onderdak::indicators
