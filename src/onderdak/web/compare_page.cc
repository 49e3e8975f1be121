// The comparison table (/vergelijk): every region against the chosen headline measures
// for one half-year. compare.js sorts it by any column (buttons in the headers, aria-sort).
#include <fmt/format.h>

#include <algorithm>

#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {

std::string RenderComparePage(const CompareData& d, Lang lang) {
  std::string keep = "period=" + d.period;
  for (auto i : d.measures) keep += "&measure=" + MeasureKey(HeadlineMeasures()[i]);
  std::vector<std::pair<std::string, std::string>> hidden = {{"lang", std::string(LangCode(lang))},
                                                             {"period", d.period}};
  for (auto i : d.measures) hidden.emplace_back("measure", MeasureKey(HeadlineMeasures()[i]));
  if (!d.definition.is_default) keep += "&" + d.definition.Query();
  std::string html = PageStart(lang, T(lang, "compare.title"), keep);
  html += fmt::format("<h2 id=\"compare-title\">{} {}</h2>\n<p>{}</p>\n", T(lang, "compare.title"),
                      EscapeHtml(FormatPeriod(lang, d.period)), T(lang, "overview.public"));
  html += DefinitionHtml(lang, d.definition, "/vergelijk", hidden);

  html += fmt::format(
      "<form id=\"compare-form\" method=\"get\" action=\"/vergelijk\"><input type=\"hidden\" name=\"lang\" "
      "value=\"{}\">{}{}<fieldset class=\"measures\"><legend>{}</legend>\n",
      LangCode(lang), DefinitionHiddenInput(d.definition), PeriodSelect(lang, d.periods, d.period),
      T(lang, "compare.measures"));
  for (std::size_t i = 0; i < HeadlineMeasures().size(); ++i) {
    const auto& m = HeadlineMeasures()[i];
    const bool on = std::find(d.measures.begin(), d.measures.end(), i) != d.measures.end();
    html +=
        fmt::format("<label><input type=\"checkbox\" name=\"measure\" value=\"{0}\"{1}> {2}: {3}</label>\n",
                    EscapeHtml(MeasureKey(m)), on ? " checked" : "", m.indicator, EscapeHtml(MeasureLabel(lang, i)));
  }
  html += fmt::format("</fieldset><button type=\"submit\">{}</button></form>\n", T(lang, "overview.show"));

  // Column 0 is the region; the sort buttons say what they do and aria-sort says the state.
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"compare\" data-sorted=\"0\"><caption>{0} {1}<span "
      "class=\"visually-hidden\">"
      ", {2}</span></caption><thead><tr><th scope=\"col\" aria-sort=\"ascending\"><button type=\"button\" "
      "data-column=\"0\" data-type=\"text\">{3}</button></th>",
      T(lang, "compare.title"), EscapeHtml(FormatPeriod(lang, d.period)), T(lang, "compare.sortable"),
      T(lang, "col.region"));
  for (std::size_t c = 0; c < d.measures.size(); ++c) {
    const auto& m = HeadlineMeasures()[d.measures[c]];
    html += fmt::format(
        "<th scope=\"col\" class=\"num\" aria-sort=\"none\" data-measure=\"{0}\"><button type=\"button\" "
        "data-column=\"{1}\" data-type=\"number\"><abbr>{2}</abbr> {3}</button></th>",
        EscapeHtml(MeasureKey(m)), c + 1, m.indicator, EscapeHtml(MeasureLabel(lang, d.measures[c])));
  }
  html += "</tr></thead><tbody>\n";
  for (const auto& r : d.regions) {
    html += fmt::format(
        "<tr data-region=\"{0}\"><th scope=\"row\" data-value=\"{1}\"><a href=\"/regio/{0}?lang={2}\">"
        "{1}</a></th>",
        EscapeHtml(r.code), EscapeHtml(r.name), LangCode(lang));
    for (std::size_t c = 0; c < d.measures.size(); ++c) {
      const auto& m = HeadlineMeasures()[d.measures[c]];
      html += fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", DataValue(r.cells[c]),
                          EscapeHtml(FormatCell(lang, m.unit, r.cells[c])));
    }
    html += "</tr>\n";
  }
  html += fmt::format("</tbody><tfoot><tr><th scope=\"row\">{}</th>", T(lang, "map.national"));
  for (std::size_t c = 0; c < d.measures.size(); ++c) {
    const auto& m = HeadlineMeasures()[d.measures[c]];
    html += fmt::format("<td class=\"num\">{}</td>", m.national_measure.empty()
                                                         ? MarkHtml(lang, Mark::kNotApplicable)
                                                         : EscapeHtml(FormatCell(lang, m.unit, d.national[c])));
  }
  html += "</tr></tfoot></table></div>\n";
  html += Script("compare.js");
  html += SourceLine(lang, d.period);
  html += MarksLegend(lang);
  html += PageEnd(lang);
  return html;
}

}  // namespace onderdak::web
