#include "onderdak/web/report_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "onderdak/core/date.h"
#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/glossary_page.h"
#include "onderdak/web/html.h"
#include "onderdak/web/marks.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/report_frame.h"

namespace onderdak::web {
namespace {

// The first page's figures: how many are homeless and become so, how long they wait and
// stay, how many leave for a home and come back, the housing places and the plan.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kKeyFigures = {{
    {"P1", "persons_on_date"},
    {"P2", "inflow"},
    {"P3", "placed.median_days"},
    {"P5", "ended.over_90_days_share"},
    {"P6", "to_housing_share"},
    {"P7", "returned_12m_share"},
    {"A2", "places_realised"},
    {"A5", "adopted"},
}};

// The chapters, after the themes of the action plan, with their indicators.
struct Chapter {
  std::string_view id, title_key;
  std::array<std::string_view, 6> indicators;  // "" ends the list
};
constexpr std::array<Chapter, 8> kChapters = {{
    {"preventie", "report.chapter.prevention", {"P12", "A8", "P8"}},
    {"opvang", "report.chapter.shelter", {"P1", "P2", "P3", "P5", "A1"}},
    {"wonen", "report.chapter.housing", {"P4", "P6", "P7", "P9", "A2", "A3"}},
    {"jongeren", "report.chapter.youth", {"P10"}},
    {"toegang", "report.chapter.access", {"P11"}},
    {"ervaringsdeskundigheid", "report.chapter.lived", {"A4"}},
    {"geld", "report.chapter.money", {"A6"}},
    {"plan", "report.chapter.plan", {"A5", "A7"}},
}};

std::optional<std::size_t> PeriodIndex(const RegionPageData& d, const std::string& period) {
  for (std::size_t i = 0; i < d.periods.size(); ++i) {
    if (d.periods[i] == period) return i;
  }
  return std::nullopt;
}

// The half-years of the report: those of the year before and of the year, with deliveries.
std::vector<std::size_t> ReportPeriods(const RegionReportData& d) {
  std::vector<std::size_t> out;
  for (int y : {d.year - 1, d.year}) {
    for (int h : {1, 2}) {
      if (auto i = PeriodIndex(d.region, fmt::format("{}H{}", y, h))) out.push_back(*i);
    }
  }
  return out;
}

const RegionPageData::Row* RowOf(const RegionPageData& d, std::string_view indicator, std::string_view measure) {
  for (const auto& r : d.rows) {
    const auto& hm = HeadlineMeasures()[r.measure];
    if (hm.indicator == indicator && (measure.empty() || hm.measure == measure)) return &r;
  }
  return nullptr;
}

const TargetView* TargetOf(const RegionPageData& d, std::string_view indicator, std::string_view measure) {
  for (const auto& t : d.targets) {
    if (t.indicator == indicator && t.measure == measure) return &t;
  }
  return nullptr;
}

// The national target beside a regional figure: its label and deadline, and for a share or
// a number of days (which a region can meet on its own) whether the region meets it.
std::string TargetText(const TargetView* t, const Cell& region, Lang lang) {
  if (t == nullptr) return std::string(T(lang, "report.target.none"));
  std::string text = fmt::format(fmt::runtime(T(lang, "report.target.by")), fmt::arg("label", t->label),
                                 fmt::arg("deadline", FormatDate(lang, t->deadline)));
  if ((t->unit == "share" || t->unit == "days") && region.state == Cell::State::kValue) {
    const bool met = t->comparison == "at_most" ? region.value <= t->value : region.value >= t->value;
    text += fmt::format(" ({})", T(lang, met ? "report.target.met" : "report.target.not_met"));
  }
  return text;
}

std::string CellHtml(Lang lang, std::string_view unit, const Cell& c) {
  return c.state == Cell::State::kValue ? EscapeHtml(FormatCell(lang, unit, c)) : MarkHtml(lang, CellMark(c));
}

std::string KeyFigures(const RegionReportData& d, Lang lang) {
  const RegionPageData& r = d.region;
  const std::string now = fmt::format("{}H2", d.year), now_h1 = fmt::format("{}H1", d.year);
  const std::string period = PeriodIndex(r, now) ? now : now_h1;
  const std::string before = fmt::format("{}H{}", d.year - 1, period.back());
  const auto p = PeriodIndex(r, period), q = PeriodIndex(r, before);
  std::string html = fmt::format(
      "<section id=\"kerncijfers\"><h2>{}</h2>\n<p>{}</p>\n<table id=\"key-figures\"><thead><tr><th scope=\"col\">{}"
      "</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
      T(lang, "report.key"),
      EscapeHtml(
          fmt::format(fmt::runtime(T(lang, "report.key.intro")), fmt::arg("period", FormatPeriod(lang, period)))),
      T(lang, "report.col.figure"), EscapeHtml(FormatPeriod(lang, period)), EscapeHtml(FormatPeriod(lang, before)),
      T(lang, "report.col.change"), T(lang, "report.col.national"), T(lang, "report.col.target"));
  for (const auto& [indicator, measure] : kKeyFigures) {
    const auto* row = RowOf(r, indicator, measure);
    if (row == nullptr || !p) continue;
    const auto& m = HeadlineMeasures()[row->measure];
    const Cell& cur = row->region[*p];
    const Cell prev = q ? row->region[*q] : Cell{};
    std::string change = std::string(T(lang, "report.change.none"));
    if (q && DeliveredCompletely(r, period) && DeliveredCompletely(r, before) && cur.state == Cell::State::kValue &&
        prev.state == Cell::State::kValue) {
      change = std::string(T(lang, cur.value > prev.value   ? "report.change.up"
                                   : cur.value < prev.value ? "report.change.down"
                                                            : "report.change.same"));
    }
    std::string value = CellHtml(lang, m.unit, cur);
    if (!DeliveredCompletely(r, period)) value += fmt::format(" <small>({})</small>", T(lang, "report.incomplete"));
    html += fmt::format(
        "<tr data-indicator=\"{0}\" data-measure=\"{1}\"><th scope=\"row\">{0} {2}</th><td class=\"num\" "
        "data-value=\"{3}\">{4}</td><td class=\"num\">{5}</td><td>{6}</td><td "
        "class=\"num\">{7}</td><td>{8}</td></tr>\n",
        indicator, EscapeHtml(measure), EscapeHtml(MeasureLabel(lang, row->measure)), DataValue(cur), value,
        CellHtml(lang, m.unit, prev), EscapeHtml(change), CellHtml(lang, m.unit, row->national[*p]),
        EscapeHtml(TargetText(TargetOf(r, indicator, measure), cur, lang)));
  }
  return html + "</tbody></table></section>\n";
}

// The region's values of one measure over the report's half-years as bars in inline SVG,
// each with its value above and its half-year below; a half-year without a value has no bar
// but its mark ("x", "n.g."), never a bar of 0. The table beside it has the same numbers.
std::string BarsSvg(const RegionReportData& d, const RegionPageData::Row& row, Lang lang) {
  const auto& m = HeadlineMeasures()[row.measure];
  const auto periods = ReportPeriods(d);
  double max = 0;
  for (std::size_t p : periods) {
    if (row.region[p].state == Cell::State::kValue) max = std::max(max, row.region[p].value);
  }
  constexpr int kBar = 46, kGap = 30, kHeight = 70;
  const int width = static_cast<int>(periods.size()) * (kBar + kGap) + kGap;
  std::string svg = fmt::format(
      "<svg class=\"bars\" role=\"img\" aria-label=\"{0}: {1}\" width=\"{2}\" height=\"{3}\" viewBox=\"0 0 {2} {3}\">",
      EscapeHtml(d.region.name), EscapeHtml(MeasureLabel(lang, row.measure)), width, kHeight + 34);
  int x = kGap;
  for (std::size_t p : periods) {
    const Cell& c = row.region[p];
    const std::string label = FormatPeriod(lang, d.region.periods[p]);
    const std::string text =
        c.state == Cell::State::kValue ? FormatCell(lang, m.unit, c) : std::string(MarkSign(lang, CellMark(c)));
    const int h = c.state == Cell::State::kValue && max > 0 ? static_cast<int>(c.value / max * kHeight + 0.5) : 0;
    if (h > 0) {
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#41b6c4\"/>", x, 12 + kHeight - h,
                         kBar, h);
    }
    svg += fmt::format(
        "<text x=\"{0}\" y=\"{1}\" font-size=\"8\" text-anchor=\"middle\">{2}</text><text x=\"{0}\" y=\"{3}\" "
        "font-size=\"7\" text-anchor=\"middle\" fill=\"#4a4a4a\">{4}</text>",
        x + kBar / 2, 12 + kHeight - h - 3, EscapeHtml(text), kHeight + 24, EscapeHtml(label));
    x += kBar + kGap;
  }
  return svg + "<line x1=\"0\" x2=\"" + std::to_string(width) + "\" y1=\"" + std::to_string(12 + kHeight) + "\" y2=\"" +
         std::to_string(12 + kHeight) + "\" stroke=\"#4a4a4a\" stroke-width=\"0.5\"/></svg>\n";
}

// One indicator's headline measure over the report's half-years, the region beside the nation.
std::string MeasureTable(const RegionReportData& d, const RegionPageData::Row& row, Lang lang) {
  const auto& m = HeadlineMeasures()[row.measure];
  std::string html = fmt::format(
      "<div class=\"measure\" id=\"m-{0}\"><h3>{0} {1}</h3>\n<p class=\"explain\">{2}</p>\n<table "
      "data-indicator=\"{0}\" "
      "data-measure=\"{3}\"><thead><tr><th scope=\"col\">{4}</th><th scope=\"col\" class=\"num\">{5}</th><th "
      "scope=\"col\" class=\"num\">{6}</th></tr></thead><tbody>\n",
      m.indicator, EscapeHtml(MeasureLabel(lang, row.measure)), EscapeHtml(GlossaryHint(lang, m.indicator)),
      EscapeHtml(m.measure), T(lang, "report.col.period"), EscapeHtml(d.region.name), T(lang, "report.col.national"));
  html = html.substr(0, html.find("<table")) + BarsSvg(d, row, lang) + html.substr(html.find("<table"));
  for (std::size_t p : ReportPeriods(d)) {
    html += fmt::format(
        "<tr data-period=\"{0}\"><th scope=\"row\">{1}</th><td class=\"num\" data-value=\"{2}\">{3}</td><td "
        "class=\"num\">{4}</td></tr>\n",
        EscapeHtml(d.region.periods[p]), EscapeHtml(FormatPeriod(lang, d.region.periods[p])), DataValue(row.region[p]),
        CellHtml(lang, m.unit, row.region[p]), CellHtml(lang, m.unit, row.national[p]));
  }
  return html + "</tbody></table></div>\n";
}

// A2's realised places per funding line in the year's last half-year, each place once in
// the total (the overview's table, for the region).
std::string FundingLines(const RegionReportData& d, Lang lang) {
  const auto& r = d.region;
  const auto* a2 = RowOf(r, "A2", "places_realised");
  if (r.funding_lines.empty() || a2 == nullptr || r.periods.empty()) return "";
  std::string html = fmt::format(
      "<table id=\"funding-lines\"><caption>{}, {}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" "
      "class=\"num\">{}</th></tr></thead><tbody>\n",
      T(lang, "overview.housing.lines"), EscapeHtml(FormatPeriod(lang, r.periods.back())), T(lang, "overview.line"),
      T(lang, "overview.places"));
  for (const auto& l : r.funding_lines) {
    html +=
        fmt::format("<tr data-line=\"{}\"><th scope=\"row\">{}</th><td class=\"num\" data-value=\"{}\">{}</td></tr>\n",
                    EscapeHtml(l.code), EscapeHtml(l.label), DataValue(l.gross), CellHtml(lang, "places", l.gross));
  }
  return html +
         fmt::format("</tbody><tfoot><tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr></tfoot></table>\n",
                     T(lang, "overview.housing.distinct"), CellHtml(lang, "places", a2->region.back()));
}

// The region beside the regions nearest to it in inhabitants (ADR 0037), P1 also per
// 10,000 inhabitants; without population figures, what to import.
std::string SimilarRegions(const RegionReportData& d, Lang lang) {
  std::string html = fmt::format("<section id=\"vergelijkbaar\"><h2>{}</h2>\n", T(lang, "report.similar"));
  if (d.similar.empty()) {
    return html + fmt::format("<p id=\"similar-none\">{}</p></section>\n", T(lang, "report.similar.none"));
  }
  const std::string period = d.region.periods.empty() ? std::string() : d.region.periods.back();
  html += fmt::format(
      "<p>{}</p>\n<table id=\"similar\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" "
      "class=\"num\">{}</th>",
      EscapeHtml(fmt::format(fmt::runtime(T(lang, "report.similar.intro")),
                             fmt::arg("period", FormatPeriod(lang, period)),
                             fmt::arg("date", FormatDate(lang, d.population_date)))),
      T(lang, "col.region"), T(lang, "map.col.inhabitants"));
  for (std::size_t c = 0; c < d.similar_measures.size(); ++c) {
    const auto i = d.similar_measures[c];
    html += fmt::format("<th scope=\"col\" class=\"num\">{} {}</th>", HeadlineMeasures()[i].indicator,
                        EscapeHtml(MeasureLabel(lang, i)));
    if (c == 0) html += fmt::format("<th scope=\"col\" class=\"num\">{}</th>", T(lang, "map.per10k"));
  }
  html += "</tr></thead><tbody>\n";
  for (const auto& s : d.similar) {
    const bool own = s.code == d.region.code;
    html += fmt::format("<tr data-region=\"{}\"{}><th scope=\"row\">{}</th><td class=\"num\">{}</td>",
                        EscapeHtml(s.code), own ? " class=\"own\"" : "", EscapeHtml(s.name),
                        EscapeHtml(FormatCount(lang, static_cast<double>(s.inhabitants))));
    for (std::size_t c = 0; c < d.similar_measures.size() && c < s.cells.size(); ++c) {
      const auto& m = HeadlineMeasures()[d.similar_measures[c]];
      html += fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", DataValue(s.cells[c]),
                          CellHtml(lang, m.unit, s.cells[c]));
      if (c == 0) {
        const Cell rate =
            s.cells[c].state == Cell::State::kValue && s.inhabitants > 0
                ? Cell{Cell::State::kValue, s.cells[c].value * 10000.0 / static_cast<double>(s.inhabitants)}
                : s.cells[c];
        html += fmt::format("<td class=\"num\">{}</td>", CellHtml(lang, "per10k", rate));
      }
    }
    html += "</tr>\n";
  }
  return html + "</tbody></table></section>\n";
}

std::string Chapters(const RegionReportData& d, Lang lang) {
  std::string html;
  for (const auto& c : kChapters) {
    html += fmt::format("<section class=\"chapter\" id=\"{}\"><h2>{}</h2>\n", c.id, T(lang, c.title_key));
    for (auto indicator : c.indicators) {
      if (indicator.empty()) break;
      if (const auto* row = RowOf(d.region, indicator, "")) html += MeasureTable(d, *row, lang);
      if (indicator == "A2") html += FundingLines(d, lang);
    }
    html += "</section>\n";
  }
  return html;
}

// Completeness of the region's deliveries and counted beside estimated, per half-year.
std::string DataChapter(const RegionReportData& d, Lang lang) {
  std::string html = fmt::format(
      "<section class=\"chapter\" id=\"volledigheid\"><h2>{}</h2>\n<table id=\"completeness\"><thead><tr>"
      "<th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th "
      "scope=\"col\">{}</th></tr></thead><tbody>\n",
      T(lang, "report.chapter.data"), T(lang, "report.col.period"), T(lang, "region.completeness.status"),
      T(lang, "region.completeness.delivered"), T(lang, "region.completeness.missing"));
  const auto periods = ReportPeriods(d);
  for (std::size_t p : periods) {
    for (const auto& c : d.region.completeness) {
      if (c.period != d.region.periods[p]) continue;
      std::string missing;
      for (const auto& m : c.missing) missing += (missing.empty() ? "" : ", ") + m;
      html += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{} / {}</td><td>{}</td></tr>\n",
                          EscapeHtml(FormatPeriod(lang, c.period)), T(lang, "status." + c.status), c.delivered,
                          c.expected, EscapeHtml(missing));
    }
  }
  html += "</tbody></table>\n";
  html += fmt::format(
      "<h3>{}</h3>\n<p>{}</p>\n<table id=\"hidden\"><thead><tr><th scope=\"col\">{}</th><th "
      "scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
      T(lang, "region.hidden"), T(lang, "overview.hidden.intro"), T(lang, "report.col.period"),
      T(lang, "overview.hidden.counted"), T(lang, "overview.hidden.estimated"));
  for (std::size_t p : periods) {
    const auto& h = d.region.hidden[p];
    const std::string counted =
        h.counted ? EscapeHtml(FormatCount(lang, static_cast<double>(*h.counted))) : MarkHtml(lang, Mark::kSuppressed);
    html += fmt::format("<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td></tr>\n",
                        EscapeHtml(FormatPeriod(lang, d.region.periods[p])), counted, HiddenEstimateHtml(h, lang));
  }
  return html + "</tbody></table></section>\n";
}

}  // namespace

ReportDocument RenderRegionReport(const RegionReportData& d, Lang lang) {
  const RegionPageData& r = d.region;
  const std::string year = std::to_string(d.year);
  std::string members;
  for (const auto& m : r.members) members += (members.empty() ? "" : ", ") + m;
  const ReportFrame frame{
      .title = fmt::format(fmt::runtime(T(lang, "report.title")), fmt::arg("region", r.name), fmt::arg("year", year)),
      .subtitle = fmt::format(fmt::runtime(T(lang, "report.subtitle")), fmt::arg("region", r.name),
                              fmt::arg("code", r.code), fmt::arg("members", members), fmt::arg("year", year)),
      .footer = fmt::format("onderdak · {} · {}", r.name, year),
      .scope = r.code,
      .period = year,
      .definition = &r.definition,
      .command = fmt::format("onderdak report --region {} --year {} --definition {}{}", r.code, year,
                             r.definition.active, lang == Lang::kEn ? " --lang en" : ""),
      .approximate = r.approximate,
      .provenance = d.provenance};
  std::string html = ReportStart(frame, lang);
  if (ReportPeriods(d).empty()) {
    html += fmt::format("<p id=\"no-data\">{}</p>\n", T(lang, "report.nodata"));
    return {.title = frame.title, .html = ReportEnd(std::move(html))};
  }
  html += KeyFigures(d, lang);
  html += SimilarRegions(d, lang);
  html += fmt::format("<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">{}</h2><ol>\n",
                      T(lang, "report.toc"));
  for (const auto& c : kChapters) html += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", c.id, T(lang, c.title_key));
  html += fmt::format(
      "<li><a href=\"#volledigheid\">{}</a></li>\n<li><a href=\"#definities\">{}</a></li>\n<li><a "
      "href=\"#bronnen\">{}</a></li>\n</ol></nav>\n",
      T(lang, "report.chapter.data"), T(lang, "report.appendix.definitions"), T(lang, "report.appendix.sources"));
  html += Chapters(d, lang);
  html += DataChapter(d, lang);
  html += ReportAppendices(frame, lang);
  return {.title = frame.title, .html = ReportEnd(std::move(html))};
}

}  // namespace onderdak::web

namespace onderdak::web {
namespace {

// Every region's key figures in one table, the nation last (no links: it is a document).
std::string RegionsTable(const CompareData& d, Lang lang) {
  std::string html = fmt::format("<table id=\"regions\"><thead><tr><th scope=\"col\">{}</th>", T(lang, "col.region"));
  for (auto i : d.measures) {
    html += fmt::format("<th scope=\"col\" class=\"num\" data-measure=\"{}\">{} {}</th>",
                        EscapeHtml(MeasureKey(HeadlineMeasures()[i])), HeadlineMeasures()[i].indicator,
                        EscapeHtml(MeasureLabel(lang, i)));
  }
  html += "</tr></thead><tbody>\n";
  auto row = [&](const std::string& code, const std::string& name, const std::vector<Cell>& cells) {
    html += fmt::format("<tr data-region=\"{}\"><th scope=\"row\">{}</th>", EscapeHtml(code), EscapeHtml(name));
    for (std::size_t c = 0; c < d.measures.size(); ++c) {
      html += fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", DataValue(cells[c]),
                          CellHtml(lang, HeadlineMeasures()[d.measures[c]].unit, cells[c]));
    }
    html += "</tr>\n";
  };
  for (const auto& r : d.regions) row(r.code, r.name, r.cells);
  row("NL", std::string(T(lang, "map.national")), d.national);
  return html + "</tbody></table>\n";
}

}  // namespace

ReportDocument RenderNationalReport(const NationalReportData& d, Lang lang) {
  const OverviewData& o = d.overview;
  const std::string period = FormatPeriod(lang, o.period);
  const ReportFrame frame{
      .title = fmt::format(fmt::runtime(T(lang, "report.national.title")), fmt::arg("period", period)),
      .subtitle = fmt::format(fmt::runtime(T(lang, "report.national.subtitle")), fmt::arg("period", period)),
      .footer = fmt::format("onderdak · {} · {}", T(lang, "map.national"), period),
      .scope = "NL",
      .period = o.period,
      .definition = &o.definition,
      .command = fmt::format("onderdak report --national --period {} --definition {}{}", o.period, o.definition.active,
                             lang == Lang::kEn ? " --lang en" : ""),
      .kind_key = "report.national.kind",
      .provenance = d.provenance};
  std::string html = ReportStart(frame, lang);
  html += fmt::format(
      "<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">{}</h2><ol>\n"
      "<li><a href=\"#beeld\">{}</a></li>\n<li><a href=\"#kaart\">{}</a></li>\n"
      "<li><a href=\"#regios\">{}</a></li>\n<li><a href=\"#definities\">{}</a></li>\n"
      "<li><a href=\"#bronnen\">{}</a></li>\n</ol></nav>\n",
      T(lang, "report.toc"), T(lang, "report.national.picture"), T(lang, "report.national.map"),
      T(lang, "report.national.regions"), T(lang, "report.appendix.definitions"), T(lang, "report.appendix.sources"));
  html += fmt::format("<section id=\"beeld\"><h2>{}</h2>\n", T(lang, "report.national.picture"));
  html += OverviewBody(o, lang);
  html += "</section>\n";
  if (d.map) {
    html +=
        fmt::format("<section class=\"chapter\" id=\"kaart\"><h2>{}</h2>\n<h3 id=\"map-caption\">{}, {}</h3>\n",
                    T(lang, "report.national.map"), EscapeHtml(MeasureLabel(lang, d.map->measure)), EscapeHtml(period));
    html += RenderMapFigure(*d.map, lang) + "</section>\n";
  }
  if (d.regions) {
    html += fmt::format(
        "<section class=\"chapter\" id=\"regios\"><h2>{}</h2>\n<p>{}</p>\n", T(lang, "report.national.regions"),
        EscapeHtml(fmt::format(fmt::runtime(T(lang, "report.national.regions.intro")), fmt::arg("period", period))));
    html += RegionsTable(*d.regions, lang) + "</section>\n";
  }
  html += ReportAppendices(frame, lang);
  return {.title = frame.title, .html = ReportEnd(std::move(html))};
}

}  // namespace onderdak::web
