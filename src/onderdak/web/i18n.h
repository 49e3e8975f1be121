// The user interface speaks Dutch by default, with an English switch (?lang=en).
// Every visible text is a key looked up here, so a page cannot mix languages and a
// missing translation fails the i18n test instead of showing a key to a user.
#pragma once

#include <string_view>
#include <vector>

namespace onderdak::web {

enum class Lang { kNl, kEn };

// "en" -> kEn; anything else (including empty) -> kNl.
Lang ParseLang(std::string_view code);
std::string_view LangCode(Lang lang);

// The text for `key` in `lang`; the key itself when unknown (tests catch that).
std::string_view T(Lang lang, std::string_view key);

// All keys, for the completeness test.
std::vector<std::string_view> AllKeys();
bool HasTranslation(Lang lang, std::string_view key);

}  // namespace onderdak::web
