#include "onderdak/web/report_frame.h"

#include <fmt/format.h>

#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/glossary_page.h"
#include "onderdak/web/html.h"
#include "onderdak/web/marks.h"
#include "onderdak/web/overview.h"

namespace onderdak::web {
namespace {

// A text for a CSS string in double quotes (the running footer).
std::string CssString(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '<') {
      out += "\\3c ";
    } else if (c != '\n' && c != '\r') {
      out += c;
    }
  }
  return out;
}

// The style of the document, on screen and on A4 with page numbers in the margin.
std::string Style(const ReportFrame& f, Lang lang) {
  const std::string footer = CssString(f.footer);
  return fmt::format(
      R"css(@page {{ size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-left {{ content: "{0}"; font: 8pt "DejaVu Sans", sans-serif; color: #4a4a4a; }}
  @bottom-right {{ content: "{1} " counter(page) " {2} " counter(pages); font: 8pt "DejaVu Sans", sans-serif; color: #4a4a4a; }} }}
@page :first {{ @bottom-left {{ content: none; }} }}
html {{ font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.45; color: #1a1a1a; }}
body {{ margin: 0; }}
@media screen {{ body {{ max-width: 190mm; margin: 0 auto; padding: 12mm 10mm; }} }}
h1 {{ font-size: 20pt; color: #154273; margin: 0 0 6pt; }}
h2 {{ font-size: 14pt; color: #154273; margin: 16pt 0 6pt; }}
h3 {{ font-size: 11pt; margin: 12pt 0 3pt; }}
p {{ margin: 3pt 0 6pt; }}
.kind {{ font-size: 11pt; color: #4a4a4a; text-transform: uppercase; letter-spacing: 0.04em; }}
.notice {{ border-left: 4pt solid #e17000; background: #fff4e5; padding: 6pt 8pt; }}
.chapter, .appendix {{ break-before: page; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; }}
th, td {{ border-bottom: 0.5pt solid #b4b4b4; padding: 3pt 5pt; text-align: left; vertical-align: top; }}
thead th {{ border-bottom: 1pt solid #154273; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }} td.num {{ white-space: nowrap; }}
thead {{ display: table-header-group; }}
tr, .measure {{ break-inside: avoid; }}
.explain {{ color: #4a4a4a; font-size: 9pt; }}
.toc ol {{ padding-left: 14pt; }} .toc a {{ color: inherit; text-decoration: none; }}
abbr {{ text-decoration: none; }}
code {{ overflow-wrap: anywhere; }}
svg, progress {{ max-width: 100%; height: auto; }}
@media screen {{ .scroll {{ overflow-x: auto; }} .scroll:focus-visible {{ outline: 3px solid #154273; }} }}
)css",
      footer, T(lang, "report.page"), T(lang, "report.of"));
}

}  // namespace

std::string ReportAppendices(const ReportFrame& f, Lang lang) {
  const auto& def = *f.definition;
  std::string html =
      fmt::format("<section class=\"appendix\" id=\"definities\"><h2>{}</h2>\n<p>{} {}</p>\n<dl>\n",
                  T(lang, "report.appendix.definitions"),
                  EscapeHtml(fmt::format(fmt::runtime(T(lang, "report.definition.active")),
                                         fmt::arg("label", def.Label(lang)), fmt::arg("name", def.active))),
                  EscapeHtml(GlossaryHint(lang, "def." + def.active)));
  const ReportProvenance& p = f.provenance;
  std::string last;
  for (const auto& m : HeadlineMeasures()) {
    if (m.indicator == last) continue;
    last = std::string(m.indicator);
    const std::size_t i = static_cast<std::size_t>(&m - HeadlineMeasures().data());
    html += fmt::format("<dt>{} {}</dt><dd>{}</dd>\n", m.indicator, EscapeHtml(MeasureLabel(lang, i)),
                        EscapeHtml(GlossaryHint(lang, m.indicator)));
  }
  for (const char* term : {"peildatum", "suppressed", "notdelivered", "estimate"}) {
    html += fmt::format("<dt>{}</dt><dd>{}</dd>\n", T(lang, std::string("term.") + term + ".name"),
                        T(lang, std::string("term.") + term));
  }
  html += "</dl>\n" + MarksLegend(lang) + "</section>\n";
  html += fmt::format(
      "<section class=\"appendix\" id=\"bronnen\"><h2>{}</h2>\n<p>{}</p>\n<table id=\"provenance\"><tbody>\n"
      "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n<tr><th scope=\"row\">{}</th><td><code>{}</code></td></tr>\n"
      "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n<tr><th scope=\"row\">{}</th><td>onderdak {}</td></tr>\n"
      "<tr><th scope=\"row\">{}</th><td><code lang=\"en\">{}</code></td></tr>\n"
      "</tbody></table></section>\n",
      T(lang, "report.appendix.sources"), T(lang, "report.sources.intro"), T(lang, "report.sources.asof"),
      EscapeHtml(FormatDate(lang, p.data_as_of)), T(lang, "report.sources.deliveries"),
      EscapeHtml(p.deliveries_version), T(lang, "report.sources.reference"), EscapeHtml(p.reference),
      T(lang, "report.sources.software"), EscapeHtml(p.software_version), T(lang, "report.sources.command"),
      EscapeHtml(f.command));
  return html;
}

std::string ReportStart(const ReportFrame& f, Lang lang) {
  const ReportProvenance& p = f.provenance;
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{0}\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Self-contained by rule: nothing may be fetched and no script runs.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src "
      "data:\">\n"
      "<title>{1}</title>\n"
      "<meta name=\"author\" content=\"onderdak\">\n<meta name=\"generator\" content=\"onderdak {2}\">\n"
      "<meta name=\"description\" content=\"{3}\">\n<meta name=\"onderdak:scope\" content=\"{4}\">\n"
      "<meta name=\"onderdak:period\" content=\"{5}\">\n<meta name=\"onderdak:definition\" content=\"{6}\">\n"
      "<meta name=\"onderdak:deliveries-version\" content=\"{7}\">\n<style>{8}</style>\n</head>\n<body>\n<main>\n",
      LangCode(lang), EscapeHtml(f.title), EscapeHtml(p.software_version), EscapeHtml(T(lang, f.kind_key)),
      EscapeHtml(f.scope), EscapeHtml(f.period), EscapeHtml(f.definition->active), EscapeHtml(p.deliveries_version),
      Style(f, lang));
  html += fmt::format(
      "<header id=\"cover\"><p class=\"kind\">{}</p>\n<h1>{}</h1>\n<p>{}</p>\n<p>{}</p>\n", T(lang, f.kind_key),
      EscapeHtml(f.title), EscapeHtml(f.subtitle),
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "report.asof")), fmt::arg("date", FormatDate(lang, p.data_as_of)),
                             fmt::arg("version", p.software_version))));
  if (p.synthetic)
    html += fmt::format("<p class=\"notice\" id=\"synthetic-data\">{}</p>\n", T(lang, "notice.synthetic"));
  if (f.approximate) html += fmt::format("<p class=\"notice\">{}</p>\n", T(lang, "regions.approximate"));
  return html + "</header>\n";
}

std::string ReportEnd(std::string html) {
  html += "</main>\n</body>\n</html>\n";
  // On a phone every table scrolls in its own box (which the keyboard can reach); on paper
  // the box is not there.
  std::string out;
  out.reserve(html.size() + 4096);
  for (std::size_t at = 0;;) {
    const std::size_t open = html.find("<table", at);
    if (open == std::string::npos) {
      out.append(html, at, std::string::npos);
      break;
    }
    const std::size_t end = html.find("</table>", open);
    const std::size_t close = end == std::string::npos ? html.size() : end + 8;
    out.append(html, at, open - at);
    out += "<div class=\"scroll\" tabindex=\"0\">";
    out.append(html, open, close - open);
    out += "</div>";
    at = close;
  }
  return out;
}

}  // namespace onderdak::web
