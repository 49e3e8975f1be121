#include "onderdak/indicators/context.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "onderdak/domain/code_lists.h"

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

bool HasAnyFile(const domain::Delivery& d, std::span<const std::string_view> files) {
  if (files.empty()) return true;
  for (const auto& f : d.files) {
    for (auto want : files) {
      if (f == want) return true;
    }
  }
  return false;
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

core::Result<Context> Context::Build(const domain::Dataset& data, const Request& request) {
  Context c;
  c.data_ = &data;
  c.request_ = &request;
  c.period_ = request.period;
  c.reference_date_ = request.reference_date.value_or(request.period.first());
  if (request.ethos.empty()) return core::Status::InvalidInput("ethos: at least one ETHOS category is needed");
  for (int e : request.ethos) {
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

  // Deliveries, regions, (organisation, region) groups.
  const auto nd = data.deliveries.size();
  c.current_.assign(nd, 0);
  c.period_scope_.assign(nd, 0);
  c.date_scope_.assign(nd, 0);
  std::set<std::string> region_set;
  for (const auto& d : data.deliveries) region_set.insert(d.region);
  for (const auto& r : request.expected_regions) region_set.insert(r);
  c.regions_.assign(region_set.begin(), region_set.end());
  std::unordered_map<std::string, std::int32_t> region_index;
  for (std::size_t r = 0; r < c.regions_.size(); ++r) region_index[c.regions_[r]] = static_cast<std::int32_t>(r);
  c.region_wanted_.assign(c.regions_.size(), 0);
  for (std::size_t r = 0; r < c.regions_.size(); ++r) {
    c.region_wanted_[r] = request.region.empty() || request.region == c.regions_[r] ? 1 : 0;
  }
  std::map<std::pair<std::string, std::string>, std::int32_t> groups;
  c.delivery_region_.resize(nd);
  c.delivery_group_.resize(nd);
  c.delivery_org_.resize(nd);
  c.data_end_ = core::Date();
  bool any_current = false;
  for (std::size_t i = 0; i < nd; ++i) {
    const auto& d = data.deliveries[i];
    c.delivery_region_[i] = region_index[d.region];
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

  // Pseudonyms to dense person ids; the canonical record comes from the latest current delivery.
  std::unordered_map<std::string_view, std::int32_t> pid_of;
  pid_of.reserve(data.persons.size() / 2 + 16);
  c.person_pid_.resize(data.persons.size());
  auto later = [&](std::int32_t a, std::int32_t b) {  // is person record a from a later delivery than b?
    const auto& da = data.deliveries[static_cast<std::size_t>(data.persons[static_cast<std::size_t>(a)].delivery)];
    const auto& db = data.deliveries[static_cast<std::size_t>(data.persons[static_cast<std::size_t>(b)].delivery)];
    if (da.current != db.current) return da.current;
    if (da.period_last != db.period_last) return da.period_last > db.period_last;
    return da.id > db.id;
  };
  for (std::size_t i = 0; i < data.persons.size(); ++i) {
    const auto& p = data.persons[i];
    auto d = static_cast<std::size_t>(p.delivery);
    if (d >= nd) return core::Status::Internal("person " + p.record_id + ": delivery index out of range");
    auto [it, inserted] = pid_of.try_emplace(p.pseudonym, static_cast<std::int32_t>(c.pid_person_.size()));
    if (inserted) {
      c.pid_person_.push_back(static_cast<std::int32_t>(i));
    } else if (later(static_cast<std::int32_t>(i), c.pid_person_[static_cast<std::size_t>(it->second)])) {
      c.pid_person_[static_cast<std::size_t>(it->second)] = static_cast<std::int32_t>(i);
    }
    c.person_pid_[i] = it->second;
  }
  const auto np = c.pid_person_.size();
  // The message is built only on failure (called once per record).
  auto check_person = [&](std::int32_t person, std::string_view what, const std::string& id) -> core::Status {
    if (person < 0 || static_cast<std::size_t>(person) >= data.persons.size()) {
      return core::Status::Internal(std::string(what) + " " + id + ": person index out of range");
    }
    return core::Status::Ok();
  };

  // Need category per pid: the latest assessment up to the period's end.
  c.need_.assign(np, std::string_view());
  std::vector<core::Date> need_date(np);
  for (const auto& n : data.needs) {
    ONDERDAK_RETURN_IF_ERROR(check_person(n.person, "need", n.record_id));
    if (!c.Current(c.DeliveryOfPerson(n.person)) || n.assessed > c.period_.last()) continue;
    const auto pid = static_cast<std::size_t>(c.PidOf(n.person));
    if (c.need_[pid].empty() || n.assessed >= need_date[pid]) {
      c.need_[pid] = n.need_category;
      need_date[pid] = n.assessed;
    }
  }

  // Shelter stays: flags, and those of the period's deliveries (de-duplicated), shared by
  // P5, P6, P7, P10, A1 and A7.
  c.shelter_.assign(data.service_episodes.size(), 0);
  for (std::size_t i = 0; i < data.service_episodes.size(); ++i) {
    const auto& s = data.service_episodes[i];
    ONDERDAK_RETURN_IF_ERROR(check_person(s.person, "service episode", s.record_id));
    c.shelter_[i] = IsShelterType(s.service_type) ? 1 : 0;
  }
  c.period_stays_ = c.Select(
      data.service_episodes, [&](const domain::ServiceEpisode& s) { return c.DeliveryOfPerson(s.person); },
      [&](std::int32_t d) { return c.InPeriodScope(d); });
  std::erase_if(c.period_stays_, [&](std::int32_t i) { return c.shelter_[static_cast<std::size_t>(i)] == 0; });

  // Homelessness episodes, grouped by pid (counting sort in two passes), each pid's sorted by start.
  for (const auto& l : data.living_situations) {
    ONDERDAK_RETURN_IF_ERROR(check_person(l.person, "living situation", l.record_id));
  }
  auto for_each_episode = [&](auto&& f) {
    for (const auto& l : data.living_situations) {
      const auto d = c.DeliveryOfPerson(l.person);
      if (!c.Current(d) || !c.EthosWanted(l.ethos)) continue;
      f(HomelessEpisode{c.PidOf(l.person), c.RegionOf(d), d, l.start, c.KnownEnd(l.end, d), l.ethos});
    }
    for (std::size_t i = 0; i < data.service_episodes.size(); ++i) {
      if (!c.shelter_[i]) continue;
      const auto& s = data.service_episodes[i];
      const auto d = c.DeliveryOfPerson(s.person);
      if (!c.Current(d)) continue;
      const int e = ShelterEthos(s.service_type);
      if (!c.EthosWanted(e)) continue;
      f(HomelessEpisode{c.PidOf(s.person), c.RegionOf(d), d, s.start, c.KnownEnd(s.end, d), e});
    }
  };
  c.pid_episode_start_.assign(np + 1, 0);
  for_each_episode([&](const HomelessEpisode& e) { ++c.pid_episode_start_[static_cast<std::size_t>(e.pid) + 1]; });
  for (std::size_t i = 0; i < np; ++i) c.pid_episode_start_[i + 1] += c.pid_episode_start_[i];
  c.episodes_.resize(static_cast<std::size_t>(c.pid_episode_start_[np]));
  {
    std::vector<std::int32_t> fill(c.pid_episode_start_.begin(), c.pid_episode_start_.end() - 1);
    for_each_episode([&](const HomelessEpisode& e) {
      c.episodes_[static_cast<std::size_t>(fill[static_cast<std::size_t>(e.pid)]++)] = e;
    });
  }
  for (std::size_t i = 0; i < np; ++i) {
    auto first = c.episodes_.begin() + c.pid_episode_start_[i];
    auto last = c.episodes_.begin() + c.pid_episode_start_[i + 1];
    if (last - first > 1) {
      std::sort(first, last, [](const HomelessEpisode& a, const HomelessEpisode& b) {
        if (a.start != b.start) return a.start < b.start;
        return a.end < b.end;
      });
    }
  }
  return c;
}

std::span<const HomelessEpisode> Context::EpisodesOf(std::int32_t pid) const {
  const auto p = static_cast<std::size_t>(pid);
  const auto first = static_cast<std::size_t>(pid_episode_start_[p]);
  const auto last = static_cast<std::size_t>(pid_episode_start_[p + 1]);
  return std::span<const HomelessEpisode>(episodes_.data() + first, last - first);
}

namespace {
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
}  // namespace

int Context::AgeAt(std::int32_t pid, core::Date d) const {
  const auto& p = Canonical(pid);
  if (p.birth_year <= 0 || p.birth_month < 1 || p.birth_month > 12) return -1;
  const int months = MonthIndex(d) - (p.birth_year * 12 + p.birth_month - 1);
  return months < 0 ? -1 : months / 12;
}

int Context::AgeBand(int age) const {
  if (age < 0) return static_cast<int>(age_labels_.size()) - 1;
  int band = static_cast<int>(age_labels_.size()) - 1;  // unknown unless a band fits
  for (std::size_t i = 0; i < age_bounds_.size(); ++i) {
    if (age >= age_bounds_[i]) band = static_cast<int>(i);
  }
  return band;
}

bool Context::BreakdownWanted(std::string_view dim) const {
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
  const auto& ds = data_->deliveries;
  auto in_scope = [&](std::size_t d) { return date_scope ? date_scope_[d] != 0 : period_scope_[d] != 0; };
  if (region >= 0) {
    c.unit = "organisations";
    std::set<std::string> expected, delivered;
    for (std::size_t d = 0; d < ds.size(); ++d) {
      if (!current_[d] || delivery_region_[d] != region || !HasAnyFile(ds[d], files)) continue;
      expected.insert(ds[d].organisation);
      if (in_scope(d)) delivered.insert(ds[d].organisation);
    }
    c.expected = static_cast<int>(expected.size());
    c.delivered = static_cast<int>(delivered.size());
    for (const auto& o : expected) {
      if (!delivered.contains(o)) c.missing.push_back(o);
    }
    return c;
  }
  c.unit = "regions";
  std::set<std::string> expected(request_->expected_regions.begin(), request_->expected_regions.end());
  std::set<std::string> delivered;
  for (std::size_t d = 0; d < ds.size(); ++d) {
    if (!current_[d]) continue;
    if (request_->expected_regions.empty()) expected.insert(ds[d].region);
    if (in_scope(d) && HasAnyFile(ds[d], files)) delivered.insert(ds[d].region);
  }
  c.expected = static_cast<int>(expected.size());
  for (const auto& r : expected) {
    if (delivered.contains(r)) {
      ++c.delivered;
    } else {
      c.missing.push_back(r);
    }
  }
  return c;
}

}  // namespace onderdak::indicators
