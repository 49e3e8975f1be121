#include "onderdak/auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace onderdak::auth {
namespace {

// Interactive limits (64 MiB, 2 passes): over OWASP's Argon2id minimum (19 MiB, 2
// passes), about 0.1 s per hash, and a login costs 64 MiB only while it runs; MODERATE
// (256 MiB, 0.7 s) would let a burst of logins exhaust a small server (ADR 0012).
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

bool SodiumReady() { return sodium_init() >= 0; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

core::Status CheckPasswordPolicy(std::string_view username, std::string_view password) {
  if (password.empty()) return core::Status::InvalidInput("password: must not be empty");
  if (CodePoints(password) < kMinPasswordLength) {
    return core::Status::InvalidInput("password: must be at least " + std::to_string(kMinPasswordLength) +
                                      " characters long");
  }
  if (password.size() > kMaxPasswordLength) {
    return core::Status::InvalidInput("password: must be at most " + std::to_string(kMaxPasswordLength) + " bytes");
  }
  if (Lower(password) == Lower(username)) {
    return core::Status::InvalidInput("password: must not be the username");
  }
  return core::Status::Ok();
}

core::Result<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady()) return core::Status::Internal("libsodium failed to initialise");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Status::Internal("hashing the password failed (out of memory?)");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!SodiumReady() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::array<char, crypto_pwhash_STRBYTES> h{};
  std::copy(hash.begin(), hash.end(), h.begin());
  return crypto_pwhash_str_verify(h.data(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view hash) {
  if (!SodiumReady() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  std::array<char, crypto_pwhash_STRBYTES> h{};
  std::copy(hash.begin(), hash.end(), h.begin());
  return crypto_pwhash_str_needs_rehash(h.data(), kOpsLimit, kMemLimit) != 0;
}

}  // namespace onderdak::auth
