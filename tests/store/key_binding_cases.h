// ADR 0017, the same on both backends: the first fingerprint is recorded with one audit
// entry and kept; binding another returns the recorded one and writes nothing.
#pragma once

#include <gtest/gtest.h>

#include "onderdak/store/store.h"

namespace onderdak::store {

inline void ExpectTheKeyFingerprintIsRecordedOnceAndKept(Store& s) {
  const AuditEvent audit{.actor = "cli:test", .action = "key.bind", .object = "key:k:1", .detail = "", .from = "cli"};
  const std::string first_key = "k:0123456789abcdef0123456789abcdef";
  auto first = s.BindKeyFingerprint(first_key, audit);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(*first, first_key);
  auto other = s.BindKeyFingerprint("k:ffffffffffffffffffffffffffffffff", audit);
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_EQ(*other, first_key);
  auto log = s.Accounts().ListAudit();
  ASSERT_TRUE(log.ok()) << log.status().message();
  int binds = 0;
  for (const auto& e : *log) binds += e.action == "key.bind" ? 1 : 0;
  EXPECT_EQ(binds, 1);
}

}  // namespace onderdak::store
