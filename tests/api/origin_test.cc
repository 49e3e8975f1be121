// P13 over HTTP (issue 15 item 4): /api/v1/origin gives the origin x shelter region
// matrix of the public figures (disclosure applied, 400 naming a bad parameter, ETag),
// /api/v1/indicators?indicator=P13 has the figures (the mapping reaches the engine), and
// the page /herkomst renders the matrix as a table, in Dutch and English.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "generated_data.h"
#include "onderdak/api/server.h"
#include "onderdak/ingest/regions_import.h"
#include "running_server.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::api {
namespace {

class OriginTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new onderdak::testing::TempDir();
    store_ = store::OpenStore("sqlite:" + (dir_->path() / "o.db").string())->release();
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    onderdak::testing::ImportGenerated(*store_, onderdak::testing::TestKey(),
                                       onderdak::testing::GeneratedYears(1500, 2021, 2021, 3), dir_->path() / "gen");
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }
  void SetUp() override {
    // No warming: it would compute every page of the data beside the test's requests
    // (slow under the sanitizers); a request may load and prepare the data first.
    api::ServerOptions o;
    o.warm = false;
    running_.Start(*store_, o);
    client_ = running_.client();
    client_->set_read_timeout(std::chrono::seconds(120));
  }
  void TearDown() override { running_.Stop(); }
  httplib::Result Get(const std::string& path) { return client_->Get(path); }

  static onderdak::testing::TempDir* dir_;
  static store::Store* store_;
  onderdak::testing::RunningServer running_;
  httplib::Client* client_ = nullptr;
};
onderdak::testing::TempDir* OriginTest::dir_ = nullptr;
store::Store* OriginTest::store_ = nullptr;

double ValueOr(const nlohmann::json& v, double otherwise) {
  return v.at("value").is_null() ? otherwise : v.at("value").get<double>();
}

TEST_F(OriginTest, MatrixHasTheDocumentedShapeAndItsTotalsAddUp) {
  auto res = Get("/api/v1/origin?period=2021H1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos);
  EXPECT_FALSE(res->get_header_value("ETag").empty());
  const auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j.at("indicator"), "P13");
  EXPECT_EQ(j.at("period"), "2021H1");
  EXPECT_EQ(j.at("definition"), "monitor");
  EXPECT_EQ(j.at("mapping").at("date"), "2021-06-30");
  ASSERT_FALSE(j.at("regions").empty());
  ASSERT_FALSE(j.at("matrix").empty());
  ASSERT_FALSE(j.at("origins").empty());
  // Every region's classes add up to its total when all are published, and its matrix
  // column adds up to it too (each person has one origin region, "unknown" included).
  int checked = 0, suppressed = 0, from_elsewhere = 0;
  for (const auto& r : j.at("regions")) {
    ASSERT_TRUE(r.contains("region") && r.contains("name") && r.contains("referred_back"));
    const double total = ValueOr(r.at("persons"), -1);
    const double own = ValueOr(r.at("own_region"), -1), other = ValueOr(r.at("other_region"), -1),
                 unknown = ValueOr(r.at("unknown"), -1);
    if (own >= 0 && other >= 0 && unknown >= 0 && total >= 0) {
      EXPECT_EQ(own + other + unknown, total) << r.dump();
      ++checked;
    }
    if (other > 0) ++from_elsewhere;
    double column = 0;
    bool complete = true;
    for (const auto& c : j.at("matrix")) {
      if (c.at("shelter") != r.at("region")) continue;
      if (c.at("value").is_null()) {
        EXPECT_EQ(c.at("disclosure"), "suppressed") << c.dump();
        complete = false;
        continue;
      }
      EXPECT_EQ(c.at("disclosure"), "none");
      // Published cells are not small (disclosure control, threshold 5).
      const double v = c.at("value").get<double>();
      EXPECT_TRUE(v == 0 || v >= 5) << c.dump();
      column += v;
    }
    if (complete && total >= 0) {
      EXPECT_EQ(column, total) << r.at("region");
    }
  }
  for (const auto& c : j.at("matrix")) suppressed += c.at("value").is_null() ? 1 : 0;
  EXPECT_GT(checked, 0);
  EXPECT_GT(from_elsewhere, 0) << "the generated data has persons from other regions";
  EXPECT_GT(suppressed, 0) << "a matrix over 43 regions has small cells";
  // A suppressed cell never stands alone in its column: its region has another one, or
  // its total is suppressed as well (secondary suppression, disclosure.h).
  for (const auto& c : j.at("matrix")) {
    if (!c.at("value").is_null()) continue;
    int in_column = 0;
    for (const auto& d : j.at("matrix")) in_column += d.at("shelter") == c.at("shelter") && d.at("value").is_null();
    bool total_hidden = false;
    for (const auto& r : j.at("regions")) {
      if (r.at("region") == c.at("shelter")) total_hidden = r.at("persons").at("value").is_null();
    }
    EXPECT_TRUE(in_column >= 2 || total_hidden) << c.dump();
  }
  EXPECT_TRUE(j.at("national").contains("coverage"));
}

TEST_F(OriginTest, RepeatedRequestIsNotModified) {
  auto first = Get("/api/v1/origin?period=2021H1");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  httplib::Headers h{{"If-None-Match", first->get_header_value("ETag")}};
  auto again = client_->Get("/api/v1/origin?period=2021H1", h);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
}

TEST_F(OriginTest, BadParametersAre400NamingTheParameter) {
  for (const auto& [path, name] :
       std::vector<std::pair<std::string, std::string>>{{"/api/v1/origin", "period"},
                                                        {"/api/v1/origin?period=2021Q3", "period"},
                                                        {"/api/v1/origin?period=2021H1&definition=bogus", "definition"},
                                                        {"/api/v1/origin?period=2021H1&region=GM0363", "region"}}) {
    auto res = Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path << ": " << res->body;
    EXPECT_NE(res->body.find(name), std::string::npos) << path << ": " << res->body;
  }
}

TEST_F(OriginTest, IndicatorsEndpointHasP13WithItsStandardColumns) {
  auto res = Get("/api/v1/indicators?period=2021H1&indicator=P13");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto j = nlohmann::json::parse(res->body);
  int totals = 0;
  for (const auto& f : j.at("figures")) {
    EXPECT_EQ(f.at("indicator"), "P13");
    EXPECT_EQ(f.at("definition"), "monitor");
    if (f.at("measure") == "persons" && f.at("breakdown") == "total") ++totals;
  }
  EXPECT_GT(totals, 1);
  auto csv = Get("/api/v1/indicators?period=2021H1&indicator=P13&format=csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("indicator,region,period,reference_date,breakdown,value", 0), 0u);
  EXPECT_NE(csv->body.find("P13,NL,2021H1,,origin=unknown,"), std::string::npos);
  EXPECT_NE(csv->body.find(",monitor\n"), std::string::npos);
}

TEST_F(OriginTest, PageRendersTheMatrixInDutchAndEnglish) {
  auto nl = Get("/herkomst?period=2021H1");
  ASSERT_TRUE(nl);
  ASSERT_EQ(nl->status, 200) << nl->body;
  EXPECT_NE(nl->body.find("<html lang=\"nl\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
  EXPECT_NE(nl->body.find("Herkomst van personen in de opvang"), std::string::npos);
  EXPECT_NE(nl->body.find("<table id=\"origin-matrix\">"), std::string::npos);
  EXPECT_NE(nl->body.find("<th scope=\"row\">Herkomst onbekend</th>"), std::string::npos);
  // The flow chart, or its sentence when every flow between regions is withheld.
  EXPECT_TRUE(nl->body.find("<svg id=\"flow-chart\" role=\"img\"") != std::string::npos ||
              nl->body.find("<p id=\"flows-none\">") != std::string::npos);
  EXPECT_NE(nl->body.find("id=\"definition\""), std::string::npos);
  EXPECT_NE(nl->body.find("datetime=\"2021-06-30\""), std::string::npos);
  EXPECT_NE(nl->body.find("href=\"?period=2021H1&amp;lang=en\""), std::string::npos);
  auto en = Get("/herkomst?period=2021H1&lang=en");
  ASSERT_TRUE(en);
  ASSERT_EQ(en->status, 200);
  EXPECT_NE(en->body.find("<html lang=\"en\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
  EXPECT_NE(en->body.find("Origin of persons in shelter"), std::string::npos);
  EXPECT_NE(en->body.find("<th scope=\"row\">Origin unknown</th>"), std::string::npos);
  EXPECT_EQ(en->body.find("Herkomst van personen in de opvang"), std::string::npos);
  auto bad = Get("/herkomst?period=nope");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(OriginTest, NavigationAndRegionPageLinkToTheOriginPage) {
  auto origin = Get("/api/v1/origin?period=2021H1");
  ASSERT_TRUE(origin);
  const auto j = nlohmann::json::parse(origin->body);
  ASSERT_FALSE(j.at("regions").empty());
  const std::string code = j.at("regions").front().at("region");
  auto region = Get("/regio/" + code);
  ASSERT_TRUE(region);
  ASSERT_EQ(region->status, 200);
  EXPECT_NE(region->body.find("href=\"/herkomst?lang=nl#regio-" + code + "\""), std::string::npos);
  EXPECT_NE(region->body.find("<a href=\"/herkomst?lang=nl\">Herkomst</a>"), std::string::npos);
  auto page = Get("/herkomst?period=2021H1");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("id=\"regio-" + code + "\""), std::string::npos);
}

}  // namespace
}  // namespace onderdak::api
