// The national overview tells the truth when coverage changes (issue 22): its comparable
// series equals the generator's true count over the same regions, so it never shows a
// fall the truth does not have; and one early upload for a new half-year neither becomes
// the home page nor shows as a national 0.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "generated_data.h"
#include "onderdak/api/server.h"
#include "onderdak/indicators/registry.h"
#include "onderdak/ingest/delivery_import.h"
#include "onderdak/ingest/policy_import.h"
#include "onderdak/ingest/regions_import.h"
#include "running_server.h"
#include "sample_delivery.h"
#include "test_support.h"

namespace onderdak::api {
namespace {

class OverviewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new onderdak::testing::TempDir();
    store_ = store::OpenStore("sqlite:" + (dir_->path() / "o.db").string())->release();
    ASSERT_TRUE(ingest::ImportShippedRegions(*store_, onderdak::testing::ReferenceDir()).ok());
    // The shipped targets and CBS series (ADR 0024), as `init` loads them.
    auto regions = *store_->LoadReferenceSet(1);
    const ingest::PolicyContext ctx{.regions = &regions, .is_indicator = [](std::string_view id) {
                                      return indicators::FindIndicator(id) != nullptr;
                                    }};
    ASSERT_TRUE(
        ingest::ImportTargets(*store_, onderdak::testing::ReferenceDir() / ingest::kShippedTargetsFile, ctx).ok());
    ASSERT_TRUE(
        ingest::ImportSeries(*store_, onderdak::testing::ReferenceDir() / ingest::kShippedSeriesFile, ctx).ok());
    onderdak::testing::ImportGenerated(*store_, onderdak::testing::TestKey(),
                                       onderdak::testing::GeneratedYears(1500, 2020, 2021, 5), dir_->path() / "gen");
    std::ifstream in(dir_->path() / "gen" / "ground_truth.json");
    truth_ = new nlohmann::json(nlohmann::json::parse(in));
  }
  static void TearDownTestSuite() {
    delete truth_;
    delete store_;
    delete dir_;
  }
  void SetUp() override {
    running_.Start(*store_);
    client_ = running_.client();
  }
  void TearDown() override { running_.Stop(); }
  nlohmann::json GetJson(const std::string& path) {
    auto res = client_->Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
    return nlohmann::json::parse(res->body);
  }
  std::string GetPage(const std::string& path) {
    auto res = client_->Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << path;
    return res->body;
  }

  static onderdak::testing::TempDir* dir_;
  static store::Store* store_;
  static nlohmann::json* truth_;
  onderdak::testing::RunningServer running_;
  httplib::Client* client_ = nullptr;
};
onderdak::testing::TempDir* OverviewTest::dir_ = nullptr;
store::Store* OverviewTest::store_ = nullptr;
nlohmann::json* OverviewTest::truth_ = nullptr;

TEST_F(OverviewTest, ComparableSeriesIsTheTruthOverTheSameRegions) {
  // The generator's truth counts ETHOS 1-3: the overview under that definition.
  const auto o = GetJson("/api/v1/overview?definition=ethos-1-3");
  EXPECT_EQ(o["definition"], "ethos-1-3");
  // The generator leaves 6-10 of 43 regions out of each half-year: every half-year has
  // enough coverage, and the series is over the regions that delivered in all four.
  std::vector<std::string> truth_regions = (*truth_)["comparable"]["regions"];
  std::sort(truth_regions.begin(), truth_regions.end());
  ASSERT_GE(truth_regions.size(), 5u);
  EXPECT_LT(truth_regions.size(), 43u);  // some region skipped a half-year: the case at hand
  EXPECT_EQ(o["comparable_series"]["regions"].get<std::vector<std::string>>(), truth_regions);
  EXPECT_EQ(o["comparable_series"]["regions"].size() + o["comparable_series"]["left_out"].size(), 43u);
  ASSERT_EQ(o["homeless"].size(), 4u);
  for (std::size_t h = 0; h < 4; ++h) {
    const auto& point = o["homeless"][h];
    const auto& truth_cmp = (*truth_)["comparable"]["periods"][h];
    const auto& truth_nat = (*truth_)["national"][h];
    SCOPED_TRACE(point["period"].get<std::string>());
    ASSERT_EQ(point["period"], truth_cmp["period"]);
    EXPECT_TRUE(point["coverage"]["sufficient"].get<bool>());
    EXPECT_EQ(point["coverage"]["delivered"], truth_nat["regions_delivered"]);
    EXPECT_EQ(point["coverage"]["delivered"].get<int>() + point["coverage"]["missing"].size(), 43u);
    ASSERT_TRUE(point["comparable"].is_object());
    EXPECT_EQ(point["comparable"]["on_date"]["value"].get<double>(),
              truth_cmp["registered_ethos_1_3_on_first_day_as_linked"].get<double>());
    // Beside it, every delivering region's count: also true, but over a changing set.
    EXPECT_EQ(point["on_date"]["value"].get<double>(),
              truth_nat["registered_ethos_1_3_on_first_day_as_linked"].get<double>());
  }
  // So the series rises and falls exactly as the truth over the same regions does.
  for (std::size_t h = 1; h < 4; ++h) {
    const double shown = o["homeless"][h]["comparable"]["on_date"]["value"].get<double>() -
                         o["homeless"][h - 1]["comparable"]["on_date"]["value"].get<double>();
    const double truth =
        (*truth_)["comparable"]["periods"][h]["registered_ethos_1_3_on_first_day_as_linked"].get<double>() -
        (*truth_)["comparable"]["periods"][h - 1]["registered_ethos_1_3_on_first_day_as_linked"].get<double>();
    EXPECT_EQ(shown > 0, truth > 0);
    EXPECT_EQ(shown < 0, truth < 0);
  }
  // The page names the series' regions and marks the other column as not comparable.
  const auto page = GetPage("/");
  EXPECT_NE(page.find("id=\"comparable-regions\""), std::string::npos);
  EXPECT_NE(page.find("Alle leverende regio's (niet vergelijkbaar)"), std::string::npos);
  EXPECT_NE(page.find("id=\"marks-legend\""), std::string::npos);
}

// Issue 15: the same query under two definition presets gives two figures, each naming
// its definition; an unknown preset is refused.
TEST_F(OverviewTest, DefinitionsGiveTheirOwnFiguresAndNameThem) {
  auto national_p1 = [&](const std::string& query) {
    const auto j = GetJson("/api/v1/indicators?period=2021H1&indicator=P1" + query);
    for (const auto& f : j["figures"]) {
      if (f["region"] == "NL" && f["measure"] == "persons_on_date" && f["breakdown"] == "total") return f;
    }
    ADD_FAILURE() << "no national P1 for " << query;
    return nlohmann::json();
  };
  const auto monitor = national_p1("");
  const auto wide = national_p1("&definition=ethos-1-3");
  const auto cbs = national_p1("&definition=cbs");
  EXPECT_EQ(monitor["definition"], "monitor");
  EXPECT_EQ(wide["definition"], "ethos-1-3");
  EXPECT_EQ(cbs["definition"], "cbs");
  ASSERT_TRUE(monitor["value"].is_number() && wide["value"].is_number() && cbs["value"].is_number());
  // The generator has rough sleepers (ETHOS 1): the monitor's ETHOS 2-3 counts fewer.
  EXPECT_LT(monitor["value"].get<double>(), wide["value"].get<double>());
  EXPECT_NE(cbs["value"].get<double>(), wide["value"].get<double>());
  // ethos-1-3 is still the generator's truth.
  bool compared = false;
  for (const auto& t : (*truth_)["national"]) {
    if (t["period"] != "2021H1") continue;
    EXPECT_EQ(wide["value"].get<double>(), t["registered_ethos_1_3_on_first_day_as_linked"].get<double>());
    compared = true;
  }
  EXPECT_TRUE(compared);

  auto bad = client_->Get("/api/v1/indicators?period=2021H1&definition=bogus");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("invalid_input"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find("bogus"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find("monitor, ethos-1-3, cbs, ethos-light"), std::string::npos) << bad->body;
  auto bad_overview = client_->Get("/api/v1/overview?definition=bogus");
  ASSERT_TRUE(bad_overview);
  EXPECT_EQ(bad_overview->status, 400);

  // The CSV for Dutch spreadsheets: the same rows with ';', as an attachment of its own name.
  auto nl = client_->Get("/api/v1/indicators?period=2021H1&indicator=P1&format=csv-nl&definition=cbs");
  ASSERT_TRUE(nl);
  ASSERT_EQ(nl->status, 200);
  EXPECT_TRUE(nl->body.starts_with("\xEF\xBB\xBFindicator;region;")) << nl->body.substr(0, 40);
  EXPECT_NE(nl->get_header_value("Content-Disposition").find("-nl.csv"), std::string::npos);
  auto bad_format = client_->Get("/api/v1/indicators?period=2021H1&format=csv-de");
  ASSERT_TRUE(bad_format);
  EXPECT_EQ(bad_format->status, 400);
  EXPECT_NE(bad_format->body.find("csv-nl"), std::string::npos) << bad_format->body;

  // Every CSV row says its definition.
  auto csv = client_->Get("/api/v1/indicators?period=2021H1&indicator=P1&format=csv&definition=cbs");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  std::istringstream lines(csv->body);
  std::string line;
  std::getline(lines, line);
  EXPECT_TRUE(line.ends_with(",definition")) << line;
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    EXPECT_TRUE(line.ends_with(",cbs")) << line;
  }
  EXPECT_GT(rows, 10);
}

TEST_F(OverviewTest, PagesStateTheActiveDefinition) {
  const auto home = GetPage("/");
  EXPECT_NE(home.find("id=\"definition\" data-definition=\"monitor\""), std::string::npos);
  EXPECT_NE(home.find("Landelijke monitor (ETHOS 2 en 3"), std::string::npos);
  EXPECT_NE(home.find("name=\"definition\""), std::string::npos);  // the choice
  // Counted beside estimated says it is ETHOS 1-3 whatever the choice.
  EXPECT_NE(home.find("id=\"hidden-definition\""), std::string::npos);

  const auto cbs = GetPage("/?definition=cbs");
  EXPECT_NE(cbs.find("id=\"definition\" data-definition=\"cbs\""), std::string::npos);
  EXPECT_NE(cbs.find("Zoals CBS (18 tot 65 jaar"), std::string::npos);
  EXPECT_NE(cbs.find("<option value=\"cbs\" selected>"), std::string::npos);
  // The downloads and the language switch keep the choice.
  EXPECT_NE(cbs.find("definition=cbs&amp;format=csv\""), std::string::npos);
  EXPECT_NE(cbs.find("definition=cbs&amp;format=csv-nl\""), std::string::npos);
  EXPECT_NE(cbs.find("definition=cbs&amp;lang=en"), std::string::npos);
  const auto cbs_en = GetPage("/?definition=cbs&lang=en");
  EXPECT_NE(cbs_en.find("As CBS (aged 18 to 65"), std::string::npos);
  // The overview's JSON under cbs has its own count.
  const auto o_cbs = GetJson("/api/v1/overview?definition=cbs&period=2021H1");
  const auto o_monitor = GetJson("/api/v1/overview?period=2021H1");
  EXPECT_EQ(o_cbs["definition"], "cbs");
  EXPECT_EQ(o_monitor["definition"], "monitor");
  EXPECT_NE(o_cbs["homeless"][1]["on_date"]["value"], o_monitor["homeless"][1]["on_date"]["value"]);

  // Not warmed (only the default is): every half-year's catalogue is computed now, which
  // takes more than httplib's default 5 s in a debug build on a loaded machine.
  client_->set_read_timeout(60, 0);
  auto region_res = client_->Get("/regio/GM0363?definition=ethos-light");
  ASSERT_TRUE(region_res) << httplib::to_string(region_res.error());
  ASSERT_EQ(region_res->status, 200) << region_res->body;
  const std::string region = region_res->body;
  EXPECT_NE(region.find("data-definition=\"ethos-light\""), std::string::npos);
  EXPECT_NE(region.find("region=GM0363&amp;definition=ethos-light&amp;format=csv"), std::string::npos);
  // The map and the comparison state it too, and keep it in their forms.
  const auto map = GetPage("/kaart?definition=cbs&period=2021H1");
  EXPECT_NE(map.find("data-definition=\"cbs\""), std::string::npos);
  EXPECT_NE(map.find("<input type=\"hidden\" name=\"definition\" value=\"cbs\">"), std::string::npos);
  EXPECT_NE(GetPage("/vergelijk?period=2021H1").find("data-definition=\"monitor\""), std::string::npos);
  auto bad = client_->Get("/regio/GM0363?definition=bogus");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

// Issue 21: generated data says so at the top of every page, in the page's language; the
// JSON is data, without the notice.
TEST_F(OverviewTest, GeneratedDataIsCalledSyntheticOnEveryPage) {
  for (const char* path : {"/", "/kaart", "/regio/GM0363", "/regios", "/methode"}) {
    const auto page = GetPage(path);
    EXPECT_NE(page.find("id=\"synthetic-data\" role=\"note\"><div class=\"utrecht-alert__content\"><div "
                        "class=\"utrecht-alert__message\"><p>Let op: synthetische voorbeelddata"),
              std::string::npos)
        << path;
  }
  EXPECT_NE(GetPage("/regio/GM0363?lang=en").find("synthetic demonstration data"), std::string::npos);
  auto json = client_->Get("/api/v1/overview");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->body.find("synthetic-data"), std::string::npos);
}

TEST_F(OverviewTest, EarlyUploadDoesNotTakeOverTheHomePage) {
  const auto before = GetJson("/api/v1/overview");
  EXPECT_EQ(before["period"], "2021H2");
  EXPECT_TRUE(before["coverage"]["sufficient"].get<bool>());
  // One provider of one region uploads two persons for the next half-year.
  onderdak::testing::TempDir upload;
  const auto folder = onderdak::testing::WriteDelivery(
      upload.path() / "early",
      {{"manifest.json",
        R"({"format_version": 1, "region": "GM0363", "organisation": "KVK-99999999", "organisation_name": "Vroeg",
            "period": "2022H1", "created": "2022-02-01T00:00:00Z"})"},
       {"service_episodes.csv",
        "record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n"
        "S-1,P-1,24uursopvang,,GM0363,2022-01-01,,\nS-2,P-2,nachtopvang,,GM0363,2021-12-01,,\n"},
       {"living_situations.csv", "record_id,person_id,ethos,start_date,end_date,source\n"}});
  auto report = ingest::ImportDelivery(*store_, onderdak::testing::TestKey(), folder);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_TRUE(report->accepted()) << report->errors.front();

  // The home page stays on the latest half-year with enough regions.
  const auto after = GetJson("/api/v1/overview");
  EXPECT_EQ(after["period"], "2021H2");
  EXPECT_EQ(after["periods"].back(), "2022H1");  // still selectable
  const auto& last = after["homeless"].back();
  EXPECT_EQ(last["period"], "2022H1");
  EXPECT_FALSE(last["coverage"]["sufficient"].get<bool>());
  EXPECT_EQ(last["coverage"]["delivered"], 1);
  EXPECT_TRUE(last["comparable"].is_null());
  EXPECT_TRUE(last["on_date"]["value"].is_null());
  EXPECT_EQ(last["on_date"]["why"], "insufficient_coverage");
  // The series did not change: the early half-year is not in it.
  EXPECT_EQ(after["comparable_series"], before["comparable_series"]);

  // Chosen explicitly, the half-year says "onvoldoende gegevens", never 0.
  const auto early = GetJson("/api/v1/overview?period=2022H1");
  EXPECT_EQ(early["period"], "2022H1");
  EXPECT_FALSE(early["coverage"]["sufficient"].get<bool>());
  EXPECT_EQ(early["hidden"]["counted"]["why"], "insufficient_coverage");
  EXPECT_EQ(early["stays_over_90_share"]["why"], "insufficient_coverage");
  EXPECT_TRUE(early["hidden"]["n_hat"].is_null());
  const auto page = GetPage("/?period=2022H1");
  EXPECT_NE(page.find("id=\"coverage-insufficient\""), std::string::npos);
  EXPECT_NE(page.find("Onvoldoende gegevens voor landelijke cijfers"), std::string::npos);
  EXPECT_EQ(page.find("id=\"hidden-counted\">0<"), std::string::npos);
  const auto home = GetPage("/");
  EXPECT_EQ(home.find("id=\"coverage-insufficient\""), std::string::npos);
  EXPECT_NE(home.find("id=\"coverage\""), std::string::npos);

  // The CSV of national figures names the missing regions.
  auto csv = client_->Get("/api/v1/indicators?period=2022H1&indicator=P1&format=csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->body.find(",coverage_unit,missing,carried_from,carried,definition\n"), std::string::npos);
  const auto nl = csv->body.find("\nP1,NL,2022H1,2022-01-01,total,");
  ASSERT_NE(nl, std::string::npos);
  const std::string row = csv->body.substr(nl + 1, csv->body.find('\n', nl + 1) - nl - 1);
  EXPECT_NE(row.find(",1,43,"), std::string::npos) << row;  // delivered, expected
  EXPECT_NE(row.find(",regions,GM0014;"), std::string::npos) << row;
}

TEST_F(OverviewTest, CarriedHousingPlacesNameTheirPeriod) {
  // Regions that skipped 2021H2 count in the national A2 with their latest earlier state;
  // each says from which period, and none is passed off as the half-year's own.
  const auto o = GetJson("/api/v1/overview?period=2021H2");
  const auto& cov = o["housing"]["coverage"];
  ASSERT_FALSE(cov["carried"].empty()) << "the generated data has regions that skipped 2021H2";
  const auto missing = cov["missing"].get<std::vector<std::string>>();
  const auto figs = GetJson("/api/v1/indicators?period=2021H2&indicator=A2");
  auto region_figure = [&](const std::string& region) -> nlohmann::json {
    for (const auto& f : figs["figures"]) {
      if (f["region"] == region && f["measure"] == "places_realised" && f["breakdown"] == "total") return f;
    }
    return nullptr;
  };
  const auto page = GetPage("/?period=2021H2");
  for (const auto& c : cov["carried"]) {
    const std::string region = c["region"].get<std::string>();
    const std::string period = c["period"].get<std::string>();
    SCOPED_TRACE(region);
    EXPECT_NE(std::find(missing.begin(), missing.end(), region), missing.end());
    EXPECT_TRUE(period == "2020H1" || period == "2020H2" || period == "2021H1") << period;
    const auto f = region_figure(region);
    ASSERT_TRUE(f.is_object());
    EXPECT_EQ(f["status"], "missing");
    EXPECT_EQ(f["carried_from"], period);
    EXPECT_NE(page.find("data-region=\"" + region + "\">"), std::string::npos);
  }
  // A region that delivered for the half-year carries nothing.
  for (const auto& f : figs["figures"]) {
    if (f["region"] != "NL" && f["status"] != "missing") {
      EXPECT_TRUE(f["carried_from"].is_null()) << f.dump();
    }
  }
  // The national row of the CSV lists the same regions with their periods.
  auto csv = client_->Get("/api/v1/indicators?period=2021H2&indicator=A2&format=csv");
  ASSERT_TRUE(csv);
  const auto nl = csv->body.find("\nA2,NL,2021H2,2021-12-31,total,");
  ASSERT_NE(nl, std::string::npos);
  const std::string first =
      cov["carried"][0]["region"].get<std::string>() + "=" + cov["carried"][0]["period"].get<std::string>();
  EXPECT_NE(csv->body.substr(nl, csv->body.find('\n', nl + 1) - nl).find(first), std::string::npos);
  EXPECT_NE(page.find("id=\"housing-carried\""), std::string::npos);
}

// A8 on the overview (issue 15, seed 002): gemeenten with an adopted prevention policy, of
// those reported on, beside the gemeenten not reported on ("niet gemeld", never "no
// policy") and the regions that delivered the file; the API's figures and the truth's.
TEST_F(OverviewTest, ThePreventionPolicyCardShowsTheApisFiguresAndWhatIsNotReported) {
  const auto figs = GetJson("/api/v1/indicators?period=2021H2&indicator=A8");
  auto national = [&](const std::string& measure, const std::string& breakdown) -> nlohmann::json {
    for (const auto& f : figs["figures"]) {
      if (f["region"] == "NL" && f["measure"] == measure && f["breakdown"] == breakdown) return f;
    }
    return nullptr;
  };
  const auto share = national("policy_adopted_share", "total");
  const auto not_reported = national("municipalities_by_policy_status", "policy_status=niet_gemeld");
  ASSERT_TRUE(share.is_object() && not_reported.is_object()) << figs.dump();
  nlohmann::json truth;
  for (const auto& n : (*truth_)["national"]) {
    if (n["period"] == "2021H2") truth = n["figures"]["A8"];
  }
  ASSERT_TRUE(truth.is_object());
  EXPECT_NEAR(share["value"].get<double>(), truth["policy_adopted_share"]["total"].get<double>(), 1e-9);
  EXPECT_EQ(not_reported["value"].get<double>(), truth["municipalities_by_policy_status"]["policy_status=niet_gemeld"]);
  EXPECT_GT(not_reported["value"].get<double>(), 0) << "the generator leaves a tenth of the gemeenten unreported";
  const auto adopted = share["numerator"].get<std::int64_t>(), reported = share["denominator"].get<std::int64_t>();
  ASSERT_GT(reported, adopted);

  const auto page = GetPage("/?period=2021H2");
  const auto at = page.find("id=\"prevention-policy\"");
  ASSERT_NE(at, std::string::npos);
  const auto card = page.substr(at, page.find("</div>", at) - at);
  EXPECT_NE(card.find(std::to_string(adopted) + " van " + std::to_string(reported) + " gemelde gemeenten"),
            std::string::npos)
      << card;
  EXPECT_NE(card.find(std::to_string(not_reported["value"].get<std::int64_t>()) + " gemeenten niet gemeld"),
            std::string::npos)
      << card;
  EXPECT_NE(card.find(std::to_string(share["coverage"]["delivered"].get<int>()) + " van 43 regio's leverden"),
            std::string::npos)
      << card;
}

TEST_F(OverviewTest, TargetsShowTheirDeadlineAndStatus) {
  // The A2 target comes from the stored list with its deadline and a status on the
  // period's last day (here the deadline itself): never a bare percentage.
  const auto o = GetJson("/api/v1/overview?period=2021H2");
  const auto& housing = o["housing"];
  EXPECT_EQ(housing["target"], 10000);
  EXPECT_EQ(housing["target_id"], "a2-extra-woonplekken-2021");
  EXPECT_EQ(housing["target_deadline"], "2021-12-31");
  const std::string status = housing["target_status"].get<std::string>();
  EXPECT_TRUE(status == "bereikt" || status == "achter") << status << ": on the deadline, reached or behind";
  bool saw_a2 = false, saw_2030 = false, saw_a3 = false;
  for (const auto& t : o["targets"]) {
    if (t["id"] == "a2-extra-woonplekken-2021") {
      saw_a2 = true;
      EXPECT_EQ(t["status"], status);
      EXPECT_EQ(t["figure_date"], "2021-12-31");
      EXPECT_EQ(t["baseline_date"], "2020-06-03");
    }
    if (t["id"] == "a3-prestatieafspraken-2021") {
      // A3 counts the gemeenten (of the regions that delivered an agreements file): a
      // share with its numerator and denominator, and a status on the deadline.
      saw_a3 = true;
      const auto& current = t["current"];
      ASSERT_TRUE(current["value"].is_number()) << t.dump();
      EXPECT_GE(current["value"].get<double>(), 0.0);
      EXPECT_LE(current["value"].get<double>(), 1.0);
      EXPECT_GT(current["denominator"].get<double>(), 20) << "gemeenten, not regions";
      EXPECT_TRUE(t["status"] == "bereikt" || t["status"] == "achter") << t.dump();
    }
    if (t["id"] == "p1-nul-dakloos-2030") {
      saw_2030 = true;
      EXPECT_EQ(t["deadline"], "2030-12-31");
      EXPECT_EQ(t["comparison"], "at_most");
    }
  }
  EXPECT_TRUE(saw_a2);
  EXPECT_TRUE(saw_a3);
  EXPECT_TRUE(saw_2030);
  // Half a year before the deadline the target is judged against the line, never expired.
  const auto h1 = GetJson("/api/v1/overview?period=2021H1");
  EXPECT_EQ(h1["housing"]["target_deadline"], "2021-12-31");
  const std::string early = h1["housing"]["target_status"].get<std::string>();
  EXPECT_TRUE(early == "op_koers" || early == "achter" || early == "bereikt") << early;

  const auto page = GetPage("/?period=2021H2");
  EXPECT_NE(page.find("uiterlijk 31 december 2021"), std::string::npos);
  EXPECT_NE(page.find("id=\"housing-target-status\" data-status=\"" + status + "\""), std::string::npos);
  EXPECT_NE(page.find("<tr data-target=\"p1-nul-dakloos-2030\">"), std::string::npos);
  EXPECT_NE(page.find("31 december 2030"), std::string::npos) << "dates as people write them";
  const auto en = GetPage("/?period=2021H2&lang=en");
  EXPECT_NE(en.find("by 31 December 2021"), std::string::npos);
}

TEST_F(OverviewTest, TheCbsEstimateStandsBesideOurFiguresWithSourceAndDefinition) {
  const auto o = GetJson("/api/v1/overview?period=2021H2");
  bool saw_2021 = false;
  for (const auto& p : o["reference_series"]) {
    EXPECT_EQ(p["region"], "NL");  // the regional monitor is not on the national page
    EXPECT_NE(p["date"], "2019-01-01");
    if (p["date"] == "2021-01-01") {
      saw_2021 = true;
      EXPECT_EQ(p["source"], "CBS StatLine 80799ned");
      EXPECT_EQ(p["value"], 32000);
      EXPECT_NE(p["definition"].get<std::string>().find("18-65"), std::string::npos);
    }
  }
  EXPECT_TRUE(saw_2021);
  // Our own count under the `cbs` definition on CBS's date (1 January): what the
  // indicators API gives for P1 on that date under `cbs`, and not the default's count.
  EXPECT_EQ(o["own_count_cbs_definition"]["reference_date"], "2021-01-01");
  const auto own = o["own_count_cbs_definition"]["value"]["value"];
  ASSERT_TRUE(own.is_number()) << o["own_count_cbs_definition"].dump();
  auto national_p1 = [&](const std::string& definition) {
    const auto j = GetJson("/api/v1/indicators?period=2021H1&indicator=P1&definition=" + definition);
    for (const auto& f : j["figures"]) {
      if (f["region"] == "NL" && f["measure"] == "persons_on_date" && f["breakdown"] == "total") {
        EXPECT_EQ(f["definition"], definition);
        return f["value"].get<double>();
      }
    }
    ADD_FAILURE() << "no national P1 under " << definition;
    return -1.0;
  };
  EXPECT_EQ(own.get<double>(), national_p1("cbs"));
  EXPECT_NE(own.get<double>(), national_p1("monitor"));
  const auto page = GetPage("/?period=2021H2");
  EXPECT_NE(page.find("id=\"reference-series\""), std::string::npos);
  EXPECT_NE(page.find("data-source=\"CBS StatLine 80799ned\""), std::string::npos);
  EXPECT_NE(page.find("Dakloze personen 18-65 jaar"), std::string::npos);
  EXPECT_NE(page.find("id=\"own-count-cbs\""), std::string::npos);
}

// Issue 15 item 3: a region page shows an imported regional series beside our own count
// for the same period (P1 persons_in_period under the page's definition), and the shipped
// CBS figure for 2023, a year nobody delivered for here, without one.
TEST_F(OverviewTest, ARegionPageShowsItsImportedSeriesBesideOurCount) {
  const auto csv = dir_->path() / "regional_series.csv";
  {
    std::ofstream out(csv);
    out << "source,series,definition,unit,region,period,date,value,low,high,note\n"
           "Testbron regio,geregistreerd_2021,Geregistreerde daklozen in de opvang,persons,GM0363,2021,,4321,,,"
           "een testreeks\n";
  }
  auto regions = *store_->LoadReferenceSet(1);
  const ingest::PolicyContext ctx{.regions = &regions, .is_indicator = [](std::string_view id) {
                                    return indicators::FindIndicator(id) != nullptr;
                                  }};
  auto imported = ingest::ImportSeries(*store_, csv, ctx);
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  running_.Stop();  // a fresh server: the series are loaded with its first snapshot
  running_.Start(*store_);
  client_ = running_.client();

  const auto page = GetPage("/regio/GM0363");
  ASSERT_NE(page.find("id=\"region-series\""), std::string::npos);
  const auto own_of = [&](const std::string& source) {
    const auto row = page.find("<tr data-source=\"" + source + "\"");
    EXPECT_NE(row, std::string::npos) << source;
    if (row == std::string::npos) return std::string();
    const auto end = page.find("</tr>", row);
    const auto cell = page.find("class=\"num series-own\" data-value=\"", row);
    EXPECT_LT(cell, end) << source;
    const auto start = cell + std::string("class=\"num series-own\" data-value=\"").size();
    return page.substr(start, page.find('"', start) - start);
  };
  // Our count for 2021: what the indicators API gives for the region's P1 in 2021.
  const auto j = GetJson("/api/v1/indicators?period=2021&region=GM0363&indicator=P1");
  double expected = -1;
  for (const auto& f : j["figures"]) {
    if (f["region"] == "GM0363" && f["measure"] == "persons_in_period" && f["breakdown"] == "total") {
      expected = f["value"].get<double>();
    }
  }
  ASSERT_GT(expected, 0);
  EXPECT_EQ(std::stod(own_of("Testbron regio")), expected);
  EXPECT_NE(page.find("4.321"), std::string::npos) << "the source's value, in Dutch notation";
  // CBS's 2023 figure for Amsterdam is shipped; nobody delivered for 2023 here.
  EXPECT_EQ(own_of("CBS monitor Dakloosheid 2022-2023"), "");
  // Another region's series is not on this page.
  EXPECT_EQ(GetPage("/regio/GM0599").find("Testbron regio"), std::string::npos);
}

}  // namespace
}  // namespace onderdak::api
