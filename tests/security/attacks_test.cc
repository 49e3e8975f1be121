// Attacks tried against a running server and refused (issue 7): SQL injection in every
// parameter, path traversal in upload names and zip entries, CSRF, session fixation,
// brute force, oversized bodies, a token of region A used on region B, and secrets in logs.
#include <fstream>

#include "onderdak/auth/accounts.h"
#include "onderdak/auth/audit.h"
#include "security_fixture.h"

namespace onderdak::testing {
namespace {

class AttacksTest : public SecurityServer {};

std::int64_t AuditCount(store::Store& s) {
  auto entries = s.Accounts().ListAudit();
  return entries.ok() ? static_cast<std::int64_t>(entries->size()) : -1;
}

TEST_F(AttacksTest, SqlInjectionInEveryParameterIsJustAValue) {
  const Login steward = LogIn("region_steward");
  ASSERT_FALSE(steward.cookie.empty());
  const std::vector<std::string> payloads = {"' OR '1'='1", "GM0363' --", "1; DROP TABLE users; --",
                                             "GM0363\" OR 1=1 --", "%27%20OR%201%3D1"};
  const std::vector<std::string> templates = {"/api/v1/indicators?period=2021H1&region={}",
                                              "/api/v1/indicators?period={}",
                                              "/api/v1/indicators?period=2021H1&indicator={}",
                                              "/api/v1/indicators?period=2021H1&breakdown={}",
                                              "/api/v1/completeness?period={}",
                                              "/api/v1/regions?date={}",
                                              "/api/v1/estimates?region={}",
                                              "/api/v1/deliveries?region={}",
                                              "/api/v1/deliveries?period={}",
                                              "/api/v1/regions/{}/figures?period=2021H1",
                                              "/api/v1/regions/GM0363/figures?period=2021H1&indicator={}",
                                              "/kaart?measure={}",
                                              "/vergelijk?period={}"};
  const auto users_before = store_->Accounts().ListUsers();
  ASSERT_TRUE(users_before.ok());
  for (const auto& t : templates) {
    for (const auto& p : payloads) {
      const std::string path =
          t.substr(0, t.find("{}")) + httplib::detail::encode_query_param(p) + t.substr(t.find("{}") + 2);
      auto res = client_->Get(path, HeadersFor(steward));
      ASSERT_TRUE(res) << path;
      // Refused as a bad value (or "not yours"), never a server error, never data.
      EXPECT_TRUE(res->status == 400 || res->status == 403 || res->status == 404 ||
                  (res->status == 200 && t.starts_with("/api/v1/deliveries") &&
                   nlohmann::json::parse(res->body)["deliveries"].empty()))
          << path << " -> " << res->status << " " << res->body.substr(0, 200);
    }
  }
  // The login takes the username as a value too.
  for (const auto& p : payloads) {
    nlohmann::json body = {{"username", p}, {"password", p}};
    auto res = client_->Post("/api/v1/session", body.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  auto users_after = store_->Accounts().ListUsers();
  ASSERT_TRUE(users_after.ok());
  EXPECT_EQ(users_after->size(), users_before->size());
  EXPECT_TRUE(auth::VerifyAuditChain(store_->Accounts())->ok());
}

TEST_F(AttacksTest, PathTraversalInUploadNamesAndZipEntriesIsRefused) {
  const Login steward = LogIn("region_steward");
  // A name that climbs out is only a label: the delivery is stored, nothing is written
  // outside the server's private temporary folder.
  const auto outside = std::filesystem::temp_directory_path() / "onderdak-escaped.zip";
  std::filesystem::remove(outside);
  auto res = client_->Post("/api/v1/deliveries?name=../../onderdak-escaped.zip", HeadersFor(steward),
                           DeliveryZip({{"manifest.json", ManifestFor(kOwnRegion, "KVK-2")}}), "application/zip");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_FALSE(std::filesystem::exists(outside));
  const auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["delivery"]["source"], "upload:region_steward/onderdak-escaped.zip");

  // A zip entry that climbs out is refused by the importer's reader, and nothing is stored.
  TempDir evil;
  std::filesystem::create_directories(evil.path() / "d");
  std::ofstream(evil.path() / "d" / "manifest.json") << ManifestFor(kOwnRegion);
  std::ofstream(evil.path() / "persons.csv") << kValidDelivery.at("persons.csv");
  const auto zip = evil.path() / "evil.zip";
  ASSERT_TRUE(ingest::ZipFolder(evil.path() / "d", {"manifest.json", "../persons.csv"}, zip).ok());
  ASSERT_NE(ReadFile(zip).find("../persons.csv"), std::string::npos) << "the entry name should climb out";
  auto before = store_->ListDeliveries({});
  auto bad = client_->Post("/api/v1/deliveries", HeadersFor(steward), ReadFile(zip), "application/zip");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
  EXPECT_EQ(store_->ListDeliveries({})->size(), before->size());
}

TEST_F(AttacksTest, CsrfIsRefused) {
  const Login admin = LogIn("administrator");
  ASSERT_FALSE(admin.cookie.empty());
  const nlohmann::json user = {{"username", "mallory"}, {"role", "national_analyst"}, {"password", kPassword}};
  // Without the token, with a wrong one, and from another origin: refused, nothing stored.
  auto none = client_->Post("/api/v1/users", HeadersFor(admin, false), user.dump(), "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 403);
  Login wrong = admin;
  wrong.csrf = std::string(admin.csrf.size(), 'A');
  auto bad = client_->Post("/api/v1/users", HeadersFor(wrong), user.dump(), "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  auto headers = HeadersFor(admin);
  headers.emplace("Origin", "https://evil.example");
  auto cross = client_->Post("/api/v1/users", headers, user.dump(), "application/json");
  ASSERT_TRUE(cross);
  EXPECT_EQ(cross->status, 403);
  EXPECT_EQ(store_->Accounts().GetUser("mallory").status().code(), core::Code::kNotFound);
  // A cross-site form can only send a form: the JSON login refuses it.
  auto form =
      client_->Post("/api/v1/session", "username=administrator&password=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 400);
  // With the token it works.
  auto ok = client_->Post("/api/v1/users", HeadersFor(admin), user.dump(), "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
}

TEST_F(AttacksTest, SessionFixationIsUseless) {
  // A session planted before the login (an old one, or an invented id) is not the one the
  // login returns, and the old one no longer works afterwards.
  const Login first = LogIn("region_steward");
  ASSERT_FALSE(first.cookie.empty());
  nlohmann::json body = {{"username", "region_steward"}, {"password", kPassword}};
  httplib::Headers planted = {{"Cookie", first.cookie}};
  auto res = client_->Post("/api/v1/session", planted, body.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string fresh = res->get_header_value("Set-Cookie");
  EXPECT_EQ(fresh.find(first.cookie), std::string::npos);
  EXPECT_NE(fresh.find("HttpOnly"), std::string::npos);
  EXPECT_NE(fresh.find("SameSite=Strict"), std::string::npos);
  auto me = client_->Get("/api/v1/session", planted);
  ASSERT_TRUE(me);
  EXPECT_TRUE(nlohmann::json::parse(me->body)["user"].is_null()) << "the planted session still works";
  // An invented cookie is nobody.
  auto invented =
      client_->Get("/api/v1/session", {{"Cookie", "onderdak_sessie=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
  ASSERT_TRUE(invented);
  EXPECT_TRUE(nlohmann::json::parse(invented->body)["user"].is_null());
  // Logging out ends the session on the server, not only in the browser.
  Login second;
  second.cookie = fresh.substr(0, fresh.find(';'));
  second.csrf = nlohmann::json::parse(res->body)["csrf"];
  auto out = client_->Delete("/api/v1/session", HeadersFor(second));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  auto after = client_->Get("/api/v1/deliveries", HeadersFor(second));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(AttacksTest, BruteForceLocksTheAccountEvenForTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    nlohmann::json body = {{"username", "national_analyst"}, {"password", "guess number " + std::to_string(i)}};
    auto res = client_->Post("/api/v1/session", body.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  nlohmann::json right = {{"username", "national_analyst"}, {"password", kPassword}};
  auto locked = client_->Post("/api/v1/session", right.dump(), "application/json");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429);
  EXPECT_EQ(locked->get_header_value("Retry-After"), "900");
  // Other accounts are not locked by it.
  EXPECT_FALSE(LogIn("region_steward").cookie.empty());
  // Every failure and the lock are in the audit log, without the guessed passwords.
  auto entries = store_->Accounts().ListAudit();
  ASSERT_TRUE(entries.ok());
  int failed = 0, lock = 0;
  for (const auto& e : *entries) {
    failed += e.action == "login.failed";
    lock += e.action == "login.locked";
    EXPECT_EQ(e.detail.find("guess number"), std::string::npos);
  }
  EXPECT_EQ(failed, 5);
  EXPECT_EQ(lock, 1);
  // An unknown username is recorded as "?": it may be a password typed in the wrong field.
  nlohmann::json typo = {{"username", "my secret pass phrase"}, {"password", "x"}};
  (void)client_->Post("/api/v1/session", typo.dump(), "application/json");
  const std::string db_bytes = ReadFile(db_);
  EXPECT_EQ(db_bytes.find("my secret pass phrase"), std::string::npos);
  EXPECT_EQ(db_bytes.find("guess number"), std::string::npos);
  EXPECT_EQ(db_bytes.find(kPassword), std::string::npos);
}

class SmallBodyTest : public SecurityServer {
  void Configure(api::ServerOptions& o) override { o.max_body_bytes = 64 * 1024; }
};

TEST_F(SmallBodyTest, OversizedBodiesAreRefusedBeforeTheHandler) {
  const Login steward = LogIn("region_steward");
  ASSERT_FALSE(steward.cookie.empty());
  const auto before = AuditCount(*store_);
  auto res = client_->Post("/api/v1/deliveries", HeadersFor(steward), std::string(200 * 1024, 'P'), "application/zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(AuditCount(*store_), before) << "the handler ran";
  // The login body is limited on its own, far below the server's limit.
  nlohmann::json big = {{"username", std::string(8000, 'a')}, {"password", "x"}};
  auto login = client_->Post("/api/v1/session", big.dump(), "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 400);
}

TEST_F(AttacksTest, ATokenOfOneRegionDoesNotWorkOnAnother) {
  auth::Accounts accounts(*store_);
  auto token = accounts.CreateToken("provider_uploader", "machine upload", {"test", "test"});
  ASSERT_TRUE(token.ok());
  Login machine;
  machine.bearer = token->secret;
  // Its own region: accepted (tokens need no CSRF token: they are not sent by browsers).
  auto own = client_->Post("/api/v1/deliveries", HeadersFor(machine),
                           DeliveryZip({{"manifest.json", ManifestFor(kOwnRegion, "KVK-1")}}), "application/zip");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 201) << own->body;
  const auto count = store_->ListDeliveries({})->size();
  // Another region, or another organisation: refused, nothing stored.
  auto other = client_->Post("/api/v1/deliveries", HeadersFor(machine),
                             DeliveryZip({{"manifest.json", ManifestFor(kOtherRegion, "KVK-1")}}), "application/zip");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  auto org = client_->Post("/api/v1/deliveries", HeadersFor(machine),
                           DeliveryZip({{"manifest.json", ManifestFor(kOwnRegion, "KVK-9")}}), "application/zip");
  ASSERT_TRUE(org);
  EXPECT_EQ(org->status, 403);
  EXPECT_EQ(store_->ListDeliveries({})->size(), count);
  auto figures = client_->Get(std::string("/api/v1/deliveries?region=") + kOtherRegion, HeadersFor(machine));
  ASSERT_TRUE(figures);
  EXPECT_EQ(figures->status, 403);
  // Revoked: the token is nobody, and says so.
  ASSERT_TRUE(accounts.RevokeToken(token->record.id, {"test", "test"}).ok());
  auto revoked = client_->Get("/api/v1/deliveries", HeadersFor(machine));
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 401);
  EXPECT_EQ(revoked->body.find(token->secret), std::string::npos);
  // The token itself is nowhere in the database.
  EXPECT_EQ(ReadFile(db_).find(token->secret), std::string::npos);
}

TEST_F(AttacksTest, UploadsAndDrillDownsAreAudited) {
  const Login steward = LogIn("region_steward");
  auto up = client_->Post("/api/v1/deliveries", HeadersFor(steward),
                          DeliveryZip({{"manifest.json", ManifestFor(kOwnRegion, "KVK-3")}}), "application/zip");
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 201) << up->body;
  auto rec = client_->Get("/api/v1/regions/GM0363/records?period=2021H1&indicator=P1&measure=persons_in_period",
                          HeadersFor(steward));
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->status, 200) << rec->body;
  const auto records = nlohmann::json::parse(rec->body)["records"];
  ASSERT_FALSE(records.empty());
  for (const auto& r : records) EXPECT_EQ(r["pseudonym"].get<std::string>().substr(0, 2).size(), 2u);
  EXPECT_EQ(rec->body.find("111222333"), std::string::npos) << "a BSN in the drill-down";
  auto entries = store_->Accounts().ListAudit();
  ASSERT_TRUE(entries.ok());
  std::set<std::string> actions;
  std::set<std::string> uploads;  // objects of the upload entries
  for (const auto& e : *entries) {
    if (e.actor != "region_steward") continue;
    actions.insert(e.action);
    if (e.action == "delivery.upload") uploads.insert(e.object);
  }
  EXPECT_TRUE(actions.count("login"));
  // Written with the delivery, in its transaction, naming it.
  const auto id = nlohmann::json::parse(up->body)["delivery"]["id"].get<std::int64_t>();
  EXPECT_EQ(uploads, std::set<std::string>{"delivery:" + std::to_string(id)});
  EXPECT_TRUE(actions.count("export.records"));
  EXPECT_TRUE(auth::VerifyAuditChain(store_->Accounts())->ok());
}

// Issue 19 item 2: a wrong manifest field does not hide the files' errors; each error
// comes with its file, line, column, rule, a fix in Dutch and English and a suggestion.
TEST_F(AttacksTest, AnUploadShowsEveryErrorAtOnceWithItsFix) {
  const Login uploader = LogIn("provider_uploader");
  ASSERT_FALSE(uploader.cookie.empty());
  const auto before = store_->ListDeliveries({})->size();
  auto bad = client_->Post(
      "/api/v1/deliveries?name=sloppy.zip", HeadersFor(uploader),
      DeliveryZip({{"manifest.json", R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-1",
                                        "period": "2021H1", "created": "2021-07-02"})"},
                   {"service_episodes.csv",
                    "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n"
                    "S-1,P-1,24uursopvang,,Amsterdam,2021-03-10,,\n"}}),
      "application/zip");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  const auto j = nlohmann::json::parse(bad->body);
  ASSERT_EQ(j["errors"].size(), 2u) << bad->body;
  ASSERT_EQ(j["findings"].size(), 2u) << bad->body;
  EXPECT_EQ(j["findings"][0]["file"], "manifest.json");
  EXPECT_EQ(j["findings"][0]["column"], "created");
  EXPECT_EQ(j["findings"][0]["rule"], "manifest");
  const auto& municipality = j["findings"][1];
  EXPECT_EQ(municipality["file"], "service_episodes.csv");
  EXPECT_EQ(municipality["line"], 2);
  EXPECT_EQ(municipality["column"], "municipality");
  EXPECT_EQ(municipality["rule"], "municipality");
  EXPECT_EQ(municipality["suggestion"], "GM0363");
  EXPECT_EQ(municipality["message"], j["errors"][1]);
  EXPECT_NE(municipality["fix"]["nl"].get<std::string>().find("Voorstel: GM0363."), std::string::npos)
      << municipality.dump();
  EXPECT_NE(municipality["fix"]["en"].get<std::string>().find("Suggestion: GM0363."), std::string::npos);
  EXPECT_EQ(municipality["rule_title"]["nl"], "Gemeentecode");
  ASSERT_EQ(j["error_groups"].size(), 2u);
  EXPECT_EQ(j["error_groups"][1]["count"], 1);
  EXPECT_EQ(store_->ListDeliveries({})->size(), before) << "a refused upload stored something";
}

TEST_F(AttacksTest, AnUploadIsValidatedAsTheImporterDoesAndRefusedWhole) {
  const Login uploader = LogIn("provider_uploader");
  ASSERT_FALSE(uploader.cookie.empty());
  const auto before = store_->ListDeliveries({})->size();
  auto bad = client_->Post(
      "/api/v1/deliveries?name=bad.zip", HeadersFor(uploader),
      DeliveryZip({{"service_episodes.csv",
                    "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n"
                    "S-1,P-1,24uursopvang,,GM0363,2021-03-10,2021-03-01,zelfstandige_woning\n"}}),
      "application/zip");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  const auto j = nlohmann::json::parse(bad->body);
  EXPECT_FALSE(j["accepted"].get<bool>());
  ASSERT_FALSE(j["errors"].empty());
  const std::string first = j["errors"][0];
  EXPECT_NE(first.find("service_episodes.csv:2"), std::string::npos) << first;
  EXPECT_NE(first.find("end_date"), std::string::npos) << first;
  EXPECT_EQ(store_->ListDeliveries({})->size(), before) << "a refused upload stored something";
  // The refused attempt is on record all the same.
  const auto entries = store_->Accounts().ListAudit();
  ASSERT_TRUE(entries.ok());
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->back().action, "delivery.upload");
  EXPECT_EQ(entries->back().object, "delivery:none");
  EXPECT_NE(entries->back().detail.find("upload:provider_uploader/bad.zip refused: "), std::string::npos)
      << entries->back().detail;
  // Not a zip at all.
  auto junk = client_->Post("/api/v1/deliveries", HeadersFor(uploader), "hello", "application/zip");
  ASSERT_TRUE(junk);
  EXPECT_EQ(junk->status, 400);
}

}  // namespace
}  // namespace onderdak::testing
