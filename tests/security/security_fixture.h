// A running server with one user per role, the sample delivery of GM0363 imported, and
// helpers to log in and call it: shared by the authorization matrix and the attack tests.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "onderdak/api/server.h"
#include "onderdak/auth/accounts.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/delivery_source.h"
#include "onderdak/ingest/regions_import.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::testing {

inline constexpr const char* kPassword = "correct horse battery staple";
inline constexpr const char* kOwnRegion = "GM0363";
inline constexpr const char* kOtherRegion = "GM0599";

// Who a request is made as: a session (cookie + CSRF token) or a bearer token.
struct Login {
  std::string cookie;  // "onderdak_sessie=..."
  std::string csrf;
  std::string bearer;
};

class SecurityServer : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "onderdak.db").string();
    store_ = std::move(*store::OpenStore("sqlite:" + db_));
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, ReferenceDir()).ok());
    key_file_ = dir_.path() / "key";
    ASSERT_TRUE(ingest::Pseudonymiser::CreateKeyFile(key_file_).ok());
    auto key = ingest::Pseudonymiser::FromKeyFile(key_file_);
    ASSERT_TRUE(key.ok());
    auto report = ingest::ImportDelivery(*store_, *key, WriteDelivery(dir_.path() / "own"));
    ASSERT_TRUE(report.ok() && report->accepted());
    own_delivery_ = report->delivery->id;

    auth::Accounts accounts(*store_);
    const auth::Actor actor{"test", "test"};
    auto add = [&](const std::string& name, const std::string& role, std::vector<std::string> regions,
                   const std::string& org) {
      auto u = accounts.AddUser({name, role, std::move(regions), org}, kPassword, actor);
      ASSERT_TRUE(u.ok()) << u.status().message();
    };
    add("administrator", "administrator", {}, "");
    add("national_analyst", "national_analyst", {}, "");
    add("region_steward", "region_steward", {kOwnRegion}, "");
    add("provider_uploader", "provider_uploader", {kOwnRegion}, "KVK-1");
    StartServer();
  }
  void TearDown() override { StopServer(); }

  virtual void Configure(api::ServerOptions&) {}

  void StartServer() {
    api::ServerOptions o;
    o.port = 0;
    o.threads = 4;
    o.key_file = key_file_.string();
    Configure(o);
    server_ = std::make_unique<api::Server>(*store_, o);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { (void)server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(60, 0);
  }
  void StopServer() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  // Logs `user` in with a session; an empty Login when it fails.
  Login LogIn(const std::string& user, const std::string& password = kPassword) {
    nlohmann::json body = {{"username", user}, {"password", password}};
    auto res = client_->Post("/api/v1/session", body.dump(), "application/json");
    if (!res || res->status != 200) return {};
    Login l;
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    l.cookie = set_cookie.substr(0, set_cookie.find(';'));
    l.csrf = nlohmann::json::parse(res->body)["csrf"];
    return l;
  }

  httplib::Headers HeadersFor(const Login& l, bool with_csrf = true) const {
    httplib::Headers h;
    if (!l.cookie.empty()) h.emplace("Cookie", l.cookie);
    if (!l.csrf.empty() && with_csrf) h.emplace("X-CSRF-Token", l.csrf);
    if (!l.bearer.empty()) h.emplace("Authorization", "Bearer " + l.bearer);
    return h;
  }

  // The delivery of the sample with `changes`, as zip bytes.
  std::string DeliveryZip(const std::map<std::string, std::string>& changes = {}) {
    static int n = 0;
    const auto folder = WriteDelivery(dir_.path() / ("zip" + std::to_string(++n)), changes);
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    const auto zip = dir_.path() / ("upload" + std::to_string(n) + ".zip");
    EXPECT_TRUE(ingest::ZipFolder(folder, names, zip).ok());
    return ReadFile(zip);
  }

  static std::string ManifestFor(const std::string& region, const std::string& org = "KVK-1") {
    return R"({"format_version": 1, "region": ")" + region + R"(", "organisation": ")" + org +
           R"(", "organisation_name": "Test", "period": "2021H1", "created": "2021-07-02T00:00:00Z"})";
  }

  TempDir dir_;
  std::string db_;
  std::filesystem::path key_file_;
  std::int64_t own_delivery_ = 0;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<api::Server> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace onderdak::testing
