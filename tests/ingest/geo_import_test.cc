// Reading and importing municipality boundary files (ingest/geo_import.h): the shared
// 2023 TopoJSON file, small generated TopoJSON and GeoJSON files in WGS84 and RD New, and
// every refused input, with the message naming file, feature, property and rule, and
// nothing stored.
#include "onderdak/ingest/geo_import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "onderdak/ingest/regions_import.h"
#include "test_support.h"

namespace onderdak::ingest {
namespace {

using nlohmann::json;
using onderdak::testing::TempDir;

// Third-party data: read in place, never copied into the repository. Missing is a failure.
std::filesystem::path SharedTopoJson() {
  return std::filesystem::path(ONDERDAK_SHARED_DATA_DIR) / "nl-vr-gm.topo.json";
}

// A square ring around (x, y) of half-width r, closed.
json Ring(double x, double y, double r) {
  return json::array({json::array({x - r, y - r}), json::array({x + r, y - r}), json::array({x + r, y + r}),
                      json::array({x - r, y + r}), json::array({x - r, y - r})});
}

json Feature(json properties, json geometry) {
  return {{"type", "Feature"}, {"properties", std::move(properties)}, {"geometry", std::move(geometry)}};
}

json Polygon(double x, double y, double r) {
  return {{"type", "Polygon"}, {"coordinates", json::array({Ring(x, y, r)})}};
}

// Two municipalities in WGS84 (Amsterdam and Utrecht, roughly).
json GoodGeoJson() {
  return {
      {"type", "FeatureCollection"},
      {"features", json::array({Feature({{"statcode", "GM0363"}, {"statnaam", "Amsterdam"}}, Polygon(4.9, 52.37, 0.05)),
                                Feature({{"statcode", "GM0344"}}, Polygon(5.12, 52.09, 0.05))})}};
}

// A quantised topology: object "gemeenten" (two municipalities sharing arc 0, codes as a
// bare number and a zero-padded string) beside "provincies" (PV codes, not municipalities).
json GoodTopology() {
  // Arcs quantised and delta-encoded (scale 0.001, translate 4, 52): arc 0 is the shared
  // edge x = 4.5 from lat 52 to 52.5; arcs 1 and 2 close the western and eastern squares.
  return json::parse(R"({
    "type": "Topology",
    "transform": {"scale": [0.001, 0.001], "translate": [4.0, 52.0]},
    "arcs": [[[500, 0], [0, 500]],
             [[500, 500], [-500, 0], [0, -500], [500, 0]],
             [[500, 0], [500, 0], [0, 500], [-500, 0]]],
    "objects": {
      "provincies": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "properties": {"code": "PV26"}, "arcs": [[1, 0]]}]},
      "gemeenten": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "properties": {"code": 363}, "arcs": [[1, 0]]},
        {"type": "MultiPolygon", "properties": {"code": "0344"}, "arcs": [[[2, -1]]]}]}
    }})");
}

core::Status ReadError(const TempDir& dir, const std::string& name, const std::string& text,
                       const GeoImportOptions& options = {}) {
  auto r = ReadBoundaryFile(dir.Write(name, text), options);
  EXPECT_FALSE(r.ok()) << name << " was accepted";
  return r.ok() ? core::Status::Ok() : r.status();
}

void ExpectMessage(const core::Status& s, std::initializer_list<std::string_view> parts) {
  EXPECT_EQ(s.code(), core::Code::kInvalidInput) << s.message();
  for (auto part : parts)
    EXPECT_NE(s.message().find(part), std::string::npos) << "'" << part << "' not in: " << s.message();
}

TEST(GeoImportTest, NormalisesMunicipalityCodes) {
  EXPECT_EQ(NormaliseMunicipalityCode("GM0363"), "GM0363");
  EXPECT_EQ(NormaliseMunicipalityCode("gm0363"), "GM0363");
  EXPECT_EQ(NormaliseMunicipalityCode("0363"), "GM0363");
  EXPECT_EQ(NormaliseMunicipalityCode("363"), "GM0363");
  EXPECT_EQ(NormaliseMunicipalityCode("GM363"), std::nullopt);
  EXPECT_EQ(NormaliseMunicipalityCode("12345"), std::nullopt);
  EXPECT_EQ(NormaliseMunicipalityCode("0000"), std::nullopt);
  EXPECT_EQ(NormaliseMunicipalityCode("PV26"), std::nullopt);
  EXPECT_EQ(NormaliseMunicipalityCode(""), std::nullopt);
}

TEST(GeoImportTest, ReadsTheSharedTopoJsonOf342Municipalities) {
  const auto path = SharedTopoJson();
  ASSERT_TRUE(std::filesystem::exists(path))
      << "the shared boundary file is missing: " << path << " (tests read ../shared/data/ beside the repository)";
  auto r = ReadBoundaryFile(path, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->file.meta.format, "topojson");
  EXPECT_EQ(r->file.meta.object_name, "gm_features");  // not vr_features (VR codes) or nl_features
  EXPECT_EQ(r->file.meta.code_property, "code");
  EXPECT_EQ(r->file.meta.crs, "wgs84");
  EXPECT_EQ(r->file.meta.feature_count, 342);
  EXPECT_EQ(r->codes.size(), 342u);
  EXPECT_NE(std::find(r->codes.begin(), r->codes.end(), "GM0363"), r->codes.end());
  EXPECT_EQ(r->file.meta.sha256.size(), 64u);
  EXPECT_EQ(r->file.json.size(), std::filesystem::file_size(path));
}

TEST(GeoImportTest, ImportsTheSharedFileOnceAndComparesWithTheRegions) {
  auto store = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(ImportShippedRegions(**store, onderdak::testing::ReferenceDir()).ok());
  auto r = ImportBoundaries(**store, SharedTopoJson(), {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->stored.added);
  ASSERT_TRUE(r->coverage.has_value());
  // The shipped list and the boundary file are both of 1 January 2023.
  EXPECT_TRUE(r->coverage->missing.empty()) << r->coverage->missing.front();
  EXPECT_TRUE(r->coverage->unknown.empty()) << r->coverage->unknown.front();
  auto again = ImportBoundaries(**store, SharedTopoJson(), {});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_FALSE(again->stored.added);
  EXPECT_EQ(again->stored.version.id, r->stored.version.id);
  EXPECT_EQ((*store)->Geo().ListBoundaries()->size(), 1u);
}

TEST(GeoImportTest, ReadsAQuantisedTopologyAndFindsTheMunicipalityObject) {
  TempDir dir;
  auto r = ReadBoundaryFile(dir.Write("t.topo.json", GoodTopology().dump()), {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->file.meta.object_name, "gemeenten");
  EXPECT_EQ(r->file.meta.crs, "wgs84");
  EXPECT_EQ(r->codes, (std::vector<std::string>{"GM0363", "GM0344"}));
  // --object chooses; an object without municipality codes is refused.
  ExpectMessage(
      ReadError(dir, "t.topo.json", GoodTopology().dump(), {"", "provincies"}),
      {"t.topo.json", "objects.provincies.geometries[0]", "property 'code'", "\"PV26\"", "is not a municipality code"});
  ExpectMessage(ReadError(dir, "t.topo.json", GoodTopology().dump(), {"", "wijken"}),
                {"t.topo.json", "no object 'wijken'", "gemeenten", "provincies"});
}

TEST(GeoImportTest, RecognisesRdNewAndTheCodeProperty) {
  TempDir dir;
  json rd = {
      {"type", "FeatureCollection"},
      {"features", json::array({Feature({{"GM_CODE", "GM0363"}, {"code", "x"}}, Polygon(121000, 487000, 2000)),
                                Feature({{"GM_CODE", "GM0344"}, {"code", "y"}}, Polygon(136000, 455000, 2000))})}};
  // `code` comes first among the names tried, and holds no codes here: refused...
  ExpectMessage(ReadError(dir, "rd.geojson", rd.dump()), {"rd.geojson: features[0]: property 'code': \"x\""});
  // ...unless the property is named.
  auto r = ReadBoundaryFile(dir.Write("rd.geojson", rd.dump()), {"GM_CODE", ""});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->file.meta.format, "geojson");
  EXPECT_EQ(r->file.meta.crs, "rd_new");
  EXPECT_EQ(r->file.meta.code_property, "GM_CODE");
  EXPECT_EQ(r->file.meta.object_name, "");
  auto w = ReadBoundaryFile(dir.Write("w.geojson", GoodGeoJson().dump()), {});
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->file.meta.code_property, "statcode");
  EXPECT_EQ(w->file.meta.crs, "wgs84");
}

TEST(GeoImportTest, RefusesBadFilesNamingFileFeaturePropertyAndRule) {
  TempDir dir;
  ExpectMessage(ReadError(dir, "broken.json", "{\"type\": \"Topology\", "), {"broken.json: not valid JSON"});
  ExpectMessage(ReadError(dir, "list.json", "[1, 2]"),
                {"list.json: neither a TopoJSON Topology nor a GeoJSON FeatureCollection", "missing"});
  ExpectMessage(ReadError(dir, "f.json", R"({"type": "Feature"})"), {"f.json", "its \"type\" is 'Feature'"});

  json no_codes = GoodTopology();
  no_codes["objects"].erase("gemeenten");
  ExpectMessage(ReadError(dir, "vr.topo.json", no_codes.dump()),
                {"vr.topo.json: no municipality object", "provincies"});
  json two = GoodTopology();
  two["objects"]["gemeenten2022"] = two["objects"]["gemeenten"];
  ExpectMessage(ReadError(dir, "two.topo.json", two.dump()),
                {"several objects", "gemeenten, gemeenten2022", "--object"});

  json missing = GoodGeoJson();
  missing["features"][1]["properties"].erase("statcode");
  ExpectMessage(ReadError(dir, "m.geojson", missing.dump()), {"m.geojson: features[1]: property 'statcode': missing"});
  json duplicate = GoodGeoJson();
  duplicate["features"][1]["properties"]["statcode"] = "363";
  ExpectMessage(ReadError(dir, "d.geojson", duplicate.dump()),
                {"d.geojson: features[1] (GM0363): property 'statcode': duplicate code, already used by features[0]"});
  json point = GoodGeoJson();
  point["features"][1]["geometry"] = json::parse(R"({"type": "Point", "coordinates": [5.1, 52.1]})");
  ExpectMessage(ReadError(dir, "p.geojson", point.dump()),
                {"p.geojson: features[1] (GM0344): geometry: must be a Polygon or MultiPolygon (it is a Point)"});
  json no_geometry = GoodGeoJson();
  no_geometry["features"][0]["geometry"] = nullptr;
  ExpectMessage(ReadError(dir, "n.geojson", no_geometry.dump()), {"features[0] (GM0363): geometry", "missing"});
  json absurd = GoodGeoJson();
  absurd["features"][0]["geometry"] = Polygon(120, 30, 1);
  ExpectMessage(ReadError(dir, "a.geojson", absurd.dump()),
                {"a.geojson: features[0] (GM0363): coordinate (119, 29) is neither WGS84", "nor RD New"});
  json mixed = GoodGeoJson();
  mixed["features"][1]["geometry"] = Polygon(136000, 455000, 2000);
  ExpectMessage(ReadError(dir, "x.geojson", mixed.dump()),
                {"x.geojson: features[1] (GM0344): coordinate (134000, 453000) is outside WGS84"});
  json ring = GoodGeoJson();
  ring["features"][0]["geometry"]["coordinates"][0] = json::parse("[[4.9, 52.3], [4.95, 52.3], [4.9, 52.3]]");
  ExpectMessage(ReadError(dir, "r.geojson", ring.dump()), {"features[0] (GM0363): geometry: a polygon ring"});
  json arcs = GoodTopology();
  arcs["objects"]["gemeenten"]["geometries"][0]["arcs"] = json::parse("[[1, 7]]");
  ExpectMessage(ReadError(dir, "arcs.topo.json", arcs.dump()),
                {"arcs.topo.json: objects.gemeenten.geometries[0] (GM0363): geometry: arc index 7 refers to no arc"});
  // Every error is listed, not only the first.
  json both = GoodGeoJson();
  both["features"][0]["properties"]["statcode"] = "Amsterdam";
  both["features"][1]["geometry"] = json::parse(R"({"type": "LineString", "coordinates": []})");
  ExpectMessage(ReadError(dir, "b.geojson", both.dump()),
                {"2 errors", "features[0]: property 'statcode': \"Amsterdam\"",
                 "features[1] (GM0344): geometry: must be a Polygon"});
}

TEST(GeoImportTest, StoresNothingAfterARefusedFile) {
  TempDir dir;
  auto store = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store.ok());
  json point = GoodGeoJson();
  point["features"][1]["geometry"] = json::parse(R"({"type": "Point", "coordinates": [5.1, 52.1]})");
  auto r = ImportBoundaries(**store, dir.Write("p.geojson", point.dump()), {});
  EXPECT_EQ(r.status().code(), core::Code::kInvalidInput);
  EXPECT_TRUE((*store)->Geo().ListBoundaries()->empty());
  EXPECT_EQ(ImportBoundaries(**store, dir.path() / "absent.json", {}).status().code(), core::Code::kIo);
  EXPECT_TRUE((*store)->Geo().ListBoundaries()->empty());
  // Without reference data the file is stored, uncompared.
  auto ok = ImportBoundaries(**store, dir.Write("w.geojson", GoodGeoJson().dump()), {});
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_FALSE(ok->coverage.has_value());
  EXPECT_EQ((*store)->Geo().ListBoundaries()->size(), 1u);
}

TEST(GeoImportTest, ComparesCodesWithTheMunicipalitiesInForce) {
  auto store = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(ImportShippedRegions(**store, onderdak::testing::ReferenceDir()).ok());
  auto version = (*store)->ReferenceVersionOn(core::Date::TodayUtc());
  ASSERT_TRUE(version.ok());
  auto set = (*store)->LoadReferenceSet(version->id);
  ASSERT_TRUE(set.ok());
  const auto coverage = CompareWithReference({"GM0363", "GM0344", "GM9999"}, *set);
  EXPECT_EQ(coverage.unknown, (std::vector<std::string>{"GM9999"}));
  EXPECT_EQ(coverage.missing.size(), set->municipalities().size() - 2);
}

}  // namespace
}  // namespace onderdak::ingest
