// Gatekeeper: who is asking (a session cookie, an API token, or nobody), logging in and
// out, the lock-out after failed logins, and the client's address behind a trusted proxy
// (ADR 0013). Routes (routes.h) calls it for every request; the login routes in
// server.cc call Login() and Logout().
//
// Sessions: a random 256-bit secret in an HttpOnly, SameSite=Strict cookie (Secure and
// "__Host-" prefixed under TLS); the store keeps only its SHA-256. A session ends at
// logout, after `idle` without a request, `lifetime` after the login, or when its user is
// disabled. Every login starts a new session and ends the one the browser presented, so
// a session id planted before the login is worthless (session fixation).
//
// Lock-out: `max_user_failures` failed logins of one account within `failure_window`
// (counted since its last successful login) refuse further attempts on it until the
// window has passed, even with the right password; `max_address_failures` from one
// address likewise. The counts live in the database, so every `serve` process behind a
// load balancer sees the same ones.
//
// Thread-safe (the store is).
#pragma once

#include <httplib.h>

#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/api/access.h"
#include "onderdak/core/result.h"
#include "onderdak/store/store.h"

namespace onderdak::api {

// The value of cookie `name` in the request's Cookie headers, if present.
std::optional<std::string> CookieValue(const httplib::Request& req, std::string_view name);

struct SessionOptions {
  std::chrono::seconds lifetime{std::chrono::hours(8)};
  std::chrono::seconds idle{std::chrono::minutes(30)};
  int max_user_failures = 5;
  int max_address_failures = 20;
  std::chrono::seconds failure_window{std::chrono::minutes(15)};
  // Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
  // (exact IPv4/IPv6 text, e.g. "127.0.0.1"). Empty: the socket's peer is the client.
  std::vector<std::string> trusted_proxies;
  // The server itself speaks TLS.
  bool tls = false;
};

class Gatekeeper {
 public:
  Gatekeeper(store::Store& store, SessionOptions options);

  // The caller of `req`. A valid session cookie or bearer token gives its user; no
  // credential gives the public. A bearer token that is not valid is Unauthenticated (a
  // machine should hear that its token failed); a session cookie that is no longer valid
  // gives the public (a browser then sees the public pages and can log in again).
  core::Result<Principal> Resolve(const httplib::Request& req);

  // The client's address: the peer, or, when the peer is a trusted proxy, the last
  // address in X-Forwarded-For that is not a trusted proxy.
  std::string RemoteAddress(const httplib::Request& req) const;
  // Whether the client reached us over TLS (here, or at a trusted proxy that says so).
  bool ClientUsesTls(const httplib::Request& req) const;
  // The cookie's name for this request ("__Host-onderdak_sessie" under TLS).
  std::string CookieName(const httplib::Request& req) const;

  struct LoginResult {
    Principal principal;
    std::string cookie;  // the Set-Cookie header's value
  };
  // Checks the lock-out, then the password. Unauthenticated "wrong username or password"
  // for an unknown user, a wrong password or a disabled user alike (the answer tells an
  // attacker nothing); RateLimited when locked out. Ends the session the request
  // presented, starts a new one, audits the attempt.
  core::Result<LoginResult> Login(const httplib::Request& req, std::string_view username, std::string_view password);
  // Ends the caller's session (audited). The Set-Cookie value that clears the cookie.
  core::Result<std::string> Logout(const httplib::Request& req, const Principal& caller);
  // The caller's own password change, in a login session only (PermissionDenied with a
  // token). InvalidInput when a field is empty or the new one breaks the policy;
  // PermissionDenied when `current` is wrong, which counts as a failed login towards the
  // lock-out (RateLimited once locked), so a stolen session cannot guess the password;
  // the right one counts as a successful login. Ends the user's other sessions; this one
  // stays.
  core::Status ChangePassword(const Principal& caller, std::string_view current, std::string_view replacement);

  // For a state-changing request made with a session: the X-CSRF-Token header or the form
  // field "csrf" must equal the session's token (compared in constant time).
  static bool CsrfMatches(const httplib::Request& req, const Principal& caller);
  // An Origin header, when present, must name this host (defence in depth beside CSRF
  // tokens and SameSite cookies).
  static bool SameOrigin(const httplib::Request& req);

  const SessionOptions& options() const { return options_; }

 private:
  core::Result<Principal> FromSession(const httplib::Request& req, const std::string& secret);
  // The lock-out of one account, shared by logging in and changing a password: once
  // `username` has max_user_failures failed attempts within the window, RateLimited (the
  // lock audited); Ok before.
  core::Status CheckAccountLock(const std::string& username, const std::string& from,
                                std::chrono::system_clock::time_point now);
  // One failed attempt of `username` ("?" for a name that is no user): counted for the
  // lock-out and audited as login.failed with `why`.
  core::Status RecordFailure(const std::string& username, const std::string& from,
                             std::chrono::system_clock::time_point now, std::string_view why);
  std::string LockedMessage() const;
  // The lock held from counting an account's failures to recording this attempt's, so that
  // parallel attempts on one account are counted one after another: exactly
  // max_user_failures guesses, not one per thread (striped by the name typed, bounded).
  std::mutex& AccountMutex(std::string_view username);
  // The same for one address's attempts (max_address_failures), taken before the
  // account's: parallel guesses on many names from one address are counted in turn too.
  std::mutex& AddressMutex(std::string_view address);
  std::optional<std::string> SessionCookie(const httplib::Request& req) const;
  store::Store& store_;
  SessionOptions options_;
  std::string dummy_hash_;  // verified against for unknown users, so they take as long
  std::array<std::mutex, 64> account_mutexes_;
  std::array<std::mutex, 64> address_mutexes_;
};

}  // namespace onderdak::api
