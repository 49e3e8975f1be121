// The one place where a core::Code becomes an HTTP status, and errors become the API's
// error body {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "onderdak/core/status.h"

namespace onderdak::api {

int HttpStatusFor(core::Code code);
// Stable machine-readable code: "invalid_input", "not_found", ...
std::string_view ErrorCodeName(core::Code code);
std::string ErrorBody(std::string_view code, std::string_view message);
// `j` as JSON text. Strings that are not valid UTF-8 (a parameter echoed in a message, such
// as ?period=%ff) get U+FFFD for each bad byte instead of making nlohmann throw: a
// client's bytes must never turn a 400 into a 500.
std::string JsonText(const nlohmann::json& j);
inline std::string ErrorBody(const core::Status& s) { return ErrorBody(ErrorCodeName(s.code()), s.message()); }

}  // namespace onderdak::api
