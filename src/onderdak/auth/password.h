// Passwords: the policy, and hashing with Argon2id (libsodium crypto_pwhash_str, ADR
// 0012). Only the hash string is ever stored; a password never reaches a log line or an
// error message.
#pragma once

#include <string>
#include <string_view>

#include "onderdak/core/result.h"

namespace onderdak::auth {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// InvalidInput naming the rule broken: at least 12 characters (counted as UTF-8 code
// points), at most 1024 bytes, not the username (ignoring case).
core::Status CheckPasswordPolicy(std::string_view username, std::string_view password);

// "$argon2id$v=19$m=65536,t=2,p=1$..." (OPSLIMIT/MEMLIMIT_INTERACTIVE). Internal when
// libsodium cannot allocate the memory.
core::Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash`. Constant time in the password (libsodium).
bool VerifyPassword(std::string_view hash, std::string_view password);
// True when `hash` was made with other parameters than HashPassword uses now (rehash it
// at the next successful login).
bool PasswordNeedsRehash(std::string_view hash);

}  // namespace onderdak::auth
