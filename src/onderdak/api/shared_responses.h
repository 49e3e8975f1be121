// SharedResponses: finished public answers (status, headers, body) of the pages and JSON
// that are the same for every caller without a login, keyed by request target and by the
// VersionWatch's version they were made under (ADR 0022). The transport answers a GET
// from here on its I/O thread, before any handler or worker is involved, when the
// request carries no credentials (no Cookie, no Authorization), no condition
// (If-None-Match) and the version is still fresh; otherwise the request takes the
// ordinary way, whose public answer is stored here again.
//
// Only the ordinary way stores (after access control decided for a caller without a
// login), so nothing a login shows ever gets here. Bounded in entries (kMaxEntries) and in
// bytes (kMaxBytes; an answer over an eighth of it is not kept), oldest first: distinct
// targets made up by a client (?period=2021H1&x=1, &x=2, ...) cannot grow it further.
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace onderdak::api {

struct SharedResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // as sent (security headers included)
  std::shared_ptr<const std::string> body;
  // The body compressed (compression.h), for clients that take gzip; null when the answer
  // is small or not text.
  std::shared_ptr<const std::string> gzip_body;
};

class SharedResponses {
 public:
  std::shared_ptr<const SharedResponse> Find(std::string_view target, const std::string& version);
  void Put(std::string target, std::string version, std::shared_ptr<const SharedResponse> response);
  // Whether an answer of `bytes` (body, compressed body and target) would be kept.
  static bool Keeps(std::size_t bytes) { return bytes <= kMaxBytes / 8; }

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t stores() const { return stores_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::size_t kMaxEntries = 512;
  static constexpr std::size_t kMaxBytes = 64u << 20;
  struct Entry {
    std::string version;
    std::shared_ptr<const SharedResponse> response;
    std::size_t size = 0;  // body and target bytes
  };
  std::size_t bytes_ = 0;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::vector<std::string> order_;  // insertion order, for eviction
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> stores_{0};
};

}  // namespace onderdak::api
