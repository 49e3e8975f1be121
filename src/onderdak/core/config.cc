#include "onderdak/core/config.h"

#include <cstdlib>
#include <iostream>

namespace onderdak::core {

Config LoadConfigFromEnvironment() {
  Config c;
  c.data_dir = ONDERDAK_DEFAULT_DATA_DIR;
  if (const char* v = std::getenv("ONDERDAK_DB"); v != nullptr && *v != '\0') c.db_url = v;
  if (const char* v = std::getenv("ONDERDAK_DATA_DIR"); v != nullptr && *v != '\0') c.data_dir = v;
  if (const char* v = std::getenv("ONDERDAK_KEY_FILE"); v != nullptr && *v != '\0') c.key_file = v;
  if (const char* v = std::getenv("ONDERDAK_LOG"); v != nullptr && *v != '\0') {
    if (!ParseLogLevel(v, &c.log_level)) {
      std::cerr << "onderdak: ignoring ONDERDAK_LOG='" << v << "' (use debug|info|warn|error|off)\n";
    }
  }
  return c;
}

std::string_view Version() { return ONDERDAK_VERSION; }

}  // namespace onderdak::core
