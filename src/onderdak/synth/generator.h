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
// Organisation kinds: `opvang` (shelter provider: persons, service_episodes,
// living_situations, needs, causes), `straatteam` (outreach team: persons,
// living_situations) and, in about half of the regions, `briefadres` (postal-address
// registration: persons, living_situations).
//
// Not generated yet: requests, waiting lists, facilities and capacity, housing projects
// and funding lines, plans, agreements, budgets, evictions and signals.
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

struct GenerateOptions {
  // National number of distinct persons over the whole range; 0 means the default,
  // kDefaultPersonsPerYear times the number of years.
  std::int64_t persons = 0;
  int from_year = 2019;
  int to_year = 2023;
  std::uint64_t seed = 1;
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

}  // namespace onderdak::synth
