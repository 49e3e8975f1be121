// Pseudonymiser: turns a BSN, or a linkage key when there is no BSN, into a keyed
// pseudonym at intake: HMAC-SHA256 under a deployment key, hex-encoded.
//
// The key is 32 random bytes in a file of its own (mode 0600), outside the database, so a
// copy of the database alone cannot be re-identified by hashing all 10^9 possible BSNs.
// The same key gives the same pseudonym for the same person in every organisation and
// region of a deployment. Input values are never kept, logged or put into messages.
//
// Thread-safe after construction (const methods only).
#pragma once

#include <sodium.h>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"

namespace onderdak::ingest {

inline constexpr std::size_t kPseudonymKeyBytes = 32;

class Pseudonymiser {
 public:
  // Creates a new random key file; AlreadyExists if it exists (never overwrite a key:
  // all existing pseudonyms depend on it). Creates the parent folder.
  static core::Status CreateKeyFile(const std::filesystem::path& path);
  // Loads the key. FailedPrecondition naming the path and `onderdak init` when the file
  // is missing; InvalidInput when it has the wrong size or is readable by others.
  static core::Result<Pseudonymiser> FromKeyFile(const std::filesystem::path& path);
  static Pseudonymiser FromKey(const std::array<unsigned char, kPseudonymKeyBytes>& key) { return Pseudonymiser(key); }

  // "b:" + hex HMAC of the BSN. InvalidInput (without echoing the number) when the BSN
  // fails the elfproef.
  core::Result<std::string> FromBsn(std::string_view bsn) const;
  // "l:" + hex HMAC of the normalised linkage key "INITIALS|YYYY-MM-DD|G": initials
  // upper-cased with dots and spaces removed, gender M/V/X.
  core::Result<std::string> FromLinkageKey(std::string_view initials, core::Date birth_date,
                                           std::string_view gender) const;
  // Identifies the key without revealing it (ADR 0017): "k:" + the first 16 bytes, in hex,
  // of HMAC-SHA256(key, "onderdak key fingerprint v1"). Stored in the database at init so
  // that a command run with another key file is refused.
  std::string Fingerprint() const;

 private:
  explicit Pseudonymiser(const std::array<unsigned char, kPseudonymKeyBytes>& key);
  std::string Mac(char kind, std::string_view message) const;
  // HMAC state with the key already absorbed; each MAC starts from a copy. Setting up the
  // key per person was a measured share of the import (bench/import_bench.sh).
  crypto_auth_hmacsha256_state keyed_;
};

}  // namespace onderdak::ingest
