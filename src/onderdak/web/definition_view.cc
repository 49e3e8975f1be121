#include "onderdak/web/definition_view.h"

#include <fmt/format.h>

#include "onderdak/web/glossary_page.h"
#include "onderdak/web/html.h"

namespace onderdak::web {

std::string_view DefinitionView::Label(Lang lang) const {
  for (const auto& c : choices) {
    if (c.name == active) return lang == Lang::kEn ? c.label_en : c.label_nl;
  }
  return active;
}

std::string DefinitionView::Query() const { return is_default ? std::string() : "definition=" + active; }

std::string DefinitionHiddenInput(const DefinitionView& v) {
  if (v.is_default) return "";
  return fmt::format("<input type=\"hidden\" name=\"definition\" value=\"{}\">", EscapeHtml(v.active));
}

std::string DefinitionHtml(Lang lang, const DefinitionView& v, std::string_view action,
                           const std::vector<std::pair<std::string, std::string>>& hidden) {
  std::string html = fmt::format(
      "<p id=\"definition\" data-definition=\"{0}\">{1}: <strong>{2}</strong> (<code>{0}</code>){3}. {4}</p>\n",
      EscapeHtml(v.active), T(lang, "definition.active"), EscapeHtml(v.Label(lang)),
      v.is_default ? fmt::format(", {}", T(lang, "definition.default")) : std::string(),
      GlossaryLink(lang, "definitie-" + v.active, "def." + v.active, T(lang, "glossary.more")));
  html += fmt::format("<form method=\"get\" action=\"{}\" class=\"definition-form\">", EscapeHtml(action));
  for (const auto& [name, value] : hidden) {
    html += fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", EscapeHtml(name), EscapeHtml(value));
  }
  html +=
      fmt::format("<label for=\"definition-select\">{}</label> <select id=\"definition-select\" name=\"definition\">",
                  T(lang, "definition.choose"));
  for (const auto& c : v.choices) {
    html += fmt::format("<option value=\"{}\"{}>{}</option>", EscapeHtml(c.name), c.name == v.active ? " selected" : "",
                        EscapeHtml(lang == Lang::kEn ? c.label_en : c.label_nl));
  }
  html += fmt::format("</select> <button type=\"submit\">{}</button></form>\n", T(lang, "overview.show"));
  return html;
}

}  // namespace onderdak::web
