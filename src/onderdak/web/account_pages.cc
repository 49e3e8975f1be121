#include "onderdak/web/account_pages.h"

#include <fmt/format.h>

#include "onderdak/web/html.h"
#include "onderdak/web/page.h"

namespace onderdak::web {

std::string RenderLoginPage(const LoginView& view, Lang lang) {
  std::string html = PageStart(lang, T(lang, "login.title"));
  html += fmt::format("<h2>{}</h2>\n", T(lang, "login.title"));
  if (!view.signed_in_as.empty()) {
    html += fmt::format("<p id=\"signed-in\">{} <strong>{}</strong></p>\n", T(lang, "login.signed_in_as"),
                        EscapeHtml(view.signed_in_as));
  }
  if (!view.error_key.empty()) {
    html += fmt::format("<p id=\"login-error\" role=\"alert\" class=\"error\">{}</p>\n", T(lang, view.error_key));
  }
  html += fmt::format(
      "<form method=\"post\" action=\"/inloggen\" id=\"login-form\">\n"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
      "<input type=\"hidden\" name=\"terug\" value=\"{}\">\n"
      "<input type=\"hidden\" name=\"lang\" value=\"{}\">\n"
      "<p><label for=\"username\">{}</label><br><input id=\"username\" name=\"username\" autocomplete=\"username\" "
      "required maxlength=\"64\" value=\"{}\"></p>\n"
      "<p><label for=\"password\">{}</label><br><input id=\"password\" name=\"password\" type=\"password\" "
      "autocomplete=\"current-password\" required maxlength=\"1024\"></p>\n"
      "<p><button type=\"submit\">{}</button></p>\n</form>\n",
      EscapeHtml(view.form_token), EscapeHtml(view.back_to), LangCode(lang), T(lang, "login.username"),
      EscapeHtml(view.username), T(lang, "login.password"), T(lang, "login.submit"));
  html += PageEnd(lang);
  return html;
}

std::string RenderAuditPage(const AuditView& view, Lang lang) {
  std::string html = PageStart(lang, T(lang, "audit.title"));
  html += fmt::format("<h2>{}</h2>\n", T(lang, "audit.title"));
  html += fmt::format("<p id=\"audit-chain\" class=\"{}\">{} ({} {})</p>\n", view.chain_ok ? "ok" : "error",
                      view.chain_ok ? T(lang, "audit.chain_ok") : T(lang, "audit.chain_broken"),
                      EscapeHtml(view.entries), T(lang, "audit.entries"));
  // The server's own words (English, ADR 0034) are marked as such: the chain check's
  // message and each event's detail, a record written by the server.
  if (!view.chain_ok) {
    html += fmt::format("<p role=\"alert\" lang=\"en\">{}</p>\n", EscapeHtml(view.chain_message));
  }
  html +=
      fmt::format("<div class=\"scroll\" tabindex=\"0\"><table id=\"audit-log\">\n<caption>{}</caption>\n<thead><tr>",
                  T(lang, "audit.caption"));
  for (const char* key :
       {"audit.seq", "audit.at", "audit.actor", "audit.action", "audit.object", "audit.detail", "audit.from"}) {
    html += fmt::format("<th scope=\"col\">{}</th>", T(lang, key));
  }
  html += "</tr></thead>\n<tbody>\n";
  for (const auto& r : view.rows) {
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
        "lang=\"en\"><code>{}</code></td><td>{}</td></tr>\n",
        EscapeHtml(r.seq), EscapeHtml(r.at), EscapeHtml(r.actor), EscapeHtml(r.action), EscapeHtml(r.object),
        EscapeHtml(r.detail), EscapeHtml(r.from));
  }
  html += "</tbody></table></div>\n";
  html += PageEnd(lang);
  return html;
}

std::string RenderPasswordPage(const PasswordView& view, Lang lang) {
  std::string html = PageStart(lang, T(lang, "pw.title"));
  html += fmt::format("<h2>{}</h2>\n", T(lang, "pw.title"));
  if (view.done) html += fmt::format("<p id=\"password-done\" role=\"status\">{}</p>\n", T(lang, "pw.done"));
  if (!view.error_key.empty()) {
    html += Alert("error", "id=\"password-error\" role=\"alert\"", fmt::format("<p>{}</p>", T(lang, view.error_key)));
  }
  html += fmt::format(
      "<form method=\"post\" action=\"/wachtwoord{}\" id=\"password-form\">\n"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
      "<p><label for=\"current\">{}</label><br><input id=\"current\" name=\"current\" type=\"password\" "
      "autocomplete=\"current-password\" required maxlength=\"1024\"></p>\n"
      "<p><label for=\"new\">{}</label><br><input id=\"new\" name=\"new\" type=\"password\" "
      "autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"1024\"></p>\n"
      "<p><label for=\"repeat\">{}</label><br><input id=\"repeat\" name=\"repeat\" type=\"password\" "
      "autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"1024\"></p>\n"
      "<p><button type=\"submit\">{}</button></p>\n</form>\n",
      lang == Lang::kEn ? "?lang=en" : "", EscapeHtml(view.csrf), T(lang, "pw.current"), T(lang, "pw.new"),
      T(lang, "pw.repeat"), T(lang, "pw.submit"));
  return html + PageEnd(lang);
}

void InsertSyntheticNotice(std::string& html, Lang lang) {
  constexpr std::string_view kMain = "<main id=\"main\">\n";
  const std::size_t at = html.find(kMain);
  if (at == std::string::npos) return;
  html.insert(at + kMain.size(), Alert("warning", "id=\"synthetic-data\" role=\"note\"",
                                       fmt::format("<p>{}</p>", T(lang, "notice.synthetic"))));
}

void InsertAccountBar(std::string& html, const AccountView& view, Lang lang) {
  const std::size_t at = html.find(kAccountMarker);
  if (at == std::string::npos) return;
  const std::string lang_query = lang == Lang::kEn ? "?lang=en" : "";
  std::string bar;
  if (view.username.empty()) {
    bar = fmt::format("<p id=\"account\"><a href=\"/inloggen?terug={}{}\">{}</a></p>", EscapeHtml(view.back_to),
                      lang == Lang::kEn ? "&amp;lang=en" : "", T(lang, "login.title"));
  } else {
    std::string links;
    if (view.submissions) {
      links += fmt::format(" · <a href=\"/aanlevering{}\">{}</a>", lang_query, T(lang, "sub.title"));
    }
    if (view.deliveries) {
      links += fmt::format(" · <a href=\"/leveringen{}\">{}</a>", lang_query, T(lang, "dlv.title"));
    }
    if (view.provider_figures) {
      links += fmt::format(" · <a href=\"/mijn-cijfers{}\">{}</a>", lang_query, T(lang, "nav.provider"));
    }
    if (view.audit) links += fmt::format(" · <a href=\"/beheer/audit{}\">{}</a>", lang_query, T(lang, "audit.title"));
    if (view.password) links += fmt::format(" · <a href=\"/wachtwoord{}\">{}</a>", lang_query, T(lang, "pw.title"));
    bar = fmt::format(
        "<div id=\"account\"><span>{} <strong id=\"account-user\">{}</strong> (<span data-role=\"{}\">{}</span>)"
        "</span>{} <form method=\"post\" action=\"/uitloggen\" class=\"inline\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\"><button type=\"submit\">{}</button></form></div>",
        T(lang, "login.signed_in_as"), EscapeHtml(view.username), EscapeHtml(view.role), EscapeHtml(view.role_name),
        links, EscapeHtml(view.csrf), T(lang, "login.logout"));
  }
  html.replace(at, kAccountMarker.size(), bar);
}

}  // namespace onderdak::web
