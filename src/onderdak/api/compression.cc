#include "onderdak/api/compression.h"

#include <zlib.h>

#include <cctype>
#include <limits>
#include <stdexcept>

namespace onderdak::api {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// The q-value of a coding's parameters (";q=0.5"): 1 when absent, 0 when it says 0 or is
// malformed in a way that could mean 0.
bool QAboveZero(std::string_view params) {
  while (!params.empty()) {
    const std::size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || Trim(p.substr(1)).empty() || Trim(p.substr(1))[0] != '=') {
      continue;
    }
    const std::string_view v = Trim(Trim(p.substr(1)).substr(1));
    // A q-value is 0, 1 or 0.ddd: above zero when any digit is not 0.
    for (char c : v) {
      if (c >= '1' && c <= '9') return true;
    }
    return false;
  }
  return true;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  bool gzip_named = false, gzip_ok = false, star_ok = false;
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    const std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semi));
    const std::string_view params = semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
    if (EqualsNoCase(coding, "gzip") || EqualsNoCase(coding, "x-gzip")) {
      gzip_named = true;
      gzip_ok = gzip_ok || QAboveZero(params);
    } else if (coding == "*") {
      star_ok = QAboveZero(params);
    }
  }
  return gzip_named ? gzip_ok : star_ok;
}

bool Compressible(std::string_view content_type) {
  const std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  return type.starts_with("text/") || EqualsNoCase(type, "application/json") ||
         EqualsNoCase(type, "application/geo+json") || EqualsNoCase(type, "application/javascript") ||
         EqualsNoCase(type, "image/svg+xml");
}

std::string Gzip(std::string_view body) {
  // One deflate call takes at most 4 GiB (uInt); the answers kept are 8 MiB at most.
  if (body.size() > std::numeric_limits<uInt>::max()) throw std::length_error("gzip: body over 4 GiB");
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("gzip: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t written = out.size() - z.avail_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  out.resize(written);
  return out;
}

std::string WeakETag(std::string_view etag) {
  if (etag.empty() || etag.starts_with("W/")) return std::string(etag);
  return "W/" + std::string(etag);
}

bool ETagListMatches(std::string_view header, std::string_view etag) {
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  if (etag.empty()) return false;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item == "*") return true;
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

}  // namespace onderdak::api
