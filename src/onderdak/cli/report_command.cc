// onderdak report: the region's yearly progress report for the gemeenteraad and the
// national half-year report (issue 18, ADR 0038), as self-contained HTML or as PDF printed
// by headless Chromium.
#include <chrono>
#include <iostream>

#include "onderdak/api/pdf.h"
#include "onderdak/api/report.h"
#include "onderdak/api/version_watch.h"
#include "onderdak/cli/commands.h"
#include "onderdak/core/config.h"

namespace onderdak::cli {
namespace {

struct ReportOpts {
  std::string region, period, out, lang = "nl", definition = std::string(indicators::kDefaultDefinition);
  int year = 0;
  bool national = false;
};

core::Status RunReport(const GlobalOptions& global, const ReportOpts& o) {
  const std::filesystem::path out = o.out;
  const std::string ext = out.extension().string();
  if (ext != ".html" && ext != ".pdf") {
    return core::Status::InvalidInput("--out: '" + o.out + "' must end in .html or .pdf");
  }
  if (o.lang != "nl" && o.lang != "en") return core::Status::InvalidInput("--lang: '" + o.lang + "' is not nl or en");
  if (o.national == !o.region.empty()) {
    return core::Status::InvalidInput("give either --region CODE --year YEAR or --national --period HALF-YEAR");
  }
  if (o.national && (o.period.empty() || o.year != 0)) {
    return core::Status::InvalidInput("--national reports on a half-year: give --period (e.g. 2023H2), not --year");
  }
  if (!o.national && (o.year == 0 || !o.period.empty())) {
    return core::Status::InvalidInput("--region reports on a year: give --year (e.g. 2023), not --period");
  }
  auto opened = store::OpenStore(global.db_url, store::OpenMode::kExisting);
  if (!opened.ok()) return opened.status();
  store::Store& store = **opened;
  api::VersionWatch watch{[&store] { return store.DeliveriesVersion(); }, std::chrono::hours(1)};
  api::ReferenceCache reference;
  api::FigureCache figures{watch};
  api::PageSources src{store, reference, figures};
  const web::Lang lang = web::ParseLang(o.lang);
  auto made = o.national ? api::NationalReportHtml(src, {.period = o.period, .lang = lang, .definition = o.definition})
                         : api::RegionReportHtml(
                               src, {.region = o.region, .year = o.year, .lang = lang, .definition = o.definition});
  if (!made.ok()) return made.status();
  const std::string& html = made->html;
  const std::string scope = o.national ? "NL" : o.region;
  const std::string period = o.national ? o.period : std::to_string(o.year);
  const std::string command = o.national ? "onderdak report --national --period " + o.period
                                         : "onderdak report --region " + o.region + " --year " + period;
  if (ext == ".html") {
    ONDERDAK_RETURN_IF_ERROR(api::WriteWhole(out, html));
  } else {
    ONDERDAK_ASSIGN_OR_RETURN(auto version, store.DeliveriesVersion());
    api::PdfOptions pdf;
    pdf.info = {{"Title", made->title},
                {"Author", "onderdak"},
                {"Subject", command + " --definition " + o.definition + " --lang " + o.lang},
                {"Keywords", "region=" + scope + "; period=" + period + "; definition=" + o.definition +
                                 "; deliveries-version=" + version},
                {"Creator", "onderdak " + std::string(core::Version())},
                {"Producer", "Chromium (headless) via onderdak"}};
    ONDERDAK_RETURN_IF_ERROR(api::PrintPdf(html, out, pdf));
  }
  std::cout << "wrote " << o.out << " (" << (o.national ? "national" : "region " + o.region) << ", " << period
            << ", definition " << o.definition << ")\n";
  return core::Status::Ok();
}

}  // namespace

void RegisterReportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand(
      "report",
      "Write a region's yearly progress report or the national half-year report (HTML or PDF; docs/reports.md)");
  auto o = std::make_shared<ReportOpts>();
  cmd->add_option("--region", o->region, "The region's yearly report: its CBS code (centrumgemeente), e.g. GM0363");
  cmd->add_option("--year", o->year, "With --region: the year reported on, beside the year before");
  cmd->add_flag("--national", o->national, "The national half-year report instead");
  cmd->add_option("--period", o->period, "With --national: the half-year reported on, e.g. 2023H2");
  cmd->add_option("--out", o->out, "The file to write: .html (self-contained) or .pdf (A4, via headless Chromium)")
      ->required();
  cmd->add_option("--lang", o->lang, "nl or en")->capture_default_str();
  cmd->add_option("--definition", o->definition, "Who counts as homeless: monitor, ethos-1-3, cbs, ethos-light")
      ->capture_default_str();
  cmd->callback([&global, outcome, o] { *outcome = RunReport(global, *o); });
}

}  // namespace onderdak::cli
