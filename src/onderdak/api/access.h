// Access control for every route (issue 7, ADR 0013): who is asking (Principal) and the
// one policy table (AccessRules(), access.cc) that says which role may call which route,
// for which region. Every route is registered through api::Routes (routes.h), which looks
// its rule up when the route is registered (a route without a rule makes the server
// refuse to start) and, on every request, resolves the caller (session cookie or API
// token), applies the rule, checks CSRF on state-changing requests made with a session,
// and only then runs the handler. Handlers never decide who may call them; where the
// region is known only from the body (an upload's manifest, a form), they ask the same
// policy through MayActOn().
//
// The policy (tests/security/authz_matrix.csv states it route by route):
//   public             published, disclosure-controlled figures and the pages showing them
//   administrator      users, tokens, the audit log; all aggregate figures; no person-level data
//   national_analyst   aggregate figures and completeness of all regions; accepts or returns
//                      the regions' submissions; never person-level data
//   region_steward     everything of its own regions, person-level included; submits its
//                      regions' figures and uploads their deliveries; others' public figures
//   provider_uploader  uploads deliveries for its organisation and regions; sees the
//                      validation result of its own organisation's deliveries only
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/auth/roles.h"

namespace onderdak::api {

// Who is asking.
struct Principal {
  enum class Via { kPublic, kSession, kToken };
  Via via = Via::kPublic;
  std::int64_t user_id = 0;
  std::string username;              // empty for the public
  std::optional<auth::Role> role;    // nullopt: the public
  std::vector<std::string> regions;  // CBS codes of the user's (or token's) regions
  std::string organisation;          // provider uploaders
  std::int64_t credential_id = 0;    // the session's or the token's id
  std::string csrf_token;            // sessions only: what state-changing requests must carry
  std::string remote;                // the client's address (X-Forwarded-For from a trusted proxy)

  bool is_public() const { return !role.has_value(); }
  bool HasRegion(std::string_view region) const;
  // For the audit log: the username, or "public".
  std::string AuditActor() const;
};

// What a rule grants one role.
enum class Grant : std::uint8_t {
  kDeny,
  kOwnRegion,  // only for the caller's own regions (see AccessRule::region)
  kAll,
};

// Where a route's region comes from, for kOwnRegion grants.
enum class RegionFrom : std::uint8_t {
  kNone,     // the route is not about one region: kOwnRegion acts as kDeny
  kPath,     // the first capture group of the pattern
  kQuery,    // the 'region' query parameter; when absent the handler must limit what it
             // returns to VisibleRegions()
  kHandler,  // known only from the body: the handler calls MayActOn(region)
};

struct AccessRule {
  std::string_view method;   // GET (also serves HEAD), POST, PUT, DELETE
  std::string_view pattern;  // the route's pattern exactly as registered
  RegionFrom region = RegionFrom::kNone;
  Grant public_access = Grant::kDeny;
  Grant administrator = Grant::kDeny;
  Grant national_analyst = Grant::kDeny;
  Grant region_steward = Grant::kDeny;
  Grant provider_uploader = Grant::kDeny;
  std::string_view why;  // one line for docs and the matrix
};

// The whole policy, in one table (access.cc).
std::span<const AccessRule> AccessRules();
// The rule for a route, or nullptr.
const AccessRule* FindAccessRule(std::string_view method, std::string_view pattern);
// What `rule` grants `p` (the public's column when p is public).
Grant GrantFor(const AccessRule& rule, const Principal& p);

// The decision on one request.
struct Decision {
  int status = 200;    // 200 allowed, 401 log in first, 403 not for you
  std::string reason;  // for the error body; never names a secret
};
// `region`: the request's region when the rule reads it from the path or the query
// (nullopt when absent).
Decision Decide(const AccessRule& rule, const Principal& p, const std::optional<std::string>& region);

// The caller of the request this thread is handling, and the rule that let it in. Only
// valid inside a handler registered through Routes.
const Principal& Caller();
const AccessRule& CurrentRule();
// Whether the caller may act on `region` under the current rule (kAll, or kOwnRegion
// and one of its regions).
bool MayActOn(std::string_view region);
// The regions the caller may see under the current rule: nullopt for all.
std::optional<std::vector<std::string>> VisibleRegions();

namespace internal {
// Set and cleared by Routes around each handler.
struct CallerScope {
  CallerScope(const Principal& p, const AccessRule& rule);
  ~CallerScope();
  CallerScope(const CallerScope&) = delete;
  CallerScope& operator=(const CallerScope&) = delete;
};
}  // namespace internal

}  // namespace onderdak::api
