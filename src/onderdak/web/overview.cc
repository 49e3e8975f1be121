#include "onderdak/web/overview.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "onderdak/web/glossary_page.h"
#include "onderdak/web/html.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

// The number, or the mark that says why there is none.
std::string Count(Lang lang, const Published& p) {
  return p.value ? EscapeHtml(FormatCount(lang, *p.value))
                 : MarkHtml(lang, p.mark == Mark::kNone ? Mark::kSuppressed : p.mark);
}

std::string Percent(Lang lang, const Published& p) {
  return p.value ? EscapeHtml(FormatPercent(lang, *p.value))
                 : MarkHtml(lang, p.mark == Mark::kNone ? Mark::kSuppressed : p.mark);
}

// "30 van 43" from a share's numerator and denominator, or the value over a total.
std::string OutOf(Lang lang, const Published& p, std::optional<std::int64_t> total = std::nullopt) {
  if (!p.value) return Count(lang, p);
  const double n = p.numerator ? static_cast<double>(*p.numerator) : *p.value;
  const auto of = total ? total : p.denominator;
  if (!of) return EscapeHtml(FormatCount(lang, n));
  return EscapeHtml(fmt::format("{} {} {}", FormatCount(lang, n), T(lang, "overview.of"),
                                FormatCount(lang, static_cast<double>(*of))));
}

// Region names of `codes`, comma-separated (the code where the name is unknown).
std::string RegionList(const OverviewData& d, const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    auto it = d.region_names.find(c);
    out += (out.empty() ? "" : ", ") + (it == d.region_names.end() ? c : it->second);
  }
  return out;
}

// "35 van 43 regio's" and, when some are missing, which.
std::string CoverageText(Lang lang, const OverviewData& d, const Coverage& c) {
  std::string text =
      fmt::format("{} {} {} {}", c.delivered, T(lang, "overview.of"), c.expected, T(lang, "overview.regions"));
  if (!c.missing.empty()) text += fmt::format(" ({}: {})", T(lang, "overview.missing"), RegionList(d, c.missing));
  return text;
}

// A key figure; `value_html` and `note_html` are HTML (numbers escaped, marks as <abbr>).
std::string Card(std::string_view id, std::string_view value_html, std::string_view label,
                 std::string_view note_html = "") {
  return fmt::format("<div class=\"figure\" id=\"{0}\"><span class=\"value\">{1}</span>{2}{3}</div>\n", id, value_html,
                     EscapeHtml(label),
                     note_html.empty() ? std::string() : fmt::format("<br><small>{}</small>", note_html));
}

// The comparable national series as a bar chart in inline SVG (no script, no external
// asset): one bar per half-year of the series, over the same regions; a half-year
// outside the series has no bar but its mark ("o.g."), never a bar of 0. The table below
// carries the same numbers for screen readers and for copying.
std::string BarChart(const OverviewData& d, Lang lang) {
  double max = 0;
  for (const auto& p : d.homeless) max = std::max(max, p.comparable_on_date.value.value_or(0));
  if (max <= 0) return "";
  const int bar = 36, gap = 12, height = 160;
  const int width = static_cast<int>(d.homeless.size()) * (bar + gap) + gap;
  std::string svg = fmt::format(
      "<figure><svg role=\"img\" aria-labelledby=\"chart-title\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\">"
      "<title id=\"chart-title\">{2}</title>\n",
      width, height + 40, EscapeHtml(T(lang, "overview.chart")));
  int x = gap;
  for (const auto& p : d.homeless) {
    if (p.comparable_on_date.value) {
      const int h = static_cast<int>(std::lround(*p.comparable_on_date.value / max * height));
      svg += fmt::format(
          "<rect class=\"bar\" x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\" data-period=\"{4}\"><title>{4}: "
          "{5}</title></rect>\n",
          x, height - h, bar, h, EscapeHtml(p.period), EscapeHtml(FormatCount(lang, *p.comparable_on_date.value)));
    } else {
      const Mark m = p.in_series
                         ? (p.comparable_on_date.mark == Mark::kNone ? Mark::kSuppressed : p.comparable_on_date.mark)
                         : Mark::kInsufficient;
      svg += fmt::format(
          "<text class=\"no-bar\" x=\"{0}\" y=\"{1}\" font-size=\"10\" text-anchor=\"middle\" data-period=\"{2}\">"
          "{3}<title>{2}: {4}</title></text>\n",
          x + bar / 2, height - 4, EscapeHtml(p.period), EscapeHtml(MarkSign(lang, m)),
          EscapeHtml(MarkMeaning(lang, m)));
    }
    svg += fmt::format("<text x=\"{0}\" y=\"{1}\" font-size=\"10\" text-anchor=\"middle\">{2}</text>\n", x + bar / 2,
                       height + 14, EscapeHtml(p.period));
    x += bar + gap;
  }
  svg += fmt::format("</svg><figcaption>{}</figcaption></figure>\n", EscapeHtml(T(lang, "overview.chart")));
  return svg;
}

// P1 over time: the comparable series (the same regions in every half-year of it) beside
// every delivering region's count, which is labelled as not comparable.
std::string HomelessSection(const OverviewData& d, Lang lang) {
  // The heading names the definition the counts follow (the page's choice), linked to its
  // explanation in the glossary.
  std::string html = fmt::format(
      "<section aria-labelledby=\"homeless-title\"><h3 id=\"homeless-title\">{} ({} {})</h3>\n",
      T(lang, "overview.homeless"), T(lang, "overview.homeless.definition"),
      GlossaryLink(lang, "definitie-" + d.definition.active, "def." + d.definition.active, d.definition.active));
  if (d.comparable_regions.empty()) {
    html += fmt::format("<p id=\"comparable-none\">{}</p>\n", T(lang, "overview.comparable.none"));
  } else {
    html += fmt::format("<p id=\"comparable-regions\">{} {} {} {}.", T(lang, "overview.comparable.intro"),
                        d.comparable_regions.size(), T(lang, "overview.of"), d.regions_total);
    if (!d.comparable_left_out.empty()) {
      html += fmt::format(" {}: {}.", T(lang, "overview.comparable.left_out"),
                          EscapeHtml(RegionList(d, d.comparable_left_out)));
    }
    html += fmt::format(" {}</p>\n", T(lang, "overview.comparable.all"));
  }
  html += BarChart(d, lang);
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"homeless\"><thead><tr><th scope=\"col\" "
      "rowspan=\"2\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th>"
      "<th scope=\"col\" rowspan=\"2\" class=\"num\">{}</th>"
      "<th scope=\"colgroup\" colspan=\"2\">{}</th><th scope=\"colgroup\" colspan=\"2\">{}</th></tr>\n"
      "<tr><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n",
      T(lang, "overview.period"), T(lang, "overview.reference_date"), T(lang, "overview.regions_delivered"),
      T(lang, "overview.comparable"), T(lang, "overview.not_comparable"), T(lang, "overview.on_date"),
      T(lang, "overview.in_period"), T(lang, "overview.on_date"), T(lang, "overview.in_period"));
  for (const auto& p : d.homeless) {
    auto comparable = [&](const Published& v) {
      return p.in_series ? Count(lang, v) : MarkHtml(lang, Mark::kInsufficient);
    };
    html += fmt::format(
        "<tr data-period=\"{0}\" data-in-series=\"{7}\"><th scope=\"row\">{11}</th><td><time "
        "datetime=\"{1}\">{12}</time>"
        "</td><td class=\"num\" title=\"{8}\">{2} {9} {3}</td><td class=\"num comparable\">{4}</td>"
        "<td class=\"num comparable\">{5}</td><td class=\"num all-regions\">{6}</td><td class=\"num all-regions\">{10}"
        "</td></tr>\n",
        EscapeHtml(p.period), EscapeHtml(p.reference_date), p.coverage.delivered, p.coverage.expected,
        comparable(p.comparable_on_date), comparable(p.comparable_in_period), Count(lang, p.on_date),
        p.in_series ? "true" : "false", EscapeHtml(CoverageText(lang, d, p.coverage)), T(lang, "overview.of"),
        Count(lang, p.in_period), EscapeHtml(FormatPeriod(lang, p.period)),
        EscapeHtml(FormatDate(lang, p.reference_date)));
  }
  html += "</tbody></table></div></section>\n";
  return html;
}

// Counted beside estimated, as a table: the count on the reference date with the regions
// it covers; the estimate covers only the regions summed, so its row says so.
std::string HiddenSection(const OverviewData& d, Lang lang) {
  const auto& h = d.hidden;
  std::string html = fmt::format(
      "<section id=\"hidden\" aria-labelledby=\"hidden-title\"><h3 id=\"hidden-title\">{} <time "
      "datetime=\"{}\">{}</time></h3>\n"
      "<p>{}</p>\n",
      T(lang, "overview.hidden"), EscapeHtml(h.reference_date), EscapeHtml(h.reference_date),
      T(lang, "overview.hidden.intro"));
  html += fmt::format("<p id=\"hidden-definition\">{}</p>\n", T(lang, "overview.hidden.definition"));
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"hidden-table\"><thead><tr><th scope=\"col\">{}</th><th "
      "scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n"
      "<tr><th scope=\"row\">{} ({} {} {} {})</th><td class=\"num\" id=\"hidden-counted\">{}</td>"
      "<td class=\"num\">{}</td></tr>\n",
      T(lang, "overview.hidden.what"), T(lang, "overview.hidden.counted"), T(lang, "overview.hidden.estimated"),
      T(lang, "overview.hidden.counted_on_date"), d.coverage.delivered, T(lang, "overview.of"), d.coverage.expected,
      T(lang, "overview.regions"), Count(lang, h.counted), T(lang, "overview.hidden.not_estimated"));
  if (h.national_n_hat) {
    html += fmt::format(
        "<tr id=\"hidden-national\"><th scope=\"row\">{} ({} {}, {} {})</th><td class=\"num\">{}</td>"
        "<td class=\"num\" id=\"hidden-national-estimated\"><strong>{}</strong> ({} {} – {})</td></tr>\n",
        T(lang, "overview.hidden.national"), h.regions_direct, T(lang, "overview.hidden.direct"), h.regions_via_ratio,
        T(lang, "overview.hidden.via_ratio"), FormatCount(lang, static_cast<double>(h.national_counted)),
        FormatCount(lang, static_cast<double>(*h.national_n_hat)), T(lang, "overview.hidden.interval"),
        FormatCount(lang, static_cast<double>(*h.national_lower)),
        FormatCount(lang, static_cast<double>(*h.national_upper)));
  }
  if (h.n_hat) {
    html += fmt::format(
        "<tr><th scope=\"row\">{} ({} {} {})</th><td class=\"num\">{}</td>"
        "<td class=\"num\" id=\"hidden-estimated\"><strong>{}</strong> ({} {} – {})</td></tr>\n",
        T(lang, "overview.hidden.summed_regions"), h.regions_summed, T(lang, "overview.of"), d.regions_total,
        FormatCount(lang, static_cast<double>(h.counted_in_summed)), FormatCount(lang, static_cast<double>(*h.n_hat)),
        T(lang, "overview.hidden.interval"), FormatCount(lang, static_cast<double>(*h.lower)),
        FormatCount(lang, static_cast<double>(*h.upper)));
  }
  html += "</tbody></table></div>\n";
  if (h.national_n_hat && !h.not_estimated.empty()) {
    html += fmt::format("<p id=\"hidden-not-estimated\">{}: {}.</p>\n",
                        T(lang, "overview.hidden.not_estimated_regions"), EscapeHtml(RegionList(d, h.not_estimated)));
  }
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
  html += fmt::format("<p>{}</p>\n<p><a href=\"/api/v1/estimates\">{}</a></p>\n", T(lang, "method.more"),
                      T(lang, "method.api"));
  html += PageEnd(lang);
  return html;
}

std::string FormatCount(Lang lang, double value) {
  const bool whole = std::fabs(value - std::round(value)) < 1e-9;
  return FormatFixed(lang, value, whole ? 0 : 1);
}

// `v` with `decimals` decimals and the language's separators ("1.234,5" / "1,234.5").
std::string FormatFixed(Lang lang, double v, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(v), decimals);
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
  // "-0,5" keeps its sign; a value that rounds to zero shows none.
  auto nonzero = [](const std::string& t) {
    return std::any_of(t.begin(), t.end(), [](char c) { return c >= '1' && c <= '9'; });
  };
  const bool negative = v < 0 && (nonzero(digits) || nonzero(fraction));
  return (negative ? "-" : "") + out + fraction;
}

std::string FormatPercent(Lang lang, double share) {
  std::string s = fmt::format("{:.1f}", share * 100);
  if (lang == Lang::kNl) {
    std::replace(s.begin(), s.end(), '.', ',');
    return s + " %";
  }
  return s + "%";
}

std::string FormatDate(Lang lang, std::string_view iso) {
  static constexpr std::array<std::string_view, 12> kNl = {"januari",   "februari", "maart",    "april",
                                                           "mei",       "juni",     "juli",     "augustus",
                                                           "september", "oktober",  "november", "december"};
  static constexpr std::array<std::string_view, 12> kEn = {"January",   "February", "March",    "April",
                                                           "May",       "June",     "July",     "August",
                                                           "September", "October",  "November", "December"};
  const auto date = core::Date::Parse(std::string(iso));
  if (iso.size() != 10 || !date.ok()) return std::string(iso);
  const auto month = static_cast<std::size_t>(date->month() - 1);
  return fmt::format("{} {} {}", date->day(), lang == Lang::kNl ? kNl[month] : kEn[month], date->year());
}

std::string FormatPeriod(Lang lang, std::string_view period) {
  const auto p = core::Period::Parse(period);
  if (!p.ok()) return std::string(period);
  if (p->half() == 0) return std::to_string(p->year());
  if (lang == Lang::kNl) return fmt::format("{}e halfjaar {}", p->half(), p->year());
  return fmt::format("{} half of {}", p->half() == 1 ? "1st" : "2nd", p->year());
}

std::string SourceLine(Lang lang, std::string_view period) {
  const auto p = core::Period::Parse(period);
  if (!p.ok()) return {};
  return fmt::format("<p id=\"source\"><small>{}</small></p>\n",
                     EscapeHtml(fmt::format(fmt::runtime(T(lang, "source.line")), FormatPeriod(lang, period),
                                            FormatDate(lang, p->first().ToString()))));
}

// The national picture of the half-year without the page's forms and downloads: coverage,
// housing places against the target, the key figures, the targets, the homeless persons
// with the comparable series, others' series and counted beside estimated. Also the
// national report's (report_page.h).
std::string OverviewBody(const OverviewData& d, Lang lang) {
  std::string html;
  // Which regions the national figures of this period cover; below the threshold no
  // national figure is a number.
  if (d.coverage.sufficient) {
    html += fmt::format("<p id=\"coverage\">{}: {}.</p>\n", T(lang, "overview.coverage"),
                        EscapeHtml(CoverageText(lang, d, d.coverage)));
  } else {
    html += Alert(
        "warning", "role=\"status\" id=\"coverage-insufficient\"",
        fmt::format("<p><strong>{}</strong> {} {} {} {} {}. {} {}.</p>", T(lang, "overview.insufficient"),
                    d.coverage.delivered, T(lang, "overview.of"), d.coverage.expected, T(lang, "overview.regions"),
                    T(lang, "overview.insufficient.delivered"), T(lang, "overview.insufficient.need"), d.min_regions));
  }
  html += SourceLine(lang, d.period);

  // Extra housing places against the national target in force (stored data, ADR 0024): a
  // progress bar with its number, never a percentage without the target's deadline.
  const double realised = d.places_realised.value.value_or(0);
  html += fmt::format("<section aria-labelledby=\"housing-title\"><h3 id=\"housing-title\">{}</h3>\n",
                      T(lang, "overview.housing"));
  if (d.places_target && *d.places_target > 0) {
    const auto target = static_cast<double>(*d.places_target);
    html += fmt::format(
        "<p id=\"housing-progress-text\"><strong>{}</strong> {} {} {} {} ({}){}</p>\n", Count(lang, d.places_realised),
        T(lang, "overview.housing.of"), EscapeHtml(FormatCount(lang, target)), T(lang, "overview.target.by"),
        EscapeHtml(FormatDate(lang, d.places_target_deadline)),
        d.places_realised.value ? EscapeHtml(FormatPercent(lang, realised / target)) : Count(lang, d.places_realised),
        d.places_target_status.empty()
            ? std::string()
            : fmt::format(" <span class=\"target-status\" id=\"housing-target-status\" data-status=\"{}\">{}</span>",
                          EscapeHtml(d.places_target_status), T(lang, "target.status." + d.places_target_status)));
    if (d.places_realised.value) {
      html += fmt::format(
          "<progress id=\"housing-progress\" max=\"{}\" value=\"{}\" aria-labelledby=\"housing-progress-text\">"
          "</progress>\n",
          *d.places_target, std::min(realised, target));
    }
  } else {
    html += fmt::format("<p id=\"housing-progress-text\"><strong>{}</strong> ({})</p>\n",
                        Count(lang, d.places_realised), T(lang, "overview.target.none"));
  }
  // Which values the national sum carries from an earlier period, each with that period.
  std::string carried;
  for (const auto& c : d.places_coverage.carried) {
    auto it = d.region_names.find(c.region);
    carried += fmt::format("{}<span data-region=\"{}\">{} ({})</span>", carried.empty() ? "" : ", ",
                           EscapeHtml(c.region), EscapeHtml(it == d.region_names.end() ? c.region : it->second),
                           EscapeHtml(FormatPeriod(lang, c.period)));
  }
  html += fmt::format(
      "<p id=\"housing-coverage\"><small>{} {} {} {}.{}{} {}</small></p>\n", d.places_coverage.delivered,
      T(lang, "overview.of"), d.places_coverage.expected, T(lang, "overview.housing.delivered"),
      carried.empty() ? "" : fmt::format(" {} ", T(lang, "overview.housing.carried")),
      carried.empty() ? "" : fmt::format("<span id=\"housing-carried\">{}</span>.", carried),
      d.places_coverage.missing.size() > d.places_coverage.carried.size() ? T(lang, "overview.housing.none_carried")
                                                                          : std::string_view());
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"funding-lines\"><caption>{}</caption><thead><tr><th "
      "scope=\"col\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>\n",
      T(lang, "overview.housing.lines"), T(lang, "overview.line"), T(lang, "overview.places"));
  for (const auto& l : d.funding_lines) {
    html += fmt::format("<tr data-line=\"{}\"><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>\n",
                        EscapeHtml(l.code), EscapeHtml(l.label), Count(lang, l.gross));
  }
  html += fmt::format(
      "</tbody><tfoot><tr><th scope=\"row\">{}</th><td class=\"num\" id=\"housing-distinct\">{}</td></tr></tfoot>"
      "</table></div></section>\n",
      T(lang, "overview.housing.distinct"), Count(lang, d.places_realised));

  // Key figures.
  html += "<div class=\"figures\">\n";
  html += Card("stays-over-90", Percent(lang, d.stays_over_90_share), T(lang, "overview.long_stays"),
               fmt::format("{} {}", OutOf(lang, d.stays_over_90_share), T(lang, "overview.long_stays.note")));
  html += Card("single-rooms", Percent(lang, d.single_room_share), T(lang, "overview.single_rooms"),
               OutOf(lang, d.single_room_share));
  // Plans: adopted, not adopted and unknown (a region that did not report its plan).
  {
    const auto adopted = d.plans_adopted.value ? static_cast<std::int64_t>(*d.plans_adopted.value) : 0;
    const auto unknown = d.regions_total - d.plans_reported;
    html += Card("plans-adopted",
                 d.plans_adopted.value ? OutOf(lang, d.plans_adopted, d.regions_total) : Count(lang, d.plans_adopted),
                 T(lang, "overview.plans"),
                 EscapeHtml(fmt::format("{} {}, {} {}, {} {}", adopted, T(lang, "overview.plans.adopted"),
                                        d.plans_reported - adopted, T(lang, "overview.plans.not_adopted"), unknown,
                                        T(lang, "overview.plans.unknown"))));
  }
  // Prevention policy per gemeente (A8): of the gemeenten reported on; the rest of the
  // delivering regions' gemeenten are "niet gemeld", and regions without a file are counted.
  html += Card("prevention-policy", Percent(lang, d.prevention_adopted_share), T(lang, "overview.prevention"),
               fmt::format("{} {}; {} {}; {} {} {} {}", OutOf(lang, d.prevention_adopted_share),
                           T(lang, "overview.prevention.reported"), Count(lang, d.prevention_not_reported),
                           T(lang, "overview.prevention.not_reported"), d.prevention_regions, T(lang, "overview.of"),
                           d.regions_total, T(lang, "overview.prevention.regions")));
  html += Card("regions-delivered", OutOf(lang, d.regions_delivered, d.regions_total), T(lang, "overview.delivered"));
  html += "</div>\n";

  html += TargetsSection(d.targets, lang);
  html += HomelessSection(d, lang);
  html += ReferenceSeriesSection(d, lang);
  html += HiddenSection(d, lang);
  return html;
}

std::string RenderOverviewPage(const OverviewData& d, Lang lang) {
  const std::string title = fmt::format("{} {}", T(lang, "overview.title"), FormatPeriod(lang, d.period));
  const std::string definition_query = d.definition.Query();
  std::string html =
      PageStart(lang, title, "period=" + d.period + (definition_query.empty() ? "" : "&" + definition_query));
  html += fmt::format("<h2 id=\"overview-title\">{}</h2>\n<p>{}</p>\n", EscapeHtml(title), T(lang, "overview.public"));
  // Who counts as homeless: stated, and another preset chosen with a plain GET form.
  html +=
      DefinitionHtml(lang, d.definition, "/overzicht", {{"lang", std::string(LangCode(lang))}, {"period", d.period}});

  // The period selector: a plain GET form, works without script; keeps the definition.
  html += fmt::format(
      "<form method=\"get\" action=\"/overzicht\"><input type=\"hidden\" name=\"lang\" value=\"{}\">{}"
      "<label for=\"period\">{}</label> <select id=\"period\" name=\"period\">",
      LangCode(lang),
      d.definition.is_default
          ? std::string()
          : fmt::format("<input type=\"hidden\" name=\"definition\" value=\"{}\">", EscapeHtml(d.definition.active)),
      T(lang, "overview.period"));
  for (const auto& p : d.periods) {
    html += fmt::format("<option value=\"{0}\"{1}>{2}</option>", EscapeHtml(p), p == d.period ? " selected" : "",
                        EscapeHtml(FormatPeriod(lang, p)));
  }
  html += fmt::format("</select> <button type=\"submit\">{}</button></form>\n", T(lang, "overview.show"));

  html += OverviewBody(d, lang);
  const std::string download_query =
      EscapeHtml(d.period) + (definition_query.empty() ? "" : "&amp;" + EscapeHtml(definition_query));
  html += fmt::format(
      "<p>{0}: <a id=\"download-csv-nl\" href=\"/api/v1/indicators?period={1}&amp;format=csv-nl\">{2}</a> · "
      "<a id=\"download-csv\" href=\"/api/v1/indicators?period={1}&amp;format=csv\">{3}</a></p>\n",
      T(lang, "overview.download"), download_query, T(lang, "download.csv_nl"), T(lang, "download.csv"));
  // The half-year report (ADR 0038) of this period, to print or save as PDF.
  html += fmt::format(
      "<p id=\"national-report\"><a href=\"/rapport?periode={}&amp;lang={}\">{}</a> <small>({})</small></p>\n",
      download_query, LangCode(lang), T(lang, "overview.report"), T(lang, "region.reports.note"));
  html += MarksLegend(lang);
  html += PageEnd(lang);
  return html;
}

std::string RenderNoDataOverviewPage(Lang lang) {
  return PageStart(lang, T(lang, "overview.title")) + fmt::format("<p>{}</p>\n", T(lang, "overview.none")) +
         PageEnd(lang);
}

}  // namespace onderdak::web
