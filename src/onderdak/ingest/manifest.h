// manifest.json of a delivery (docs/exchange-format.md §1): read, checked and parsed with
// bounded code only (no std::regex, no recursion on the input; every field has a length
// limit), so a hostile manifest is refused with a message and never crashes the process.
//
// Used by the importer and, before an upload is imported, by the HTTP upload route (to
// check that the caller may deliver for the manifest's region and organisation).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"
#include "onderdak/ingest/delivery_source.h"

namespace onderdak::ingest {

// Limits of the manifest (also in docs/exchange-format.md §1).
inline constexpr std::size_t kManifestMaxBytes = 64 * 1024;
inline constexpr std::size_t kManifestRegionMax = 16;
inline constexpr std::size_t kManifestOrganisationMax = 64;
inline constexpr std::size_t kManifestOrganisationNameMax = 200;
inline constexpr std::size_t kManifestCreatedMax = 35;  // 2021-07-15T09:30:00.123456789+01:00
inline constexpr std::size_t kManifestPeriodMax = 6;

struct Manifest {
  std::string region, organisation, organisation_name, created;
  core::Period period = core::Period::Year(1970);
  bool synthetic = false;  // optional `synthetic`: true for generated demonstration data
};

// What could be read of a refused manifest, so that the importer can still check the
// delivery's files and show every problem at once.
struct ManifestParts {
  Manifest manifest;    // the fields that keep their rules; the others empty
  bool period = false;  // manifest.period was read
  // Per message appended to `errors`: the field it is about, or "" for the whole file.
  std::vector<std::string> error_fields;
};

// Checks the manifest text. On success returns the manifest; otherwise appends one message
// per problem to `errors` ("manifest.json: organisation: must be ...") and returns nullopt.
// `parts`, when given, receives what could be read and the field of each message.
std::optional<Manifest> ParseManifest(std::string_view text, std::vector<std::string>& errors,
                                      ManifestParts* parts = nullptr);

// Reads manifest.json from `source` and parses it. On refusal appends messages to `errors`
// (and fills `parts`, when given, as ParseManifest).
std::optional<Manifest> ReadManifest(DeliverySource& source, std::vector<std::string>& errors,
                                     ManifestParts* parts = nullptr);

// The same as a Result: InvalidInput whose message lists every problem ("; "-separated).
core::Result<Manifest> ReadManifest(DeliverySource& source);

// Whether `text` is an ISO 8601 timestamp with a time zone and a date in the calendar:
// YYYY-MM-DDThh:mm[:ss[.fraction]](Z|+hh:mm|-hh:mm), the fraction 1-9 digits.
bool IsIsoTimestamp(std::string_view text);

}  // namespace onderdak::ingest
