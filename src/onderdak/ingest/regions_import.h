// Reading and importing a list of municipalities with their centrumgemeente region.
//
// File format (UTF-8 CSV, `,` or `;`, header row; see docs/regions-format.md):
//   gemeentecode          required  GM + 4 digits, unique in the file
//   centrumgemeente_code  required  the region's centrumgemeente; must be a row of the
//                                   file whose own centrumgemeente_code is itself
//   gemeentenaam          optional  required for a code not in the current version
//   veiligheidsregio_code optional  VR + 2 digits
//   centroid_lon, centroid_lat  optional, together; WGS84 inside the Netherlands
//   membership_method     optional  free text: how the membership is known
// Unknown columns are rejected (a misspelt column would otherwise be silently ignored).
//
// An import is all or nothing: any error leaves the stored versions untouched.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "onderdak/core/result.h"
#include "onderdak/domain/reference.h"
#include "onderdak/store/store.h"

namespace onderdak::ingest {

// Parses and validates the file. Municipalities without a name in the file take name,
// veiligheidsregio and centroid from `current` (the version in force), when given.
// InvalidInput lists up to 100 errors, one per line, each "file:line: column: rule".
core::Result<domain::ReferenceSet> ReadRegionsCsv(const std::filesystem::path& path,
                                                  const domain::ReferenceSet* current);

struct RegionsImportOptions {
  // First day the list is in force. Default: the valid_from of the version in force
  // today (the new list supersedes it), or 1900-01-01 in an empty database.
  std::optional<core::Date> valid_from;
  bool approximate = false;
  std::string note;
};

core::Result<domain::ReferenceVersion> ImportRegions(store::Store& store, const std::filesystem::path& path,
                                                     const RegionsImportOptions& options);

// The list shipped with onderdak (data/reference/regions_2023_approximate.csv): imported
// by `init` into an empty database, labelled approximate, in force from 1900-01-01.
inline constexpr const char* kShippedRegionsFile = "regions_2023_approximate.csv";
core::Result<domain::ReferenceVersion> ImportShippedRegions(store::Store& store,
                                                            const std::filesystem::path& reference_dir);

}  // namespace onderdak::ingest
