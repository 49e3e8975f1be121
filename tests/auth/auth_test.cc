// auth/: roles, the password policy and Argon2id hashing, API tokens, the audit chain,
// and the accounts on the SQLite store (the same cases run on PostgreSQL in
// tests/store/postgres_accounts_test.cc), including tampering behind the store's back.
#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <cstring>
#include <set>

#include "accounts_cases.h"
#include "onderdak/auth/roles.h"
#include "onderdak/store/sqlite/sqlite_db.h"
#include "test_support.h"

namespace onderdak::auth {
namespace {

using onderdak::testing::AddTestRegions;
using onderdak::testing::ExpectAccountsBehave;
using onderdak::testing::kPassword;
using onderdak::testing::Request;
using onderdak::testing::TempDir;

TEST(RolesTest, StableIdsAndDutchNames) {
  EXPECT_EQ(RoleId(Role::kAdministrator), "administrator");
  EXPECT_EQ(RoleId(Role::kNationalAnalyst), "national_analyst");
  EXPECT_EQ(RoleId(Role::kRegionSteward), "region_steward");
  EXPECT_EQ(RoleId(Role::kProviderUploader), "provider_uploader");
  EXPECT_EQ(RoleDutch(Role::kAdministrator), "beheerder");
  EXPECT_EQ(RoleEnglish(Role::kRegionSteward), "region steward");
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleId(r)), r);
  EXPECT_EQ(ParseRole("Landelijk_Analist"), Role::kNationalAnalyst);
  EXPECT_EQ(ParseRole("aanleveraar"), Role::kProviderUploader);
  EXPECT_EQ(ParseRole("public"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
  EXPECT_TRUE(RoleNeedsRegions(Role::kRegionSteward));
  EXPECT_FALSE(RoleNeedsRegions(Role::kNationalAnalyst));
  EXPECT_TRUE(RoleNeedsOrganisation(Role::kProviderUploader));
  EXPECT_FALSE(RoleNeedsOrganisation(Role::kRegionSteward));
}

TEST(PasswordTest, PolicyNamesTheRule) {
  EXPECT_TRUE(CheckPasswordPolicy("alice", "twelve chars").ok());
  EXPECT_EQ(CheckPasswordPolicy("alice", "elevenchars").message(), "password: must be at least 12 characters long");
  EXPECT_EQ(CheckPasswordPolicy("alice", "").message(), "password: must not be empty");
  EXPECT_EQ(CheckPasswordPolicy("administrator", "ADMINISTRATOR").message(), "password: must not be the username");
  EXPECT_EQ(CheckPasswordPolicy("alice", std::string(1025, 'x')).code(), core::Code::kInvalidInput);
  // Characters, not bytes: 11 two-byte letters are too short, 12 are enough.
  std::string e11, e12;
  for (int i = 0; i < 11; ++i) e11 += "ë";
  e12 = e11 + "ë";
  EXPECT_FALSE(CheckPasswordPolicy("alice", e11).ok());
  EXPECT_TRUE(CheckPasswordPolicy("alice", e12).ok());
}

TEST(PasswordTest, HashVerifyAndRehash) {
  auto h = HashPassword(kPassword);
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_TRUE(h->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *h;
  EXPECT_TRUE(VerifyPassword(*h, kPassword));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse battery stapl"));
  EXPECT_FALSE(VerifyPassword("not a hash", kPassword));
  EXPECT_FALSE(PasswordNeedsRehash(*h));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(*HashPassword(kPassword), *h);
  // A hash made with weaker parameters asks to be redone.
  ASSERT_GE(sodium_init(), 0);
  std::array<char, crypto_pwhash_STRBYTES> weak{};
  ASSERT_EQ(crypto_pwhash_str_alg(weak.data(), kPassword, std::strlen(kPassword), crypto_pwhash_OPSLIMIT_MIN,
                                  crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_TRUE(VerifyPassword(weak.data(), kPassword));
  EXPECT_TRUE(PasswordNeedsRehash(weak.data()));
}

TEST(TokenTest, FormatAndHash) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto t = GenerateToken();
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->secret.size(), 47u);
    EXPECT_TRUE(t->secret.starts_with("odk_"));
    EXPECT_TRUE(LooksLikeToken(t->secret)) << t->secret;
    EXPECT_EQ(t->hash.size(), 64u);
    EXPECT_EQ(t->hash, TokenHash(t->secret));
    EXPECT_EQ(t->hash.find(t->secret.substr(4)), std::string::npos);
    seen.insert(t->secret);
  }
  EXPECT_EQ(seen.size(), 50u);
  // SHA-256 of "abc" (FIPS 180-2).
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(LooksLikeToken("odk_" + std::string(43, '!')));
  EXPECT_FALSE(LooksLikeToken("xyz_" + std::string(43, 'a')));
  EXPECT_FALSE(LooksLikeToken("odk_" + std::string(42, 'a')));
}

store::AuditEntry Entry(std::int64_t seq, const std::string& prev, std::string action) {
  store::AuditEntry e;
  e.seq = seq;
  e.at = "2026-11-23T12:00:00Z";
  e.actor = "cli:root";
  e.action = std::move(action);
  e.object = "user:x";
  e.from = "cli";
  e.prev_hash = prev;
  e.hash = store::AuditHash(e);
  return e;
}

std::vector<store::AuditEntry> Chain(int n) {
  std::vector<store::AuditEntry> v;
  std::string prev(store::kAuditGenesisHash);
  for (int i = 1; i <= n; ++i) {
    v.push_back(Entry(i, prev, "a" + std::to_string(i)));
    prev = v.back().hash;
  }
  return v;
}

TEST(AuditChainTest, FindsTheFirstBrokenLink) {
  EXPECT_TRUE(VerifyAuditChain(std::vector<store::AuditEntry>{}).ok());
  auto chain = Chain(5);
  auto ok = VerifyAuditChain(chain);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.entries, 5);
  EXPECT_EQ(ok.last_hash, chain[4].hash);

  auto edited = chain;
  edited[2].detail = "changed";
  auto c = VerifyAuditChain(edited);
  EXPECT_EQ(c.first_broken, 3);
  EXPECT_NE(c.reason.find("entry 3 was changed"), std::string::npos) << c.reason;

  // An edit with a recomputed hash breaks the next link instead.
  edited[2].hash = store::AuditHash(edited[2]);
  c = VerifyAuditChain(edited);
  EXPECT_EQ(c.first_broken, 4);
  EXPECT_NE(c.reason.find("entry 4 does not link"), std::string::npos) << c.reason;

  auto deleted = chain;
  deleted.erase(deleted.begin() + 1);
  c = VerifyAuditChain(deleted);
  EXPECT_EQ(c.first_broken, 2);
  EXPECT_NE(c.reason.find("entry 2 is missing"), std::string::npos) << c.reason;

  // Fields cannot be shifted into each other: the serialisation is length-prefixed.
  auto a = chain[0], b = chain[0];
  a.actor = "ab";
  a.action = "c";
  b.actor = "a";
  b.action = "bc";
  EXPECT_NE(store::AuditHash(a), store::AuditHash(b));
}

class SqliteAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = "sqlite:" + (dir_.path() / "o.db").string();
    auto s = store::OpenStore(url_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
  }
  store::sqlite::Db Raw() {
    auto db = store::sqlite::Db::Open((dir_.path() / "o.db").string());
    EXPECT_TRUE(db.ok());
    return std::move(*db);
  }
  TempDir dir_;
  std::string url_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(SqliteAccountsTest, SchemaHasTheAccountsMigration) { EXPECT_GE(*store_->SchemaVersion(), 3); }

TEST_F(SqliteAccountsTest, AccountsBehave) {
  AddTestRegions(*store_);
  ExpectAccountsBehave(*store_);
}

TEST_F(SqliteAccountsTest, SessionsBehave) {
  AddTestRegions(*store_);
  onderdak::testing::ExpectSessionsBehave(*store_);
}

TEST_F(SqliteAccountsTest, RegionsNeedReferenceDataInForce) {
  Accounts accounts(*store_);
  auto r = accounts.AddUser(Request("rita", "region_steward", {"GM0363"}), kPassword, {"t", "cli"});
  EXPECT_EQ(r.status().code(), core::Code::kNotFound);
  EXPECT_TRUE(r.status().message().starts_with("region: no reference data is in force")) << r.status().message();
}

TEST_F(SqliteAccountsTest, AChangeAndItsAuditEntryCommitTogether) {
  AddTestRegions(*store_);
  auto db = Raw();
  ASSERT_TRUE(
      db.Exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'boom'); END").ok());
  Accounts accounts(*store_);
  auto r = accounts.AddUser(Request("admin", "administrator"), kPassword, {"t", "cli"});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(store_->Accounts().GetUser("admin").status().code(), core::Code::kNotFound);
  ASSERT_TRUE(db.Exec("DROP TRIGGER fail_audit").ok());
  EXPECT_TRUE(accounts.AddUser(Request("admin", "administrator"), kPassword, {"t", "cli"}).ok());
  EXPECT_EQ(store_->Accounts().ListAudit()->size(), 1u);
}

TEST_F(SqliteAccountsTest, PasswordsChangeAndUsersComeBack) {
  AddTestRegions(*store_);
  onderdak::testing::ExpectPasswordsChangeAndUsersComeBack(*store_);
}

TEST_F(SqliteAccountsTest, ADeliveryAndItsAuditEntryCommitTogether) {
  AddTestRegions(*store_);
  onderdak::testing::ExpectDeliveryAuditCommitsWithIt(*store_, dir_.path());
  // When the audit entry cannot be written, the delivery is not stored either.
  auto db = Raw();
  ASSERT_TRUE(
      db.Exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'boom'); END").ok());
  store::NewDelivery d;
  d.organisation = "KVK-9";
  d.region = "GM0599";
  d.period = *core::Period::Parse("2024H1");
  d.audit = store::AuditEvent{"uma", "delivery.upload", "", "", "192.0.2.7"};
  {
    auto w = store_->BeginDelivery(d);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_TRUE((*w)->AttachArchive(std::string(64, 'e'), dir_.path() / "upload.zip").ok());
    auto c = (*w)->Commit();
    EXPECT_FALSE(c.ok());
  }
  store::DeliveryFilter filter;
  filter.region = "GM0599";
  EXPECT_TRUE(store_->ListDeliveries(filter)->empty());
}

TEST_F(SqliteAccountsTest, TamperingIsRefusedAndDetected) {
  AddTestRegions(*store_);
  ExpectAccountsBehave(*store_);
  auto db = Raw();
  // The database refuses edits and deletions of the log.
  auto update = db.Exec("UPDATE audit_log SET detail = 'x' WHERE seq = 3");
  EXPECT_NE(update.message().find("audit_log is append-only"), std::string::npos) << update.message();
  EXPECT_FALSE(db.Exec("DELETE FROM audit_log WHERE seq = 3").ok());
  EXPECT_TRUE(VerifyAuditChain(store_->Accounts())->ok());

  // Someone with the file drops the triggers and edits entry 3: the chain breaks there.
  ASSERT_TRUE(db.Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete").ok());
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3").ok());
  auto c = VerifyAuditChain(store_->Accounts());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->first_broken, 3);
  EXPECT_NE(c->reason.find("changed"), std::string::npos);

  // Undo the edit: intact again; then delete entry 5: broken at 5.
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET actor = 'cli:tester' WHERE seq = 3").ok());
  EXPECT_TRUE(VerifyAuditChain(store_->Accounts())->ok());
  ASSERT_TRUE(db.Exec("DELETE FROM audit_log WHERE seq = 5").ok());
  c = VerifyAuditChain(store_->Accounts());
  EXPECT_EQ(c->first_broken, 5);
  EXPECT_NE(c->reason.find("missing"), std::string::npos);
}

TEST_F(SqliteAccountsTest, NoSecretInTheDatabaseFile) {
  AddTestRegions(*store_);
  Accounts accounts(*store_);
  ASSERT_TRUE(accounts.AddUser(Request("upl", "provider_uploader", {"GM0363"}, "KVK-1"), kPassword, {"t", "cli"}).ok());
  auto token = accounts.CreateToken("upl", "server", {"t", "cli"});
  ASSERT_TRUE(token.ok());
  store_.reset();  // checkpoints the WAL into the file
  std::string bytes = onderdak::testing::ReadFile(dir_.path() / "o.db");
  ASSERT_GT(bytes.size(), 0u);
  EXPECT_NE(bytes.find(token->record.token_hash), std::string::npos);  // the file was read
  EXPECT_EQ(bytes.find(kPassword), std::string::npos);
  EXPECT_EQ(bytes.find(token->secret), std::string::npos);
  EXPECT_EQ(bytes.find(token->secret.substr(4)), std::string::npos);
}

}  // namespace
}  // namespace onderdak::auth
