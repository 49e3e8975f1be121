// Issue 20 (ADR 0022): the public pages are made before anyone asks (/healthz says when),
// kept per version of the public data and sent from there (X-Onderdak-Cache: hit), never
// for a request with credentials; and a change made by another process, the CLI's
// `onderdak import` while the server runs, is served once the version check's interval
// has passed.
#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "onderdak/api/server.h"
#include "onderdak/api/shared_responses.h"
#include "running_server.h"
#include "test_support.h"

namespace onderdak::api {
namespace {

constexpr auto kInterval = std::chrono::milliseconds(200);

class ServingCacheTest : public ::testing::Test {
 protected:
  // The CLI makes the database and imports 2021: the server is another process's reader.
  static void SetUpTestSuite() {
    dir_ = new onderdak::testing::TempDir();
    ::setenv("ONDERDAK_KEY_FILE", (dir_->path() / "key").c_str(), 1);
    ASSERT_EQ(Cli("init"), 0);
    ASSERT_EQ(Cli("generate --out " + (dir_->path() / "a").string() + " --persons 1500 --from 2021 --to 2021"), 0);
    ASSERT_EQ(Cli("generate --out " + (dir_->path() / "b").string() + " --persons 1500 --from 2022 --to 2022"), 0);
    ASSERT_EQ(Cli("import --quiet " + (dir_->path() / "a").string()), 0);
  }
  static void TearDownTestSuite() { delete dir_; }

  static int Cli(const std::string& args) {
    const std::string db = "sqlite:" + (dir_->path() / "o.db").string();
    return std::system((std::string(ONDERDAK_APP_BIN) + " --db " + db + " " + args + " >/dev/null").c_str());
  }

  void Start(bool warm, std::chrono::milliseconds interval = kInterval) {
    auto s = store::OpenStore("sqlite:" + (dir_->path() / "o.db").string(), store::OpenMode::kExisting);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
    ServerOptions o;
    o.version_check_interval = interval;
    o.warm = warm;
    running_.Start(*store_, o);
    client_ = running_.client();
  }
  void TearDown() override { running_.Stop(); }

  nlohmann::json Health() {
    auto res = client_->Get("/healthz");
    EXPECT_TRUE(res && res->status == 200);
    return res ? nlohmann::json::parse(res->body) : nlohmann::json();
  }
  // Polls /healthz until warming is done (at most three minutes: debug and sanitizer
  // builds on a busy machine); its last answer.
  nlohmann::json WaitForWarming() {
    nlohmann::json h;
    for (int i = 0; i < 1800; ++i) {
      h = Health();
      EXPECT_TRUE(h["warming"] == "running" || h["warming"] == "done") << h.dump();
      if (h["warming"] == "done") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return h;
  }

  static onderdak::testing::TempDir* dir_;
  std::unique_ptr<store::Store> store_;
  onderdak::testing::RunningServer running_;
  httplib::Client* client_ = nullptr;
};
onderdak::testing::TempDir* ServingCacheTest::dir_ = nullptr;

TEST_F(ServingCacheTest, HealthSaysWhenWarmingIsDoneAndTheFirstHomePageIsSentFromTheCache) {
  Start(true);
  const auto health = WaitForWarming();
  ASSERT_EQ(health["warming"], "done");
  EXPECT_GT(health["cache"]["stored"].get<int>(), 5) << health.dump();  // "/", the map, every region ...
  const auto hits = health["cache"]["hits"].get<int>();

  auto home = client_->Get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_EQ(home->get_header_value("X-Onderdak-Cache"), "hit");
  EXPECT_NE(home->body.find("2021H2"), std::string::npos);
  EXPECT_EQ(home->get_header_value("X-Frame-Options"), "DENY");  // the security headers as ever
  EXPECT_EQ(Health()["cache"]["hits"].get<int>(), hits + 1);

  auto map = client_->Get("/kaart");
  ASSERT_TRUE(map);
  EXPECT_EQ(map->get_header_value("X-Onderdak-Cache"), "hit");
  auto overview = client_->Get("/api/v1/overview");
  ASSERT_TRUE(overview);
  EXPECT_EQ(overview->get_header_value("X-Onderdak-Cache"), "hit");
  EXPECT_EQ(overview->get_header_value("Cache-Control"), "no-cache");

  // A caller with a cookie (perhaps a session) or a token is never sent the shared answer.
  auto with_cookie = client_->Get("/", {{"Cookie", "theme=dark"}});
  ASSERT_TRUE(with_cookie);
  EXPECT_EQ(with_cookie->status, 200);
  EXPECT_FALSE(with_cookie->has_header("X-Onderdak-Cache"));
  auto with_token = client_->Get("/api/v1/overview", {{"Authorization", "Bearer nonsense"}});
  ASSERT_TRUE(with_token);
  EXPECT_EQ(with_token->status, 401);
}

TEST_F(ServingCacheTest, WithoutWarmingTheSecondRequestIsSentFromTheCache) {
  Start(false, std::chrono::minutes(1));  // fresh for the whole test, however slow the build
  EXPECT_EQ(Health()["warming"], "off");
  auto first = client_->Get("/kaart");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_FALSE(first->has_header("X-Onderdak-Cache"));
  auto second = client_->Get("/kaart");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->get_header_value("X-Onderdak-Cache"), "hit");
  EXPECT_EQ(second->body, first->body);
}

// ADR 0040: a kept answer goes compressed to a client that takes gzip (a weak ETag, Vary
// on both forms) and plain to one that does not; a revalidation with the weak ETag is a
// 304. httplib's client inflates the body; the test compares it with the plain one.
TEST_F(ServingCacheTest, AKeptAnswerIsSentCompressedToAClientThatTakesGzip) {
  Start(false, std::chrono::minutes(1));
  const std::string target = "/api/v1/indicators?period=2021H2";
  auto first = client_->Get(target);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  ASSERT_GT(first->body.size(), 1024U);

  auto zipped = client_->Get(target, {{"Accept-Encoding", "br;q=1, gzip;q=0.8"}});
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->get_header_value("X-Onderdak-Cache"), "hit");
  EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(zipped->get_header_value("ETag"), "W/" + etag);
  EXPECT_LT(std::stoul(zipped->get_header_value("Content-Length")), first->body.size() / 4) << "compressed";
  EXPECT_EQ(zipped->body, first->body);

  for (const char* refused : {"gzip;q=0", "identity", "br", "*;q=0"}) {
    auto plain = client_->Get(target, {{"Accept-Encoding", refused}});
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->get_header_value("X-Onderdak-Cache"), "hit");
    EXPECT_FALSE(plain->has_header("Content-Encoding")) << refused;
    EXPECT_EQ(plain->get_header_value("ETag"), etag);
    EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");
    EXPECT_EQ(plain->body, first->body);
  }

  auto revalidated = client_->Get(target, {{"If-None-Match", "\"other\", W/" + etag}});
  ASSERT_TRUE(revalidated);
  EXPECT_EQ(revalidated->status, 304);
  auto changed = client_->Get(target, {{"If-None-Match", "W/\"other\""}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
}

TEST_F(ServingCacheTest, AnImportByTheCliWhileServingIsServedWithinTheInterval) {
  Start(true);
  ASSERT_EQ(WaitForWarming()["warming"], "done");
  auto before = client_->Get("/api/v1/periods");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->body.find("2022H1"), std::string::npos);
  auto home_before = client_->Get("/");
  ASSERT_TRUE(home_before);
  EXPECT_EQ(home_before->body.find("2022H2"), std::string::npos);

  ASSERT_EQ(Cli("import --quiet " + (dir_->path() / "b").string()), 0);  // another process
  // A check that began before the import finished is stale one interval after it began.
  std::this_thread::sleep_for(kInterval);

  auto after = client_->Get("/api/v1/periods");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_NE(after->body.find("2022H1"), std::string::npos) << after->body;
  auto home_after = client_->Get("/");
  ASSERT_TRUE(home_after);
  EXPECT_EQ(home_after->status, 200);
  EXPECT_NE(home_after->body.find("2022H2"), std::string::npos);
}

// Targets a client makes up (?x=1, ?x=2, ...) cannot grow the shared answers without
// bound: at most 512 entries and 64 MiB, oldest first; an answer over 8 MiB is not kept.
TEST(SharedResponsesTest, BoundedInEntriesAndBytes) {
  SharedResponses shared;
  auto answer = [](std::size_t bytes) {
    auto r = std::make_shared<SharedResponse>();
    r->body = std::make_shared<const std::string>(bytes, 'x');
    return std::shared_ptr<const SharedResponse>(r);
  };
  for (int i = 0; i < 600; ++i) shared.Put("/a?x=" + std::to_string(i), "v1", answer(10));
  EXPECT_EQ(shared.Find("/a?x=0", "v1"), nullptr) << "the oldest went";
  EXPECT_EQ(shared.Find("/a?x=87", "v1"), nullptr);
  EXPECT_NE(shared.Find("/a?x=88", "v1"), nullptr) << "512 kept";
  EXPECT_NE(shared.Find("/a?x=599", "v1"), nullptr);
  EXPECT_EQ(shared.Find("/a?x=599", "v2"), nullptr) << "another version is no hit";
  // 20 answers of 4 MiB: only the newest 15 or 16 fit in 64 MiB with the small ones.
  for (int i = 0; i < 20; ++i) shared.Put("/big?x=" + std::to_string(i), "v1", answer(4u << 20));
  EXPECT_EQ(shared.Find("/big?x=0", "v1"), nullptr);
  EXPECT_EQ(shared.Find("/big?x=3", "v1"), nullptr);
  EXPECT_NE(shared.Find("/big?x=19", "v1"), nullptr);
  EXPECT_NE(shared.Find("/big?x=5", "v1"), nullptr);
  shared.Put("/huge", "v1", answer(9u << 20));
  EXPECT_EQ(shared.Find("/huge", "v1"), nullptr) << "over an eighth of the budget: not kept";
  EXPECT_NE(shared.Find("/big?x=19", "v1"), nullptr) << "and nothing was evicted for it";
}

}  // namespace
}  // namespace onderdak::api
