#include "onderdak/web/glossary_page.h"

#include <fmt/format.h>

#include <set>

#include "onderdak/web/dashboard.h"
#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/html.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

constexpr std::string_view kTerms[] = {"ethos",           "peildatum", "suppressed", "notdelivered",  "estimate",
                                       "centrumgemeente", "woonplek",  "per10k",     "functionalzero"};

}  // namespace

std::string_view GlossaryHint(Lang lang, std::string_view id) {
  const std::string key = "term." + std::string(id);
  return HasTranslation(lang, key) ? T(lang, key) : std::string_view();
}

std::string GlossaryLink(Lang lang, std::string_view anchor, std::string_view hint_id, std::string_view text) {
  const std::string_view hint = GlossaryHint(lang, hint_id);
  return fmt::format("<a class=\"glossary-link\" href=\"/begrippen?lang={}#{}\"{}>{}</a>", LangCode(lang),
                     EscapeHtml(anchor), hint.empty() ? "" : fmt::format(" title=\"{}\"", EscapeHtml(hint)),
                     EscapeHtml(text));
}

std::string RenderGlossaryPage(Lang lang, const DefinitionView& definitions) {
  std::string html = PageStart(lang, T(lang, "glossary.title"));
  html += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", T(lang, "glossary.title"), T(lang, "glossary.intro"));

  html += fmt::format("<h3 id=\"definities\">{}</h3>\n<dl class=\"glossary\">\n", T(lang, "glossary.definitions"));
  for (const auto& c : definitions.choices) {
    html += fmt::format("<dt id=\"definitie-{0}\">{1} (<code>{0}</code>)</dt><dd>{2}</dd>\n", EscapeHtml(c.name),
                        EscapeHtml(lang == Lang::kEn ? c.label_en : c.label_nl),
                        EscapeHtml(GlossaryHint(lang, "def." + c.name)));
  }
  html += "</dl>\n";

  html += fmt::format("<h3 id=\"indicatoren\">{}</h3>\n<dl class=\"glossary\">\n", T(lang, "glossary.indicators"));
  std::set<std::string_view> done;
  const auto all = HeadlineMeasures();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto id = all[i].indicator;
    if (!done.insert(id).second) continue;
    html += fmt::format("<dt id=\"{0}\">{0}: {1}</dt><dd>{2}</dd>\n", EscapeHtml(id), EscapeHtml(MeasureLabel(lang, i)),
                        EscapeHtml(GlossaryHint(lang, id)));
  }
  html += "</dl>\n";

  html += fmt::format("<h3 id=\"tekens\">{}</h3>\n<dl class=\"glossary\">\n", T(lang, "glossary.terms"));
  for (auto term : kTerms) {
    const std::string key(term);
    html += fmt::format("<dt id=\"{}\">{}</dt><dd>{}</dd>\n", key, T(lang, "term." + key + ".name"),
                        T(lang, "term." + key));
  }
  html += fmt::format("</dl>\n<p><a href=\"/methode?lang={}\">{}</a></p>\n", LangCode(lang), T(lang, "method.title"));
  html += PageEnd(lang);
  return html;
}

}  // namespace onderdak::web
