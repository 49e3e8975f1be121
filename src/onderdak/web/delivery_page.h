// The page on which a provider (or a region steward) delivers in the browser (/leveringen,
// issue 19 item 1): choose a delivery's .zip, check it (nothing is stored), read every
// error with its fix, import it; and the caller's earlier deliveries with their versions.
// Data in, HTML out; api/delivery_routes.cc serves it, web/static/upload.js sends the
// file to POST /api/v1/deliveries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

// A check of the delivery's data-quality report that is over its threshold.
struct QualityFlagView {
  std::string id;  // ingest/quality.h; the title is the catalogue's "quality.<id>"
  std::string file, detail;
};

struct DeliveryRowView {
  std::int64_t id = 0;
  std::string organisation{}, region{}, period{};
  int version = 1;
  bool current = true;  // the version in force
  std::string imported_at{}, source{}, sha256{};
  bool has_quality = false;              // a quality report was stored with it
  std::vector<QualityFlagView> flags{};  // its flagged checks
};

struct DeliveryPageView {
  std::string csrf;                   // the session's token, sent with the upload
  std::string organisation;           // a provider's own organisation; empty for a steward
  std::vector<std::string> regions;   // the regions the caller may deliver for
  std::vector<DeliveryRowView> rows;  // the deliveries the caller may see, newest first
  bool more = false;                  // there were more than the rows shown
};

std::string RenderDeliveryPage(const DeliveryPageView& view, Lang lang);

}  // namespace onderdak::web
