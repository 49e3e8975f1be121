// onderdak init: creates the database (applying migrations) and loads the shipped
// reference data when no reference version exists yet, and creates the first
// administrator when there is none and a password is given (ONDERDAK_ADMIN_PASSWORD or a
// terminal prompt; never a default). Safe to run again.
#include <iostream>
#include <memory>

#include "onderdak/auth/accounts.h"
#include "onderdak/cli/commands.h"
#include "onderdak/cli/setup.h"

namespace onderdak::cli {

namespace {

// Creates the first administrator unless one exists; says how to add one otherwise.
core::Status EnsureAdministrator(store::Store& store, const std::string& username) {
  auth::Accounts accounts(store);
  ONDERDAK_ASSIGN_OR_RETURN(bool has_admin, accounts.HasAdministrator());
  if (has_admin) {
    std::cout << "administrator: present (add more with 'onderdak users add NAME --role administrator')\n";
    return core::Status::Ok();
  }
  ONDERDAK_ASSIGN_OR_RETURN(auto password,
                            ReadNewPassword("ONDERDAK_ADMIN_PASSWORD", "password for administrator " + username, true));
  if (!password) {
    std::cout << "administrator: none yet. Add one with 'onderdak users add " << username
              << " --role administrator' (the password is read from a prompt, ONDERDAK_USER_PASSWORD or one line on "
                 "stdin), or run init again with ONDERDAK_ADMIN_PASSWORD set.\n";
    return core::Status::Ok();
  }
  auth::NewUserRequest req{username, "administrator", {}, {}};
  auto user = accounts.AddUser(req, *password, auth::Actor{CliActor()});
  if (!user.ok()) return user.status().WithContext("creating administrator '" + username + "'");
  std::cout << "created administrator " << user->username << "\n";
  return core::Status::Ok();
}

}  // namespace

void RegisterInitCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome) {
  auto* cmd = app.add_subcommand("init", "Create the database and load the reference data (municipalities, regions)");
  auto admin_user = std::make_shared<std::string>("admin");
  cmd->add_option("--admin-user", *admin_user, "Username of the first administrator")->capture_default_str();
  cmd->footer(
      "Creates the database named by --db (default sqlite:var/onderdak.db), applies schema "
      "migrations, and loads the 43 centrumgemeente regions shipped with onderdak (an "
      "approximation, labelled so) if the database holds no regions yet. Creates the first administrator when "
      "there is none: its password comes from ONDERDAK_ADMIN_PASSWORD or a prompt on a terminal; without either, "
      "init says how to add one with 'users add'. There is never a default password.");
  cmd->callback([&global, outcome, admin_user] {
    auto store = store::OpenStore(global.db_url, store::OpenMode::kCreate);
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
    if (summary->loaded_targets > 0 || summary->loaded_series > 0) {
      std::cout << "loaded policy data: " << summary->loaded_targets << " targets, " << summary->loaded_series
                << " reference series points (see 'onderdak targets list', 'onderdak series list')\n";
    }
    if (summary->loaded_boundaries > 0) {
      std::cout << "loaded the map: boundaries of " << summary->loaded_boundaries
                << " municipalities (CBS/PDOK gebiedsindelingen 2023; 'onderdak geo import' replaces them)\n";
    }
    *outcome = EnsureAdministrator(**store, *admin_user);
  });
}

}  // namespace onderdak::cli
