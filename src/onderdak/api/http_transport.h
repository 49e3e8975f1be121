// HttpTransport: onderdak's HTTP/1.1 server on Boost.Beast and Asio (ADR 0016).
//
// A small fixed set of I/O threads runs one io_context; each connection is a session
// object whose every read and write has a deadline, so thousands of idle or slow clients
// cost memory, not threads. A request's head is read first (at most `header_limit`
// bytes); when it announces a body, `admit` decides on the headers alone (route, caller,
// access rule) before a byte of the body is read, and the body is then read with a limit
// that holds for chunked bodies too, into memory or, for uploads, a temporary file.
// Handlers run on a bounded WorkPool (work_pool.h); when it is full the answer is 503
// with Retry-After. I/O threads never run a handler or touch the database; they only
// send answers already made (TransportHandlers::shared: the public pages' cache).
//
// The handlers see httplib::Request / httplib::Response as plain data (ADR 0016 says
// why); cpp-httplib's own server is not used.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "onderdak/api/routes.h"
#include "onderdak/api/shared_responses.h"
#include "onderdak/core/status.h"

namespace onderdak::api {

struct TransportOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  int io_threads = 2;
  int workers = 4;
  std::size_t queue_limit = 2048;  // requests waiting for a worker before 503
  std::size_t max_connections = 10000;
  std::size_t header_limit = 16 * 1024;              // request line and headers
  std::size_t memory_body_limit = 16 * 1024 * 1024;  // BodyTo::kMemory routes
  std::size_t file_body_limit = 64 * 1024 * 1024;    // BodyTo::kFile routes (uploads)
  std::size_t keep_alive_max_requests = 10000;
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(15)};    // waiting for a request's first byte
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};  // first byte to the end of the head
  std::chrono::milliseconds body_timeout{std::chrono::seconds(120)};   // the whole body
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};   // the whole answer
  // TLS: both PEM paths set make the transport speak HTTPS only.
  std::string tls_cert;
  std::string tls_key;
};

// What the transport tells `shared` of a request without a body, before anything else is
// made of it.
struct SharedRequest {
  std::string_view method;
  std::string_view target;
  bool credentials = false;   // a Cookie or an Authorization header
  bool conditional = false;   // an If-None-Match or If-Modified-Since header
  bool accepts_gzip = false;  // Accept-Encoding takes gzip (compression.h)
};

struct TransportHandlers {
  // On a worker, for a request with a body, before the body is read (Routes::Admit).
  std::function<Routes::Admission(const httplib::Request& head)> admit;
  // On a worker: the answer to `req`; `body_file` is set for BodyTo::kFile routes.
  std::function<void(const httplib::Request& req, httplib::Response& res, const std::filesystem::path* body_file)>
      handle;
  // On any thread, cheap and non-blocking: completes every answer before it is sent,
  // also those the transport makes itself (400, 404, 413, 431, 503): security headers, an
  // error body when there is none. `req` may hold only what could be parsed.
  std::function<void(const httplib::Request& req, httplib::Response& res)> finish;
  // Optional. On an I/O thread, cheap and never touching the database: a finished answer
  // (finish already applied) to send as it is, or nullptr for the ordinary way
  // (shared_responses.h, ADR 0022).
  std::function<std::shared_ptr<const SharedResponse>(const SharedRequest& req)> shared;
};

class HttpTransport {
 public:
  HttpTransport(TransportOptions options, TransportHandlers handlers);
  ~HttpTransport();  // Stop()
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // InvalidInput when the TLS files cannot be loaded; Unavailable when the address cannot
  // be bound.
  core::Status Bind();
  int port() const;
  // Serves on the calling thread and io_threads - 1 more until Stop().
  core::Status Run();
  // From any thread, also before Run(): Run() then returns at once.
  void Stop();

  struct Impl;  // http_transport.cc only (public so that its sessions can name it)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace onderdak::api
