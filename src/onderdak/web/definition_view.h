// The definition preset on a page (docs/indicators.md §2.7): always stated, and a small
// GET form to choose another. The api layer fills the choices from indicators'
// AllDefinitions() (the web layer does not depend on the engine). Internal to the web layer.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

struct DefinitionView {
  struct Choice {
    std::string name, label_nl, label_en;
  };
  std::string active = "monitor";  // the preset the page's figures are computed under
  bool is_default = true;          // `active` is the default (links then leave it out)
  std::vector<Choice> choices;
  std::string_view Label(Lang lang) const;
  // "definition=cbs" for a query string, or "" for the default.
  std::string Query() const;
};

// A hidden input keeping a chosen preset in another GET form ("" for the default).
std::string DefinitionHiddenInput(const DefinitionView& v);

// <p id="definition">: which definition the figures follow, and a form (GET `action`)
// with a select of the presets; `hidden` are kept as hidden inputs (e.g. period, lang).
std::string DefinitionHtml(Lang lang, const DefinitionView& v, std::string_view action,
                           const std::vector<std::pair<std::string, std::string>>& hidden);

}  // namespace onderdak::web
