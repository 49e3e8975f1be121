// The pages of the regions' online submission (ADR 0014): the period's list with each
// region's status (and, for the national roles, "x van 43 regio's aangeleverd") and the
// form of one region and period with its findings beside the fields. Pure functions of
// the view models the api layer fills; the forms post to the same routes with the
// session's CSRF token in the hidden field `csrf`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "onderdak/web/i18n.h"

namespace onderdak::web {

struct SubmissionListRow {
  std::string region, region_name, status;  // status: none, draft, submitted, accepted, returned
  std::int64_t version = 0;
  bool late = false;
  std::string updated_at;
};

struct SubmissionListView {
  std::string period, deadline;
  bool deadline_default = true;
  std::size_t delivered = 0, regions_total = 0;
  bool show_completeness = false;  // the national roles
  std::vector<SubmissionListRow> rows;
};

struct SubmissionTableView {
  std::string name, title_key, indicator;
  std::vector<std::string> columns;
  std::vector<std::string> kinds{};  // per column: "date", "number" or "" (submission/content.h)
  std::vector<std::vector<std::string>> rows;
  int blank_rows = 0;  // empty rows offered for new entries
};

struct SubmissionFieldError {
  std::string field;                                             // "capacity[2].places"
  std::string message;                                           // English (submission/content.h)
  std::string fix_key{};                                         // the catalogue's plain-language fix; empty for none
  std::optional<std::pair<std::int64_t, std::int64_t>> range{};  // the whole numbers the field takes
};

struct SubmissionFormView {
  std::string region, region_name, period, status, deadline, comment, updated_at, updated_by;
  // The region's gemeenten (code, name): a municipality is chosen by name.
  std::vector<std::pair<std::string, std::string>> municipalities;
  std::int64_t version = 0;
  bool late = false;
  bool can_edit = false, can_submit = false, can_review = false;
  std::string csrf;     // the session's token (empty for API tokens, which need none)
  std::string message;  // saved, submitted, accepted, returned (after a redirect)
  std::vector<SubmissionTableView> tables;
  std::vector<SubmissionFieldError> errors;
};

std::string RenderSubmissionListPage(const SubmissionListView& v, Lang lang);
std::string RenderSubmissionFormPage(const SubmissionFormView& v, Lang lang);
std::string RenderSubmissionErrorPage(int status, const std::string& message, Lang lang);

}  // namespace onderdak::web
