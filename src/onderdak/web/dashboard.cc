#include <fmt/format.h>

#include <array>

#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

constexpr std::array kHeadline{
    HeadlineMeasure{"P1", "persons_on_date", "persons_on_date", "persons", "measure.P1"},
    HeadlineMeasure{"P2", "inflow", "inflow", "persons", "measure.P2"},
    HeadlineMeasure{"P3", "placed.median_days", "placed.median_days", "days", "measure.P3"},
    HeadlineMeasure{"P4", "placed.median_days", "placed.median_days", "days", "measure.P4"},
    HeadlineMeasure{"P5", "ended.over_90_days_share", "ended.over_90_days_share", "share", "measure.P5"},
    HeadlineMeasure{"P6", "to_housing_share", "to_housing_share", "share", "measure.P6"},
    HeadlineMeasure{"P7", "returned_12m_share", "returned_12m_share", "share", "measure.P7"},
    HeadlineMeasure{"P8", "persons", "persons", "persons", "measure.P8"},
    HeadlineMeasure{"P9", "assessed_persons", "assessed_persons", "persons", "measure.P9"},
    HeadlineMeasure{"P10", "P1.persons_on_date", "P1.persons_on_date", "persons", "measure.P10"},
    HeadlineMeasure{"P11", "requests", "requests", "records", "measure.P11"},
    HeadlineMeasure{"P12", "evictions", "evictions", "records", "measure.P12"},
    HeadlineMeasure{"A1", "places", "places", "places", "measure.A1"},
    HeadlineMeasure{"A2", "places_realised", "places_realised", "places", "measure.A2"},
    HeadlineMeasure{"A3", "places_agreed", "places_agreed", "places", "measure.A3"},
    HeadlineMeasure{"A4", "policy_involvement", "", "score", "measure.A4"},
    HeadlineMeasure{"A5", "adopted", "adopted", "share", "measure.A5"},
    HeadlineMeasure{"A6", "spent_share", "spent_share", "share", "measure.A6"},
    HeadlineMeasure{"A7", "organisations_delivered", "regions_delivered", "count", "measure.A7"},
    HeadlineMeasure{"A8", "policy_adopted_share", "policy_adopted_share", "share", "measure.A8"},
};

}  // namespace

std::span<const HeadlineMeasure> HeadlineMeasures() { return kHeadline; }

std::string MeasureKey(const HeadlineMeasure& m) { return fmt::format("{}.{}", m.indicator, m.measure); }

Mark CellMark(const Cell& cell) {
  switch (cell.state) {
    case Cell::State::kSuppressed: return Mark::kSuppressed;
    case Cell::State::kInsufficient: return Mark::kInsufficient;
    case Cell::State::kNotApplicable: return Mark::kNotApplicable;
    case Cell::State::kMissing:
    case Cell::State::kValue: break;
  }
  return Mark::kNotDelivered;
}

std::string FormatCell(Lang lang, std::string_view unit, const Cell& cell) {
  if (cell.state != Cell::State::kValue) return std::string(MarkSign(lang, CellMark(cell)));
  if (unit == "share") return FormatPercent(lang, cell.value);
  if (unit == "days") return fmt::format("{} {}", FormatCount(lang, cell.value), T(lang, "unit.days"));
  if (unit == "euro") return "€ " + FormatCount(lang, cell.value);
  if (unit == "per10k") return FormatFixed(lang, cell.value, 1);  // per 10,000 inhabitants (map.per10k)
  return FormatCount(lang, cell.value);
}

std::string PeriodSelect(Lang lang, const std::vector<std::string>& periods, std::string_view selected) {
  std::string html = fmt::format("<label for=\"period\">{}</label> <select id=\"period\" name=\"period\">",
                                 T(lang, "overview.period"));
  for (const auto& p : periods) {
    html += fmt::format("<option value=\"{0}\"{1}>{2}</option>", EscapeHtml(p), p == selected ? " selected" : "",
                        EscapeHtml(FormatPeriod(lang, p)));
  }
  return html + "</select>";
}

std::string_view MeasureLabel(Lang lang, std::size_t measure) { return T(lang, kHeadline.at(measure).label_key); }

std::string DataValue(const Cell& cell) {
  return cell.state == Cell::State::kValue ? fmt::format("{}", cell.value) : std::string();
}

std::string Script(std::string_view name) {
  return fmt::format("<script src=\"/assets/{}\" defer></script>\n", EscapeHtml(name));
}

std::string RenderNoDataPage(Lang lang, std::string_view title_key) {
  return PageStart(lang, T(lang, title_key)) + fmt::format("<p>{}</p>\n", T(lang, "overview.none")) + PageEnd(lang);
}

}  // namespace onderdak::web
