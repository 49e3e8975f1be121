// onderdak indicators [--period 2021H1|2021] [--date D] [--region GM0363] [--indicator P5]
//                     [--breakdown age,gender] [--definition monitor] [--public]
//                     [--format table|csv|json|xlsx]
//
// Computes the indicator catalogue (docs/indicators.md) on the current deliveries.
// Without --public the figures are exact, as an operator with access to the database
// sees them; --public applies disclosure control (suppression below a threshold with
// secondary suppression, or rounding), as every published output must.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "onderdak/api/json_views.h"
#include "onderdak/api/xlsx.h"
#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/cli/table.h"
#include "onderdak/core/strings.h"
#include "onderdak/indicators/csv.h"
#include "onderdak/indicators/disclosure.h"
#include "onderdak/indicators/engine.h"
#include "onderdak/indicators/origin.h"
#include "onderdak/indicators/registry.h"
#include "onderdak/indicators/targets.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {
namespace {

std::vector<std::string> SplitList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    for (auto& item : core::SplitComma(v)) out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

void RegisterIndicatorsCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  struct Opts {
    std::string period, date, region, format = "table", out, definition = std::string(indicators::kDefaultDefinition);
    std::vector<std::string> indicator, breakdown;
    bool is_public = false, list = false;
    std::int64_t threshold = 5, round = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("indicators", "Compute the indicators (docs/indicators.md) on the current deliveries");
  cmd->add_option("--period", o->period, "Half-year (2021H1) or year (2021); default: the last complete half-year");
  cmd->add_option("--date", o->date, "Reference date of point-in-time figures (default: the period's first day)");
  cmd->add_option("--region", o->region, "Only this region (CBS code of the centrumgemeente); no national figure");
  cmd->add_option("--indicator", o->indicator, "Indicator ids, e.g. P5 or P1,P5 (default: all)");
  cmd->add_option("--breakdown", o->breakdown,
                  "Breakdowns besides the total: age, gender, nationality, household, ethos, need, municipality");
  cmd->add_option("--definition", o->definition,
                  "Who counts as homeless (docs/indicators.md 2.7): " + indicators::DefinitionNames())
      ->capture_default_str();
  cmd->add_flag("--public", o->is_public, "Apply disclosure control, as for publication");
  cmd->add_option("--threshold", o->threshold, "With --public: counts below this are suppressed")
      ->capture_default_str();
  cmd->add_option("--round", o->round, "With --public: round counts to this base instead of suppressing");
  cmd->add_option("--format", o->format, "table, csv, json or xlsx")->capture_default_str();
  cmd->add_option("--out", o->out, "Output file (required for xlsx; default for others: stdout)");
  cmd->add_flag("--list", o->list, "List the indicators and exit");
  cmd->callback([&global, outcome, o] {
    if (o->list) {
      Table t{{"id", "naam", "name"}, {}, {}};
      for (const auto& i : indicators::AllIndicators()) {
        t.rows.push_back({std::string(i.id), std::string(i.name_nl), std::string(i.name_en)});
      }
      PrintTable(std::cout, t, OutputFormat::kTable);
      return;
    }
    const bool xlsx = o->format == "xlsx";
    std::optional<OutputFormat> fmt;
    if (!xlsx) {
      auto f = ParseOutputFormat(o->format);
      if (!f.ok()) return void(*outcome = core::Status::InvalidInput("--format must be table, csv, json or xlsx"));
      fmt = *f;
    }
    if (xlsx && o->out.empty()) return void(*outcome = core::Status::InvalidInput("--format xlsx needs --out FILE"));
    if (o->threshold < 1) return void(*outcome = core::Status::InvalidInput("--threshold must be at least 1"));
    if (o->round < 0) return void(*outcome = core::Status::InvalidInput("--round must be positive"));

    indicators::Request request;
    if (o->period.empty()) {
      request.period = core::Period::HalfYearOf(core::Date::TodayUtc()).Previous();
    } else {
      auto p = core::Period::Parse(o->period);
      if (!p.ok()) return void(*outcome = p.status().WithContext("--period"));
      request.period = *p;
    }
    if (!o->date.empty()) {
      auto d = core::Date::Parse(o->date);
      if (!d.ok()) return void(*outcome = d.status().WithContext("--date"));
      request.reference_date = *d;
    }
    request.region = o->region;
    request.indicators = SplitList(o->indicator);
    request.breakdowns = SplitList(o->breakdown);
    if (auto d = indicators::FindDefinition(o->definition); !d.ok()) {
      return void(*outcome = d.status().WithContext("--definition"));  // names the presets
    }
    request.definition = o->definition;

    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    auto reference = ReferenceSetWithRegion(**store, request.period.last(), request.region);
    if (!reference.ok()) return void(*outcome = reference.status());
    for (const auto& r : reference->regions()) request.expected_regions.push_back(r.code);
    // P13's origin regions: the same reference set, in force on the period's last day.
    request.municipality_regions = indicators::MunicipalityRegions(*reference);
    // The national A2 target in force on the period's last day (ADR 0024).
    auto targets = (*store)->Policy().CurrentTargets();
    if (!targets.ok()) return void(*outcome = targets.status());
    request.national_target_extra_places = indicators::NationalPlacesTarget(*targets, request.period);

    store::DeliveryFilter filter;
    filter.current_only = true;
    auto data = (*store)->LoadDataset(filter);
    if (!data.ok()) return void(*outcome = data.status());
    auto figures = indicators::Compute(*data, request);
    if (!figures.ok()) return void(*outcome = figures.status());
    if (o->is_public) {
      indicators::DisclosureOptions d;
      d.threshold = o->threshold;
      if (o->round > 0) {
        d.method = indicators::DisclosureOptions::Method::kRound;
        d.rounding_base = o->round;
      }
      indicators::ApplyDisclosureControl(*figures, d);
    }

    const std::string title = "onderdak indicatoren " + request.period.ToString() +
                              (request.region.empty() ? "" : " " + request.region) + " definitie " +
                              request.definition +
                              (o->is_public ? " (openbaar, met statistische geheimhouding)" : " (intern, onafgerond)");
    if (xlsx) {
      if (auto s = api::WriteFiguresXlsx(o->out, *figures, title); !s.ok()) return void(*outcome = s);
      std::cout << "wrote " << figures->size() << " figures to " << o->out << "\n";
      return;
    }
    std::ofstream file;
    if (!o->out.empty()) {
      file.open(o->out, std::ios::binary);
      if (!file) return void(*outcome = core::Status::Io("cannot create " + o->out));
    }
    std::ostream& out = o->out.empty() ? std::cout : file;
    switch (*fmt) {
      case OutputFormat::kCsv: out << indicators::RenderCsv(*figures); break;
      case OutputFormat::kJson: {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& f : *figures) arr.push_back(api::FigureToJson(f));
        out << arr.dump(1) << "\n";
        break;
      }
      case OutputFormat::kTable: {
        Table t{{"indicator", "measure", "region", "period", "date", "breakdown", "value", "num", "den", "status"},
                {},
                {false, false, false, false, false, false, true, true, true, false}};
        for (const auto& f : *figures) {
          const auto fields = indicators::CsvFields(f);
          t.rows.push_back({f.indicator, f.measure, f.region, f.period,
                            f.reference_date ? f.reference_date->ToString() : "", f.breakdown,
                            f.suppressed ? "x" : fields[5], fields[6], fields[7], f.completeness.Status()});
        }
        out << "# " << title << "; x = suppressed\n";
        PrintTable(out, t, OutputFormat::kTable);
        out << figures->size() << " figures\n";
        break;
      }
    }
  });
}

}  // namespace onderdak::cli
