// Server-rendered HTML pages. Pure functions of domain values: no I/O, no store access,
// so they are tested directly and the api layer decides what data to pass.
#pragma once

#include <string>
#include <string_view>

#include "onderdak/domain/reference.h"
#include "onderdak/web/i18n.h"

namespace onderdak::web {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

// The regions overview: every centrumgemeente region with its members, the version in
// force and, for an approximate division, a visible warning.
std::string RenderRegionsPage(const domain::ReferenceSet& set, const domain::ReferenceVersion& version, Lang lang);

// The same page when no reference data is loaded yet.
std::string RenderNoRegionsPage(Lang lang);

}  // namespace onderdak::web
