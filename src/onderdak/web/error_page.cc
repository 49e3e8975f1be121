#include "onderdak/web/error_page.h"

#include <fmt/format.h>

#include "onderdak/web/html.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

// The text of `status` when the catalogue has one (i18n_errors.cc); any other 5xx reads as
// a server failure, any other 4xx as a refusal (err.*.other).
std::string Key(std::string_view kind, int status) {
  const bool known = HasTranslation(Lang::kNl, fmt::format("err.title.{}", status));
  const std::string which = known ? std::to_string(status) : status >= 500 ? "500" : "other";
  return fmt::format("err.{}.{}", kind, which);
}

}  // namespace

std::string ErrorBlock(int status, std::string_view detail, Lang lang) {
  std::string html = fmt::format("<h2 id=\"error-title\">{}</h2>\n", T(lang, Key("title", status))) +
                     Alert(status >= 500 ? "error" : "warning", "role=\"alert\"",
                           fmt::format("<p id=\"error\">{}</p>", T(lang, Key("text", status))));
  if (!detail.empty()) {
    html +=
        fmt::format("<details id=\"error-detail\"><summary>{}</summary><p lang=\"en\"><code>{}</code></p></details>\n",
                    T(lang, "err.detail"), EscapeHtml(detail));
  }
  return html;
}

std::string RenderErrorPage(int status, std::string_view detail, Lang lang) {
  std::string html = PageStart(lang, T(lang, Key("title", status)));
  html += ErrorBlock(status, detail, lang);
  const std::string_view lang_query = lang == Lang::kEn ? "?lang=en" : "";
  html += fmt::format("<p><a href=\"/{}\">{}</a>", lang_query, T(lang, "err.home"));
  if (status == 401 || status == 403) {
    html += fmt::format(" · <a href=\"/inloggen{}\">{}</a>", lang_query, T(lang, "err.login"));
  }
  html += "</p>\n";
  return html + PageEnd(lang);
}

}  // namespace onderdak::web
