// Pieces shared by the dashboard pages (dashboard.h). Internal to the web layer.
#pragma once

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

}  // namespace onderdak::web
