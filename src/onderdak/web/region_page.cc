// A region's page (/regio/{code}): every headline measure with its trend over the
// half-years beside the national value, the completeness of the region's deliveries, and
// the downloads, and the hidden population estimated beside the count. region.js draws
// each trend with chart.js from its table.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "onderdak/core/date.h"

#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/glossary_page.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

// Counted beside estimated per half-year, as the overview's "Geteld en geschat" does
// nationally: the estimate as a number only when reliable (ADR 0011), else "te onzeker"
// with its interval, and nothing at all when the count is suppressed.
std::string HiddenSection(const RegionPageData& d, Lang lang) {
  std::string html = fmt::format(
      "<section id=\"hidden\" aria-labelledby=\"hidden-title\"><h3 id=\"hidden-title\">{}</h3>\n<p>{}</p>\n"
      "<p id=\"hidden-definition\">{}</p>\n<div class=\"scroll\" tabindex=\"0\"><table "
      "id=\"hidden-table\"><thead><tr><th scope=\"col\">{}</th><th "
      "scope=\"col\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n",
      T(lang, "region.hidden"), T(lang, "overview.hidden.intro"), T(lang, "overview.hidden.definition"),
      T(lang, "overview.period"), T(lang, "overview.reference_date"), T(lang, "overview.hidden.counted"),
      T(lang, "overview.hidden.estimated"));
  for (const auto& h : d.hidden) {
    html += fmt::format(
        "<tr data-period=\"{0}\" data-status=\"{1}\"><th scope=\"row\">{5}</th><td><time datetime=\"{2}\">{6}</time>"
        "</td><td class=\"num hidden-counted\">{3}</td><td class=\"num hidden-estimated\">{4}</td></tr>\n",
        EscapeHtml(h.period), EscapeHtml(h.status), EscapeHtml(h.reference_date), PersonsText(lang, h.counted),
        HiddenEstimateHtml(h, lang), EscapeHtml(FormatPeriod(lang, h.period)),
        EscapeHtml(FormatDate(lang, h.reference_date)));
  }
  html += fmt::format("</tbody></table></div>\n<p><a href=\"/methode?lang={}\">{}</a></p></section>\n", LangCode(lang),
                      T(lang, "overview.hidden.method"));
  return html;
}

// Others' figures for this region beside ours (ADR 0024), as the overview shows CBS's
// national estimate: each labelled with its source and definition, never added to ours.
std::string SeriesSection(const RegionPageData& d, Lang lang) {
  if (d.series.empty()) return {};
  std::string html = fmt::format(
      "<section id=\"series\" aria-labelledby=\"series-title\"><h3 id=\"series-title\">{}</h3>\n"
      "<p><small>{}</small></p>\n<div class=\"scroll\" tabindex=\"0\"><table id=\"region-series\"><thead><tr><th "
      "scope=\"col\">{}</th>"
      "<th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th>"
      "</tr></thead><tbody>\n",
      T(lang, "series.title"), T(lang, "series.intro"), T(lang, "series.col.date"), T(lang, "series.col.source"),
      T(lang, "series.col.value"), T(lang, "region.series.own"));
  for (const auto& row : d.series) {
    const auto& p = row.point;
    const std::string value = FormatSeriesValue(lang, p);
    html += fmt::format(
        "<tr data-source=\"{0}\" data-series=\"{1}\" data-period=\"{2}\"><th scope=\"row\">{3}</th>"
        "<td><small>{0}: {4}{5}</small></td><td class=\"num series-value\">{6}</td>"
        "<td class=\"num series-own\" data-value=\"{7}\">{8}</td></tr>\n",
        EscapeHtml(p.source), EscapeHtml(p.series), EscapeHtml(p.period),
        EscapeHtml(p.date.empty() ? p.period : FormatDate(lang, p.date)), EscapeHtml(p.definition),
        p.note.empty() ? std::string() : " (" + EscapeHtml(p.note) + ")", EscapeHtml(value), DataValue(row.own),
        EscapeHtml(FormatCell(lang, "persons", row.own)));
  }
  html +=
      fmt::format("</tbody></table></div>\n<p><small>{}</small></p></section>\n", T(lang, "region.series.own.note"));
  return html;
}

}  // namespace

// The six figures a reader wants first (issue 21 item 6): how many are homeless, how long
// they wait and stay, how many leave for a home, the housing places and the plan.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSummary = {{
    {"P1", "persons_on_date"},
    {"P3", "placed.median_days"},
    {"P5", "ended.over_90_days_share"},
    {"P6", "to_housing_share"},
    {"A2", "places_realised"},
    {"A5", "adopted"},
}};

// The region's latest period with a figure for `row`, or npos.
std::size_t LatestWithValue(const RegionPageData::Row& row) {
  for (std::size_t p = row.region.size(); p-- > 0;) {
    if (row.region[p].state == Cell::State::kValue) return p;
  }
  return std::string::npos;
}

// How the figure of period `p` compares with the period before, in words; only when the
// region's delivery was complete in both (a missing delivery must never read as a fall).
std::string TrendText(const RegionPageData& d, const RegionPageData::Row& row, std::string_view unit, std::size_t p,
                      Lang lang) {
  if (p == 0) return std::string(T(lang, "summary.trend.first"));
  const Cell& now = row.region[p];
  const Cell& before = row.region[p - 1];
  const std::string previous = FormatPeriod(lang, d.periods[p - 1]);
  if (!DeliveredCompletely(d, d.periods[p]) || !DeliveredCompletely(d, d.periods[p - 1])) {
    return fmt::format(fmt::runtime(T(lang, "summary.trend.incomplete")), previous);
  }
  if (before.state != Cell::State::kValue) return fmt::format(fmt::runtime(T(lang, "summary.trend.none")), previous);
  const std::string_view key = now.value > before.value   ? "summary.trend.up"
                               : now.value < before.value ? "summary.trend.down"
                                                          : "summary.trend.same";
  return fmt::format(fmt::runtime(T(lang, key)), previous, FormatCell(lang, unit, before));
}

std::string SummarySection(const RegionPageData& d, Lang lang) {
  if (d.periods.empty()) return {};
  const std::string last = d.periods.back();
  std::string html = fmt::format(
      "<section id=\"summary\" aria-labelledby=\"summary-title\"><h3 id=\"summary-title\">{}</h3>\n<div "
      "class=\"figures\">\n",
      T(lang, "summary.title"));
  for (const auto& [indicator, measure] : kSummary) {
    const RegionPageData::Row* row = nullptr;
    for (const auto& r : d.rows) {
      const auto& hm = HeadlineMeasures()[r.measure];
      if (hm.indicator == indicator && hm.measure == measure) row = &r;
    }
    if (row == nullptr) continue;
    const auto& m = HeadlineMeasures()[row->measure];
    const std::size_t p = LatestWithValue(*row);
    const Cell shown = p == std::string::npos ? row->region.back() : row->region[p];
    const std::string& period = p == std::string::npos ? last : d.periods[p];
    // An incomplete delivery's figure can be too low: said beside it.
    std::string when = FormatPeriod(lang, period);
    if (!DeliveredCompletely(d, period)) when += fmt::format(" · {}", T(lang, "summary.incomplete"));
    std::string trend = p == std::string::npos ? std::string() : TrendText(d, *row, m.unit, p, lang);
    std::string target = std::string(T(lang, "summary.no_target"));
    for (const auto& t : d.targets) {
      if (t.indicator == indicator && t.measure == measure) {
        target = fmt::format(fmt::runtime(T(lang, "summary.target")), t.label, FormatDate(lang, t.deadline));
      }
    }
    html += fmt::format(
        "<div class=\"figure\" data-indicator=\"{0}\"><span class=\"value\">{1}</span><a href=\"#ind-{0}\">{2}</a>"
        "<p class=\"summary-when\">{3}</p><p class=\"summary-trend\">{4}</p><p class=\"summary-target\">{5}</p>"
        "</div>\n",
        indicator, EscapeHtml(FormatCell(lang, m.unit, shown)), EscapeHtml(MeasureLabel(lang, row->measure)),
        EscapeHtml(when), EscapeHtml(trend), EscapeHtml(target));
  }
  const auto last_period = core::Period::Parse(last);
  html += fmt::format(
      "</div>\n<p id=\"summary-source\"><small>{}</small></p></section>\n",
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "summary.source")), FormatPeriod(lang, last),
                             last_period.ok() ? FormatDate(lang, last_period->first().ToString()) : std::string())));
  return html;
}

std::string PersonsText(Lang lang, std::optional<std::int64_t> n, Mark why) {
  return n ? FormatCount(lang, static_cast<double>(*n)) : std::string(MarkSign(lang, why));
}

std::string HiddenEstimateHtml(const RegionPageData::Hidden& h, Lang lang) {
  std::string interval;
  if (h.lower) {
    interval = h.upper ? fmt::format("{} {} – {}", T(lang, "overview.hidden.interval"), PersonsText(lang, h.lower),
                                     PersonsText(lang, h.upper))
                       : fmt::format("{} {} {}", T(lang, "overview.hidden.interval"), T(lang, "region.hidden.from"),
                                     PersonsText(lang, h.lower));
  }
  std::string estimate;
  if (h.status == "reliable") {
    estimate = fmt::format("<strong>{}</strong> ({})", PersonsText(lang, h.n_hat), EscapeHtml(interval));
  } else if (h.status == "too_uncertain") {
    estimate = fmt::format("{} ({})", T(lang, "region.hidden.too_uncertain"), EscapeHtml(interval));
  } else if (h.status == "suppressed") {
    estimate = MarkHtml(lang, Mark::kSuppressed);
  } else {
    estimate = std::string(T(lang, "region.hidden.unavailable"));
  }
  if (!h.reason.empty() && h.status != "suppressed") {
    estimate += fmt::format(": <span class=\"hidden-reason\" data-reason=\"{}\">{}</span>", EscapeHtml(h.reason),
                            EscapeHtml(T(lang, "estimate.reason." + h.reason)));
  }
  return estimate;
}

bool DeliveredCompletely(const RegionPageData& d, std::string_view period) {
  return std::any_of(d.completeness.begin(), d.completeness.end(), [&](const RegionPageData::Completeness& c) {
    return c.period == period && c.status == "complete";
  });
}

std::string RenderRegionPage(const RegionPageData& d, Lang lang) {
  const std::string title = fmt::format("{} {}", T(lang, "region.title"), d.name);
  const std::string definition_query = d.definition.Query();
  std::string html = PageStart(lang, title, definition_query);
  html += fmt::format("<h2 id=\"region-title\" data-region=\"{}\">{} <small>({})</small></h2>\n", EscapeHtml(d.code),
                      EscapeHtml(title), EscapeHtml(d.code));
  html += SummarySection(d, lang);
  html += DefinitionHtml(lang, d.definition, "/regio/" + d.code, {{"lang", std::string(LangCode(lang))}});
  std::string members;
  for (const auto& m : d.members) members += (members.empty() ? "" : ", ") + EscapeHtml(m);
  html += fmt::format("<p id=\"region-members\">{}: {}</p>\n", T(lang, "region.members"), members);
  if (d.approximate)
    html += Alert("warning", "role=\"note\"", fmt::format("<p>{}</p>", T(lang, "regions.approximate")));
  html += fmt::format("<p>{}</p>\n", T(lang, "overview.public"));
  html += fmt::format("<p><a id=\"region-origin\" href=\"/herkomst?lang={}#regio-{}\">{}</a></p>\n", LangCode(lang),
                      EscapeHtml(d.code), T(lang, "region.origin"));

  // Contents: the indicators, then completeness and downloads.
  html += fmt::format(
      "<nav aria-label=\"{0}\" class=\"toc\"><a href=\"#hidden\">{3}</a> · <a href=\"#completeness\">{1}</a> · "
      "<a href=\"#downloads\">{2}</a></nav>\n",
      T(lang, "region.toc"), T(lang, "region.completeness"), T(lang, "region.downloads"), T(lang, "region.hidden"));

  html += HiddenSection(d, lang);
  html += SeriesSection(d, lang);

  html += "<div class=\"trends\">\n";
  for (const auto& row : d.rows) {
    const auto& m = HeadlineMeasures()[row.measure];
    const std::string label(MeasureLabel(lang, row.measure));
    const bool national = !m.national_measure.empty();
    html += fmt::format(
        "<section class=\"trend\" id=\"ind-{0}\" aria-labelledby=\"ind-{0}-title\"><h3 id=\"ind-{0}-title\">"
        "{9} {1}</h3>\n"
        "<div class=\"chart\"><canvas aria-hidden=\"true\" height=\"140\"></canvas></div>\n"
        "<div class=\"scroll\" tabindex=\"0\"><table class=\"trend-table\" data-indicator=\"{0}\" data-measure=\"{2}\" "
        "data-unit=\"{3}\" data-axis=\"{8}\" "
        "data-label-region=\"{4}\" data-label-national=\"{5}\" data-comparable=\"{6}\"><caption>{1}</caption>"
        "<thead><tr><th scope=\"col\">{7}</th><th scope=\"col\" class=\"num\">{4}</th>",
        m.indicator, EscapeHtml(label), EscapeHtml(m.measure), m.unit, EscapeHtml(d.name), T(lang, "map.national"),
        m.unit == "share" || m.unit == "days" ? "true" : "false", T(lang, "overview.period"),
        T(lang, "unit.axis." + std::string(m.unit)), GlossaryLink(lang, m.indicator, m.indicator, m.indicator));
    if (national) html += fmt::format("<th scope=\"col\" class=\"num\">{}</th>", T(lang, "map.national"));
    html += "</tr></thead><tbody>\n";
    for (std::size_t p = 0; p < d.periods.size(); ++p) {
      const Cell& rc = row.region[p];
      html += fmt::format(
          "<tr data-period=\"{0}\"><th scope=\"row\">{3}</th><td class=\"num region\" "
          "data-value=\"{1}\">{2}</td>",
          EscapeHtml(d.periods[p]), DataValue(rc), EscapeHtml(FormatCell(lang, m.unit, rc)),
          EscapeHtml(FormatPeriod(lang, d.periods[p])));
      if (national) {
        const Cell& nc = row.national[p];
        html += fmt::format("<td class=\"num national\" data-value=\"{}\">{}</td>", DataValue(nc),
                            EscapeHtml(FormatCell(lang, m.unit, nc)));
      }
      html += "</tr>\n";
    }
    html += "</tbody></table></div></section>\n";
  }
  html += "</div>\n";

  html += fmt::format(
      "<section id=\"completeness\" aria-labelledby=\"completeness-title\"><h3 id=\"completeness-title\">{}</h3>\n"
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"completeness-table\"><thead><tr><th scope=\"col\">{}</th><th "
      "scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
      T(lang, "region.completeness"), T(lang, "overview.period"), T(lang, "region.delivered"), T(lang, "region.status"),
      T(lang, "region.missing"));
  for (const auto& c : d.completeness) {
    std::string missing;
    for (const auto& m : c.missing) missing += (missing.empty() ? "" : ", ") + EscapeHtml(m);
    html += fmt::format(
        "<tr data-period=\"{0}\" data-status=\"{1}\"><th scope=\"row\">{7}</th><td class=\"num\">{2} {3} {4}</td>"
        "<td>{5}</td><td>{6}</td></tr>\n",
        EscapeHtml(c.period), EscapeHtml(c.status), c.delivered, T(lang, "overview.of"), c.expected,
        T(lang, "status." + c.status), missing.empty() ? MarkHtml(lang, Mark::kNotApplicable) : missing,
        EscapeHtml(FormatPeriod(lang, c.period)));
  }
  html += "</tbody></table></div></section>\n";

  html += fmt::format(
      "<section id=\"downloads\" aria-labelledby=\"downloads-title\"><h3 id=\"downloads-title\">{}</h3>"
      "<p>{}</p><ul>\n",
      T(lang, "region.downloads"), T(lang, "region.downloads.note"));
  for (const auto& p : d.periods) {
    const std::string q = fmt::format("/api/v1/indicators?period={}&amp;region={}{}", EscapeHtml(p), EscapeHtml(d.code),
                                      definition_query.empty() ? "" : "&amp;" + EscapeHtml(definition_query));
    html += fmt::format(
        "<li>{4}: <a class=\"download-csv-nl\" data-period=\"{0}\" href=\"{1}&amp;format=csv-nl\" download>{2}</a> · "
        "<a class=\"download-csv\" data-period=\"{0}\" href=\"{1}&amp;format=csv\" download>{3}</a> · "
        "<a class=\"download-xlsx\" data-period=\"{0}\" href=\"{1}&amp;format=xlsx\" download>Excel (XLSX)</a> · "
        "<a class=\"download-json\" data-period=\"{0}\" href=\"{1}\">JSON</a></li>\n",
        EscapeHtml(p), q, T(lang, "download.csv_nl"), T(lang, "download.csv"), EscapeHtml(FormatPeriod(lang, p)));
  }
  html += "</ul>\n";
  // The yearly report (ADR 0038) of each year with deliveries: printable, or saved as PDF.
  std::vector<std::string> years;
  for (const auto& p : d.periods) {
    const std::string y = p.substr(0, 4);
    if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  }
  if (!years.empty()) {
    html += fmt::format("<p id=\"reports\">{}:", T(lang, "region.reports"));
    for (const auto& y : years) {
      html += fmt::format(
          " <a class=\"report\" data-year=\"{0}\" href=\"/regio/{1}/rapport?jaar={0}&amp;lang={2}{3}\">{0}</a>",
          EscapeHtml(y), EscapeHtml(d.code), LangCode(lang),
          definition_query.empty() ? "" : "&amp;" + EscapeHtml(definition_query));
    }
    html += fmt::format(" <small>({})</small></p>\n", T(lang, "region.reports.note"));
  }
  html += "</section>\n";
  // Where the region is heading (issue 17): its projection to 2030 and the pace needed.
  html += fmt::format(
      "<section id=\"projection-link\" aria-labelledby=\"projection-heading\"><h3 id=\"projection-heading\">{}</h3>"
      "<p>{} <a href=\"/projectie?regio={}&amp;lang={}{}\">{}</a></p></section>\n",
      T(lang, "nav.projection"), T(lang, "region.projection.intro"), EscapeHtml(d.code), LangCode(lang),
      definition_query.empty() ? "" : "&amp;" + EscapeHtml(definition_query), T(lang, "region.projection"));
  html += Script("vendor/chart.umd.js") + Script("region.js");
  html += MarksLegend(lang);
  html += PageEnd(lang);
  return html;
}

}  // namespace onderdak::web
