// Deployment configuration: where the database, the reference data and the
// pseudonymisation key are, and how much to log. Values come from (in rising precedence) built-in
// defaults, environment variables, and command-line flags (applied by the CLI layer).
//
//   ONDERDAK_DB        database URL (sqlite:PATH, sqlite::memory:, postgresql://...)
//   ONDERDAK_DATA_DIR  folder holding reference/ (default: the source tree's data/)
//   ONDERDAK_LOG       debug|info|warn|error|off
//   ONDERDAK_KEY_FILE  the pseudonymisation key (default var/onderdak.key)
#pragma once

#include <filesystem>
#include <string>

#include "onderdak/core/log.h"

namespace onderdak::core {

struct Config {
  std::string db_url = "sqlite:var/onderdak.db";
  std::filesystem::path data_dir;
  // The deployment's pseudonymisation key: outside the database, mode 0600, created by init.
  std::filesystem::path key_file = "var/onderdak.key";
  LogLevel log_level = LogLevel::kInfo;

  // The reference data files shipped with onderdak (data/reference/).
  std::filesystem::path ReferenceDir() const { return data_dir / "reference"; }
};

// Defaults overlaid with the environment. Never fails: an unknown log level is ignored
// with a warning on stderr.
Config LoadConfigFromEnvironment();

std::string_view Version();

}  // namespace onderdak::core
