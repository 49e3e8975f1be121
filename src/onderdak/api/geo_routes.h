// The map's boundary routes (issue 6): the newest imported municipality boundary file
// (store/geo.h) as is. Public (no login): boundaries hold no person data. Routes are
// added to the server by one call in server.cc's RegisterRoutes.
#pragma once

#include "onderdak/api/routes.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

// GET /api/v1/geo/municipalities: the newest boundary file's JSON text, byte for byte,
// with the ETag "<sha256>" (304 on If-None-Match); 404 with the error body when none was
// imported. The text is kept in memory per version, so a request after the first reads
// only the versions' metadata. `store` must outlive the server.
void RegisterGeoRoutes(Routes& routes, store::Store& store);

}  // namespace onderdak::api
