// The login page and the administrators' audit-log page (issue 7). Data in, HTML out,
// like every page of the web layer; api/account_routes.cc serves them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

struct LoginView {
  std::string error_key;     // i18n key of the message to show, or empty
  std::string back_to;       // where to go after logging in (a local path)
  std::string form_token;    // the login form's CSRF token (double-submitted as a cookie)
  std::string username;      // kept after a failed attempt
  std::string signed_in_as;  // when already logged in
};
std::string RenderLoginPage(const LoginView& view, Lang lang);

struct AuditRowView {
  std::string seq, at, actor, action, object, detail, from;
};
struct AuditView {
  std::vector<AuditRowView> rows;  // newest first
  bool chain_ok = true;
  std::string chain_message;  // where the chain breaks, when it does
  std::string entries;        // total entries checked
};
std::string RenderAuditPage(const AuditView& view, Lang lang);

// The signed-in user's own password change (/wachtwoord).
struct PasswordView {
  std::string error_key;  // i18n key of the message to show, or empty
  bool done = false;      // the password was changed
  std::string csrf;       // the session's token, for the form
};
std::string RenderPasswordPage(const PasswordView& view, Lang lang);

// Who is looking at a page, shown in its header: every page's frame (PageStart) leaves
// kAccountMarker there, and the route guard (api/routes.cc) fills it in for the request's
// caller with InsertAccountBar, so a page rendered (or cached) once serves everyone.
inline constexpr std::string_view kAccountMarker = "<!--onderdak:account-->";
struct AccountView {
  std::string username;           // empty: not logged in (the bar offers to log in)
  std::string role;               // stable id: region_steward, national_analyst, ...
  std::string role_name;          // in the page's language
  std::string csrf;               // for the logout form
  std::string back_to;            // the page's local path, to return to after logging in
  bool submissions = false;       // may open /aanlevering
  bool deliveries = false;        // may open /leveringen (deliver in the browser)
  bool provider_figures = false;  // may open /mijn-cijfers (a provider's own figures)
  bool audit = false;             // may open /beheer/audit
  bool password = false;          // a login session: may change its password (/wachtwoord)
};
// Replaces the marker in `html` (once, if present) with the bar for `view`.
// Inserts, at the top of the page's main content, the notice that its figures are
// synthetic demonstration data (made by `onderdak generate`, not real persons).
void InsertSyntheticNotice(std::string& html, Lang lang);

void InsertAccountBar(std::string& html, const AccountView& view, Lang lang);

}  // namespace onderdak::web
