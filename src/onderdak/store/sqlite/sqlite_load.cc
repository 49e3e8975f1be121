// LoadDataset on SQLite: the current deliveries back into a domain::Dataset (ADR 0021).
//
// Each entity table is one task: count its rows (to reserve exactly), read them in rowid
// order (the order they were delivered in) and convert them, keeping the store ids that
// link records (person, facility, project) beside the rows. Two connections run the tasks
// in parallel; the links are resolved to indexes after both are done (IdIndex).
//
// Consistency with two connections: the deliveries and their order are read once, on the
// store's connection, inside a read transaction; the worker connection starts its own read
// transaction after that, so its snapshot is the same or newer. Entity rows are never
// updated or deleted (a delivery is written in one transaction and then immutable; only
// delivery.is_current changes), so the rows of the deliveries chosen in the first snapshot
// are the same in any later one, and rows of deliveries committed in between are filtered
// out by delivery id. The result is therefore the one a single snapshot gives.
//
// Without ORDER BY's sorter: when the chosen deliveries are at least half of all (the usual
// current_only load), each table is scanned whole in rowid order and filtered here by
// delivery id; otherwise only the chosen deliveries are read through the delivery_id index,
// sorted by rowid (a small set).
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "onderdak/store/internal/id_index.h"
#include "onderdak/store/internal/stored_values.h"
#include "onderdak/store/sqlite/sqlite_store.h"

namespace onderdak::store::sqlite {
namespace {

using internal::CodeColumn;
using internal::IdIndex;
using internal::InternYesNoUnknown;
using internal::ParseStoredDate;

// A text column as a view, valid until the next Step(): no std::string per value.
std::string_view View(const Stmt& st, int col) {
  const unsigned char* t = sqlite3_column_text(st.raw(), col);
  return t ? std::string_view(reinterpret_cast<const char*>(t),
                              static_cast<std::size_t>(sqlite3_column_bytes(st.raw(), col)))
           : std::string_view();
}

std::optional<core::Date> OptionalDate(const Stmt& st, int col, core::Status& error) {
  if (st.IsNull(col)) return std::nullopt;
  return ParseStoredDate(View(st, col), error);
}

// Asks for transparent huge pages for the whole 2 MiB pages inside [p, p + bytes): a
// large vector is fresh memory, and filling it takes one page fault per 2 MiB instead of
// one per 4 KiB (page faults were ~20% of the load's samples; ADR 0021). Advice only:
// ignored where huge pages are off.
void AdviseHugePages(const void* p, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1), end = (start + bytes) & ~(kHuge - 1);
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Which rows a load reads: those of the chosen deliveries.
struct Scope {
  std::vector<std::int32_t> position;  // by delivery id: index in Dataset::deliveries, -1 when not chosen
  std::string in;                      // "delivery_id IN (...)"
  bool scan_all = false;               // scan every row in rowid order and filter by position

  std::int32_t Position(std::int64_t delivery_id) const {
    if (delivery_id < 0 || static_cast<std::uint64_t>(delivery_id) >= position.size()) return -1;
    return position[static_cast<std::size_t>(delivery_id)];
  }
};

// What one task needs besides its connection.
struct Cursor {
  Db& db;
  const Scope& scope;
  core::Status& error;  // the task's own: set by conversions, read after the task
};

// Reads `columns` of `table` for the scope into `out`, in rowid order: `fill(st, row,
// delivery)` converts one row, its columns starting at 1 (column 0 is delivery_id), and
// appends the store ids it links by to `ids` (reserved here, one per row).
template <class Row, class Fill>
core::Status ReadTable(const Cursor& c, std::string_view table, std::string_view columns, std::vector<Row>& out,
                       std::initializer_list<std::vector<std::int64_t>*> ids, Fill fill) {
  const std::string from = " FROM \"" + std::string(table) + "\"";
  {
    ONDERDAK_ASSIGN_OR_RETURN(auto count, c.db.Prepare("SELECT count(*)" + from + " WHERE " + c.scope.in));
    if (!count.Step()) return count.status();
    out.reserve(static_cast<std::size_t>(count.Int(0)));
    AdviseHugePages(out.data(), out.capacity() * sizeof(Row));
    for (auto* v : ids) v->reserve(out.capacity());
  }
  const std::string where = c.scope.scan_all ? "" : " WHERE " + c.scope.in;
  ONDERDAK_ASSIGN_OR_RETURN(
      auto st, c.db.Prepare("SELECT delivery_id, " + std::string(columns) + from + where + " ORDER BY rowid"));
  while (st.Step()) {
    const std::int32_t delivery = c.scope.Position(st.Int(0));
    if (delivery < 0) continue;  // another delivery (scan_all)
    fill(st, out.emplace_back(), delivery);
  }
  return st.status();
}

// A link to another record (a row's person, facility or project) is read as the store id
// into the row's own int32 index field, and replaced by the index once every table is read
// (ResolveLinks): no int64 vector beside each table (~23 MB at 350 k persons, ADR 0040).
// An id outside 0..INT32_MAX, which the stores' numbering does not reach in practice, is
// kept aside by row and its field holds kWide.
constexpr std::int32_t kWide = -1, kNoLink = -2;

struct PendingLinks {
  std::vector<std::pair<std::size_t, std::int64_t>> wide;  // (row, store id), rows ascending

  // The value for the link field of the row just added to `rows`.
  template <class Rows>
  std::int32_t Keep(const Rows& rows, std::int64_t id) {
    if (id >= 0 && id <= std::numeric_limits<std::int32_t>::max()) return static_cast<std::int32_t>(id);
    wide.emplace_back(rows.size() - 1, id);
    return kWide;
  }
  std::int64_t Id(std::size_t row, std::int32_t kept) const {
    if (kept != kWide) return kept;
    const auto it = std::lower_bound(wide.begin(), wide.end(), std::pair<std::size_t, std::int64_t>(row, 0),
                                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return it != wide.end() && it->first == row ? it->second : -1;
  }
};

// The store ids of the records linked to, per position, and the links waiting for them.
struct Links {
  std::vector<std::int64_t> person_ids, facility_ids, project_ids;
  PendingLinks living_person, episode_person, episode_facility, request_person, waiting_person, cause_person,
      need_person, capacity_facility, funding_project;
};

struct Task {
  std::string_view table;
  std::function<core::Status(const Cursor&)> run;
};

// One task per table, largest first (so two connections finish close together).
std::vector<Task> Tasks(domain::Dataset& ds, Links& l) {
  std::vector<Task> t;
  t.push_back({"service_episode", [&](const Cursor& c) {
                 const CodeColumn service_type("service_type"), exit_destination("exit_destination");
                 return ReadTable(
                     c, "service_episode",
                     "person_id, record_id, service_type, facility_id, municipality, start_date, "
                     "end_date, exit_destination",
                     ds.service_episodes, {}, [&](const Stmt& st, domain::ServiceEpisode& r, std::int32_t) {
                       r.person = l.episode_person.Keep(ds.service_episodes, st.Int(1));
                       r.record_id = View(st, 2);
                       r.service_type = service_type.Intern(View(st, 3), c.error);
                       r.facility = st.IsNull(4) ? kNoLink : l.episode_facility.Keep(ds.service_episodes, st.Int(4));
                       r.municipality = View(st, 5);
                       r.start = ParseStoredDate(View(st, 6), c.error);
                       r.end = OptionalDate(st, 7, c.error);
                       r.exit_destination = exit_destination.Intern(View(st, 8), c.error);
                     });
               }});
  t.push_back({"living_situation", [&](const Cursor& c) {
                 return ReadTable(c, "living_situation", "person_id, record_id, ethos, start_date, end_date, source",
                                  ds.living_situations, {},
                                  [&](const Stmt& st, domain::LivingSituation& r, std::int32_t) {
                                    r.person = l.living_person.Keep(ds.living_situations, st.Int(1));
                                    r.record_id = View(st, 2);
                                    r.ethos = static_cast<int>(st.Int(3));
                                    r.start = ParseStoredDate(View(st, 4), c.error);
                                    r.end = OptionalDate(st, 5, c.error);
                                    r.source = View(st, 6);
                                  });
               }});
  t.push_back({"person", [&](const Cursor& c) {
                 const CodeColumn gender("gender"), nationality("nationality_group"), household("household");
                 return ReadTable(c, "person",
                                  "id, record_id, pseudonym, birth_year, birth_month, gender, nationality_group, "
                                  "household, municipality_of_origin",
                                  ds.persons, {&l.person_ids},
                                  [&](const Stmt& st, domain::Person& p, std::int32_t delivery) {
                                    l.person_ids.push_back(st.Int(1));
                                    p.delivery = delivery;
                                    p.record_id = View(st, 2);
                                    p.pseudonym = View(st, 3);
                                    p.birth_year = static_cast<int>(st.Int(4));
                                    p.birth_month = static_cast<int>(st.Int(5));
                                    p.gender = gender.Intern(View(st, 6), c.error);
                                    p.nationality_group = nationality.Intern(View(st, 7), c.error);
                                    p.household = household.Intern(View(st, 8), c.error);
                                    p.municipality_of_origin = View(st, 9);
                                  });
               }});
  t.push_back({"request", [&](const Cursor& c) {
                 const CodeColumn service_type("service_type"), decision("decision"), reason("decision_reason");
                 return ReadTable(c, "request",
                                  "person_id, record_id, request_date, municipality_applied_to, service_type, "
                                  "decision, decision_date, decision_reason, referred_to_region",
                                  ds.requests, {}, [&](const Stmt& st, domain::Request& r, std::int32_t) {
                                    r.person = l.request_person.Keep(ds.requests, st.Int(1));
                                    r.record_id = View(st, 2);
                                    r.request_date = ParseStoredDate(View(st, 3), c.error);
                                    r.municipality_applied_to = View(st, 4);
                                    r.service_type = service_type.Intern(View(st, 5), c.error);
                                    r.decision = decision.Intern(View(st, 6), c.error);
                                    r.decision_date = OptionalDate(st, 7, c.error);
                                    r.decision_reason = reason.Intern(View(st, 8), c.error);
                                    r.referred_to_region = View(st, 9);
                                  });
               }});
  t.push_back({"waiting_entry", [&](const Cursor& c) {
                 const CodeColumn type("waiting_list_type"), outcome("waiting_outcome");
                 return ReadTable(c, "waiting_entry",
                                  "person_id, record_id, waiting_list_type, registered_date, end_date, outcome",
                                  ds.waiting_list, {}, [&](const Stmt& st, domain::WaitingEntry& r, std::int32_t) {
                                    r.person = l.waiting_person.Keep(ds.waiting_list, st.Int(1));
                                    r.record_id = View(st, 2);
                                    r.waiting_list_type = type.Intern(View(st, 3), c.error);
                                    r.registered = ParseStoredDate(View(st, 4), c.error);
                                    r.end = OptionalDate(st, 5, c.error);
                                    r.outcome = outcome.Intern(View(st, 6), c.error);
                                  });
               }});
  t.push_back({"cause", [&](const Cursor& c) {
                 const CodeColumn cause("cause");
                 return ReadTable(c, "cause", "person_id, record_id, intake_date, cause", ds.causes, {},
                                  [&](const Stmt& st, domain::Cause& r, std::int32_t) {
                                    r.person = l.cause_person.Keep(ds.causes, st.Int(1));
                                    r.record_id = View(st, 2);
                                    r.intake_date = ParseStoredDate(View(st, 3), c.error);
                                    r.cause = cause.Intern(View(st, 4), c.error);
                                  });
               }});
  t.push_back({"need", [&](const Cursor& c) {
                 const CodeColumn category("need_category");
                 return ReadTable(c, "need", "person_id, record_id, assessed_date, need_category", ds.needs, {},
                                  [&](const Stmt& st, domain::Need& r, std::int32_t) {
                                    r.person = l.need_person.Keep(ds.needs, st.Int(1));
                                    r.record_id = View(st, 2);
                                    r.assessed = ParseStoredDate(View(st, 3), c.error);
                                    r.need_category = category.Intern(View(st, 4), c.error);
                                  });
               }});
  t.push_back({"facility", [&](const Cursor& c) {
                 const CodeColumn service_type("service_type");
                 return ReadTable(c, "facility", "id, record_id, name, municipality, service_type", ds.facilities,
                                  {&l.facility_ids}, [&](const Stmt& st, domain::Facility& f, std::int32_t delivery) {
                                    l.facility_ids.push_back(st.Int(1));
                                    f.delivery = delivery;
                                    f.record_id = View(st, 2);
                                    f.name = View(st, 3);
                                    f.municipality = View(st, 4);
                                    f.service_type = service_type.Intern(View(st, 5), c.error);
                                  });
               }});
  t.push_back({"capacity", [&](const Cursor& c) {
                 const CodeColumn room_size("room_size");
                 return ReadTable(c, "capacity", "facility_id, record_id, valid_from, room_size, rooms, places",
                                  ds.capacity, {}, [&](const Stmt& st, domain::Capacity& r, std::int32_t) {
                                    r.facility = l.capacity_facility.Keep(ds.capacity, st.Int(1));
                                    r.record_id = View(st, 2);
                                    r.valid_from = ParseStoredDate(View(st, 3), c.error);
                                    r.room_size = room_size.Intern(View(st, 4), c.error);
                                    r.rooms = st.Int(5);
                                    r.places = st.Int(6);
                                  });
               }});
  t.push_back({"housing_project", [&](const Cursor& c) {
                 const CodeColumn kind("housing_kind"), status("housing_status");
                 return ReadTable(c, "housing_project",
                                  "id, record_id, municipality, housing_kind, places, status, status_date, owner",
                                  ds.housing_projects, {&l.project_ids},
                                  [&](const Stmt& st, domain::HousingProject& r, std::int32_t delivery) {
                                    l.project_ids.push_back(st.Int(1));
                                    r.delivery = delivery;
                                    r.record_id = View(st, 2);
                                    r.municipality = View(st, 3);
                                    r.housing_kind = kind.Intern(View(st, 4), c.error);
                                    r.places = st.Int(5);
                                    r.status = status.Intern(View(st, 6), c.error);
                                    r.status_date = ParseStoredDate(View(st, 7), c.error);
                                    r.owner = View(st, 8);
                                  });
               }});
  t.push_back({"funding_line", [&](const Cursor& c) {
                 const CodeColumn line("funding_line");
                 return ReadTable(c, "funding_line", "project_id, record_id, funding_line, places_counted",
                                  ds.funding_lines, {}, [&](const Stmt& st, domain::FundingLine& r, std::int32_t) {
                                    r.project = l.funding_project.Keep(ds.funding_lines, st.Int(1));
                                    r.record_id = View(st, 2);
                                    r.funding_line = line.Intern(View(st, 3), c.error);
                                    r.places_counted = st.Int(4);
                                  });
               }});
  t.push_back({"plan", [&](const Cursor& c) {
                 const CodeColumn status("plan_status");
                 return ReadTable(c, "plan",
                                  "record_id, plan_status, adopted_date, aligned_with_action_plan, "
                                  "contains_wonen_eerst, shelter_in_municipality_of_origin, "
                                  "made_with_lived_experience, lived_experience_policy, "
                                  "lived_experience_execution, target_extra_places",
                                  ds.plans, {}, [&](const Stmt& st, domain::Plan& r, std::int32_t delivery) {
                                    r.delivery = delivery;
                                    r.record_id = View(st, 1);
                                    r.plan_status = status.Intern(View(st, 2), c.error);
                                    r.adopted_date = OptionalDate(st, 3, c.error);
                                    r.aligned_with_action_plan = st.Int(4) != 0;
                                    r.contains_wonen_eerst = st.Int(5) != 0;
                                    r.shelter_in_municipality_of_origin = st.Int(6) != 0;
                                    r.made_with_lived_experience = st.Int(7) != 0;
                                    r.lived_experience_policy = static_cast<int>(st.Int(8));
                                    r.lived_experience_execution = static_cast<int>(st.Int(9));
                                    r.target_extra_places = st.Int(10);
                                  });
               }});
  t.push_back({"agreement", [&](const Cursor& c) {
                 return ReadTable(c, "agreement",
                                  "record_id, corporation, municipality, covers_homeless, places_agreed, "
                                  "places_realised",
                                  ds.agreements, {}, [&](const Stmt& st, domain::Agreement& r, std::int32_t delivery) {
                                    r.delivery = delivery;
                                    r.record_id = View(st, 1);
                                    r.corporation = View(st, 2);
                                    r.municipality = View(st, 3);
                                    r.covers_homeless = st.Int(4) != 0;
                                    r.places_agreed = st.Int(5);
                                    r.places_realised = st.Int(6);
                                  });
               }});
  t.push_back({"budget", [&](const Cursor& c) {
                 const CodeColumn theme("budget_theme");
                 return ReadTable(c, "budget", "record_id, year, budget_theme, budget_eur, spent_eur", ds.budgets, {},
                                  [&](const Stmt& st, domain::Budget& r, std::int32_t delivery) {
                                    r.delivery = delivery;
                                    r.record_id = View(st, 1);
                                    r.year = static_cast<int>(st.Int(2));
                                    r.budget_theme = theme.Intern(View(st, 3), c.error);
                                    r.budget_eur = st.Int(4);
                                    r.spent_eur = st.Int(5);
                                  });
               }});
  t.push_back({"eviction", [&](const Cursor& c) {
                 const CodeColumn household("household");
                 return ReadTable(c, "eviction",
                                  "record_id, municipality, eviction_date, household, other_housing_found",
                                  ds.evictions, {}, [&](const Stmt& st, domain::Eviction& r, std::int32_t delivery) {
                                    r.delivery = delivery;
                                    r.record_id = View(st, 1);
                                    r.municipality = View(st, 2);
                                    r.eviction_date = ParseStoredDate(View(st, 3), c.error);
                                    r.household = household.Intern(View(st, 4), c.error);
                                    r.other_housing_found = InternYesNoUnknown(View(st, 5));
                                  });
               }});
  t.push_back({"signal", [&](const Cursor& c) {
                 const CodeColumn outcome("signal_outcome");
                 return ReadTable(c, "signal", "record_id, municipality, signal_date, signal_outcome", ds.signals, {},
                                  [&](const Stmt& st, domain::Signal& r, std::int32_t delivery) {
                                    r.delivery = delivery;
                                    r.record_id = View(st, 1);
                                    r.municipality = View(st, 2);
                                    r.signal_date = ParseStoredDate(View(st, 3), c.error);
                                    r.signal_outcome = outcome.Intern(View(st, 4), c.error);
                                  });
               }});
  t.push_back({"prevention_policy", [&](const Cursor& c) {
                 const CodeColumn status("plan_status");
                 return ReadTable(c, "prevention_policy",
                                  "record_id, municipality, policy_status, prevention_scan, respite_facility",
                                  ds.prevention_policies, {},
                                  [&](const Stmt& st, domain::PreventionPolicy& r, std::int32_t delivery) {
                                    r.delivery = delivery;
                                    r.record_id = View(st, 1);
                                    r.municipality = View(st, 2);
                                    r.policy_status = status.Intern(View(st, 3), c.error);
                                    r.prevention_scan = st.Int(4) != 0;
                                    r.respite_facility = InternYesNoUnknown(View(st, 5));
                                  });
               }});
  return t;
}

// Replaces the store ids read beside the rows by indexes into the Dataset.
core::Status ResolveLinks(domain::Dataset& ds, Links& l) {
  core::Status error;
  const IdIndex persons(l.person_ids), facilities(l.facility_ids), projects(l.project_ids);
  auto resolve = [&](auto& rows, const PendingLinks& links, const IdIndex& index, std::string_view what, auto field) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::int32_t& link = rows[i].*field;
      link = link == kNoLink ? -1 : index.Resolve(links.Id(i, link), what, error);
    }
  };
  resolve(ds.living_situations, l.living_person, persons, "person", &domain::LivingSituation::person);
  resolve(ds.service_episodes, l.episode_person, persons, "person", &domain::ServiceEpisode::person);
  resolve(ds.requests, l.request_person, persons, "person", &domain::Request::person);
  resolve(ds.waiting_list, l.waiting_person, persons, "person", &domain::WaitingEntry::person);
  resolve(ds.causes, l.cause_person, persons, "person", &domain::Cause::person);
  resolve(ds.needs, l.need_person, persons, "person", &domain::Need::person);
  resolve(ds.capacity, l.capacity_facility, facilities, "facility", &domain::Capacity::facility);
  resolve(ds.funding_lines, l.funding_project, projects, "housing project", &domain::FundingLine::project);
  resolve(ds.service_episodes, l.episode_facility, facilities, "facility", &domain::ServiceEpisode::facility);
  return error;
}

// Whether a second connection may read beside the store's: a database file (not
// ":memory:") and a second core.
bool CanReadInParallel(Db& db) {
  const char* file = sqlite3_db_filename(db.raw(), "main");
  return file != nullptr && *file != '\0' && std::thread::hardware_concurrency() >= 2;
}

}  // namespace

core::Result<domain::Dataset> SqliteStore::LoadDataset(const DeliveryFilter& filter) {
  std::lock_guard lock(mu_);
  // One read transaction on this connection; the worker's starts later (see the top).
  ONDERDAK_RETURN_IF_ERROR(db_.Exec("BEGIN"));
  struct EndRead {
    Db& db;
    ~EndRead() { (void)db.Exec("COMMIT"); }
  } end_read{db_};

  domain::Dataset ds;
  ONDERDAK_ASSIGN_OR_RETURN(ds.deliveries, QueryDeliveries(filter, std::nullopt));
  if (ds.deliveries.empty()) return ds;
  Scope scope;
  std::int64_t all_deliveries = 0;
  {
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare("SELECT count(*), coalesce(max(id), 0) FROM delivery"));
    if (!st.Step()) return st.status();
    all_deliveries = st.Int(0);
    scope.position.assign(static_cast<std::size_t>(st.Int(1)) + 1, -1);
  }
  // Ids are integers we just read: safe to inline; it keeps one statement per table.
  scope.in = "delivery_id IN (";
  for (std::size_t i = 0; i < ds.deliveries.size(); ++i) {
    scope.position[static_cast<std::size_t>(ds.deliveries[i].id)] = static_cast<std::int32_t>(i);
    if (i > 0) scope.in += ',';
    scope.in += std::to_string(ds.deliveries[i].id);
  }
  scope.in += ')';
  scope.scan_all = static_cast<std::int64_t>(ds.deliveries.size()) * 2 >= all_deliveries;

  Links links;
  const std::vector<Task> tasks = Tasks(ds, links);
  std::vector<core::Status> results(tasks.size()), errors(tasks.size());
  std::atomic<std::size_t> next{0};
  auto work = [&](Db& db) {
    for (std::size_t i = next++; i < tasks.size(); i = next++) {
      results[i] = tasks[i].run(Cursor{.db = db, .scope = scope, .error = errors[i]});
    }
  };
  std::optional<Db> second;
  if (CanReadInParallel(db_)) {
    auto opened = Db::Open(sqlite3_db_filename(db_.raw(), "main"), /*create=*/false);
    if (opened.ok() && opened->Exec("BEGIN").ok()) second.emplace(std::move(*opened));
  }
  if (second) {
    std::thread worker([&] { work(*second); });
    work(db_);
    worker.join();
    (void)second->Exec("COMMIT");
  } else {
    work(db_);
  }
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    ONDERDAK_RETURN_IF_ERROR(results[i].WithContext(std::string("reading ") + std::string(tasks[i].table)));
    ONDERDAK_RETURN_IF_ERROR(errors[i]);
  }
  ONDERDAK_RETURN_IF_ERROR(ResolveLinks(ds, links));
  return ds;
}

}  // namespace onderdak::store::sqlite
