#include "onderdak/web/marks.h"

#include <fmt/format.h>

#include <array>

#include "onderdak/web/html.h"

namespace onderdak::web {
namespace {

struct MarkText {
  Mark mark;
  std::string_view sign_nl, sign_en, meaning_nl, meaning_en;
};

constexpr std::array kMarks{
    MarkText{Mark::kSuppressed, "x", "x",
             "afgeschermd (statistische geheimhouding: minder dan 5 personen, of af te leiden uit andere cellen)",
             "withheld (statistical confidentiality: fewer than 5 persons, or derivable from other cells)"},
    MarkText{Mark::kNotDelivered, "n.g.", "n.d.", "niet geleverd voor deze periode", "not delivered for this period"},
    MarkText{Mark::kInsufficient, "o.g.", "i.d.",
             "onvoldoende gegevens: te weinig regio's leverden om een landelijk cijfer te tonen",
             "insufficient data: too few regions delivered to show a national figure"},
    MarkText{Mark::kNotApplicable, "n.v.t.", "n.a.", "niet van toepassing", "not applicable"},
    MarkText{Mark::kNotEstimable, "g.s.", "n.e.", "geen schatting mogelijk", "not estimable"},
    MarkText{Mark::kUnknown, "?", "?", "onbekend (niet gerapporteerd)", "unknown (not reported)"},
};

const MarkText* Find(Mark mark) {
  for (const auto& m : kMarks) {
    if (m.mark == mark) return &m;
  }
  return nullptr;
}

}  // namespace

std::string_view MarkSign(Lang lang, Mark mark) {
  const auto* m = Find(mark);
  if (m == nullptr) return {};
  return lang == Lang::kEn ? m->sign_en : m->sign_nl;
}

std::string_view MarkMeaning(Lang lang, Mark mark) {
  const auto* m = Find(mark);
  if (m == nullptr) return {};
  return lang == Lang::kEn ? m->meaning_en : m->meaning_nl;
}

std::string MarkHtml(Lang lang, Mark mark) {
  if (mark == Mark::kNone) return {};
  return fmt::format("<abbr class=\"mark\" data-mark=\"{}\" title=\"{}\">{}</abbr>", static_cast<int>(mark),
                     EscapeHtml(MarkMeaning(lang, mark)), EscapeHtml(MarkSign(lang, mark)));
}

std::string MarksLegend(Lang lang) {
  std::string html = fmt::format("<dl class=\"marks\" id=\"marks-legend\" aria-label=\"{}\">",
                                 lang == Lang::kEn ? "Signs in the tables" : "Tekens in de tabellen");
  for (const auto& m : kMarks) {
    html += fmt::format("<dt>{}</dt><dd>{}</dd>", EscapeHtml(lang == Lang::kEn ? m.sign_en : m.sign_nl),
                        EscapeHtml(lang == Lang::kEn ? m.meaning_en : m.meaning_nl));
  }
  return html + "</dl>\n";
}

}  // namespace onderdak::web
