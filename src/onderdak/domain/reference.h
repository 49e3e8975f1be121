// Reference data: municipalities (gemeenten) and the centrumgemeente regions they belong
// to, as one dated version.
//
// A region is identified by the CBS code of its centrumgemeente (GM0363 = region
// Amsterdam) and named after it. Every municipality belongs to exactly one region; a
// centrumgemeente belongs to its own region. Membership changes over time (mergers, new
// regional arrangements), so the store keeps whole ReferenceSets as dated versions and
// never edits one in place.
//
// Value types; no I/O. Thread-safe as values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/status.h"

namespace onderdak::domain {

// True for a CBS municipality code: "GM" followed by exactly four digits.
bool IsMunicipalityCode(std::string_view code);

struct Municipality {
  std::string code;              // GM####
  std::string name;              // gemeentenaam
  std::string veiligheidsregio;  // VR## or empty when unknown
  std::optional<double> lon;     // centroid, WGS84
  std::optional<double> lat;
  std::string region_code;        // the centrumgemeente's code
  std::string membership_method;  // how the membership is known ("is centrumgemeente", ...)
};

struct Region {
  std::string code;                          // the centrumgemeente's CBS code
  std::string name;                          // the centrumgemeente's name
  std::vector<const Municipality*> members;  // points into the ReferenceSet; sorted by name
  // Mean of the members' centroids (unweighted), when every member has one.
  std::optional<double> lon;
  std::optional<double> lat;
};

// One complete version of the reference data.
class ReferenceSet {
 public:
  ReferenceSet() = default;
  explicit ReferenceSet(std::vector<Municipality> municipalities);
  ReferenceSet(const ReferenceSet& other) : ReferenceSet(other.municipalities_) {}
  ReferenceSet& operator=(const ReferenceSet& other) {
    if (this != &other) *this = ReferenceSet(other.municipalities_);
    return *this;
  }
  ReferenceSet(ReferenceSet&&) = default;
  ReferenceSet& operator=(ReferenceSet&&) = default;

  // Municipalities sorted by code.
  const std::vector<Municipality>& municipalities() const { return municipalities_; }
  // Regions sorted by name; derived from the municipalities at construction.
  const std::vector<Region>& regions() const { return regions_; }
  const Municipality* FindMunicipality(std::string_view code) const;
  const Region* FindRegion(std::string_view code) const;

  // Checks the invariants: codes well-formed and unique, names present, every region code
  // names a municipality of the set that is its own centrumgemeente, coordinates inside
  // the Netherlands. The message lists every broken rule by municipality code.
  core::Status Validate() const;

 private:
  void BuildRegions();
  std::vector<Municipality> municipalities_;
  std::vector<Region> regions_;
};

// Metadata of a stored version.
struct ReferenceVersion {
  std::int64_t id = 0;
  core::Date valid_from;
  std::string imported_at;    // ISO 8601 UTC timestamp
  std::string source;         // file name or description of the list
  std::string source_sha256;  // of the imported file's bytes
  bool approximate = false;   // true for the shipped nearest-centrumgemeente approximation
  std::string note;
  int municipality_count = 0;
  int region_count = 0;
};

// Bounding box used to reject coordinates that cannot be Dutch (swapped lon/lat, etc.).
inline constexpr double kMinLon = 3.2, kMaxLon = 7.3, kMinLat = 50.7, kMaxLat = 53.7;

}  // namespace onderdak::domain
