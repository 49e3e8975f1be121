// Routes: the only way a route is added to the server (access.h explains why). Each
// registration looks up the route's AccessRule (a missing rule throws std::logic_error, so
// the server refuses to start); each request is let through to the handler only after the
// caller was resolved and the rule, the region and (for state-changing requests made with
// a session cookie) the CSRF token were checked. Inside the handler, Caller(),
// MayActOn() and VisibleRegions() (access.h) answer for this request.
//
// Also here: the small response helpers every route file uses.
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "onderdak/api/access.h"
#include "onderdak/core/status.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

class Gatekeeper;  // session.h: resolves the caller of a request

class Routes {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  Routes(httplib::Server& http, Gatekeeper& gate) : http_(http), gate_(gate) {}

  // `pattern` is the httplib pattern (a regex for routes with parameters) and must be
  // the pattern of an AccessRule for the method.
  void Get(std::string_view pattern, Handler handler);
  void Post(std::string_view pattern, Handler handler);
  void Put(std::string_view pattern, Handler handler);
  void Delete(std::string_view pattern, Handler handler);

 private:
  Handler Guard(const AccessRule& rule, Handler handler);
  httplib::Server& http_;
  Gatekeeper& gate_;
};

inline constexpr const char* kJsonType = "application/json; charset=utf-8";
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";

// The error body of `s` with its HTTP status (http_error.h).
void SendError(httplib::Response& res, const core::Status& s);
void SendJson(httplib::Response& res, const nlohmann::json& body, int status = 200);

// Appends an audit entry for the current caller (who: Caller().AuditActor(), from:
// Caller().remote). `detail` must never hold a secret.
core::Status AuditCaller(store::Store& store, std::string_view action, std::string_view object,
                         std::string_view detail);

}  // namespace onderdak::api
