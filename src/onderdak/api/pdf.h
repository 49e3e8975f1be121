// HTML to PDF for the reports (issue 18, ADR 0038): Debian's headless Chromium prints a
// self-contained HTML document (A4, page numbers from the document's own @page rules, a
// tagged PDF with the fonts embedded), then the document information dictionary gets
// onderdak's metadata by an incremental update (Chromium writes only the title).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "onderdak/core/result.h"

namespace onderdak::api {

struct PdfOptions {
  // The browser: ONDERDAK_CHROMIUM, else Debian's chromium-headless-shell.
  std::filesystem::path chromium{};
  int timeout_seconds = 120;
  // The document information dictionary (Title, Author, Subject, Keywords, Creator, ...),
  // replacing Chromium's; values may be any UTF-8.
  std::vector<std::pair<std::string, std::string>> info{};
};

// The default browser path (see PdfOptions::chromium).
std::filesystem::path DefaultChromium();

// Prints `html` to `out` (written whole or not at all). Unavailable when the browser is
// missing, fails or takes longer than the timeout, naming what to install or set.
core::Status PrintPdf(const std::string& html, const std::filesystem::path& out, const PdfOptions& options);

// Writes `bytes` to `out` whole or not at all: beside it first, then renamed over it.
core::Status WriteWhole(const std::filesystem::path& out, const std::string& bytes);

// Makes `info` the PDF's document information by an incremental update (the bytes before
// stay as they are). InvalidInput for a PDF without a classic cross-reference table.
core::Status AddPdfInfo(const std::filesystem::path& pdf, const std::vector<std::pair<std::string, std::string>>& info);

}  // namespace onderdak::api
