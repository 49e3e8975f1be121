#include "onderdak/api/access.h"

#include <algorithm>
#include <array>

namespace onderdak::api {
namespace {

constexpr Grant D = Grant::kDeny;
constexpr Grant O = Grant::kOwnRegion;
constexpr Grant A = Grant::kAll;

// Shorthands for the common shapes of a row.
constexpr AccessRule Everyone(std::string_view method, std::string_view pattern, std::string_view why) {
  return {method, pattern, RegionFrom::kNone, A, A, A, A, A, why};
}
constexpr AccessRule SignedIn(std::string_view method, std::string_view pattern, std::string_view why) {
  return {method, pattern, RegionFrom::kNone, D, A, A, A, A, why};
}
constexpr AccessRule AdminOnly(std::string_view method, std::string_view pattern, std::string_view why) {
  return {method, pattern, RegionFrom::kNone, D, A, D, D, D, why};
}

// The policy. Columns: method, pattern, where the region comes from, then the grant of
// public, administrator, national analyst, region steward, provider uploader.
constexpr std::array kRules{
    // Published figures and the pages that show them: disclosure-controlled, for everyone.
    Everyone("GET", "/healthz", "health check for load balancers"),
    Everyone("GET", "/api/v1/regions", "reference data"),
    Everyone("GET", R"(/api/v1/regions/([^/]+)/municipalities)", "reference data"),
    Everyone("GET", "/api/v1/indicators", "published figures, disclosure-controlled"),
    Everyone("GET", "/api/v1/overview", "published figures, disclosure-controlled"),
    Everyone("GET", "/api/v1/estimates", "published estimates, small counts suppressed"),
    Everyone("GET", "/api/v1/periods", "which periods have deliveries"),
    Everyone("GET", "/api/v1/geo/municipalities", "municipality boundaries for the map (no person data)"),
    Everyone("GET", "/api/v1/completeness", "which regions delivered (A7), no figures of persons"),
    Everyone("GET", "/api/v1/origin", "origin x shelter region matrix (P13), disclosure-controlled"),
    Everyone("GET", "/", "national overview page"),
    Everyone("GET", "/overzicht", "national overview page"),
    Everyone("GET", "/kaart", "map page of published figures"),
    Everyone("GET", R"(/regio/([^/]+))", "region page of published figures"),
    Everyone("GET", R"(/regio/([^/]+)/rapport)", "the region's yearly report of published figures"),
    Everyone("GET", "/rapport", "the national half-year report of published figures"),
    Everyone("GET", "/vergelijk", "comparison page of published figures"),
    Everyone("GET", "/herkomst", "origin page (P13) of published figures"),
    Everyone("GET", "/regios", "regions page (reference data)"),
    Everyone("GET", "/methode", "method page"),
    Everyone("GET", "/begrippen", "glossary page"),
    Everyone("GET", "/projectie", "projection to 2030 page, withheld below the disclosure threshold"),
    Everyone("GET", "/api/v1/projection", "projection to 2030, withheld below the disclosure threshold"),
    Everyone("GET", R"(/assets/(.+))", "scripts and styles"),

    // Signing in and out (session.h). Logging in is open to anyone; the rest needs a login.
    Everyone("POST", "/api/v1/session", "log in"),
    Everyone("GET", "/api/v1/session", "who am I (public: nobody)"),
    SignedIn("DELETE", "/api/v1/session", "log out"),
    Everyone("GET", "/inloggen", "login page"),
    Everyone("POST", "/inloggen", "login form"),
    SignedIn("POST", "/uitloggen", "logout form"),
    // One's own password, in a login session (the handler refuses API tokens).
    SignedIn("PUT", "/api/v1/session/password", "change one's own password"),
    SignedIn("GET", "/wachtwoord", "password change page"),
    SignedIn("POST", "/wachtwoord", "password change form"),

    // Users, tokens and the audit log: administrators only.
    AdminOnly("GET", "/api/v1/users", "manage users"),
    AdminOnly("POST", "/api/v1/users", "manage users"),
    AdminOnly("POST", R"(/api/v1/users/([^/]+)/disable)", "manage users"),
    AdminOnly("POST", R"(/api/v1/users/([^/]+)/enable)", "manage users"),
    AdminOnly("PUT", R"(/api/v1/users/([^/]+)/password)", "reset a user's password"),
    AdminOnly("POST", R"(/api/v1/users/([^/]+)/tokens)", "issue API tokens"),
    AdminOnly("GET", "/api/v1/tokens", "list API tokens"),
    AdminOnly("POST", R"(/api/v1/tokens/([0-9]+)/revoke)", "revoke API tokens"),
    AdminOnly("GET", "/api/v1/audit", "read the audit log"),
    AdminOnly("GET", "/beheer/audit", "audit log page"),

    // Deliveries: uploaded by stewards and uploaders for their own regions (the region is
    // in the manifest, so the handler asks MayActOn); their metadata and validation
    // results are seen by the national roles for all regions, by stewards for their own
    // regions and by uploaders for their own organisation in their regions.
    AccessRule{"POST", "/api/v1/deliveries", RegionFrom::kHandler, D, D, D, O, O, "upload a delivery (zip)"},
    AccessRule{"GET", "/api/v1/deliveries", RegionFrom::kQuery, D, A, A, O, O, "delivery metadata"},
    AccessRule{"GET", R"(/api/v1/deliveries/([0-9]+))", RegionFrom::kHandler, D, A, A, O, O,
               "one delivery's validation result"},

    // Unrounded figures of one region: its own stewards and the national roles (aggregate
    // figures only). Person-level drill-down: the region's own stewards only.
    AccessRule{"GET", R"(/api/v1/regions/([^/]+)/figures)", RegionFrom::kPath, D, A, A, O, D,
               "unrounded figures of a region"},
    AccessRule{"GET", R"(/api/v1/regions/([^/]+)/records)", RegionFrom::kPath, D, D, D, O, D,
               "person-level drill-down (pseudonyms), audited"},

    // Submissions (ADR 0014)
    // The regions' own aggregate figures per half-year: stewards edit and submit their own
    // regions'; national analysts see all, accept or return; administrators see all and
    // set deadlines with the analysts. The list without ?region= is limited to
    // VisibleRegions() by the handler.
    AccessRule{"GET", "/api/v1/submissions", RegionFrom::kQuery, D, A, A, O, D, "submission status per region"},
    AccessRule{"GET", R"(/api/v1/submissions/([^/]+)/([^/]+))", RegionFrom::kPath, D, A, A, O, D,
               "one region's submission"},
    AccessRule{"PUT", R"(/api/v1/submissions/([^/]+)/([^/]+))", RegionFrom::kPath, D, D, D, O, D,
               "save a draft submission, audited"},
    AccessRule{"POST", R"(/api/v1/submissions/([^/]+)/([^/]+)/submit)", RegionFrom::kPath, D, D, D, O, D,
               "submit the region's figures, audited"},
    AccessRule{"POST", R"(/api/v1/submissions/([^/]+)/([^/]+)/accept)", RegionFrom::kPath, D, D, A, D, D,
               "accept a submission (imports it), audited"},
    AccessRule{"POST", R"(/api/v1/submissions/([^/]+)/([^/]+)/return)", RegionFrom::kPath, D, D, A, D, D,
               "return a submission with a comment, audited"},
    AccessRule{"GET", R"(/api/v1/submissions/([^/]+)/([^/]+)/template.xlsx)", RegionFrom::kPath, D, A, A, O, D,
               "the submission as an XLSX template"},
    AccessRule{"POST", R"(/api/v1/submissions/([^/]+)/([^/]+)/upload.xlsx)", RegionFrom::kPath, D, D, D, O, D,
               "upload a filled XLSX template as the draft, audited"},
    AccessRule{"PUT", R"(/api/v1/submission-deadlines/([^/]+))", RegionFrom::kNone, D, A, A, D, D,
               "set a period's submission deadline, audited"},
    AccessRule{"GET", "/leveringen", RegionFrom::kHandler, D, D, D, O, O,
               "delivery upload page with the caller's deliveries"},
    AccessRule{"GET", "/mijn-cijfers", RegionFrom::kHandler, D, D, D, O, O,
               "a provider's own figures per location (its own organisation; a steward's regions)"},
    AccessRule{"GET", "/mijn-cijfers/verblijven", RegionFrom::kHandler, D, D, D, O, O,
               "a provider's stays at one location, pseudonyms only"},
    AccessRule{"GET", "/api/v1/provider-figures", RegionFrom::kHandler, D, D, D, O, O,
               "a provider's own figures per location as JSON or CSV"},
    AccessRule{"GET", "/api/v1/provider-figures/stays", RegionFrom::kHandler, D, D, D, O, O,
               "a provider's stays at one location, pseudonyms only"},
    AccessRule{"GET", "/aanlevering", RegionFrom::kQuery, D, A, A, O, D, "submission list page"},
    AccessRule{"GET", R"(/aanlevering/([^/]+)/([^/]+))", RegionFrom::kPath, D, A, A, O, D, "submission form page"},
    AccessRule{"POST", R"(/aanlevering/([^/]+)/([^/]+))", RegionFrom::kPath, D, D, D, O, D,
               "submission form: save or submit, audited"},
    AccessRule{"POST", R"(/aanlevering/([^/]+)/([^/]+)/beoordeling)", RegionFrom::kPath, D, D, A, D, D,
               "submission review form: accept or return, audited"},
};

}  // namespace

bool Principal::HasRegion(std::string_view region) const {
  return std::find(regions.begin(), regions.end(), region) != regions.end();
}

std::string Principal::AuditActor() const { return is_public() ? std::string("public") : username; }

std::span<const AccessRule> AccessRules() { return kRules; }

const AccessRule* FindAccessRule(std::string_view method, std::string_view pattern) {
  for (const auto& r : kRules) {
    if (r.method == method && r.pattern == pattern) return &r;
  }
  return nullptr;
}

Grant GrantFor(const AccessRule& rule, const Principal& p) {
  if (!p.role) return rule.public_access;
  switch (*p.role) {
    case auth::Role::kAdministrator: return rule.administrator;
    case auth::Role::kNationalAnalyst: return rule.national_analyst;
    case auth::Role::kRegionSteward: return rule.region_steward;
    case auth::Role::kProviderUploader: return rule.provider_uploader;
  }
  return Grant::kDeny;
}

Decision Decide(const AccessRule& rule, const Principal& p, const std::optional<std::string>& region) {
  const Grant g = GrantFor(rule, p);
  if (g == Grant::kAll) return {};
  if (g == Grant::kDeny) {
    if (p.is_public()) return {401, "log in first"};
    return {403, "your role may not do this"};
  }
  // kOwnRegion.
  switch (rule.region) {
    case RegionFrom::kNone: return {403, "your role may not do this"};
    case RegionFrom::kPath:
      if (!region || !p.HasRegion(*region)) return {403, "not one of your regions"};
      return {};
    case RegionFrom::kQuery:
      if (region && !p.HasRegion(*region)) return {403, "not one of your regions"};
      return {};                           // absent: the handler limits the answer to VisibleRegions()
    case RegionFrom::kHandler: return {};  // the handler calls MayActOn() once it knows the region
  }
  return {403, "your role may not do this"};
}

namespace {
thread_local const Principal* tl_caller = nullptr;
thread_local const AccessRule* tl_rule = nullptr;
const Principal kNobody{};
const AccessRule kNoRule{};
}  // namespace

const Principal& Caller() { return tl_caller != nullptr ? *tl_caller : kNobody; }
const AccessRule& CurrentRule() { return tl_rule != nullptr ? *tl_rule : kNoRule; }

bool MayActOn(std::string_view region) {
  const Grant g = GrantFor(CurrentRule(), Caller());
  return g == Grant::kAll || (g == Grant::kOwnRegion && Caller().HasRegion(region));
}

std::optional<std::vector<std::string>> VisibleRegions() {
  const Grant g = GrantFor(CurrentRule(), Caller());
  if (g == Grant::kAll) return std::nullopt;
  if (g == Grant::kOwnRegion) return Caller().regions;
  return std::vector<std::string>{};
}

namespace internal {
CallerScope::CallerScope(const Principal& p, const AccessRule& rule) {
  tl_caller = &p;
  tl_rule = &rule;
}
CallerScope::~CallerScope() {
  tl_caller = nullptr;
  tl_rule = nullptr;
}
}  // namespace internal

}  // namespace onderdak::api
