#include <iostream>

#include "onderdak/cli/commands.h"
#include "onderdak/cli/exit_code.h"
#include "onderdak/core/log.h"

namespace onderdak::cli {

int Main(int argc, char** argv) {
  GlobalOptions global;
  global.config = core::LoadConfigFromEnvironment();
  global.db_url = global.config.db_url;
  std::string log_level;

  CLI::App app{"onderdak: homelessness and Wonen Eerst monitoring for the Netherlands, region by region", "onderdak"};
  app.set_version_flag("--version", std::string(core::Version()));
  app.add_option("--db", global.db_url,
                 "Database URL: sqlite:PATH, sqlite::memory: or postgresql://user@host:port/db (env ONDERDAK_DB)")
      ->capture_default_str();
  app.add_option("--key-file", global.config.key_file,
                 "Pseudonymisation key file, created by init (env ONDERDAK_KEY_FILE)")
      ->capture_default_str();
  app.add_option("--log-level", log_level, "debug, info, warn, error or off (env ONDERDAK_LOG)");
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 user error (the message says what to fix), 2 internal error.");

  core::Status outcome;
  RegisterInitCommand(app, global, &outcome);
  RegisterRegionsCommand(app, global, &outcome);
  RegisterServeCommand(app, global, &outcome);
  RegisterDemoCommand(app, global, &outcome);
  RegisterEstimateCommand(app, global, &outcome);
  RegisterGenerateCommand(app, global, &outcome);
  RegisterImportCommand(app, global, &outcome);
  RegisterCheckCommand(app, global, &outcome);
  RegisterDeliveriesCommand(app, global, &outcome);
  RegisterIndicatorsCommand(app, global, &outcome);
  RegisterUsersCommand(app, global, &outcome);
  RegisterAuditCommand(app, global, &outcome);
  RegisterGeoCommand(app, global, &outcome);
  RegisterPolicyCommands(app, global, &outcome);
  RegisterPopulationCommand(app, global, &outcome);
  RegisterReportCommand(app, global, &outcome);
  RegisterProjectionCommand(app, global, &outcome);
  RegisterExportCommand(app, global, &outcome);

  app.parse_complete_callback([&] {
    core::LogLevel level = global.config.log_level;
    if (!log_level.empty() && !core::ParseLogLevel(log_level, &level)) {
      throw CLI::ValidationError("--log-level", "'" + log_level + "' is not one of debug, info, warn, error, off");
    }
    core::InitLogging(level);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "onderdak: error: " << e.what() << "\n(run 'onderdak --help' for usage)\n";
    return kExitUserError;
  } catch (const std::exception& e) {
    std::cerr << "onderdak: internal error: " << e.what() << "\n";
    return kExitInternalError;
  }
  if (!outcome.ok()) {
    std::cerr << "onderdak: " << (outcome.code() == core::Code::kInternal ? "internal error: " : "error: ")
              << outcome.message() << "\n";
  }
  return ExitCodeFor(outcome.code());
}

}  // namespace onderdak::cli
