// TEMP-INTEGRATION: removed when estimate_command.cc lands.
#include "onderdak/cli/commands.h"
namespace onderdak::cli {
void RegisterEstimateCommand(CLI::App&, const GlobalOptions&, core::Status*) {}
}  // namespace onderdak::cli
