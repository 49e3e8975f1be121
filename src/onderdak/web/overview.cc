#include "onderdak/web/overview.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "onderdak/web/html.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

constexpr std::string_view kSuppressed = "–";

std::string Count(Lang lang, const Published& p) {
  return p.value ? FormatCount(lang, *p.value) : std::string(kSuppressed);
}

// "30 van 43" from a share's numerator and denominator, or the value over a total.
std::string OutOf(Lang lang, const Published& p, std::optional<std::int64_t> total = std::nullopt) {
  if (!p.value) return std::string(kSuppressed);
  const double n = p.numerator ? static_cast<double>(*p.numerator) : *p.value;
  const auto of = total ? total : p.denominator;
  if (!of) return FormatCount(lang, n);
  return fmt::format("{} {} {}", FormatCount(lang, n), T(lang, "overview.of"),
                     FormatCount(lang, static_cast<double>(*of)));
}

std::string Card(std::string_view id, std::string_view value, std::string_view label, std::string_view note = "") {
  return fmt::format("<div class=\"figure\" id=\"{0}\"><span class=\"value\">{1}</span>{2}{3}</div>\n", id,
                     EscapeHtml(value), EscapeHtml(label),
                     note.empty() ? std::string() : fmt::format("<br><small>{}</small>", EscapeHtml(note)));
}

// A bar chart as inline SVG (no script, no external asset); the table below it carries
// the same numbers for screen readers and for copying.
std::string BarChart(const OverviewData& d, Lang lang) {
  double max = 0;
  for (const auto& p : d.homeless) max = std::max(max, p.on_date.value.value_or(0));
  if (max <= 0) return "";
  const int bar = 36, gap = 12, height = 160;
  const int width = static_cast<int>(d.homeless.size()) * (bar + gap) + gap;
  std::string svg = fmt::format(
      "<figure><svg role=\"img\" aria-labelledby=\"chart-title\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\">"
      "<title id=\"chart-title\">{2}</title>\n",
      width, height + 40, EscapeHtml(T(lang, "overview.chart")));
  int x = gap;
  for (const auto& p : d.homeless) {
    const double v = p.on_date.value.value_or(0);
    const int h = static_cast<int>(std::lround(v / max * height));
    svg += fmt::format(
        "<rect class=\"bar\" x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\" data-period=\"{4}\"><title>{4}: "
        "{5}</title>"
        "</rect><text x=\"{6}\" y=\"{7}\" font-size=\"10\" text-anchor=\"middle\">{4}</text>\n",
        x, height - h, bar, h, EscapeHtml(p.period), EscapeHtml(Count(lang, p.on_date)), x + bar / 2, height + 14);
    x += bar + gap;
  }
  svg += fmt::format("</svg><figcaption>{}</figcaption></figure>\n", EscapeHtml(T(lang, "overview.chart")));
  return svg;
}

// Counted beside estimated, as a table: the estimate covers only the regions summed, so
// the row it belongs to says so; the national count stands on its own row.
std::string HiddenSection(const OverviewData& d, Lang lang) {
  const auto& h = d.hidden;
  std::string html = fmt::format(
      "<section id=\"hidden\" aria-labelledby=\"hidden-title\"><h3 id=\"hidden-title\">{} <time "
      "datetime=\"{}\">{}</time></h3>\n"
      "<p>{}</p>\n",
      T(lang, "overview.hidden"), EscapeHtml(h.reference_date), EscapeHtml(h.reference_date),
      T(lang, "overview.hidden.intro"));
  html += fmt::format(
      "<table id=\"hidden-table\"><thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n"
      "<tr><th scope=\"row\">{}</th><td class=\"num\" id=\"hidden-counted\">{}</td><td class=\"num\">{}</td></tr>\n",
      T(lang, "overview.hidden.counted"), T(lang, "overview.hidden.estimated"), T(lang, "overview.hidden.all_regions"),
      Count(lang, h.counted), T(lang, "overview.hidden.not_estimated"));
  if (h.n_hat) {
    html += fmt::format(
        "<tr><th scope=\"row\">{} ({} {} {})</th><td class=\"num\">{}</td>"
        "<td class=\"num\" id=\"hidden-estimated\"><strong>{}</strong> ({} {} – {})</td></tr>\n",
        T(lang, "overview.hidden.summed_regions"), h.regions_summed, T(lang, "overview.of"), d.regions_total,
        FormatCount(lang, static_cast<double>(h.counted_in_summed)), FormatCount(lang, static_cast<double>(*h.n_hat)),
        T(lang, "overview.hidden.interval"), FormatCount(lang, static_cast<double>(*h.lower)),
        FormatCount(lang, static_cast<double>(*h.upper)));
  }
  html += "</tbody></table>\n";
  if (!h.n_hat) html += fmt::format("<p id=\"hidden-none\">{}</p>\n", T(lang, "overview.hidden.none"));
  html += fmt::format("<p><a id=\"method-link\" href=\"/methode?lang={}\">{}</a></p></section>\n", LangCode(lang),
                      T(lang, "overview.hidden.method"));
  return html;
}

}  // namespace

std::string RenderMethodPage(Lang lang) {
  std::string html = PageStart(lang, T(lang, "method.title"));
  html += fmt::format("<h2>{}</h2>\n", T(lang, "method.title"));
  for (const char* key : {"method.p1", "method.p2", "method.p3"}) html += fmt::format("<p>{}</p>\n", T(lang, key));
  html += fmt::format("<h3>{}</h3>\n<ol>\n", T(lang, "method.assumptions"));
  for (const char* key : {"method.a1", "method.a2", "method.a3", "method.a4"}) {
    html += fmt::format("<li>{}</li>\n", T(lang, key));
  }
  html += fmt::format("</ol>\n<h3>{}</h3>\n<p id=\"publication-rule\">{}</p>\n<p>{}</p>\n",
                      T(lang, "method.rule.title"), T(lang, "method.rule"), T(lang, "method.national"));
  html += fmt::format("<p>{}</p>\n", T(lang, "method.more"));
  html += PageEnd(lang);
  return html;
}

std::string FormatCount(Lang lang, double value) {
  const bool whole = std::fabs(value - std::round(value)) < 1e-9;
  std::string digits = whole ? fmt::format("{:.0f}", std::fabs(value)) : fmt::format("{:.1f}", std::fabs(value));
  std::string fraction;
  if (auto dot = digits.find('.'); dot != std::string::npos) {
    fraction = (lang == Lang::kNl ? "," : ".") + digits.substr(dot + 1);
    digits.resize(dot);
  }
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += lang == Lang::kNl ? '.' : ',';
    out += digits[i];
  }
  return (value < 0 ? "-" : "") + out + fraction;
}

std::string FormatPercent(Lang lang, double share) {
  std::string s = fmt::format("{:.1f}", share * 100);
  if (lang == Lang::kNl) {
    std::replace(s.begin(), s.end(), '.', ',');
    return s + " %";
  }
  return s + "%";
}

std::string RenderOverviewPage(const OverviewData& d, Lang lang) {
  const std::string title = fmt::format("{} {}", T(lang, "overview.title"), d.period);
  std::string html = PageStart(lang, title, "period=" + d.period);
  html += fmt::format("<h2 id=\"overview-title\">{}</h2>\n<p>{}</p>\n", EscapeHtml(title), T(lang, "overview.public"));

  // The period selector: a plain GET form, works without script.
  html += fmt::format(
      "<form method=\"get\" action=\"/overzicht\"><input type=\"hidden\" name=\"lang\" value=\"{}\">"
      "<label for=\"period\">{}</label> <select id=\"period\" name=\"period\">",
      LangCode(lang), T(lang, "overview.period"));
  for (const auto& p : d.periods) {
    html += fmt::format("<option value=\"{0}\"{1}>{0}</option>", EscapeHtml(p), p == d.period ? " selected" : "");
  }
  html += fmt::format("</select> <button type=\"submit\">{}</button></form>\n", T(lang, "overview.show"));

  // Extra housing places against the national ambition: a progress bar with its number.
  const double realised = d.places_realised.value.value_or(0);
  html += fmt::format("<section aria-labelledby=\"housing-title\"><h3 id=\"housing-title\">{}</h3>\n",
                      T(lang, "overview.housing"));
  html += fmt::format(
      "<p id=\"housing-progress-text\"><strong>{}</strong> {} {} ({})</p>\n"
      "<progress id=\"housing-progress\" max=\"{}\" value=\"{}\" "
      "aria-labelledby=\"housing-progress-text\"></progress>\n",
      Count(lang, d.places_realised), T(lang, "overview.housing.of"),
      FormatCount(lang, static_cast<double>(d.places_target)),
      d.places_realised.value ? FormatPercent(lang, realised / static_cast<double>(d.places_target))
                              : std::string(kSuppressed),
      d.places_target, std::min(realised, static_cast<double>(d.places_target)));
  html += fmt::format(
      "<table id=\"funding-lines\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n",
      T(lang, "overview.housing.lines"), T(lang, "overview.line"), T(lang, "overview.places"));
  for (const auto& l : d.funding_lines) {
    html += fmt::format("<tr data-line=\"{}\"><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>\n",
                        EscapeHtml(l.code), EscapeHtml(l.label), Count(lang, l.gross));
  }
  html += fmt::format(
      "</tbody><tfoot><tr><th scope=\"row\">{}</th><td class=\"num\" id=\"housing-distinct\">{}</td></tr></tfoot>"
      "</table></section>\n",
      T(lang, "overview.housing.distinct"), Count(lang, d.places_realised));

  // Key figures.
  html += "<div class=\"figures\">\n";
  html +=
      Card("stays-over-90",
           d.stays_over_90_share.value ? FormatPercent(lang, *d.stays_over_90_share.value) : std::string(kSuppressed),
           T(lang, "overview.long_stays"),
           fmt::format("{} {}", OutOf(lang, d.stays_over_90_share), T(lang, "overview.long_stays.note")));
  html += Card("single-rooms",
               d.single_room_share.value ? FormatPercent(lang, *d.single_room_share.value) : std::string(kSuppressed),
               T(lang, "overview.single_rooms"), OutOf(lang, d.single_room_share));
  html += Card("plans-adopted", OutOf(lang, d.plans_adopted, d.regions_total), T(lang, "overview.plans"));
  html += Card("regions-delivered", OutOf(lang, d.regions_delivered, d.regions_total), T(lang, "overview.delivered"));
  html += "</div>\n";

  // Homeless persons over time: a chart and the same numbers as a table, both kinds of
  // count labelled (a count on a date and a count over a period are different figures).
  html += fmt::format("<section aria-labelledby=\"homeless-title\"><h3 id=\"homeless-title\">{}</h3>\n",
                      T(lang, "overview.homeless"));
  html += BarChart(d, lang);
  html += fmt::format(
      "<table id=\"homeless\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n",
      T(lang, "overview.period"), T(lang, "overview.reference_date"), T(lang, "overview.on_date"),
      T(lang, "overview.in_period"));
  for (const auto& p : d.homeless) {
    html += fmt::format(
        "<tr data-period=\"{0}\"><th scope=\"row\">{0}</th><td><time datetime=\"{1}\">{1}</time></td>"
        "<td class=\"num\">{2}</td><td class=\"num\">{3}</td></tr>\n",
        EscapeHtml(p.period), EscapeHtml(p.reference_date), Count(lang, p.on_date), Count(lang, p.in_period));
  }
  html += "</tbody></table></section>\n";
  html += HiddenSection(d, lang);
  html += fmt::format("<p><a id=\"download-csv\" href=\"/api/v1/indicators?period={}&amp;format=csv\">{}</a></p>\n",
                      EscapeHtml(d.period), T(lang, "overview.download"));
  html += PageEnd(lang);
  return html;
}

std::string RenderNoDataOverviewPage(Lang lang) {
  return PageStart(lang, T(lang, "overview.title")) + fmt::format("<p>{}</p>\n", T(lang, "overview.none")) +
         PageEnd(lang);
}

}  // namespace onderdak::web
