// Reading and importing a file of municipality boundaries for the map (`onderdak geo
// import`, issue 6).
//
// Accepted: a TopoJSON Topology or a GeoJSON FeatureCollection whose features are the
// municipalities (e.g. CBS/PDOK "gebiedsindelingen"), in WGS84 lon/lat degrees or RD New
// (EPSG:28992) metres.
//   - TopoJSON: the object holding the municipalities is `--object NAME`, else the one
//     GeometryCollection whose geometries carry municipality codes (a file may also hold
//     provinces, safety regions, the country...).
//   - The municipality code is the feature property `--code-property NAME`, else the first
//     of code, statcode, gemeentecode, GM_CODE that the features have. Its value is
//     "GM0363", or the CBS number alone ("0363", "363" or the number 363): numbers are
//     normalised to GM + 4 digits (CBS numbers municipalities 1-9999), case is ignored.
//   - Every geometry is a Polygon or MultiPolygon, with well-formed rings (at least four
//     positions of numbers) or valid arc indexes.
//   - The coordinate system is recognised from the coordinates: every position inside the
//     Netherlands in WGS84 (lon 2..8, lat 50..54), or inside RD New's domain (x -10 km..310
//     km, y 280..640 km). Anything else is refused as absurd.
// All or nothing: every error (up to kMaxGeoErrors) is reported, one per line, as
// "FILE: features[12] (GM0363): property 'code': rule", and nothing is stored.
//
// Municipalities in force that the file lacks, and codes in the file that are no
// municipality in force, are warnings only: boundary files and region lists are published
// on different dates, and a year's drift must not block the map (those municipalities are
// simply not drawn).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/domain/reference.h"
#include "onderdak/store/store.h"

namespace onderdak::ingest {

inline constexpr std::size_t kMaxGeoErrors = 50;
// The municipality boundaries shipped in the reference folder (scripts/build-boundaries.mjs,
// derived from CBS/PDOK gebiedsindelingen 2023), loaded by `onderdak init` when none are stored.
inline constexpr const char* kShippedBoundariesFile = "municipalities_2023.topo.json";
// Larger files are refused before parsing (the whole text is kept in the database).
inline constexpr std::uintmax_t kMaxGeoFileBytes = 256u << 20;
// The property names tried, in this order, when --code-property is not given.
inline constexpr const char* kGeoCodeProperties[] = {"code", "statcode", "gemeentecode", "GM_CODE"};

struct GeoImportOptions {
  std::string code_property;  // empty: the first of kGeoCodeProperties found
  std::string object;         // TopoJSON object name; empty: found by its codes
};

// A validated file: the BoundaryFile to store (meta without id and imported_at) and the
// municipality codes in it, normalised, in file order.
struct ParsedBoundaries {
  store::BoundaryFile file;
  std::vector<std::string> codes;
};

// Parses and validates `path`. InvalidInput listing every error; Io when it cannot be read.
core::Result<ParsedBoundaries> ReadBoundaryFile(const std::filesystem::path& path, const GeoImportOptions& options);

// "GM0363" from "GM0363", "gm0363", "0363", "363"; nullopt for anything else.
std::optional<std::string> NormaliseMunicipalityCode(std::string_view text);

// Codes of the reference set in force missing from the file, and codes of the file that
// are not municipalities in force (both sorted).
struct GeoCoverage {
  std::vector<std::string> missing;
  std::vector<std::string> unknown;
};
GeoCoverage CompareWithReference(const std::vector<std::string>& codes, const domain::ReferenceSet& reference);

struct GeoImportResult {
  ParsedBoundaries parsed;  // file.json is emptied after storing (the caller has no use for it)
  store::AddedBoundaries stored;
  // Against the reference set in force today; nullopt when none is in force.
  std::optional<GeoCoverage> coverage;
  std::optional<domain::ReferenceVersion> reference;
};

// Reads and validates `path`, then stores it as the newest boundary version (unless the
// newest has the same bytes). Nothing is stored on any error.
core::Result<GeoImportResult> ImportBoundaries(store::Store& store, const std::filesystem::path& path,
                                               const GeoImportOptions& options);

}  // namespace onderdak::ingest
