#include "onderdak/api/routes.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <stdexcept>

#include "onderdak/api/http_error.h"
#include "onderdak/api/session.h"
#include "onderdak/web/account_pages.h"
#include "onderdak/web/error_page.h"
#include "onderdak/web/html.h"

namespace onderdak::api {
namespace {

// Percent-encodes everything but unreserved characters and '/'.
std::string EncodePath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool ChangesState(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// Fills in the header of an HTML page for its caller (web::InsertAccountBar): who is
// logged in, where they may go, and logging out; for the public, a login link. The
// links follow the policy table, so nobody is shown a page they would be refused.
void AddAccountBar(const httplib::Request& req, httplib::Response& res, const Principal& caller) {
  if (!res.get_header_value("Content-Type").starts_with("text/html")) return;
  if (caller.via == Principal::Via::kToken) return;  // a machine: nothing to show
  const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
  web::AccountView view;
  view.back_to = req.path == "/inloggen" ? "/" : EncodePath(req.path);
  if (!caller.is_public()) {
    const auto may = [&caller](std::string_view pattern) {
      const AccessRule* rule = FindAccessRule("GET", pattern);
      return rule != nullptr && Decide(*rule, caller, std::nullopt).status == 200;
    };
    view.username = caller.username;
    view.role = std::string(auth::RoleId(*caller.role));
    view.role_name =
        std::string(lang == web::Lang::kEn ? auth::RoleEnglish(*caller.role) : auth::RoleDutch(*caller.role));
    view.csrf = caller.csrf_token;
    view.submissions = may("/aanlevering");
    view.deliveries = may("/leveringen");
    view.provider_figures = may("/mijn-cijfers");
    view.audit = may("/beheer/audit");
    view.password = caller.via == Principal::Via::kSession && may("/wachtwoord");
  }
  web::InsertAccountBar(res.body, view, lang);
}

// What is answered to a logged-in caller (a page, JSON, CSV, a workbook) is for that
// caller only: no cache, shared or private, keeps it. Static files stay cacheable.
void KeepOutOfCaches(httplib::Response& res, const Principal& caller) {
  if (caller.is_public()) return;
  const std::string type = res.get_header_value("Content-Type");
  if (type.starts_with("text/javascript") || type.starts_with("text/css")) return;
  res.headers.erase("Cache-Control");
  res.set_header("Cache-Control", "private, no-store");
}

// A refusal: JSON under /api/, else a short HTML page; a public GET of a page goes to the
// login page and comes back afterwards.
void Refuse(const httplib::Request& req, httplib::Response& res, int status, const std::string& reason) {
  const bool api = req.path.starts_with("/api/");
  if (!api && status == 401 && req.method == "GET") {
    res.status = 303;
    res.set_header("Location", "/inloggen?terug=" + EncodePath(req.path));
    return;
  }
  res.status = status;
  if (status == 401 && api) res.set_header("WWW-Authenticate", "Bearer realm=\"onderdak\"");
  const std::string_view code = status == 401   ? "unauthenticated"
                                : status == 429 ? "rate_limited"
                                                : "permission_denied";
  if (api) {
    res.set_content(ErrorBody(code, reason), kJsonType);
  } else {
    res.set_content(web::RenderErrorPage(status, reason, web::ParseLang(req.get_param_value("lang"))), kHtmlType);
  }
}

}  // namespace

void SendError(httplib::Response& res, const core::Status& s) {
  res.status = HttpStatusFor(s.code());
  res.set_content(ErrorBody(s), kJsonType);
}

void SendJson(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  res.set_content(JsonText(body), kJsonType);
}

core::Result<nlohmann::json> JsonBody(const httplib::Request& req) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    return core::Status::InvalidInput("the body must be JSON (Content-Type: application/json)");
  }
  if (req.body.size() > kMaxJsonBody) return core::Status::InvalidInput("the body is larger than 8 MiB");
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return core::Status::InvalidInput("the body must be a JSON object");
  return j;
}

core::Status AuditCaller(store::Store& store, std::string_view action, std::string_view object,
                         std::string_view detail) {
  const Principal& p = Caller();
  return store.Accounts()
      .AppendAudit({p.AuditActor(), std::string(action), std::string(object), std::string(detail), p.remote})
      .status();
}

namespace {

// The request being handled on this thread (Routes::Dispatch sets it).
struct RequestContext {
  const std::vector<std::string>* captures = nullptr;
  const std::filesystem::path* body_file = nullptr;
};
thread_local RequestContext tl_request;

class RequestScope {
 public:
  RequestScope(const std::vector<std::string>& captures, const std::filesystem::path* body_file) : saved_(tl_request) {
    tl_request = {&captures, body_file};
  }
  ~RequestScope() { tl_request = saved_; }
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  RequestContext saved_;
};

// The region a rule reads, from the path's first capture or the query.
std::optional<std::string> RegionOf(const AccessRule& rule, const httplib::Request& req) {
  if (rule.region == RegionFrom::kPath) {
    if (std::string r = PathParam(1); !r.empty()) return r;
  }
  if (rule.region == RegionFrom::kQuery && req.has_param("region")) return req.get_param_value("region");
  return std::nullopt;
}

}  // namespace

std::string PathParam(std::size_t index) {
  const auto* c = tl_request.captures;
  if (c == nullptr || index == 0 || index > c->size()) return {};
  return (*c)[index - 1];
}

const std::filesystem::path* BodyFile() { return tl_request.body_file; }

Routes::Handler Routes::Guard(const AccessRule& rule, Handler handler) {
  return [this, &rule, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    auto caller = gate_.Resolve(req);
    if (!caller.ok()) {
      if (caller.status().code() == core::Code::kUnauthenticated) {
        return Refuse(req, res, 401, caller.status().message());
      }
      return SendError(res, caller.status());
    }
    const Decision d = Decide(rule, *caller, RegionOf(rule, req));
    if (d.status != 200) return Refuse(req, res, d.status, d.reason);
    if (ChangesState(req.method)) {
      if (!Gatekeeper::SameOrigin(req)) return Refuse(req, res, 403, "cross-site request refused (Origin)");
      // CSRF guards what a session's authority allows; an action open to anyone (logging
      // in) does not use that authority (login CSRF has its own guards: JSON only, or the
      // login form's double-submitted token).
      if (caller->via == Principal::Via::kSession && rule.public_access != Grant::kAll &&
          !Gatekeeper::CsrfMatches(req, *caller)) {
        return Refuse(req, res, 403, "missing or wrong CSRF token");
      }
    }
    internal::CallerScope scope(*caller, rule);
    handler(req, res);
    AddAccountBar(req, res, *caller);
    if (synthetic_ && res.get_header_value("Content-Type").starts_with("text/html") && synthetic_()) {
      web::InsertSyntheticNotice(res.body, web::ParseLang(req.get_param_value("lang")));
    }
    KeepOutOfCaches(res, *caller);
  };
}

namespace {
const AccessRule& RuleOrThrow(std::string_view method, std::string_view pattern) {
  const AccessRule* rule = FindAccessRule(method, pattern);
  if (rule == nullptr) {
    throw std::logic_error("route " + std::string(method) + " " + std::string(pattern) +
                           " has no access rule in api/access.cc");
  }
  return *rule;
}
}  // namespace

void Routes::Add(std::string_view method, std::string_view pattern, Handler handler, BodyTo body) {
  const AccessRule& rule = RuleOrThrow(method, pattern);
  entries_.push_back({.method = std::string(method),
                      .pattern = RoutePattern(pattern),
                      .body = body,
                      .rule = &rule,
                      .handler = Guard(rule, std::move(handler))});
}

void Routes::Get(std::string_view pattern, Handler handler) {
  Add("GET", pattern, std::move(handler), BodyTo::kMemory);
}
void Routes::Post(std::string_view pattern, Handler handler) {
  Add("POST", pattern, std::move(handler), BodyTo::kMemory);
}
void Routes::PostUpload(std::string_view pattern, Handler handler) {
  Add("POST", pattern, std::move(handler), BodyTo::kFile);
}
void Routes::Put(std::string_view pattern, Handler handler) {
  Add("PUT", pattern, std::move(handler), BodyTo::kMemory);
}
void Routes::Delete(std::string_view pattern, Handler handler) {
  Add("DELETE", pattern, std::move(handler), BodyTo::kMemory);
}

const Routes::Entry* Routes::Find(const httplib::Request& req, std::vector<std::string>* captures) const {
  const std::string_view method = req.method == "HEAD" ? std::string_view("GET") : std::string_view(req.method);
  for (const auto& e : entries_) {
    if (e.method != method) continue;
    if (auto m = e.pattern.Match(req.path)) {
      *captures = std::move(*m);
      return &e;
    }
  }
  return nullptr;
}

Routes::Admission Routes::Admit(const httplib::Request& head) {
  Admission a;
  std::vector<std::string> captures;
  const Entry* e = Find(head, &captures);
  if (e == nullptr) {
    a.refusal.emplace();
    a.refusal->status = 404;
    return a;
  }
  a.body = e->body;
  RequestScope scope(captures, nullptr);
  auto caller = gate_.Resolve(head);
  httplib::Response res;
  if (!caller.ok()) {
    if (caller.status().code() == core::Code::kUnauthenticated) {
      Refuse(head, res, 401, caller.status().message());
    } else {
      SendError(res, caller.status());
    }
    a.refusal = std::move(res);
    return a;
  }
  const Decision d = Decide(*e->rule, *caller, RegionOf(*e->rule, head));
  if (d.status != 200) {
    Refuse(head, res, d.status, d.reason);
    a.refusal = std::move(res);
  }
  return a;
}

bool Routes::Dispatch(const httplib::Request& req, httplib::Response& res, const std::filesystem::path* body_file) {
  std::vector<std::string> captures;
  const Entry* e = Find(req, &captures);
  if (e == nullptr) return false;
  RequestScope scope(captures, body_file);
  e->handler(req, res);
  return true;
}

}  // namespace onderdak::api
