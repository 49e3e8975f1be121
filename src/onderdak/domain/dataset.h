// Dataset: the delivered records (docs/exchange-format.md §2) as plain values in memory,
// the input of the indicator engine and the output of the store's loader.
//
// One struct per entity file. Records are grouped by the delivery they came in
// (`Delivery`); person-level records point at their person by index into
// Dataset::persons, and capacity rows and funding lines at their facility or project by
// index. A person's pseudonym ("b:..." from a BSN, "l:..." from a linkage key) is the
// same for the same person in every delivery, so distinct persons are distinct
// pseudonyms (ADR 0006). No BSN, initials or birth date is ever part of a Dataset.
//
// Codes are string_views into the static code lists of code_lists.h (interned): they
// never dangle and compare cheaply. Free text (names, record ids) is owned; a pseudonym is
// held inline (pseudonym.h); the municipality codes of persons, service episodes and
// requests are interned for the process (municipality_code.h).
//
// Values only; thread-safe to read from several threads once built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/domain/municipality_code.h"
#include "onderdak/domain/pseudonym.h"

namespace onderdak::domain {

// One imported delivery version (the manifest, plus what the import added).
struct Delivery {
  std::int64_t id = 0;       // store id, unique across versions
  std::string organisation;  // manifest `organisation`
  std::string organisation_name;
  std::string region;       // CBS code of the centrumgemeente, e.g. "GM0363"
  std::string period;       // "2021H1" or "2021"
  core::Date period_first;  // first day of the period
  core::Date period_last;   // last day of the period (inclusive)
  int version = 1;          // 1, 2, ... per (organisation, region, period)
  bool current = true;      // the version in force (latest, or the restored one)
  std::string created;      // manifest `created` (ISO 8601 timestamp)
  std::string imported_at;  // UTC timestamp of the import
  std::string source;       // file or folder name as given to `onderdak import`
  std::string sha256;       // of the archived raw delivery
  // Entity files present in the delivery ("persons", "service_episodes", ...): an absent
  // file means "not delivered" for completeness (A7), a header-only file "delivered, none".
  std::vector<std::string> files;
  // Checks over their threshold in the data-quality report stored with it (ingest/
  // quality.h); nullopt when it was imported without one.
  std::optional<int> quality_flagged;
  // Made by `onderdak generate` (manifest `synthetic`): demonstration data, said so on
  // every page (issue 21).
  bool synthetic = false;
};

// Fields ordered to pack (ADR 0040).
struct Person {
  std::int32_t delivery = 0;  // index into Dataset::deliveries
  int birth_year = 0;         // from birth_year_month
  int birth_month = 0;        // 1-12
  Pseudonym pseudonym;        // "b:<hex>" or "l:<hex>", inline
  std::string record_id;
  std::string_view gender;  // code list gender
  std::string_view nationality_group;
  std::string_view household;
  MunicipalityCode municipality_of_origin;  // "" when not given
};

// The age rule of every figure (docs/indicators.md §2.3): the birth date is known to the
// month and the birthday is taken as the first day of that month. Months are counted from
// year 0 (year * 12 + month - 1).
constexpr int kUnknownAge = -1;

// The person's birth month as a month index; kUnknownAge when not known.
constexpr int BirthMonthIndex(const Person& p) {
  return p.birth_year <= 0 || p.birth_month < 1 || p.birth_month > 12 ? kUnknownAge
                                                                      : p.birth_year * 12 + p.birth_month - 1;
}

// Completed years in the month `month_index` of someone born in `birth_month_index`;
// kUnknownAge when the birth month is unknown or later.
constexpr int CompletedYears(int birth_month_index, int month_index) {
  if (birth_month_index < 0) return kUnknownAge;
  const int months = month_index - birth_month_index;
  return months < 0 ? kUnknownAge : months / 12;
}

struct LivingSituation {
  std::int32_t person = 0;  // index into Dataset::persons
  std::string record_id;
  int ethos = 0;  // 1-7
  core::Date start;
  std::optional<core::Date> end;  // nullopt: ongoing at delivery
  std::string source;
};

// The person-level records below order their fields to pack (ADR 0040).
struct ServiceEpisode {
  std::int32_t person = 0;
  std::int32_t facility = -1;  // index into Dataset::facilities, -1 when not given
  core::Date start;
  std::optional<core::Date> end;
  std::string record_id;
  std::string_view service_type;
  MunicipalityCode municipality;
  std::string_view exit_destination;  // "" when no end
};

struct Request {
  std::int32_t person = 0;
  core::Date request_date;
  std::optional<core::Date> decision_date;
  std::string record_id;
  MunicipalityCode municipality_applied_to;
  std::string_view service_type;
  std::string_view decision;            // "" while undecided
  std::string_view decision_reason;     // "" when undecided
  MunicipalityCode referred_to_region;  // "" when not referred
};

struct WaitingEntry {
  std::int32_t person = 0;
  core::Date registered;
  std::optional<core::Date> end;
  std::string record_id;
  std::string_view waiting_list_type;
  std::string_view outcome;  // "" while waiting
};

struct Cause {
  std::int32_t person = 0;
  core::Date intake_date;
  std::string record_id;
  std::string_view cause;
};

struct Need {
  std::int32_t person = 0;
  core::Date assessed;
  std::string record_id;
  std::string_view need_category;  // A-E
};

struct Facility {
  std::int32_t delivery = 0;
  std::string record_id;
  std::string name;
  std::string municipality;
  std::string_view service_type;
};

struct Capacity {
  std::int32_t facility = 0;  // index into Dataset::facilities
  std::string record_id;
  core::Date valid_from;
  std::string_view room_size;
  std::int64_t rooms = 0;
  std::int64_t places = 0;
};

struct HousingProject {
  std::int32_t delivery = 0;
  std::string record_id;  // stable across deliveries: (organisation, record_id) is the project
  std::string municipality;
  std::string_view housing_kind;
  std::int64_t places = 0;
  std::string_view status;
  core::Date status_date;
  std::string owner;
};

struct FundingLine {
  std::int32_t project = 0;  // index into Dataset::housing_projects
  std::string record_id;
  std::string_view funding_line;
  std::int64_t places_counted = 0;
};

struct Plan {
  std::int32_t delivery = 0;
  std::string record_id;
  std::string_view plan_status;
  std::optional<core::Date> adopted_date;
  bool aligned_with_action_plan = false;
  bool contains_wonen_eerst = false;
  bool shelter_in_municipality_of_origin = false;
  bool made_with_lived_experience = false;
  int lived_experience_policy = 0;     // 0-3
  int lived_experience_execution = 0;  // 0-3
  std::int64_t target_extra_places = 0;
};

struct Agreement {
  std::int32_t delivery = 0;
  std::string record_id;
  std::string corporation;
  std::string municipality;
  bool covers_homeless = false;
  std::int64_t places_agreed = 0;
  std::int64_t places_realised = 0;
};

struct Budget {
  std::int32_t delivery = 0;
  std::string record_id;
  int year = 0;
  std::string_view budget_theme;
  std::int64_t budget_eur = 0;
  std::int64_t spent_eur = 0;
};

struct Eviction {
  std::int32_t delivery = 0;
  std::string record_id;
  std::string municipality;
  core::Date eviction_date;
  std::string_view household;
  std::string_view other_housing_found;  // "ja", "nee" or "onbekend"
};

struct Signal {
  std::int32_t delivery = 0;
  std::string record_id;
  std::string municipality;
  core::Date signal_date;
  std::string_view signal_outcome;
};

// A municipality's prevention policy as its region reports it (prevention_policies.csv;
// issue 15, seed 002): whether the gemeente has a policy to prevent homelessness, took
// part in the Preventie Alliantie's prevention scan, and has a time-out or respite
// facility (time-out- of respijtvoorziening). One row per municipality per delivery.
struct PreventionPolicy {
  std::int32_t delivery = 0;
  std::string record_id;
  std::string municipality;
  std::string_view policy_status;     // code list plan_status: geen, in_voorbereiding, vastgesteld
  bool prevention_scan = false;       // took part in the prevention scan
  std::string_view respite_facility;  // "ja", "nee" or "onbekend"
};

struct Dataset {
  std::vector<Delivery> deliveries;
  std::vector<Person> persons;
  std::vector<LivingSituation> living_situations;
  std::vector<ServiceEpisode> service_episodes;
  std::vector<Request> requests;
  std::vector<WaitingEntry> waiting_list;
  std::vector<Cause> causes;
  std::vector<Need> needs;
  std::vector<Facility> facilities;
  std::vector<Capacity> capacity;
  std::vector<HousingProject> housing_projects;
  std::vector<FundingLine> funding_lines;
  std::vector<Plan> plans;
  std::vector<Agreement> agreements;
  std::vector<Budget> budgets;
  std::vector<Eviction> evictions;
  std::vector<Signal> signals;
  std::vector<PreventionPolicy> prevention_policies;
};

// The entity file names of exchange format v1 without ".csv", in import order (a file
// is read after the files it refers to).
inline constexpr std::string_view kEntityFiles[] = {
    "persons",      "facilities", "capacity",  "living_situations", "service_episodes",    "requests",
    "waiting_list", "causes",     "needs",     "housing_projects",  "funding_lines",       "plans",
    "agreements",   "budgets",    "evictions", "signals",           "prevention_policies",
};

}  // namespace onderdak::domain
