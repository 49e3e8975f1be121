// A provider's own figures over HTTP (issue 19 item 4): /api/v1/provider-figures (JSON and
// CSV), the stays of a location, and the pages /mijn-cijfers, for the provider and its
// region's steward, on the sample delivery (two stays without a location in 2021H1).
// Who may call the routes at all is in authz_matrix.csv.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "security_fixture.h"

namespace onderdak::testing {
namespace {

class ProviderFiguresApiTest : public SecurityServer {
 protected:
  httplib::Result Get(const std::string& role, const std::string& path) {
    if (!logins_.count(role)) logins_[role] = LogIn(role);
    return client_->Get(path, HeadersFor(logins_[role]));
  }
  std::map<std::string, Login> logins_;
};

TEST_F(ProviderFiguresApiTest, TheProviderSeesItsFiguresPerLocation) {
  auto res = Get("provider_uploader", "/api/v1/provider-figures");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["organisation"], "KVK-1");
  EXPECT_EQ(j["period"], "2021H1");  // the newest period it delivered for
  EXPECT_EQ(j["periods"], nlohmann::json::array({"2021H1"}));
  ASSERT_EQ(j["locations"].size(), 1u);
  const auto& l = j["locations"][0];
  EXPECT_TRUE(l["facility"].is_null());  // the sample's stays name no location
  EXPECT_EQ(l["region"], "GM0363");
  EXPECT_EQ(l["stays"], 2);
  EXPECT_EQ(l["persons"], 2);
  // S-1 10 January - 1 March: 50 nights; S-2 open since December 2020: the 181 nights of
  // the half-year, and there on its last day.
  EXPECT_EQ(l["bed_nights"], 50 + 181);
  EXPECT_EQ(l["occupied"], 1);
  EXPECT_EQ(l["ended"], 1);
  EXPECT_EQ(l["ended_median_days"], 51.0);
  EXPECT_EQ(l["exits_to_housing"], 1);
  EXPECT_EQ(l["to_housing_share"], 1.0);
  EXPECT_TRUE(l["occupancy"].is_null());  // no places without a location
  EXPECT_EQ(l["stays_overlapping_other_provider"], 0);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-store");

  auto csv = Get("provider_uploader", "/api/v1/provider-figures?period=2021H1&format=csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv->body.starts_with("organisation,period,region,facility,")) << csv->body;
  EXPECT_NE(csv->body.find("KVK-1,2021H1,GM0363,,,,,0,0,1,,231,0,,2,2,1,51,0,1,1,1,0\r\n"), std::string::npos)
      << csv->body;

  // A period it did not deliver for: no locations, not zeros.
  auto none = Get("provider_uploader", "/api/v1/provider-figures?period=2021H2");
  ASSERT_TRUE(none);
  ASSERT_EQ(none->status, 200);
  EXPECT_TRUE(nlohmann::json::parse(none->body)["locations"].empty());
}

TEST_F(ProviderFiguresApiTest, TheStaysShowPseudonymsNeverTheBsn) {
  auto res = Get("provider_uploader", "/api/v1/provider-figures/stays?region=GM0363&facility=");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto j = nlohmann::json::parse(res->body);
  ASSERT_EQ(j["stays"].size(), 2u);
  EXPECT_EQ(j["stays"][0]["record_id"], "S-2");  // by start date
  EXPECT_TRUE(j["stays"][0]["end"].is_null());
  EXPECT_EQ(j["stays"][0]["known_end"], "2021-06-30");
  EXPECT_EQ(j["stays"][1]["record_id"], "S-1");
  EXPECT_EQ(j["stays"][1]["length_days"], 51);
  for (const auto& s : j["stays"]) {
    const std::string p = s["pseudonym"];
    EXPECT_TRUE(p.starts_with("b:") || p.starts_with("l:")) << p;
  }
  EXPECT_EQ(res->body.find("111222333"), std::string::npos);
  auto page = Get("provider_uploader", "/mijn-cijfers/verblijven?region=GM0363&facility=");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("id=\"provider-stays\""), std::string::npos);
  EXPECT_NE(page->body.find("data-stay=\"S-1\""), std::string::npos);
  EXPECT_NE(page->body.find("10 januari 2021"), std::string::npos);
  EXPECT_EQ(page->body.find("111222333"), std::string::npos);
}

TEST_F(ProviderFiguresApiTest, ThePagesSpeakDutchAndEnglishAndLinkTheDrillDown) {
  auto nl = Get("provider_uploader", "/mijn-cijfers");
  ASSERT_TRUE(nl);
  ASSERT_EQ(nl->status, 200) << nl->body;
  EXPECT_NE(nl->body.find("id=\"provider-locations\""), std::string::npos);
  EXPECT_NE(nl->body.find("Zonder locatie"), std::string::npos);
  EXPECT_NE(nl->body.find("1e halfjaar 2021"), std::string::npos);
  EXPECT_NE(nl->body.find("/mijn-cijfers/verblijven?period=2021H1&amp;region=GM0363&amp;facility="), std::string::npos);
  EXPECT_NE(nl->body.find("href=\"/mijn-cijfers\""), std::string::npos);  // in the account bar
  EXPECT_EQ(nl->body.find("synthetic-data"), std::string::npos);          // the sample delivery is real data
  auto deliveries = Get("provider_uploader", "/api/v1/deliveries");
  ASSERT_TRUE(deliveries);
  ASSERT_EQ(deliveries->status, 200) << deliveries->body;
  const auto list = nlohmann::json::parse(deliveries->body);
  const auto& items = list.is_array() ? list : list["deliveries"];
  ASSERT_FALSE(items.empty()) << deliveries->body;
  EXPECT_EQ(items[0]["synthetic"], false);
  auto en = Get("provider_uploader", "/mijn-cijfers?lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("Without a location"), std::string::npos);
  EXPECT_NE(en->body.find("1st half of 2021"), std::string::npos);
}

TEST_F(ProviderFiguresApiTest, AStewardChoosesAnOrganisationOfItsRegion) {
  auto page = Get("region_steward", "/mijn-cijfers");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("id=\"provider-none\""), std::string::npos);
  EXPECT_NE(page->body.find("<option>KVK-1</option>"), std::string::npos);
  auto bare = Get("region_steward", "/api/v1/provider-figures");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 400);
  EXPECT_NE(bare->body.find("organisation"), std::string::npos);
  auto chosen = Get("region_steward", "/api/v1/provider-figures?organisation=KVK-1");
  ASSERT_TRUE(chosen);
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  EXPECT_EQ(nlohmann::json::parse(chosen->body)["locations"][0]["bed_nights"], 231);
}

TEST_F(ProviderFiguresApiTest, BadQueriesAreRefusedByName) {
  for (const char* path : {"/api/v1/provider-figures?period=2021H3", "/api/v1/provider-figures?format=xml",
                           "/api/v1/provider-figures?colour=red", "/api/v1/provider-figures/stays?facility=F1"}) {
    auto res = Get("provider_uploader", path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path << ": " << res->body;
  }
  auto bad = Get("provider_uploader", "/mijn-cijfers?period=%ff");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("id=\"error\""), std::string::npos);
  EXPECT_NE(bad->body.find("period"), std::string::npos);
}

}  // namespace
}  // namespace onderdak::testing
