#include "onderdak/api/routes.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <stdexcept>

#include "onderdak/api/http_error.h"
#include "onderdak/api/session.h"
#include "onderdak/web/account_pages.h"
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
    view.audit = may("/beheer/audit");
    view.password = caller.via == Principal::Via::kSession && may("/wachtwoord");
    // A page for one caller is not for a shared cache.
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "no-store");
  }
  web::InsertAccountBar(res.body, view, lang);
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
    res.set_content("<!DOCTYPE html><html lang=\"nl\"><title>onderdak</title><p>" + web::EscapeHtml(reason) +
                        "</p><p><a href=\"/inloggen\">inloggen</a> · <a href=\"/\">onderdak</a></p></html>",
                    kHtmlType);
  }
}

}  // namespace

void SendError(httplib::Response& res, const core::Status& s) {
  res.status = HttpStatusFor(s.code());
  res.set_content(ErrorBody(s), kJsonType);
}

void SendJson(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  res.set_content(body.dump(), kJsonType);
}

core::Status AuditCaller(store::Store& store, std::string_view action, std::string_view object,
                         std::string_view detail) {
  const Principal& p = Caller();
  return store.Accounts()
      .AppendAudit({p.AuditActor(), std::string(action), std::string(object), std::string(detail), p.remote})
      .status();
}

Routes::Handler Routes::Guard(const AccessRule& rule, Handler handler) {
  return [this, &rule, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    auto caller = gate_.Resolve(req);
    if (!caller.ok()) {
      if (caller.status().code() == core::Code::kUnauthenticated) {
        return Refuse(req, res, 401, caller.status().message());
      }
      return SendError(res, caller.status());
    }
    std::optional<std::string> region;
    if (rule.region == RegionFrom::kPath && req.matches.size() > 1) region = req.matches[1].str();
    if (rule.region == RegionFrom::kQuery && req.has_param("region")) region = req.get_param_value("region");
    const Decision d = Decide(rule, *caller, region);
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

void Routes::Get(std::string_view pattern, Handler handler) {
  http_.Get(std::string(pattern), Guard(RuleOrThrow("GET", pattern), std::move(handler)));
}
void Routes::Post(std::string_view pattern, Handler handler) {
  http_.Post(std::string(pattern), Guard(RuleOrThrow("POST", pattern), std::move(handler)));
}
void Routes::Put(std::string_view pattern, Handler handler) {
  http_.Put(std::string(pattern), Guard(RuleOrThrow("PUT", pattern), std::move(handler)));
}
void Routes::Delete(std::string_view pattern, Handler handler) {
  http_.Delete(std::string(pattern), Guard(RuleOrThrow("DELETE", pattern), std::move(handler)));
}

}  // namespace onderdak::api
