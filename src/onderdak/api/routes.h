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

#include <cstddef>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/api/access.h"
#include "onderdak/api/route_pattern.h"
#include "onderdak/core/result.h"
#include "onderdak/core/status.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

class Gatekeeper;  // session.h: resolves the caller of a request

// Where a route's request body goes while it is read: memory (forms, JSON; at most the
// transport's in-memory limit) or a private temporary file (uploads; at most
// ServerOptions::max_body_bytes), never buffered whole in memory.
enum class BodyTo { kMemory, kFile };

class Routes {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit Routes(Gatekeeper& gate) : gate_(gate) {}

  // Asked after every HTML page: whether the data shown is synthetic (made by `onderdak
  // generate`); when it is, the page says so at the top (web::InsertSyntheticNotice).
  void SetSyntheticData(std::function<bool()> synthetic) { synthetic_ = std::move(synthetic); }

  // `pattern` is a RoutePattern (route_pattern.h) and must be the pattern of an AccessRule
  // for the method.
  void Get(std::string_view pattern, Handler handler);
  void Post(std::string_view pattern, Handler handler);
  // A POST whose body is an upload: BodyTo::kFile, read by the handler through BodyFile().
  void PostUpload(std::string_view pattern, Handler handler);
  void Put(std::string_view pattern, Handler handler);
  void Delete(std::string_view pattern, Handler handler);

  // Decided on a request's headers, before its body is read (the transport calls it for
  // every request that has a body): `refusal` set (404 without a route, 401/403 when the
  // access rule refuses the caller) means the body is not read and that answer is sent;
  // otherwise `body` says where the body goes. CSRF is checked later, with the body (a
  // form carries its token there).
  struct Admission {
    std::optional<httplib::Response> refusal;
    BodyTo body = BodyTo::kMemory;
  };
  Admission Admit(const httplib::Request& head);

  // Runs the guarded handler of the route `req` matches (HEAD runs GET's); false, with
  // `res` untouched, when none does. `body_file`: the body of a BodyTo::kFile route.
  bool Dispatch(const httplib::Request& req, httplib::Response& res, const std::filesystem::path* body_file = nullptr);

 private:
  struct Entry {
    std::string method;
    RoutePattern pattern;
    BodyTo body;
    const AccessRule* rule;
    Handler handler;
  };
  void Add(std::string_view method, std::string_view pattern, Handler handler, BodyTo body);
  const Entry* Find(const httplib::Request& req, std::vector<std::string>* captures) const;
  Handler Guard(const AccessRule& rule, Handler handler);
  std::vector<Entry> entries_;
  Gatekeeper& gate_;
  std::function<bool()> synthetic_;
};

// The path's captures of the request being handled on this thread, 1-based as in the
// pattern: PathParam(1) is the first "([^/]+)". Empty when there is no such capture.
std::string PathParam(std::size_t index);
// The body file of the request being handled (BodyTo::kFile routes); nullptr otherwise.
const std::filesystem::path* BodyFile();

inline constexpr const char* kJsonType = "application/json; charset=utf-8";
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";

// The error body of `s` with its HTTP status (http_error.h).
void SendError(httplib::Response& res, const core::Status& s);
void SendJson(httplib::Response& res, const nlohmann::json& body, int status = 200);
// The request's body as a JSON object, or InvalidInput naming what is wrong: a
// Content-Type other than application/json, a body over kMaxJsonBody, or a body that is
// not one JSON object.
inline constexpr std::size_t kMaxJsonBody = 8 * 1024 * 1024;
core::Result<nlohmann::json> JsonBody(const httplib::Request& req);

// Appends an audit entry for the current caller (who: Caller().AuditActor(), from:
// Caller().remote). `detail` must never hold a secret.
core::Status AuditCaller(store::Store& store, std::string_view action, std::string_view object,
                         std::string_view detail);

}  // namespace onderdak::api
