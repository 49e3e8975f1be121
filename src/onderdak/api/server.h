// Server: onderdak's HTTP server (pages, JSON API, health check), on the event-driven
// transport of http_transport.h (Boost.Beast, ADR 0016).
//
// Routes are declared in one place (server.cc, RegisterRoutes). Handlers read through
// the Store they are given; errors become HTTP statuses via api/http_error.h only.
// The Store must outlive the Server. Bind() then Run() on one thread; Stop() may be
// called from any thread and makes Run() return.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "onderdak/core/status.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

class HttpTransport;  // http_transport.h

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;     // 0 picks a free port; see Server::port()
  int threads = 0;     // worker threads for the handlers; 0 = 2 x hardware threads, at least 4
  int io_threads = 2;  // threads reading and writing the connections (never running a handler)
  // Requests waiting for a worker; beyond: 503 with Retry-After. Above the connections a
  // busy site keeps open (each has at most one request in flight), so that only real
  // overload is refused.
  std::size_t queue_limit = 2048;
  // An upload's body (streamed to a temporary file); every other body is held in memory
  // and limited to the smaller of this and max_form_bytes.
  std::size_t max_body_bytes = 64 * 1024 * 1024;
  std::size_t max_form_bytes = 16 * 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;  // request line and headers together
  std::size_t keep_alive_max_requests = 10000;
  // A connection waits at most `idle_timeout` for a request's first byte, then has
  // `header_timeout` for the rest of its head and `body_timeout` for its body; slower
  // clients are disconnected (ADR 0016).
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(15)};
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(120)};
  // The front end's folder (web/: static/ and node_modules/); empty: $ONDERDAK_WEB_DIR,
  // else the source tree's web/ compiled in (api/assets.h).
  std::string web_dir;
  // TLS: both paths (PEM) make the server speak HTTPS only; Bind() fails when they cannot
  // be loaded.
  std::string tls_cert;
  std::string tls_key;
  // Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (session.h).
  std::vector<std::string> trusted_proxies;
  // Session lifetime and idle timeout, in minutes.
  int session_hours = 8;
  int session_idle_minutes = 30;
  // How old the public data's version may get before the store is asked again: a change
  // made by another process (a CLI import) is seen within this plus one check; one made
  // through this server at once (ADR 0022).
  std::chrono::milliseconds version_check_interval{250};
  // Make the public pages in the background at start and after every change (ADR 0022);
  // /healthz says when that is done.
  bool warm = true;
  // The pseudonymisation key file (ADR 0006) for uploads (POST /api/v1/deliveries);
  // empty: uploads are refused.
  std::string key_file;
};

class Server {
 public:
  Server(store::Store& store, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Unavailable when the address cannot be bound (in use, not local, no permission).
  core::Status Bind();
  // The bound port (after Bind()).
  int port() const;
  // Serves until Stop(). Internal if the listener fails.
  core::Status Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<HttpTransport> transport_;  // after impl_: stopped and destroyed first
};

}  // namespace onderdak::api
