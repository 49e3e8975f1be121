#include "onderdak/api/account_routes.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "onderdak/api/http_error.h"
#include "onderdak/auth/accounts.h"
#include "onderdak/auth/audit.h"
#include "onderdak/web/account_pages.h"

namespace onderdak::api {
namespace {

constexpr std::size_t kMaxLoginBody = 4096;
constexpr const char* kLoginFormCookie = "onderdak_login";

nlohmann::json UserJson(const Principal& p) {
  if (p.is_public()) return nullptr;
  return {{"username", p.username},
          {"role", std::string(auth::RoleId(*p.role))},
          {"regions", p.regions},
          {"organisation", p.organisation}};
}

nlohmann::json UserJson(const auth::User& u) {
  return {{"username", u.username}, {"role", std::string(auth::RoleId(u.role))},
          {"regions", u.regions},   {"organisation", u.organisation},
          {"disabled", u.disabled}, {"created_at", u.created_at}};
}

nlohmann::json TokenJson(const store::ApiTokenRecord& t) {
  nlohmann::json j = {{"id", t.id},           {"username", t.username},     {"label", t.label},     {"role", t.role},
                      {"regions", t.regions}, {"created_at", t.created_at}, {"revoked_at", nullptr}};
  if (t.revoked_at) j["revoked_at"] = *t.revoked_at;
  return j;
}

auth::Actor ActorOfCaller() { return {Caller().username, Caller().remote}; }

std::string StringField(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A local path to return to after logging in: "/..." but not "//host" (an open redirect).
std::string SafeBackTo(const std::string& path) {
  if (path.empty() || path[0] != '/' || (path.size() > 1 && (path[1] == '/' || path[1] == '\\'))) return "/";
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  }
  return path;
}

std::string RandomHex() {
  unsigned char b[24];
  randombytes_buf(b, sizeof b);
  char out[sizeof b * 2 + 1];
  sodium_bin2hex(out, sizeof out, b, sizeof b);
  return out;
}

void SendLoginFailure(httplib::Response& res, const core::Status& s) {
  if (s.code() == core::Code::kRateLimited) res.set_header("Retry-After", "900");
  SendError(res, s);
}

}  // namespace

void RegisterAccountRoutes(Routes& routes, store::Store& store, Gatekeeper& gate) {
  // Log in with JSON {"username", "password"}: the session cookie and the CSRF token.
  // JSON only: a cross-site HTML form cannot send it without the browser asking first.
  routes.Post("/api/v1/session", [&gate](const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > kMaxLoginBody) return SendError(res, core::Status::InvalidInput("the body is too large"));
    auto body = JsonBody(req);
    if (!body.ok()) return SendError(res, body.status());
    auto login = gate.Login(req, StringField(*body, "username"), StringField(*body, "password"));
    if (!login.ok()) return SendLoginFailure(res, login.status());
    res.set_header("Set-Cookie", login->cookie);
    res.set_header("Cache-Control", "no-store");
    SendJson(res, {{"user", UserJson(login->principal)}, {"csrf", login->principal.csrf_token}});
  });
  routes.Get("/api/v1/session", [](const httplib::Request&, httplib::Response& res) {
    const Principal& p = Caller();
    res.set_header("Cache-Control", "no-store");
    nlohmann::json j = {{"user", UserJson(p)}};
    if (p.via == Principal::Via::kSession) j["csrf"] = p.csrf_token;
    j["via"] = p.via == Principal::Via::kSession ? "session" : p.via == Principal::Via::kToken ? "token" : "none";
    SendJson(res, j);
  });
  routes.Delete("/api/v1/session", [&gate](const httplib::Request& req, httplib::Response& res) {
    auto cookie = gate.Logout(req, Caller());
    if (!cookie.ok()) return SendError(res, cookie.status());
    res.set_header("Set-Cookie", *cookie);
    SendJson(res, {{"logged_out", true}});
  });

  // The login page. Its form carries a token that must equal a cookie set with the page
  // (double submit), so another site cannot log a browser into an account of its choice.
  routes.Get("/inloggen", [](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
    web::LoginView view;
    view.back_to = SafeBackTo(req.get_param_value("terug"));
    view.form_token = RandomHex();
    if (!Caller().is_public()) view.signed_in_as = Caller().username;
    res.set_header("Set-Cookie", std::string(kLoginFormCookie) + "=" + view.form_token +
                                     "; Path=/inloggen; HttpOnly; SameSite=Strict");
    res.set_header("Cache-Control", "no-store");
    res.set_content(web::RenderLoginPage(view, lang), kHtmlType);
  });
  routes.Post("/inloggen", [&gate](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
    web::LoginView view;
    view.back_to = SafeBackTo(req.get_param_value("terug"));
    view.username = req.get_param_value("username").substr(0, 64);
    view.form_token = RandomHex();
    res.set_header("Cache-Control", "no-store");
    const std::string given = req.get_param_value("csrf");
    const std::string expected = CookieValue(req, kLoginFormCookie).value_or("");
    const bool form_ok = !expected.empty() && given.size() == expected.size() &&
                         sodium_memcmp(given.data(), expected.data(), given.size()) == 0;
    core::Status failure = core::Status::Ok();
    if (!form_ok) {
      failure = core::Status::InvalidInput("login form expired");
      view.error_key = "login.error.form";
    } else {
      auto login = gate.Login(req, req.get_param_value("username"), req.get_param_value("password"));
      if (login.ok()) {
        res.set_header("Set-Cookie", login->cookie);
        res.status = 303;
        res.set_header("Location", view.back_to);
        return;
      }
      failure = login.status();
      view.error_key = failure.code() == core::Code::kRateLimited ? "login.error.locked" : "login.error.wrong";
    }
    res.status = failure.code() == core::Code::kRateLimited    ? 429
                 : failure.code() == core::Code::kInvalidInput ? 400
                                                               : 401;
    res.set_header("Set-Cookie", std::string(kLoginFormCookie) + "=" + view.form_token +
                                     "; Path=/inloggen; HttpOnly; SameSite=Strict");
    res.set_content(web::RenderLoginPage(view, lang), kHtmlType);
  });
  routes.Post("/uitloggen", [&gate](const httplib::Request& req, httplib::Response& res) {
    auto cookie = gate.Logout(req, Caller());
    if (!cookie.ok()) return SendError(res, cookie.status());
    res.set_header("Set-Cookie", *cookie);
    res.status = 303;
    res.set_header("Location", "/");
  });

  // One's own password (a login session): JSON, or the form of /wachtwoord.
  routes.Put("/api/v1/session/password", [&gate](const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > kMaxLoginBody) return SendError(res, core::Status::InvalidInput("the body is too large"));
    auto body = JsonBody(req);
    if (!body.ok()) return SendError(res, body.status());
    core::Status s = gate.ChangePassword(Caller(), StringField(*body, "current"), StringField(*body, "new"));
    if (!s.ok()) return SendLoginFailure(res, s);
    res.set_header("Cache-Control", "no-store");
    SendJson(res, {{"changed", true}});
  });
  routes.Get("/wachtwoord", [](const httplib::Request& req, httplib::Response& res) {
    web::PasswordView view;
    view.csrf = Caller().csrf_token;
    res.set_header("Cache-Control", "no-store");
    res.set_content(web::RenderPasswordPage(view, web::ParseLang(req.get_param_value("lang"))), kHtmlType);
  });
  routes.Post("/wachtwoord", [&gate](const httplib::Request& req, httplib::Response& res) {
    web::PasswordView view;
    view.csrf = Caller().csrf_token;
    res.set_header("Cache-Control", "no-store");
    const std::string replacement = req.get_param_value("new");
    core::Status s = replacement != req.get_param_value("repeat")
                         ? core::Status::InvalidInput("repeat: differs from the new password")
                         : gate.ChangePassword(Caller(), req.get_param_value("current"), replacement);
    if (s.ok()) {
      view.done = true;
    } else {
      res.status = HttpStatusFor(s.code());
      if (s.code() == core::Code::kRateLimited) res.set_header("Retry-After", "900");
      view.error_key = s.code() == core::Code::kPermissionDenied ? "pw.error.wrong"
                       : s.code() == core::Code::kRateLimited    ? "pw.error.locked"
                       : s.message().starts_with("repeat:")      ? "pw.error.mismatch"
                                                                 : "pw.error.policy";
    }
    res.set_content(web::RenderPasswordPage(view, web::ParseLang(req.get_param_value("lang"))), kHtmlType);
  });

  // Users and tokens (administrators; the rules of auth::Accounts apply as on the CLI).
  routes.Get("/api/v1/users", [&store](const httplib::Request&, httplib::Response& res) {
    auto users = auth::Accounts(store).ListUsers();
    if (!users.ok()) return SendError(res, users.status());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& u : *users) list.push_back(UserJson(u));
    SendJson(res, {{"users", list}});
  });
  routes.Post("/api/v1/users", [&store](const httplib::Request& req, httplib::Response& res) {
    auto body = JsonBody(req);
    if (!body.ok()) return SendError(res, body.status());
    auth::NewUserRequest r;
    r.username = StringField(*body, "username");
    r.role = StringField(*body, "role");
    r.organisation = StringField(*body, "organisation");
    if (auto it = body->find("regions"); it != body->end()) {
      if (!it->is_array()) return SendError(res, core::Status::InvalidInput("regions: must be a list of CBS codes"));
      for (const auto& c : *it) {
        if (!c.is_string()) return SendError(res, core::Status::InvalidInput("regions: must be a list of CBS codes"));
        r.regions.push_back(c.get<std::string>());
      }
    }
    auto user = auth::Accounts(store).AddUser(r, StringField(*body, "password"), ActorOfCaller());
    if (!user.ok()) return SendError(res, user.status());
    SendJson(res, UserJson(*user), 201);
  });
  routes.Post(R"(/api/v1/users/([^/]+)/disable)", [&store](const httplib::Request&, httplib::Response& res) {
    if (auto s = auth::Accounts(store).DisableUser(PathParam(1), ActorOfCaller()); !s.ok()) {
      return SendError(res, s);
    }
    SendJson(res, {{"username", PathParam(1)}, {"disabled", true}});
  });
  routes.Post(R"(/api/v1/users/([^/]+)/enable)", [&store](const httplib::Request&, httplib::Response& res) {
    if (auto s = auth::Accounts(store).EnableUser(PathParam(1), ActorOfCaller()); !s.ok()) {
      return SendError(res, s);
    }
    SendJson(res, {{"username", PathParam(1)}, {"disabled", false}});
  });
  routes.Put(R"(/api/v1/users/([^/]+)/password)", [&store](const httplib::Request& req, httplib::Response& res) {
    auto body = JsonBody(req);
    if (!body.ok()) return SendError(res, body.status());
    const std::string password = StringField(*body, "password");
    if (password.empty()) return SendError(res, core::Status::InvalidInput("password: required"));
    if (auto s = auth::Accounts(store).ResetPassword(PathParam(1), password, ActorOfCaller()); !s.ok()) {
      return SendError(res, s);
    }
    SendJson(res, {{"username", PathParam(1)}, {"password_reset", true}, {"sessions_ended", true}});
  });
  routes.Post(R"(/api/v1/users/([^/]+)/tokens)", [&store](const httplib::Request& req, httplib::Response& res) {
    auto body = JsonBody(req);
    if (!body.ok()) return SendError(res, body.status());
    auto token = auth::Accounts(store).CreateToken(PathParam(1), StringField(*body, "label"), ActorOfCaller());
    if (!token.ok()) return SendError(res, token.status());
    res.set_header("Cache-Control", "no-store");
    nlohmann::json j = TokenJson(token->record);
    j["token"] = token->secret;  // shown this once; only its hash is kept
    SendJson(res, j, 201);
  });
  routes.Get("/api/v1/tokens", [&store](const httplib::Request&, httplib::Response& res) {
    auto tokens = auth::Accounts(store).ListTokens();
    if (!tokens.ok()) return SendError(res, tokens.status());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : *tokens) list.push_back(TokenJson(t));
    SendJson(res, {{"tokens", list}});
  });
  routes.Post(R"(/api/v1/tokens/([0-9]+)/revoke)", [&store](const httplib::Request&, httplib::Response& res) {
    std::int64_t id = 0;
    try {
      id = std::stoll(PathParam(1));
    } catch (const std::exception&) {
      return SendError(res, core::Status::InvalidInput("token id: not a number"));
    }
    if (auto s = auth::Accounts(store).RevokeToken(id, ActorOfCaller()); !s.ok()) return SendError(res, s);
    SendJson(res, {{"id", id}, {"revoked", true}});
  });

  // The audit log with its chain check (administrators).
  routes.Get("/api/v1/audit", [&store](const httplib::Request& req, httplib::Response& res) {
    std::int64_t limit = 100;
    if (req.has_param("limit")) {
      const std::string v = req.get_param_value("limit");
      if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos || std::stoll(v) == 0) {
        return SendError(res, core::Status::InvalidInput("parameter 'limit': '" + v + "' must be 1 to 999999"));
      }
      limit = std::stoll(v);
    }
    auto check = auth::VerifyAuditChain(store.Accounts());
    if (!check.ok()) return SendError(res, check.status());
    auto entries = store.Accounts().ListAudit(limit);
    if (!entries.ok()) return SendError(res, entries.status());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : *entries) {
      list.push_back({{"seq", e.seq},
                      {"at", e.at},
                      {"actor", e.actor},
                      {"action", e.action},
                      {"object", e.object},
                      {"detail", e.detail},
                      {"from", e.from},
                      {"hash", e.hash}});
    }
    nlohmann::json chain = {{"ok", check->ok()}, {"entries", check->entries}, {"last_hash", check->last_hash}};
    if (!check->ok()) {
      chain["first_broken"] = *check->first_broken;
      chain["reason"] = check->reason;
    }
    SendJson(res, {{"chain", chain}, {"entries", list}});
  });
  routes.Get("/beheer/audit", [&store](const httplib::Request& req, httplib::Response& res) {
    const web::Lang lang = web::ParseLang(req.get_param_value("lang"));
    auto check = auth::VerifyAuditChain(store.Accounts());
    auto entries = store.Accounts().ListAudit(500);
    if (!check.ok() || !entries.ok()) {
      return SendError(res, !check.ok() ? check.status() : entries.status());
    }
    web::AuditView view;
    view.chain_ok = check->ok();
    view.entries = std::to_string(check->entries);
    if (!check->ok()) view.chain_message = "#" + std::to_string(*check->first_broken) + ": " + check->reason;
    for (auto it = entries->rbegin(); it != entries->rend(); ++it) {
      const auto& e = *it;
      view.rows.push_back({std::to_string(e.seq), e.at, e.actor, e.action, e.object, e.detail, e.from});
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(web::RenderAuditPage(view, lang), kHtmlType);
  });
}

}  // namespace onderdak::api
