#include "onderdak/web/projection_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "onderdak/core/date.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

std::string FanChart(const ProjectionView& v, Lang lang) {
  constexpr double kW = 720, kH = 320, kLeft = 56, kRight = 16, kTop = 16, kBottom = 36;
  if (v.path.empty()) return "";
  const std::string& first_date = v.observed.empty() ? v.path.front().date : v.observed.front().first;
  // Days since 1970 of an ISO date of the view (the chart's x axis).
  auto day_of = [](const std::string& iso) {
    const auto d = core::Date::Parse(iso);
    return d.ok() ? static_cast<double>(d->days()) : 0.0;
  };
  const double x0 = day_of(first_date), x1 = day_of(v.path.back().date);
  double ymax = 1;
  for (const auto& o : v.observed) ymax = std::max(ymax, static_cast<double>(o.second));
  for (const auto& p : v.path) ymax = std::max({ymax, p.p95, p.expected});
  ymax *= 1.1;
  auto X = [&](const std::string& iso) {
    return kLeft + (day_of(iso) - x0) / std::max(1.0, x1 - x0) * (kW - kLeft - kRight);
  };
  auto Y = [&](double y) { return kTop + (1 - y / ymax) * (kH - kTop - kBottom); };
  // The projection starts from the last observed point.
  std::vector<ProjectionView::Point> pts;
  if (!v.observed.empty()) {
    const double o = static_cast<double>(v.observed.back().second);
    pts.push_back({.date = v.observed.back().first, .expected = o, .p05 = o, .p25 = o, .p50 = o, .p75 = o, .p95 = o});
  }
  pts.insert(pts.end(), v.path.begin(), v.path.end());
  auto band = [&](double ProjectionView::Point::*lo, double ProjectionView::Point::*hi) {
    std::string d;
    for (std::size_t i = 0; i < pts.size(); ++i)
      d += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "M", X(pts[i].date), Y(pts[i].*hi));
    for (std::size_t i = pts.size(); i-- > 0;) d += fmt::format(" L{:.1f},{:.1f}", X(pts[i].date), Y(pts[i].*lo));
    return d + " Z";
  };
  std::string line;
  for (std::size_t i = 0; i < pts.size(); ++i)
    line += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "M", X(pts[i].date), Y(pts[i].expected));
  std::string observed;
  for (std::size_t i = 0; i < v.observed.size(); ++i) {
    observed += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "M", X(v.observed[i].first),
                            Y(static_cast<double>(v.observed[i].second)));
  }
  std::string svg = fmt::format(
      "<figure class=\"fan-chart\"><svg id=\"fan-chart\" viewBox=\"0 0 {0} {1}\" width=\"100%\" role=\"img\" "
      "aria-labelledby=\"fan-caption\" preserveAspectRatio=\"xMidYMid meet\">\n",
      kW, kH);
  // Axes: persons (left) and years (bottom).
  for (int k = 0; k <= 4; ++k) {
    const double y = ymax / 1.1 * k / 4;
    svg += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#ccc\"/><text x=\"{3}\" y=\"{4:.1f}\" "
        "font-size=\"11\" text-anchor=\"end\">{5}</text>\n",
        kLeft, kW - kRight, Y(y), kLeft - 4, Y(y) + 4, EscapeHtml(FormatCount(lang, std::round(y))));
  }
  const int year0 = std::stoi(first_date.substr(0, 4)), year1 = std::stoi(v.path.back().date.substr(0, 4));
  for (int y = year0 + 1; y <= year1; ++y) {
    const std::string iso = fmt::format("{}-01-01", y);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n", X(iso),
                       kH - kBottom + 16, y);
  }
  svg += fmt::format("<path d=\"{}\" fill=\"#c6d8ec\" data-band=\"90\"/>\n",
                     band(&ProjectionView::Point::p05, &ProjectionView::Point::p95));
  svg += fmt::format("<path d=\"{}\" fill=\"#8fb3da\" data-band=\"50\"/>\n",
                     band(&ProjectionView::Point::p25, &ProjectionView::Point::p75));
  svg += fmt::format(
      "<path d=\"{}\" fill=\"none\" stroke=\"#154273\" stroke-width=\"2\" stroke-dasharray=\"6 4\" "
      "data-line=\"expected\"/>\n",
      line);
  svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.5\" data-line=\"observed\"/>\n",
                     observed);
  if (v.functional_zero > 0) {
    svg += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#a34700\" stroke-dasharray=\"2 3\" "
        "data-line=\"functional-zero\"/>\n",
        kLeft, kW - kRight, Y(v.functional_zero));
  }
  svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\" data-line=\"zero\"/>\n",
                     kLeft, kW - kRight, Y(0));
  // The target: zero on the last reference date.
  svg += fmt::format(
      "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"#a34700\" data-target=\"zero\"/><text x=\"{:.1f}\" "
      "y=\"{:.1f}\" "
      "font-size=\"11\" text-anchor=\"end\">{}</text>\n",
      X(v.path.back().date), Y(0), X(v.path.back().date) - 8, Y(0) - 8, EscapeHtml(T(lang, "proj.chart.target")));
  svg += "</svg>\n";
  svg +=
      fmt::format("<figcaption id=\"fan-caption\">{}</figcaption></figure>\n",
                  EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.chart.caption")), fmt::arg("unit", v.unit_name))));
  return svg;
}

std::string Form(const ProjectionView& v, Lang lang) {
  std::string options;
  for (const auto& [code, name] : v.units) {
    options += fmt::format("<option value=\"{}\"{}>{}</option>", EscapeHtml(code), code == v.unit ? " selected" : "",
                           EscapeHtml(name));
  }
  auto number = [&](const char* id, const char* key, int value, int max) {
    return fmt::format(
        "<p><label for=\"{0}\">{1}</label><br><input id=\"{0}\" name=\"{0}\" type=\"number\" inputmode=\"numeric\" "
        "min=\"0\" max=\"{2}\" step=\"1\" value=\"{3}\"></p>\n",
        id, EscapeHtml(T(lang, key)), max, value);
  };
  std::string html = fmt::format(
      "<form id=\"projection-form\" method=\"get\" action=\"/projectie\"><input type=\"hidden\" name=\"lang\" "
      "value=\"{}\"><fieldset><legend>{}</legend>\n<p><label for=\"regio\">{}</label><br><select id=\"regio\" "
      "name=\"regio\">{}</select></p>\n",
      LangCode(lang), EscapeHtml(T(lang, "proj.form.legend")), EscapeHtml(T(lang, "proj.form.unit")), options);
  html += number("preventie", "proj.form.prevention", v.prevention, 90);
  html += number("extra", "proj.form.extra", v.extra, 100000);
  html += fmt::format(
      "<p><input id=\"pijplijn\" name=\"pijplijn\" type=\"checkbox\" value=\"1\"{}> <label "
      "for=\"pijplijn\">{}</label></p>\n",
      v.pipeline ? " checked" : "",
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.form.pipeline")),
                             fmt::arg("places", FormatCount(lang, v.pipeline_places)))));
  html += number("wonen_eerst", "proj.form.wonen_eerst", v.wonen_eerst, 100);
  html += number("terugval", "proj.form.returns", v.fewer_returns, 100);
  html += fmt::format(
      "</fieldset><button type=\"submit\">{}</button> <a href=\"/projectie?lang={}&amp;regio={}\">{}</a></form>\n",
      EscapeHtml(T(lang, "proj.form.submit")), LangCode(lang), EscapeHtml(v.unit),
      EscapeHtml(T(lang, "proj.form.reset")));
  return html;
}

std::string DateOr(Lang lang, const std::string& iso, int until) {
  return iso.empty() ? fmt::format(fmt::runtime(T(lang, "proj.never")), fmt::arg("year", std::to_string(until)))
                     : FormatDate(lang, iso);
}

}  // namespace

std::string RenderProjectionPage(const ProjectionView& v, Lang lang) {
  std::string html = PageStart(lang, T(lang, "proj.title"), "regio=" + v.unit);
  html += fmt::format(
      "<h2>{}: {}</h2>\n<p>{}</p>\n", EscapeHtml(T(lang, "proj.title")), EscapeHtml(v.unit_name),
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.intro")), fmt::arg("year", std::to_string(v.to_year)))));
  html += fmt::format(
      "<p id=\"projection-basis\">{}</p>\n",
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.basis")), fmt::arg("date", FormatDate(lang, v.jump_off)),
                             fmt::arg("definition", v.definition_label),
                             fmt::arg("replicates", FormatCount(lang, v.replicates)))));
  if (v.unit == "NL") {
    std::string cover = fmt::format(fmt::runtime(T(lang, "proj.covers")), fmt::arg("n", std::to_string(v.regions)));
    if (!v.left_out.empty()) {
      std::string list;
      for (const auto& r : v.left_out) list += (list.empty() ? "" : ", ") + r;
      cover += " " + fmt::format(fmt::runtime(T(lang, "proj.left_out")),
                                 fmt::arg("n", std::to_string(v.left_out.size())), fmt::arg("list", list));
    }
    html += fmt::format("<p id=\"projection-coverage\">{}</p>\n", EscapeHtml(cover));
  }
  html += Form(v, lang);
  if (v.withheld) {
    html += Alert("info", "id=\"projection-withheld\"", "<p>" + EscapeHtml(T(lang, "proj.withheld")) + "</p>");
    html += PageEnd(lang);
    return html;
  }
  const auto& end = v.path.empty() ? ProjectionView::Point{} : v.path.back();
  html += fmt::format(
      "<h3>{}</h3>\n<p id=\"projection-summary\">{}</p>\n", EscapeHtml(T(lang, "proj.summary.title")),
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.summary")), fmt::arg("date", FormatDate(lang, end.date)),
                             fmt::arg("expected", FormatCount(lang, std::round(end.expected))),
                             fmt::arg("lo", FormatCount(lang, std::round(end.p05))),
                             fmt::arg("hi", FormatCount(lang, std::round(end.p95))))));
  html += FanChart(v, lang);
  html += fmt::format(
      "<h3>{0}</h3>\n<p>{1} <a href=\"/begrippen?lang={12}#functionalzero\">{13}</a></p>\n<div class=\"scroll\" "
      "tabindex=\"0\"><table id=\"projection-pace\"><caption>{0}</caption>"
      "<tbody>\n<tr><th scope=\"row\">{2}</th><td class=\"num\">{3}</td></tr>\n<tr><th scope=\"row\">{4}</th><td "
      "class=\"num\" id=\"pace-zero\">{5}</td></tr>\n<tr><th scope=\"row\">{6}</th><td class=\"num\" "
      "id=\"pace-functional-zero\">{7}</td></tr>\n<tr><th scope=\"row\">{8}</th><td>{9}</td></tr>\n<tr><th "
      "scope=\"row\">{10}</th><td>{11}</td></tr>\n</tbody></table></div>\n",
      EscapeHtml(T(lang, "proj.pace.title")),
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.pace.intro")),
                             fmt::arg("threshold", FormatFixed(lang, v.functional_zero, 1)),
                             fmt::arg("year", std::to_string(v.to_year)))),
      EscapeHtml(T(lang, "proj.pace.current")), FormatFixed(lang, v.current_pace, 0),
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.pace.zero")), fmt::arg("year", std::to_string(v.to_year)))),
      FormatFixed(lang, v.needed_zero, 0),
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "proj.pace.fz")), fmt::arg("year", std::to_string(v.to_year)))),
      FormatFixed(lang, v.needed_functional_zero, 0), EscapeHtml(T(lang, "proj.pace.zero_at")),
      EscapeHtml(DateOr(lang, v.zero_reached, v.search_until)), EscapeHtml(T(lang, "proj.pace.fz_at")),
      EscapeHtml(DateOr(lang, v.functional_zero_reached, v.search_until)), LangCode(lang),
      EscapeHtml(T(lang, "term.functionalzero.name")));
  html += fmt::format(
      "<h3>{0}</h3>\n<div class=\"scroll\" tabindex=\"0\"><table "
      "id=\"projection-table\"><caption>{0}</caption><thead><tr>"
      "<th scope=\"col\">{1}</th><th scope=\"col\" class=\"num\">{2}</th><th scope=\"col\" class=\"num\">{3}</th><th "
      "scope=\"col\" class=\"num\">{4}</th></tr></thead><tbody>\n",
      EscapeHtml(T(lang, "proj.table.title")), EscapeHtml(T(lang, "proj.table.date")),
      EscapeHtml(T(lang, "proj.table.persons")), EscapeHtml(T(lang, "proj.table.band50")),
      EscapeHtml(T(lang, "proj.table.band90")));
  for (const auto& [date, persons] : v.observed) {
    html += fmt::format(
        "<tr class=\"observed\" data-date=\"{}\"><th scope=\"row\">{}</th><td "
        "class=\"num\">{}</td><td></td><td></td></tr>\n",
        date, FormatDate(lang, date), FormatCount(lang, static_cast<double>(persons)));
  }
  for (const auto& p : v.path) {
    html += fmt::format(
        "<tr class=\"projected\" data-date=\"{}\" data-expected=\"{:.1f}\"><th scope=\"row\">{} ({})</th><td "
        "class=\"num\">{}</td><td class=\"num\">{}–{}</td><td class=\"num\">{}–{}</td></tr>\n",
        p.date, p.expected, FormatDate(lang, p.date), EscapeHtml(T(lang, "proj.table.projected")),
        FormatCount(lang, std::round(p.expected)), FormatCount(lang, std::round(p.p25)),
        FormatCount(lang, std::round(p.p75)), FormatCount(lang, std::round(p.p05)),
        FormatCount(lang, std::round(p.p95)));
  }
  html += "</tbody></table></div>\n";
  html +=
      fmt::format("<h3>{}</h3>\n<p>{}</p>\n", EscapeHtml(T(lang, "proj.read.title")), EscapeHtml(T(lang, "proj.read")));
  html += fmt::format(
      "<p lang=\"en\"><code>onderdak projection --region {}</code> · <code>/api/v1/projection?region={}</code></p>\n",
      EscapeHtml(v.unit), EscapeHtml(v.unit));
  html += PageEnd(lang);
  return html;
}

}  // namespace onderdak::web
