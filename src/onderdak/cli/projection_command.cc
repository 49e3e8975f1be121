// onderdak projection --region GM0363|NL --to 2030 [--scenario FILE] [--format table|csv|json]
//   [--definition D] [--replicates N] [--seed S] [--backtest HALF-YEARS]
//
// The projection to 2030 (docs/projection.md, ADR 0039): the persons homeless on each
// half-year's last day from the unit's last delivered day on, with the 50 % and 90 % band,
// the placements into housing needed for zero and functional zero beside the current pace;
// or, with --backtest, the projection from an earlier cut against what was then delivered.
// Internal figures (not disclosure-controlled), like `indicators` without --public.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "onderdak/api/projection_json.h"
#include "onderdak/cli/commands.h"
#include "onderdak/cli/table.h"

namespace onderdak::cli {
namespace {

struct ProjectionOpts {
  std::string unit = "NL", scenario_file, format = "table", definition = std::string(indicators::kDefaultDefinition);
  int to = 2030, replicates = 1000, backtest = 0;
  std::uint64_t seed = 1;
};

std::string Num(double v, int decimals = 0) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string DateOr(const std::optional<core::Date>& d, const std::string& none) { return d ? d->ToString() : none; }

core::Status ReadScenario(const std::string& path, projection::ProjectionOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::Io(path + ": cannot be read");
  constexpr std::size_t kMax = 64 * 1024;
  std::string text(kMax + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMax) return core::Status::InvalidInput(path + ": larger than 64 KiB; a scenario is a few fields");
  return api::ParseScenario(text, path, options);
}

void PrintProjection(const projection::ProjectionAnswer& a, OutputFormat format) {
  const auto& u = a.unit;
  if (format == OutputFormat::kJson) {
    std::cout << api::ProjectionJson(a, false).dump(2) << "\n";
    return;
  }
  Table t{{"date", "kind", "persons", "p05", "p25", "median", "p75", "p95"},
          {},
          {false, false, true, true, true, true, true, true}};
  for (const auto& o : u.observed)
    t.rows.push_back({o.date.ToString(), "observed", std::to_string(o.persons), "", "", "", "", ""});
  for (const auto& b : u.path) {
    t.rows.push_back({b.date.ToString(), "projected", Num(b.expected, 1), Num(b.p05), Num(b.p25), Num(b.p50),
                      Num(b.p75), Num(b.p95)});
  }
  if (format == OutputFormat::kCsv) {
    PrintTable(std::cout, t, format);
    return;
  }
  const auto& p = u.pace;
  const auto& sc = u.scenario;
  std::cout << "# projection " << u.code << " (definition " << a.definition << "), from " << u.jump_off.ToString()
            << ", " << u.persons << " persons in the data\n";
  if (u.code == "NL") {
    std::cout << "covers " << u.regions.size() << " regions"
              << (u.left_out.empty() ? ""
                                     : "; left out (no delivery for the last half-year): " + CountAndFirst(u.left_out))
              << "\n";
  }
  std::cout << "scenario: prevention " << Num(sc.prevention * 100) << " %, extra placements "
            << Num(sc.extra_per_half_year) << " per half-year, pipeline " << Num(sc.pipeline) << " places, Wonen Eerst "
            << Num(sc.wonen_eerst * 100) << " %, fewer returns " << Num(sc.fewer_returns * 100) << " %\n\n";
  PrintTable(std::cout, t, format);
  std::cout << "\n# pace (placements into housing per half-year)\n"
            << "current pace:                " << Num(p.current_per_half_year, 1) << "\n"
            << "needed for zero by the end:  " << Num(p.needed_zero, 1) << "\n"
            << "needed for functional zero:  " << Num(p.needed_functional_zero, 1) << "  (at most "
            << Num(p.functional_zero_threshold, 1) << " persons homeless: the placements of one month)\n"
            << "zero reached at this pace:   "
            << DateOr(p.zero_reached, "not by " + std::to_string(projection::kSearchUntilYear)) << "\n"
            << "functional zero reached:     "
            << DateOr(p.functional_zero_reached, "not by " + std::to_string(projection::kSearchUntilYear)) << "\n"
            << "band: 50 % (p25-p75) and 90 % (p05-p95); assumptions in docs/projection.md\n";
}

// Every unit in one table: the last counted figure, the expected one at the end and its
// 90 % band, the current pace and the pace needed.
void PrintAll(const std::vector<projection::ProjectionAnswer>& all, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : all) list.push_back(api::ProjectionJson(a, false));
    std::cout << list.dump(2) << "\n";
    return;
  }
  Table t{{"unit", "jump_off", "counted", "end", "expected", "p05", "p95", "current_pace", "needed_zero",
           "needed_functional_zero"},
          {},
          {false, false, true, false, true, true, true, true, true, true}};
  for (const auto& a : all) {
    const auto& u = a.unit;
    const std::int64_t counted = u.observed.empty() ? 0 : u.observed.back().persons;
    const projection::Band end = u.path.empty() ? projection::Band{} : u.path.back();
    t.rows.push_back({u.code, u.jump_off.ToString(), std::to_string(counted), u.path.empty() ? "" : end.date.ToString(),
                      Num(end.expected, 1), Num(end.p05), Num(end.p95), Num(u.pace.current_per_half_year, 1),
                      Num(u.pace.needed_zero, 1), Num(u.pace.needed_functional_zero, 1)});
  }
  PrintTable(std::cout, t, format);
}

void PrintBacktest(const std::vector<projection::BacktestRow>& rows, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    std::cout << api::BacktestJson(rows).dump(2) << "\n";
    return;
  }
  Table t{{"unit", "cut", "date", "observed", "expected", "p05", "median", "p95", "covered"},
          {},
          {false, false, false, true, true, true, true, true, false}};
  for (const auto& r : rows) {
    t.rows.push_back({r.code, r.cut.ToString(), r.date.ToString(), std::to_string(r.observed), Num(r.expected, 1),
                      Num(r.p05), Num(r.p50), Num(r.p95), r.covered ? "yes" : "no"});
  }
  PrintTable(std::cout, t, format);
  if (format == OutputFormat::kTable) {
    const auto summary = api::BacktestJson(rows);
    std::cout << "\n90 % band covers " << Num(summary["coverage_90"].get<double>() * 100, 0)
              << " % of the observed figures; mean absolute percentage error "
              << Num(summary["mean_absolute_percentage_error"].get<double>() * 100, 1) << " %\n";
  }
}

core::Status Run(const GlobalOptions& global, const ProjectionOpts& o) {
  ONDERDAK_ASSIGN_OR_RETURN(const OutputFormat format, ParseOutputFormat(o.format));
  if (auto d = indicators::FindDefinition(o.definition); !d.ok()) return d.status().WithContext("--definition");
  projection::ProjectionQuery q;
  q.definition = o.definition;
  q.unit = o.unit;
  q.options.to_year = o.to;
  q.options.replicates = o.replicates;
  q.options.seed = o.seed;
  if (!o.scenario_file.empty()) ONDERDAK_RETURN_IF_ERROR(ReadScenario(o.scenario_file, q.options));
  if (auto s = projection::Validate(q.options); !s.ok()) return s;
  core::Status outcome = core::Status::Ok();
  WithStore(global, &outcome, [&](store::Store& store) -> core::Status {
    store::DeliveryFilter filter;
    filter.current_only = true;
    ONDERDAK_ASSIGN_OR_RETURN(auto data, store.LoadDataset(filter));
    ONDERDAK_ASSIGN_OR_RETURN(auto prepared, indicators::Prepare(data));
    if (o.backtest > 0) {
      if (o.unit != "all") q.options.only = {o.unit};
      ONDERDAK_ASSIGN_OR_RETURN(auto rows, projection::BacktestFromData(prepared, q, o.backtest));
      if (rows.empty())
        return core::Status::NotFound(o.unit + ": no delivered half-year after the cut to compare with");
      PrintBacktest(rows, format);
      return core::Status::Ok();
    }
    if (o.unit == "all") {
      ONDERDAK_ASSIGN_OR_RETURN(auto all, projection::ProjectAllFromData(prepared, q));
      PrintAll(all, format);
      return core::Status::Ok();
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto answer, projection::ProjectFromData(prepared, q));
    PrintProjection(answer, format);
    return core::Status::Ok();
  });
  return outcome;
}

}  // namespace

void RegisterProjectionCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto o = std::make_shared<ProjectionOpts>();
  auto* cmd = app.add_subcommand("projection",
                                 "Project the homeless persons per half-year to 2030 with a band, and the housing pace "
                                 "needed for zero (docs/projection.md)");
  cmd->add_option("--region", o->unit, "A region's CBS code, NL (default), or all (every region and NL in one table)");
  cmd->add_option("--to", o->to, "Last year: the projection ends on 31 December (default 2030)");
  cmd->add_option("--scenario", o->scenario_file, "A scenario file (JSON; docs/projection.md section 5)");
  cmd->add_option("--format", o->format, "table (default), csv or json");
  cmd->add_option("--definition", o->definition, "Definition preset (docs/indicators.md section 2.7)");
  cmd->add_option("--replicates", o->replicates, "Bootstrap replicates for the band (default 1000; 0: none)");
  cmd->add_option("--seed", o->seed, "Seed of the bootstrap (default 1)");
  cmd->add_option("--backtest", o->backtest,
                  "Fit on the data up to this many half-years before the last delivered day and compare");
  cmd->callback([o, &global, outcome] { *outcome = Run(global, *o); });
}

}  // namespace onderdak::cli
