// Passwords over HTTP (issue 7, ADR 0013): a user changes their own (the current one
// checked and counted towards the lock-out, so a stolen session cannot guess it; other
// sessions ended), an administrator resets one (every session ended) and enables a
// disabled user again, and a login stores a hash made with old parameters anew.
#include <sodium.h>

#include "onderdak/auth/password.h"
#include "security_fixture.h"

namespace onderdak::testing {
namespace {

class PasswordsTest : public SecurityServer {
 protected:
  // The user the session belongs to, or "" when the session is not (or no longer) valid.
  std::string WhoIs(const Login& l) {
    auto res = client_->Get("/api/v1/session", HeadersFor(l));
    if (!res || res->status != 200) return "?";
    const auto user = nlohmann::json::parse(res->body)["user"];
    return user.is_null() ? "" : user["username"].get<std::string>();
  }
  int Change(const Login& l, const std::string& current, const std::string& replacement) {
    nlohmann::json body = {{"current", current}, {"new", replacement}};
    auto res = client_->Put("/api/v1/session/password", HeadersFor(l), body.dump(), "application/json");
    return res ? res->status : -1;
  }
};

TEST_F(PasswordsTest, AChangeKeepsThisSessionAndEndsTheOthers) {
  const Login here = LogIn("national_analyst");
  const Login elsewhere = LogIn("national_analyst");
  ASSERT_EQ(WhoIs(elsewhere), "national_analyst");
  EXPECT_EQ(Change(here, kPassword, "short"), 400);
  EXPECT_EQ(Change(here, "", "a brand new pass phrase"), 400);
  EXPECT_EQ(WhoIs(elsewhere), "national_analyst") << "a refused change ends nothing";
  EXPECT_EQ(Change(here, kPassword, "a brand new pass phrase"), 200);
  EXPECT_EQ(WhoIs(here), "national_analyst");
  EXPECT_EQ(WhoIs(elsewhere), "");
  EXPECT_TRUE(LogIn("national_analyst").cookie.empty()) << "the old password still works";
  EXPECT_FALSE(LogIn("national_analyst", "a brand new pass phrase").cookie.empty());
  // Without the CSRF token a session cannot change it.
  auto res =
      client_->Put("/api/v1/session/password", HeadersFor(here, false),
                   nlohmann::json{{"current", "a brand new pass phrase"}, {"new", "yet another pass phrase"}}.dump(),
                   "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  const auto last = store_->Accounts().ListAudit()->back();
  EXPECT_EQ(last.action, "login");
  const std::string db_bytes = ReadFile(db_);
  EXPECT_EQ(db_bytes.find("a brand new pass phrase"), std::string::npos);
}

TEST_F(PasswordsTest, AStolenSessionCannotGuessThePassword) {
  const Login stolen = LogIn("region_steward");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Change(stolen, "guess number " + std::to_string(i), "a brand new one!"), 403);
  // Locked like a login: the right password does not help now, here or at the login.
  EXPECT_EQ(Change(stolen, kPassword, "a brand new pass phrase"), 429);
  EXPECT_TRUE(LogIn("region_steward").cookie.empty());
  EXPECT_TRUE(auth::VerifyPassword(store_->Accounts().GetUser("region_steward")->password_hash, kPassword));
  int failed = 0;
  const auto entries = store_->Accounts().ListAudit();
  ASSERT_TRUE(entries.ok());
  for (const auto& e : *entries) {
    failed += e.action == "login.failed" && e.actor == "region_steward";
    EXPECT_EQ(e.detail.find("guess number"), std::string::npos);
  }
  EXPECT_EQ(failed, 5);
}

TEST_F(PasswordsTest, TheRightPasswordEndsTheCountOfEarlierMistakes) {
  const Login mine = LogIn("national_analyst");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Change(mine, "mistyped " + std::to_string(i), "a brand new pass phrase"), 403);
  EXPECT_EQ(Change(mine, kPassword, "a brand new pass phrase"), 200);
  // Four more mistakes: not locked, as after a successful login.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Change(mine, "mistyped again " + std::to_string(i), "another phrase!!"), 403);
  EXPECT_FALSE(LogIn("national_analyst", "a brand new pass phrase").cookie.empty());
}

TEST_F(PasswordsTest, AnApiTokenCannotChangeAPassword) {
  auth::Accounts accounts(*store_);
  auto token = accounts.CreateToken("provider_uploader", "machine", {"test", "test"});
  ASSERT_TRUE(token.ok());
  Login machine;
  machine.bearer = token->secret;
  EXPECT_EQ(Change(machine, kPassword, "a brand new pass phrase"), 403);
  EXPECT_TRUE(auth::VerifyPassword(store_->Accounts().GetUser("provider_uploader")->password_hash, kPassword));
}

TEST_F(PasswordsTest, AnAdministratorResetsAPasswordAndEnablesAUser) {
  const Login admin = LogIn("administrator");
  const Login steward = LogIn("region_steward");
  auto reset = client_->Put("/api/v1/users/region_steward/password", HeadersFor(admin),
                            nlohmann::json{{"password", "set by the administrator"}}.dump(), "application/json");
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 200) << reset->body;
  EXPECT_EQ(WhoIs(steward), "") << "a reset ends every session";
  EXPECT_FALSE(LogIn("region_steward", "set by the administrator").cookie.empty());
  auto weak = client_->Put("/api/v1/users/region_steward/password", HeadersFor(admin),
                           nlohmann::json{{"password", "region_steward"}}.dump(), "application/json");
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->status, 400);
  EXPECT_NE(weak->body.find("password: must not be the username"), std::string::npos) << weak->body;

  auto disable = client_->Post("/api/v1/users/region_steward/disable", HeadersFor(admin), "", "application/json");
  ASSERT_TRUE(disable);
  ASSERT_EQ(disable->status, 200);
  EXPECT_TRUE(LogIn("region_steward", "set by the administrator").cookie.empty());
  auto enable = client_->Post("/api/v1/users/region_steward/enable", HeadersFor(admin), "", "application/json");
  ASSERT_TRUE(enable);
  EXPECT_EQ(enable->status, 200) << enable->body;
  EXPECT_FALSE(LogIn("region_steward", "set by the administrator").cookie.empty());
  auto again = client_->Post("/api/v1/users/region_steward/enable", HeadersFor(admin), "", "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << again->body;
}

TEST_F(PasswordsTest, ALoginStoresAnOldHashWithTodaysParameters) {
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(weak, kPassword, std::strlen(kPassword), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN),
            0);
  ASSERT_TRUE(auth::PasswordNeedsRehash(weak));
  const auto audit_before = store_->Accounts().ListAudit()->size();
  ASSERT_TRUE(store_->Accounts().SetPasswordHash("national_analyst", weak, std::nullopt, std::nullopt).ok());
  EXPECT_FALSE(LogIn("national_analyst").cookie.empty());
  const std::string stored = store_->Accounts().GetUser("national_analyst")->password_hash;
  EXPECT_NE(stored, weak);
  EXPECT_FALSE(auth::PasswordNeedsRehash(stored));
  EXPECT_TRUE(auth::VerifyPassword(stored, kPassword));
  EXPECT_EQ(store_->Accounts().ListAudit()->size(), audit_before + 1) << "the login only";
}

}  // namespace
}  // namespace onderdak::testing
