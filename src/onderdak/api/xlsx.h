// Figures as an XLSX workbook: one sheet with the CSV columns (docs/indicators.md §5.2),
// numbers stored as numbers, text never as a formula. Used by `onderdak indicators
// --format xlsx` and by /api/v1/indicators?format=xlsx, so both give the same workbook.
//
// Thread-safe (libxlsxwriter keeps no global state; each call has its own workbook).
#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "onderdak/core/result.h"
#include "onderdak/indicators/figure.h"

namespace onderdak::api {

// Writes the workbook to `path`, with `title` in its first row. Io when it cannot be written.
core::Status WriteFiguresXlsx(const std::filesystem::path& path, std::span<const indicators::Figure> figures,
                              const std::string& title);

// The same workbook as bytes (written through a private temporary file, then removed).
core::Result<std::string> FiguresXlsxBytes(std::span<const indicators::Figure> figures, const std::string& title);

}  // namespace onderdak::api
