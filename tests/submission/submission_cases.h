// Behaviour every backend must show for the regions' online submissions (ADR 0014),
// written once against the Store interface and run on SQLite (submission_test.cc) and
// PostgreSQL (postgres_submission_test.cc): the state machine, optimistic concurrency,
// validation through the importer's rules, deadlines and lateness, the delivery made on
// acceptance, the history and the audit entries.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "auth/accounts_cases.h"
#include "onderdak/auth/audit.h"
#include "onderdak/store/store.h"
#include "onderdak/submission/service.h"

namespace onderdak::testing {

// A complete, valid submission of GM0363 for 2024H1 (A1-A6 filled).
inline submission::Content ValidSubmission() {
  using submission::FindTable;
  submission::Content c;
  auto add = [&](std::string_view table, submission::Row row) {
    c.tables[static_cast<std::size_t>(FindTable(table))].push_back(std::move(row));
  };
  add("facilities", {"F-1", "Opvang De Brug", "GM0363", "nachtopvang"});
  add("capacity", {"K-1", "F-1", "2024-01-01", "eenpersoons", "10", "10"});
  add("capacity", {"K-2", "F-1", "2024-01-01", "slaapzaal", "2", "12"});
  add("housing_projects", {"H-1", "GM0384", "flexwoning", "24", "gerealiseerd", "2024-03-31", "Woonstichting X"});
  add("funding_lines", {"HF-1", "H-1", "bzk_regeling", "24"});
  add("agreements", {"PA-1", "Woonstichting X", "GM0363", "ja", "30", "12"});
  add("plans", {"PL-GM0363", "vastgesteld", "2021-03-01", "ja", "ja", "nee", "ja", "2", "1", "120"});
  add("budgets", {"BU-2024-opvang", "2024", "opvang", "1000000", "400000"});
  return c;
}

inline submission::Row& Cell(submission::Content& c, std::string_view table, std::size_t row) {
  return c.tables[static_cast<std::size_t>(submission::FindTable(table))][row];
}

inline bool HasError(const std::vector<submission::FieldError>& errors, std::string_view field, std::string_view text) {
  return std::any_of(errors.begin(), errors.end(), [&](const submission::FieldError& e) {
    return e.field == field && e.message.find(text) != std::string::npos;
  });
}

inline std::string Dump(const std::vector<submission::FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + ": " + e.message + "\n";
  return out;
}

// `s` is empty but for the regions of AddTestRegions.
inline void ExpectSubmissionsBehave(store::Store& s) {
  submission::SubmissionService svc(s);
  const submission::Actor steward{"rita", "192.0.2.1"};
  const submission::Actor analyst{"ana", "192.0.2.2"};

  // Nothing saved yet: status none, version 0, the default deadline.
  auto fresh = svc.Get("GM0363", "2024H1");
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  EXPECT_EQ(fresh->status, "none");
  EXPECT_EQ(fresh->version, 0);
  EXPECT_EQ(fresh->deadline, "2024-08-11");
  EXPECT_TRUE(fresh->deadline_default);
  EXPECT_EQ(svc.Get("GM0363", "2024H2")->deadline, "2025-02-11");
  EXPECT_EQ(svc.Get("GM0363", "2024").status().code(), core::Code::kInvalidInput);
  EXPECT_EQ(svc.Get("GM0384", "2024H1").status().code(), core::Code::kNotFound);  // a member, not a region

  // Invalid content: refused field by field with the importer's rules, nothing stored.
  auto bad = ValidSubmission();
  Cell(bad, "capacity", 1)[5] = "-1";        // places
  Cell(bad, "facilities", 0)[3] = "hotel";   // service_type
  Cell(bad, "agreements", 0)[2] = "GM9999";  // municipality
  Cell(bad, "plans", 0)[2] = "";             // adopted_date with vastgesteld
  auto refused = svc.Save("GM0363", "2024H1", 0, bad, steward);
  ASSERT_TRUE(refused.ok()) << refused.status().message();
  EXPECT_FALSE(refused->state.has_value());
  const auto& errs = refused->errors;
  EXPECT_TRUE(HasError(errs, "capacity[1].places", "'-1'")) << Dump(errs);
  EXPECT_TRUE(HasError(errs, "facilities[0].service_type", "hotel")) << Dump(errs);
  EXPECT_TRUE(HasError(errs, "agreements[0].municipality", "GM9999")) << Dump(errs);
  EXPECT_TRUE(HasError(errs, "plans[0].adopted_date", "vastgesteld")) << Dump(errs);
  EXPECT_FALSE(s.Submissions().GetSubmission("GM0363", "2024H1")->has_value());
  auto two_plans = ValidSubmission();
  two_plans.tables[static_cast<std::size_t>(submission::FindTable("plans"))].push_back(Cell(two_plans, "plans", 0));
  two_plans.tables[static_cast<std::size_t>(submission::FindTable("plans"))][1][0] = "PL-2";
  EXPECT_TRUE(HasError(svc.Save("GM0363", "2024H1", 0, two_plans, steward)->errors, "plans", "at most one"));

  // Save a draft (version 1); a stale save is refused and changes nothing.
  auto draft_content = ValidSubmission();
  Cell(draft_content, "plans", 0)[9] = "100";
  auto saved = svc.Save("GM0363", "2024H1", 0, draft_content, steward);
  ASSERT_TRUE(saved.ok()) << saved.status().message();
  ASSERT_TRUE(saved->state) << Dump(saved->errors);
  EXPECT_EQ(saved->state->status, "draft");
  EXPECT_EQ(saved->state->version, 1);
  auto stale = svc.Save("GM0363", "2024H1", 0, ValidSubmission(), steward);
  EXPECT_EQ(stale.status().code(), core::Code::kFailedPrecondition);
  EXPECT_NE(stale.status().message().find("stale version"), std::string::npos);
  EXPECT_EQ(svc.Get("GM0363", "2024H1")->content, draft_content);

  // Accepting or returning a draft: not in that state.
  EXPECT_EQ(svc.Accept("GM0363", "2024H1", std::nullopt, analyst).status().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(svc.Return("GM0363", "2024H1", std::nullopt, "nee", analyst).status().code(),
            core::Code::kFailedPrecondition);

  // Submit (version 2): on time under the default deadline? Today is after 2024-08-11, so late.
  auto submitted = svc.Submit("GM0363", "2024H1", 1, steward);
  ASSERT_TRUE(submitted.ok()) << submitted.status().message();
  ASSERT_TRUE(submitted->state) << Dump(submitted->errors);
  EXPECT_EQ(submitted->state->status, "submitted");
  EXPECT_EQ(submitted->state->version, 2);
  EXPECT_TRUE(submitted->state->record->late);
  EXPECT_EQ(submitted->state->record->submitted_by, "rita");
  // While submitted the steward cannot change it.
  EXPECT_EQ(svc.Save("GM0363", "2024H1", 2, ValidSubmission(), steward).status().code(),
            core::Code::kFailedPrecondition);

  // Return needs a comment.
  auto no_comment = svc.Return("GM0363", "2024H1", 2, "  ", analyst);
  ASSERT_TRUE(no_comment.ok());
  EXPECT_TRUE(HasError(no_comment->errors, "comment", "required"));
  auto returned = svc.Return("GM0363", "2024H1", 2, "Doelstelling klopt niet", analyst);
  ASSERT_TRUE(returned.ok() && returned->state) << returned.status().message();
  EXPECT_EQ(returned->state->status, "returned");
  EXPECT_EQ(returned->state->record->comment, "Doelstelling klopt niet");
  // Returned must be edited (saved) before it is submitted again.
  EXPECT_EQ(svc.Submit("GM0363", "2024H1", 3, steward).status().code(), core::Code::kFailedPrecondition);
  ASSERT_TRUE(svc.Save("GM0363", "2024H1", 3, ValidSubmission(), steward)->state);
  ASSERT_TRUE(svc.Submit("GM0363", "2024H1", 4, steward)->state);

  // Accept: the figures become a delivery of organisation GM0363 through the importer.
  auto accepted = svc.Accept("GM0363", "2024H1", 5, analyst);
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  ASSERT_TRUE(accepted->state) << Dump(accepted->errors);
  EXPECT_EQ(accepted->state->status, "accepted");
  EXPECT_EQ(accepted->state->version, 6);
  ASSERT_TRUE(accepted->state->record->delivery_id);
  auto delivery = s.GetDelivery(*accepted->state->record->delivery_id);
  ASSERT_TRUE(delivery.ok());
  EXPECT_EQ(delivery->organisation, "GM0363");
  EXPECT_EQ(delivery->region, "GM0363");
  EXPECT_EQ(delivery->period, "2024H1");
  EXPECT_EQ(delivery->version, 1);
  store::DeliveryFilter current;
  current.current_only = true;
  auto data = s.LoadDataset(current);
  ASSERT_TRUE(data.ok());
  ASSERT_EQ(data->plans.size(), 1u);
  EXPECT_EQ(data->plans[0].target_extra_places, 120);
  EXPECT_EQ(data->capacity.size(), 2u);
  EXPECT_EQ(data->housing_projects.size(), 1u);

  // Edited after acceptance: a draft again; accepted again: the next version of the delivery.
  auto changed = ValidSubmission();
  Cell(changed, "plans", 0)[9] = "150";
  ASSERT_TRUE(svc.Save("GM0363", "2024H1", 6, changed, steward)->state);
  ASSERT_TRUE(svc.Submit("GM0363", "2024H1", 7, steward)->state);
  auto again = svc.Accept("GM0363", "2024H1", std::nullopt, analyst);
  ASSERT_TRUE(again.ok() && again->state) << again.status().message();
  auto second = s.GetDelivery(*again->state->record->delivery_id);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->version, 2);
  data = s.LoadDataset(current);
  ASSERT_EQ(data->plans.size(), 1u);
  EXPECT_EQ(data->plans[0].target_extra_places, 150);

  // The history: every change with who, what and the comment.
  auto events = s.Submissions().ListSubmissionEvents("GM0363", "2024H1");
  ASSERT_TRUE(events.ok());
  std::vector<std::string> actions;
  for (const auto& e : *events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"save", "submit", "return", "save", "submit", "accept", "save", "submit",
                                               "accept"}));
  EXPECT_EQ((*events)[2].comment, "Doelstelling klopt niet");
  EXPECT_EQ((*events)[2].actor, "ana");

  // Deadlines: set by an analyst (audited); a submission after it is late, before it not.
  auto bad_deadline = svc.SetDeadline("2024H2", "2024-13-01", analyst);
  EXPECT_EQ(bad_deadline.status().code(), core::Code::kInvalidInput);
  ASSERT_TRUE(svc.SetDeadline("2024H2", "2099-01-31", analyst).ok());
  auto h2 = svc.Get("GM0599", "2024H2");
  EXPECT_EQ(h2->deadline, "2099-01-31");
  EXPECT_FALSE(h2->deadline_default);
  auto h2_content = ValidSubmission();
  Cell(h2_content, "facilities", 0)[2] = "GM0599";
  Cell(h2_content, "housing_projects", 0)[1] = "GM0599";
  Cell(h2_content, "agreements", 0)[2] = "GM0599";
  Cell(h2_content, "plans", 0)[0] = "PL-GM0599";
  ASSERT_TRUE(svc.Save("GM0599", "2024H2", 0, h2_content, steward)->state);
  auto on_time = svc.Submit("GM0599", "2024H2", std::nullopt, steward);
  ASSERT_TRUE(on_time.ok() && on_time->state);
  EXPECT_FALSE(on_time->state->record->late);

  // The overview: 2 regions in force, GM0599 delivered (submitted) for 2024H2.
  auto overview = svc.Overview("2024H2", std::nullopt);
  ASSERT_TRUE(overview.ok());
  EXPECT_EQ(overview->regions_total, 2u);
  EXPECT_EQ(overview->delivered, 1u);
  auto own = svc.Overview("2024H2", std::vector<std::string>{"GM0363"});
  ASSERT_EQ(own->regions.size(), 1u);
  EXPECT_EQ(own->regions[0].status, "none");
  EXPECT_EQ(own->delivered, 1u);

  // Every change is in the audit log, and the chain holds.
  auto audit = s.Accounts().ListAudit();
  ASSERT_TRUE(audit.ok());
  std::vector<std::string> audited;
  for (const auto& e : *audit) audited.push_back(e.action);
  for (std::string_view a :
       {"submission.save", "submission.submit", "submission.return", "submission.accept", "submission.deadline"}) {
    EXPECT_NE(std::find(audited.begin(), audited.end(), a), audited.end()) << a;
  }
  EXPECT_EQ(std::count(audited.begin(), audited.end(), "submission.accept"), 2);
  EXPECT_TRUE(auth::VerifyAuditChain(s.Accounts())->ok());
}

}  // namespace onderdak::testing
