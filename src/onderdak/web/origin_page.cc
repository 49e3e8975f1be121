// The origin page (/herkomst): origin_page.h.
#include "onderdak/web/origin_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

constexpr std::size_t kMaxFlows = 15;

std::string RegionName(Lang lang, const OriginPageData::Region& r) {
  return r.code == "unknown" ? std::string(T(lang, "origin.unknown")) : r.name;
}

std::string Td(Lang lang, std::string_view unit, const Cell& c) {
  return fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", DataValue(c),
                     EscapeHtml(FormatCell(lang, unit, c)));
}

std::string SummaryRow(Lang lang, const OriginPageData::Summary& s, std::string_view name) {
  return fmt::format("<tr id=\"regio-{0}\" data-region=\"{0}\"><th scope=\"row\">{1}</th>{2}{3}{4}{5}{6}{7}</tr>\n",
                     EscapeHtml(s.code), EscapeHtml(name), Td(lang, "persons", s.persons), Td(lang, "persons", s.own),
                     Td(lang, "persons", s.other), Td(lang, "persons", s.unknown), Td(lang, "persons", s.referred_back),
                     Td(lang, "days", s.other_median_days));
}

// The largest published flows between two different regions (the origin "unknown" and
// suppressed cells are not drawn): origins on the left, shelter regions on the right, a
// line per flow, its width by the number of persons. The matrix below has every number.
std::string FlowChart(const OriginPageData& d, Lang lang) {
  struct Flow {
    std::size_t o, s;
    double n;
  };
  std::vector<Flow> flows;
  for (std::size_t o = 0; o < d.origins.size(); ++o) {
    if (d.origins[o].code == "unknown") continue;
    for (std::size_t s = 0; s < d.shelters.size(); ++s) {
      const Cell& c = d.matrix[o][s];
      if (c.state == Cell::State::kValue && c.value > 0 && d.origins[o].code != d.shelters[s].code)
        flows.push_back({o, s, c.value});
    }
  }
  std::string html =
      fmt::format("<section id=\"flows\" aria-labelledby=\"flows-title\"><h3 id=\"flows-title\">{}</h3>\n",
                  T(lang, "origin.flows"));
  if (flows.empty()) return html + fmt::format("<p id=\"flows-none\">{}</p></section>\n", T(lang, "origin.flows.none"));
  std::stable_sort(flows.begin(), flows.end(), [](const Flow& a, const Flow& b) { return a.n > b.n; });
  if (flows.size() > kMaxFlows) flows.resize(kMaxFlows);
  std::vector<std::size_t> left, right;  // the regions the flows connect, in matrix order
  for (const auto& f : flows) {
    if (std::find(left.begin(), left.end(), f.o) == left.end()) left.push_back(f.o);
    if (std::find(right.begin(), right.end(), f.s) == right.end()) right.push_back(f.s);
  }
  std::sort(left.begin(), left.end());
  std::sort(right.begin(), right.end());
  const int row = 26, top = 30, width = 640, x1 = 190, x2 = 450;
  const int height = top + static_cast<int>(std::max(left.size(), right.size())) * row + 10;
  auto y_of = [&](const std::vector<std::size_t>& v, std::size_t i) {
    const auto k = static_cast<int>(std::find(v.begin(), v.end(), i) - v.begin());
    return top + k * row + row / 2;
  };
  const double max = flows.front().n;
  html += fmt::format(
      "<figure><svg id=\"flow-chart\" role=\"img\" aria-labelledby=\"flow-chart-title flow-chart-desc\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\"><title id=\"flow-chart-title\">{2}</title><desc "
      "id=\"flow-chart-desc\">{3}</desc>\n"
      "<text x=\"{4}\" y=\"16\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"end\">{5}</text>"
      "<text x=\"{6}\" y=\"16\" font-size=\"12\" font-weight=\"bold\">{7}</text>\n",
      width, height, EscapeHtml(T(lang, "origin.flows")), EscapeHtml(T(lang, "origin.flows.note")), x1 - 8,
      EscapeHtml(T(lang, "origin.from")), x2 + 8, EscapeHtml(T(lang, "origin.to")));
  for (const auto& f : flows) {
    const int ya = y_of(left, f.o), yb = y_of(right, f.s), mid = (x1 + x2) / 2;
    const double w = 1.5 + 10.0 * f.n / max;
    html += fmt::format(
        "<path class=\"flow\" data-origin=\"{0}\" data-shelter=\"{1}\" d=\"M{2} {3} C{4} {3}, {4} {5}, {6} {5}\" "
        "fill=\"none\" stroke=\"#00527a\" stroke-opacity=\"0.6\" stroke-width=\"{7:.1f}\"><title>{8} → {9}: {10}"
        "</title></path>\n",
        EscapeHtml(d.origins[f.o].code), EscapeHtml(d.shelters[f.s].code), x1, ya, mid, yb, x2, w,
        EscapeHtml(d.origins[f.o].name), EscapeHtml(d.shelters[f.s].name), EscapeHtml(FormatCount(lang, f.n)));
  }
  for (auto o : left) {
    html += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>\n", x1 - 8,
        y_of(left, o), EscapeHtml(d.origins[o].name));
  }
  for (auto s : right) {
    html += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" dominant-baseline=\"middle\">{}</text>\n", x2 + 8,
                        y_of(right, s), EscapeHtml(d.shelters[s].name));
  }
  html +=
      fmt::format("</svg><figcaption>{}</figcaption></figure></section>\n", EscapeHtml(T(lang, "origin.flows.note")));
  return html;
}

std::string Matrix(const OriginPageData& d, Lang lang) {
  std::string html = fmt::format(
      "<section id=\"matrix\" aria-labelledby=\"matrix-title\"><h3 id=\"matrix-title\">{0}</h3>\n<p>{1}</p>\n"
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"origin-matrix\"><caption>{0} ({2})</caption>\n<thead><tr><th "
      "scope=\"col\">{3}</th>",
      T(lang, "origin.matrix"), T(lang, "origin.matrix.intro"), EscapeHtml(FormatPeriod(lang, d.period)),
      T(lang, "origin.matrix.corner"));
  for (const auto& s : d.shelters) {
    html += fmt::format("<th scope=\"col\" class=\"num\" data-region=\"{}\">{}</th>", EscapeHtml(s.code),
                        EscapeHtml(s.name));
  }
  html += fmt::format("<th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n", T(lang, "origin.national"));
  for (std::size_t o = 0; o < d.origins.size(); ++o) {
    html += fmt::format("<tr data-origin=\"{}\"><th scope=\"row\">{}</th>", EscapeHtml(d.origins[o].code),
                        EscapeHtml(RegionName(lang, d.origins[o])));
    for (std::size_t s = 0; s < d.shelters.size(); ++s) html += Td(lang, "persons", d.matrix[o][s]);
    html += Td(lang, "persons", d.origin_totals[o]) + "</tr>\n";
  }
  html += fmt::format("</tbody><tfoot><tr><th scope=\"row\">{}</th>", T(lang, "origin.col.persons"));
  for (const auto& s : d.summary) html += Td(lang, "persons", s.persons);
  html += Td(lang, "persons", d.national.persons) + "</tr></tfoot></table></div></section>\n";
  return html;
}

}  // namespace

std::string RenderOriginPage(const OriginPageData& d, Lang lang) {
  const std::string title(T(lang, "origin.title"));
  std::string query = "period=" + d.period;
  if (!d.definition.Query().empty()) query += "&" + d.definition.Query();
  std::string html = PageStart(lang, title, query);
  html += fmt::format("<h2 id=\"origin-title\">{} <small>({})</small></h2>\n", EscapeHtml(title),
                      EscapeHtml(FormatPeriod(lang, d.period)));
  html +=
      DefinitionHtml(lang, d.definition, "/herkomst", {{"lang", std::string(LangCode(lang))}, {"period", d.period}});
  html += fmt::format("<p id=\"origin-definition-note\">{}</p>\n", T(lang, "origin.definition_note"));
  html += fmt::format(
      "<form method=\"get\" action=\"/herkomst\">{}<input type=\"hidden\" name=\"lang\" value=\"{}\">{}"
      " <button type=\"submit\">{}</button></form>\n",
      PeriodSelect(lang, d.periods, d.period), LangCode(lang), DefinitionHiddenInput(d.definition),
      T(lang, "origin.show"));
  html += fmt::format("<p>{0}</p>\n<p id=\"origin-mapping\">{1} <time datetime=\"{2}\">{2}</time>.</p>\n",
                      T(lang, "origin.intro"), T(lang, "origin.mapping"), EscapeHtml(d.mapping_date));
  if (d.approximate)
    html += Alert("warning", "role=\"note\"", fmt::format("<p>{}</p>", T(lang, "regions.approximate")));
  html += fmt::format("<p>{}</p>\n", T(lang, "overview.public"));

  html += fmt::format(
      "<section id=\"summary\" aria-labelledby=\"summary-title\"><h3 id=\"summary-title\">{0}</h3>\n"
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"origin-summary\"><caption>{0} ({1})</caption><thead><tr>"
      "<th scope=\"col\">{2}</th><th scope=\"col\" class=\"num\">{3}</th><th scope=\"col\" class=\"num\">{4}</th>"
      "<th scope=\"col\" class=\"num\">{5}</th><th scope=\"col\" class=\"num\">{6}</th>"
      "<th scope=\"col\" class=\"num\">{7}</th><th scope=\"col\" class=\"num\">{8}</th></tr></thead><tbody>\n",
      T(lang, "origin.summary"), EscapeHtml(FormatPeriod(lang, d.period)), T(lang, "origin.col.region"),
      T(lang, "origin.col.persons"), T(lang, "origin.col.own"), T(lang, "origin.col.other"),
      T(lang, "origin.col.unknown"), T(lang, "origin.col.referred_back"), T(lang, "origin.col.median"));
  for (const auto& s : d.summary) html += SummaryRow(lang, s, s.name);
  html += "</tbody><tfoot>" + SummaryRow(lang, d.national, T(lang, "origin.national")) +
          "</tfoot></table></div></section>\n";
  html += FlowChart(d, lang);
  html += Matrix(d, lang);
  html += SourceLine(lang, d.period);
  html += MarksLegend(lang);
  html += PageEnd(lang);
  return html;
}

}  // namespace onderdak::web
