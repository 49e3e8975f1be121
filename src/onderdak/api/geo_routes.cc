#include "onderdak/api/geo_routes.h"

#include <memory>
#include <mutex>
#include <string>

#include "onderdak/api/compression.h"
#include "onderdak/api/http_error.h"

namespace onderdak::api {
namespace {

// The newest file's text, read from the store once per version (it may be megabytes).
class BoundaryBody {
 public:
  // The body of the version with `sha256`; reads the newest from the store when the cached
  // one is another (the newest may have changed since the metadata was read: the ETag is
  // then taken from what is actually sent).
  core::Result<std::pair<std::string, std::shared_ptr<const std::string>>> Get(store::Store& store,
                                                                               const std::string& sha256) {
    {
      std::lock_guard lock(mu_);
      if (body_ && sha256_ == sha256) return std::pair{sha256_, body_};
    }
    ONDERDAK_ASSIGN_OR_RETURN(auto file, store.Geo().LatestBoundaries());
    auto body = std::make_shared<const std::string>(std::move(file.json));
    std::lock_guard lock(mu_);
    sha256_ = file.meta.sha256;
    body_ = body;
    return std::pair{sha256_, body_};
  }

 private:
  std::mutex mu_;
  std::string sha256_;
  std::shared_ptr<const std::string> body_;
};

}  // namespace

void RegisterGeoRoutes(Routes& routes, store::Store& store) {
  auto cache = std::make_shared<BoundaryBody>();
  routes.Get("/api/v1/geo/municipalities", [&store, cache](const httplib::Request& req, httplib::Response& res) {
    if (!req.params.empty()) {
      return SendError(res, core::Status::InvalidInput("unknown parameter '" + req.params.begin()->first +
                                                       "'; this route takes none"));
    }
    auto versions = store.Geo().ListBoundaries();
    if (!versions.ok()) return SendError(res, versions.status());
    if (versions->empty()) {
      return SendError(res, core::Status::NotFound("no municipality boundaries imported (see 'onderdak geo import')"));
    }
    res.set_header("Cache-Control", "no-cache");  // revalidate: a new import replaces it
    const std::string newest = "\"" + versions->back().sha256 + "\"";
    if (ETagListMatches(req.get_header_value("If-None-Match"), newest)) {
      res.set_header("ETag", newest);
      res.status = 304;
      return;
    }
    auto body = cache->Get(store, versions->back().sha256);
    if (!body.ok()) return SendError(res, body.status());
    res.set_header("ETag", "\"" + body->first + "\"");
    res.set_content(*body->second, kJsonType);
  });
}

}  // namespace onderdak::api
