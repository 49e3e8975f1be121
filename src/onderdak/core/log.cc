#include "onderdak/core/log.h"

#include <spdlog/sinks/stdout_sinks.h>

namespace onderdak::core {

bool ParseLogLevel(std::string_view name, LogLevel* out) {
  if (name == "debug")
    *out = LogLevel::kDebug;
  else if (name == "info")
    *out = LogLevel::kInfo;
  else if (name == "warn")
    *out = LogLevel::kWarn;
  else if (name == "error")
    *out = LogLevel::kError;
  else if (name == "off")
    *out = LogLevel::kOff;
  else {
    *out = LogLevel::kInfo;
    return false;
  }
  return true;
}

void InitLogging(LogLevel level) {
  static auto logger = [] {
    auto l = spdlog::stderr_logger_mt("onderdak");
    l->set_pattern("[%Y-%m-%dT%H:%M:%S.%e] [%l] %v");
    spdlog::set_default_logger(l);
    return l;
  }();
  switch (level) {
    case LogLevel::kDebug: logger->set_level(spdlog::level::debug); break;
    case LogLevel::kInfo: logger->set_level(spdlog::level::info); break;
    case LogLevel::kWarn: logger->set_level(spdlog::level::warn); break;
    case LogLevel::kError: logger->set_level(spdlog::level::err); break;
    case LogLevel::kOff: logger->set_level(spdlog::level::off); break;
  }
}

}  // namespace onderdak::core
