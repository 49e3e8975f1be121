// Uploading deliveries over HTTP (POST /api/v1/deliveries, a zip body, validated exactly
// as `onderdak import` does) and reading their metadata and validation results, scoped
// to the caller (access.cc). Issue 7, ADR 0013.
#pragma once

#include <optional>

#include "onderdak/api/routes.h"
#include "onderdak/ingest/pseudonymiser.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

struct UploadOptions {
  // The pseudonymisation key; without it uploads are refused (503).
  std::optional<ingest::Pseudonymiser> pseudonymiser;
  std::size_t max_errors = 100;
};

void RegisterDeliveryRoutes(Routes& routes, store::Store& store, const UploadOptions& options);

}  // namespace onderdak::api
