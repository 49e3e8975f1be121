// A provider's own figures (issue 19 item 4): /mijn-cijfers and its drill-down to the stays
// of one location, and the same as JSON (and CSV) under /api/v1/provider-figures. A
// provider uploader sees its own organisation in its regions; a region steward chooses an
// organisation delivering for its regions (access.cc). Computed on the server's shared
// snapshot of the current deliveries (FigureCache), by indicators/provider_figures.h.
#pragma once

#include "onderdak/api/caches.h"
#include "onderdak/api/routes.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

void RegisterProviderRoutes(Routes& routes, store::Store& store, FigureCache& figures);

}  // namespace onderdak::api
