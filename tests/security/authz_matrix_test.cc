// The authorization matrix (tests/security/authz_matrix.csv): every route of the policy
// table, for every role, with the exact outcome the policy promises (for a row that is let
// through, the route's own status, so a broken route cannot pass as allowed), asked of a running
// server over HTTP with real logins. Also: every rule of api/access.cc is covered for
// every role, so a route cannot be added without stating who may call it.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "onderdak/api/access.h"
#include "security_fixture.h"

namespace onderdak::testing {
namespace {

struct Row {
  int line = 0;
  std::string method, path, role, body, expected, why;
};

std::vector<Row> ReadMatrix() {
  std::ifstream in(std::filesystem::path(ONDERDAK_TEST_SOURCE_DIR) / "tests" / "security" / "authz_matrix.csv");
  EXPECT_TRUE(in) << "tests/security/authz_matrix.csv is missing";
  std::vector<Row> rows;
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      EXPECT_EQ(line, "method,path,role,body,expected,why");
      header = true;
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    for (int i = 0; i < 5 && std::getline(ss, cell, ','); ++i) f.push_back(cell);
    std::getline(ss, cell);
    f.push_back(cell);
    EXPECT_EQ(f.size(), 6u) << "authz_matrix.csv:" << n;
    if (f.size() != 6) continue;
    rows.push_back({n, f[0], f[1], f[2], f[3], f[4], f[5]});
  }
  return rows;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

class AuthzMatrixTest : public SecurityServer {};

TEST_F(AuthzMatrixTest, EveryRuleIsStatedForEveryRole) {
  const auto rows = ReadMatrix();
  const std::vector<std::string> roles = {"public", "administrator", "national_analyst", "region_steward",
                                          "provider_uploader"};
  for (const auto& rule : api::AccessRules()) {
    const std::regex re{std::string(rule.pattern)};
    for (const auto& role : roles) {
      bool covered = false;
      for (const auto& r : rows) {
        std::string path =
            Replace(Replace(Replace(r.path, "{own}", kOwnRegion), "{other}", kOtherRegion), "{own_delivery}", "1");
        path = path.substr(0, path.find('?'));
        if (r.method == rule.method && r.role == role && std::regex_match(path, re)) covered = true;
      }
      EXPECT_TRUE(covered) << rule.method << " " << rule.pattern << " has no row for " << role
                           << " in tests/security/authz_matrix.csv";
    }
  }
}

TEST_F(AuthzMatrixTest, EveryRowHasItsOutcome) {
  const auto rows = ReadMatrix();
  ASSERT_GT(rows.size(), 150u);
  std::map<std::string, Login> logins;
  auto login_for = [&](const std::string& role) -> Login {
    if (role == "public") return {};
    if (!logins.count(role)) logins[role] = LogIn(role);
    return logins[role];
  };
  const std::string zip_own = DeliveryZip({{"manifest.json", ManifestFor(kOwnRegion)}});
  const std::string zip_other = DeliveryZip({{"manifest.json", ManifestFor(kOtherRegion)}});
  int checked = 0;
  for (const auto& r : rows) {
    SCOPED_TRACE("authz_matrix.csv:" + std::to_string(r.line) + ": " + r.method + " " + r.path + " as " + r.role);
    const Login login = login_for(r.role);
    if (r.role != "public") {
      ASSERT_FALSE(login.cookie.empty()) << "cannot log in as " << r.role;
    }
    const std::string path = Replace(Replace(Replace(r.path, "{own}", kOwnRegion), "{other}", kOtherRegion),
                                     "{own_delivery}", std::to_string(own_delivery_));
    std::string body, type = "application/json";
    if (r.body == "empty_json") body = "{}";
    if (r.body == "text") body = "hello", type = "text/plain";
    if (r.body == "zip_own") body = zip_own, type = "application/zip";
    if (r.body == "zip_other") body = zip_other, type = "application/zip";
    if (r.body == "form_no_token") body = "username=x&password=y", type = "application/x-www-form-urlencoded";
    const auto headers = HeadersFor(login);
    auto send = [&]() -> httplib::Result {
      if (r.method == "POST") return client_->Post(path, headers, body, type);
      if (r.method == "PUT") return client_->Put(path, headers, body, type);
      if (r.method == "DELETE") return client_->Delete(path, headers, body, type);
      return client_->Get(path, headers);
    };
    ASSERT_TRUE(r.method == "GET" || r.method == "POST" || r.method == "PUT" || r.method == "DELETE") << r.method;
    auto res = send();
    ASSERT_TRUE(res) << "no answer";
    int status = res->status;
    // A public GET of a page is sent to the login page: that is its 401.
    if (status == 303 && res->get_header_value("Location").starts_with("/inloggen")) status = 401;
    if (r.expected.starts_with("allow:")) {
      // Let through, and the route's own answer: a route that is broken (404 for a path
      // that should exist, 500) fails here even though it was not refused.
      const std::string want = r.expected.substr(6);
      EXPECT_TRUE(want != "401" && want != "403") << "an allow row cannot expect a refusal";
      EXPECT_EQ(std::to_string(status), want) << res->body;
    } else {
      EXPECT_TRUE(r.expected == "401" || r.expected == "403") << "expected: allow:STATUS, 401 or 403";
      EXPECT_EQ(std::to_string(status), r.expected) << res->body;
    }
    ++checked;
    // Logging out ends the session: the next row of this role logs in again.
    if (r.path == "/api/v1/session" && r.method == "DELETE") logins.erase(r.role);
    if (r.path == "/uitloggen") logins.erase(r.role);
  }
  EXPECT_EQ(checked, static_cast<int>(rows.size()));
}

}  // namespace
}  // namespace onderdak::testing
