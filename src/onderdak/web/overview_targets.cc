// The overview's targets section and reference series section (ADR 0024): each target
// with its deadline and status, each external estimate with its source and definition.
#include <fmt/format.h>

#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

std::string Value(Lang lang, const std::string& unit, double v) {
  return unit == "share" ? FormatPercent(lang, v) : FormatCount(lang, v);
}

std::string Current(Lang lang, const TargetView& t) {
  if (!t.current.value) return MarkHtml(lang, t.current.mark == Mark::kNone ? Mark::kNotApplicable : t.current.mark);
  return fmt::format("{} <small>({} {})</small>", EscapeHtml(Value(lang, t.unit, *t.current.value)),
                     T(lang, "targets.on"), EscapeHtml(FormatDate(lang, t.figure_date)));
}

}  // namespace

std::string TargetsSection(const std::vector<TargetView>& targets, Lang lang) {
  if (targets.empty()) return {};
  std::string html = fmt::format(
      "<section aria-labelledby=\"targets-title\"><h3 id=\"targets-title\">{}</h3>\n<p><small>{}</small></p>\n"
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"targets\"><thead><tr><th scope=\"col\">{}</th><th "
      "scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th>"
      "<th scope=\"col\">{}</th></tr></thead><tbody>\n",
      T(lang, "targets.title"), T(lang, "targets.intro"), T(lang, "targets.col.target"), T(lang, "targets.col.value"),
      T(lang, "targets.col.deadline"), T(lang, "targets.col.current"), T(lang, "targets.col.status"),
      T(lang, "targets.col.source"));
  for (const auto& t : targets) {
    const std::string status = t.status.empty() ? "none" : t.status;
    html += fmt::format(
        "<tr data-target=\"{}\"><th scope=\"row\">{}</th><td class=\"num\">{} {}</td><td>{}</td>"
        "<td class=\"num\">{}</td><td class=\"target-status\" data-status=\"{}\">{}</td><td><small>{}</small></td>"
        "</tr>\n",
        EscapeHtml(t.id), EscapeHtml(t.label),
        T(lang, t.comparison == "at_most" ? "targets.at_most" : "targets.at_least"),
        EscapeHtml(Value(lang, t.unit, t.value)), EscapeHtml(FormatDate(lang, t.deadline)), Current(lang, t),
        EscapeHtml(status), T(lang, "target.status." + status), EscapeHtml(t.source));
  }
  html += "</tbody></table></div></section>\n";
  return html;
}

std::string FormatSeriesValue(Lang lang, const ReferencePoint& p) {
  std::string value = FormatCount(lang, p.value);
  if (p.low && p.high) value += fmt::format(" ({}-{})", FormatCount(lang, *p.low), FormatCount(lang, *p.high));
  return value;
}

std::string ReferenceSeriesSection(const OverviewData& d, Lang lang) {
  if (d.reference_series.empty()) return {};
  std::string html = fmt::format(
      "<section aria-labelledby=\"series-title\"><h3 id=\"series-title\">{}</h3>\n<p><small>{}</small></p>\n"
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"reference-series\"><thead><tr><th scope=\"col\">{}</th><th "
      "scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\">{}</th></tr></thead><tbody>\n",
      T(lang, "series.title"), T(lang, "series.intro"), T(lang, "series.col.date"), T(lang, "series.col.value"),
      T(lang, "series.col.source"));
  for (const auto& p : d.reference_series) {
    const std::string value = FormatSeriesValue(lang, p);
    html += fmt::format(
        "<tr data-source=\"{0}\" data-series=\"{1}\"><th scope=\"row\">{2}</th><td class=\"num\">{3}</td>"
        "<td><small>{0}: {4}{5}</small></td></tr>\n",
        EscapeHtml(p.source), EscapeHtml(p.series), EscapeHtml(p.date.empty() ? p.period : FormatDate(lang, p.date)),
        EscapeHtml(value), EscapeHtml(p.definition), p.note.empty() ? std::string() : " (" + EscapeHtml(p.note) + ")");
  }
  html += "</tbody></table></div>\n";
  // Our own count under the `cbs` definition on the estimate's date (1 January), beside
  // the CBS estimate (OverviewData::own_count_cbs_definition).
  html += fmt::format(
      "<p id=\"own-count-cbs\">{}{}: {}</p>\n", T(lang, "series.own_cbs"),
      d.own_count_cbs_definition_date.empty()
          ? std::string()
          : fmt::format(" ({} {})", T(lang, "targets.on"),
                        EscapeHtml(FormatDate(lang, d.own_count_cbs_definition_date))),
      d.own_count_cbs_definition.value
          ? EscapeHtml(FormatCount(lang, *d.own_count_cbs_definition.value))
          : MarkHtml(lang, d.own_count_cbs_definition.mark == Mark::kNone ? Mark::kNotApplicable
                                                                          : d.own_count_cbs_definition.mark));
  html += "</section>\n";
  return html;
}

}  // namespace onderdak::web
