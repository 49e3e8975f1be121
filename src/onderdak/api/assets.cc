#include "onderdak/api/assets.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>

#include <spdlog/spdlog.h>

namespace onderdak::api {
namespace {

// npm packages served, by URL: only files named here leave node_modules/.
struct Vendor {
  std::string_view url, file;
};
constexpr Vendor kVendor[] = {
    {"/assets/vendor/chart.umd.js", "node_modules/chart.js/dist/chart.umd.min.js"},
    // The boundary map (map.js, ADR 0015): d3-geo needs d3-array loaded first.
    {"/assets/vendor/d3-array.js", "node_modules/d3-array/dist/d3-array.min.js"},
    {"/assets/vendor/d3-geo.js", "node_modules/d3-geo/dist/d3-geo.min.js"},
    {"/assets/vendor/topojson-client.js", "node_modules/topojson-client/dist/topojson-client.min.js"},
    {"/assets/vendor/topojson-server.js", "node_modules/topojson-server/dist/topojson-server.min.js"},
    // Delivering a folder's files in the browser (upload.js, ADR 0032): zipped before sending.
    {"/assets/vendor/fflate.js", "node_modules/fflate/umd/index.js"},
};

// The NL Design System's community components (ADR 0035), served as one stylesheet: the
// styles of plain HTML elements (headings, paragraphs, links, tables, forms, buttons)
// inside <html class="utrecht-html">, and the components the page frame uses by class.
// Their look comes from design tokens (--utrecht-*), set by onderdak's own theme
// (web/static/theme.css).
constexpr std::string_view kNlDesignSystem[] = {
    "node_modules/@utrecht/component-library-css/dist/html.css", "node_modules/@utrecht/alert-css/dist/index.css",
    "node_modules/@utrecht/skip-link-css/dist/index.css",        "node_modules/@utrecht/page-header-css/dist/index.css",
    "node_modules/@utrecht/page-footer-css/dist/index.css",
};
struct Bundle {
  std::string_view url;
  std::span<const std::string_view> files;
};
constexpr Bundle kBundles[] = {{"/assets/vendor/nl-design-system.css", kNlDesignSystem}};

std::optional<std::string> ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool SafeName(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

std::filesystem::path ResolveWebDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* v = std::getenv("ONDERDAK_WEB_DIR"); v != nullptr && *v != '\0') return v;
  return ONDERDAK_DEFAULT_WEB_DIR;
}

core::Result<Asset> LoadAsset(const std::filesystem::path& web_dir, std::string_view path) {
  for (const auto& b : kBundles) {
    if (b.url != path) continue;
    std::string css;
    for (std::string_view f : b.files) {
      auto part = ReadFile(web_dir / f);
      if (!part) {
        spdlog::warn("asset {}: cannot read {} (did `npm ci` run in web/?)", path, (web_dir / f).string());
        return core::Status::NotFound("no such asset: " + std::string(path));
      }
      css += *part;
      css += '\n';
    }
    return Asset{std::move(css), "text/css; charset=utf-8"};
  }
  std::filesystem::path file;
  for (const auto& v : kVendor) {
    if (v.url == path) file = web_dir / v.file;
  }
  constexpr std::string_view kPrefix = "/assets/";
  if (file.empty() && path.starts_with(kPrefix)) {
    const std::string_view name = path.substr(kPrefix.size());
    if (SafeName(name) && name.find("..") == std::string_view::npos) file = web_dir / "static" / name;
  }
  const std::string ext = file.extension().string();
  if (file.empty() || (ext != ".js" && ext != ".css")) {
    return core::Status::NotFound("no such asset: " + std::string(path));
  }
  auto body = ReadFile(file);
  if (!body) {
    // The server's own paths are for its log, not for the client.
    spdlog::warn("asset {}: cannot read {} (is ONDERDAK_WEB_DIR right, and did `npm ci` run in web/?)", path,
                 file.string());
    return core::Status::NotFound("no such asset: " + std::string(path));
  }
  return Asset{std::move(*body), ext == ".js" ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"};
}

}  // namespace onderdak::api
