// Aggregation shared by the person- and record-level indicators (internal to the layer).
//
// An indicator turns the records of a Context into Items (one per unit: a person's
// qualifying record, a stay, a request), says in a Spec how they are counted, and gets
// back the cells per scope (each wanted region and "NL") and breakdown, from which the
// Emit* helpers make Figures. Distinct-person counting lives here, once: a person is one
// unit per region and one unit nationally, represented by their earliest item (the date
// that also fixes their age).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/indicators/context.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::indicators {

struct Item {
  std::int32_t region = 0;  // region index of the delivery
  std::int32_t pid = -1;    // person id, -1 when the record has no person
  core::Date when;          // the date age is taken on; earliest wins for distinct persons
  int ethos = 0;            // ETHOS category (ethos breakdown), 0 when not applicable
  std::int32_t record = 0;  // index for drill-down (into the vector named by record_kind)
  std::int64_t x = 0;       // a value (days) for medians and percentiles
  bool num = false;         // in the numerator of the share
  std::string_view label;   // category of the indicator's own dimension (Spec::label_dim)
  std::string_view municipality;
};

struct Spec {
  std::string indicator;
  Unit unit = Unit::kPersons;  // kPersons (distinct persons) or kRecords
  std::string record_kind = "persons";
  // Reduce to one item per (region, person) and per person nationally.
  bool distinct_persons = true;
  // With distinct_persons: one unit per (person, label) instead, for a dimension a person
  // can have several values of (P8 causes). Only the label cells are then emitted.
  bool per_label = false;
  std::string label_dim;        // the indicator's own dimension, always broken down
  std::string_view label_list;  // code list enumerating its cells ("" : seen values only)
  // Cells of the own dimension always emitted, in this order, even when empty ("unknown"
  // included: P13's origin classes); after label_list's.
  std::vector<std::string_view> label_fixed;
  bool person_dims = true;        // age, gender, nationality, household, need apply
  bool ethos_dim = false;         // ethos applies
  bool municipality_dim = false;  // municipality applies
  bool age_only_youth = false;    // P10: keep items aged 18-27 on `when` only
  // P1, P2, P7 (and so P10): keep only items whose age on `when` the request's definition
  // counts (definition.h: cbs counts 18-65); a person is then represented by their
  // earliest item that qualifies.
  bool definition_ages = false;
  std::optional<core::Date> reference_date;  // set: a point-in-time figure
  std::vector<std::string_view> files;       // entity files behind the figure (completeness)
  bool disclosive = true;
  bool keep_values = false;  // collect Item::x (medians, percentiles)
  // Scopes filled from these items (an indicator whose regional and national units differ,
  // like P2's spells, aggregates twice).
  bool regions = true;
  bool national = true;
};

struct Cell {
  std::string breakdown;  // "total" or "dim=value"
  std::string dim;        // "" for the total
  std::int64_t n = 0;
  std::int64_t num = 0;
  std::vector<std::int64_t> xs;
  std::vector<std::int32_t> records, num_records;
};

struct ScopeCells {
  std::int32_t region = -1;  // -1: national
  Completeness completeness;
  std::vector<Cell> cells;  // cells[0] is the total (absent when Spec::per_label)
  // Denominator of Stat::kLabelShare when the total cell is absent (Spec::per_label).
  std::int64_t label_total = -1;
};

std::vector<ScopeCells> Aggregate(const Context& ctx, const Spec& spec, std::vector<Item> items);
// For figures whose regional and national items differ (a person once per region, once
// nationally): the regional cells of `regional` followed by the national cells of `national`.
std::vector<ScopeCells> AggregateRegionalAndNational(const Context& ctx, const Spec& spec, std::vector<Item> regional,
                                                     std::vector<Item> national);

// Figure makers: one figure per scope and cell.
enum class Stat {
  kCount,       // n
  kNumCount,    // num
  kShare,       // num / n (skipped when n == 0)
  kLabelShare,  // label cells: n / total n (skipped when total is 0)
  kMedian,      // of xs (skipped when empty)
  kP90,         // nearest-rank 90th percentile of xs
};
void Emit(const Context& ctx, const Spec& spec, const std::vector<ScopeCells>& scopes, std::string_view measure,
          Stat stat, Unit unit, std::vector<Figure>& out);

// A figure for region-level aggregate values (A1-A8, P12): base fields filled in.
Figure BaseFigure(const Context& ctx, std::string_view indicator, std::string_view measure, std::int32_t region,
                  Unit unit);

double Median(std::vector<std::int64_t> xs);
double PercentileNearestRank(std::vector<std::int64_t> xs, int percent);

}  // namespace onderdak::indicators

namespace onderdak::indicators {

// Region-level values summed to a national value (A1-A8): collects (region, measure,
// breakdown) -> value [, numerator, denominator] and emits one figure per region that
// delivered the files and, when wanted, "NL" as the sum (shares recomputed from the sums).
class RegionSums {
 public:
  RegionSums(const Context& ctx, std::string_view indicator, std::vector<std::string_view> files, bool date_scope)
      : ctx_(ctx), indicator_(indicator), files_(std::move(files)), date_scope_(date_scope) {}
  void Add(std::int32_t region, std::string_view measure, std::string_view breakdown, Unit unit, double value);
  void AddShare(std::int32_t region, std::string_view measure, std::string_view breakdown, std::int64_t num,
                std::int64_t den, bool region_only = false);
  // A value that is not summed nationally (a region's score); `national` decides whether
  // the national row still gets a count of regions per value.
  void AddRegionOnly(std::int32_t region, std::string_view measure, std::string_view breakdown, Unit unit, double value,
                     std::string note = "");
  void Emit(std::vector<Figure>& out, std::optional<core::Date> reference_date = std::nullopt) const;
  // Emit regions with values even when they delivered none of the files in the period
  // (cumulative figures such as A2, built from earlier deliveries).
  void set_require_delivery(bool v) { require_delivery_ = v; }
  // Per region (index as Context::regions()), the newest period the region's values are
  // built from; a region that delivered nothing for this period gets it as
  // Figure::carried_from, and the national figures list it in Completeness::carried.
  void set_carried_from(std::vector<std::string> period_per_region) { carried_from_ = std::move(period_per_region); }

 private:
  struct Key {
    std::int32_t region;
    std::string measure, breakdown;
    auto operator<=>(const Key&) const = default;
  };
  struct Val {
    Unit unit;
    double value = 0;
    std::int64_t num = 0, den = 0;
    bool share = false, region_only = false;
    std::string note;
  };
  const Context& ctx_;
  std::string indicator_;
  std::vector<std::string_view> files_;
  bool date_scope_;
  bool require_delivery_ = true;
  std::vector<std::string> carried_from_;
  std::vector<std::pair<Key, Val>> order_;  // insertion order of keys
  std::map<Key, std::size_t> index_;
  Val& At(std::int32_t region, std::string_view measure, std::string_view breakdown);
};

// The gemeenten of each region (index as Context::regions()) by the reference set in force
// on the period's last day (Request::municipality_regions): all zero without it (a bare
// engine call). Used where a figure counts gemeenten (A3, A8).
std::vector<std::int64_t> MunicipalitiesPerRegion(const Context& ctx);
// The index in Context::regions() of gemeente `code`'s region by that reference set, or -1.
std::int64_t RegionOfMunicipality(const Context& ctx, std::string_view code);

// Per stay of ctx.period_shelter_stays() (same order): whether it shares at least one
// night of the period with a shelter stay of the same person (pid) delivered by another
// organisation (docs/indicators.md §4 A7, `quality.stays_overlapping_other_provider`).
// A stay spends the night of day d when start <= d and d is before its end date (an open
// stay: up to and including its known last day), so moving from one shelter to another
// on the same day is no overlap.
std::vector<char> OverlapsOtherOrganisation(const Context& ctx);

// Whether delivery `a` is newer than `b` by the rule of docs/indicators.md §2.1: a later
// period end, then a later import (higher id). Used where a region's latest row wins (A5's
// plan, A8's policy per gemeente).
inline bool NewerDelivery(const domain::Delivery& a, const domain::Delivery& b) {
  return a.period_last > b.period_last || (a.period_last == b.period_last && a.id > b.id);
}

}  // namespace onderdak::indicators
