#include "onderdak/web/submission_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "onderdak/core/date.h"
#include "onderdak/domain/code_lists.h"
#include "onderdak/web/error_page.h"
#include "onderdak/web/html.h"
#include "onderdak/web/overview.h"
#include "onderdak/web/page.h"

namespace onderdak::web {
namespace {

std::string StatusText(Lang lang, std::string_view status) {
  return std::string(T(lang, "sub.status." + std::string(status)));
}

// The code list a column takes (docs/exchange-format.md §2), or nullptr for free text.
const domain::CodeList* ListOf(std::string_view column) {
  if (column == "status") return domain::FindCodeList("housing_status");
  if (column == "policy_status") return domain::FindCodeList("plan_status");
  if (column == "service_type" || column == "room_size" || column == "housing_kind" || column == "funding_line" ||
      column == "plan_status" || column == "budget_theme") {
    return domain::FindCodeList(column);
  }
  return nullptr;
}

bool YesNo(std::string_view column) {
  return column == "covers_homeless" || column == "aligned_with_action_plan" || column == "contains_wonen_eerst" ||
         column == "shelter_in_municipality_of_origin" || column == "made_with_lived_experience" ||
         column == "prevention_scan" || column == "respite_facility";
}
// A yes/no column that also takes "onbekend".
bool YesNoUnknown(std::string_view column) { return column == "respite_facility"; }

// What a person reads about a finding, as HTML: on a Dutch page the rule's fix in plain
// Dutch (the server's English message is listed, folded, above the form); on an English
// page the message itself, which names the value. A finding without a fix shows its
// message, marked as English.
std::string FindingText(Lang lang, const SubmissionFieldError& e) {
  if (lang == Lang::kNl && e.range) {  // the number rule, with the numbers it takes
    const auto [min, max] = *e.range;
    if (max >= INT32_MAX) return EscapeHtml(fmt::format(fmt::runtime(T(lang, "sub.fix.number_from")), min));
    return EscapeHtml(fmt::format(fmt::runtime(T(lang, "sub.fix.number_between")), min, max));
  }
  if (lang == Lang::kNl && !e.fix_key.empty()) return EscapeHtml(T(lang, e.fix_key));
  if (lang == Lang::kNl) return fmt::format("<span lang=\"en\">{}</span>", EscapeHtml(e.message));
  return EscapeHtml(e.message);
}

// A finding's field in words: "capacity[2].places" -> "Capaciteit, rij 3, Plaatsen";
// a path the catalogue does not know stays as it is.
std::string FieldLabel(Lang lang, std::string_view field) {
  const auto open = field.find('[');
  const std::string table(field.substr(0, open));
  const std::string table_key = "sub.table." + table;
  if (!HasTranslation(lang, table_key)) return EscapeHtml(field);
  std::string out(T(lang, table_key));
  if (open == std::string_view::npos) return EscapeHtml(out);
  const auto close = field.find(']', open);
  if (close == std::string_view::npos) return EscapeHtml(field);
  const std::string_view digits = field.substr(open + 1, close - open - 1);
  if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return EscapeHtml(field);
  }
  out += fmt::format(", {} {}", T(lang, "sub.row"), std::stoul(std::string(digits)) + 1);
  if (close + 2 < field.size() && field[close + 1] == '.') {
    const std::string column_key = "sub.col." + std::string(field.substr(close + 2));
    out += ", " +
           (HasTranslation(lang, column_key) ? std::string(T(lang, column_key)) : std::string(field.substr(close + 2)));
  }
  return EscapeHtml(out);
}

// `label`: the field's name for assistive technology ("Naam, rij 2"): the column header
// is visible above it, but a field in a table has no label of its own.
// A municipality is chosen by name from the region's gemeenten; a date is a date field
// (the browser's own picker in its language, sent as YYYY-MM-DD; a Dutch date typed
// without one is read too, submission::FromDutchNotation); a value the field cannot show
// (a code not of the list, a date not as YYYY-MM-DD) is kept as typed, so its finding
// can be seen.
std::string Input(Lang lang, const std::string& name, std::string_view column, std::string_view kind,
                  const std::string& label, const std::string& value, bool editable, const std::string* error,
                  const std::vector<std::pair<std::string, std::string>>& municipalities) {
  const std::string id = EscapeHtml(name);
  const std::string aria = fmt::format(" aria-label=\"{}\"", EscapeHtml(label));
  const std::string invalid = error ? fmt::format(" aria-invalid=\"true\" aria-describedby=\"err-{}\"", id) : "";
  const std::string disabled = editable ? "" : " disabled";
  std::string html;
  const domain::CodeList* list = ListOf(column);
  const bool by_name = column == "municipality" && !municipalities.empty();
  if (list != nullptr || YesNo(column) || by_name) {
    html = fmt::format("<select name=\"{0}\" id=\"{0}\"{1}{2}{3}><option value=\"\"></option>", id, aria, invalid,
                       disabled);
    auto option = [&](std::string_view code, std::string_view text) {
      html += fmt::format("<option value=\"{0}\"{1}>{2}</option>", EscapeHtml(code), code == value ? " selected" : "",
                          EscapeHtml(text));
    };
    if (by_name) {
      for (const auto& [code, town] : municipalities) option(code, town);
      const bool known = value.empty() || std::any_of(municipalities.begin(), municipalities.end(),
                                                      [&](const auto& m) { return m.first == value; });
      if (!known) option(value, value);
    } else if (list != nullptr) {
      for (const auto& c : list->codes) option(c.code, lang == Lang::kEn ? c.en : c.nl);
      const bool known = value.empty() || std::any_of(list->codes.begin(), list->codes.end(),
                                                      [&](const domain::Code& c) { return c.code == value; });
      if (!known) option(value, value);  // keep what was typed, so its finding can be seen
    } else {
      option("ja", T(lang, "sub.yes"));
      option("nee", T(lang, "sub.no"));
      if (YesNoUnknown(column)) option("onbekend", T(lang, "sub.unknown"));
      if (!value.empty() && value != "ja" && value != "nee" && !(YesNoUnknown(column) && value == "onbekend")) {
        option(value, value);
      }
    }
    html += "</select>";
  } else {
    const bool date = kind == "date" && (value.empty() || core::Date::Parse(value).ok());
    const bool number = kind == "number";
    html = fmt::format("<input name=\"{0}\" id=\"{0}\" value=\"{1}\"{2}{3}{4}{5}>", id, EscapeHtml(value), aria,
                       invalid, disabled,
                       date     ? " type=\"date\""
                       : number ? " inputmode=\"numeric\""
                                : "");
  }
  if (error) html += fmt::format("<span class=\"field-error\" id=\"err-{}\">{}</span>", id, *error);
  return html;
}

}  // namespace

std::string RenderSubmissionErrorPage(int status, const std::string& message, Lang lang) {
  std::string html = PageStart(lang, T(lang, "sub.title"));
  html += ErrorBlock(status, message, lang);
  html += fmt::format("<p><a href=\"/aanlevering?lang={}\">{}</a></p>\n", LangCode(lang), T(lang, "sub.back"));
  return html + PageEnd(lang);
}

std::string RenderSubmissionListPage(const SubmissionListView& v, Lang lang) {
  std::string html = PageStart(lang, T(lang, "sub.title"), "period=" + v.period);
  html += fmt::format("<h2>{} {}</h2>\n", T(lang, "sub.title"), EscapeHtml(FormatPeriod(lang, v.period)));
  html += fmt::format(
      "<form method=\"get\" action=\"/aanlevering\"><label for=\"period\">{}</label> "
      "<input id=\"period\" name=\"period\" value=\"{}\" pattern=\"[0-9]{{4}}H[12]\" size=\"7\">"
      "<input type=\"hidden\" name=\"lang\" value=\"{}\"> <button>{}</button></form>\n",
      T(lang, "sub.period"), EscapeHtml(v.period), LangCode(lang), T(lang, "sub.show"));
  html += fmt::format("<p id=\"deadline\">{0}: <time datetime=\"{1}\">{3}</time>{2}</p>\n", T(lang, "sub.deadline"),
                      EscapeHtml(v.deadline),
                      v.deadline_default ? fmt::format(" ({})", T(lang, "sub.deadline_default")) : "",
                      EscapeHtml(FormatDate(lang, v.deadline)));
  if (v.show_completeness) {
    html += fmt::format("<p class=\"figure\" id=\"completeness\"><span class=\"value\">{}</span> {} {} {}</p>\n",
                        v.delivered, T(lang, "sub.of"), v.regions_total, T(lang, "sub.regions_delivered"));
  }
  html += fmt::format(
      "<div class=\"scroll\" tabindex=\"0\"><table id=\"submissions\">\n<thead><tr><th scope=\"col\">{}</th><th "
      "scope=\"col\">{}</th>"
      "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
      T(lang, "sub.col.region"), T(lang, "sub.state"), T(lang, "sub.col.updated"), T(lang, "sub.col.late"));
  for (const auto& r : v.rows) {
    html += fmt::format(
        "<tr data-region=\"{0}\" data-status=\"{3}\"><th scope=\"row\"><a "
        "href=\"/aanlevering/{0}/{1}?lang={2}\">{4}</a> "
        "({0})</th><td class=\"status-{3}\">{5}</td><td>{6}</td><td>{7}</td></tr>\n",
        EscapeHtml(r.region), EscapeHtml(v.period), LangCode(lang), EscapeHtml(r.status), EscapeHtml(r.region_name),
        StatusText(lang, r.status), EscapeHtml(r.updated_at), r.late ? T(lang, "sub.late") : "");
  }
  html += "</tbody></table></div>\n";
  return html + PageEnd(lang);
}

std::string RenderSubmissionFormPage(const SubmissionFormView& v, Lang lang) {
  std::string html = PageStart(lang, T(lang, "sub.form_title"));
  html += fmt::format("<h2>{} {} ({}) · {}</h2>\n", T(lang, "sub.form_title"), EscapeHtml(v.region_name),
                      EscapeHtml(v.region), EscapeHtml(FormatPeriod(lang, v.period)));
  html += fmt::format("<p><a href=\"/aanlevering?period={}&amp;lang={}\">{}</a></p>\n", EscapeHtml(v.period),
                      LangCode(lang), T(lang, "sub.back"));
  if (!v.message.empty() &&
      (v.message == "saved" || v.message == "submitted" || v.message == "accepted" || v.message == "returned")) {
    html += fmt::format("<p class=\"notice\" role=\"status\" id=\"message\">{}</p>\n", T(lang, "sub.msg." + v.message));
  }
  html += fmt::format(
      "<dl id=\"state\"><dt>{}</dt><dd id=\"status\" data-status=\"{}\">{}{}</dd><dt>{}</dt><dd id=\"version\">{}</dd>"
      "<dt>{}</dt><dd><time datetime=\"{}\">{}</time></dd>",
      T(lang, "sub.state"), EscapeHtml(v.status), StatusText(lang, v.status),
      v.late ? fmt::format(" ({})", T(lang, "sub.late")) : "", T(lang, "sub.version"), v.version,
      T(lang, "sub.deadline"), EscapeHtml(v.deadline), EscapeHtml(FormatDate(lang, v.deadline)));
  if (!v.updated_at.empty()) {
    html += fmt::format("<dt>{}</dt><dd>{} ({})</dd>", T(lang, "sub.col.updated"), EscapeHtml(v.updated_at),
                        EscapeHtml(v.updated_by));
  }
  if (!v.comment.empty()) {
    html += fmt::format("<dt>{}</dt><dd id=\"comment\">{}</dd>", T(lang, "sub.comment"), EscapeHtml(v.comment));
  }
  html += "</dl>\n";
  // Findings that belong to no shown field (a table, the whole content) are listed on top.
  std::vector<const SubmissionFieldError*> general;
  for (const auto& e : v.errors) {
    if (e.field.find('.') == std::string::npos) general.push_back(&e);
  }
  if (!v.errors.empty()) {
    html += AlertStart("error", "role=\"alert\" id=\"errors\"") +
            fmt::format("<p>{} ({})</p><ul>", T(lang, "sub.has_errors"), v.errors.size());
    for (const auto* e : general)
      html += fmt::format("<li>{}: {}</li>", FieldLabel(lang, e->field), FindingText(lang, *e));
    html += "</ul>";
    if (lang == Lang::kNl) {  // the server's own words, for a helpdesk, marked as English and folded away
      html +=
          fmt::format("<details id=\"errors-technical\"><summary>{}</summary><ul lang=\"en\">", T(lang, "err.details"));
      for (const auto& e : v.errors) html += fmt::format("<li>{}: {}</li>", EscapeHtml(e.field), EscapeHtml(e.message));
      html += "</ul></details>";
    }
    html += kAlertEnd;
  }
  const std::string action = fmt::format("/aanlevering/{}/{}{}", EscapeHtml(v.region), EscapeHtml(v.period),
                                         lang == Lang::kEn ? "?lang=en" : "");
  const std::string hidden = fmt::format(
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">",
      EscapeHtml(v.csrf), v.version);
  html += fmt::format("<form method=\"post\" action=\"{}\" id=\"submission-form\">{}\n", action, hidden);
  for (const auto& t : v.tables) {
    html += fmt::format(
        "<fieldset id=\"table-{0}\"><legend>{1} ({2})</legend>\n<div class=\"scroll\" "
        "tabindex=\"0\"><table><thead><tr>",
        EscapeHtml(t.name), T(lang, t.title_key), EscapeHtml(t.indicator));
    for (const auto& c : t.columns) html += fmt::format("<th scope=\"col\">{}</th>", T(lang, "sub.col." + c));
    html += "</tr></thead><tbody>\n";
    const std::size_t n = t.rows.size() + static_cast<std::size_t>(v.can_edit ? t.blank_rows : 0);
    for (std::size_t i = 0; i < n; ++i) {
      html += "<tr>";
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const std::string name = fmt::format("{}[{}].{}", t.name, i, t.columns[c]);
        std::optional<std::string> error;
        for (const auto& e : v.errors) {
          if (e.field == name) error = FindingText(lang, e);
        }
        const std::string value = i < t.rows.size() && c < t.rows[i].size() ? t.rows[i][c] : "";
        const std::string label =
            fmt::format("{}, {} {}", T(lang, "sub.col." + t.columns[c]), T(lang, "sub.row"), i + 1);
        html += "<td>" +
                Input(lang, name, t.columns[c], c < t.kinds.size() ? t.kinds[c] : "", label, value, v.can_edit,
                      error ? &*error : nullptr, v.municipalities) +
                "</td>";
      }
      html += "</tr>\n";
    }
    html += "</tbody></table></div>";
    for (const auto& e : v.errors) {  // findings about a whole row of this table
      if (e.field.starts_with(t.name + "[") && e.field.find('.') == std::string::npos) {
        html += fmt::format("<p class=\"field-error\">{}: {}</p>", FieldLabel(lang, e.field), FindingText(lang, e));
      }
    }
    html += "</fieldset>\n";
  }
  if (v.can_edit) {
    html += fmt::format("<p><button name=\"action\" value=\"save\" id=\"save\">{}</button>", T(lang, "sub.save"));
    if (v.can_submit) {
      html += fmt::format(" <button name=\"action\" value=\"submit\" id=\"submit\">{}</button>", T(lang, "sub.submit"));
    }
    html += "</p>\n";
  }
  html += "</form>\n";
  if (v.can_edit) {
    html += fmt::format(
        "<p><a href=\"/api/v1/submissions/{0}/{1}/template.xlsx\" id=\"template\">{2}</a></p>\n"
        "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/api/v1/submissions/{0}/{1}/upload.xlsx\" "
        "id=\"xlsx-upload\" data-refused=\"{6}\" data-technical=\"{7}\" hidden><p><label for=\"file\">{3}</label> "
        "<input type=\"file\" id=\"file\" name=\"file\" accept=\".xlsx\">{4} "
        "<button>{5}</button></p><div id=\"xlsx-result\" role=\"alert\"></div></form>\n"
        "<script src=\"/assets/submission.js\" defer></script>\n",
        EscapeHtml(v.region), EscapeHtml(v.period), T(lang, "sub.template"), T(lang, "sub.upload"), hidden,
        T(lang, "sub.upload_button"), T(lang, "sub.upload_refused"), T(lang, "err.details"));
  }
  if (v.can_review) {
    html += fmt::format(
        "<form method=\"post\" action=\"/aanlevering/{0}/{1}/beoordeling{2}\" id=\"review\">{3}"
        "<p><label for=\"review-comment\">{4}</label><br><textarea id=\"review-comment\" name=\"comment\" rows=\"3\" "
        "cols=\"60\"></textarea></p><p><button name=\"action\" value=\"accept\" id=\"accept\">{5}</button> "
        "<button name=\"action\" value=\"return\" id=\"return\">{6}</button></p></form>\n",
        EscapeHtml(v.region), EscapeHtml(v.period), lang == Lang::kEn ? "?lang=en" : "", hidden, T(lang, "sub.comment"),
        T(lang, "sub.accept"), T(lang, "sub.return"));
  }
  return html + PageEnd(lang);
}

}  // namespace onderdak::web
