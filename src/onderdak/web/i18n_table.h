// The message catalogue's tables (internal to the web layer): i18n.cc holds the
// dashboard's texts, i18n_provider.cc those of the pages for providers, i18n_errors.cc
// those of error pages, i18n_glossary.cc those of the glossary
// (/begrippen), i18n_report.cc those of the regional report.
#pragma once

#include <span>
#include <string_view>

namespace onderdak::web::internal {

struct TextEntry {
  std::string_view key, nl, en;
};

std::span<const TextEntry> ProviderTexts();
std::span<const TextEntry> ErrorTexts();
std::span<const TextEntry> GlossaryTexts();
std::span<const TextEntry> ReportTexts();
std::span<const TextEntry> ProjectionTexts();

}  // namespace onderdak::web::internal
