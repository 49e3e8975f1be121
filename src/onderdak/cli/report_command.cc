// onderdak report: the region's yearly progress report for the gemeenteraad (issue 18,
// ADR 0038), as self-contained HTML or as PDF printed by headless Chromium.
#include <chrono>
#include <fstream>
#include <iostream>

#include "onderdak/api/pdf.h"
#include "onderdak/api/report.h"
#include "onderdak/api/version_watch.h"
#include "onderdak/cli/commands.h"
#include "onderdak/core/config.h"

namespace onderdak::cli {
namespace {

struct ReportOpts {
  std::string region, out, lang = "nl", definition = std::string(indicators::kDefaultDefinition);
  int year = 0;
};

core::Status RunReport(const GlobalOptions& global, const ReportOpts& o) {
  const std::filesystem::path out = o.out;
  const std::string ext = out.extension().string();
  if (ext != ".html" && ext != ".pdf") {
    return core::Status::InvalidInput("--out: '" + o.out + "' must end in .html or .pdf");
  }
  if (o.lang != "nl" && o.lang != "en") return core::Status::InvalidInput("--lang: '" + o.lang + "' is not nl or en");
  auto opened = store::OpenStore(global.db_url, store::OpenMode::kExisting);
  if (!opened.ok()) return opened.status();
  store::Store& store = **opened;
  api::VersionWatch watch{[&store] { return store.DeliveriesVersion(); }, std::chrono::hours(1)};
  api::ReferenceCache reference;
  api::FigureCache figures{watch};
  api::PageSources src{store, reference, figures};
  const api::RegionReportRequest request{
      .region = o.region, .year = o.year, .lang = web::ParseLang(o.lang), .definition = o.definition};
  ONDERDAK_ASSIGN_OR_RETURN(auto html, api::RegionReportHtml(src, request));
  if (ext == ".html") {
    const std::filesystem::path partial = o.out + ".part";
    {
      std::ofstream f(partial, std::ios::binary | std::ios::trunc);
      f << html;
      f.close();
      if (!f) return core::Status::Io("cannot write " + partial.string());
    }
    std::error_code ec;
    std::filesystem::rename(partial, out, ec);
    if (ec) return core::Status::Io("cannot write " + o.out + ": " + ec.message());
  } else {
    ONDERDAK_ASSIGN_OR_RETURN(auto version, store.DeliveriesVersion());
    const std::string title_start = "<title>", title_end = "</title>";
    const auto a = html.find(title_start), b = html.find(title_end);
    std::string title = a == std::string::npos || b == std::string::npos
                            ? o.region
                            : html.substr(a + title_start.size(), b - a - title_start.size());
    for (auto [from, to] : {std::pair{"&#39;", "'"}, std::pair{"&amp;", "&"}}) {
      for (auto at = title.find(from); at != std::string::npos; at = title.find(from))
        title.replace(at, std::strlen(from), to);
    }
    api::PdfOptions pdf;
    pdf.info = {{"Title", title},
                {"Author", "onderdak"},
                {"Subject", "onderdak report --region " + o.region + " --year " + std::to_string(o.year) +
                                " --definition " + o.definition + " --lang " + o.lang},
                {"Keywords", "region=" + o.region + "; period=" + std::to_string(o.year) +
                                 "; definition=" + o.definition + "; deliveries-version=" + version},
                {"Creator", "onderdak " + std::string(core::Version())},
                {"Producer", "Chromium (headless) via onderdak"}};
    ONDERDAK_RETURN_IF_ERROR(api::PrintPdf(html, out, pdf));
  }
  std::cout << "wrote " << o.out << " (region " << o.region << ", " << o.year << ", definition " << o.definition
            << ")\n";
  return core::Status::Ok();
}

}  // namespace

void RegisterReportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand(
      "report", "Write a region's yearly progress report for the gemeenteraad (HTML or PDF; docs/reports.md)");
  auto o = std::make_shared<ReportOpts>();
  cmd->add_option("--region", o->region, "The region (CBS code of its centrumgemeente), e.g. GM0363")->required();
  cmd->add_option("--year", o->year, "The year reported on, beside the year before")->required();
  cmd->add_option("--out", o->out, "The file to write: .html (self-contained) or .pdf (A4, via headless Chromium)")
      ->required();
  cmd->add_option("--lang", o->lang, "nl or en")->capture_default_str();
  cmd->add_option("--definition", o->definition, "Who counts as homeless: monitor, ethos-1-3, cbs, ethos-light")
      ->capture_default_str();
  cmd->callback([&global, outcome, o] { *outcome = RunReport(global, *o); });
}

}  // namespace onderdak::cli
