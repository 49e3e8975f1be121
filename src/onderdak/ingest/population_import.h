// Reading and importing population figures per municipality (ADR 0037,
// docs/population-format.md): the denominator of a rate per 10,000 inhabitants.
//
// Reads what CBS publishes as CSV, as downloaded from StatLine or the open-data service
// (e.g. "Regionale kerncijfers Nederland", 70072ned): UTF-8, `;` or `,`, a header row.
// Columns are found by name, case-insensitively; other columns are ignored:
//   code          RegioS, WijkenEnBuurten, Codering_3, gemeentecode or code: "GM0363"
//                 (CBS pads it with blanks); rows of other areas (NL01, PV27, CR.., WK..,
//                 BU..) are skipped and counted. In a column named gemeentecode a bare
//                 number (363) is read as GM0363.
//   inhabitants   the first of TotaleBevolking*, AantalInwoners*, inwoners, bevolking:
//                 a whole number, Dutch thousands separators allowed (441.245); "." or an
//                 empty cell is CBS's sign for "no figure": skipped and counted.
//   date          Perioden ("2023JJ00": the population on 1 January 2023) or peildatum
//                 (2023-01-01 or 1-1-2023); without either, `date` of the options.
// Each (municipality, date) at most once: a file with a breakdown (Geslacht, Leeftijd)
// must be filtered to its totals first. Every error is "file:line: column: rule"; the
// import is all or nothing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/policy.h"
#include "onderdak/domain/reference.h"
#include "onderdak/store/store.h"

namespace onderdak::ingest {

struct PopulationOptions {
  std::optional<core::Date> date{};  // for a file without a Perioden or peildatum column
};

struct PopulationFile {
  std::vector<domain::PopulationCount> counts{};  // in file order
  std::size_t other_areas = 0;                    // rows of the nation, provinces, districts, ...
  std::size_t no_figure = 0;                      // rows with "." or an empty cell
};

core::Result<PopulationFile> ReadPopulationCsv(const std::filesystem::path& path, const PopulationOptions& options);

struct PopulationImport {
  PopulationFile file{};
  std::vector<store::PolicyVersion> versions{};  // one per date, `source` holds the date
  // Nothing stored: every date's version in force came from a file with these bytes.
  bool unchanged = false;
  // Compared with `in_force` (when given), per date: municipalities in force without a
  // count, and codes that are not municipalities in force (stored, unused by the map).
  struct Coverage {
    core::Date date{};
    std::vector<std::string> missing{}, unknown{};
  };
  std::vector<Coverage> coverage{};
};

// Reads, validates and stores `path` (one version per date in it, in one transaction);
// stores nothing when each of its dates is in force from the same bytes already.
core::Result<PopulationImport> ImportPopulation(store::Store& store, const std::filesystem::path& path,
                                                const PopulationOptions& options, const domain::ReferenceSet* in_force);

}  // namespace onderdak::ingest
