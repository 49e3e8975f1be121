// The frame every report shares (ADR 0038), internal to the web layer: the document's head
// (metadata, print style with A4 pages and page numbers, a Content-Security-Policy that
// keeps it self-contained), the cover, the appendices with the definitions and the
// provenance, and the end (each table in its own scroll box on a phone).
#pragma once

#include <string>
#include <string_view>

#include "onderdak/web/definition_view.h"
#include "onderdak/web/i18n.h"
#include "onderdak/web/report_page.h"

namespace onderdak::web {

struct ReportFrame {
  std::string title{}, subtitle{};
  std::string footer{};  // the running footer on every page but the first
  std::string scope{};   // "NL" or the region's code (metadata)
  std::string period{};  // "2023" or "2023H2" (metadata)
  const DefinitionView* definition = nullptr;
  std::string command{};                      // the command that makes the report again
  std::string_view kind_key = "report.kind";  // the line above the title
  bool approximate = false;
  ReportProvenance provenance{};
};

// <!DOCTYPE html> up to and including the cover.
std::string ReportStart(const ReportFrame& f, Lang lang);
// Appendix A (the definition in force, every indicator, the signs) and B (provenance).
std::string ReportAppendices(const ReportFrame& f, Lang lang);
// Closes the document and puts each table in a scroll box.
std::string ReportEnd(std::string html);

}  // namespace onderdak::web
