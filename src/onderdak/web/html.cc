#include "onderdak/web/html.h"

#include "onderdak/web/account_pages.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

#include <fmt/format.h>

namespace onderdak::web {
namespace {

// Colours chosen for WCAG AA contrast (text #1a1a1a on white 17:1; links #00527a 8:1;
// the warning's #5c3b00 on #fff4d6 9:1; a finding's #a30000 on white 8.2:1).
constexpr std::string_view kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.45}
header{background:#154273;color:#fff;padding:1rem 1.5rem;display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:.5rem}
header h1{margin:0;font-size:1.5rem}header p{margin:0}
header a{color:#fff}.inline{display:inline}[aria-invalid=true]{outline:2px solid #a30000}.field-error{display:block;color:#a30000}#account button{margin-left:.5rem}
main{padding:1rem 1.5rem;max-width:70rem}
a{color:#00527a}a:focus,button:focus{outline:3px solid #ffb612;outline-offset:2px}
.warning{background:#fff4d6;color:#5c3b00;border-left:6px solid #e09b00;padding:.75rem 1rem;margin:1rem 0}
.figures{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.figure{border:1px solid #c8c8c8;border-radius:4px;padding:.75rem 1rem;min-width:12rem}
.figure .value{font-size:2rem;font-weight:700;display:block}
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:700;padding:.5rem 0}
th,td{border-bottom:1px solid #d0d0d0;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f4f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
nav{padding:.5rem 1.5rem;background:#e8eef5}
progress{width:100%;height:1.5rem}.bar{fill:#154273}.bar2{fill:#6b8fb8}
footer{padding:1rem 1.5rem;color:#4a4a4a;font-size:.9rem}
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
.chart{position:relative;height:140px}
.measures{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(20rem,100%),1fr));gap:.2rem;margin:.5rem 0}
.scroll{overflow-x:auto}.scroll:focus-visible{outline:2px solid #00527a}select,input,textarea{max-width:100%}fieldset{min-width:0}th button{font:inherit;font-weight:700;background:none;border:0;padding:0;color:#00527a;cursor:pointer;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#00527a;padding:.5rem}
)css";

}  // namespace

std::string PageStart(Lang lang, std::string_view title, std::string_view query) {
  const std::string_view other = lang == Lang::kEn ? "nl" : "en";
  const std::string keep = query.empty() ? "" : EscapeHtml(query) + "&amp;";
  const std::string nav = fmt::format(
      "<nav aria-label=\"{0}\"><a href=\"/overzicht?lang={1}\">{2}</a> · <a href=\"/kaart?lang={1}\">{4}</a> · "
      "<a href=\"/vergelijk?lang={1}\">{5}</a> · <a href=\"/herkomst?lang={1}\">{6}</a> · "
      "<a href=\"/regios?lang={1}\">{3}</a></nav>\n",
      T(lang, "nav.label"), LangCode(lang), T(lang, "nav.overview"), T(lang, "nav.regions"), T(lang, "nav.map"),
      T(lang, "nav.compare"), T(lang, "nav.origin"));
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{0}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{1} · onderdak</title>\n<style>{2}</style>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">{1}</a>\n"
      "<header><div><h1>{3}</h1><p>{4}</p></div>"
      "{9}<p><a id=\"lang-switch\" href=\"?{7}lang={5}\" hreflang=\"{5}\" lang=\"{5}\">{6}</a></p></header>\n"
      "{8}<main id=\"main\">\n",
      LangCode(lang), EscapeHtml(title), kStyle, T(lang, "app.title"), T(lang, "app.tagline"), other,
      T(lang, "lang.switch"), keep, nav, kAccountMarker);
}

std::string PageEnd(Lang lang) {
  return fmt::format("</main>\n<footer><a href=\"/api/v1/regions\">{}</a> · {}</footer>\n</body>\n</html>\n",
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
        fmt::format("<p class=\"warning\" role=\"note\" id=\"approximate\">{}</p>\n", T(lang, "regions.approximate"));
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
