// The onderdak command line: one Register...Command function per subcommand, each in its
// own file, wired together in app.cc. A command's outcome is a core::Status; app.cc maps
// it to the exit code (exit_code.h) and prints a failure as one "onderdak: error: ..."
// report on stderr. Commands print their results on stdout.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "onderdak/core/config.h"
#include "onderdak/core/result.h"
#include "onderdak/core/status.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {

struct GlobalOptions {
  std::string db_url;  // --db, or ONDERDAK_DB, or sqlite:var/onderdak.db
  core::Config config;
};

// Runs `body(store)` on the existing database of `g`; its status becomes `*outcome`.
template <class Body>
void WithStore(const GlobalOptions& g, core::Status* outcome, Body body) {
  auto store = store::OpenStore(g.db_url, store::OpenMode::kExisting);
  if (!store.ok()) return void(*outcome = store.status());
  *outcome = body(**store);
}

// Adds the subcommand to `app`; when it runs, its outcome is written to `*outcome`.
void RegisterInitCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterRegionsCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterServeCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterDemoCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterEstimateCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterGenerateCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterImportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterCheckCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterDeliveriesCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterIndicatorsCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterUsersCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterAuditCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterGeoCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterExportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
// targets and series (policy_command.cc).
void RegisterPolicyCommands(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterPopulationCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterReportCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);
void RegisterProjectionCommand(CLI::App& app, const GlobalOptions& global, core::Status* outcome);

// A new password, never from the command line (users_command.cc): from the environment
// variable `env` when it is set; else, when stdin and stderr (and for an `optional` one
// stdout too) are terminals, from a prompt without echo, typed twice (an empty answer to an
// `optional` prompt is nullopt: skipped);
// else, unless `optional`, one line read from stdin (without echo from a terminal).
// nullopt when `optional` and none was given.
core::Result<std::optional<std::string>> ReadNewPassword(const char* env, std::string_view prompt, bool optional);
// The audit log's actor for commands run on this machine: "cli:" + the OS user name.
std::string CliActor();

// Runs the CLI; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace onderdak::cli
