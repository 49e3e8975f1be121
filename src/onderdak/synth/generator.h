// A synthetic national dataset in the exchange format v1 (docs/exchange-format.md), for
// tests, demos and benchmarks: one delivery folder per (region, organisation, half-year)
// and a ground_truth.json with the true figures the generator knows and an importer or
// indicator has to reconstruct.
//
// Promises: the same options and reference set give the same bytes (own integer
// distributions on std::mt19937_64, fixed write order, `\n` line ends); every written
// value is a code of domain::AllCodeLists(); every BSN passes the elfproef; end dates are
// never before start dates; every person_id of a delivery is a record_id of that
// delivery's persons.csv; record ids are unique per file and stable across half-years.
// Never overwrites: a non-empty output folder is refused.
//
// Layout written under `out_dir`:
//   <region>/<YYYYHn>/<organisation kind>/{manifest.json,persons.csv,...}
//   ground_truth.json
//
// Who delivers what (every kind delivers for the same region half-years; 6 to 10 of the
// 43 regions miss each half-year, like "35 of 43"):
//   `opvang`     shelter provider (KVK-5####100): persons, living_situations (its stays),
//                service_episodes (facility_id filled), needs, causes, requests (a granted
//                request before every stay; refusals, with a small share citing
//                regiobinding, referrals with referred_to_region, withdrawals),
//                waiting_list (opvang before a quarter of the stays; woonplek met
//                begeleiding, beschermd wonen, ambulante begeleiding during the last stay),
//                facilities and capacity (one facility per municipality and shelter type
//                in use; capacity steps moving from slaapzaal to eenpersoons over the years).
//   `straatteam` outreach team (KVK-5####200): persons, living_situations (ETHOS 1, 5).
//   `briefadres` postal-address registration (KVK-5####300), in about half of the
//                regions and always in the four largest cities (G4): persons,
//                living_situations.
//   `gemeente`   the centrumgemeente (GEMEENTE-GM####): persons.csv with only its header
//                (no person-level data) and the region files housing_projects,
//                funding_lines, plans, agreements, budgets, evictions, signals.
// Every file of a kind is written, with only its header when there are no rows.
//
// What a half-year's delivery holds: the records whose [start, end] overlaps it (an end
// after the half-year is written empty: "ongoing"; a decision after it: "undecided"); the
// capacity rows in force on its first day plus the changes within it; the housing
// projects planned on or before its last day, with their status on that day (cumulative);
// the plan's status at its end; agreements started by its year; the budget of its year
// (spent: to mid-year in H1, the year in H2); the evictions and signals within it.
// Housing places are not scaled with --persons: the region targets share the national
// ambition of 10,000 (kNationalHousingAmbition) by region weight; evictions and signals
// scale with the persons per year.
//
// ground_truth.json (ground_truth.cc, computed from the simulated world, never from the
// files or the indicator engine): `generator`, `definitions` (each field in words),
// `planted_linkage_collisions`, `national` (per half-year), `comparable`,
// `national_ethos_1_3_in_year`, `regions` (per region: organisations, and per half-year
// the fields below). The contract with the engine is `figures`, per region-half and
// nationally: {indicator: {measure: {breakdown: value}}} named as the engine names them,
// defined as docs/indicators.md defines them under the preset ethos-1-3: P1
// persons_on_date and persons_in_period, P8 persons, P9 assessed_persons, P2 inflow,
// first_time and first_time_share, P7 cohort and returned_6m/12m/24m with their shares,
// P10's P1 (on date, in period) and P7 cells for ages 18-26 (all as linked, see below);
// P10's P3 and P5 cells over the records of persons aged 18-26; P3 and P4 placed/waiting with median and p90 days (P4 also by
// waiting_list_type); P5 ended.* and ongoing.* stays, over_90_days, median_days; P6 exits,
// to_housing; P11 requests (total and by decision, with `undecided`), refusals,
// invalid_refusals, referrals, referrals_citing_regiobinding; P12 evictions,
// evictions_outcome_known, other_housing_found, signals, intake_offered; A1 places and
// rooms (by room_size), locations, single_room_places_share, occupancy; A2 places by
// state, places_committed, places_realised_in_period, lines_gross_places_realised (by
// funding_line) and _committed, target (nationally regional_targets_sum); A3 agreements,
// places_agreed, places_realised, present (regions), regions_with_agreements_share
// (national), municipalities_with_agreements_share; A4 policy_ and execution_involvement
// (regions), regions_by_*_involvement (by level), plan_made_with_lived_experience; A5
// regions_by_plan_status; A6 budget_eur, spent_eur, spent_share (by budget_theme); A7
// organisations_delivered (regions), regions_delivered (national). A region's figures hold for its deliveries of the
// half-year (compare where `delivered`); national ones are over the delivered regions (persons once, records and places
// summed), A2 with each region's latest delivered state. Linkage: person figures count pseudonyms (BSN, else
// initials|birth_date|gender). The generator plants two kinds of collisions (PlantLinkageCollisions, own random
// stream): pairs of persons without BSN sharing a linkage key (counted once where both count) and persons with a BSN
// that only the shelter delivers (counted twice where the shelter's and another organisation's records both count).
// `linkage` gives per person figure the true count, the count as linked and each kind's effect: as_linked = true -
// shared_key_pairs + bsn_and_key. Named fields beside `figures` (read by tests and demos): shelter_stay_persons,
// ethos_1_3_on_first_day, registered_ethos_1_3_on_first_day (true) and ..._as_linked, delivered; requests {requests,
// decided, undecided, refused, refused_regiobinding, referred} (P11: by request date, decisions as of the last day);
// waiting_list {type: {placed, waiting}} (P3/P4 entries); capacity_places_on_last_day and
// capacity_rooms_on_last_day by room_size; housing_projects, housing_places_realised
// (each project's places once), housing_places_realised_gross and ..._by_funding_line,
// housing_places_in_progress; plan_status, plan_adopted_date, target_extra_places;
// evictions, evictions_other_housing_found, signals, signals_intake_offered. National also
// capacity_places_on_last_day, housing_places_realised and _gross over all regions (true,
// delivered or not), housing_ambition (10,000), plans_adopted of `regions`.
//
// Large mode (GenerateLargeDelivery): one opvang delivery of region GM0363 (else the
// first region) for 2022H1 with manifest.json, persons.csv and service_episodes.csv:
// exactly N episode rows, each overlapping the half-year, of about N/3 persons; streamed,
// so memory does not grow with N. For the import benchmark (issue 3).
//
// Thread safety: Generate() keeps no global state; concurrent calls with distinct output
// folders are safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "onderdak/core/result.h"
#include "onderdak/domain/reference.h"

namespace onderdak::synth {

// Distinct persons generated per year of the range at the default size: calibrated so
// that about 35,000 persons a year are homeless (ETHOS 1-3) nationally (DOMAIN.md §1).
inline constexpr std::int64_t kDefaultPersonsPerYear = 25000;

// National ambition of extra housing places by the end of 2021 (seed 000); the regions'
// plan targets share it.
inline constexpr std::int64_t kNationalHousingAmbition = 10000;

// Every entity file a generated dataset may hold (GenerateSummary::rows has each).
inline constexpr const char* kEntityFiles[] = {"persons.csv",
                                               "living_situations.csv",
                                               "service_episodes.csv",
                                               "needs.csv",
                                               "causes.csv",
                                               "requests.csv",
                                               "waiting_list.csv",
                                               "facilities.csv",
                                               "capacity.csv",
                                               "housing_projects.csv",
                                               "funding_lines.csv",
                                               "plans.csv",
                                               "agreements.csv",
                                               "budgets.csv",
                                               "evictions.csv",
                                               "signals.csv",
                                               "prevention_policies.csv"};

// The large single delivery: region, half-year and the most episodes.
inline constexpr const char* kLargeDeliveryRegion = "GM0363";
inline constexpr int kLargeDeliveryYear = 2022;
inline constexpr int kLargeDeliveryHalf = 1;
inline constexpr std::int64_t kMaxLargeDeliveryEpisodes = 10'000'000;

struct GenerateOptions {
  // National number of distinct persons over the whole range; 0 means the default,
  // kDefaultPersonsPerYear times the number of years.
  std::int64_t persons = 0;
  int from_year = 2019;
  int to_year = 2023;
  std::uint64_t seed = 1;
  // Regions on different trajectories (issue 17): new homelessness falling in every third
  // region, flat in the next and growing in the one after (generator.cc, OnTrajectory).
  // Off by default: the default dataset keeps its bytes.
  bool trajectories = false;
  // Called after each region's deliveries are written with (regions done, total); may be
  // empty. Used by the CLI for its progress line.
  std::function<void(int, int)> progress;
};

struct GenerateSummary {
  std::int64_t persons = 0;  // distinct persons generated
  int regions = 0;           // regions in the reference set
  int half_years = 0;        // half-years in the range
  int deliveries = 0;        // delivery folders written
  int region_periods_delivered = 0;
  std::map<std::string, std::int64_t> rows;  // data rows written per file name
};

// Checks the options (InvalidInput naming the option), refuses a non-empty `out_dir`
// (InvalidInput), creates it when absent and writes the dataset. Io when a write fails.
core::Result<GenerateSummary> Generate(const GenerateOptions& options, const domain::ReferenceSet& reference,
                                       const std::filesystem::path& out_dir);

// Writes one valid delivery folder (manifest.json, persons.csv, service_episodes.csv)
// directly into `out_dir` with exactly `service_episodes` episode rows (see "Large mode"
// above); uses options.seed only. InvalidInput for a count outside
// [1, kMaxLargeDeliveryEpisodes] or a non-empty `out_dir`; Io when a write fails.
core::Result<GenerateSummary> GenerateLargeDelivery(const GenerateOptions& options,
                                                    const domain::ReferenceSet& reference,
                                                    const std::filesystem::path& out_dir,
                                                    std::int64_t service_episodes);

}  // namespace onderdak::synth
