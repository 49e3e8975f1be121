#include "onderdak/api/http_error.h"

#include <nlohmann/json.hpp>

namespace onderdak::api {

int HttpStatusFor(core::Code code) {
  switch (code) {
    case core::Code::kOk: return 200;
    case core::Code::kInvalidInput: return 400;
    case core::Code::kPermissionDenied: return 403;
    case core::Code::kUnauthenticated: return 401;
    case core::Code::kRateLimited: return 429;
    case core::Code::kNotFound: return 404;
    case core::Code::kAlreadyExists: return 409;
    case core::Code::kFailedPrecondition: return 409;
    case core::Code::kUnavailable: return 503;
    case core::Code::kIo:
    case core::Code::kInternal: return 500;
  }
  return 500;
}

std::string_view ErrorCodeName(core::Code code) {
  switch (code) {
    case core::Code::kOk: return "ok";
    case core::Code::kInvalidInput: return "invalid_input";
    case core::Code::kNotFound: return "not_found";
    case core::Code::kAlreadyExists: return "already_exists";
    case core::Code::kFailedPrecondition: return "failed_precondition";
    case core::Code::kPermissionDenied: return "permission_denied";
    case core::Code::kUnauthenticated: return "unauthenticated";
    case core::Code::kRateLimited: return "rate_limited";
    case core::Code::kUnavailable: return "unavailable";
    case core::Code::kIo:
    case core::Code::kInternal: return "internal";
  }
  return "internal";
}

std::string ErrorBody(std::string_view code, std::string_view message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  return JsonText(j);
}

std::string JsonText(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace onderdak::api
