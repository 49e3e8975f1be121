// Logging: one process-wide spdlog logger writing to stderr.
//
// Privacy rule: nothing person-identifying is ever passed to the logger. A BSN never
// reaches this layer: it is pseudonymised at intake, and messages about one never
// contain its value (ingest/pseudonymiser.h).
#pragma once

#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace onderdak::core {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

// Result<LogLevel> would pull result.h into every log call site; an unknown name maps to
// kInfo and returns false.
bool ParseLogLevel(std::string_view name, LogLevel* out);

// Configures the default logger (stderr, "[time] [level] message"). Safe to call again.
void InitLogging(LogLevel level);

}  // namespace onderdak::core
