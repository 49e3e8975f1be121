// Shared steps of init, demo and serve: bring a database to a usable state.
#pragma once

#include "onderdak/core/config.h"
#include "onderdak/core/result.h"
#include "onderdak/domain/reference.h"
#include "onderdak/store/store.h"

namespace onderdak::cli {

struct InitSummary {
  int schema_version = 0;
  bool loaded_reference = false;  // false when a version was already in force
  bool created_key = false;       // false when the key file already existed
  domain::ReferenceVersion version;
};

// Creates the pseudonymisation key if it does not exist (and checks it loads if it does),
// and loads the shipped regions if nothing is in force today. Idempotent.
core::Result<InitSummary> EnsureInitialised(store::Store& store, const core::Config& config);

}  // namespace onderdak::cli
