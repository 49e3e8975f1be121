// The glossary (/begrippen): a short explanation of every definition preset, every
// headline indicator and the terms and signs the pages use (issue 21 item 6). Each entry
// has an anchor ("definitie-monitor", "P1", "per10k") that the pages link to beside a
// figure, and whose text they show on hover (GlossaryHint).
#pragma once

#include <string>
#include <string_view>

#include "onderdak/web/definition_view.h"
#include "onderdak/web/i18n.h"

namespace onderdak::web {

// The page; `definitions` lists the presets (their labels come from the api layer).
std::string RenderGlossaryPage(Lang lang, const DefinitionView& definitions);

// The short explanation of an indicator ("P1") or preset ("def.monitor") for a title
// attribute; empty when there is none.
std::string_view GlossaryHint(Lang lang, std::string_view id);

// A link to the glossary entry `anchor` with `text`, its hint as the hover title.
std::string GlossaryLink(Lang lang, std::string_view anchor, std::string_view hint_id, std::string_view text);

}  // namespace onderdak::web
