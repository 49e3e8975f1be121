// onderdak geo import|versions: municipality boundary files for the map (ingest/geo_import.h).
#include <iostream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/table.h"
#include "onderdak/ingest/geo_import.h"

namespace onderdak::cli {
namespace {

std::string_view CrsName(std::string_view crs) {
  return crs == "rd_new" ? "RD New (EPSG:28992, metres)" : "WGS84 (lon/lat degrees)";
}

}  // namespace

void RegisterGeoCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* geo = app.add_subcommand("geo", "Import municipality boundaries so the map draws the regions' real shapes");
  geo->require_subcommand(1);

  struct Opts {
    std::string file, format = "table";
    ingest::GeoImportOptions import;
  };
  auto o = std::make_shared<Opts>();

  auto* import = geo->add_subcommand(
      "import", "Import a TopoJSON Topology or GeoJSON FeatureCollection of municipalities (WGS84 or RD New)");
  import->add_option("file", o->file, "The boundary file, e.g. a CBS/PDOK gebiedsindeling of municipalities")
      ->required();
  import->add_option("--code-property", o->import.code_property,
                     "Feature property with the municipality code (default: the first of code, statcode, "
                     "gemeentecode, GM_CODE)");
  import->add_option("--object", o->import.object,
                     "TopoJSON: the object holding the municipalities (default: the one whose geometries carry GM "
                     "codes)");
  import->callback([&global, outcome, o] {
    auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
  if (!store.ok()) return void(*outcome = store.status());
  auto r = ingest::ImportBoundaries(**store, o->file, o->import);
  if (!r.ok()) return void(*outcome = r.status());
  const auto& meta = r->stored.version;
  if (!r->stored.added) {
    std::cout << "nothing imported: " << o->file << " is the boundary version in force already (version " << meta.id
              << ", imported " << meta.imported_at << ", sha256 " << meta.sha256 << ")\n";
    return;
  }
  std::cout << "imported boundary version " << meta.id << " from " << meta.source << "\n"
            << "  format:            "
            << (meta.format == "topojson" ? "TopoJSON, object " + meta.object_name : std::string("GeoJSON"))
            << ", code property " << meta.code_property << "\n"
            << "  coordinate system: " << CrsName(meta.crs) << "\n"
            << "  municipalities:    " << meta.feature_count << "\n"
            << "  sha256:            " << meta.sha256 << "\n";
  if (!r->coverage) {
    std::cout << "warning: no reference data in force today: the codes were not compared with the municipalities "
                 "(run 'onderdak init' or 'onderdak regions import')\n";
    return;
  }
  std::cout << "  compared with reference version " << r->reference->id << " (" << r->reference->source << ", "
            << r->reference->municipality_count << " municipalities)\n";
  if (!r->coverage->missing.empty()) {
    std::cout << "warning: municipalities in force missing from the file (not drawn on the map): "
              << CountAndFirst(r->coverage->missing) << "\n";
  }
  if (!r->coverage->unknown.empty()) {
    std::cout << "warning: codes in the file that are not municipalities in force (ignored by the map): "
              << CountAndFirst(r->coverage->unknown) << "\n";
  }
  if (r->coverage->missing.empty() && r->coverage->unknown.empty()) {
    std::cout << "  every municipality in force is in the file\n";
  }
});

auto* versions = geo->add_subcommand("versions", "List the imported boundary versions (the newest is used)");
versions->add_option("--format", o->format, "table, csv or json")->capture_default_str();
versions->callback([&global, outcome, o] {
  auto fmt = ParseOutputFormat(o->format);
  if (!fmt.ok()) return void(*outcome = fmt.status());
  auto store = store::OpenStore(global.db_url, store::OpenMode::kExisting);
  if (!store.ok()) return void(*outcome = store.status());
  auto list = (*store)->Geo().ListBoundaries();
  if (!list.ok()) return void(*outcome = list.status());
  Table t{{"id", "imported_at", "format", "crs", "municipalities", "source", "sha256"},
          {},
          {true, false, false, false, true}};
  for (const auto& v : *list) {
    t.rows.push_back({std::to_string(v.id), v.imported_at, v.format, v.crs, std::to_string(v.feature_count), v.source,
                      v.sha256.substr(0, 12)});
  }
  PrintTable(std::cout, t, *fmt);
});
}  // namespace onderdak::cli

}  // namespace onderdak::cli
