#include "onderdak/auth/audit.h"

namespace onderdak::auth {

ChainCheck VerifyAuditChain(const std::vector<store::AuditEntry>& entries) {
  ChainCheck check;
  std::string prev(store::kAuditGenesisHash);
  std::int64_t expected_seq = 1;
  for (const auto& e : entries) {
    ++check.entries;
    const auto broken = [&](std::int64_t seq, std::string reason) {
      check.first_broken = seq;
      check.reason = std::move(reason);
      return check;
    };
    if (e.seq != expected_seq) {
      return broken(expected_seq, "entry " + std::to_string(expected_seq) + " is missing (the next one stored is " +
                                      std::to_string(e.seq) + ")");
    }
    if (e.prev_hash != prev) {
      return broken(e.seq, "entry " + std::to_string(e.seq) + " does not link to the entry before it");
    }
    if (store::AuditHash(e) != e.hash) {
      return broken(e.seq, "entry " + std::to_string(e.seq) + " was changed after it was written (hash mismatch)");
    }
    prev = e.hash;
    check.last_hash = e.hash;
    ++expected_seq;
  }
  return check;
}

core::Result<ChainCheck> VerifyAuditChain(store::AccountStore& accounts) {
  ONDERDAK_ASSIGN_OR_RETURN(auto entries, accounts.ListAudit());
  return VerifyAuditChain(entries);
}

}  // namespace onderdak::auth
