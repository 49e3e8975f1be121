// The front end's static files, served from the local disk only (no CDN: the dashboard
// works without internet). Two sources under the web folder:
//   /assets/<name>.js|.css      -> <web>/static/<name>        (the pages' own scripts)
//   /assets/vendor/chart.umd.js -> <web>/node_modules/chart.js/dist/chart.umd.min.js
//   /assets/vendor/{d3-array,d3-geo,topojson-client,topojson-server}.js -> their dist/*.min.js
// The web folder is ServerOptions::web_dir, else $ONDERDAK_WEB_DIR, else the source
// tree's web/ compiled in (docs/api.md). Thread-safe: files are read per request.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "onderdak/core/result.h"

namespace onderdak::api {

// `configured` (may be empty) > $ONDERDAK_WEB_DIR > the compiled-in default.
std::filesystem::path ResolveWebDir(const std::string& configured);

struct Asset {
  std::string body;
  std::string content_type;
};

// The asset at URL path `path` ("/assets/map.js"). NotFound for anything else, including
// names with "/" or ".." (only the files named above are served).
core::Result<Asset> LoadAsset(const std::filesystem::path& web_dir, std::string_view path);

}  // namespace onderdak::api
