// Behaviour every AccountStore backend must show, written once against the Store
// interface and run on SQLite (tests/auth/auth_test.cc) and PostgreSQL
// (tests/store/postgres_accounts_test.cc).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "onderdak/auth/accounts.h"
#include "onderdak/auth/audit.h"
#include "onderdak/auth/password.h"
#include "onderdak/auth/token.h"
#include "onderdak/store/store.h"

namespace onderdak::testing {

inline constexpr const char* kPassword = "correct horse battery staple";

// Two regions in force since 2020: GM0363 (with GM0384 as a member) and GM0599.
inline void AddTestRegions(store::Store& s) {
  auto m = [](std::string code, std::string name, std::string region) {
    domain::Municipality x;
    x.code = std::move(code);
    x.name = std::move(name);
    x.region_code = std::move(region);
    return x;
  };
  store::ReferenceVersionMeta meta;
  meta.valid_from = *core::Date::Parse("2020-01-01");
  meta.source = "test";
  meta.source_sha256 = std::string(64, '0');
  auto v =
      s.AddReferenceVersion(domain::ReferenceSet({m("GM0363", "Amsterdam", "GM0363"), m("GM0384", "Diemen", "GM0363"),
                                                  m("GM0599", "Rotterdam", "GM0599")}),
                            meta);
  ASSERT_TRUE(v.ok()) << v.status().message();
}

inline auth::NewUserRequest Request(std::string username, std::string role, std::vector<std::string> regions = {},
                                    std::string organisation = "") {
  return auth::NewUserRequest{std::move(username), std::move(role), std::move(regions), std::move(organisation)};
}

inline std::string ErrorOf(const core::Status& s) { return s.ok() ? "(ok)" : s.message(); }

// Users, tokens and the audit log through auth::Accounts; `s` is empty but for the
// regions of AddTestRegions.
inline void ExpectAccountsBehave(store::Store& s) {
  auth::Accounts accounts(s);
  const auth::Actor actor{"cli:tester", "cli"};
  EXPECT_FALSE(*accounts.HasAdministrator());

  auto admin = accounts.AddUser(Request("admin", "beheerder"), kPassword, actor);
  ASSERT_TRUE(admin.ok()) << admin.status().message();
  EXPECT_EQ(admin->role, auth::Role::kAdministrator);
  EXPECT_TRUE(*accounts.HasAdministrator());

  auto steward = accounts.AddUser(Request("rita", "region_steward", {"GM0599", "GM0363", "GM0599"}), kPassword, actor);
  ASSERT_TRUE(steward.ok()) << steward.status().message();
  EXPECT_EQ(steward->regions, (std::vector<std::string>{"GM0363", "GM0599"}));

  auto uploader = accounts.AddUser(Request("upl", "provider_uploader", {"GM0363"}, "KVK-12345678"), kPassword, actor);
  ASSERT_TRUE(uploader.ok()) << uploader.status().message();
  EXPECT_EQ(uploader->organisation, "KVK-12345678");

  // Validation names the field and the rule; nothing is stored or audited.
  const auto audit_before = s.Accounts().ListAudit()->size();
  EXPECT_EQ(accounts.AddUser(Request("admin", "administrator"), kPassword, actor).status().code(),
            core::Code::kAlreadyExists);
  auto no_region = accounts.AddUser(Request("sam", "region_steward"), kPassword, actor).status();
  EXPECT_EQ(ErrorOf(no_region), "region: role region_steward needs at least one region (--region GM0363)");
  auto member = accounts.AddUser(Request("sam", "region_steward", {"GM0384"}), kPassword, actor).status();
  EXPECT_NE(ErrorOf(member).find("region: 'GM0384' is not a region in force on"), std::string::npos) << ErrorOf(member);
  EXPECT_NE(ErrorOf(accounts.AddUser(Request("sam", "provider_uploader", {"GM0363"}), kPassword, actor).status())
                .find("organisation: role provider_uploader needs"),
            std::string::npos);
  EXPECT_NE(ErrorOf(accounts.AddUser(Request("sam", "national_analyst", {"GM0363"}), kPassword, actor).status())
                .find("sees all regions"),
            std::string::npos);
  EXPECT_NE(ErrorOf(accounts.AddUser(Request("sam", "emperor"), kPassword, actor).status()).find("role: 'emperor'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(accounts.AddUser(Request("Sam", "administrator"), kPassword, actor).status()).find("username:"),
            std::string::npos);
  EXPECT_EQ(ErrorOf(accounts.AddUser(Request("sam", "administrator"), "short", actor).status()),
            "password: must be at least 12 characters long");
  EXPECT_EQ(accounts.AddUser(Request("sam", "administrator"), "short", actor).status().code(),
            core::Code::kInvalidInput);
  EXPECT_EQ(s.Accounts().GetUser("sam").status().code(), core::Code::kNotFound);
  EXPECT_EQ(s.Accounts().ListAudit()->size(), audit_before);

  // The stored password is an Argon2id hash that verifies, not the password.
  auto stored = s.Accounts().GetUser("rita");
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(stored->password_hash.find(kPassword), std::string::npos);
  EXPECT_TRUE(auth::VerifyPassword(stored->password_hash, kPassword));
  EXPECT_FALSE(auth::VerifyPassword(stored->password_hash, "correct horse battery stapler"));

  auto users = accounts.ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 3u);
  EXPECT_EQ((*users)[0].username, "admin");
  EXPECT_EQ((*users)[2].username, "upl");

  // Tokens: scoped to the user's role and regions, verified by hash, refused when revoked.
  auto t1 = accounts.CreateToken("upl", "upload server", actor);
  ASSERT_TRUE(t1.ok()) << t1.status().message();
  EXPECT_TRUE(auth::LooksLikeToken(t1->secret));
  EXPECT_EQ(t1->record.token_hash, auth::TokenHash(t1->secret));
  auto who = auth::VerifyToken(s.Accounts(), t1->secret);
  ASSERT_TRUE(who.ok()) << who.status().message();
  EXPECT_EQ(who->username, "upl");
  EXPECT_EQ(who->role, auth::Role::kProviderUploader);
  EXPECT_EQ(who->regions, std::vector<std::string>{"GM0363"});
  auto forged = *auth::GenerateToken();
  EXPECT_EQ(auth::VerifyToken(s.Accounts(), forged.secret).status().code(), core::Code::kPermissionDenied);
  EXPECT_EQ(auth::VerifyToken(s.Accounts(), "odk_short").status().code(), core::Code::kPermissionDenied);
  EXPECT_EQ(ErrorOf(accounts.CreateToken("upl", "", actor).status()).substr(0, 6), "label:");
  EXPECT_EQ(accounts.CreateToken("nobody", "x", actor).status().code(), core::Code::kNotFound);

  auto t2 = accounts.CreateToken("upl", "second", actor);
  ASSERT_TRUE(t2.ok());
  ASSERT_TRUE(accounts.RevokeToken(t1->record.id, actor).ok());
  auto refused = auth::VerifyToken(s.Accounts(), t1->secret);
  EXPECT_EQ(refused.status().code(), core::Code::kPermissionDenied);
  EXPECT_EQ(refused.status().message().find(t1->secret), std::string::npos);
  EXPECT_EQ(accounts.RevokeToken(t1->record.id, actor).code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(accounts.RevokeToken(999, actor).code(), core::Code::kNotFound);
  EXPECT_TRUE(auth::VerifyToken(s.Accounts(), t2->secret).ok());

  // Disabling a user revokes its tokens; a disabled user gets no new ones.
  ASSERT_TRUE(accounts.DisableUser("upl", actor).ok());
  EXPECT_EQ(auth::VerifyToken(s.Accounts(), t2->secret).status().code(), core::Code::kPermissionDenied);
  EXPECT_EQ(accounts.DisableUser("upl", actor).code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(accounts.DisableUser("ghost", actor).code(), core::Code::kNotFound);
  EXPECT_EQ(accounts.CreateToken("upl", "third", actor).status().code(), core::Code::kFailedPrecondition);
  auto tokens = accounts.ListTokens();
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_TRUE((*tokens)[0].revoked_at.has_value());
  EXPECT_TRUE((*tokens)[1].revoked_at.has_value());

  // Every change is in the audit log, in order, without secrets, and the chain holds.
  auto log = s.Accounts().ListAudit();
  ASSERT_TRUE(log.ok());
  std::vector<std::string> actions;
  for (const auto& e : *log) {
    actions.push_back(e.action + " " + e.object);
    EXPECT_EQ(e.actor, "cli:tester");
    EXPECT_EQ(e.from, "cli");
    EXPECT_EQ(e.detail.find(kPassword), std::string::npos);
    EXPECT_EQ(e.detail.find(t1->secret), std::string::npos);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"user.add user:admin", "user.add user:rita", "user.add user:upl",
                                               "token.create token:1", "token.create token:2", "token.revoke token:1",
                                               "user.disable user:upl"}));
  EXPECT_EQ((*log)[0].prev_hash, store::kAuditGenesisHash);
  EXPECT_EQ((*log)[1].prev_hash, (*log)[0].hash);
  auto check = auth::VerifyAuditChain(s.Accounts());
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok()) << check->reason;
  EXPECT_EQ(check->entries, 7);
  auto last2 = s.Accounts().ListAudit(2);
  ASSERT_TRUE(last2.ok());
  ASSERT_EQ(last2->size(), 2u);
  EXPECT_EQ((*last2)[0].seq, 6);
  EXPECT_EQ((*last2)[1].seq, 7);

  auto appended = s.Accounts().AppendAudit({"alice", "login", "user:alice", "", "192.0.2.7"});
  ASSERT_TRUE(appended.ok());
  EXPECT_EQ(appended->seq, 8);
  EXPECT_EQ(appended->prev_hash, (*log)[6].hash);
  EXPECT_TRUE(auth::VerifyAuditChain(s.Accounts())->ok());
}

// Sessions and login attempts (ADR 0013): stored by hash, found with their user, touched,
// ended once (audited), ended when the user is disabled; failed logins counted per user
// since its last success and per address.
inline void ExpectSessionsBehave(store::Store& s) {
  auth::Accounts accounts(s);
  const auth::Actor actor{"cli:tester", "cli"};
  ASSERT_TRUE(accounts.AddUser(Request("sam", "region_steward", {"GM0363"}), kPassword, actor).ok());
  auto& a = s.Accounts();
  store::SessionRecord rec;
  rec.token_hash = std::string(64, 'a');
  rec.user_id = a.GetUser("sam")->id;
  rec.csrf = std::string(43, 'c');
  rec.created_at = rec.last_seen_at = "2026-11-23T10:00:00Z";
  rec.expires_at = "2026-11-23T18:00:00Z";
  rec.from = "192.0.2.1";
  auto added = a.AddSession(rec, {"sam", "login", "user:sam", "session started", "192.0.2.1"});
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_GT(added->id, 0);
  auto duplicate = a.AddSession(rec, {"sam", "login", "user:sam", "", "192.0.2.1"});
  EXPECT_FALSE(duplicate.ok()) << "two sessions with one secret";
  auto found = a.FindSession(rec.token_hash);
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->first.id, added->id);
  EXPECT_EQ(found->first.csrf, rec.csrf);
  EXPECT_EQ(found->first.expires_at, rec.expires_at);
  EXPECT_FALSE(found->first.ended_at.has_value());
  EXPECT_EQ(found->second.username, "sam");
  EXPECT_EQ(found->second.regions, std::vector<std::string>{"GM0363"});
  EXPECT_EQ(a.FindSession(std::string(64, 'b')).status().code(), core::Code::kNotFound);
  ASSERT_TRUE(a.TouchSession(added->id, "2026-11-23T10:05:00Z").ok());
  EXPECT_EQ(a.FindSession(rec.token_hash)->first.last_seen_at, "2026-11-23T10:05:00Z");
  const auto entries_before = a.ListAudit()->size();
  ASSERT_TRUE(a.EndSession(added->id, {"sam", "logout", "session:1", "logged out", "192.0.2.1"}).ok());
  ASSERT_TRUE(a.EndSession(added->id, {"sam", "logout", "session:1", "logged out", "192.0.2.1"}).ok());
  EXPECT_EQ(a.ListAudit()->size(), entries_before + 1) << "ending an ended session is no new entry";
  EXPECT_TRUE(a.FindSession(rec.token_hash)->first.ended_at.has_value());

  rec.token_hash = std::string(64, 'd');
  auto second = a.AddSession(rec, {"sam", "login", "user:sam", "", "192.0.2.1"});
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(accounts.DisableUser("sam", actor).ok());
  EXPECT_TRUE(a.FindSession(rec.token_hash)->first.ended_at.has_value()) << "disabling ends the sessions";

  auto attempt = [&](const char* user, const char* from, const char* at, bool ok) {
    ASSERT_TRUE(a.RecordLoginAttempt({user, from, at, ok}).ok());
  };
  attempt("sam", "192.0.2.1", "2026-11-23T10:00:00Z", false);
  attempt("sam", "192.0.2.2", "2026-11-23T10:01:00Z", false);
  attempt("sam", "192.0.2.1", "2026-11-23T10:02:00Z", true);
  attempt("sam", "192.0.2.1", "2026-11-23T10:03:00Z", false);
  attempt("?", "192.0.2.1", "2026-11-23T10:04:00Z", false);
  EXPECT_EQ(*a.CountFailedLogins("sam", "", "2026-11-23T09:00:00Z"), 1) << "only those after the last success";
  EXPECT_EQ(*a.CountFailedLogins("sam", "", "2026-11-23T10:03:30Z"), 0) << "only those in the window";
  EXPECT_EQ(*a.CountFailedLogins("", "192.0.2.1", "2026-11-23T09:00:00Z"), 3);
  EXPECT_EQ(*a.CountFailedLogins("", "192.0.2.2", "2026-11-23T09:00:00Z"), 1);
  EXPECT_TRUE(auth::VerifyAuditChain(a)->ok());
}

// A delivery stored with an audit entry (store::NewDelivery::audit, as uploads are): the
// entry is written by Commit() in the delivery's transaction, naming the new delivery;
// a writer abandoned before Commit() leaves neither. `dir` is a writable folder.
inline void ExpectDeliveryAuditCommitsWithIt(store::Store& s, const std::filesystem::path& dir) {
  const auto zip = dir / "upload.zip";
  std::ofstream(zip, std::ios::binary) << "not really a zip; the store keeps the bytes";
  const std::string sha(64, 'e');  // content-addressed: any 64 hex digits name it here
  store::NewDelivery d;
  d.organisation = "KVK-9";
  d.organisation_name = "Opvang Test";
  d.region = "GM0363";
  d.period = *core::Period::Parse("2024H1");
  d.created = "2024-07-01";
  d.source = "upload:uma/x.zip";
  d.audit = store::AuditEvent{"uma", "delivery.upload", "", "region:GM0363 accepted", "192.0.2.7"};
  const auto before = s.Accounts().ListAudit(std::nullopt)->size();
  {
    auto w = s.BeginDelivery(d);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_TRUE((*w)->AttachArchive(sha, zip).ok());
  }  // abandoned
  EXPECT_EQ(s.Accounts().ListAudit(std::nullopt)->size(), before) << "an audit entry without its delivery";
  auto w = s.BeginDelivery(d);
  ASSERT_TRUE(w.ok()) << w.status().message();
  ASSERT_TRUE((*w)->AttachArchive(sha, zip).ok());
  auto stored = (*w)->Commit();
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  auto entries = s.Accounts().ListAudit(std::nullopt);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), before + 1);
  const store::AuditEntry& e = entries->back();
  EXPECT_EQ(e.actor, "uma");
  EXPECT_EQ(e.action, "delivery.upload");
  EXPECT_EQ(e.object, "delivery:" + std::to_string(stored->id));
  EXPECT_EQ(e.from, "192.0.2.7");
  EXPECT_TRUE(auth::VerifyAuditChain(s.Accounts())->ok());
}

// Passwords changed by their user (the current one checked; other sessions ended, this
// one kept), reset by an administrator (every session ended), rehashed (the hash only),
// and a disabled user enabled again; each change audited, a refused one changing nothing.
inline void ExpectPasswordsChangeAndUsersComeBack(store::Store& s) {
  auth::Accounts accounts(s);
  const auth::Actor actor{"cli:tester", "cli"};
  ASSERT_TRUE(accounts.AddUser(Request("pam", "national_analyst"), kPassword, actor).ok());
  auto& a = s.Accounts();
  auto session = [&](char c) {
    store::SessionRecord rec;
    rec.token_hash = std::string(64, c);
    rec.user_id = a.GetUser("pam")->id;
    rec.csrf = std::string(43, c);
    rec.created_at = rec.last_seen_at = "2026-12-05T10:00:00Z";
    rec.expires_at = "2026-12-05T18:00:00Z";
    rec.from = "192.0.2.1";
    auto added = a.AddSession(rec, {"pam", "login", "user:pam", "", "192.0.2.1"});
    EXPECT_TRUE(added.ok()) << added.status().message();
    return added.ok() ? added->id : 0;
  };
  auto ended = [&](char c) { return a.FindSession(std::string(64, c))->first.ended_at.has_value(); };
  const std::int64_t mine = session('a');
  session('b');
  const std::string old_hash = a.GetUser("pam")->password_hash;
  const auto audit_before = a.ListAudit()->size();

  const std::string next = "a new and longer passphrase";
  EXPECT_EQ(accounts.ChangePassword("pam", "not the password", next, mine, actor).code(),
            core::Code::kPermissionDenied);
  EXPECT_EQ(ErrorOf(accounts.ChangePassword("pam", kPassword, "short", mine, actor)),
            "password: must be at least 12 characters long");
  EXPECT_EQ(ErrorOf(accounts.ChangePassword("pam", kPassword, kPassword, mine, actor)),
            "new password: must differ from the current one");
  EXPECT_EQ(a.GetUser("pam")->password_hash, old_hash) << "a refused change changed the password";
  EXPECT_EQ(a.ListAudit()->size(), audit_before) << "a refused change was audited as a change";
  EXPECT_FALSE(ended('b'));

  ASSERT_TRUE(accounts.ChangePassword("pam", kPassword, next, mine, actor).ok());
  EXPECT_TRUE(auth::VerifyPassword(a.GetUser("pam")->password_hash, next));
  EXPECT_FALSE(auth::VerifyPassword(a.GetUser("pam")->password_hash, kPassword));
  EXPECT_FALSE(ended('a')) << "the session that changed it stays";
  EXPECT_TRUE(ended('b')) << "every other session ends";
  EXPECT_EQ(a.ListAudit()->back().action, "user.password");
  EXPECT_EQ(a.ListAudit()->back().object, "user:pam");

  session('c');
  ASSERT_TRUE(accounts.ResetPassword("pam", "reset by the administrator", {"admin", "192.0.2.9"}).ok());
  EXPECT_TRUE(ended('a'));
  EXPECT_TRUE(ended('c'));
  EXPECT_EQ(a.ListAudit()->back().actor, "admin");
  EXPECT_EQ(accounts.ResetPassword("nobody", "reset by the administrator", actor).code(), core::Code::kNotFound);
  EXPECT_EQ(ErrorOf(accounts.ResetPassword("pam", "pam", actor)), "password: must be at least 12 characters long");

  // A rehash replaces the hash only: no session ends, nothing is audited.
  session('d');
  const auto before_rehash = a.ListAudit()->size();
  const std::string rehashed = *auth::HashPassword("reset by the administrator");
  ASSERT_TRUE(a.SetPasswordHash("pam", rehashed, std::nullopt, std::nullopt).ok());
  EXPECT_EQ(a.GetUser("pam")->password_hash, rehashed);
  EXPECT_FALSE(ended('d'));
  EXPECT_EQ(a.ListAudit()->size(), before_rehash);

  EXPECT_EQ(accounts.EnableUser("pam", actor).code(), core::Code::kFailedPrecondition) << "not disabled";
  ASSERT_TRUE(accounts.DisableUser("pam", actor).ok());
  EXPECT_TRUE(ended('d'));
  ASSERT_TRUE(accounts.EnableUser("pam", actor).ok());
  EXPECT_FALSE(a.GetUser("pam")->disabled);
  EXPECT_EQ(a.ListAudit()->back().action, "user.enable");
  EXPECT_EQ(accounts.EnableUser("nobody", actor).code(), core::Code::kNotFound);
  EXPECT_TRUE(auth::VerifyAuditChain(a)->ok());
}

}  // namespace onderdak::testing
