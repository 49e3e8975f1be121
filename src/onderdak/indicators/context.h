// Context: one Request prepared over one Dataset, shared by every indicator family.
// Internal to the indicators layer (not installed as API).
//
// It decides once which deliveries count (current versions; for period figures those
// whose period overlaps the requested period, for point-in-time figures those whose period
// contains the reference date; the region filter), interns pseudonyms to dense person ids
// (pid) with one canonical Person record each (from the latest delivery), interns region
// codes, and answers the questions every definition asks the same way: age at a date, the
// age band, whether a record from a delivery is known to be ongoing on a date, the
// completeness of a file, and the de-duplication of records re-delivered in two periods.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/dataset.h"
#include "onderdak/indicators/definition.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::indicators {

// Code-list flags (domain/code_lists.cc) the definitions use.
bool IsShelterStay(std::string_view service_type);       // P5: nachtopvang ... winteropvang
bool IsHousingExit(std::string_view exit_destination);   // P6/P7: zelfstandige_woning, woonplek_met_begeleiding
bool IsInvalidGround(std::string_view decision_reason);  // P11: regiobinding
// ETHOS Light category of a shelter stay: 2 for emergency night shelter, 3 otherwise.
int ShelterEthos(std::string_view service_type);

// A homelessness episode (docs/indicators.md §2.2): a living situation whose ETHOS category
// is in the request's set, or a shelter stay (ETHOS 2 for night/winter shelter, 3 for the
// other shelter types) when its category is in the set. From every current delivery.
struct HomelessEpisode {
  std::int32_t pid = 0;
  std::int32_t region = 0;
  std::int32_t delivery = 0;
  core::Date start;
  core::Date end;  // known end; an open episode ends (for us) on its delivery's last day
  int ethos = 0;
};

// Records grouped by delivery (a counting sort): the indices of delivery d's records are
// items[start[d] .. start[d + 1]), ascending.
struct ByDelivery {
  std::vector<std::int32_t> start, items;
  std::span<const std::int32_t> Of(std::int32_t d) const {
    const auto first = static_cast<std::size_t>(start[static_cast<std::size_t>(d)]);
    const auto last = static_cast<std::size_t>(start[static_cast<std::size_t>(d) + 1]);
    return std::span<const std::int32_t>(items.data() + first, last - first);
  }
};

// Homelessness episodes grouped by pid: `episodes` sorted by (pid, start, end), stable in
// input order (living situations, then shelter stays); `pid_start` has pids + 1 entries;
// `by_delivery` holds the same episodes grouped by delivery, each delivery's in pid order
// (delivery_start: deliveries + 1 entries), so that a period reads only its deliveries'.
struct EpisodeIndex {
  std::vector<HomelessEpisode> episodes;
  std::vector<std::int32_t> pid_start;
  std::vector<HomelessEpisode> by_delivery;
  std::vector<std::int32_t> delivery_start;
};

// What does not depend on the Request: built once per Dataset (see engine.h, Prepare).
struct PreparedData {
  const domain::Dataset* data = nullptr;
  // The first broken invariant of the Dataset (reported after the Request is validated).
  core::Status status = core::Status::Ok();
  std::vector<std::int32_t> person_pid, pid_person;
  std::vector<std::int32_t> person_delivery;  // delivery of each person record (compact copy)
  // Birth year-month of each pid's canonical record as months since year 0; -1 unknown.
  std::vector<std::int32_t> pid_birth_month;
  // Months since year 0 of the days from month_table_first on (AgeAt without the calendar
  // arithmetic for the dates near the data's).
  core::Date month_table_first;
  std::vector<std::int32_t> month_table;
  std::vector<std::int32_t> service_delivery;  // delivery of each service episode
  std::vector<char> shelter;                   // per service episode
  // Region index of each delivery among the regions of the deliveries alone (sorted).
  std::vector<std::int32_t> delivery_region;
  std::vector<std::string> regions;
  // Episodes of every ETHOS category 1-7 from current deliveries (region: delivery_region).
  std::shared_ptr<const EpisodeIndex> episodes;
  // Those of the default definition's categories 2-3 (the same index when there are no
  // others).
  std::shared_ptr<const EpisodeIndex> default_episodes;
  unsigned ethos_present = 0;  // bit e set when some episode has category e
  // Service episodes and living situations by delivery (a period reads only its deliveries).
  ByDelivery service_by_delivery, living_by_delivery;
  // Per delivery: the entity files it holds (bit i: domain::kEntityFiles[i]) and the rank
  // of its organisation among the sorted organisation names (completeness, §5.3).
  std::vector<std::uint32_t> delivery_files;
  std::vector<std::int32_t> delivery_org_rank;
  std::vector<std::string> organisations;  // sorted; indexed by rank
};

std::shared_ptr<const PreparedData> PrepareData(const domain::Dataset& data);

class Context {
 public:
  static core::Result<Context> Build(const PreparedData& prepared, const Request& request);

  const domain::Dataset& data() const { return *data_; }
  const Request& request() const { return *request_; }
  const core::Period& period() const { return period_; }
  core::Date reference_date() const { return reference_date_; }
  // The latest last day of any current delivery: follow-up beyond it is not observed.
  core::Date data_end() const { return data_end_; }
  // The earliest first day of any current delivery: look-back before it is not observed.
  core::Date data_start() const { return data_start_; }

  // Deliveries.
  bool Current(std::int32_t d) const { return current_[static_cast<std::size_t>(d)] != 0; }
  bool InPeriodScope(std::int32_t d) const { return period_scope_[static_cast<std::size_t>(d)] != 0; }
  bool InDateScope(std::int32_t d) const { return date_scope_[static_cast<std::size_t>(d)] != 0; }
  std::int32_t RegionOf(std::int32_t d) const { return delivery_region_[static_cast<std::size_t>(d)]; }
  const std::vector<std::string>& regions() const { return regions_; }
  // Whether figures for this region index are emitted (region filter).
  bool RegionWanted(std::int32_t r) const { return region_wanted_[static_cast<std::size_t>(r)] != 0; }
  bool NationalWanted() const { return request_->national && request_->region.empty(); }
  core::Date DeliveryLast(std::int32_t d) const { return data_->deliveries[static_cast<std::size_t>(d)].period_last; }
  // The last day a record from delivery `d` is known to be ongoing: its end, or for an
  // open record the last day of the delivery's period.
  core::Date KnownEnd(const std::optional<core::Date>& end, std::int32_t d) const {
    return end ? *end : DeliveryLast(d);
  }

  // Persons.
  std::int32_t PidOf(std::int32_t person) const { return prep_->person_pid[static_cast<std::size_t>(person)]; }
  std::int32_t PersonOf(std::int32_t pid) const { return prep_->pid_person[static_cast<std::size_t>(pid)]; }
  std::size_t pid_count() const { return prep_->pid_person.size(); }
  const domain::Person& Canonical(std::int32_t pid) const {
    return data_->persons[static_cast<std::size_t>(PersonOf(pid))];
  }
  std::int32_t DeliveryOfPerson(std::int32_t person) const {
    return prep_->person_delivery[static_cast<std::size_t>(person)];
  }
  // Age in completed years on `d`, the birthday taken as the first day of the birth month;
  // -1 when the birth year-month is unknown.
  int AgeAt(std::int32_t pid, core::Date d) const;
  // Index into age_band_labels() of an age (-1: "unknown", the last label).
  int AgeBand(int age) const {
    if (age < 0) return static_cast<int>(age_labels_.size()) - 1;
    const auto a = static_cast<std::size_t>(age);
    return a < age_band_table_.size() ? age_band_table_[a] : AgeBandByBounds(age);
  }
  const std::vector<std::string>& age_band_labels() const { return age_labels_; }
  int youth_band() const { return youth_band_; }
  // Latest need category assessed on or before the period's last day ("" when none).
  std::string_view NeedOf(std::int32_t pid) const { return need_[static_cast<std::size_t>(pid)]; }
  // The request's definition preset, and its name as figures carry it.
  const Definition& definition() const { return *definition_; }
  const std::string& definition_label() const { return definition_label_; }
  bool EthosWanted(int ethos) const { return ethos >= 1 && ethos <= 7 && ethos_[static_cast<std::size_t>(ethos)]; }
  bool BreakdownWanted(std::string_view dim) const;

  // Shelter stays (indices into service_episodes) from the period's deliveries, a stay
  // re-delivered in two of them once (P5, P6, P7, A1, A7).
  const std::vector<std::int32_t>& period_shelter_stays() const { return period_stays_; }
  bool IsShelter(std::int32_t service_episode) const {
    return prep_->shelter[static_cast<std::size_t>(service_episode)] != 0;
  }

  // Homelessness episodes of every current delivery, sorted by (pid, start).
  const std::vector<HomelessEpisode>& homeless_episodes() const { return episodes_->episodes; }
  // Calls f(episode) for the homelessness episodes of the deliveries with in_scope(delivery),
  // delivery by delivery (each delivery's in pid order).
  template <typename InScope, typename F>
  void ForEachEpisodeIn(InScope in_scope, F f) const {
    const auto& ix = *episodes_;
    for (std::size_t d = 0; d + 1 < ix.delivery_start.size(); ++d) {
      if (!in_scope(static_cast<std::int32_t>(d))) continue;
      const auto last = static_cast<std::size_t>(ix.delivery_start[d + 1]);
      for (auto k = static_cast<std::size_t>(ix.delivery_start[d]); k < last; ++k) f(ix.by_delivery[k]);
    }
  }
  // The number of episodes ForEachEpisodeIn(in_scope, ...) visits.
  template <typename InScope>
  std::size_t CountEpisodesIn(InScope in_scope) const {
    const auto& ix = *episodes_;
    std::size_t n = 0;
    for (std::size_t d = 0; d + 1 < ix.delivery_start.size(); ++d) {
      if (in_scope(static_cast<std::int32_t>(d)))
        n += static_cast<std::size_t>(ix.delivery_start[d + 1] - ix.delivery_start[d]);
    }
    return n;
  }
  // Living situations (indices into Dataset::living_situations) of a delivery.
  std::span<const std::int32_t> LivingSituationsOf(std::int32_t d) const { return prep_->living_by_delivery.Of(d); }
  // [first, last) into homeless_episodes() of one pid.
  std::span<const HomelessEpisode> EpisodesOf(std::int32_t pid) const;

  // Indices of the records of `records` (delivery of a record: delivery_of(record)) that
  // come from deliveries with in_scope(delivery), with a record delivered again by the same organisation for
  // the same region in a later period (same record_id) kept once, from the latest delivery.
  template <typename Rec, typename DeliveryOf, typename InScope>
  std::vector<std::int32_t> Select(const std::vector<Rec>& records, DeliveryOf delivery_of, InScope in_scope,
                                   bool by_organisation_only = false) const {
    return SelectFrom(records, delivery_of, in_scope, by_organisation_only, [&](auto&& f) {
      for (std::size_t i = 0; i < records.size(); ++i) f(static_cast<std::int32_t>(i));
    });
  }
  // As Select, over the candidate records for_each_candidate(f) calls f with, ascending
  // (a superset of the records of the deliveries in scope).
  template <typename Rec, typename DeliveryOf, typename InScope, typename ForEachCandidate>
  std::vector<std::int32_t> SelectFrom(const std::vector<Rec>& records, DeliveryOf delivery_of, InScope in_scope,
                                       bool by_organisation_only, ForEachCandidate for_each_candidate) const;

  // Completeness of the files (any of them; entity file names) for a region index, or -1
  // for national.
  Completeness CompletenessOf(std::int32_t region, std::span<const std::string_view> files, bool date_scope) const;

  // Drill-down on?
  bool drill_down() const { return request_->drill_down; }

 private:
  Context() = default;
  // Keeps, of records sharing (organisation, region, record_id), the one from the latest
  // delivery (by period end, then store id). `keyed[i]` = (delivery, record id) of idx[i].
  std::vector<std::int32_t> DedupLatest(const std::vector<std::int32_t>& idx,
                                        const std::vector<std::pair<std::int32_t, const std::string*>>& keyed,
                                        const std::vector<std::int32_t>& group) const;

  const domain::Dataset* data_ = nullptr;
  const Request* request_ = nullptr;
  core::Period period_ = core::Period::Year(2021);
  core::Date reference_date_;
  core::Date data_end_;
  core::Date data_start_;
  std::array<bool, 8> ethos_{};
  const Definition* definition_ = nullptr;
  std::string definition_label_;
  std::vector<char> current_, period_scope_, date_scope_;
  std::vector<std::int32_t> delivery_region_;
  std::vector<std::int32_t> delivery_group_;  // (organisation, region) index
  std::vector<std::int32_t> delivery_org_;    // organisation index (same numbering space)
  std::size_t group_count_ = 0;
  std::vector<std::string> regions_;
  std::vector<char> region_wanted_;
  std::vector<char> region_expected_;  // NL completeness: the expected regions
  ByDelivery region_deliveries_;       // deliveries of each region (indices into deliveries)
  const PreparedData* prep_ = nullptr;
  std::vector<std::string_view> need_;
  std::vector<int> age_bounds_;
  std::vector<std::string> age_labels_;
  int AgeBandByBounds(int age) const;
  // AgeBand of the ages 0-255 (AgeBandByBounds beyond): a lookup instead of a loop over
  // the bounds, as it is asked per person and item.
  std::vector<std::int32_t> age_band_table_;
  int youth_band_ = -1;
  std::shared_ptr<const EpisodeIndex> episodes_;  // shared with prep_ unless filtered
  std::vector<std::int32_t> period_stays_;
};

template <typename Rec, typename DeliveryOf, typename InScope, typename ForEachCandidate>
std::vector<std::int32_t> Context::SelectFrom(const std::vector<Rec>& records, DeliveryOf delivery_of, InScope in_scope,
                                              bool by_organisation_only, ForEachCandidate for_each_candidate) const {
  // Deliveries in scope per (organisation, region): only groups with several need the
  // record-level de-duplication, which hashes record ids.
  const auto& group = by_organisation_only ? delivery_org_ : delivery_group_;
  std::vector<int> count(group_count_, 0);
  for (std::size_t d = 0; d < data_->deliveries.size(); ++d) {
    if (in_scope(static_cast<std::int32_t>(d))) ++count[static_cast<std::size_t>(group[d])];
  }
  std::vector<std::int32_t> out;
  std::vector<std::int32_t> several;
  for_each_candidate([&](std::int32_t i) {
    const std::int32_t d = delivery_of(records[static_cast<std::size_t>(i)]);
    if (!in_scope(d)) return;
    if (count[static_cast<std::size_t>(group[static_cast<std::size_t>(d)])] > 1) {
      several.push_back(i);
    } else {
      out.push_back(i);
    }
  });
  if (!several.empty()) {
    std::vector<std::pair<std::int32_t, const std::string*>> keyed;
    keyed.reserve(several.size());
    for (auto i : several) {
      const auto& r = records[static_cast<std::size_t>(i)];
      keyed.emplace_back(delivery_of(r), &r.record_id);
    }
    auto kept = DedupLatest(several, keyed, group);
    out.insert(out.end(), kept.begin(), kept.end());
  }
  return out;
}

}  // namespace onderdak::indicators
