#include "onderdak/api/http_transport.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <optional>
#include <thread>
#include <vector>

#include "onderdak/api/compression.h"
#include "onderdak/api/http_message.h"
#include "onderdak/api/work_pool.h"
#include "onderdak/core/temp_dir.h"

namespace onderdak::api {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr std::size_t kDrainBytes = 256 * 1024;  // read and dropped after a refusal, so the client sees it
constexpr auto kDrainTime = std::chrono::seconds(1);

std::string Text(beast::string_view s) { return std::string(s.data(), s.size()); }

// A private, empty temporary file for an upload's body.
core::Result<std::filesystem::path> NewBodyFile() {
  auto base = core::TempBase();
  if (!base.ok()) return core::Status::Unavailable("no temporary folder for the upload: " + base.status().message());
  const auto dir = *base;
  // "<prefix>-<pid>-XXXXXX" as core::TempDir names its folders, so that the next start
  // removes the body of an upload whose process was killed (core::RemoveStaleTempDirs).
  std::string name = (dir / ("onderdak-body-" + std::to_string(::getpid()) + "-XXXXXX")).string();
  const int fd = mkstemp(name.data());
  if (fd < 0) return core::Status::Unavailable("cannot create a temporary file for the upload in " + dir.string());
  ::close(fd);
  return std::filesystem::path(name);
}

}  // namespace

struct HttpTransport::Impl {
  TransportOptions options;
  TransportHandlers handlers;
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopped{false};
  std::optional<ssl::context> tls;  // before the io_context: sessions refer to it
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer retry;
  WorkPool pool;
  int port = -1;

  Impl(TransportOptions o, TransportHandlers h)
      : options(std::move(o)),
        handlers(std::move(h)),
        ioc(std::max(1, options.io_threads)),
        acceptor(net::make_strand(ioc)),
        retry(acceptor.get_executor()),
        pool(options.workers, options.queue_limit) {}

  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
};

namespace {

// One connection: reads requests one after another (HTTP/1.1 keep-alive), each with its
// deadlines, and writes their answers. `Stream` is beast::tcp_stream or its ssl_stream.
// Lives as long as an operation or a worker job holds it.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(HttpTransport::Impl& t, Stream stream, std::string remote_addr, int remote_port)
      : t_(t), stream_(std::move(stream)), remote_addr_(std::move(remote_addr)), remote_port_(remote_port) {}
  ~Session() {
    RemoveBodyFile();
    --t_.connections;
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      WaitForRequest();
    } else {
      Lowest().expires_after(t_.options.header_timeout);
      stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (ec) return self->Close();
        self->WaitForRequest();
      });
    }
  }

 private:
  auto& Lowest() { return beast::get_lowest_layer(stream_); }

  // Idle: the next request's first byte (or what is buffered already).
  void WaitForRequest() {
    if (buffer_.size() > 0) return ReadHeader();
    Lowest().expires_after(t_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->Close();  // gone, or idle too long
                              self->buffer_.commit(n);
                              self->ReadHeader();
                            });
  }

  void ReadHeader() {
    head_.emplace();
    head_->header_limit(static_cast<std::uint32_t>(t_.options.header_limit));
    head_->body_limit(std::max(t_.options.memory_body_limit, t_.options.file_body_limit));
    Lowest().expires_after(t_.options.header_timeout);
    http::async_read_header(
        stream_, buffer_, *head_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted) {
      return Close();  // a slow or vanished client is not answered
    }
    if (ec == http::error::header_limit) {
      return Refuse(431, "the request line and headers are larger than " +
                             std::to_string(t_.options.header_limit / 1024) + " KiB");
    }
    if (ec == http::error::body_limit) return Refuse(413, BodyTooLarge(t_.options.file_body_limit));
    if (ec) return Refuse(400, "malformed HTTP request: " + ec.message());
    keep_alive_ = head_->get().keep_alive();
    const auto length = head_->content_length();
    has_body_ = head_->chunked() || (length && *length > 0);
    if (!has_body_ && t_.handlers.shared) {
      const auto& h = head_->get();
      const SharedRequest view{
          .method = h.method_string(),
          .target = h.target(),
          .credentials = h.count(http::field::cookie) > 0 || h.count(http::field::authorization) > 0,
          .conditional = h.count(http::field::if_none_match) > 0 || h.count(http::field::if_modified_since) > 0,
          .accepts_gzip = AcceptsGzip(h[http::field::accept_encoding])};
      if (auto shared = t_.handlers.shared(view)) return SendShared(std::move(shared), view.accepts_gzip);
    }
    req_ = RequestHead(head_->get(), remote_addr_, remote_port_);
    if (!has_body_) return Handle();
    if (!t_.pool.TrySubmit([self = this->shared_from_this()] {
          auto admission = self->t_.handlers.admit(self->req_);
          net::post(self->stream_.get_executor(),
                    [self, a = std::move(admission)]() mutable { self->OnAdmitted(std::move(a)); });
        })) {
      return Busy();
    }
  }

  void OnAdmitted(Routes::Admission a) {
    if (a.refusal) {
      res_ = std::move(*a.refusal);
      return Send(true);  // the body is not read
    }
    const std::size_t limit = a.body == BodyTo::kFile ? t_.options.file_body_limit : t_.options.memory_body_limit;
    if (const auto length = head_->content_length(); length && *length > limit) {
      return Refuse(413, BodyTooLarge(limit));
    }
    if (a.body == BodyTo::kFile) {
      auto file = NewBodyFile();
      if (!file.ok()) return Refuse(503, file.status().message());
      body_file_ = *file;
      file_.emplace(std::move(*head_));
      file_->body_limit(limit);
      beast::error_code ec;
      file_->get().body().open(body_file_.c_str(), beast::file_mode::write, ec);
      if (ec) return Refuse(503, "cannot write the upload to a temporary file: " + ec.message());
    } else {
      string_.emplace(std::move(*head_));
      string_->body_limit(limit);
    }
    head_.reset();
    if (beast::iequals(Text(ExpectHeader()), "100-continue")) {
      continue_.emplace(http::status::continue_, 11);
      Lowest().expires_after(t_.options.write_timeout);
      return http::async_write(stream_, *continue_,
                               [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                 if (ec) return self->Close();
                                 self->ReadBody();
                               });
    }
    ReadBody();
  }

  beast::string_view ExpectHeader() {
    return file_ ? file_->get()[http::field::expect] : string_->get()[http::field::expect];
  }

  void ReadBody() {
    Lowest().expires_after(t_.options.body_timeout);
    auto done = [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnBody(ec); };
    if (file_) return http::async_read(stream_, buffer_, *file_, std::move(done));
    http::async_read(stream_, buffer_, *string_, std::move(done));
  }

  void OnBody(beast::error_code ec) {
    const std::size_t limit = file_ ? t_.options.file_body_limit : t_.options.memory_body_limit;
    if (ec == http::error::body_limit) return Refuse(413, BodyTooLarge(limit));
    if (ec == beast::error::timeout || ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted) {
      return Close();
    }
    if (ec) return Refuse(400, "malformed request body: " + ec.message());
    if (string_) {
      req_.body = std::move(string_->get().body());
      string_.reset();
      if (auto s = ParseFormBody(req_); !s.ok()) {
        res_ = {};
        res_.status = 400;
        res_.reason = s.message();
        return Send(false);
      }
    } else {
      file_.reset();  // closes the file
    }
    Handle();
  }

  void Handle() {
    if (!t_.pool.TrySubmit([self = this->shared_from_this()] {
          httplib::Response res;
          self->t_.handlers.handle(self->req_, res, self->body_file_.empty() ? nullptr : &self->body_file_);
          net::post(self->stream_.get_executor(), [self, r = std::move(res)]() mutable {
            self->res_ = std::move(r);
            self->Send(false);
          });
        })) {
      Busy();
    }
  }

  // Every worker busy and the queue full: 503, try again in a second.
  void Busy() {
    res_ = {};
    res_.status = 503;
    res_.reason = "the server is busy; try again in a moment";
    res_.set_header("Retry-After", "1");
    Send(has_body_);
  }

  // An answer made here, without a handler; the connection closes after it.
  void Refuse(int status, std::string message) {
    res_ = {};
    res_.status = status;
    res_.reason = std::move(message);
    Send(true);
  }

  static std::string BodyTooLarge(std::size_t limit) {
    return "the request body is larger than the " + std::to_string(limit / 1024) + " KiB allowed here";
  }

  // Writes res_. `refused`: the body (if any) was not read, so the connection ends after it.
  void Send(bool refused) {
    if (res_.status < 100 || res_.status > 599) res_.status = res_.status == -1 ? 200 : 500;
    t_.handlers.finish(req_, res_);
    out_.emplace();
    out_->version(11);
    out_->result(static_cast<unsigned>(res_.status));
    for (const auto& [name, value] : res_.headers) {
      if (beast::iequals(name, "Content-Length") || beast::iequals(name, "Connection")) continue;
      out_->insert(name, value);
    }
    close_after_ = refused || !keep_alive_ || ++requests_ >= t_.options.keep_alive_max_requests || t_.stopped;
    drain_ = refused && has_body_;
    out_->keep_alive(!close_after_);
    const bool no_body = res_.status == 304 || res_.status == 204 || res_.status < 200;
    if (req_.method == "HEAD") {
      if (!no_body) out_->content_length(res_.body.size());
    } else if (!no_body) {
      out_->body() = std::move(res_.body);
      out_->prepare_payload();
    }
    Lowest().expires_after(t_.options.write_timeout);
    http::async_write(stream_, *out_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnWritten(ec); });
  }

  // An answer made before (TransportHandlers::shared), sent from its own bytes: the body is
  // not copied. Compressed when it was kept compressed too and the client takes gzip; its
  // ETag is then weak (compression.h).
  void SendShared(std::shared_ptr<const SharedResponse> shared, bool accepts_gzip) {
    shared_ = std::move(shared);
    const bool gzip = accepts_gzip && shared_->gzip_body;
    const std::string& body = gzip ? *shared_->gzip_body : *shared_->body;
    shared_out_.emplace();
    shared_out_->version(11);
    shared_out_->result(static_cast<unsigned>(shared_->status));
    for (const auto& [name, value] : shared_->headers) {
      if (gzip && beast::iequals(name, "ETag")) {
        shared_out_->insert(name, WeakETag(value));
      } else {
        shared_out_->insert(name, value);
      }
    }
    if (gzip) shared_out_->set(http::field::content_encoding, "gzip");
    shared_out_->set("X-Onderdak-Cache", "hit");
    close_after_ = !keep_alive_ || ++requests_ >= t_.options.keep_alive_max_requests || t_.stopped;
    drain_ = false;
    shared_out_->keep_alive(!close_after_);
    shared_out_->body() = http::span_body<const char>::value_type(body.data(), body.size());
    shared_out_->prepare_payload();
    Lowest().expires_after(t_.options.write_timeout);
    http::async_write(stream_, *shared_out_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnWritten(ec); });
  }

  void OnWritten(beast::error_code ec) {
    RemoveBodyFile();
    if (ec) return Close();
    if (close_after_) return Shutdown();
    req_ = {};
    res_ = {};
    out_.reset();
    shared_out_.reset();
    shared_.reset();
    continue_.reset();
    has_body_ = false;
    WaitForRequest();
  }

  // Ends the connection after an answer: TLS close_notify, or a half-close and, after a
  // refusal whose body was not read, a short drain so that the client reads the answer
  // rather than a reset.
  void Shutdown() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      beast::error_code ec;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (!drain_) return Close();
      Lowest().expires_after(kDrainTime);
      scratch_ = std::make_unique<char[]>(kScratchBytes);  // only while draining: idle sessions stay small
      Drain();
    } else {
      Lowest().expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->Close(); });
    }
  }

  void Drain() {
    stream_.async_read_some(net::buffer(scratch_.get(), kScratchBytes),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ >= kDrainBytes) return self->Close();
                              self->Drain();
                            });
  }

  void Close() {
    beast::error_code ec;
    Lowest().socket().close(ec);
  }

  void RemoveBodyFile() {
    file_.reset();
    if (body_file_.empty()) return;
    std::error_code ec;
    std::filesystem::remove(body_file_, ec);
    body_file_.clear();
  }

  HttpTransport::Impl& t_;
  Stream stream_;
  std::string remote_addr_;
  int remote_port_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> head_;
  std::optional<http::request_parser<http::string_body>> string_;
  std::optional<http::request_parser<http::file_body>> file_;
  std::optional<http::response<http::empty_body>> continue_;
  std::optional<http::response<http::string_body>> out_;
  std::optional<http::response<http::span_body<const char>>> shared_out_;
  std::shared_ptr<const SharedResponse> shared_;  // holds the bytes shared_out_ points into
  std::filesystem::path body_file_;
  httplib::Request req_;
  httplib::Response res_;
  bool keep_alive_ = true;
  bool has_body_ = false;
  bool close_after_ = false;
  bool drain_ = false;
  std::size_t requests_ = 0;
  std::size_t drained_ = 0;
  static constexpr std::size_t kScratchBytes = 16 * 1024;
  std::unique_ptr<char[]> scratch_;
};

}  // namespace

void HttpTransport::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc),
                        [this](beast::error_code ec, tcp::socket socket) { OnAccept(ec, std::move(socket)); });
}

void HttpTransport::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || stopped) return;
  if (ec) {
    // Out of file descriptors, most likely: wait a little rather than spin.
    spdlog::warn("accepting a connection failed: {}", ec.message());
    retry.expires_after(std::chrono::milliseconds(50));
    retry.async_wait([this](beast::error_code) { Accept(); });
    return;
  }
  if (connections.load() >= options.max_connections) {
    beast::error_code ignored;
    socket.close(ignored);
    return Accept();
  }
  ++connections;
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  const auto peer = socket.remote_endpoint(ignored);
  std::string addr = peer.address().is_v6() && peer.address().to_v6().is_v4_mapped()
                         ? net::ip::make_address_v4(net::ip::v4_mapped, peer.address().to_v6()).to_string()
                         : peer.address().to_string();
  if (tls) {
    using TlsStream = beast::ssl_stream<beast::tcp_stream>;
    std::make_shared<Session<TlsStream>>(*this, TlsStream(beast::tcp_stream(std::move(socket)), *tls), std::move(addr),
                                         peer.port())
        ->Start();
  } else {
    std::make_shared<Session<beast::tcp_stream>>(*this, beast::tcp_stream(std::move(socket)), std::move(addr),
                                                 peer.port())
        ->Start();
  }
  Accept();
}

HttpTransport::HttpTransport(TransportOptions options, TransportHandlers handlers)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handlers))) {}

HttpTransport::~HttpTransport() { Stop(); }

core::Status HttpTransport::Bind() {
  auto& t = *impl_;
  const auto& o = t.options;
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    try {
      ssl::context ctx(ssl::context::tls_server);
      ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
      ctx.use_certificate_chain_file(o.tls_cert);
      ctx.use_private_key_file(o.tls_key, ssl::context::pem);
      t.tls.emplace(std::move(ctx));
    } catch (const std::exception&) {
      return core::Status::InvalidInput("cannot load the TLS certificate '" + o.tls_cert + "' and key '" + o.tls_key +
                                        "' (PEM files, the key matching the certificate)");
    }
  }
  const auto unavailable = [&o] {
    return core::Status::Unavailable("cannot listen on " + o.bind + ":" + std::to_string(o.port) +
                                     " (address in use, or not an address of this machine)");
  };
  beast::error_code ec;
  tcp::resolver resolver(t.ioc);
  auto endpoints = resolver.resolve(o.bind, std::to_string(o.port), tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) return unavailable();
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  t.acceptor.open(endpoint.protocol(), ec);
  if (!ec) t.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) t.acceptor.bind(endpoint, ec);
  if (!ec) t.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    t.acceptor.close(ignored);
    return unavailable();
  }
  t.port = t.acceptor.local_endpoint(ec).port();
  return core::Status::Ok();
}

int HttpTransport::port() const { return impl_->port; }

core::Status HttpTransport::Run() {
  auto& t = *impl_;
  if (t.port <= 0) return core::Status::FailedPrecondition("HttpTransport::Run() before a successful Bind()");
  net::post(t.acceptor.get_executor(), [&t] { t.Accept(); });
  std::vector<std::thread> others;
  for (int i = 1; i < t.options.io_threads; ++i) others.emplace_back([&t] { t.ioc.run(); });
  t.ioc.run();
  for (auto& th : others) th.join();
  return core::Status::Ok();
}

void HttpTransport::Stop() {
  auto& t = *impl_;
  if (t.stopped.exchange(true)) return;
  t.ioc.stop();
  t.pool.Shutdown();
}

}  // namespace onderdak::api
