#include "onderdak/ingest/geo_import.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace onderdak::ingest {
namespace {

using nlohmann::json;

// The two coordinate systems a Dutch boundary file comes in, each with the box every
// position must lie in. WGS84: the Netherlands with a margin for the sea and the
// simplification of coasts. RD New: the projection's domain (its false origin keeps every
// Dutch x and y positive, with y always above x).
struct Crs {
  std::string_view id, description;
  double min_x, max_x, min_y, max_y;
  bool Contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
};
constexpr Crs kWgs84{"wgs84", "WGS84 lon/lat degrees (lon 2..8, lat 50..54)", 2, 8, 50, 54};
constexpr Crs kRdNew{"rd_new", "RD New metres, EPSG:28992 (x -10000..310000, y 280000..640000)", -10000, 310000, 280000,
                     640000};

std::string Describe(const json& v) {
  std::string s = v.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void Error(const std::string& where, const std::string& message) {
    ++count_;
    if (errors_.size() < kMaxGeoErrors) errors_.push_back(file_ + ": " + (where.empty() ? "" : where + ": ") + message);
  }
  bool ok() const { return count_ == 0; }
  core::Status Status() const {
    std::string msg = "the boundary file is refused (nothing stored): " + std::to_string(count_) + " error" +
                      (count_ == 1 ? "" : "s");
    for (const auto& e : errors_) msg += "\n  " + e;
    if (count_ > errors_.size()) msg += "\n  ... and " + std::to_string(count_ - errors_.size()) + " more";
    return core::Status::InvalidInput(msg);
  }

  // Checks one position against the file's coordinate system, chosen by the first
  // position seen. Reports at most one bad position per feature (`where`).
  bool Position(const std::string& where, double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) {
      Error(where, "coordinates must be finite numbers");
      return false;
    }
    if (crs_ == nullptr) {
      if (kWgs84.Contains(x, y)) {
        crs_ = &kWgs84;
      } else if (kRdNew.Contains(x, y)) {
        crs_ = &kRdNew;
      } else {
        Error(where, "coordinate (" + Number(x) + ", " + Number(y) + ") is neither " + std::string(kWgs84.description) +
                         " nor " + std::string(kRdNew.description));
        return false;
      }
    }
    if (!crs_->Contains(x, y)) {
      Error(where, "coordinate (" + Number(x) + ", " + Number(y) + ") is outside " + std::string(crs_->description) +
                       ", the coordinate system of the file's first position");
      return false;
    }
    return true;
  }
  const Crs* crs() const { return crs_; }

 private:
  std::string file_;
  std::vector<std::string> errors_;
  std::size_t count_ = 0;
  const Crs* crs_ = nullptr;
};

bool IsPosition(const json& p) { return p.is_array() && p.size() >= 2 && p[0].is_number() && p[1].is_number(); }

// GeoJSON: a ring is an array of at least four positions; every position is checked.
bool CheckRing(Checker& c, const std::string& where, const json& ring) {
  if (!ring.is_array() || ring.size() < 4) {
    c.Error(where, "geometry: a polygon ring must be an array of at least 4 positions");
    return false;
  }
  for (const auto& p : ring) {
    if (!IsPosition(p)) {
      c.Error(where, "geometry: position " + Describe(p) + " is not [x, y] of numbers");
      return false;
    }
    if (!c.Position(where, p[0].get<double>(), p[1].get<double>())) return false;
  }
  return true;
}

bool CheckPolygon(Checker& c, const std::string& where, const json& rings) {
  if (!rings.is_array() || rings.empty()) {
    c.Error(where, "geometry: a polygon must be a non-empty array of rings");
    return false;
  }
  for (const auto& ring : rings) {
    if (!CheckRing(c, where, ring)) return false;
  }
  return true;
}

// TopoJSON: the arcs decoded to absolute coordinates (quantised and delta-encoded when the
// topology has a transform). Malformed arcs are reported and left empty.
std::vector<std::vector<std::pair<double, double>>> DecodeArcs(Checker& c, const json& topology) {
  const json& arcs = topology["arcs"];
  std::vector<std::vector<std::pair<double, double>>> out(arcs.size());
  double sx = 1, sy = 1, tx = 0, ty = 0;
  const bool quantised = topology.contains("transform");
  if (quantised) {
    const json& t = topology["transform"];
    if (!t.is_object() || !t.contains("scale") || !t.contains("translate") || !IsPosition(t["scale"]) ||
        !IsPosition(t["translate"])) {
      c.Error("transform", "must be {\"scale\": [sx, sy], \"translate\": [tx, ty]} of numbers");
      return out;
    }
    sx = t["scale"][0].get<double>(), sy = t["scale"][1].get<double>();
    tx = t["translate"][0].get<double>(), ty = t["translate"][1].get<double>();
  }
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    const json& arc = arcs[i];
    if (!arc.is_array() || arc.size() < 2) {
      c.Error("arcs[" + std::to_string(i) + "]", "an arc must be an array of at least 2 positions");
      continue;
    }
    double x = 0, y = 0;
    for (const auto& p : arc) {
      if (!IsPosition(p)) {
        c.Error("arcs[" + std::to_string(i) + "]", "position " + Describe(p) + " is not [x, y] of numbers");
        out[i].clear();
        break;
      }
      if (quantised) {
        x += p[0].get<double>(), y += p[1].get<double>();
        out[i].emplace_back(x * sx + tx, y * sy + ty);
      } else {
        out[i].emplace_back(p[0].get<double>(), p[1].get<double>());
      }
    }
  }
  return out;
}

// TopoJSON: one polygon's rings of arc indexes (~i is arc i reversed).
bool CheckTopoPolygon(Checker& c, const std::string& where, const json& rings,
                      const std::vector<std::vector<std::pair<double, double>>>& arcs) {
  if (!rings.is_array() || rings.empty()) {
    c.Error(where, "geometry: a polygon must be a non-empty array of rings of arc indexes");
    return false;
  }
  for (const auto& ring : rings) {
    if (!ring.is_array() || ring.empty()) {
      c.Error(where, "geometry: a ring must be a non-empty array of arc indexes");
      return false;
    }
    for (const auto& a : ring) {
      if (!a.is_number_integer()) {
        c.Error(where, "geometry: arc index " + Describe(a) + " is not an integer");
        return false;
      }
      const auto i = a.get<std::int64_t>();
      const auto index = static_cast<std::size_t>(i < 0 ? ~i : i);
      if (index >= arcs.size()) {
        c.Error(where, "geometry: arc index " + std::to_string(i) + " refers to no arc (the topology has " +
                           std::to_string(arcs.size()) + ")");
        return false;
      }
      for (const auto& [x, y] : arcs[index]) {
        if (!c.Position(where, x, y)) return false;
      }
    }
  }
  return true;
}

// "GM0363" from 363 (1..9999).
std::string GmCode(int n) {
  const std::string digits = std::to_string(n);
  return "GM" + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
}

// The code property's value as a municipality code.
std::optional<std::string> CodeValue(const json& v) {
  if (v.is_string()) return NormaliseMunicipalityCode(v.get<std::string>());
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < 1 || n > 9999) return std::nullopt;
    return GmCode(static_cast<int>(n));
  }
  return std::nullopt;
}

// The features of the file, as (location, properties, geometry) in file order.
struct Feature {
  std::string where;  // "features[3]" or "objects.gm.geometries[3]"
  const json* properties = nullptr;
  const json* geometry = nullptr;
};

// The property to read codes from: the given one, else the first known name that a
// feature has.
std::string ChooseCodeProperty(const std::vector<Feature>& features, const GeoImportOptions& options) {
  if (!options.code_property.empty()) return options.code_property;
  for (const char* name : kGeoCodeProperties) {
    for (const auto& f : features) {
      if (f.properties != nullptr && f.properties->is_object() && f.properties->contains(name)) return name;
    }
  }
  return "";
}

// How many of a TopoJSON object's geometries carry a municipality code.
std::size_t CodedGeometries(const json& object, const GeoImportOptions& options) {
  if (!object.is_object() || !object.contains("geometries") || !object["geometries"].is_array()) return 0;
  std::size_t n = 0;
  for (const auto& g : object["geometries"]) {
    if (!g.is_object() || !g.contains("properties") || !g["properties"].is_object()) continue;
    const auto& props = g["properties"];
    for (const char* name : kGeoCodeProperties) {
      const std::string key = options.code_property.empty() ? name : options.code_property;
      if (props.contains(key) && CodeValue(props[key])) {
        ++n;
        break;
      }
      if (!options.code_property.empty()) break;
    }
  }
  return n;
}

}  // namespace

std::optional<std::string> NormaliseMunicipalityCode(std::string_view text) {
  std::string_view digits = text;
  if (text.size() == 6 && (text[0] == 'G' || text[0] == 'g') && (text[1] == 'M' || text[1] == 'm')) {
    digits = text.substr(2);
  } else if (text.empty() || text.size() > 4) {
    return std::nullopt;
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return std::nullopt;
  const int n = std::stoi(std::string(digits));
  if (n < 1) return std::nullopt;
  return GmCode(n);
}

core::Result<ParsedBoundaries> ReadBoundaryFile(const std::filesystem::path& path, const GeoImportOptions& options) {
  const std::string name = path.filename().string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return core::Status::Io("cannot read the boundary file " + path.string() + ": " + ec.message());
  if (size > kMaxGeoFileBytes) {
    return core::Status::InvalidInput(name + ": " + std::to_string(size) + " bytes is larger than the limit of " +
                                      std::to_string(kMaxGeoFileBytes) + " bytes; simplify the boundaries first");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Io("cannot read the boundary file " + path.string());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // e.what() names the byte offset and what was expected there.
    return core::Status::InvalidInput(name + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  const std::string type = doc.is_object() && doc.contains("type") && doc["type"].is_string()
                               ? doc["type"].get<std::string>()
                               : std::string();
  if (type != "Topology" && type != "FeatureCollection") {
    return core::Status::InvalidInput(
        name + ": neither a TopoJSON Topology nor a GeoJSON FeatureCollection (its \"type\" is " +
        (type.empty() ? std::string("missing") : "'" + type + "'") + ")");
  }

  Checker c(name);
  ParsedBoundaries out;
  out.file.meta.source = name;
  out.file.meta.sha256 = store::Sha256Hex(text);
  std::vector<Feature> features;
  std::vector<std::vector<std::pair<double, double>>> arcs;

  if (type == "Topology") {
    out.file.meta.format = "topojson";
    if (!doc.contains("objects") || !doc["objects"].is_object() || !doc.contains("arcs") || !doc["arcs"].is_array()) {
      return core::Status::InvalidInput(name +
                                        ": a TopoJSON Topology needs an \"objects\" object and an \"arcs\" array");
    }
    std::string object = options.object;
    std::string names;
    for (const auto& [key, value] : doc["objects"].items()) names += (names.empty() ? "" : ", ") + key;
    if (!object.empty()) {
      if (!doc["objects"].contains(object)) {
        return core::Status::InvalidInput(name + ": --object: the topology has no object '" + object + "' (it has " +
                                          (names.empty() ? std::string("none") : names) + ")");
      }
    } else {
      // The object whose geometries carry municipality codes; refuse to guess between two.
      std::vector<std::string> candidates;
      for (const auto& [key, value] : doc["objects"].items()) {
        if (CodedGeometries(value, options) > 0) candidates.push_back(key);
      }
      if (candidates.empty()) {
        return core::Status::InvalidInput(name + ": no municipality object: no object's geometries (" +
                                          (names.empty() ? "none" : names) + ") carry a GM code in property " +
                                          (options.code_property.empty() ? "code, statcode, gemeentecode or GM_CODE"
                                                                         : "'" + options.code_property + "'") +
                                          "; name them with --object and --code-property");
      }
      if (candidates.size() > 1) {
        std::string list;
        for (const auto& k : candidates) list += (list.empty() ? "" : ", ") + k;
        return core::Status::InvalidInput(name + ": several objects carry municipality codes (" + list +
                                          "); choose one with --object");
      }
      object = candidates.front();
    }
    const json& obj = doc["objects"][object];
    if (!obj.is_object() || obj.value("type", "") != "GeometryCollection" || !obj.contains("geometries") ||
        !obj["geometries"].is_array() || obj["geometries"].empty()) {
      return core::Status::InvalidInput(name + ": objects." + object +
                                        ": must be a GeometryCollection with a non-empty \"geometries\" array");
    }
    out.file.meta.object_name = object;
    arcs = DecodeArcs(c, doc);
    const json& geometries = obj["geometries"];
    for (std::size_t i = 0; i < geometries.size(); ++i) {
      const json& g = geometries[i];
      Feature f{"objects." + object + ".geometries[" + std::to_string(i) + "]", nullptr, &g};
      if (g.is_object() && g.contains("properties")) f.properties = &g["properties"];
      features.push_back(f);
    }
  } else {
    out.file.meta.format = "geojson";
    if (!doc.contains("features") || !doc["features"].is_array() || doc["features"].empty()) {
      return core::Status::InvalidInput(name + ": a GeoJSON FeatureCollection needs a non-empty \"features\" array");
    }
    const json& list = doc["features"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& feature = list[i];
      Feature f{"features[" + std::to_string(i) + "]", nullptr, nullptr};
      if (!feature.is_object() || feature.value("type", "") != "Feature") {
        c.Error(f.where, "not a GeoJSON Feature (\"type\": \"Feature\")");
        continue;
      }
      if (feature.contains("properties")) f.properties = &feature["properties"];
      if (feature.contains("geometry")) f.geometry = &feature["geometry"];
      features.push_back(f);
    }
  }

  const std::string property = ChooseCodeProperty(features, options);
  if (property.empty()) {
    return core::Status::InvalidInput(name +
                                      ": no feature has a municipality code property (code, statcode, "
                                      "gemeentecode or GM_CODE); name it with --code-property");
  }
  out.file.meta.code_property = property;

  std::map<std::string, std::string> seen;  // code -> where first
  for (const auto& f : features) {
    std::string where = f.where;
    if (f.properties == nullptr || !f.properties->is_object() || !f.properties->contains(property)) {
      c.Error(where, "property '" + property + "': missing (every feature needs its municipality code)");
    } else if (auto code = CodeValue((*f.properties)[property]); !code) {
      c.Error(where, "property '" + property + "': " + Describe((*f.properties)[property]) +
                         " is not a municipality code (GM followed by 4 digits, or the CBS number 1..9999)");
    } else {
      where += " (" + *code + ")";
      if (auto [it, inserted] = seen.emplace(*code, f.where); !inserted) {
        c.Error(where, "property '" + property + "': duplicate code, already used by " + it->second);
      } else {
        out.codes.push_back(*code);
      }
    }
    const json* g = f.geometry;
    const std::string gtype = g != nullptr && g->is_object() && g->contains("type") && (*g)["type"].is_string()
                                  ? (*g)["type"].get<std::string>()
                                  : std::string();
    if (gtype != "Polygon" && gtype != "MultiPolygon") {
      c.Error(where, "geometry: must be a Polygon or MultiPolygon (it is " +
                         (gtype.empty() ? std::string("missing") : "a " + gtype) + ")");
      continue;
    }
    const char* member = out.file.meta.format == "topojson" ? "arcs" : "coordinates";
    if (!g->contains(member)) {
      c.Error(where, std::string("geometry: no \"") + member + "\"");
      continue;
    }
    const json& body = (*g)[member];
    auto polygon = [&](const json& rings) {
      return out.file.meta.format == "topojson" ? CheckTopoPolygon(c, where, rings, arcs)
                                                : CheckPolygon(c, where, rings);
    };
    if (gtype == "Polygon") {
      polygon(body);
    } else if (!body.is_array() || body.empty()) {
      c.Error(where, "geometry: a MultiPolygon must be a non-empty array of polygons");
    } else {
      for (const auto& p : body) {
        if (!polygon(p)) break;
      }
    }
  }
  if (!c.ok()) return c.Status();
  out.file.meta.crs = std::string(c.crs()->id);
  out.file.meta.feature_count = static_cast<std::int64_t>(features.size());
  out.file.json = std::move(text);
  return out;
}

GeoCoverage CompareWithReference(const std::vector<std::string>& codes, const domain::ReferenceSet& reference) {
  GeoCoverage out;
  const std::set<std::string> in_file(codes.begin(), codes.end());
  for (const auto& m : reference.municipalities()) {
    if (!in_file.contains(m.code)) out.missing.push_back(m.code);
  }
  for (const auto& code : in_file) {
    if (reference.FindMunicipality(code) == nullptr) out.unknown.push_back(code);
  }
  return out;
}

core::Result<GeoImportResult> ImportBoundaries(store::Store& store, const std::filesystem::path& path,
                                               const GeoImportOptions& options) {
  GeoImportResult result;
  ONDERDAK_ASSIGN_OR_RETURN(result.parsed, ReadBoundaryFile(path, options));
  auto version = store.ReferenceVersionOn(core::Date::TodayUtc());
  if (version.ok()) {
    ONDERDAK_ASSIGN_OR_RETURN(auto set, store.LoadReferenceSet(version->id));
    result.coverage = CompareWithReference(result.parsed.codes, set);
    result.reference = *version;
  } else if (version.status().code() != core::Code::kNotFound) {
    return version.status();
  }
  ONDERDAK_ASSIGN_OR_RETURN(result.stored, store.Geo().AddBoundaries(result.parsed.file));
  result.parsed.file.json.clear();
  return result;
}

}  // namespace onderdak::ingest
