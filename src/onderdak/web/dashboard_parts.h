// Pieces shared by the dashboard pages (dashboard.h). Internal to the web layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/web/dashboard.h"

namespace onderdak::web {

// A GET form's period selector (label + select), with the id "period".
std::string PeriodSelect(Lang lang, const std::vector<std::string>& periods, std::string_view selected);
// The label of a headline measure in `lang`.
std::string_view MeasureLabel(Lang lang, std::size_t measure);
// The value of a cell for sorting and charts ("" when not published), in C locale.
std::string DataValue(const Cell& cell);
// <script src="/assets/NAME" defer></script>
std::string Script(std::string_view name);
// Whether the region delivered completely in `period` (its completeness row): only then
// may a figure be compared with another period's (a missing delivery is never a fall).
bool DeliveredCompletely(const RegionPageData& d, std::string_view period);
// Counted beside estimated in words for one half-year (ADR 0011): the estimate as a number
// only when reliable, else "te onzeker" or "geen schatting mogelijk", with its interval
// and the reason; the mark when the count is suppressed. HTML.
std::string HiddenEstimateHtml(const RegionPageData::Hidden& h, Lang lang);
// A count of persons, or the sign of why there is none (suppressed unless said otherwise). Text.
std::string PersonsText(Lang lang, std::optional<std::int64_t> n, Mark why = Mark::kSuppressed);

}  // namespace onderdak::web
