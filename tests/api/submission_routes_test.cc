// The online submission over HTTP (ADR 0014): the whole flow through the routes and the
// access rules (steward saves, submits; analyst returns with a comment; steward edits and
// resubmits; analyst accepts; the public indicators show the figures), every refusal,
// the session form with its CSRF token, and the XLSX template and upload.
//
// The submission routes run on a server composed like api::Server's (Gatekeeper, Routes,
// the account routes for logging in, RegisterSubmissionRoutes); the public indicators are
// read from a real api::Server on the same store.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "onderdak/api/account_routes.h"
#include "onderdak/api/http_transport.h"
#include "onderdak/api/server.h"
#include "onderdak/api/session.h"
#include "onderdak/api/submission_routes.h"
#include "onderdak/auth/accounts.h"
#include "onderdak/ingest/regions_import.h"
#include "onderdak/submission/xlsx.h"
#include "onderdak/web/i18n.h"
#include "test_support.h"
#include "web/english_words.h"

namespace onderdak::api {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";

// A valid content of GM0363 for 2024H1 (every municipality is GM0363 itself, a member of
// its own region in every reference version).
json Content(int target = 120) {
  return {{"facilities",
           {{{"record_id", "F-1"}, {"name", "De Brug"}, {"municipality", "GM0363"}, {"service_type", "nachtopvang"}}}},
          {"capacity",
           {{{"record_id", "K-1"},
             {"facility_id", "F-1"},
             {"valid_from", "2024-01-01"},
             {"room_size", "eenpersoons"},
             {"rooms", 10},
             {"places", 10}},
            {{"record_id", "K-2"},
             {"facility_id", "F-1"},
             {"valid_from", "2024-01-01"},
             {"room_size", "slaapzaal"},
             {"rooms", 2},
             {"places", 12}}}},
          {"housing_projects",
           {{{"record_id", "H-1"},
             {"municipality", "GM0363"},
             {"housing_kind", "flexwoning"},
             {"places", 24},
             {"status", "gerealiseerd"},
             {"status_date", "2024-03-31"},
             {"owner", "Woonstichting X"}}}},
          {"funding_lines",
           {{{"record_id", "HF-1"}, {"project_id", "H-1"}, {"funding_line", "bzk_regeling"}, {"places_counted", 24}}}},
          {"agreements",
           {{{"record_id", "PA-1"},
             {"corporation", "Woonstichting X"},
             {"municipality", "GM0363"},
             {"covers_homeless", true},
             {"places_agreed", 30},
             {"places_realised", 12}}}},
          {"plans",
           {{{"record_id", "PL-GM0363"},
             {"plan_status", "vastgesteld"},
             {"adopted_date", "2021-03-01"},
             {"aligned_with_action_plan", "ja"},
             {"contains_wonen_eerst", "ja"},
             {"shelter_in_municipality_of_origin", "nee"},
             {"made_with_lived_experience", "ja"},
             {"lived_experience_policy", 2},
             {"lived_experience_execution", 1},
             {"target_extra_places", target}}}},
          {"budgets",
           {{{"record_id", "BU-2024-opvang"},
             {"year", 2024},
             {"budget_theme", "opvang"},
             {"budget_eur", 1000000},
             {"spent_eur", 400000}}}}};
}

class SubmissionRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenStore("sqlite::memory:"));
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    auth::Accounts accounts(*store_);
    const auth::Actor actor{"cli:test", "cli"};
    auto add = [&](std::string name, std::string role, std::vector<std::string> regions, std::string org = "") {
      auto u = accounts.AddUser({name, role, std::move(regions), std::move(org)}, kPassword, actor);
      ASSERT_TRUE(u.ok()) << u.status().message();
      auto t = accounts.CreateToken(name, "test", actor);
      ASSERT_TRUE(t.ok()) << t.status().message();
      tokens_[name] = t->secret;
    };
    add("steward_a", "region_steward", {"GM0363"});
    add("steward_b", "region_steward", {"GM0599"});
    add("analyst", "national_analyst", {});
    add("admin", "administrator", {});
    add("uploader", "provider_uploader", {"GM0363"}, "KVK-1");

    gate_ = std::make_unique<Gatekeeper>(*store_, SessionOptions{});
    routes_ = std::make_unique<Routes>(*gate_);
    RegisterAccountRoutes(*routes_, *store_, *gate_);
    RegisterSubmissionRoutes(*routes_, *store_);
    // The real server's transport (http_transport.h) carrying requests to these Routes.
    TransportOptions options;
    options.port = 0;
    http_ = std::make_unique<HttpTransport>(
        options, TransportHandlers{.admit = [this](const httplib::Request& head) { return routes_->Admit(head); },
                                   .handle =
                                       [this](const httplib::Request& req, httplib::Response& res,
                                              const std::filesystem::path* body) {
                                         if (!routes_->Dispatch(req, res, body)) res.status = 404;
                                         if (res.status == -1) res.status = 200;
                                       },
                                   .finish = [](const httplib::Request&, httplib::Response&) {},
                                   .shared = nullptr});
    ASSERT_TRUE(http_->Bind().ok());
    port_ = http_->port();
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { (void)http_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);

    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    public_ = std::make_unique<Server>(*store_, o);
    ASSERT_TRUE(public_->Bind().ok());
    public_thread_ = std::thread([this] { (void)public_->Run(); });
  }
  void TearDown() override {
    http_->Stop();
    if (thread_.joinable()) thread_.join();
    public_->Stop();
    if (public_thread_.joinable()) public_thread_.join();
  }

  httplib::Headers As(const std::string& user) { return {{"Authorization", "Bearer " + tokens_.at(user)}}; }
  static std::string Url(std::string_view region = "GM0363", std::string_view period = "2024H1") {
    return "/api/v1/submissions/" + std::string(region) + "/" + std::string(period);
  }
  httplib::Result Put(const std::string& user, const std::string& url, const json& body) {
    return client_->Put(url, As(user), body.dump(), "application/json");
  }
  httplib::Result Post(const std::string& user, const std::string& url, const json& body = json::object()) {
    return client_->Post(url, As(user), body.dump(), "application/json");
  }
  static json Body(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }

  std::unique_ptr<store::Store> store_;
  std::map<std::string, std::string> tokens_;
  std::unique_ptr<HttpTransport> http_;
  std::unique_ptr<Gatekeeper> gate_;
  std::unique_ptr<Routes> routes_;
  int port_ = 0;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  std::unique_ptr<Server> public_;
  std::thread public_thread_;
};

TEST_F(SubmissionRoutesTest, SaveSubmitReturnResubmitAcceptAndPublish) {
  auto saved = Put("steward_a", Url(), {{"version", 0}, {"content", Content(100)}});
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(Body(saved)["status"], "draft");
  EXPECT_EQ(Body(saved)["version"], 1);

  auto submitted = Post("steward_a", Url() + "/submit", {{"version", 1}});
  ASSERT_EQ(submitted->status, 200) << submitted->body;
  EXPECT_EQ(Body(submitted)["status"], "submitted");
  EXPECT_TRUE(Body(submitted)["late"].get<bool>());  // today is long after 2024-08-11

  auto returned = Post("analyst", Url() + "/return", {{"version", 2}, {"comment", "Doel klopt niet"}});
  ASSERT_EQ(returned->status, 200) << returned->body;
  EXPECT_EQ(Body(returned)["status"], "returned");
  EXPECT_EQ(Body(returned)["comment"], "Doel klopt niet");

  // The steward sees the comment, edits and resubmits.
  auto seen = client_->Get(Url(), As("steward_a"));
  ASSERT_EQ(seen->status, 200);
  EXPECT_EQ(Body(seen)["comment"], "Doel klopt niet");
  EXPECT_EQ(Body(seen)["content"]["plans"][0]["target_extra_places"], "100");
  ASSERT_EQ(Put("steward_a", Url(), {{"version", 3}, {"content", Content(120)}})->status, 200);
  ASSERT_EQ(Post("steward_a", Url() + "/submit", {{"version", 4}})->status, 200);

  // The list for the analyst: all 43 regions, 1 delivered; for a steward: its own region.
  auto list = client_->Get("/api/v1/submissions?period=2024H1", As("analyst"));
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_EQ(Body(list)["regions_total"], 43);
  EXPECT_EQ(Body(list)["delivered"], 1);
  EXPECT_EQ(Body(list)["summary"], "1 of 43 regions delivered");
  EXPECT_EQ(Body(list)["regions"].size(), 43u);
  auto own = client_->Get("/api/v1/submissions?period=2024H1", As("steward_b"));
  ASSERT_EQ(own->status, 200) << own->body;
  ASSERT_EQ(Body(own)["regions"].size(), 1u);
  EXPECT_EQ(Body(own)["regions"][0]["region"], "GM0599");

  auto accepted = Post("analyst", Url() + "/accept", {{"version", 5}});
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(Body(accepted)["status"], "accepted");
  EXPECT_TRUE(Body(accepted)["delivery_id"].is_number_integer());
  std::vector<std::string> actions;
  const json accepted_body = Body(accepted);
  for (const auto& h : accepted_body["history"]) actions.push_back(h["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"save", "submit", "return", "save", "submit", "accept"}));

  // The public indicators of the real server show the accepted figures.
  httplib::Client pub("127.0.0.1", public_->port());
  auto figures = pub.Get("/api/v1/indicators?period=2024H1&region=GM0363&indicator=A1,A2,A5");
  ASSERT_TRUE(figures);
  ASSERT_EQ(figures->status, 200) << figures->body;
  bool places = false, adopted = false;
  const json figures_body = Body(figures);
  for (const auto& f : figures_body["figures"]) {
    if (f["region"] != "GM0363" || f["breakdown"] != "total") continue;
    if (f["indicator"] == "A1" && f["measure"] == "places") places = f["value"] == 22;
    if (f["indicator"] == "A5" && f["measure"] == "adopted") adopted = f["value"] == 1.0;
  }
  EXPECT_TRUE(places) << figures->body.substr(0, 3000);
  EXPECT_TRUE(adopted) << figures->body.substr(0, 3000);

  // Every step is in the audit log.
  auto audit = store_->Accounts().ListAudit();
  ASSERT_TRUE(audit.ok());
  int submission_entries = 0;
  for (const auto& e : *audit) {
    if (e.action.starts_with("submission.")) {
      ++submission_entries;
      EXPECT_EQ(e.object, "submission:GM0363/2024H1");
    }
  }
  EXPECT_EQ(submission_entries, 6);
}

TEST_F(SubmissionRoutesTest, Refusals) {
  // Another region's steward, the public, an uploader, an analyst editing.
  EXPECT_EQ(Put("steward_b", Url(), {{"version", 0}, {"content", Content()}})->status, 403);
  EXPECT_EQ(client_->Get(Url(), As("steward_b"))->status, 403);
  EXPECT_EQ(client_->Get(Url())->status, 401);
  EXPECT_EQ(client_->Get("/api/v1/submissions?period=2024H1")->status, 401);
  EXPECT_EQ(client_->Put(Url(), Content().dump(), "application/json")->status, 401);
  EXPECT_EQ(client_->Get(Url(), As("uploader"))->status, 403);
  EXPECT_EQ(Put("uploader", Url(), {{"version", 0}, {"content", Content()}})->status, 403);
  EXPECT_EQ(Put("analyst", Url(), {{"version", 0}, {"content", Content()}})->status, 403);
  EXPECT_EQ(Put("admin", Url(), {{"version", 0}, {"content", Content()}})->status, 403);

  // Bad content: 400 with the field and the rule; nothing saved.
  json bad = Content();
  bad["capacity"][1]["places"] = -1;
  bad["facilities"][0]["service_type"] = "hotel";
  auto refused = Put("steward_a", Url(), {{"version", 0}, {"content", bad}});
  ASSERT_EQ(refused->status, 400) << refused->body;
  bool places = false, service = false;
  const json refused_body = Body(refused);
  for (const auto& e : refused_body["errors"]) {
    places = places || e["field"] == "capacity[1].places";
    service = service || e["field"] == "facilities[0].service_type";
    // Every finding says what to do in both languages (the importer's rule, ADR 0034).
    EXPECT_TRUE(e.contains("fix") && e["fix"]["nl"].is_string() && e["fix"]["en"].is_string()) << e.dump();
  }
  EXPECT_TRUE(places && service) << refused->body;
  EXPECT_EQ(Body(client_->Get(Url(), As("steward_a")))["status"], "none");
  EXPECT_EQ(Put("steward_a", Url(), {{"content", Content()}})->status, 400);  // no version
  EXPECT_EQ(Put("steward_a", Url("GM0363", "2024"), {{"version", 0}, {"content", Content()}})->status, 400);

  // Saved; then a stale save, a steward accepting, accepting a draft, returning without a comment.
  ASSERT_EQ(Put("steward_a", Url(), {{"version", 0}, {"content", Content()}})->status, 200);
  auto stale = Put("steward_a", Url(), {{"version", 0}, {"content", Content(5)}});
  EXPECT_EQ(stale->status, 409) << stale->body;
  EXPECT_EQ(Post("steward_a", Url() + "/accept")->status, 403);
  EXPECT_EQ(Post("analyst", Url() + "/accept")->status, 409);
  ASSERT_EQ(Post("steward_a", Url() + "/submit")->status, 200);
  auto no_comment = Post("analyst", Url() + "/return", {{"comment", " "}});
  EXPECT_EQ(no_comment->status, 400) << no_comment->body;
  EXPECT_EQ(Body(no_comment)["errors"][0]["field"], "comment");
  EXPECT_EQ(Body(no_comment)["errors"][0]["fix"]["nl"], "Schrijf een toelichting: wat moet de regio aanpassen?");
  EXPECT_EQ(Post("analyst", Url() + "/return")->status, 400);
  EXPECT_EQ(Post("admin", Url() + "/return", {{"comment", "x"}})->status, 403);
  EXPECT_EQ(Body(client_->Get(Url(), As("analyst")))["status"], "submitted");

  // Deadlines: analysts and administrators only; the date is checked.
  EXPECT_EQ(client_
                ->Put("/api/v1/submission-deadlines/2024H2", As("steward_a"), R"({"deadline": "2025-03-01"})",
                      "application/json")
                ->status,
            403);
  EXPECT_EQ(
      client_
          ->Put("/api/v1/submission-deadlines/2024H2", As("admin"), R"({"deadline": "2025-02-30"})", "application/json")
          ->status,
      400);
  auto deadline = client_->Put("/api/v1/submission-deadlines/2024H2", As("admin"), R"({"deadline": "2025-03-01"})",
                               "application/json");
  ASSERT_EQ(deadline->status, 200) << deadline->body;
  EXPECT_EQ(Body(client_->Get("/api/v1/submissions?period=2024H2", As("analyst")))["deadline"], "2025-03-01");
}

// The form's own rules have their fix in both languages in the catalogue, as the
// importer's rules do (tests/api/import_findings_test.cc).
TEST(SubmissionFixesTest, EveryFixKeyHasBothLanguages) {
  for (std::string_view key : submission::fix::kAll) {
    EXPECT_TRUE(web::HasTranslation(web::Lang::kNl, key)) << key;
    EXPECT_TRUE(web::HasTranslation(web::Lang::kEn, key)) << key;
  }
}

TEST_F(SubmissionRoutesTest, TheFormWithASessionNeedsItsCsrfToken) {
  auto login = client_->Post("/api/v1/session", json{{"username", "steward_a"}, {"password", kPassword}}.dump(),
                             "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string csrf = Body(login)["csrf"];
  std::string cookie = login->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  const httplib::Headers session{{"Cookie", cookie}};

  auto page = client_->Get("/aanlevering/GM0363/2024H1", session);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("name=\"csrf\" value=\"" + csrf + "\""), std::string::npos);
  EXPECT_NE(page->body.find("Nog niets aangeleverd"), std::string::npos);

  httplib::Params form{{"version", "0"},
                       {"action", "save"},
                       {"plans[0].record_id", "PL-GM0363"},
                       {"plans[0].plan_status", "vastgesteld"},
                       {"plans[0].adopted_date", "1-3-2021"},  // Dutch notation, as typed
                       {"plans[0].aligned_with_action_plan", "ja"},
                       {"plans[0].contains_wonen_eerst", "nee"},
                       {"plans[0].shelter_in_municipality_of_origin", "nee"},
                       {"plans[0].made_with_lived_experience", "nee"},
                       {"plans[0].lived_experience_policy", "1"},
                       {"plans[0].lived_experience_execution", "0"},
                       {"plans[0].target_extra_places", "40"},
                       {"budgets[0].record_id", "BU-1"},
                       {"budgets[0].year", "2024"},
                       {"budgets[0].budget_theme", "opvang"},
                       {"budgets[0].budget_eur", "1.000"},
                       {"budgets[0].spent_eur", "veel"}};
  // Without the token: refused, on a Dutch page (ADR 0034).
  auto refused = client_->Post("/aanlevering/GM0363/2024H1", session, form);
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("Geen toegang"), std::string::npos) << refused->body;
  EXPECT_EQ(onderdak::testing::EnglishOnDutchPage(refused->body), std::vector<std::string>{});
  // With it, but a bad value: the form again with the message beside the field.
  form.emplace("csrf", csrf);
  auto invalid = client_->Post("/aanlevering/GM0363/2024H1", session, form);
  ASSERT_EQ(invalid->status, 400) << invalid->body;
  EXPECT_NE(invalid->body.find("id=\"err-budgets[0].spent_eur\""), std::string::npos) << invalid->body;
  EXPECT_NE(invalid->body.find("value=\"veel\""), std::string::npos);  // what was typed is kept
  // Beside the field, what to do in Dutch; the page has no English outside what is marked.
  EXPECT_NE(invalid->body.find("id=\"err-budgets[0].spent_eur\">Vul een heel getal in van 0 of meer"),
            std::string::npos);
  EXPECT_EQ(onderdak::testing::EnglishOnDutchPage(invalid->body), std::vector<std::string>{});
  EXPECT_EQ(Body(client_->Get(Url(), As("steward_a")))["status"], "none");

  form.erase("budgets[0].spent_eur");
  form.emplace("budgets[0].spent_eur", "500");
  auto ok = client_->Post("/aanlevering/GM0363/2024H1", session, form);
  ASSERT_EQ(ok->status, 303) << ok->body;
  auto after = client_->Get("/aanlevering/GM0363/2024H1?lang=en", session);
  ASSERT_EQ(after->status, 200);
  EXPECT_NE(after->body.find("data-status=\"draft\""), std::string::npos);
  EXPECT_NE(after->body.find(">Draft<"), std::string::npos);
  const json saved = Body(client_->Get(Url(), As("steward_a")))["content"];
  EXPECT_EQ(saved["budgets"][0]["spent_eur"], "500");
  // Stored in the exchange format's notation.
  EXPECT_EQ(saved["budgets"][0]["budget_eur"], "1000");
  EXPECT_EQ(saved["plans"][0]["adopted_date"], "2021-03-01");
  // A gemeente is chosen by name from the region's; a date is a date field.
  EXPECT_NE(after->body.find("<select name=\"facilities[0].municipality\""), std::string::npos);
  EXPECT_NE(after->body.find("<option value=\"GM0363\">Amsterdam</option>"), std::string::npos);
  EXPECT_NE(after->body.find("name=\"plans[0].adopted_date\" id=\"plans[0].adopted_date\" value=\"2021-03-01\""),
            std::string::npos);
  EXPECT_NE(after->body.find("type=\"date\""), std::string::npos);

  // Submit from the form.
  httplib::Params submit{{"version", "1"}, {"action", "submit"}, {"csrf", csrf}};
  ASSERT_EQ(client_->Post("/aanlevering/GM0363/2024H1", session, submit)->status, 303);
  EXPECT_EQ(Body(client_->Get(Url(), As("steward_a")))["status"], "submitted");

  // The list page for an analyst shows the completeness.
  auto list = client_->Get("/aanlevering?period=2024H1", As("analyst"));
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("<span class=\"value\">1</span> van 43 regio's aangeleverd"), std::string::npos)
      << list->body.substr(0, 4000);
  // The public is sent to the login page.
  auto anonymous = client_->Get("/aanlevering?period=2024H1");
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_NE(anonymous->get_header_value("Location").find("/inloggen"), std::string::npos);
}

TEST_F(SubmissionRoutesTest, XlsxTemplateAndUpload) {
  ASSERT_EQ(Put("steward_a", Url(), {{"version", 0}, {"content", Content(77)}})->status, 200);
  auto tpl = client_->Get(Url() + "/template.xlsx", As("steward_a"));
  ASSERT_EQ(tpl->status, 200) << tpl->body;
  EXPECT_NE(tpl->get_header_value("Content-Disposition").find("aanlevering-GM0363-2024H1.xlsx"), std::string::npos);
  EXPECT_EQ(client_->Get(Url() + "/template.xlsx", As("steward_b"))->status, 403);

  // The template uploaded unchanged gives the same draft, as the next version.
  const auto xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  auto up = client_->Post(Url() + "/upload.xlsx", As("steward_a"), tpl->body, xlsx);
  ASSERT_EQ(up->status, 200) << up->body;
  EXPECT_EQ(Body(up)["version"], 2);
  EXPECT_EQ(Body(up)["content"]["plans"][0]["target_extra_places"], "77");
  EXPECT_EQ(Body(up)["history"][1]["action"], "upload_xlsx");

  // The same workbook again: made from version 1, so stale.
  EXPECT_EQ(client_->Post(Url() + "/upload.xlsx", As("steward_a"), tpl->body, xlsx)->status, 409);

  // Not a workbook; a workbook whose values break the rules (named by sheet and cell).
  auto junk = client_->Post(Url() + "/upload.xlsx?version=2", As("steward_a"), "not a zip", xlsx);
  EXPECT_EQ(junk->status, 400);
  EXPECT_NE(junk->body.find("not a zip"), std::string::npos) << junk->body;
  submission::Content bad;
  bad.tables[static_cast<std::size_t>(submission::FindTable("capacity"))].push_back(
      {"K-1", "F-9", "2024-01-01", "eenpersoons", "1", "1"});
  auto bad_xlsx = submission::TemplateXlsx(bad, "GM0363", "Amsterdam", "2024H1", 2);
  ASSERT_TRUE(bad_xlsx.ok());
  auto refused = client_->Post(Url() + "/upload.xlsx", As("steward_a"), *bad_xlsx, xlsx);
  ASSERT_EQ(refused->status, 400) << refused->body;
  EXPECT_NE(refused->body.find("sheet 'capacity', cell B2"), std::string::npos) << refused->body;
  EXPECT_EQ(Body(client_->Get(Url(), As("steward_a")))["version"], 2);

  // As a browser's multipart form sends it, with the version it was filled from.
  httplib::MultipartFormDataItems items{{"file", tpl->body, "aanlevering.xlsx", xlsx}};
  auto multipart = client_->Post(Url() + "/upload.xlsx?version=2", As("steward_a"), items);
  ASSERT_EQ(multipart->status, 200) << multipart->body;
  EXPECT_EQ(Body(multipart)["version"], 3);
  EXPECT_EQ(Body(multipart)["content"]["plans"][0]["target_extra_places"], "77");
}

}  // namespace
}  // namespace onderdak::api
