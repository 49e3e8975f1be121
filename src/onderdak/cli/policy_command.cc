// onderdak targets list|versions|import and onderdak series list|versions|import (ADR 0024).
#include <iostream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/cli/table.h"
#include "onderdak/ingest/policy_import.h"

namespace onderdak::cli {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}
std::string Number(const std::optional<double>& v) { return v ? Number(*v) : ""; }

Table VersionsTable(const std::vector<store::PolicyVersion>& vs) {
  Table t{{"id", "imported_at", "source", "file", "rows", "sha256"}, {}, {true, false, false, false, true}};
  for (const auto& v : vs) {
    t.rows.push_back(
        {std::to_string(v.id), v.imported_at, v.source, v.file, std::to_string(v.rows), v.sha256.substr(0, 12)});
  }
  return t;
}

struct Opts {
  std::string file, format = "table";
};

void RegisterTargets(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand("targets", "Show and import the policy targets (dated, versioned data)");
  cmd->require_subcommand(1);
  auto o = std::make_shared<Opts>();

  auto* list = cmd->add_subcommand("list", "List the targets in force (the newest imported list)");
  list->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  list->callback([&global, outcome, o] {
    WithStore(global, outcome, [&](store::Store& s) -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
      ONDERDAK_ASSIGN_OR_RETURN(auto ts, s.Policy().CurrentTargets());
      Table t{{"id", "indicator", "measure", "breakdown", "scope", "comparison", "value", "unit", "baseline_date",
               "baseline_value", "deadline", "label_nl", "label_en", "source"},
              {},
              {}};
      for (const auto& x : ts) {
        t.rows.push_back({x.id, x.indicator, x.measure, x.breakdown, x.scope, std::string(ComparisonName(x.comparison)),
                          Number(x.value), x.unit, x.baseline_date ? x.baseline_date->ToString() : "",
                          Number(x.baseline_value), x.deadline.ToString(), x.label_nl, x.label_en, x.source});
      }
      PrintTable(std::cout, t, fmt);
      if (fmt == OutputFormat::kTable) std::cout << ts.size() << " targets\n";
      return core::Status::Ok();
    });
  });

  auto* versions = cmd->add_subcommand("versions", "List every stored version of the target list");
  versions->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  versions->callback([&global, outcome, o] {
    WithStore(global, outcome, [&](store::Store& s) -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
      ONDERDAK_ASSIGN_OR_RETURN(auto vs, s.Policy().ListTargetVersions());
      PrintTable(std::cout, VersionsTable(vs), fmt);
      return core::Status::Ok();
    });
  });

  auto* import = cmd->add_subcommand("import", "Import a list of targets as the new version in force (all or nothing)");
  import->add_option("file", o->file, "CSV file (see docs/targets-format.md)")->required();
  import->callback([&global, outcome, o] {
    WithStore(global, outcome, [&](store::Store& s) -> core::Status {
      std::optional<domain::ReferenceSet> regions;
  ONDERDAK_ASSIGN_OR_RETURN(auto ctx, PolicyContextFor(s, core::Date::TodayUtc(), regions));
  ONDERDAK_ASSIGN_OR_RETURN(auto v, ingest::ImportTargets(s, o->file, ctx));
  std::cout << "imported target version " << v.id << ": " << v.rows << " targets from " << v.file << " (sha256 "
            << v.sha256 << ")\n";
  return core::Status::Ok();
});
}  // namespace
);
}  // namespace onderdak::cli

void RegisterSeries(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand("series", "Show and import external reference series (e.g. CBS estimates)");
  cmd->require_subcommand(1);
  auto o = std::make_shared<Opts>();

  auto* list = cmd->add_subcommand("list", "List the current points of every source");
  list->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  list->callback([&global, outcome, o] {
    WithStore(global, outcome, [&](store::Store& s) -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
      ONDERDAK_ASSIGN_OR_RETURN(auto ps, s.Policy().CurrentSeries());
      Table t{{"source", "series", "region", "period", "date", "value", "low", "high", "unit", "definition"},
              {},
              {false, false, false, false, false, true, true, true}};
      for (const auto& p : ps) {
        t.rows.push_back({p.source, p.series, p.region, p.period, p.date ? p.date->ToString() : "", Number(p.value),
                          Number(p.low), Number(p.high), p.unit, p.definition});
      }
      PrintTable(std::cout, t, fmt);
      if (fmt == OutputFormat::kTable) std::cout << ps.size() << " points\n";
      return core::Status::Ok();
    });
  });

  auto* versions = cmd->add_subcommand("versions", "List every stored version of every source");
  versions->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  versions->callback([&global, outcome, o] {
    WithStore(global, outcome, [&](store::Store& s) -> core::Status {
      ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
      ONDERDAK_ASSIGN_OR_RETURN(auto vs, s.Policy().ListSeriesVersions());
      PrintTable(std::cout, VersionsTable(vs), fmt);
      return core::Status::Ok();
    });
  });

  auto* import = cmd->add_subcommand(
      "import", "Import series; each source in the file replaces that source's points (all or nothing)");
  import->add_option("file", o->file, "CSV file (see docs/series-format.md)")->required();
  import->callback([&global, outcome, o] {
    WithStore(global, outcome, [&](store::Store& s) -> core::Status {
      std::optional<domain::ReferenceSet> regions;
  ONDERDAK_ASSIGN_OR_RETURN(auto ctx, PolicyContextFor(s, core::Date::TodayUtc(), regions));
  ONDERDAK_ASSIGN_OR_RETURN(auto vs, ingest::ImportSeries(s, o->file, ctx));
  for (const auto& v : vs) {
    std::cout << "imported series version " << v.id << " of '" << v.source << "': " << v.rows << " points from "
              << v.file << "\n";
  }
  return core::Status::Ok();
});
});
}

}  // namespace

void RegisterPolicyCommands(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  RegisterTargets(app, global, outcome);
  RegisterSeries(app, global, outcome);
}

}  // namespace onderdak::cli
