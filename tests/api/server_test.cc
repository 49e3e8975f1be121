#include "onderdak/api/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "onderdak/api/http_error.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/synth/generator.h"
#include "test_support.h"

namespace onderdak::api {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenStore("sqlite::memory:"));
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    server_ = std::make_unique<Server>(*store_, o);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { run_status_ = server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    EXPECT_TRUE(run_status_.ok()) << run_status_.message();
  }

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  core::Status run_status_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthReportsTheDatabase) {
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["backend"], "sqlite");
  EXPECT_EQ(j["schema_version"], 2);
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
  EXPECT_NE(nl->body.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(nl->body.find("data-region=\"GM0363\""), std::string::npos);
  EXPECT_NE(nl->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  auto en = client_->Get("/regios?lang=en");
  ASSERT_TRUE(en);
  EXPECT_NE(en->body.find("<html lang=\"en\">"), std::string::npos);
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
  auto reference = store.LoadReferenceSet(1);
  synth::GenerateOptions options;
  options.persons = 800;
  options.from_year = 2021;
  options.to_year = 2021;
  options.seed = seed;
  EXPECT_TRUE(synth::Generate(options, *reference, dir).ok());
  std::array<unsigned char, ingest::kPseudonymKeyBytes> key{};
  const auto pseudonymiser = ingest::Pseudonymiser::FromKey(key);
  int n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().filename() != "manifest.json") continue;
    auto report = ingest::ImportDelivery(store, pseudonymiser, e.path().parent_path());
    EXPECT_TRUE(report.ok() && report->accepted());
    ++n;
  }
  return n;
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
            "delivered,expected,disclosure,note");
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
