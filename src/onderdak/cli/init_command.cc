// onderdak init: creates the database (applying migrations) and loads the shipped
// reference data when no reference version exists yet. Safe to run again.
#include <iostream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"

namespace onderdak::cli {

void RegisterInitCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand("init", "Create the database and load the reference data (municipalities, regions)");
  cmd->footer(
      "Creates the database named by --db (default sqlite:var/onderdak.db), applies schema "
      "migrations, and loads the 43 centrumgemeente regions shipped with onderdak (an "
      "approximation, labelled so) if the database holds no regions yet.");
  cmd->callback([&global, outcome] {
    auto store = store::OpenStore(global.db_url);
    if (!store.ok()) {
      *outcome = store.status();
      return;
    }
    auto summary = EnsureInitialised(**store, global.config);
    if (!summary.ok()) {
      *outcome = summary.status();
      return;
    }
    if (summary->created_key) {
      std::cout << "created pseudonymisation key " << global.config.key_file.string()
                << " (mode 0600). Back it up apart from the database: without it, new deliveries "
                   "cannot be linked to the people already registered.\n";
    } else {
      std::cout << "pseudonymisation key: " << global.config.key_file.string() << "\n";
    }
    std::cout << "database: " << global.db_url << " (schema version " << summary->schema_version << ")\n";
    std::cout << (summary->loaded_reference ? "loaded reference data: " : "reference data in force: ")
              << summary->version.region_count << " regions, " << summary->version.municipality_count
              << " municipalities from " << summary->version.source
              << (summary->version.approximate ? " (approximate membership)" : "") << "\n";
  });
}

}  // namespace onderdak::cli
