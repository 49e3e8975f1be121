// Internal to the ground truth (ground_truth.cc, ground_truth_flows.cc): who delivers a
// person's records, the pseudonyms the documented linkage gives them, and ages as the
// engine takes them. Computed from the simulated world only, never from the engine.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/synth/ground_truth.h"

namespace onderdak::synth::detail {

enum class Orgs { kAll, kShelter, kOthers };  // whose records count

inline bool Counts(Orgs orgs, OrgKind kind) {
  return orgs == Orgs::kAll || (orgs == Orgs::kShelter) == (kind == OrgKind::kShelter);
}

// The pseudonym a person's records get from the organisations `orgs`: one per BSN, one per
// linkage key initials|birth_date|gender (ingest::Pseudonymiser). Sorted by id, so the
// entries of one pseudonym are adjacent.
struct LinkUnit {
  std::size_t id, person;
  Orgs orgs;
};
std::vector<LinkUnit> LinkUnits(const World& world);

// docs/indicators.md §2.3: a delivery holds the birth year-month, so the birthday is the
// first day of the birth month; age in completed years on `on`. The youth band "18 tot 27
// jaar" is 18 up to and including 26.
inline int AgeOn(Date birth, Date on) { return on.YearsSince(*Date::FromYmd(birth.year(), birth.month(), 1)); }
inline bool IsYoung(Date birth, Date on) {
  const int age = AgeOn(birth, on);
  return age >= 18 && age < 27;
}

// Whether `code` is flagged in the code list `list` (exit_destination: a housing exit).
bool Flagged(const char* list, std::string_view code);

// ground_truth.json's `definitions`: every field in words (ground_truth_definitions.cc).
nlohmann::ordered_json TruthDefinitions();

// P2 inflow and first-time homeless and P7 returns (with P10's P7 cells) as linked, per
// region-half (index r * halves + h) and nationally (regions * halves + h), from each
// pseudonym's homelessness episodes as the current deliveries make them known
// (ground_truth_flows.cc).
struct FlowFigures {
  std::vector<std::int64_t> inflow, first_time;
  std::array<std::vector<std::int64_t>, 2> cohort;                   // [0] everyone, [1] aged 18-26 (P10)
  std::array<std::array<std::vector<std::int64_t>, 3>, 2> returned;  // [youth][6, 12, 24 months]
};
FlowFigures Flows(const DeliveryPlan& plan, const World& world);
// Puts the figures of `cell` as the engine names them (shares only over a non-empty base).
void PutFlows(nlohmann::ordered_json& f, const FlowFigures& x, std::size_t cell);

}  // namespace onderdak::synth::detail
