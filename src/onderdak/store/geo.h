// GeoStore: municipality boundary files (TopoJSON or GeoJSON) imported with `onderdak geo
// import` (issue 6), so the map can draw each region as the union of its municipalities.
// Both backends implement it (sqlite/sqlite_geo.cc, postgres/postgres_geo.cc) with the same
// behaviour; obtain it with Store::Geo(). The file is validated by ingest/geo_import.*;
// this layer stores what it is given.
//
// Files are kept as versions, never changed or deleted: the newest version wins. Adding
// the bytes of the newest version again (same SHA-256) stores nothing and says so; adding
// the bytes of an older version makes them the newest again (a deliberate roll-back).
//
// Thread safety: as Store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::store {

// What the importer found out about a file, stored beside its text.
struct BoundaryFileMeta {
  std::int64_t id = 0;
  std::string imported_at;  // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string source;       // the file name as given to `geo import`, for display
  std::string sha256;       // lowercase hex SHA-256 of the file's bytes
  std::string format;       // "topojson" or "geojson"
  std::string crs;          // "wgs84" (lon/lat degrees) or "rd_new" (EPSG:28992, metres)
  std::int64_t feature_count = 0;
  std::string object_name;    // the TopoJSON object with the municipalities; "" for GeoJSON
  std::string code_property;  // the feature property holding the municipality code
};

struct BoundaryFile {
  BoundaryFileMeta meta;
  std::string json;  // the file's text, as imported
};

struct AddedBoundaries {
  BoundaryFileMeta version;
  bool added = false;  // false: the newest version has these bytes already (nothing stored)
};

class GeoStore {
 public:
  virtual ~GeoStore() = default;

  // Stores `file` as the newest version (file.meta.id and imported_at are ignored), unless
  // the newest version has the same sha256: then nothing is written and `added` is false.
  virtual core::Result<AddedBoundaries> AddBoundaries(const BoundaryFile& file) = 0;
  // The newest version with its text. NotFound when none was imported.
  virtual core::Result<BoundaryFile> LatestBoundaries() = 0;
  // Every version without its text, oldest first.
  virtual core::Result<std::vector<BoundaryFileMeta>> ListBoundaries() = 0;

 protected:
  GeoStore() = default;
};

}  // namespace onderdak::store
