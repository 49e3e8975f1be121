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

// An NL Design System alert (utrecht-alert, ADR 0035): `kind` is warning, error, info or
// ok; `attributes` go on the outer element (id="…" role="…"); `message` is the block
// content (paragraphs, a list).
std::string Alert(std::string_view kind, std::string_view attributes, std::string_view message);
// The two halves of an alert, for a message built piece by piece.
std::string AlertStart(std::string_view kind, std::string_view attributes);
inline constexpr std::string_view kAlertEnd = "</div></div></div>\n";

}  // namespace onderdak::web
