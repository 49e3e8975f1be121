#include "onderdak/auth/token.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace onderdak::auth {
namespace {

constexpr std::size_t kTokenBytes = 32;
// base64url without padding of 32 bytes.
constexpr std::size_t kTokenChars = 43;

}  // namespace

core::Result<GeneratedToken> GenerateToken() {
  if (sodium_init() < 0) return core::Status::Internal("libsodium failed to initialise");
  std::array<unsigned char, kTokenBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::array<char, sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw.data(), raw.size());
  GeneratedToken t;
  t.secret = std::string(kTokenPrefix) + text.data();
  sodium_memzero(text.data(), text.size());
  t.hash = TokenHash(t.secret);
  return t;
}

std::string TokenHash(std::string_view token) { return store::Sha256Hex(token); }

bool LooksLikeToken(std::string_view token) {
  if (!token.starts_with(kTokenPrefix) || token.size() != kTokenPrefix.size() + kTokenChars) return false;
  return std::all_of(token.begin() + static_cast<std::ptrdiff_t>(kTokenPrefix.size()), token.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '_'; });
}

core::Result<TokenPrincipal> VerifyToken(store::AccountStore& accounts, std::string_view token) {
  const auto denied = [] { return core::Status::PermissionDenied("invalid token"); };
  if (!LooksLikeToken(token)) return denied();
  const std::string hash = TokenHash(token);
  auto found = accounts.FindTokenByHash(hash);
  if (!found.ok()) return found.status().code() == core::Code::kNotFound ? denied() : found.status();
  // The lookup went through an index; compare the stored hash in constant time anyway, so
  // the decision never depends on a byte-by-byte early exit.
  if (found->token_hash.size() != hash.size() ||
      sodium_memcmp(found->token_hash.data(), hash.data(), hash.size()) != 0) {
    return denied();
  }
  if (found->revoked_at) return denied();
  ONDERDAK_ASSIGN_OR_RETURN(auto user, accounts.GetUser(found->username));
  if (user.disabled) return denied();
  auto role = ParseRole(found->role);
  if (!role) return core::Status::Internal("token " + std::to_string(found->id) + " has an unknown role");
  return TokenPrincipal{found->id, found->username, *role, found->regions};
}

}  // namespace onderdak::auth
