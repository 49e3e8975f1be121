// The GeoStore behaviour (store/geo.h) that both backends must show; called by
// sqlite_geo_test.cc and postgres_geo_test.cc on a fresh, empty Store.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "onderdak/store/store.h"

namespace onderdak::testing {

inline store::BoundaryFile TestBoundaryFile(std::string source, std::string json) {
  store::BoundaryFile f;
  f.meta.source = std::move(source);
  f.meta.sha256 = store::Sha256Hex(json);
  f.meta.format = "topojson";
  f.meta.crs = "wgs84";
  f.meta.feature_count = 2;
  f.meta.object_name = "gemeenten";
  f.meta.code_property = "statcode";
  f.json = std::move(json);
  return f;
}

inline void ExpectGeoStoreBehaves(store::Store& s) {
  store::GeoStore& geo = s.Geo();
  EXPECT_EQ(geo.LatestBoundaries().status().code(), core::Code::kNotFound);
  ASSERT_TRUE(geo.ListBoundaries().ok());
  EXPECT_TRUE(geo.ListBoundaries()->empty());

  // Non-ASCII names and a text of a few megabytes come back byte for byte.
  std::string big = R"({"type":"Topology","names":"Súdwest-Fryslân, 's-Hertogenbosch","pad":")";
  big += std::string(3 << 20, 'x') + "\"}";
  const auto a = TestBoundaryFile("gemeenten-2023.topo.json", big);
  auto first = geo.AddBoundaries(a);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->added);
  EXPECT_GT(first->version.id, 0);
  EXPECT_EQ(first->version.source, "gemeenten-2023.topo.json");
  EXPECT_EQ(first->version.sha256, a.meta.sha256);
  EXPECT_EQ(first->version.format, "topojson");
  EXPECT_EQ(first->version.crs, "wgs84");
  EXPECT_EQ(first->version.feature_count, 2);
  EXPECT_EQ(first->version.object_name, "gemeenten");
  EXPECT_EQ(first->version.code_property, "statcode");
  EXPECT_EQ(first->version.imported_at.size(), 20u) << first->version.imported_at;  // YYYY-MM-DDTHH:MM:SSZ
  auto latest = geo.LatestBoundaries();
  ASSERT_TRUE(latest.ok()) << latest.status().message();
  EXPECT_EQ(latest->json, big);
  EXPECT_EQ(latest->meta.id, first->version.id);

  // The same bytes again: nothing stored, the version in force named.
  auto again = geo.AddBoundaries(a);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_FALSE(again->added);
  EXPECT_EQ(again->version.id, first->version.id);
  EXPECT_EQ(geo.ListBoundaries()->size(), 1u);

  // Another file is the newest; the first one again is a new version (a roll-back).
  auto b = TestBoundaryFile("gemeenten.geojson", R"({"type":"FeatureCollection","features":[]})");
  b.meta.format = "geojson";
  b.meta.crs = "rd_new";
  b.meta.object_name = "";
  auto second = geo.AddBoundaries(b);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_TRUE(second->added);
  EXPECT_GT(second->version.id, first->version.id);
  EXPECT_EQ(geo.LatestBoundaries()->json, b.json);
  EXPECT_EQ(geo.LatestBoundaries()->meta.crs, "rd_new");
  auto third = geo.AddBoundaries(a);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->added);
  auto list = geo.ListBoundaries();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].id, first->version.id);  // oldest first
  EXPECT_EQ((*list)[1].format, "geojson");
  EXPECT_EQ((*list)[2].sha256, a.meta.sha256);
  EXPECT_EQ(geo.LatestBoundaries()->meta.id, third->version.id);

  // The schema refuses what the importer never sends; nothing is stored.
  auto bad = TestBoundaryFile("x.shp", "{}");
  bad.meta.format = "shapefile";
  EXPECT_FALSE(geo.AddBoundaries(bad).ok());
  bad = TestBoundaryFile("x.json", "{}");
  bad.meta.crs = "epsg:3857";
  EXPECT_FALSE(geo.AddBoundaries(bad).ok());
  EXPECT_EQ(geo.ListBoundaries()->size(), 3u);
  EXPECT_EQ(geo.LatestBoundaries()->meta.id, third->version.id);
}

}  // namespace onderdak::testing
