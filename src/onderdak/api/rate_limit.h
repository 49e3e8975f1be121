// RateLimiter: a token bucket per client, for public requests that are expensive to
// answer (a new ?date= or ?period= on /api/v1/estimates costs ~0.5 s of CPU). A client
// may spend `burst` at once and then one every `interval`; beyond that Take() says how
// long to wait (429 with Retry-After). Memory is bounded: at most `max_clients` buckets;
// when full, buckets that have refilled are forgotten, and when none has, every unknown
// client shares one bucket (so a flood of addresses cannot grow the map or escape the
// limit). Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace onderdak::api {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(int burst, std::chrono::milliseconds interval, std::size_t max_clients = 4096);

  // Takes one token of `client`'s bucket: nullopt when there was one, else the seconds
  // (at least 1) until there is.
  std::optional<int> Take(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  void Refill(Bucket& b, Clock::time_point now) const;
  double burst_;
  std::chrono::milliseconds interval_;
  std::size_t max_clients_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  Bucket shared_;
};

}  // namespace onderdak::api
