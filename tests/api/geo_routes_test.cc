// The map's boundaries over HTTP (api/geo_routes.h): GET /api/v1/geo/municipalities before
// and after `geo import`, its ETag, the map page switching to drawn boundaries, the
// vendored d3-geo and topojson files, and the region page's counted-beside-estimated
// table agreeing with /api/v1/estimates.
#include <gtest/gtest.h>
#include <httplib.h>

#include <array>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "generated_data.h"
#include "onderdak/api/server.h"
#include "onderdak/ingest/geo_import.h"
#include "onderdak/ingest/regions_import.h"
#include "running_server.h"
#include "test_support.h"

namespace onderdak::api {
namespace {

// Third-party data: read in place, never copied into the repository. Missing is a failure.
const std::filesystem::path kSharedTopoJson = std::filesystem::path(ONDERDAK_SHARED_DATA_DIR) / "nl-vr-gm.topo.json";

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A small generated national dataset (2021); the number of deliveries imported.
int ImportGenerated(store::Store& store, const std::filesystem::path& dir) {
  std::array<unsigned char, ingest::kPseudonymKeyBytes> key{};
  return onderdak::testing::ImportGenerated(store, ingest::Pseudonymiser::FromKey(key),
                                            onderdak::testing::GeneratedYears(800, 2021, 2021, 3), dir);
}

class GeoRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kSharedTopoJson)) << "the shared boundary file is missing: " << kSharedTopoJson;
    store_ = std::move(*store::OpenStore("sqlite::memory:"));
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    running_.Start(*store_);
    client_ = running_.client();
  }
  void TearDown() override { running_.Stop(); }

  std::unique_ptr<store::Store> store_;
  onderdak::testing::RunningServer running_;
  httplib::Client* client_ = nullptr;
  onderdak::testing::TempDir dir_;
};

TEST_F(GeoRoutesTest, ServesTheNewestBoundaryFileAsImportedWithItsSha256AsETag) {
  auto none = client_->Get("/api/v1/geo/municipalities");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
  auto error = nlohmann::json::parse(none->body);
  EXPECT_EQ(error["error"]["code"], "not_found");
  EXPECT_NE(error["error"]["message"].get<std::string>().find("geo import"), std::string::npos);

  auto imported = ingest::ImportBoundaries(*store_, kSharedTopoJson, {});
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  auto res = client_->Get("/api/v1/geo/municipalities");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->body, ReadFile(kSharedTopoJson));  // byte for byte
  const std::string etag = res->get_header_value("ETag");
  EXPECT_EQ(etag, "\"" + imported->stored.version.sha256 + "\"");
  EXPECT_FALSE(res->get_header_value("Content-Security-Policy").empty());  // the server's headers apply
  auto cached = client_->Get("/api/v1/geo/municipalities", {{"If-None-Match", etag}});
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->status, 304);
  EXPECT_EQ(client_->Get("/api/v1/geo/municipalities?date=2021-01-01")->status, 400);

  // A newer file replaces it at once, with a new ETag.
  const std::string geojson = R"({"type":"FeatureCollection","features":[{"type":"Feature",
    "properties":{"code":"GM0363"},"geometry":{"type":"Polygon",
    "coordinates":[[[4.8,52.3],[5.0,52.3],[5.0,52.4],[4.8,52.4],[4.8,52.3]]]}}]})";
  ASSERT_TRUE(ingest::ImportBoundaries(*store_, dir_.Write("one.geojson", geojson), {}).ok());
  auto newer = client_->Get("/api/v1/geo/municipalities", {{"If-None-Match", etag}});
  ASSERT_TRUE(newer);
  EXPECT_EQ(newer->status, 200);
  EXPECT_EQ(newer->body, geojson);
  EXPECT_NE(newer->get_header_value("ETag"), etag);
}

TEST_F(GeoRoutesTest, TheMapDrawsBoundariesOnceImportedAndServesItsPackagesLocally) {
  ASSERT_GT(ImportGenerated(*store_, dir_.path() / "gen"), 10);
  auto tiles = client_->Get("/kaart?period=2021H2");
  ASSERT_TRUE(tiles);
  ASSERT_EQ(tiles->status, 200) << tiles->body;
  EXPECT_EQ(tiles->body.find("data-geo="), std::string::npos);
  EXPECT_EQ(tiles->body.find("vendor/d3-geo.js"), std::string::npos);

  auto imported = ingest::ImportBoundaries(*store_, kSharedTopoJson, {});
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  auto map = client_->Get("/kaart?period=2021H2");
  ASSERT_TRUE(map);
  ASSERT_EQ(map->status, 200);
  const std::string& html = map->body;
  for (const std::string& part : std::vector<std::string>{
           "data-geo=\"/api/v1/geo/municipalities\"", "data-geo-format=\"topojson\"", "data-geo-crs=\"wgs84\"",
           "data-geo-object=\"gm_features\"", "data-geo-code=\"code\"",
           "data-geo-regions=\"/api/v1/regions?date=2021-07-01\"",
           "data-geo-sha256=\"" + imported->stored.version.sha256 + "\"",
           "<script src=\"/assets/vendor/d3-array.js\" defer></script>\n<script src=\"/assets/vendor/d3-geo.js\" defer>"
           "</script>\n<script src=\"/assets/vendor/topojson-client.js\" defer></script>\n"
           "<script src=\"/assets/map.js\" defer>"}) {
    EXPECT_NE(html.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(html.find("topojson-server.js"), std::string::npos);  // only needed for GeoJSON
  // The tile grid is still there for use without script.
  EXPECT_NE(html.find("<a class=\"tile\" href=\"/regio/GM0363"), std::string::npos);
  for (const char* asset : {"/assets/vendor/d3-array.js", "/assets/vendor/d3-geo.js",
                            "/assets/vendor/topojson-client.js", "/assets/vendor/topojson-server.js"}) {
    auto js = client_->Get(asset);
    ASSERT_TRUE(js) << asset;
    EXPECT_EQ(js->status, 200) << asset << ": " << js->body;
    EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8") << asset;
    EXPECT_GT(js->body.size(), 1000u) << asset;
  }
  EXPECT_EQ(client_->Get("/assets/vendor/commander.js")->status, 404);
}

TEST_F(GeoRoutesTest, RegionPageShowsCountedBesideEstimatedAsTheEstimatesApi) {
  ASSERT_GT(ImportGenerated(*store_, dir_.path() / "gen"), 10);
  for (const char* code : {"GM0363", "GM0599", "GM0014"}) {
    auto page = client_->Get(std::string("/regio/") + code);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body;
    const std::string& html = page->body;
    EXPECT_NE(html.find("<a href=\"#hidden\">Geteld en geschat"), std::string::npos) << code;
    ASSERT_NE(html.find("id=\"hidden-table\""), std::string::npos) << code;
    for (const char* period : {"2021H1", "2021H2"}) {
      const std::string date = std::string(period) == "2021H1" ? "2021-01-01" : "2021-07-01";
      auto api =
          nlohmann::json::parse(client_->Get("/api/v1/estimates?date=" + date + "&region=" + code)->body)["regions"][0];
      const std::string status = api["estimate"]["status"];
      const auto row = html.find("<tr data-period=\"" + std::string(period) + "\" data-status=\"" + status + "\">");
      ASSERT_NE(row, std::string::npos) << code << " " << period << " " << status;
      const std::string tr = html.substr(row, html.find("</tr>", row) - row);
      EXPECT_NE(tr.find("<time datetime=\"" + date + "\">"), std::string::npos) << tr;
      if (status == "reliable") {
        EXPECT_NE(tr.find("<strong>"), std::string::npos) << tr;
        EXPECT_EQ(tr.find("te onzeker"), std::string::npos) << tr;
      } else if (status == "too_uncertain") {
        EXPECT_NE(tr.find("te onzeker (interval "), std::string::npos) << tr;
        EXPECT_EQ(tr.find("<strong>"), std::string::npos) << tr;
      }
      if (api["counted"].is_number()) {
        const auto counted = api["counted"].get<std::int64_t>();
        if (counted < 1000) {
          EXPECT_NE(tr.find("hidden-counted\">" + std::to_string(counted) + "<"), std::string::npos) << tr;
        }
      }
    }
  }
  auto en = client_->Get("/regio/GM0363?lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("Counted and estimated"), std::string::npos);
}

}  // namespace
}  // namespace onderdak::api
