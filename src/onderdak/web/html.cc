#include "onderdak/web/html.h"

#include "onderdak/web/account_pages.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

#include <fmt/format.h>

namespace onderdak::web {
namespace {

// What the NL Design System's components (ADR 0035: /assets/vendor/nl-design-system.css
// and onderdak's theme, /assets/theme.css) do not cover: the layout of figures, maps,
// charts and scroll boxes. Inline, so a page keeps its layout when a stylesheet cannot
// be loaded. Colours are the theme's tokens, with their fallbacks (WCAG AA contrast).
constexpr std::string_view kStyle = R"css(
body{margin:0}
.onderdak-header{display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:.5rem}
.onderdak-header p{margin:0}.inline{display:inline}#account button{margin-left:.5rem}
.field-error{display:block;color:var(--onderdak-error,#a30000)}[aria-invalid=true]{outline:2px solid var(--onderdak-error,#a30000)}
main{padding:1rem 1.5rem;max-width:70rem}
nav.onderdak-nav{padding:.5rem 1.5rem;background:#e8eef5}
.figures{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.figure{border:1px solid #c8c8c8;border-radius:4px;padding:.75rem 1rem;min-width:min(12rem,100%)}
.figure .value{font-size:2rem;font-weight:700;display:block}
table{width:100%}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
progress{width:100%;height:1.5rem}.bar{fill:#154273}.bar2{fill:#6b8fb8}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.map-wrap{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start;margin:1rem 0}
.tile text{font-size:10px;text-anchor:middle;pointer-events:none}.tile .tile-value{font-size:11px;font-weight:700}
.tile rect{stroke:#4a4a4a;stroke-width:1}.tile:focus{outline:none}.tile:focus rect,.tile:hover rect{stroke:#ffb612;stroke-width:4}
.tile path{stroke:#4a4a4a;stroke-width:.6;stroke-linejoin:round}#map-highlight{fill:none;stroke:#ffb612;stroke-width:3;pointer-events:none}
#map-readout{flex-basis:100%;min-height:1.5rem;font-weight:700;margin:.25rem 0}
.marks{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;font-size:.9rem;margin:1.5rem 0}.marks dt{font-weight:700}abbr.mark{text-decoration:none;cursor:help}
.legend{list-style:none;padding:0;margin:0}.legend li{display:flex;gap:.4rem;align-items:center;margin:.2rem 0}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(22rem,100%),1fr));gap:1rem}
.trend{border:1px solid #c8c8c8;border-radius:4px;padding:.5rem 1rem}.trend h3{font-size:1.05rem;margin:.25rem 0}
.chart{position:relative;height:160px}
.measures{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(20rem,100%),1fr));gap:.2rem;margin:.5rem 0}
.scroll{overflow-x:auto}.scroll:focus-visible{outline:3px solid #00527a}select,input,textarea{max-width:100%}fieldset{min-width:0}
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;color:#00527a;cursor:pointer;text-align:inherit;min-block-size:0}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.utrecht-skip-link{position:absolute;left:-999px}.utrecht-skip-link:focus{left:1rem;top:1rem}
)css";

}  // namespace

std::string PageStart(Lang lang, std::string_view title, std::string_view query) {
  const std::string_view other = lang == Lang::kEn ? "nl" : "en";
  const std::string keep = query.empty() ? "" : EscapeHtml(query) + "&amp;";
  const std::string nav = fmt::format(
      "<nav class=\"onderdak-nav\" aria-label=\"{0}\"><a href=\"/overzicht?lang={1}\">{2}</a> · <a "
      "href=\"/kaart?lang={1}\">{4}</a> · "
      "<a href=\"/vergelijk?lang={1}\">{5}</a> · <a href=\"/herkomst?lang={1}\">{6}</a> · "
      "<a href=\"/projectie?lang={1}\">{8}</a> · "
      "<a href=\"/regios?lang={1}\">{3}</a> · <a href=\"/begrippen?lang={1}\">{7}</a></nav>\n",
      T(lang, "nav.label"), LangCode(lang), T(lang, "nav.overview"), T(lang, "nav.regions"), T(lang, "nav.map"),
      T(lang, "nav.compare"), T(lang, "nav.origin"), T(lang, "glossary.link"), T(lang, "nav.projection"));
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{0}\" class=\"utrecht-html onderdak-theme\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{1} · onderdak</title>\n"
      "<link rel=\"stylesheet\" href=\"/assets/vendor/nl-design-system.css\">\n"
      "<link rel=\"stylesheet\" href=\"/assets/theme.css\">\n<style>{2}</style>\n</head>\n<body>\n"
      "<a class=\"utrecht-skip-link utrecht-skip-link--visible-on-focus\" href=\"#main\">{10}</a>\n"
      "<header class=\"utrecht-page-header\"><div class=\"utrecht-page-header__content onderdak-header\">"
      "<div><h1>{3}</h1><p>{4}</p></div>"
      "{9}<p><a id=\"lang-switch\" href=\"?{7}lang={5}\" hreflang=\"{5}\" lang=\"{5}\">{6}</a></p></div></header>\n"
      "{8}<main id=\"main\">\n",
      LangCode(lang), EscapeHtml(title), kStyle, T(lang, "app.title"), T(lang, "app.tagline"), other,
      T(lang, "lang.switch"), keep, nav, kAccountMarker, T(lang, "skip.main"));
}

std::string AlertStart(std::string_view kind, std::string_view attributes) {
  return fmt::format(
      "<div class=\"utrecht-alert utrecht-alert--{}\" {}><div class=\"utrecht-alert__content\"><div "
      "class=\"utrecht-alert__message\">",
      kind, attributes);
}

std::string Alert(std::string_view kind, std::string_view attributes, std::string_view message) {
  return AlertStart(kind, attributes) + std::string(message) + std::string(kAlertEnd);
}

std::string PageEnd(Lang lang) {
  return fmt::format(
      "</main>\n<footer class=\"utrecht-page-footer\"><div class=\"utrecht-page-footer__content\"><p><a "
      "href=\"/api/v1/regions\">{}</a> · {}</p></div></footer>\n</body>\n</html>\n",
      T(lang, "footer.api"), T(lang, "footer.licence"));
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string RenderRegionsPage(const domain::ReferenceSet& set, const domain::ReferenceVersion& version, Lang lang) {
  std::string html = PageStart(lang, T(lang, "regions.title"));
  html += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", T(lang, "regions.title"), T(lang, "regions.intro"));
  if (version.approximate) {
    html +=
        Alert("warning", "role=\"note\" id=\"approximate\"", fmt::format("<p>{}</p>", T(lang, "regions.approximate")));
  }
  html += fmt::format(
      "<div class=\"figures\"><div class=\"figure\"><span class=\"value\" id=\"region-count\">{}</span>{}</div>"
      "<div class=\"figure\"><span class=\"value\" id=\"municipality-count\">{}</span>{}</div></div>\n",
      set.regions().size(), T(lang, "regions.count"), set.municipalities().size(), T(lang, "regions.municipalities"));
  html += fmt::format("<p>{0}: <time datetime=\"{1}\">{5}</time> · {2}: {3}{4}</p>\n", T(lang, "regions.version"),
                      version.valid_from.ToString(), T(lang, "regions.source"), EscapeHtml(version.source),
                      version.approximate ? "" : fmt::format(" · {}", T(lang, "regions.official")),
                      FormatDate(lang, version.valid_from.ToString()));
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"regions\">\n<caption>{}</caption>\n<thead><tr><th "
      "scope=\"col\">{}</th>"
      "<th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th "
      "scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
      T(lang, "regions.caption"), T(lang, "regions.col.region"), T(lang, "regions.col.code"),
      T(lang, "regions.col.count"), T(lang, "regions.col.members"));
  for (const auto& r : set.regions()) {
    std::string members;
    for (const auto* m : r.members) {
      if (!members.empty()) members += ", ";
      members += EscapeHtml(m->name);
    }
    html += fmt::format(
        "<tr data-region=\"{0}\"><th scope=\"row\">{1}</th><td>{0}</td><td class=\"num\">{2}</td><td>{3}</td></tr>\n",
        EscapeHtml(r.code), EscapeHtml(r.name), r.members.size(), members);
  }
  html += "</tbody>\n</table></div>\n";
  html += PageEnd(lang);
  return html;
}

std::string RenderNoRegionsPage(Lang lang) {
  return PageStart(lang, T(lang, "regions.title")) + fmt::format("<p>{}</p>\n", T(lang, "regions.none")) +
         PageEnd(lang);
}

}  // namespace onderdak::web
