// The map page (/kaart): the regions as a tile grid showing one headline measure; with
// imported municipality boundaries, map.js redraws the tiles as the regions' shapes. A rate
// (a share, a number of days, a score) colours the region; a count is a circle whose area
// is proportional to it, on a neutral ground: a region coloured by a count would mostly
// show how many people live there (issue 21 item 5).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "onderdak/domain/population.h"
#include "onderdak/web/dashboard_parts.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

// Five sequential classes from ColorBrewer's "YlGnBu", which readers with the common forms
// of colour blindness tell apart; the lightest is a clear green, never the white of "not
// delivered". Dark text on the three lightest (contrast 7.2 to 13), white on the two
// darkest (6.5 and 12.3).
constexpr std::array<std::string_view, 5> kFill = {"#c7e9b4", "#7fcdbb", "#41b6c4", "#225ea8", "#0c2c84"};
constexpr std::array<std::string_view, 5> kInk = {"#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff", "#ffffff"};
constexpr std::string_view kSuppressedFill = "url(#hatch)";
constexpr std::string_view kMissingFill = "#ffffff";
// A count: the region's neutral ground and its circle (dark text on both: 15 and 9.4).
constexpr std::string_view kGroundFill = "#f1f4f8";
constexpr std::string_view kSymbolFill = "#7fcdbb", kSymbolStroke = "#225ea8";
constexpr int kTile = 62, kGap = 4;
constexpr double kMaxRadius = 26;  // the largest count's circle, inside a tile

// Equal-interval classes over the published regional values. A value belongs to the
// greatest class whose lower edge it reaches; the legend reads the same edges, so what it
// says is exactly how the regions are coloured.
struct Classes {
  double min = 0, max = 0;
  bool any = false;
  double Lower(int k) const { return k == 0 ? min : k == 5 ? max : min + (max - min) * k / 5; }
  int Of(double v) const {
    if (max <= min) return 2;
    int k = 0;
    while (k < 4 && v >= Lower(k + 1)) ++k;
    return k;
  }
};

// Units whose values are counted: drawn as circles, never as coloured areas.
bool Counted(std::string_view unit) {
  return unit == "persons" || unit == "records" || unit == "places" || unit == "count" || unit == "euro";
}

// A class edge in the unit's notation with `decimals` decimals (of the percentage for shares).
std::string Edge(Lang lang, std::string_view unit, double v, int decimals) {
  if (unit == "share") return FormatFixed(lang, v * 100, decimals) + (lang == Lang::kNl ? " %" : "%");
  if (unit == "days") return fmt::format("{} {}", FormatFixed(lang, v, decimals), T(lang, "unit.days"));
  if (unit == "euro") return "€ " + FormatFixed(lang, v, decimals);
  return FormatFixed(lang, v, decimals);
}

// The fewest decimals (at most 4) at which the six edges read as six different numbers,
// so that no two classes seem to share a boundary or to be empty: shares from 0 to 100 %
// need none, 33,3 % to 34,1 % one, a range of a tenth of a percent two.
int EdgeDecimals(const Classes& c, std::string_view unit) {
  const double scale = unit == "share" ? 100 : 1;
  for (int d = 0; d < 4; ++d) {
    std::string previous;
    bool distinct = true;
    for (int k = 0; k <= 5 && distinct; ++k) {
      std::string text = fmt::format("{:.{}f}", c.Lower(k) * scale, d);
      distinct = k == 0 || text != previous;
      previous = std::move(text);
    }
    if (distinct) return d;
  }
  return 4;
}

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

// A legend's square of colour.
std::string Swatch(std::string_view fill) {
  return fmt::format(
      "<svg width=\"18\" height=\"18\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"16\" height=\"16\" "
      "fill=\"{}\" stroke=\"#4a4a4a\"/></svg>",
      fill);
}

// The legend's items for a withheld figure and for none delivered, and its end.
std::string SpecialItems(Lang lang) {
  std::string html = fmt::format(
      "<li data-class=\"suppressed\"><svg width=\"18\" height=\"18\" aria-hidden=\"true\"><defs><pattern "
      "id=\"hatch-legend\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      "<rect width=\"6\" height=\"6\" fill=\"#d9d9d9\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#6b6b6b\" "
      "stroke-width=\"2\"/></pattern></defs><rect x=\"1\" y=\"1\" width=\"16\" height=\"16\" "
      "fill=\"url(#hatch-legend)\" stroke=\"#4a4a4a\"/></svg> {}</li>\n",
      T(lang, "map.suppressed"));
  html += fmt::format("<li data-class=\"missing\">{} {}</li>\n</ul></div>\n", Swatch(kMissingFill),
                      MarkMeaning(lang, Mark::kNotDelivered));
  return html;
}

std::string Legend(const Classes& classes, std::string_view unit, Lang lang) {
  std::string html = fmt::format("<div id=\"map-legend\"><h4>{}</h4><ul class=\"legend\">\n", T(lang, "map.legend"));
  auto item = [&](int cls, const std::string& text) {
    html += fmt::format("<li data-class=\"{}\">{} {}</li>\n", cls, Swatch(kFill[static_cast<std::size_t>(cls)]),
                        EscapeHtml(text));
  };
  if (classes.any && classes.max <= classes.min) {
    item(2, FormatCell(lang, unit, {Cell::State::kValue, classes.min}));  // one value: one class
  } else if (classes.any) {
    const int decimals = EdgeDecimals(classes, unit);
    for (int k = 0; k < 5; ++k) {
      item(k, Edge(lang, unit, classes.Lower(k), decimals) + " – " + Edge(lang, unit, classes.Lower(k + 1), decimals));
    }
  }
  html += SpecialItems(lang);
  return html;
}

// The circle of a count `v` when the largest is `max`: its area proportional to `v`.
double Radius(double v, double max) { return max > 0 && v > 0 ? kMaxRadius * std::sqrt(v / max) : 0; }

// A number of one significant digit at most `v` (1234 -> 1000, 0,37 -> 0,3), for the
// legend's reference circles.
double NiceBelow(double v) {
  if (v <= 0) return 0;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  return std::floor(v / p) * p;
}

// The legend of counts: circles for the largest count and two round numbers below it,
// drawn at the map's scale.
std::string SymbolLegend(double max, std::string_view unit, Lang lang) {
  std::string html =
      fmt::format("<div id=\"map-legend\"><h4>{}</h4><p id=\"map-symbols-note\">{}</p><ul class=\"legend\">\n",
                  T(lang, "map.legend"), T(lang, "map.symbols.note"));
  std::vector<double> values;
  if (max > 0) values = {max, NiceBelow(max / 4), NiceBelow(max / 16)};
  double previous = -1;
  const int size = static_cast<int>(2 * kMaxRadius + 4);
  for (double v : values) {
    if (v <= 0 || v == previous) continue;
    previous = v;
    html += fmt::format(
        "<li data-class=\"symbol\"><svg width=\"{0}\" height=\"{0}\" aria-hidden=\"true\"><circle cx=\"{1}\" "
        "cy=\"{1}\" r=\"{2:.1f}\" fill=\"{3}\" stroke=\"{4}\" stroke-width=\"1.5\"/></svg> {5}</li>\n",
        size, size / 2.0, Radius(v, max), kSymbolFill, kSymbolStroke,
        EscapeHtml(FormatCell(lang, unit, {Cell::State::kValue, v})));
  }
  return html + SpecialItems(lang);
}

// What the map shows: the measure's own cells, or (ADR 0037) the same per 10,000
// inhabitants. A withheld count stays withheld and an undelivered one undelivered; a
// region without a population total gets n.v.t.
struct Shown {
  std::string unit;
  std::string label;
  std::vector<Cell> cells;  // in the order of d.regions
  Cell national;
};

Shown ShownCells(const MapData& d, const HeadlineMeasure& m, Lang lang, bool per_inhabitants) {
  Shown out{.unit = std::string(m.unit),
            .label = std::string(MeasureLabel(lang, d.measure)),
            .cells = {},
            .national = d.national};
  for (const auto& r : d.regions) out.cells.push_back(r.cell);
  if (!per_inhabitants) return out;
  out.unit = "per10k";
  out.label += " " + std::string(T(lang, "map.per10k"));
  std::int64_t delivered_inhabitants = 0;
  bool complete = true;
  for (std::size_t i = 0; i < d.regions.size(); ++i) {
    const auto& r = d.regions[i];
    auto it = d.population->regions.find(r.code);
    if (r.cell.state != Cell::State::kMissing) {
      if (it == d.population->regions.end()) {
        complete = false;
      } else {
        delivered_inhabitants += it->second;
      }
    }
    if (r.cell.state != Cell::State::kValue) continue;
    out.cells[i] = it == d.population->regions.end()
                       ? Cell{Cell::State::kNotApplicable, 0}
                       : Cell{Cell::State::kValue, domain::Per10k(r.cell.value, it->second)};
  }
  // Nationally only for persons: a national count of places (A2) also carries the latest
  // state of regions that did not deliver, whose inhabitants this denominator leaves out.
  if (out.national.state == Cell::State::kValue) {
    out.national = complete && delivered_inhabitants > 0 && m.unit == "persons"
                       ? Cell{Cell::State::kValue, domain::Per10k(d.national.value, delivered_inhabitants)}
                       : Cell{Cell::State::kNotApplicable, 0};
  }
  return out;
}

// The view's choice (only with population figures) and what it means for this measure.
std::string ScaleSelect(const MapData& d, Lang lang) {
  if (!d.population) return "";
  return fmt::format(
      " <label for=\"scale\">{}</label> <select id=\"scale\" name=\"scale\"><option value=\"rate\"{}>{}</option>"
      "<option value=\"count\"{}>{}</option></select>",
      T(lang, "map.scale"), d.counts_chosen ? "" : " selected", T(lang, "map.scale.rate"),
      d.counts_chosen ? " selected" : "", T(lang, "map.scale.count"));
}

std::string PopulationNote(const MapData& d, Lang lang, bool per_inhabitants) {
  if (!d.population || d.counts_chosen) return "";
  if (!per_inhabitants) return fmt::format("<p id=\"map-population\">{}</p>\n", T(lang, "map.population.none"));
  std::string html = fmt::format("<p id=\"map-population\" data-date=\"{}\">{}", EscapeHtml(d.population->date),
                                 EscapeHtml(fmt::format(fmt::runtime(T(lang, "map.population.note")),
                                                        fmt::arg("date", FormatDate(lang, d.population->date)),
                                                        fmt::arg("file", d.population->file))));
  std::size_t without = 0;
  for (const auto& r : d.regions) without += d.population->regions.contains(r.code) ? 0 : 1;
  if (without > 0) {
    html += " " + EscapeHtml(fmt::format(fmt::runtime(T(lang, "map.population.incomplete")), fmt::arg("n", without)));
  }
  return html + "</p>\n";
}

// The map itself: the tile grid with each region's colour or circle, and its legend.
std::string MapFigure(const MapData& d, const Shown& shown, Lang lang, bool links) {
  Classes classes;
  classes.min = std::numeric_limits<double>::max();
  classes.max = std::numeric_limits<double>::lowest();
  for (std::size_t i = 0; i < d.regions.size(); ++i) {
    if (shown.cells[i].state != Cell::State::kValue) continue;
    classes.any = true;
    classes.min = std::min(classes.min, shown.cells[i].value);
    classes.max = std::max(classes.max, shown.cells[i].value);
  }
  const bool symbols = Counted(shown.unit);
  int cols = 1, rows = 1;
  for (const auto& r : d.regions) {
    cols = std::max(cols, r.col + 1);
    rows = std::max(rows, r.row + 1);
  }
  const int width = cols * (kTile + kGap), height = rows * (kTile + kGap);
  std::string html = fmt::format(
      "<div class=\"map-wrap\"><svg id=\"map\" role=\"group\" aria-labelledby=\"map-caption\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\">\n<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" "
      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" "
      "fill=\"#d9d9d9\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#6b6b6b\" stroke-width=\"2\"/>"
      "</pattern></defs>\n",
      width, height);
  for (std::size_t i = 0; i < d.regions.size(); ++i) {
    const auto& r = d.regions[i];
    const Cell& cell = shown.cells[i];
    const std::string value = FormatCell(lang, shown.unit, cell);
    std::string_view fill = kMissingFill, ink = "#1a1a1a", cls = "missing";
    std::string cls_text, symbol;
    const int x = r.col * (kTile + kGap) + kGap / 2, y = r.row * (kTile + kGap) + kGap / 2;
    if (cell.state == Cell::State::kSuppressed) {
      fill = kSuppressedFill, cls = "suppressed";
    } else if (cell.state == Cell::State::kValue && symbols) {
      fill = kGroundFill, cls = "symbol";
      symbol = fmt::format(
          "<circle class=\"symbol\" cx=\"{}\" cy=\"{}\" r=\"{:.1f}\" fill=\"{}\" fill-opacity=\"0.85\" "
          "stroke=\"{}\" stroke-width=\"1.5\"/>",
          x + kTile / 2, y + kTile / 2, Radius(cell.value, classes.max), kSymbolFill, kSymbolStroke);
    } else if (cell.state == Cell::State::kValue) {
      const int k = classes.Of(cell.value);
      fill = kFill[static_cast<std::size_t>(k)], ink = kInk[static_cast<std::size_t>(k)];
      cls_text = std::to_string(k);
      cls = cls_text;
    }
    const std::string tip = fmt::format("{} ({}): {}", r.name, r.code, value);
    // On the page each tile is a link to the region; in a report (no links) a group.
    const std::string open =
        links ? fmt::format("<a class=\"tile\" href=\"/regio/{0}?lang={1}&amp;period={2}\" data-region=\"{0}\">",
                            EscapeHtml(r.code), LangCode(lang), EscapeHtml(d.period))
              : fmt::format("<g class=\"tile\" data-region=\"{}\">", EscapeHtml(r.code));
    html += fmt::format(
        "{0}"
        "<title>{3}</title><rect x=\"{4}\" y=\"{5}\" width=\"{6}\" height=\"{6}\" rx=\"4\" fill=\"{7}\" "
        "data-class=\"{8}\"{9}/>{16}"
        "<text x=\"{10}\" y=\"{11}\" fill=\"{12}\" class=\"tile-name\">{13}</text>"
        "<text x=\"{10}\" y=\"{14}\" fill=\"{12}\" class=\"tile-value\">{15}</text>{17}\n",
        open, "", "", EscapeHtml(tip), x, y, kTile, fill, cls,
        cell.state == Cell::State::kMissing ? " stroke-dasharray=\"4 3\"" : "", x + kTile / 2, y + 24, ink,
        EscapeHtml(Shorten(r.name, 9)), y + 44,
        EscapeHtml(cell.state == Cell::State::kMissing ? std::string("?") : value), symbol, links ? "</a>" : "</g>");
  }
  return html + "</svg>\n" +
         (symbols ? SymbolLegend(classes.any ? classes.max : 0, shown.unit, lang) : Legend(classes, shown.unit, lang)) +
         "</div>\n";
}

}  // namespace

bool PerInhabitantsApplies(std::string_view unit) { return unit == "persons" || unit == "places"; }

std::string RenderMapFigure(const MapData& d, Lang lang) {
  const auto& m = HeadlineMeasures()[d.measure];
  const bool per_inhabitants = d.population && !d.counts_chosen && PerInhabitantsApplies(m.unit);
  return MapFigure(d, ShownCells(d, m, lang, per_inhabitants), lang, false);
}

std::string RenderMapPage(const MapData& d, Lang lang) {
  const auto& m = HeadlineMeasures()[d.measure];
  const std::string key = MeasureKey(m);
  const bool per_inhabitants = d.population && !d.counts_chosen && PerInhabitantsApplies(m.unit);
  const Shown shown = ShownCells(d, m, lang, per_inhabitants);
  const std::string& label = shown.label;
  const std::string definition_query = d.definition.Query();
  std::string html = PageStart(
      lang, T(lang, "map.title"),
      fmt::format("period={}&measure={}{}", d.period, key, definition_query.empty() ? "" : "&" + definition_query));
  html += fmt::format("<h2 id=\"map-title\">{}</h2>\n<p id=\"map-intro\">{}</p>\n", T(lang, "map.title"),
                      T(lang, "map.intro"));
  html += DefinitionHtml(lang, d.definition, "/kaart",
                         {{"lang", std::string(LangCode(lang))}, {"period", d.period}, {"measure", key}});

  // Indicator and period: a plain GET form; map.js recolours in place on change.
  html += fmt::format(
      "<form id=\"map-form\" method=\"get\" action=\"/kaart\"><input type=\"hidden\" name=\"lang\" value=\"{}\">{}"
      "<label for=\"measure\">{}</label> <select id=\"measure\" name=\"measure\">",
      LangCode(lang), DefinitionHiddenInput(d.definition), T(lang, "map.measure"));
  for (std::size_t i = 0; i < HeadlineMeasures().size(); ++i) {
    const auto& hm = HeadlineMeasures()[i];
    html += fmt::format("<option value=\"{}\"{}>{}: {}</option>", EscapeHtml(MeasureKey(hm)),
                        i == d.measure ? " selected" : "", hm.indicator, EscapeHtml(MeasureLabel(lang, i)));
  }
  html += "</select> " + PeriodSelect(lang, d.periods, d.period) + ScaleSelect(d, lang);
  html += fmt::format(" <button type=\"submit\">{}</button></form>\n", T(lang, "overview.show"));
  html += "<p id=\"map-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n";

  std::string geo;
  if (d.boundaries) {
    // map.js draws the regions' shapes from these (the tile grid stays for no-script use).
    const auto& b = *d.boundaries;
    geo = fmt::format(
        " data-geo=\"/api/v1/geo/municipalities\" data-geo-sha256=\"{}\" data-geo-format=\"{}\" "
        "data-geo-crs=\"{}\" data-geo-object=\"{}\" data-geo-code=\"{}\" data-geo-regions=\"/api/v1/regions?date={}\" "
        "data-geo-intro=\"{}\"",
        EscapeHtml(b.sha256), EscapeHtml(b.format), EscapeHtml(b.crs), EscapeHtml(b.object_name),
        EscapeHtml(b.code_property), EscapeHtml(b.date), EscapeHtml(T(lang, "map.intro.boundaries")));
  }
  html += fmt::format("<div id=\"map-view\" data-measure=\"{}\" data-period=\"{}\" data-scale=\"{}\"{}>\n",
                      EscapeHtml(key), EscapeHtml(d.period), per_inhabitants ? "per10k" : "own", geo);
  html +=
      fmt::format("<h3 id=\"map-caption\">{}, {}</h3>\n", EscapeHtml(label), EscapeHtml(FormatPeriod(lang, d.period)));
  html += PopulationNote(d, lang, per_inhabitants);
  html += fmt::format("<p id=\"map-national\">{}: <strong>{}</strong></p>\n", T(lang, "map.national"),
                      m.national_measure.empty() ? MarkHtml(lang, Mark::kNotApplicable)
                                                 : EscapeHtml(FormatCell(lang, shown.unit, shown.national)));
  html += MapFigure(d, shown, lang, true);

  // The same figures as a table (for screen readers, keyboard users and copying).
  // Per 10,000 inhabitants, the table also gives the count and the inhabitants it comes from.
  const std::string extra_head =
      per_inhabitants ? fmt::format("<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th>",
                                    T(lang, "map.col.count"), T(lang, "map.col.inhabitants"))
                      : std::string();
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"map-table\"><caption>{0}, {1}</caption><thead><tr><th "
      "scope=\"col\">{2}</th>"
      "<th scope=\"col\">{3}</th>{4}<th scope=\"col\" class=\"num\">{0}</th></tr></thead><tbody>\n",
      EscapeHtml(label), EscapeHtml(FormatPeriod(lang, d.period)), T(lang, "col.region"), T(lang, "regions.col.code"),
      extra_head);
  for (std::size_t i = 0; i < d.regions.size(); ++i) {
    const auto& r = d.regions[i];
    const Cell& cell = shown.cells[i];
    std::string extra;
    if (per_inhabitants) {
      auto it = d.population->regions.find(r.code);
      extra = fmt::format(
          "<td class=\"num\">{}</td><td class=\"num\">{}</td>", EscapeHtml(FormatCell(lang, m.unit, r.cell)),
          it == d.population->regions.end() ? MarkHtml(lang, Mark::kNotApplicable)
                                            : EscapeHtml(FormatCount(lang, static_cast<double>(it->second))));
    }
    html += fmt::format(
        "<tr data-region=\"{0}\" data-state=\"{4}\"><th scope=\"row\"><a href=\"/regio/{0}?lang={1}&amp;period={5}\">"
        "{2}</a></th><td>{0}</td>{7}<td class=\"num\" data-value=\"{6}\">{3}</td></tr>\n",
        EscapeHtml(r.code), LangCode(lang), EscapeHtml(r.name), EscapeHtml(FormatCell(lang, shown.unit, cell)),
        cell.state == Cell::State::kValue        ? "value"
        : cell.state == Cell::State::kSuppressed ? "suppressed"
        : cell.state == Cell::State::kMissing    ? "missing"
                                                 : "not-applicable",
        EscapeHtml(d.period), DataValue(cell), extra);
  }
  html +=
      "</tbody></table></div>\n" + SourceLine(lang, d.period) + "</div>\n";  // inside #map-view: it follows the period
  if (d.boundaries) {
    html += Script("vendor/d3-array.js") + Script("vendor/d3-geo.js") + Script("vendor/topojson-client.js");
    if (d.boundaries->format == "geojson") html += Script("vendor/topojson-server.js");
  }
  html += Script("map.js");
  html += MarksLegend(lang);
  html += PageEnd(lang);
  return html;
}

}  // namespace onderdak::web
