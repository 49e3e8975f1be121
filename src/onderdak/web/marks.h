// One meaning per sign (docs/api.md, "Marks"): why a cell holds no number. Every page
// that can show an empty cell uses these marks and shows their legend, in Dutch and
// English. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

enum class Mark {
  kNone,           // a number is shown
  kSuppressed,     // statistische geheimhouding: fewer than 5, or derivable from other cells
  kNotDelivered,   // the region (or organisation) delivered nothing for this period
  kInsufficient,   // a national figure below the coverage threshold (onvoldoende gegevens)
  kNotApplicable,  // the figure does not exist for this cell (e.g. no national value)
  kNotEstimable,   // no estimate of the hidden population can be made
  kUnknown,        // not known whether yes or no (e.g. a plan not reported)
};

// The short sign shown in a cell: "x", "n.g.", "o.g.", "n.v.t.", "g.s.", "?" (Dutch), or
// "x", "n.d.", "i.d.", "n.a.", "n.e.", "?" (English). Empty for kNone.
std::string_view MarkSign(Lang lang, Mark mark);
// Its meaning in words, e.g. "niet geleverd".
std::string_view MarkMeaning(Lang lang, Mark mark);
// The sign inside <abbr> with its meaning as title (HTML).
std::string MarkHtml(Lang lang, Mark mark);
// The legend of every mark as a <dl class="marks"> (HTML).
std::string MarksLegend(Lang lang);

}  // namespace onderdak::web
