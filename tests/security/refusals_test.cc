// HTTP-level failures are 4xx with a clear message, 500 only for real bugs (issue 16):
// bytes that are not UTF-8 in a parameter, a missing asset, caching of a logged-in
// caller's answers, parallel password guessing, and the public's new estimate windows.
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

#include "onderdak/api/rate_limit.h"
#include "onderdak/api/session.h"
#include "security_fixture.h"

namespace onderdak::testing {
namespace {

class RefusalsTest : public SecurityServer {};

TEST_F(RefusalsTest, BytesThatAreNotUtf8InAParameterAreA400WithAJsonBody) {
  for (const char* path :
       {"/api/v1/indicators?period=%ff", "/api/v1/completeness?period=%ff", "/api/v1/overview?period=%ff",
        "/api/v1/estimates?period=%ff", "/api/v1/estimates?date=%c3%28", "/api/v1/regions?date=%ff",
        "/api/v1/regions/GM0363/municipalities?date=%fe%ff", "/api/v1/indicators?period=2021H1&region=%80"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path << ": " << res->body;
    const auto j = nlohmann::json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << path << ": " << res->body;
    EXPECT_EQ(j["error"]["code"], "invalid_input") << path;
  }
}

TEST_F(RefusalsTest, AMissingAssetDoesNotShowTheServersPaths) {
  auto res = client_->Get("/assets/nonexistent.js");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_NE(res->body.find("/assets/nonexistent.js"), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find(ONDERDAK_TEST_SOURCE_DIR), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find("looked for"), std::string::npos) << res->body;
}

TEST_F(RefusalsTest, ALoggedInCallersAnswersAreNotStoredByAnyCache) {
  const Login steward = LogIn("region_steward");
  ASSERT_FALSE(steward.cookie.empty());
  for (const char* path : {"/api/v1/indicators?period=2021H1", "/api/v1/periods", "/api/v1/session"}) {
    auto mine = client_->Get(path, HeadersFor(steward));
    ASSERT_TRUE(mine) << path;
    EXPECT_EQ(mine->status, 200) << path;
    EXPECT_EQ(mine->get_header_value("Cache-Control"), "private, no-store") << path;
  }
  auto pub = client_->Get("/api/v1/indicators?period=2021H1");
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->get_header_value("Cache-Control"), "no-cache") << "public figures stay revalidatable";
}

struct LoginOutcomes {
  int refused = 0, locked = 0, other = 0;  // 401, 429, anything else
};

// `n` logins at once, each on its own connection, with the body `body(i)`.
LoginOutcomes ParallelLogins(int port, int n, const std::function<nlohmann::json(int)>& body) {
  std::atomic<int> refused{0}, locked{0}, other{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < n; ++i) {
    clients.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(120, 0);
      auto res = c.Post("/api/v1/session", body(i).dump(), "application/json");
      if (res && res->status == 401) {
        ++refused;
      } else if (res && res->status == 429) {
        ++locked;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : clients) t.join();
  return {.refused = refused.load(), .locked = locked.load(), .other = other.load()};
}

TEST_F(RefusalsTest, FortyParallelWrongLoginsGetExactlyFiveGuesses) {
  constexpr int kClients = 40;
  const auto out = ParallelLogins(server_->port(), kClients, [](int i) {
    return nlohmann::json{{"username", "national_analyst"}, {"password", "guess " + std::to_string(i)}};
  });
  EXPECT_EQ(out.refused, 5) << "password guesses checked";
  EXPECT_EQ(out.locked, kClients - 5);
  EXPECT_EQ(out.other, 0);
}

// The address lock-out too: 40 parallel wrong logins on 40 different names from one
// address get exactly max_address_failures (20) checks; the rest are locked out unread.
TEST_F(RefusalsTest, FortyParallelGuessesOnManyNamesFromOneAddressGetExactlyTwenty) {
  constexpr int kClients = 40;
  const int limit = api::SessionOptions{}.max_address_failures;
  const auto out = ParallelLogins(server_->port(), kClients, [](int i) {
    return nlohmann::json{{"username", "user" + std::to_string(i)}, {"password", "guess"}};
  });
  EXPECT_EQ(out.refused, limit) << "guesses checked from one address";
  EXPECT_EQ(out.locked, kClients - limit);
  EXPECT_EQ(out.other, 0);
}

TEST_F(RefusalsTest, AnUploadWhoseManifestHasANumberForItsRegionIsA400) {
  const Login steward = LogIn("region_steward");
  ASSERT_FALSE(steward.cookie.empty());
  const std::string zip = DeliveryZip(
      {{"manifest.json", R"({"format_version": 1, "region": 363, "organisation": "KVK-1", "organisation_name": "Test",)"
                         R"( "period": "2021H1", "created": "2021-07-02T00:00:00Z"})"}});
  auto res = client_->Post("/api/v1/deliveries", HeadersFor(steward), zip, "application/zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_NE(res->body.find("manifest.json: region: must be a string"), std::string::npos) << res->body;
}

TEST(RateLimiterTest, ABurstThenOneEveryIntervalPerClientWithBoundedMemory) {
  api::RateLimiter limit(2, std::chrono::seconds(10), 2);
  const auto t0 = api::RateLimiter::Clock::now();
  EXPECT_FALSE(limit.Take("a", t0));
  EXPECT_FALSE(limit.Take("a", t0));
  auto wait = limit.Take("a", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 10);
  EXPECT_FALSE(limit.Take("a", t0 + std::chrono::seconds(10))) << "refilled one";
  EXPECT_FALSE(limit.Take("b", t0)) << "another client has its own bucket";
  // Full (a and b are not refilled): a third client shares the overflow bucket.
  EXPECT_FALSE(limit.Take("c", t0));
  EXPECT_FALSE(limit.Take("d", t0));
  EXPECT_TRUE(limit.Take("e", t0)) << "unknown clients beyond the bound share one budget";
}

TEST_F(RefusalsTest, ThePublicsNewEstimateWindowsAreRateLimitedPerClient) {
  int ok = 0;
  std::string last_retry;
  for (int day = 1; day <= 9; ++day) {
    auto res = client_->Get("/api/v1/estimates?date=2021-07-0" + std::to_string(day));
    ASSERT_TRUE(res);
    if (res->status == 200) ++ok;
    if (res->status == 429) {
      last_retry = res->get_header_value("Retry-After");
      EXPECT_NE(res->body.find("rate_limited"), std::string::npos) << res->body;
    }
  }
  EXPECT_EQ(ok, 8) << "a burst of eight new windows";
  EXPECT_FALSE(last_retry.empty()) << "the ninth is refused with Retry-After";
  // An answer already computed costs nothing: asked again, it is served.
  auto again = client_->Get("/api/v1/estimates?date=2021-07-01");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  // A logged-in analyst is not limited.
  const Login analyst = LogIn("national_analyst");
  auto mine = client_->Get("/api/v1/estimates?date=2021-07-09", HeadersFor(analyst));
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200);
}

}  // namespace
}  // namespace onderdak::testing
