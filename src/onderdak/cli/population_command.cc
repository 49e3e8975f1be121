// onderdak population import|versions|list: inhabitants per municipality on a date, the
// denominator of the map's rates per 10,000 inhabitants (ADR 0037, ingest/population_import.h).
#include <iostream>
#include <map>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"
#include "onderdak/cli/table.h"
#include "onderdak/ingest/population_import.h"

namespace onderdak::cli {
namespace {

struct PopulationOpts {
  std::string file, date, format = "table";
};

core::Status RunPopulationImport(store::Store& s, const PopulationOpts& o) {
  ingest::PopulationOptions options;
  if (!o.date.empty()) {
    auto d = core::Date::Parse(o.date);
    if (!d.ok()) return core::Status::InvalidInput("--date: '" + o.date + "' is not a date YYYY-MM-DD");
    options.date = *d;
  }
  std::optional<domain::ReferenceSet> in_force;
  ONDERDAK_ASSIGN_OR_RETURN(auto ctx, PolicyContextFor(s, core::Date::TodayUtc(), in_force));
  ONDERDAK_ASSIGN_OR_RETURN(auto r, ingest::ImportPopulation(s, o.file, options, ctx.regions));
  if (r.unchanged) {
    std::cout << "nothing imported: " << o.file << " is the population in force already for each of its dates\n";
    return core::Status::Ok();
  }
  for (const auto& v : r.versions) {
    std::cout << "imported population version " << v.id << ": " << v.rows << " municipalities on " << v.source
              << " from " << v.file << " (sha256 " << v.sha256.substr(0, 12) << ")\n";
  }
  if (r.file.other_areas > 0 || r.file.no_figure > 0) {
    std::cout << "  skipped: " << r.file.other_areas << " rows of other areas (nation, provinces, districts), "
              << r.file.no_figure << " rows without a figure ('.' or empty)\n";
  }
  if (ctx.regions == nullptr) {
    std::cout << "warning: no reference data in force today: the codes were not compared with the municipalities "
                 "(run 'onderdak init' or 'onderdak regions import')\n";
  }
  for (const auto& c : r.coverage) {
    if (!c.missing.empty()) {
      std::cout << "warning: municipalities in force without a figure on " << c.date.ToString()
                << " (their regions get no rate per 10,000 inhabitants): " << CountAndFirst(c.missing) << "\n";
    }
    if (!c.unknown.empty()) {
      std::cout << "note: codes that are not municipalities in force (stored, not used): " << CountAndFirst(c.unknown)
                << "\n";
    }
    if (c.missing.empty()) {
      std::cout << "  every municipality in force has a figure on " << c.date.ToString() << "\n";
    }
  }
  return core::Status::Ok();
}

}  // namespace

void RegisterPopulationCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand(
      "population", "Import inhabitants per municipality (CBS), for rates per 10,000 inhabitants on the map");
  cmd->require_subcommand(1);
  auto o = std::make_shared<PopulationOpts>();

  auto* import = cmd->add_subcommand(
      "import", "Import a CBS population file (StatLine or open-data CSV); one version per date, all or nothing");
  import->add_option("file", o->file, "CSV file (see docs/population-format.md)")->required();
  import->add_option("--date", o->date, "The population's date (YYYY-MM-DD), for a file without Perioden/peildatum");
  import->callback([&global, outcome, o] {
    WithStore(global, outcome, [&](store::Store& s) { return RunPopulationImport(s, *o);
});
}  // namespace onderdak::cli
);

auto* versions = cmd->add_subcommand("versions", "List every imported population version (newest per date in force)");
versions->add_option("--format", o->format, "table, csv or json")->capture_default_str();
versions->callback([&global, outcome, o] {
  WithStore(global, outcome, [&](store::Store& s) -> core::Status {
    ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
    ONDERDAK_ASSIGN_OR_RETURN(auto vs, s.Policy().ListPopulationVersions());
    Table t{{"id", "imported_at", "date", "file", "municipalities", "sha256"}, {}, {true, false, false, false, true}};
    for (const auto& v : vs) {
      t.rows.push_back(
          {std::to_string(v.id), v.imported_at, v.source, v.file, std::to_string(v.rows), v.sha256.substr(0, 12)});
    }
    PrintTable(std::cout, t, fmt);
    return core::Status::Ok();
  });
});

auto* list = cmd->add_subcommand("list", "List the population in force per municipality and date");
list->add_option("--format", o->format, "table, csv or json")->capture_default_str();
list->callback([&global, outcome, o] {
  WithStore(global, outcome, [&](store::Store& s) -> core::Status {
    ONDERDAK_ASSIGN_OR_RETURN(auto fmt, ParseOutputFormat(o->format));
    ONDERDAK_ASSIGN_OR_RETURN(auto counts, s.Policy().CurrentPopulation());
    Table t{{"date", "municipality", "inhabitants"}, {}, {false, false, true}};
    for (const auto& c : counts) t.rows.push_back({c.date.ToString(), c.municipality, std::to_string(c.inhabitants)});
    PrintTable(std::cout, t, fmt);
    return core::Status::Ok();
  });
});
}

}  // namespace onderdak::cli
