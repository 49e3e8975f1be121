// The map page (/kaart): the regions as a tile grid coloured by one headline measure.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/html.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

// Five sequential blues (ColorBrewer "Blues", the two darkest deepened so white text on
// them keeps a contrast of at least 4.5:1); dark text on the three lightest.
constexpr std::array<std::string_view, 5> kFill = {"#eff3ff", "#bdd7e7", "#6baed6", "#2171b5", "#084594"};
constexpr std::array<std::string_view, 5> kInk = {"#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff", "#ffffff"};
constexpr std::string_view kSuppressedFill = "url(#hatch)";
constexpr std::string_view kMissingFill = "#ffffff";
constexpr int kTile = 62, kGap = 4;

// Equal-interval classes over the published regional values.
struct Classes {
  double min = 0, max = 0;
  bool any = false;
  int Of(double v) const {
    if (max <= min) return 2;
    return std::clamp(static_cast<int>((v - min) / (max - min) * 5), 0, 4);
  }
  double Lower(int k) const { return min + (max - min) * k / 5; }
};

// At most `max_chars` characters of `name` (UTF-8), with "…" when cut.
std::string Shorten(std::string_view name, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  for (; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return std::string(name.substr(0, i)) + "…";
    ++chars;
  }
  return std::string(name);
}

std::string Legend(const Classes& classes, std::string_view unit, Lang lang) {
  std::string html = fmt::format("<div id=\"map-legend\"><h4>{}</h4><ul class=\"legend\">\n", T(lang, "map.legend"));
  auto swatch = [](std::string_view fill) {
    return fmt::format(
        "<svg width=\"18\" height=\"18\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"16\" height=\"16\" "
        "fill=\"{}\" stroke=\"#4a4a4a\"/></svg>",
        fill);
  };
  if (classes.any) {
    const int n = classes.max > classes.min ? 5 : 1;
    for (int k = 0; k < n; ++k) {
      const int cls = n == 1 ? 2 : k;
      Cell lo{Cell::State::kValue, n == 1 ? classes.min : classes.Lower(k)};
      Cell hi{Cell::State::kValue, n == 1 ? classes.max : classes.Lower(k + 1)};
      html += fmt::format("<li data-class=\"{}\">{} {} – {}</li>\n", cls, swatch(kFill[static_cast<std::size_t>(cls)]),
                          EscapeHtml(FormatCell(lang, unit, lo)), EscapeHtml(FormatCell(lang, unit, hi)));
    }
  }
  html += fmt::format(
      "<li data-class=\"suppressed\"><svg width=\"18\" height=\"18\" aria-hidden=\"true\"><defs><pattern "
      "id=\"hatch-legend\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      "<rect width=\"6\" height=\"6\" fill=\"#d9d9d9\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#6b6b6b\" "
      "stroke-width=\"2\"/></pattern></defs><rect x=\"1\" y=\"1\" width=\"16\" height=\"16\" "
      "fill=\"url(#hatch-legend)\" stroke=\"#4a4a4a\"/></svg> – {}</li>\n",
      T(lang, "map.suppressed"));
  html += fmt::format("<li data-class=\"missing\">{} {}</li>\n</ul></div>\n", swatch(kMissingFill),
                      T(lang, "cell.missing"));
  return html;
}

}  // namespace

std::string RenderMapPage(const MapData& d, Lang lang) {
  const auto& m = HeadlineMeasures()[d.measure];
  const std::string key = MeasureKey(m);
  const std::string label(MeasureLabel(lang, d.measure));
  std::string html = PageStart(lang, T(lang, "map.title"), fmt::format("period={}&measure={}", d.period, key));
  html += fmt::format("<h2 id=\"map-title\">{}</h2>\n<p>{}</p>\n", T(lang, "map.title"), T(lang, "map.intro"));

  // Indicator and period: a plain GET form; map.js recolours in place on change.
  html += fmt::format(
      "<form id=\"map-form\" method=\"get\" action=\"/kaart\"><input type=\"hidden\" name=\"lang\" value=\"{}\">"
      "<label for=\"measure\">{}</label> <select id=\"measure\" name=\"measure\">",
      LangCode(lang), T(lang, "map.measure"));
  for (std::size_t i = 0; i < HeadlineMeasures().size(); ++i) {
    const auto& hm = HeadlineMeasures()[i];
    html += fmt::format("<option value=\"{}\"{}>{}: {}</option>", EscapeHtml(MeasureKey(hm)),
                        i == d.measure ? " selected" : "", hm.indicator, EscapeHtml(MeasureLabel(lang, i)));
  }
  html += "</select> " + PeriodSelect(lang, d.periods, d.period);
  html += fmt::format(" <button type=\"submit\">{}</button></form>\n", T(lang, "overview.show"));
  html += "<p id=\"map-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n";

  Classes classes;
  classes.min = std::numeric_limits<double>::max();
  classes.max = std::numeric_limits<double>::lowest();
  int cols = 1, rows = 1;
  for (const auto& r : d.regions) {
    cols = std::max(cols, r.col + 1);
    rows = std::max(rows, r.row + 1);
    if (r.cell.state != Cell::State::kValue) continue;
    classes.any = true;
    classes.min = std::min(classes.min, r.cell.value);
    classes.max = std::max(classes.max, r.cell.value);
  }

  html += fmt::format("<div id=\"map-view\" data-measure=\"{}\" data-period=\"{}\">\n", EscapeHtml(key),
                      EscapeHtml(d.period));
  html += fmt::format("<h3 id=\"map-caption\">{}, {}</h3>\n", EscapeHtml(label), EscapeHtml(d.period));
  html += fmt::format("<p id=\"map-national\">{}: <strong>{}</strong></p>\n", T(lang, "map.national"),
                      EscapeHtml(m.national_measure.empty() ? std::string("–") : FormatCell(lang, m.unit, d.national)));
  const int width = cols * (kTile + kGap), height = rows * (kTile + kGap);
  html += fmt::format(
      "<div class=\"map-wrap\"><svg id=\"map\" role=\"group\" aria-labelledby=\"map-caption\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\">\n<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" "
      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" "
      "fill=\"#d9d9d9\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#6b6b6b\" stroke-width=\"2\"/>"
      "</pattern></defs>\n",
      width, height);
  for (const auto& r : d.regions) {
    const std::string value = FormatCell(lang, m.unit, r.cell);
    std::string_view fill = kMissingFill, ink = "#1a1a1a", cls = "missing";
    std::string cls_text;
    if (r.cell.state == Cell::State::kSuppressed) {
      fill = kSuppressedFill, cls = "suppressed";
    } else if (r.cell.state == Cell::State::kValue) {
      const int k = classes.Of(r.cell.value);
      fill = kFill[static_cast<std::size_t>(k)], ink = kInk[static_cast<std::size_t>(k)];
      cls_text = std::to_string(k);
      cls = cls_text;
    }
    const int x = r.col * (kTile + kGap) + kGap / 2, y = r.row * (kTile + kGap) + kGap / 2;
    const std::string tip = fmt::format("{} ({}): {}", r.name, r.code, value);
    html += fmt::format(
        "<a class=\"tile\" href=\"/regio/{0}?lang={1}&amp;period={2}\" data-region=\"{0}\" aria-label=\"{3}\">"
        "<title>{3}</title><rect x=\"{4}\" y=\"{5}\" width=\"{6}\" height=\"{6}\" rx=\"4\" fill=\"{7}\" "
        "data-class=\"{8}\"{9}/>"
        "<text x=\"{10}\" y=\"{11}\" fill=\"{12}\" class=\"tile-name\">{13}</text>"
        "<text x=\"{10}\" y=\"{14}\" fill=\"{12}\" class=\"tile-value\">{15}</text></a>\n",
        EscapeHtml(r.code), LangCode(lang), EscapeHtml(d.period), EscapeHtml(tip), x, y, kTile, fill, cls,
        r.cell.state == Cell::State::kMissing ? " stroke-dasharray=\"4 3\"" : "", x + kTile / 2, y + 24, ink,
        EscapeHtml(Shorten(r.name, 9)), y + 44,
        EscapeHtml(r.cell.state == Cell::State::kMissing ? std::string("?") : value));
  }
  html += "</svg>\n" + Legend(classes, m.unit, lang) + "</div>\n";

  // The same figures as a table (for screen readers, keyboard users and copying).
  html += fmt::format(
      "<table id=\"map-table\"><caption>{0}, {1}</caption><thead><tr><th scope=\"col\">{2}</th>"
      "<th scope=\"col\">{3}</th><th scope=\"col\" class=\"num\">{0}</th></tr></thead><tbody>\n",
      EscapeHtml(label), EscapeHtml(d.period), T(lang, "col.region"), T(lang, "regions.col.code"));
  for (const auto& r : d.regions) {
    html += fmt::format(
        "<tr data-region=\"{0}\" data-state=\"{4}\"><th scope=\"row\"><a href=\"/regio/{0}?lang={1}&amp;period={5}\">"
        "{2}</a></th><td>{0}</td><td class=\"num\" data-value=\"{6}\">{3}</td></tr>\n",
        EscapeHtml(r.code), LangCode(lang), EscapeHtml(r.name), EscapeHtml(FormatCell(lang, m.unit, r.cell)),
        r.cell.state == Cell::State::kValue        ? "value"
        : r.cell.state == Cell::State::kSuppressed ? "suppressed"
                                                   : "missing",
        EscapeHtml(d.period), DataValue(r.cell));
  }
  html += "</tbody></table>\n</div>\n";
  html += Script("map.js");
  html += PageEnd(lang);
  return html;
}

}  // namespace onderdak::web
