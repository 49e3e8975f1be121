#include "onderdak/web/delivery_page.h"

#include <fmt/format.h>

#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

// The texts upload.js shows, as data attributes (the script holds no language of its own).
constexpr std::string_view kScriptTexts[] = {
    "sending",   "checking",    "valid",      "errors",      "truncated",      "groups",   "details",  "csv",
    "imported",  "unchanged",   "warnings",   "failed",      "rows",           "col.file", "col.rule", "col.count",
    "col.fix",   "col.line",    "col.column", "col.message", "col.suggestion", "quality",  "flagged",  "ok",
    "col.check", "col.outcome", "col.detail", "zipping",     "choose"};

// "2021-07-15T09:30:12Z" as "15 juli 2021 09:30 UTC".
std::string Received(Lang lang, const std::string& at) {
  if (at.size() < 16 || at[10] != 'T') return at;
  return FormatDate(lang, at.substr(0, 10)) + " " + at.substr(11, 5) + " UTC";
}

// The delivery's stored quality report: "in orde", or its flagged checks to unfold; "-"
// when it was imported without one.
std::string QualityCell(Lang lang, const DeliveryRowView& r) {
  if (!r.has_quality) return "-";
  if (r.flags.empty()) return std::string(T(lang, "dlv.js.ok"));
  std::string html = fmt::format("<details><summary>{} {}</summary><ul>", r.flags.size(),
                                 T(lang, r.flags.size() == 1 ? "dlv.quality.flag" : "dlv.quality.flags"));
  for (const auto& f : r.flags) {
    html += fmt::format("<li data-check=\"{}\">{}{}: {}</li>", EscapeHtml(f.id), T(lang, "quality." + f.id),
                        f.file.empty() ? "" : " (" + EscapeHtml(f.file) + ")", EscapeHtml(f.detail));
  }
  return html + "</ul></details>";
}

}  // namespace

std::string RenderDeliveryPage(const DeliveryPageView& view, Lang lang) {
  std::string html = PageStart(lang, T(lang, "dlv.title"));
  html += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", T(lang, "dlv.title"), T(lang, "dlv.intro"));
  std::string regions;
  for (const auto& r : view.regions) regions += (regions.empty() ? "" : ", ") + EscapeHtml(r);
  html += fmt::format("<p id=\"deliver-for\">{} <strong>{}</strong>", T(lang, "dlv.regions"),
                      regions.empty() ? "-" : regions);
  if (!view.organisation.empty()) {
    html += fmt::format("; {} <strong id=\"deliver-organisation\">{}</strong>", T(lang, "dlv.organisation"),
                        EscapeHtml(view.organisation));
  }
  html += ".</p>\n";
  html += "<noscript>" + Alert("warning", "", fmt::format("<p>{}</p>", T(lang, "dlv.noscript"))) + "</noscript>\n";
  // Shown by upload.js: without it the form could not send the file with its CSRF token.
  html += fmt::format(
      "<form id=\"upload-form\" hidden data-csrf=\"{}\" data-lang=\"{}\">\n"
      "<p><label for=\"delivery-file\">{}</label><br>"
      "<input type=\"file\" id=\"delivery-file\" name=\"file\" accept=\".zip,application/zip,.csv,.json\" multiple "
      "aria-describedby=\"delivery-file-hint\"><br><span id=\"delivery-file-hint\">{}</span></p>\n"
      "<p><label for=\"delivery-folder\">{}</label><br>"
      "<input type=\"file\" id=\"delivery-folder\" name=\"folder\" webkitdirectory "
      "aria-describedby=\"delivery-file-hint\"></p>\n"
      "<p><button type=\"submit\" id=\"check-button\">{}</button> "
      "<button type=\"button\" id=\"import-button\" disabled>{}</button></p>\n"
      "<p><label for=\"upload-progress\">{}</label> <progress id=\"upload-progress\" max=\"100\" value=\"0\">"
      "</progress></p>\n"
      "</form>\n",
      EscapeHtml(view.csrf), LangCode(lang), T(lang, "dlv.file"), T(lang, "dlv.file_hint"), T(lang, "dlv.folder"),
      T(lang, "dlv.check"), T(lang, "dlv.import"), T(lang, "dlv.progress"));
  html += "<div id=\"upload-texts\" hidden";
  for (std::string_view key : kScriptTexts) {
    std::string attribute(key);
    for (char& c : attribute) c = c == '.' ? '-' : c;
    html += fmt::format(" data-{}=\"{}\"", attribute, EscapeHtml(T(lang, "dlv.js." + std::string(key))));
  }
  html += "></div>\n<div id=\"upload-result\" role=\"status\" aria-live=\"polite\"></div>\n";

  html += fmt::format("<h3>{}</h3>\n", T(lang, "dlv.history"));
  if (view.rows.empty()) {
    html += fmt::format("<p id=\"no-deliveries\">{}</p>\n", T(lang, "dlv.none"));
  } else {
    html += fmt::format(
        "<div class=\"scroll\" tabindex=\"0\"><table id=\"deliveries\"><caption>{}</caption><thead><tr>"
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
        T(lang, "dlv.history_caption"), T(lang, "dlv.col.id"), T(lang, "dlv.col.period"), T(lang, "dlv.col.region"),
        T(lang, "dlv.col.organisation"), T(lang, "dlv.col.version"), T(lang, "dlv.col.status"),
        T(lang, "dlv.col.received"), T(lang, "dlv.col.quality"), T(lang, "dlv.col.source"), T(lang, "dlv.col.sha"));
    for (const auto& r : view.rows) {
      html += fmt::format(
          "<tr data-delivery=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-current=\"{}\">{}"
          "</td><td>{}</td><td class=\"quality\" data-flagged=\"{}\">{}</td><td>{}</td><td><code>{}</code></td></tr>\n",
          r.id, r.id, EscapeHtml(FormatPeriod(lang, r.period)), EscapeHtml(r.region), EscapeHtml(r.organisation),
          r.version, r.current ? "true" : "false", T(lang, r.current ? "dlv.status.current" : "dlv.status.replaced"),
          EscapeHtml(Received(lang, r.imported_at)), r.has_quality ? std::to_string(r.flags.size()) : "",
          QualityCell(lang, r), EscapeHtml(r.source), EscapeHtml(r.sha256.substr(0, 12)));
    }
    html += "</tbody></table></div>\n";
    if (view.more) html += fmt::format("<p>{}</p>\n", T(lang, "dlv.more"));
  }
  html +=
      "<script src=\"/assets/vendor/fflate.js\" defer></script>\n<script src=\"/assets/upload.js\" defer></script>\n";
  return html + PageEnd(lang);
}

}  // namespace onderdak::web
