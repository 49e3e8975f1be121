// Checking the audit log's hash chain (store/accounts.h, ADR 0012). Each entry's hash
// covers its fields and the previous entry's hash, and seq counts 1, 2, 3, ... without
// gaps, so editing, inserting or deleting an entry anywhere but at the end breaks the
// chain at that entry. (Cutting entries off the end leaves a valid, shorter chain: keep
// the latest hash somewhere else, e.g. in the backups' log, to detect that.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "onderdak/core/result.h"
#include "onderdak/store/accounts.h"

namespace onderdak::auth {

struct ChainCheck {
  std::int64_t entries = 0;                  // entries read
  std::optional<std::int64_t> first_broken;  // seq of the first bad entry (or where one is missing)
  std::string reason;                        // what is wrong with it
  std::string last_hash;                     // the hash of the last entry (of the valid prefix)
  bool ok() const { return !first_broken.has_value(); }
};

// Checks `entries` (in seq order, from seq 1).
ChainCheck VerifyAuditChain(const std::vector<store::AuditEntry>& entries);
// Reads the whole log and checks it.
core::Result<ChainCheck> VerifyAuditChain(store::AccountStore& accounts);

}  // namespace onderdak::auth
