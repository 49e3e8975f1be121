#include "onderdak/api/session.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>

#include "onderdak/auth/accounts.h"
#include "onderdak/auth/password.h"
#include "onderdak/auth/token.h"
#include "onderdak/core/strings.h"

namespace onderdak::api {
namespace {

using Clock = std::chrono::system_clock;

std::string UtcText(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// 32 random bytes as base64url without padding (43 characters).
std::string RandomSecret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::optional<auth::Role> RoleOf(std::string_view id) {
  for (auth::Role r : auth::kAllRoles) {
    if (auth::RoleId(r) == id) return r;
  }
  return std::nullopt;
}

// "Bearer <token>" -> the token.
std::optional<std::string> BearerToken(const httplib::Request& req) {
  if (!req.has_header("Authorization")) return std::nullopt;
  const std::string value = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (value.size() <= kPrefix.size() || value.compare(0, kPrefix.size(), kPrefix) != 0) return std::string();
  return Trim(std::string_view(value).substr(kPrefix.size()));
}

}  // namespace

Gatekeeper::Gatekeeper(store::Store& store, SessionOptions options) : store_(store), options_(std::move(options)) {
  if (sodium_init() < 0) spdlog::critical("libsodium could not be initialised");
  // A hash of a random password with today's parameters: an unknown username costs the
  // same Argon2id verification as a known one.
  auto hash = auth::HashPassword(RandomSecret());
  if (hash.ok()) dummy_hash_ = *hash;
}

std::string Gatekeeper::RemoteAddress(const httplib::Request& req) const {
  const auto trusted = [this](std::string_view addr) {
    return std::find(options_.trusted_proxies.begin(), options_.trusted_proxies.end(), addr) !=
           options_.trusted_proxies.end();
  };
  if (!trusted(req.remote_addr) || !req.has_header("X-Forwarded-For")) return req.remote_addr;
  // Each proxy appends the address it got the request from: walk from the right past our
  // own proxies; the first other address is the client (anything left of it is whatever
  // the client claimed, and is not believed).
  std::vector<std::string> hops;
  for (const auto& h : core::SplitComma(req.get_header_value("X-Forwarded-For"))) hops.push_back(Trim(h));
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!it->empty() && !trusted(*it)) return *it;
  }
  return req.remote_addr;
}

bool Gatekeeper::ClientUsesTls(const httplib::Request& req) const {
  if (options_.tls) return true;
  const bool from_proxy = std::find(options_.trusted_proxies.begin(), options_.trusted_proxies.end(),
                                    req.remote_addr) != options_.trusted_proxies.end();
  return from_proxy && req.get_header_value("X-Forwarded-Proto") == "https";
}

std::string Gatekeeper::CookieName(const httplib::Request& req) const {
  return ClientUsesTls(req) ? "__Host-onderdak_sessie" : "onderdak_sessie";
}

std::optional<std::string> CookieValue(const httplib::Request& req, std::string_view name) {
  const auto n = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < n; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    std::string_view rest = header;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      const std::string part = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const auto eq = part.find('=');
      if (eq == name.size() && part.compare(0, eq, name) == 0) return part.substr(eq + 1);
    }
  }
  return std::nullopt;
}

std::optional<std::string> Gatekeeper::SessionCookie(const httplib::Request& req) const {
  return CookieValue(req, CookieName(req));
}

core::Result<Principal> Gatekeeper::FromSession(const httplib::Request& req, const std::string& secret) {
  Principal pub;
  pub.remote = RemoteAddress(req);
  if (secret.size() != 43) return pub;
  auto found = store_.Accounts().FindSession(auth::TokenHash(secret));
  if (!found.ok()) {
    if (found.status().code() == core::Code::kNotFound) return pub;
    return found.status();
  }
  const auto& [session, user] = *found;
  const auto now = Clock::now();
  const std::string now_text = UtcText(now);
  if (session.ended_at || user.disabled || session.expires_at <= now_text ||
      UtcText(now - options_.idle) >= session.last_seen_at) {
    return pub;
  }
  auto role = RoleOf(user.role);
  if (!role) return pub;
  // Touch at most once a minute: one write per active user per minute, not per request.
  if (UtcText(now - std::chrono::minutes(1)) >= session.last_seen_at) {
    if (auto s = store_.Accounts().TouchSession(session.id, now_text); !s.ok()) {
      spdlog::warn("session {}: could not record activity: {}", session.id, s.message());
    }
  }
  Principal p;
  p.via = Principal::Via::kSession;
  p.user_id = user.id;
  p.username = user.username;
  p.role = role;
  p.regions = user.regions;
  p.organisation = user.organisation;
  p.credential_id = session.id;
  p.csrf_token = session.csrf;
  p.remote = pub.remote;
  return p;
}

core::Result<Principal> Gatekeeper::Resolve(const httplib::Request& req) {
  if (auto bearer = BearerToken(req)) {
    auto principal = auth::VerifyToken(store_.Accounts(), *bearer);
    if (!principal.ok()) return core::Status::Unauthenticated("invalid token");
    Principal p;
    p.via = Principal::Via::kToken;
    p.username = principal->username;
    p.role = principal->role;
    p.regions = principal->regions;
    p.credential_id = principal->token_id;
    p.remote = RemoteAddress(req);
    auto user = store_.Accounts().GetUser(principal->username);
    if (user.ok()) {
      p.user_id = user->id;
      p.organisation = user->organisation;
    }
    return p;
  }
  if (auto cookie = SessionCookie(req)) return FromSession(req, *cookie);
  Principal pub;
  pub.remote = RemoteAddress(req);
  return pub;
}

core::Result<Gatekeeper::LoginResult> Gatekeeper::Login(const httplib::Request& req, std::string_view username,
                                                        std::string_view password) {
  auto& accounts = store_.Accounts();
  const std::string from = RemoteAddress(req);
  const auto now = Clock::now();

  // One address's attempts, then one account's, are decided one at a time (AddressMutex,
  // AccountMutex, always in this order); both locks are released before the session is made.
  std::unique_lock address_lock(AddressMutex(from));
  ONDERDAK_ASSIGN_OR_RETURN(auto by_address,
                            accounts.CountFailedLogins("", from, UtcText(now - options_.failure_window)));
  if (by_address >= options_.max_address_failures) {
    (void)accounts.AppendAudit(
        {"?", "login.locked", "address:" + from, "too many failed logins from this address", from});
    return core::Status::RateLimited(LockedMessage());
  }
  std::unique_lock account_lock(AccountMutex(username));
  auto user = accounts.GetUser(username);
  if (!user.ok() && user.status().code() != core::Code::kNotFound) return user.status();
  // Only a name that is a user is stored: what was typed may be a password.
  const std::string known = user.ok() ? user->username : "?";
  if (user.ok()) ONDERDAK_RETURN_IF_ERROR(CheckAccountLock(known, from, now));
  const bool password_ok = user.ok() ? auth::VerifyPassword(user->password_hash, password)
                                     : (auth::VerifyPassword(dummy_hash_, password) && false);
  const auto role = user.ok() ? RoleOf(user->role) : std::nullopt;
  if (!password_ok || user->disabled || !role) {
    ONDERDAK_RETURN_IF_ERROR(RecordFailure(known, from, now, "wrong username or password"));
    return core::Status::Unauthenticated("wrong username or password");
  }
  ONDERDAK_RETURN_IF_ERROR(accounts.RecordLoginAttempt({known, from, UtcText(now), true}));
  account_lock.unlock();
  address_lock.unlock();
  if (auth::PasswordNeedsRehash(user->password_hash)) {
    // Made with older parameters: stored again with today's (ADR 0012). The login goes
    // on when this fails; the next one tries again.
    auto rehashed = auth::HashPassword(password);
    core::Status s =
        rehashed.ok() ? accounts.SetPasswordHash(known, *rehashed, std::nullopt, std::nullopt) : rehashed.status();
    if (!s.ok()) spdlog::warn("user {}: could not store the rehashed password: {}", known, s.message());
  }

  // Session fixation: whatever session the browser presented ends here.
  if (auto old = SessionCookie(req); old && old->size() == 43) {
    if (auto found = accounts.FindSession(auth::TokenHash(*old)); found.ok()) {
      ONDERDAK_RETURN_IF_ERROR(accounts.EndSession(
          found->first.id,
          {known, "logout", "session:" + std::to_string(found->first.id), "replaced by a new login", from}));
    }
  }
  const std::string secret = RandomSecret();
  store::SessionRecord s;
  s.token_hash = auth::TokenHash(secret);
  s.user_id = user->id;
  s.csrf = RandomSecret();
  s.created_at = UtcText(now);
  s.expires_at = UtcText(now + options_.lifetime);
  s.last_seen_at = s.created_at;
  s.from = from;
  ONDERDAK_ASSIGN_OR_RETURN(auto stored,
                            accounts.AddSession(s, {known, "login", "user:" + known, "session started", from}));
  LoginResult out;
  out.principal.via = Principal::Via::kSession;
  out.principal.user_id = user->id;
  out.principal.username = user->username;
  out.principal.role = role;
  out.principal.regions = user->regions;
  out.principal.organisation = user->organisation;
  out.principal.credential_id = stored.id;
  out.principal.csrf_token = stored.csrf;
  out.principal.remote = from;
  const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(options_.lifetime).count();
  out.cookie = CookieName(req) + "=" + secret +
               "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
               (ClientUsesTls(req) ? "; Secure" : "");
  return out;
}

core::Result<std::string> Gatekeeper::Logout(const httplib::Request& req, const Principal& caller) {
  if (caller.via == Principal::Via::kSession) {
    ONDERDAK_RETURN_IF_ERROR(store_.Accounts().EndSession(
        caller.credential_id,
        {caller.username, "logout", "session:" + std::to_string(caller.credential_id), "logged out", caller.remote}));
  }
  return CookieName(req) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (ClientUsesTls(req) ? "; Secure" : "");
}

core::Status Gatekeeper::ChangePassword(const Principal& caller, std::string_view current,
                                        std::string_view replacement) {
  if (caller.via != Principal::Via::kSession) {
    return core::Status::PermissionDenied("a password is changed in a login session, not with an API token");
  }
  if (current.empty()) return core::Status::InvalidInput("current: the current password is required");
  if (replacement.empty()) return core::Status::InvalidInput("new: the new password is required");
  const auto now = Clock::now();
  std::lock_guard account_lock(AccountMutex(caller.username));
  ONDERDAK_RETURN_IF_ERROR(CheckAccountLock(caller.username, caller.remote, now));
  core::Status s = auth::Accounts(store_).ChangePassword(caller.username, current, replacement, caller.credential_id,
                                                         auth::Actor{caller.username, caller.remote});
  if (s.ok()) {
    // The right password was given, as at a login: earlier failures stop counting.
    ONDERDAK_RETURN_IF_ERROR(
        store_.Accounts().RecordLoginAttempt({caller.username, caller.remote, UtcText(now), true}));
  } else if (s.code() == core::Code::kPermissionDenied) {
    ONDERDAK_RETURN_IF_ERROR(
        RecordFailure(caller.username, caller.remote, now, "wrong current password when changing it"));
  }
  return s;
}

core::Status Gatekeeper::CheckAccountLock(const std::string& username, const std::string& from, Clock::time_point now) {
  auto& accounts = store_.Accounts();
  ONDERDAK_ASSIGN_OR_RETURN(auto failures,
                            accounts.CountFailedLogins(username, "", UtcText(now - options_.failure_window)));
  if (failures < options_.max_user_failures) return core::Status::Ok();
  (void)accounts.AppendAudit(
      {username, "login.locked", "user:" + username, "account locked after failed logins", from});
  return core::Status::RateLimited(LockedMessage());
}

core::Status Gatekeeper::RecordFailure(const std::string& username, const std::string& from, Clock::time_point now,
                                       std::string_view why) {
  auto& accounts = store_.Accounts();
  ONDERDAK_RETURN_IF_ERROR(accounts.RecordLoginAttempt({username, from, UtcText(now), false}));
  return accounts.AppendAudit({username, "login.failed", "user:" + username, std::string(why), from}).status();
}

std::mutex& Gatekeeper::AccountMutex(std::string_view username) {
  return account_mutexes_[std::hash<std::string_view>{}(username) % account_mutexes_.size()];
}

std::mutex& Gatekeeper::AddressMutex(std::string_view address) {
  return address_mutexes_[std::hash<std::string_view>{}(address) % address_mutexes_.size()];
}

std::string Gatekeeper::LockedMessage() const {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(options_.failure_window).count();
  return "too many failed logins; try again in " + std::to_string(minutes) + " minutes";
}

bool Gatekeeper::CsrfMatches(const httplib::Request& req, const Principal& caller) {
  if (caller.csrf_token.empty()) return false;
  std::string given = req.get_header_value("X-CSRF-Token");
  if (given.empty() && req.has_param("csrf")) given = req.get_param_value("csrf");
  return given.size() == caller.csrf_token.size() &&
         sodium_memcmp(given.data(), caller.csrf_token.data(), given.size()) == 0;
}

bool Gatekeeper::SameOrigin(const httplib::Request& req) {
  if (!req.has_header("Origin")) return true;
  const std::string origin = req.get_header_value("Origin");
  const std::string host = req.get_header_value("Host");
  if (host.empty()) return false;
  return origin == "http://" + host || origin == "https://" + host;
}

}  // namespace onderdak::api
