// The routes of logging in and out, users and API tokens, and the audit log (issue 7,
// ADR 0013); their access rules are in access.cc.
#pragma once

#include "onderdak/api/routes.h"
#include "onderdak/api/session.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

void RegisterAccountRoutes(Routes& routes, store::Store& store, Gatekeeper& gate);

}  // namespace onderdak::api
