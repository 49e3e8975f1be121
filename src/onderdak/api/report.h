// The region's yearly progress report and the national half-year report (issue 18, ADR
// 0038), each as one self-contained HTML document, built from the same figures as the public region page (disclosure
// control applied): web/report_page.h renders it; `onderdak report` writes it or prints it to PDF.
#pragma once

#include <string>

#include "onderdak/api/pages.h"
#include "onderdak/core/result.h"
#include "onderdak/web/report_page.h"

namespace onderdak::api {

struct RegionReportRequest {
  std::string region;  // CBS code of the centrumgemeente
  int year = 0;        // the report covers this year's half-years, beside the year before
  web::Lang lang = web::Lang::kNl;
  std::string definition = std::string(indicators::kDefaultDefinition);
};

// NotFound for a code that is not a region in force; InvalidInput for an unknown
// definition or a year without any delivery (naming the years that have some).
core::Result<web::ReportDocument> RegionReportHtml(PageSources& src, const RegionReportRequest& request);

struct NationalReportRequest {
  std::string period;  // a half-year, "2023H2"
  web::Lang lang = web::Lang::kNl;
  std::string definition = std::string(indicators::kDefaultDefinition);
};

// The national half-year report. InvalidInput for a period that is not a half-year or has
// no deliveries (naming the half-years that have some), or an unknown definition.
core::Result<web::ReportDocument> NationalReportHtml(PageSources& src, const NationalReportRequest& request);

}  // namespace onderdak::api
