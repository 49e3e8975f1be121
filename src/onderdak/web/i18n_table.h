// The message catalogue's tables (internal to the web layer): i18n.cc holds the
// dashboard's texts, i18n_provider.cc those of the pages for providers, i18n_errors.cc
// those of error pages.
#pragma once

#include <span>
#include <string_view>

namespace onderdak::web::internal {

struct TextEntry {
  std::string_view key, nl, en;
};

std::span<const TextEntry> ProviderTexts();
std::span<const TextEntry> ErrorTexts();

}  // namespace onderdak::web::internal
