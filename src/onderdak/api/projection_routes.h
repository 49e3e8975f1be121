// The projection to 2030 on the web (issue 17): /api/v1/projection (JSON) and the page
// /projectie ("Op weg naar 2030"). Every unit is fitted once per set of current deliveries
// and definition (ProjectionCache); a changed scenario only projects the fitted replicates
// again. Public figures: a unit with 1 .. threshold - 1 persons homeless on its last
// delivered day is withheld.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "onderdak/api/pages.h"
#include "onderdak/projection/from_data.h"

namespace onderdak::api {

// Bootstrap replicates behind the public band, and its seed.
inline constexpr int kPublicReplicates = 1000;
inline constexpr std::uint64_t kPublicSeed = 1;

class ProjectionCache {
 public:
  // The fitted units of the current deliveries under `definition`.
  core::Result<std::shared_ptr<const projection::FittedData>> Get(PageSources& src, const std::string& definition);

 private:
  std::mutex mu_;
  std::string fingerprint_;
  std::map<std::string, std::shared_ptr<const projection::FittedData>> by_definition_;
};

// /api/v1/projection?region=NL&to=2030&prevention=10&extra=50&pipeline=1&wonen_eerst=20&fewer_returns=25
// &definition=monitor (percentages and placements per half-year as whole numbers).
core::Result<nlohmann::json> ProjectionApi(PageSources& src, ProjectionCache& cache, const QueryParams& params);
// /projectie?regio=GM0363&preventie=10&extra=50&pijplijn=1&wonen_eerst=20&terugval=25&definition=monitor
core::Result<std::string> ProjectionPage(PageSources& src, ProjectionCache& cache, const QueryParams& params,
                                         web::Lang lang);

}  // namespace onderdak::api
