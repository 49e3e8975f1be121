#include "onderdak/api/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "generated_data.h"
#include "onderdak/api/http_error.h"
#include "onderdak/estimation/hidden_population.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/indicators/origin.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"
#include "running_server.h"
#include "test_support.h"

namespace onderdak::api {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenStore("sqlite::memory:"));
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    running_.Start(*store_);
    client_ = running_.client();
  }
  void TearDown() override { running_.Stop(); }

  std::unique_ptr<store::Store> store_;
  onderdak::testing::RunningServer running_;
  httplib::Client* client_ = nullptr;
};

TEST_F(ServerTest, HealthReportsTheDatabase) {
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["backend"], "sqlite");
  auto applied = store_->SchemaVersion();
  ASSERT_TRUE(applied.ok());
  EXPECT_GE(*applied, 2);
  EXPECT_EQ(j["schema_version"], *applied);
}

TEST_F(ServerTest, RegionsJson) {
  auto res = client_->Get("/api/v1/regions");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["region_count"], 43);
  ASSERT_EQ(j["regions"].size(), 43u);
  EXPECT_TRUE(j["reference"]["approximate"].get<bool>());
  int municipalities = 0;
  for (const auto& r : j["regions"]) municipalities += r["municipality_count"].get<int>();
  EXPECT_EQ(municipalities, 342);
  auto dated = client_->Get("/api/v1/regions?date=2021-01-01");
  ASSERT_TRUE(dated);
  EXPECT_EQ(nlohmann::json::parse(dated->body)["date"], "2021-01-01");
}

TEST_F(ServerTest, ANewlyImportedVersionIsServedAtOnce) {
  ASSERT_EQ(nlohmann::json::parse(client_->Get("/api/v1/regions")->body)["region_count"], 43);  // cached now
  onderdak::testing::TempDir dir;
  auto v = ingest::ImportRegions(
      *store_, dir.Write("r.csv", "gemeentecode,centrumgemeente_code\nGM0363,GM0363\nGM0362,GM0363\n"), {});
  ASSERT_TRUE(v.ok()) << v.status().message();
  auto j = nlohmann::json::parse(client_->Get("/api/v1/regions")->body);
  EXPECT_EQ(j["region_count"], 1);
  EXPECT_EQ(j["reference"]["version_id"], v->id);
}

TEST_F(ServerTest, BadParameterIs400WithErrorBody) {
  auto res = client_->Get("/api/v1/regions?date=2021-02-30");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["error"]["code"], "invalid_input");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("parameter 'date'"), std::string::npos);
}

TEST_F(ServerTest, UnknownApiPathIs404Json) {
  auto res = client_->Get("/api/v1/nothing");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(nlohmann::json::parse(res->body)["error"]["code"], "not_found");
}

TEST_F(ServerTest, DutchPageWithEnglishSwitch) {
  auto nl = client_->Get("/regios");
  ASSERT_TRUE(nl);
  EXPECT_EQ(nl->status, 200);
  EXPECT_NE(nl->body.find("<html lang=\"nl\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
  EXPECT_NE(nl->body.find("data-region=\"GM0363\""), std::string::npos);
  EXPECT_NE(nl->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  auto en = client_->Get("/regios?lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("<html lang=\"en\" class=\"utrecht-html onderdak-theme\">"), std::string::npos);
}

TEST_F(ServerTest, HomePageIsTheOverviewAndSaysWhenThereIsNoData) {
  auto home = client_->Get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_NE(home->body.find("Landelijk overzicht"), std::string::npos);
  EXPECT_NE(home->body.find("onderdak import"), std::string::npos);  // no deliveries yet
}

TEST(ServerBindTest, PortInUseIsAClearError) {
  auto store = std::move(*store::OpenStore("sqlite::memory:"));
  ServerOptions o;
  o.port = 0;
  Server first(*store, o);
  ASSERT_TRUE(first.Bind().ok());
  o.port = first.port();
  Server second(*store, o);
  auto s = second.Bind();
  EXPECT_EQ(s.code(), core::Code::kUnavailable);
  EXPECT_NE(s.message().find("cannot listen on 127.0.0.1:" + std::to_string(o.port)), std::string::npos);
}

TEST(HttpErrorTest, OneMappingForEveryCode) {
  EXPECT_EQ(HttpStatusFor(core::Code::kInvalidInput), 400);
  EXPECT_EQ(HttpStatusFor(core::Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(core::Code::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(core::Code::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(core::Code::kInternal), 500);
  EXPECT_EQ(ErrorBody("x", "a \"quoted\" message"), R"({"error":{"code":"x","message":"a \"quoted\" message"}})");
}

// Imports a small generated national dataset (2021) into the server's store; returns the
// number of deliveries imported.
int ImportGenerated(store::Store& store, const std::filesystem::path& dir, std::uint64_t seed) {
  std::array<unsigned char, ingest::kPseudonymKeyBytes> key{};
  return onderdak::testing::ImportGenerated(store, ingest::Pseudonymiser::FromKey(key),
                                            onderdak::testing::GeneratedYears(800, 2021, 2021, seed), dir);
}

TEST_F(ServerTest, IndicatorsAreServedPublicWithETags) {
  onderdak::testing::TempDir dir;
  ASSERT_GT(ImportGenerated(*store_, dir.path() / "a", 1), 10);
  auto res = client_->Get("/api/v1/indicators?period=2021H1&indicator=P1&breakdown=gender");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["period"], "2021H1");
  bool national = false, suppressed = false;
  for (const auto& f : j["figures"]) {
    EXPECT_EQ(f["indicator"], "P1");
    if (f["region"] == "NL" && f["breakdown"] == "total" && f["measure"] == "persons_on_date") {
      national = true;
      EXPECT_GT(f["value"].get<double>(), 0);
      EXPECT_EQ(f["reference_date"], "2021-01-01");
    }
    if (f["disclosure"] == "suppressed") {
      suppressed = true;
      EXPECT_TRUE(f["value"].is_null());
    } else if (f["unit"] == "persons" && !f["value"].is_null()) {
      const double v = f["value"].get<double>();
      EXPECT_TRUE(v == 0 || v >= 5) << "a published count below 5: " << f.dump();
    }
  }
  EXPECT_TRUE(national);
  EXPECT_TRUE(suppressed);  // 800 persons over 43 regions by gender: small cells exist

  const std::string etag = res->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again =
      client_->Get("/api/v1/indicators?period=2021H1&indicator=P1&breakdown=gender", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);

  // New data: a new ETag and new figures.
  ImportGenerated(*store_, dir.path() / "b", 2);
  auto after =
      client_->Get("/api/v1/indicators?period=2021H1&indicator=P1&breakdown=gender", {{"If-None-Match", etag}});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_NE(after->get_header_value("ETag"), etag);

  auto csv = client_->Get("/api/v1/indicators?period=2021H1&indicator=P1&format=csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.substr(0, csv->body.find('\n')),
            "indicator,region,period,reference_date,breakdown,value,numerator,denominator,status,measure,unit,"
            "delivered,expected,disclosure,note,coverage_unit,missing,carried_from,carried,definition");
}

TEST_F(ServerTest, IndicatorsRefuseBadParametersWithA400) {
  for (const char* path :
       {"/api/v1/indicators", "/api/v1/indicators?period=2021Q1", "/api/v1/indicators?period=2021H1&indicator=X9",
        "/api/v1/indicators?period=2021H1&region=GM9999", "/api/v1/indicators?period=2021H1&colour=red",
        "/api/v1/indicators?period=2021H1&format=pdf", "/api/v1/indicators?period=2021H1&breakdown=shoe_size"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path << ": " << res->body;
    auto j = nlohmann::json::parse(res->body);
    EXPECT_EQ(j["error"]["code"], "invalid_input") << path;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << path;
  }
}

}  // namespace
}  // namespace onderdak::api

namespace onderdak::api {
namespace {

// The API additions of issue 6 and the dashboard pages, on one imported dataset: generated
// and imported once for the suite (CTest runs the suite in one process, tests/CMakeLists.txt),
// a fresh server for each test. No test here writes to the store.
class DashboardApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new onderdak::testing::TempDir();
    store_ = store::OpenStore("sqlite:" + (dir_->path() / "d.db").string())->release();
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    ASSERT_GT(ImportGenerated(*store_, dir_->path() / "gen", 3), 10);
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }
  void SetUp() override {
    running_.Start(*store_);
    client_ = running_.client();
  }
  void TearDown() override { running_.Stop(); }
  nlohmann::json GetJson(const std::string& path, int status = 200) {
    auto res = client_->Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    return nlohmann::json::parse(res->body);
  }
  void Expect400(const std::string& path) {
    auto j = GetJson(path, 400);
    EXPECT_EQ(j["error"]["code"], "invalid_input") << path;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << path;
  }

  static onderdak::testing::TempDir* dir_;
  static store::Store* store_;
  onderdak::testing::RunningServer running_;
  httplib::Client* client_ = nullptr;
};
onderdak::testing::TempDir* DashboardApiTest::dir_ = nullptr;
store::Store* DashboardApiTest::store_ = nullptr;

TEST_F(DashboardApiTest, PeriodsAreTheDeliveredOnesWithAnETag) {
  auto res = client_->Get("/api/v1/periods");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  auto j = nlohmann::json::parse(res->body);
  std::vector<std::string> halves;
  for (const auto& p : j["periods"]) {
    if (p["kind"] == "half_year") halves.push_back(p["period"]);
    EXPECT_GT(p["deliveries"].get<int>(), 0);
    EXPECT_LE(p["regions"].get<int>(), 43);
  }
  EXPECT_EQ(halves, (std::vector<std::string>{"2021H1", "2021H2"}));
  EXPECT_EQ(j["latest_half_year"], "2021H2");
  EXPECT_EQ(j["periods"][0]["first"], "2021-01-01");
  auto again = client_->Get("/api/v1/periods", {{"If-None-Match", res->get_header_value("ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  Expect400("/api/v1/periods?period=2021H1");
}

TEST_F(DashboardApiTest, MunicipalitiesOfOneRegion) {
  auto regions = GetJson("/api/v1/regions");
  auto j = GetJson("/api/v1/regions/GM0363/municipalities");
  EXPECT_EQ(j["region"]["code"], "GM0363");
  EXPECT_EQ(j["region"]["name"], "Amsterdam");
  int expected = 0;
  for (const auto& r : regions["regions"]) {
    if (r["code"] == "GM0363") expected = r["municipality_count"];
  }
  ASSERT_GT(expected, 1);
  EXPECT_EQ(j["municipality_count"], expected);
  ASSERT_EQ(j["municipalities"].size(), static_cast<std::size_t>(expected));
  int centres = 0;
  for (const auto& m : j["municipalities"]) {
    centres += m["centrumgemeente"].get<bool>() ? 1 : 0;
    EXPECT_TRUE(m["centroid"].is_object()) << m.dump();
  }
  EXPECT_EQ(centres, 1);
  EXPECT_EQ(GetJson("/api/v1/regions/GM0363/municipalities?date=2021-01-01")["date"], "2021-01-01");
  // GM0362 (Amstelveen) is a municipality but not a region.
  EXPECT_EQ(GetJson("/api/v1/regions/GM0362/municipalities", 404)["error"]["code"], "not_found");
  Expect400("/api/v1/regions/AMS/municipalities");
  Expect400("/api/v1/regions/GM0363/municipalities?date=2021-13-01");
  Expect400("/api/v1/regions/GM0363/municipalities?colour=red");
}

TEST_F(DashboardApiTest, CompletenessPerRegionAgreesWithA7) {
  auto res = client_->Get("/api/v1/completeness?period=2021H1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["period"], "2021H1");
  EXPECT_EQ(j["region_count"], 43);
  ASSERT_EQ(j["regions"].size(), 43u);
  int delivered_regions = 0;
  for (const auto& r : j["regions"]) {
    int delivered = 0;
    for (const auto& o : r["organisations"]) delivered += o["delivered"].get<bool>() ? 1 : 0;
    EXPECT_EQ(r["organisations_delivered"], delivered) << r.dump();
    EXPECT_EQ(r["organisations_expected"], r["organisations"].size()) << r.dump();
    EXPECT_EQ(r["delivered"], delivered > 0);
    EXPECT_EQ(r["status"], delivered == 0                                        ? "missing"
                           : delivered == r["organisations_expected"].get<int>() ? "complete"
                                                                                 : "partial");
    delivered_regions += delivered > 0 ? 1 : 0;
  }
  EXPECT_GT(delivered_regions, 0);
  EXPECT_EQ(j["regions_delivered"], delivered_regions);
  // The same counts from the stored deliveries themselves (§5.3): per region, the
  // organisations with a current delivery covering 2021H1, of those whose first delivery
  // starts on or before its last day.
  store::DeliveryFilter current;
  current.current_only = true;
  auto deliveries = store_->ListDeliveries(current);
  ASSERT_TRUE(deliveries.ok());
  const core::Date first = *core::Date::Parse("2021-01-01"), last = *core::Date::Parse("2021-06-30");
  std::map<std::string, std::set<std::string>> delivered_by, expected_by;
  for (const auto& d : *deliveries) {
    if (d.period_first <= last) expected_by[d.region].insert(d.organisation);
    if (d.period_first <= last && d.period_last >= first) delivered_by[d.region].insert(d.organisation);
  }
  int regions_from_store = 0;
  for (const auto& r : j["regions"]) {
    const std::string code = r["code"];
    EXPECT_EQ(r["organisations_delivered"].get<std::size_t>(), delivered_by[code].size()) << code;
    EXPECT_EQ(r["organisations_expected"].get<std::size_t>(), expected_by[code].size()) << code;
    regions_from_store += delivered_by[code].empty() ? 0 : 1;
  }
  EXPECT_EQ(j["regions_delivered"], regions_from_store);
  // The same as A7's national figure.
  auto a7 = GetJson("/api/v1/indicators?period=2021H1&indicator=A7");
  for (const auto& f : a7["figures"]) {
    if (f["region"] == "NL" && f["measure"] == "regions_delivered" && f["breakdown"] == "total") {
      EXPECT_EQ(f["value"].get<int>(), delivered_regions);
    }
  }
  auto again = client_->Get("/api/v1/completeness?period=2021H1", {{"If-None-Match", res->get_header_value("ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  Expect400("/api/v1/completeness");
  Expect400("/api/v1/completeness?period=2021Q3");
  Expect400("/api/v1/completeness?period=2021H1&region=GM0363");
}

// Counted beside estimated (issue 5): every region with what the estimation layer gives
// for it, published by the rules of ADR 0011, and the national sum of the reliable ones.
TEST_F(DashboardApiTest, EstimatesAreCountedBesideEstimatedForEveryRegion) {
  const auto j = GetJson("/api/v1/estimates?date=2021-07-01");
  EXPECT_EQ(j["window"]["reference_date"], "2021-07-01");
  EXPECT_EQ(j["method"]["url"], "/methode");
  ASSERT_EQ(j["regions"].size(), 43u);
  store::DeliveryFilter current;
  current.current_only = true;
  auto data = store_->LoadDataset(current);
  ASSERT_TRUE(data.ok());
  std::vector<std::string> codes;
  for (const auto& r : j["regions"]) codes.push_back(r["region"]);
  const auto day = *core::Date::Parse("2021-07-01");
  auto direct = estimation::EstimateRegions(*data, codes, day, day);
  ASSERT_TRUE(direct.ok());
  int reliable = 0;
  std::int64_t counted_reliable = 0;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto& r = j["regions"][i];
    const auto& e = direct->regions[i];
    SCOPED_TRACE(codes[i]);
    const std::string status = r["estimate"]["status"];
    if (e.table && e.counted < 5) {
      EXPECT_EQ(status, "suppressed");
      EXPECT_TRUE(r["counted"].is_null());
      continue;
    }
    if (e.table) {
      EXPECT_EQ(r["counted"], e.counted);
    }
    if (!e.estimated()) {
      EXPECT_EQ(status, "unavailable");
      EXPECT_EQ(r["estimate"]["reason"], e.unavailable);
    } else if (e.reliable()) {
      EXPECT_EQ(status, "reliable");
      EXPECT_EQ(r["estimate"]["n_hat"], std::llround(e.choice->best().n_hat));
      EXPECT_GE(r["estimate"]["n_hat"].get<std::int64_t>(), e.counted);
      ++reliable;
      counted_reliable += e.counted;
    } else {
      EXPECT_EQ(status, "too_uncertain");
      EXPECT_TRUE(r["estimate"]["n_hat"].is_null());
    }
  }
  EXPECT_EQ(j["national"]["regions_summed"], reliable);
  EXPECT_EQ(j["national"]["counted_in_summed"], counted_reliable);
  EXPECT_EQ(j["national"]["regions_total"], 43);

  const auto one = GetJson("/api/v1/estimates?date=2021-07-01&region=GM0363");
  ASSERT_EQ(one["regions"].size(), 1u);
  EXPECT_EQ(one["regions"][0]["region"], "GM0363");
  // Without a window: the first day of the latest half-year delivered.
  EXPECT_EQ(GetJson("/api/v1/estimates")["window"]["reference_date"], "2021-07-01");
  EXPECT_EQ(GetJson("/api/v1/estimates?period=2021H2")["window"]["period"], "2021H2");

  auto res = client_->Get("/api/v1/estimates?date=2021-07-01");
  ASSERT_TRUE(res);
  auto again = client_->Get("/api/v1/estimates?date=2021-07-01", {{"If-None-Match", res->get_header_value("ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  Expect400("/api/v1/estimates?period=2021H3");
  Expect400("/api/v1/estimates?date=2021-02-30");
  Expect400("/api/v1/estimates?date=2021-01-01&period=2021");
  Expect400("/api/v1/estimates?region=GM9999");
  Expect400("/api/v1/estimates?criterion=best");
  Expect400("/api/v1/estimates?colour=red");
}

// The overview's figures as JSON, and on the page the counted and estimated figures with
// a link to the method, which is a page of its own in both languages.
TEST_F(DashboardApiTest, OverviewShowsCountedBesideEstimatedWithTheMethod) {
  const auto o = GetJson("/api/v1/overview?period=2021H2");
  EXPECT_EQ(o["period"], "2021H2");
  EXPECT_EQ(o["regions_total"], 43);
  // Counted beside estimated is of the estimate's population, ETHOS 1-3, whatever the
  // definition (ADR 0023); the default P1 (monitor) is another figure.
  EXPECT_EQ(o["definition"], "monitor");
  const auto p1 = GetJson("/api/v1/indicators?period=2021H2&indicator=P1&definition=ethos-1-3");
  bool found = false;
  for (const auto& f : p1["figures"]) {
    if (f["region"] == "NL" && f["measure"] == "persons_on_date" && f["breakdown"] == "total") {
      found = true;
      EXPECT_EQ(o["hidden"]["counted"]["value"], f["value"]);
    }
  }
  EXPECT_TRUE(found);
  const auto e = GetJson("/api/v1/estimates?date=2021-07-01");
  EXPECT_EQ(o["hidden"]["regions_summed"], e["national"]["regions_summed"]);
  EXPECT_EQ(o["hidden"]["n_hat"], e["national"]["n_hat"]);
  Expect400("/api/v1/overview?period=2021H5");
  Expect400("/api/v1/overview?colour=red");

  auto page = client_->Get("/?period=2021H2");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("id=\"hidden\""), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/methode?lang=nl\""), std::string::npos);
  auto method = client_->Get("/methode");
  ASSERT_TRUE(method);
  EXPECT_EQ(method->status, 200);
  EXPECT_NE(method->body.find("Schatting van verborgen dakloosheid"), std::string::npos);
  EXPECT_NE(method->body.find("id=\"publication-rule\""), std::string::npos);
  auto method_en = client_->Get("/methode?lang=en");
  ASSERT_TRUE(method_en);
  EXPECT_NE(method_en->body.find("Estimating hidden homelessness"), std::string::npos);
}

TEST_F(DashboardApiTest, CsvDownloadIsWhatTheCliGivesForTheSameQuery) {
  // 2021H2: with this seed GM0363 first delivers then (before it, none of its
  // organisations was expected yet, so the region has no figures for 2021H1).
  auto res = client_->Get("/api/v1/indicators?period=2021H2&region=GM0363&format=csv");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"indicatoren-2021H2-GM0363.csv\"");
  // What `onderdak indicators --period 2021H2 --region GM0363 --public --format csv` computes.
  auto reference = store_->LoadReferenceSet(1);
  ASSERT_TRUE(reference.ok());
  indicators::Request request;
  request.period = *core::Period::Parse("2021H2");
  request.region = "GM0363";
  for (const auto& r : reference->regions()) request.expected_regions.push_back(r.code);
  request.municipality_regions = indicators::MunicipalityRegions(*reference);  // P13, as the CLI
  store::DeliveryFilter current;
  current.current_only = true;
  auto data = store_->LoadDataset(current);
  ASSERT_TRUE(data.ok());
  auto figures = indicators::Compute(*data, request);
  ASSERT_TRUE(figures.ok());
  indicators::ApplyDisclosureControl(*figures, indicators::DisclosureOptions{});
  ASSERT_GT(figures->size(), 10u);
  EXPECT_EQ(res->body, indicators::RenderCsv(*figures));
}

TEST_F(DashboardApiTest, XlsxDownloadIsAWorkbookOfThePublicFigures) {
  auto res = client_->Get("/api/v1/indicators?period=2021H1&indicator=P1&format=xlsx");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"indicatoren-2021H1.xlsx\"");
  ASSERT_GT(res->body.size(), 1000u);
  EXPECT_EQ(res->body.substr(0, 2), "PK");  // a zip container, as XLSX is
  EXPECT_NE(res->body.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_FALSE(res->get_header_value("ETag").empty());
}

TEST_F(DashboardApiTest, MapPageHasATileForEveryRegionAndRefusesUnknownMeasures) {
  auto res = client_->Get("/kaart?measure=P6.to_housing_share&period=2021H1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string& html = res->body;
  std::size_t tiles = 0;
  for (auto at = html.find("<a class=\"tile\""); at != std::string::npos; at = html.find("<a class=\"tile\"", at + 1)) {
    ++tiles;
  }
  EXPECT_EQ(tiles, 43u);
  EXPECT_NE(html.find("value=\"P6.to_housing_share\" selected"), std::string::npos);
  EXPECT_NE(html.find("<script src=\"/assets/map.js\" defer>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);  // no inline script (CSP)
  EXPECT_EQ(client_->Get("/kaart?measure=P99.nothing")->status, 400);
  EXPECT_EQ(client_->Get("/kaart?period=2021Q1")->status, 400);
}

TEST_F(DashboardApiTest, RegionPageShowsEveryIndicatorAndIs404ForOtherCodes) {
  auto res = client_->Get("/regio/GM0363?lang=en");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  for (const char* id : {"P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "P12", "A1", "A2", "A3",
                         "A4", "A5", "A6", "A7"}) {
    EXPECT_NE(res->body.find(std::string("id=\"ind-") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(res->body.find("href=\"/api/v1/indicators?period=2021H2&amp;region=GM0363&amp;format=xlsx\""),
            std::string::npos);
  EXPECT_NE(res->body.find("id=\"completeness-table\""), std::string::npos);
  EXPECT_EQ(client_->Get("/regio/GM0362")->status, 404);
  EXPECT_EQ(client_->Get("/regio/nothing")->status, 404);
}

TEST_F(DashboardApiTest, ComparePageAndLocalAssets) {
  auto res = client_->Get("/vergelijk?period=2021H2&measure=P1.persons_on_date&measure=A2.places_realised");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->body.find("data-measure=\"A2.places_realised\""), std::string::npos);
  EXPECT_NE(res->body.find("aria-sort=\"ascending\""), std::string::npos);
  EXPECT_EQ(client_->Get("/vergelijk?measure=nope")->status, 400);
  auto js = client_->Get("/assets/compare.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  auto chart = client_->Get("/assets/vendor/chart.umd.js");
  ASSERT_TRUE(chart);
  EXPECT_EQ(chart->status, 200);
  EXPECT_NE(chart->body.find("Chart"), std::string::npos);
  // The NL Design System's components as one stylesheet, and onderdak's theme (ADR 0035).
  auto nlds = client_->Get("/assets/vendor/nl-design-system.css");
  ASSERT_TRUE(nlds);
  EXPECT_EQ(nlds->status, 200);
  EXPECT_EQ(nlds->get_header_value("Content-Type"), "text/css; charset=utf-8");
  for (const char* part : {".utrecht-html table", ".utrecht-alert--warning", ".utrecht-skip-link",
                           ".utrecht-page-header", ".utrecht-page-footer"}) {
    EXPECT_NE(nlds->body.find(part), std::string::npos) << part;
  }
  // The browser's copy is revalidated without the body being sent again.
  const std::string etag = nlds->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = client_->Get("/assets/vendor/nl-design-system.css", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto theme = client_->Get("/assets/theme.css");
  ASSERT_TRUE(theme);
  EXPECT_EQ(theme->status, 200);
  EXPECT_NE(theme->body.find("--utrecht-document-font-family"), std::string::npos);
  EXPECT_NE(res->body.find("<link rel=\"stylesheet\" href=\"/assets/vendor/nl-design-system.css\">"),
            std::string::npos);
  for (const char* path : {"/assets/..%2Fpackage.json", "/assets/../package.json", "/assets/nothing.js",
                           "/assets/vendor/other.js", "/assets/map.html"}) {
    auto r = client_->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
  }
}

}  // namespace
}  // namespace onderdak::api
