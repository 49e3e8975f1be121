// The regions' online submission of their aggregate figures (issue 7, ADR 0014): the JSON
// API under /api/v1/submissions, the deadlines, the XLSX template and upload, and the
// pages /aanlevering (the period's list) and /aanlevering/{region}/{period} (the form).
// Who may call which route is in access.cc ("Submissions (ADR 0014)"); the states, the
// validation and the import on acceptance are submission::SubmissionService's.
#pragma once

#include "onderdak/api/routes.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

void RegisterSubmissionRoutes(Routes& routes, store::Store& store);

}  // namespace onderdak::api
