// onderdak regions list|show|versions|import
#include <iostream>
#include <optional>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/table.h"
#include "onderdak/ingest/regions_import.h"

namespace onderdak::cli {
namespace {

std::string Fixed(std::optional<double> v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", *v);
  return buf;
}

core::Result<core::Date> DateOrToday(const std::string& text) {
  if (text.empty()) return core::Date::TodayUtc();
  auto d = core::Date::Parse(text);
  if (!d.ok()) return d.status().WithContext("--date");
  return d;
}

struct Loaded {
  std::unique_ptr<store::Store> store;
  domain::ReferenceVersion version;
  domain::ReferenceSet set;
};

core::Result<Loaded> LoadInForce(const GlobalOptions& g, const std::string& date_text) {
  ONDERDAK_ASSIGN_OR_RETURN(auto date, DateOrToday(date_text));
  ONDERDAK_ASSIGN_OR_RETURN(auto store, store::OpenStore(g.db_url, store::OpenMode::kExisting));
  ONDERDAK_ASSIGN_OR_RETURN(auto version, store->ReferenceVersionOn(date));
  ONDERDAK_ASSIGN_OR_RETURN(auto set, store->LoadReferenceSet(version.id));
  return Loaded{std::move(store), std::move(version), std::move(set)};
}

void PrintVersionLine(std::ostream& out, const domain::ReferenceVersion& v) {
  out << "# reference version " << v.id << ", in force from " << v.valid_from.ToString() << ", source " << v.source
      << (v.approximate ? ", APPROXIMATE membership (not for official figures)" : "") << "\n";
}

}  // namespace

void RegisterRegionsCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* regions = app.add_subcommand("regions", "Show and import the centrumgemeente regions and their municipalities");
  regions->require_subcommand(1);

  struct Opts {
    std::string date, format = "table", code, file, valid_from, note;
    bool approximate = false;
  };
  auto o = std::make_shared<Opts>();

  auto* list = regions->add_subcommand("list", "List the regions in force on a date");
  list->add_option("--date", o->date, "Reference date YYYY-MM-DD (default: today)");
  list->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  list->callback([&global, outcome, o] {
    auto fmt = ParseOutputFormat(o->format);
    if (!fmt.ok()) return void(*outcome = fmt.status());
    auto l = LoadInForce(global, o->date);
    if (!l.ok()) return void(*outcome = l.status());
    Table t{{"code", "name", "municipalities", "lon", "lat"}, {}, {false, false, true, true, true}};
    for (const auto& r : l->set.regions()) {
      t.rows.push_back({r.code, r.name, std::to_string(r.members.size()), Fixed(r.lon), Fixed(r.lat)});
    }
    if (*fmt == OutputFormat::kTable) PrintVersionLine(std::cout, l->version);
    PrintTable(std::cout, t, *fmt);
    if (*fmt == OutputFormat::kTable) std::cout << t.rows.size() << " regions\n";
  });

  auto* show = regions->add_subcommand("show", "Show one region and its member municipalities");
  show->add_option("code", o->code, "CBS code of the centrumgemeente, e.g. GM0363")->required();
  show->add_option("--date", o->date, "Reference date YYYY-MM-DD (default: today)");
  show->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  show->callback([&global, outcome, o] {
    auto fmt = ParseOutputFormat(o->format);
    if (!fmt.ok()) return void(*outcome = fmt.status());
    auto l = LoadInForce(global, o->date);
    if (!l.ok()) return void(*outcome = l.status());
    const domain::Region* r = l->set.FindRegion(o->code);
    if (r == nullptr) {
      *outcome = core::Status::NotFound("region '" + o->code + "' does not exist on " +
                                        (o->date.empty() ? "today" : o->date) + " (see 'onderdak regions list')");
      return;
    }
    Table t{{"code", "name", "veiligheidsregio", "lon", "lat", "membership_method"}, {}, {}};
    for (const auto* m : r->members) {
      t.rows.push_back({m->code, m->name, m->veiligheidsregio, Fixed(m->lon), Fixed(m->lat), m->membership_method});
    }
    if (*fmt == OutputFormat::kTable) {
      PrintVersionLine(std::cout, l->version);
      std::cout << "region " << r->code << " " << r->name << ": " << r->members.size() << " municipalities\n";
    }
    PrintTable(std::cout, t, *fmt);
  });

  auto* versions = regions->add_subcommand("versions", "List every stored version of the regions");
  versions->add_option("--format", o->format, "table, csv or json")->capture_default_str();
  versions->callback([&global, outcome, o] {
    auto fmt = ParseOutputFormat(o->format);
    if (!fmt.ok()) return void(*outcome = fmt.status());
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
    if (!store.ok()) return void(*outcome = store.status());
    auto vs = (*store)->ListReferenceVersions();
    if (!vs.ok()) return void(*outcome = vs.status());
    Table t{{"id", "valid_from", "imported_at", "regions", "municipalities", "approximate", "source", "sha256"},
            {},
            {true, false, false, true, true}};
    for (const auto& v : *vs) {
      t.rows.push_back({std::to_string(v.id), v.valid_from.ToString(), v.imported_at, std::to_string(v.region_count),
                        std::to_string(v.municipality_count), v.approximate ? "yes" : "no", v.source,
                        v.source_sha256.substr(0, 12)});
    }
    PrintTable(std::cout, t, *fmt);
  });

  auto* import = regions->add_subcommand(
      "import", "Import an (official) list of municipalities and their centrumgemeente as a new version");
  import->add_option("file", o->file, "CSV file (see docs/regions-format.md)")->required();
  import->add_option("--valid-from", o->valid_from,
                     "First day the list is in force, YYYY-MM-DD (default: replaces the version in force today)");
  import->add_flag("--approximate", o->approximate, "Label the membership as an approximation");
  import->add_option("--note", o->note, "A note stored with the version (e.g. the decision it follows)");
  import->callback([&global, outcome, o] {
    ingest::RegionsImportOptions opts;
  if (!o->valid_from.empty()) {
    auto d = core::Date::Parse(o->valid_from);
    if (!d.ok()) return void(*outcome = d.status().WithContext("--valid-from"));
    opts.valid_from = *d;
  }
  opts.approximate = o->approximate;
  opts.note = o->note;
  auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
  if (!store.ok()) return void(*outcome = store.status());
  auto v = ingest::ImportRegions(**store, o->file, opts);
  if (!v.ok()) return void(*outcome = v.status());
  std::cout << "imported reference version " << v->id << ": " << v->region_count << " regions, "
            << v->municipality_count << " municipalities, in force from " << v->valid_from.ToString() << " (sha256 "
            << v->source_sha256 << ")\n";
});
}  // namespace onderdak::cli

}  // namespace onderdak::cli
