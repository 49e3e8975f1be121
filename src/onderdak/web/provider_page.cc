#include "onderdak/web/provider_page.h"

#include <fmt/format.h>

#include "onderdak/web/error_page.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

// A query value percent-encoded (RFC 3986 unreserved characters kept), so that a record
// id with '&' or '#' stays one value in a link.
std::string QueryValue(std::string_view v) {
  std::string out;
  for (unsigned char c : v) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string Share(Lang lang, const std::optional<double>& v) { return v ? FormatPercent(lang, *v) : "-"; }
std::string Days(Lang lang, const std::optional<double>& v) { return v ? FormatCount(lang, *v) : "-"; }
std::string Count(Lang lang, std::int64_t v) { return FormatCount(lang, static_cast<double>(v)); }

// The query that keeps the page's choices ("organisation=...&period=...").
std::string Choice(const std::string& organisation, const std::string& period, bool steward) {
  std::string q = "period=" + QueryValue(period);
  if (steward) q += "&organisation=" + QueryValue(organisation);
  return q;
}

std::string Th(Lang lang, std::string_view key) {
  return fmt::format("<th scope=\"col\">{}</th>", T(lang, "prov.col." + std::string(key)));
}

}  // namespace

std::string RenderProviderPage(const ProviderPageView& v, Lang lang) {
  const bool steward = !v.organisations.empty();
  std::string html =
      PageStart(lang, T(lang, "prov.title"), v.organisation.empty() ? "" : Choice(v.organisation, v.period, steward));
  html += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", T(lang, "prov.title"), T(lang, "prov.intro"));
  // A plain GET form: the organisation (a steward's choice) and the period.
  html += "<form method=\"get\" action=\"/mijn-cijfers\" id=\"provider-choice\"><p>";
  if (lang == Lang::kEn) html += "<input type=\"hidden\" name=\"lang\" value=\"en\">";
  if (steward) {
    html += fmt::format("<label for=\"organisation\">{}</label> <select id=\"organisation\" name=\"organisation\">",
                        T(lang, "prov.organisation"));
    for (const auto& o : v.organisations) {
      html += fmt::format("<option{}>{}</option>", o == v.organisation ? " selected" : "", EscapeHtml(o));
    }
    html += "</select> ";
  }
  if (!v.periods.empty()) {
    html +=
        fmt::format("<label for=\"period\">{}</label> <select id=\"period\" name=\"period\">", T(lang, "prov.period"));
    for (const auto& p : v.periods) {
      html += fmt::format("<option value=\"{}\"{}>{}</option>", EscapeHtml(p), p == v.period ? " selected" : "",
                          EscapeHtml(FormatPeriod(lang, p)));
    }
    html += "</select> ";
  }
  html += fmt::format("<button type=\"submit\">{}</button></p></form>\n", T(lang, "prov.show"));
  if (v.organisation.empty()) {
    html += fmt::format("<p id=\"provider-none\">{}</p>\n", T(lang, steward ? "prov.choose" : "prov.no_org"));
    return html + PageEnd(lang);
  }
  html += fmt::format("<p id=\"provider-organisation\">{} <strong>{}</strong>{} · {} <strong>{}</strong></p>\n",
                      T(lang, "prov.organisation"), EscapeHtml(v.organisation),
                      v.organisation_name.empty() ? "" : " (" + EscapeHtml(v.organisation_name) + ")",
                      T(lang, "prov.period"), EscapeHtml(FormatPeriod(lang, v.period)));
  html += fmt::format("<p>{}</p>\n", T(lang, "prov.not_public"));
  if (v.locations.empty() && v.waiting.empty()) {
    html += fmt::format("<p id=\"provider-empty\">{}</p>\n", T(lang, "prov.empty"));
    return html + PageEnd(lang);
  }
  const std::string lang_query = lang == Lang::kEn ? "&lang=en" : "";
  const std::string choice = Choice(v.organisation, v.period, steward);

  html += fmt::format("<h3>{}</h3>\n<p>{}</p>\n", T(lang, "prov.locations"), T(lang, "prov.locations_intro"));
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"provider-locations\"><caption>{}</caption><thead><tr>",
      T(lang, "prov.locations_caption"));
  for (std::string_view k : {"location", "region", "municipality", "type", "places", "occupied", "occupancy",
                             "bed_nights", "average_occupancy", "stays", "persons", "ended", "median_days", "over_90",
                             "exits", "to_housing", "elsewhere"}) {
    html += Th(lang, k);
  }
  html += "</tr></thead><tbody>\n";
  for (const auto& l : v.locations) {
    const std::string label = l.facility.empty()
                                  ? std::string(T(lang, "prov.no_location"))
                                  : EscapeHtml(l.name.empty() ? l.facility : l.name + " (" + l.facility + ")");
    const std::string link = fmt::format("/mijn-cijfers/verblijven?{}&region={}&facility={}{}", choice,
                                         QueryValue(l.region), QueryValue(l.facility), lang_query);
    html += fmt::format(
        "<tr data-facility=\"{}\" data-region=\"{}\"><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}</td><td>{}</td>"
        "<td>{}</td><td class=\"places\">{}</td><td class=\"occupied\">{}</td><td>{}</td><td class=\"bed-nights\">{}"
        "</td><td>{}</td><td class=\"stays\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td class=\"elsewhere\">{}</td></tr>\n",
        EscapeHtml(l.facility), EscapeHtml(l.region), EscapeHtml(link), label, EscapeHtml(l.region),
        EscapeHtml(l.municipality), EscapeHtml(l.service_type), Count(lang, l.places), Count(lang, l.occupied),
        Share(lang, l.occupancy), Count(lang, l.bed_nights), Share(lang, l.average_occupancy), Count(lang, l.stays),
        Count(lang, l.persons), Count(lang, l.ended), Days(lang, l.ended_median_days),
        Count(lang, l.ended_over_90_days), Count(lang, l.exits),
        l.exits > 0 ? Count(lang, l.exits_to_housing) + " (" + Share(lang, l.to_housing_share) + ")" : "-",
        Count(lang, l.overlapping_other_provider));
  }
  html += "</tbody></table></div>\n";
  html += fmt::format("<p><a id=\"provider-csv\" href=\"/api/v1/provider-figures?{}&amp;format=csv\">{}</a></p>\n",
                      EscapeHtml(choice), T(lang, "prov.csv"));

  html += fmt::format("<h3>{}</h3>\n", T(lang, "prov.waiting"));
  if (v.waiting.empty()) {
    html += fmt::format("<p>{}</p>\n", T(lang, "prov.waiting_none"));
  } else {
    html += fmt::format(
        "<div class=\"scroll\" tabindex=\"0\"><table id=\"provider-waiting\"><caption>{}</caption><thead><tr>",
        T(lang, "prov.waiting_caption"));
    for (std::string_view k :
         {"list", "region", "registered", "placed", "placed_median", "waiting", "waiting_median"}) {
      html += Th(lang, k);
    }
    html += "</tr></thead><tbody>\n";
    for (const auto& w : v.waiting) {
      html += fmt::format(
          "<tr data-list=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td class=\"waiting\">{}</td><td>{}</td></tr>\n",
          EscapeHtml(w.waiting_list_type), EscapeHtml(w.waiting_list_type), EscapeHtml(w.region),
          Count(lang, w.registered), Count(lang, w.placed), Days(lang, w.placed_median_days), Count(lang, w.waiting),
          Days(lang, w.waiting_median_days));
    }
    html += "</tbody></table></div>\n";
  }
  html += fmt::format("<p>{}</p>\n", T(lang, "prov.definitions"));
  return html + PageEnd(lang);
}

std::string RenderProviderStaysPage(const ProviderStaysView& v, Lang lang) {
  const std::string where = v.facility.empty() ? std::string(T(lang, "prov.no_location"))
                                               : (v.facility_name.empty() ? v.facility : v.facility_name);
  const std::string title = fmt::format("{}: {}", T(lang, "prov.stays_title"), where);
  std::string html = PageStart(lang, title);
  html +=
      fmt::format("<h2>{}</h2>\n<p>{} <strong>{}</strong> · {} <strong>{}</strong> · {} <strong>{}</strong></p>\n",
                  EscapeHtml(title), T(lang, "prov.organisation"), EscapeHtml(v.organisation), T(lang, "prov.period"),
                  EscapeHtml(FormatPeriod(lang, v.period)), T(lang, "prov.region"), EscapeHtml(v.region));
  html += fmt::format("<p>{}</p>\n", T(lang, "prov.stays_intro"));
  if (v.stays.empty()) {
    html += fmt::format("<p id=\"stays-none\">{}</p>\n", T(lang, "prov.stays_none"));
    return html + PageEnd(lang);
  }
  html +=
      fmt::format("<div class=\"scroll\" tabindex=\"0\"><table id=\"provider-stays\"><caption>{}</caption><thead><tr>",
                  T(lang, "prov.stays_caption"));
  for (std::string_view k : {"record", "pseudonym", "start", "end", "length", "nights", "exit"}) html += Th(lang, k);
  html += "</tr></thead><tbody>\n";
  for (const auto& s : v.stays) {
    const std::string end = s.end.empty() ? fmt::format("{} {}", T(lang, "prov.open"), FormatDate(lang, s.known_end))
                                          : FormatDate(lang, s.end);
    html += fmt::format(
        "<tr data-stay=\"{}\"><th scope=\"row\">{}</th><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>\n",
        EscapeHtml(s.record_id), EscapeHtml(s.record_id), EscapeHtml(s.pseudonym), FormatDate(lang, s.start),
        EscapeHtml(end), Count(lang, s.length_days), Count(lang, s.nights_in_period),
        s.exit_destination.empty() ? "-" : EscapeHtml(s.exit_destination));
  }
  html += "</tbody></table></div>\n";
  if (v.truncated) html += fmt::format("<p id=\"stays-truncated\">{}</p>\n", T(lang, "prov.stays_truncated"));
  return html + PageEnd(lang);
}

std::string RenderProviderErrorPage(int status, std::string_view message, Lang lang) {
  return PageStart(lang, T(lang, "prov.title")) + ErrorBlock(status, message, lang) + PageEnd(lang);
}

}  // namespace onderdak::web
