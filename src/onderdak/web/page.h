// The frame shared by every page (header with the language switch, navigation, style,
// footer). Internal to the web layer.
#pragma once

#include <string>
#include <string_view>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

// `query` is kept on the language switch link (e.g. "period=2021H2"), without "lang".
std::string PageStart(Lang lang, std::string_view title, std::string_view query = "");
std::string PageEnd(Lang lang);

}  // namespace onderdak::web
