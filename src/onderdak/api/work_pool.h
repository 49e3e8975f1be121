// WorkPool: a fixed set of worker threads with a bounded queue, on which the HTTP
// transport runs the route handlers (database reads, figures, estimates, imports, pages),
// so that its I/O threads never block. TrySubmit() never waits: when every worker is busy
// and `queue_limit` jobs wait already, it refuses, and the transport answers 503 with
// Retry-After. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace onderdak::api {

class WorkPool {
 public:
  WorkPool(int threads, std::size_t queue_limit);
  ~WorkPool();  // Shutdown()
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues `job`; false (job dropped) when the queue is full or the pool shut down.
  bool TrySubmit(std::function<void()> job);
  // Runs the jobs already running to their end, drops the queued ones, joins the threads.
  void Shutdown();

 private:
  void Work();
  std::size_t queue_limit_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace onderdak::api
