// The client's address behind a trusted proxy, and `serve` speaking TLS itself.
#include <cstdlib>

#include "onderdak/api/session.h"
#include "security_fixture.h"

namespace onderdak::testing {
namespace {

TEST(RemoteAddressTest, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  auto store = std::move(*store::OpenStore("sqlite::memory:"));
  api::SessionOptions o;
  o.trusted_proxies = {"10.0.0.2", "10.0.0.3"};
  api::Gatekeeper gate(*store, o);
  httplib::Request req;
  req.remote_addr = "198.51.100.7";
  req.headers.emplace("X-Forwarded-For", "203.0.113.9");
  EXPECT_EQ(gate.RemoteAddress(req), "198.51.100.7") << "an untrusted peer's header is ignored";
  EXPECT_FALSE(gate.ClientUsesTls(req));

  httplib::Request via;
  via.remote_addr = "10.0.0.2";
  // The client claimed 1.2.3.4; the outer proxy 10.0.0.3 saw 203.0.113.9.
  via.headers.emplace("X-Forwarded-For", "1.2.3.4, 203.0.113.9, 10.0.0.3");
  via.headers.emplace("X-Forwarded-Proto", "https");
  EXPECT_EQ(gate.RemoteAddress(via), "203.0.113.9");
  EXPECT_TRUE(gate.ClientUsesTls(via));
  EXPECT_EQ(gate.CookieName(via), "__Host-onderdak_sessie");
  EXPECT_EQ(gate.CookieName(req), "onderdak_sessie");

  httplib::Request bare;
  bare.remote_addr = "10.0.0.2";
  EXPECT_EQ(gate.RemoteAddress(bare), "10.0.0.2");
}

class TlsServerTest : public SecurityServer {
 protected:
  void SetUp() override {
    cert_ = (dir_.path() / "cert.pem").string();
    key_ = (dir_.path() / "key.pem").string();
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout '" + key_ +
                            "' -out '" + cert_ + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl (scripts/install-deps installs it)";
    SecurityServer::SetUp();
  }
  void Configure(api::ServerOptions& o) override {
    o.tls_cert = cert_;
    o.tls_key = key_;
  }
  std::string cert_, key_;
};

TEST_F(TlsServerTest, ServesHttpsAndSecureCookies) {
  httplib::SSLClient tls("127.0.0.1", server_->port());
  tls.set_ca_cert_path(cert_.c_str());
  tls.enable_server_certificate_verification(true);
  auto health = tls.Get("/healthz");
  ASSERT_TRUE(health) << "no TLS answer: " << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  nlohmann::json body = {{"username", "region_steward"}, {"password", kPassword}};
  auto login = tls.Post("/api/v1/session", body.dump(), "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200);
  const std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("__Host-onderdak_sessie=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  // Plain HTTP to the TLS port gets no answer.
  auto plain = client_->Get("/healthz");
  EXPECT_FALSE(plain && plain->status == 200);
}

TEST(TlsOptionsTest, ACertificateWithoutKeyOrUnreadableIsRefusedAtBind) {
  auto store = std::move(*store::OpenStore("sqlite::memory:"));
  api::ServerOptions o;
  o.port = 0;
  o.tls_cert = "/nonexistent/cert.pem";
  api::Server half(*store, o);
  auto s = half.Bind();
  EXPECT_EQ(s.code(), core::Code::kInvalidInput);
  EXPECT_NE(s.message().find("--tls-key"), std::string::npos) << s.message();
  o.tls_key = "/nonexistent/key.pem";
  api::Server missing(*store, o);
  auto m = missing.Bind();
  EXPECT_EQ(m.code(), core::Code::kInvalidInput);
  EXPECT_NE(m.message().find("cannot load"), std::string::npos) << m.message();
}

}  // namespace
}  // namespace onderdak::testing
