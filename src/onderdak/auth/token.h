// API tokens for machine uploads (ADR 0012): "odk_" + 43 characters of base64url (32
// random bytes from randombytes_buf), shown once when created. Only the hex SHA-256 of
// the whole token is stored: a token has 256 bits of entropy, so a plain hash cannot be
// reversed or brute-forced, and a key (HMAC) would add nothing but a secret to manage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "onderdak/auth/roles.h"
#include "onderdak/core/result.h"
#include "onderdak/store/accounts.h"

namespace onderdak::auth {

inline constexpr std::string_view kTokenPrefix = "odk_";

struct GeneratedToken {
  std::string secret;  // show once, never store or log
  std::string hash;    // TokenHash(secret)
};

// A fresh random token. Internal when libsodium cannot initialise.
core::Result<GeneratedToken> GenerateToken();
// Hex SHA-256 of `token` (what the store keeps).
std::string TokenHash(std::string_view token);
// True when `token` has the shape of an onderdak token (prefix, length, alphabet).
bool LooksLikeToken(std::string_view token);

// Who a valid token speaks for.
struct TokenPrincipal {
  std::int64_t token_id = 0;
  std::string username;
  Role role = Role::kProviderUploader;
  std::vector<std::string> regions;
};

// Looks the token up by its hash and compares the hashes in constant time.
// PermissionDenied ("invalid token") for a malformed, unknown or revoked token or a
// disabled user; the message never contains the token.
core::Result<TokenPrincipal> VerifyToken(store::AccountStore& accounts, std::string_view token);

}  // namespace onderdak::auth
