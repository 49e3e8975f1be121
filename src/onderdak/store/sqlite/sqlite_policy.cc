// SqliteStore's PolicyStore (store/policy.h): targets and reference series as versions.
// The SQL and the row mapping are shared with PostgreSQL (internal/policy_queries.h).
#include <string>

#include "onderdak/store/internal/policy_queries.h"
#include "onderdak/store/sqlite/sqlite_store.h"

namespace onderdak::store::sqlite {
namespace {

using internal::kCurrentSeriesSql;
using internal::kCurrentTargetsSql;
using internal::kInsertSeriesPointSql;
using internal::kInsertTargetSql;
using internal::kSeriesColumns;
using internal::kTargetColumns;

// Binds the columns of one row in order, from parameter `next`.
struct Binder {
  Stmt& st;
  int next;
  void operator()(std::string_view v) { st.Bind(next++, v); }
  void operator()(double v) { st.Bind(next++, v); }
  void operator()(std::optional<double> v) { st.Bind(next++, v); }
  void operator()(const std::optional<std::string>& v) {
    if (v) {
      st.Bind(next++, std::string_view(*v));
    } else {
      st.BindNull(next++);
    }
  }
};

core::Result<std::int64_t> InsertVersion(Db& db, std::string_view sql, std::initializer_list<std::string_view> values) {
  ONDERDAK_ASSIGN_OR_RETURN(auto st, db.Prepare(sql));
  int i = 1;
  for (auto v : values) st.Bind(i++, v);
  if (!st.Step()) {
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return core::Status::Internal("no id returned for the new version");
  }
  return st.Int(0);
}

PolicyVersion ReadVersion(const Stmt& st) {
  return PolicyVersion{.id = st.Int(0),
                       .imported_at = st.Text(1),
                       .source = st.Text(2),
                       .file = st.Text(3),
                       .sha256 = st.Text(4),
                       .rows = st.Int(5)};
}

class SqlitePolicy final : public PolicyStore {
 public:
  SqlitePolicy(Db& db, std::mutex& mu) : db_(db), mu_(mu) {}

  core::Result<PolicyVersion> AddTargets(const std::vector<domain::Target>& targets,
                                         const PolicyVersion& version) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
    const std::string now = UtcNow();
    ONDERDAK_ASSIGN_OR_RETURN(auto id, InsertVersion(db_,
                                                     "INSERT INTO policy_target_version(imported_at, file, sha256)"
                                                     " VALUES ($1, $2, $3) RETURNING id",
                                                     {now, version.file, version.sha256}));
    ONDERDAK_ASSIGN_OR_RETURN(auto ins, db_.Prepare(kInsertTargetSql));
    std::int64_t seq = 0;
    for (const auto& t : targets) {
      ins.Bind(1, id).Bind(2, ++seq);
      internal::BindTarget(t, Binder{ins, 3});
      ONDERDAK_RETURN_IF_ERROR(ins.Run().WithContext("storing target '" + t.id + "'"));
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return PolicyVersion{.id = id, .imported_at = now, .file = version.file, .sha256 = version.sha256, .rows = seq};
  }

  core::Result<std::vector<domain::Target>> CurrentTargets() override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(std::string(kTargetColumns) + std::string(kCurrentTargetsSql)));
    std::vector<domain::Target> out;
    while (st.Step()) out.push_back(internal::ReadTarget(st));
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  core::Result<std::vector<PolicyVersion>> ListTargetVersions() override {
    return Versions(
        "SELECT v.id, v.imported_at, '', v.file, v.sha256, (SELECT count(*) FROM policy_target t WHERE"
        " t.version_id = v.id) FROM policy_target_version v ORDER BY v.id");
  }

  core::Result<std::vector<PolicyVersion>> ReplaceSeries(const std::vector<domain::SeriesPoint>& points,
                                                         const PolicyVersion& file) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
    const std::string now = UtcNow();
    std::vector<PolicyVersion> out;
    ONDERDAK_ASSIGN_OR_RETURN(auto ins, db_.Prepare(kInsertSeriesPointSql));
    for (const auto& source : internal::SourcesOf(points)) {
      ONDERDAK_ASSIGN_OR_RETURN(auto id, InsertVersion(db_,
                                                       "INSERT INTO series_version(source, imported_at, file, sha256)"
                                                       " VALUES ($1, $2, $3, $4) RETURNING id",
                                                       {source, now, file.file, file.sha256}));
      std::int64_t seq = 0;
      for (const auto& p : points) {
        if (p.source != source) continue;
        ins.Bind(1, id).Bind(2, ++seq);
        internal::BindSeriesPoint(p, Binder{ins, 3});
        ONDERDAK_RETURN_IF_ERROR(ins.Run().WithContext("storing a point of series '" + p.series + "'"));
      }
      out.push_back(PolicyVersion{
          .id = id, .imported_at = now, .source = source, .file = file.file, .sha256 = file.sha256, .rows = seq});
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return out;
  }

  core::Result<std::vector<domain::SeriesPoint>> CurrentSeries() override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(std::string(kSeriesColumns) + std::string(kCurrentSeriesSql)));
    std::vector<domain::SeriesPoint> out;
    while (st.Step()) out.push_back(internal::ReadSeriesPoint(st));
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  core::Result<std::vector<PolicyVersion>> ListSeriesVersions() override {
    return Versions(
        "SELECT v.id, v.imported_at, v.source, v.file, v.sha256, (SELECT count(*) FROM series_point p WHERE"
        " p.version_id = v.id) FROM series_version v ORDER BY v.id");
  }

  core::Result<std::vector<PolicyVersion>> AddPopulation(const std::vector<domain::PopulationCount>& counts,
                                                         const PolicyVersion& file) override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(db_));
    const std::string now = UtcNow();
    std::vector<PolicyVersion> out;
    ONDERDAK_ASSIGN_OR_RETURN(auto ins, db_.Prepare(internal::kInsertPopulationCountSql));
    for (const auto& date : internal::DatesOf(counts)) {
      const std::string day = date.ToString();
      ONDERDAK_ASSIGN_OR_RETURN(
          auto id, InsertVersion(db_, internal::kInsertPopulationVersionSql, {day, now, file.file, file.sha256}));
      std::int64_t rows = 0;
      for (const auto& c : counts) {
        if (c.date != date) continue;
        ++rows;
        ONDERDAK_RETURN_IF_ERROR(ins.Bind(1, id)
                                     .Bind(2, std::string_view(c.municipality))
                                     .Bind(3, c.inhabitants)
                                     .Run()
                                     .WithContext("storing the population of " + c.municipality + " on " + day));
      }
      out.push_back(PolicyVersion{
          .id = id, .imported_at = now, .source = day, .file = file.file, .sha256 = file.sha256, .rows = rows});
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return out;
  }

  core::Result<std::vector<domain::PopulationCount>> CurrentPopulation() override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(internal::kCurrentPopulationSql));
    std::vector<domain::PopulationCount> out;
    while (st.Step()) out.push_back(internal::ReadPopulationCount(st));
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  core::Result<std::vector<PolicyVersion>> ListPopulationVersions() override {
    return Versions(internal::kPopulationVersionsSql);
  }

  core::Result<std::string> Version() override {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(internal::kPolicyVersionSql));
    if (!st.Step()) return st.status();
    return internal::PolicyVersionText(st.Int(0), st.Int(1), st.Int(2));
  }

 private:
  core::Result<std::vector<PolicyVersion>> Versions(std::string_view sql) {
    std::lock_guard lock(mu_);
    ONDERDAK_ASSIGN_OR_RETURN(auto st, db_.Prepare(sql));
    std::vector<PolicyVersion> out;
    while (st.Step()) out.push_back(ReadVersion(st));
    ONDERDAK_RETURN_IF_ERROR(st.status());
    return out;
  }

  Db& db_;
  std::mutex& mu_;
};

}  // namespace

std::unique_ptr<PolicyStore> NewSqlitePolicy(Db& db, std::mutex& mu) { return std::make_unique<SqlitePolicy>(db, mu); }

}  // namespace onderdak::store::sqlite
