// PostgresStore's PolicyStore (store/policy.h), behaving as SQLite's over the same SQL and
// row mapping (internal/policy_queries.h). Each call is one transaction.
#include <string>

#include "onderdak/store/internal/policy_queries.h"
#include "onderdak/store/postgres/postgres_store.h"

namespace onderdak::store::postgres {
namespace {

using internal::kCurrentSeriesSql;
using internal::kCurrentTargetsSql;
using internal::kInsertSeriesPointSql;
using internal::kInsertTargetSql;
using internal::kSeriesColumns;
using internal::kTargetColumns;

// One row of a result, as the shared row mapping reads it.
struct Row {
  const PgResult& r;
  int i;
  std::string Text(int c) const { return r.Str(i, c); }
  double Real(int c) const { return r.Real(i, c); }
  std::int64_t Int(int c) const { return r.Int(i, c); }
  bool IsNull(int c) const { return r.IsNull(i, c); }
};

struct Binder {
  Params& p;
  void operator()(std::string_view v) { p.Add(v); }
  void operator()(double v) { p.Add(v); }
  void operator()(std::optional<double> v) { p.Add(v); }
  void operator()(const std::optional<std::string>& v) {
    if (v) {
      p.Add(std::string_view(*v));
    } else {
      p.AddNull();
    }
  }
};

constexpr std::string_view kImportedAt = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

class PostgresPolicy final : public PolicyStore {
 public:
  explicit PostgresPolicy(PostgresStore& store) : store_(store) {}

  core::Result<PolicyVersion> AddTargets(const std::vector<domain::Target>& targets,
                                         const PolicyVersion& version) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
    ONDERDAK_ASSIGN_OR_RETURN(auto v,
                              conn->Query("INSERT INTO policy_target_version(imported_at, file, sha256) VALUES (" +
                                              std::string(kImportedAt) + ", $1, $2) RETURNING id, imported_at",
                                          Params().Add(version.file).Add(version.sha256)));
    const std::int64_t id = v.Int(0, 0);
    std::int64_t seq = 0;
    for (const auto& t : targets) {
      Params p;
      p.Add(id).Add(++seq);
      internal::BindTarget(t, Binder{p});
      ONDERDAK_RETURN_IF_ERROR(conn->Query(kInsertTargetSql, p).status().WithContext("storing target '" + t.id + "'"));
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return PolicyVersion{
        .id = id, .imported_at = v.Str(0, 1), .file = version.file, .sha256 = version.sha256, .rows = seq};
  }

  core::Result<std::vector<domain::Target>> CurrentTargets() override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(std::string(kTargetColumns) + std::string(kCurrentTargetsSql)));
    std::vector<domain::Target> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(internal::ReadTarget(Row{r, i}));
    return out;
  }

  core::Result<std::vector<PolicyVersion>> ListTargetVersions() override {
    return Versions(
        "SELECT v.id, v.imported_at, '', v.file, v.sha256, (SELECT count(*) FROM policy_target t WHERE"
        " t.version_id = v.id) FROM policy_target_version v ORDER BY v.id");
  }

  core::Result<std::vector<PolicyVersion>> ReplaceSeries(const std::vector<domain::SeriesPoint>& points,
                                                         const PolicyVersion& file) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
    std::vector<PolicyVersion> out;
    for (const auto& source : internal::SourcesOf(points)) {
      ONDERDAK_ASSIGN_OR_RETURN(
          auto v, conn->Query("INSERT INTO series_version(source, imported_at, file, sha256) VALUES ($1, " +
                                  std::string(kImportedAt) + ", $2, $3) RETURNING id, imported_at",
                              Params().Add(source).Add(file.file).Add(file.sha256)));
      const std::int64_t id = v.Int(0, 0);
      std::int64_t seq = 0;
      for (const auto& pt : points) {
        if (pt.source != source) continue;
        Params p;
        p.Add(id).Add(++seq);
        internal::BindSeriesPoint(pt, Binder{p});
        ONDERDAK_RETURN_IF_ERROR(conn->Query(kInsertSeriesPointSql, p)
                                     .status()
                                     .WithContext("storing a point of series '" + pt.series + "'"));
      }
      out.push_back(PolicyVersion{.id = id,
                                  .imported_at = v.Str(0, 1),
                                  .source = source,
                                  .file = file.file,
                                  .sha256 = file.sha256,
                                  .rows = seq});
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return out;
  }

  core::Result<std::vector<domain::SeriesPoint>> CurrentSeries() override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(std::string(kSeriesColumns) + std::string(kCurrentSeriesSql)));
    std::vector<domain::SeriesPoint> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(internal::ReadSeriesPoint(Row{r, i}));
    return out;
  }

  core::Result<std::vector<PolicyVersion>> ListSeriesVersions() override {
    return Versions(
        "SELECT v.id, v.imported_at, v.source, v.file, v.sha256, (SELECT count(*) FROM series_point p WHERE"
        " p.version_id = v.id) FROM series_version v ORDER BY v.id");
  }

  core::Result<std::vector<PolicyVersion>> AddPopulation(const std::vector<domain::PopulationCount>& counts,
                                                         const PolicyVersion& file) override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*conn));
    ONDERDAK_ASSIGN_OR_RETURN(auto now, conn->Query("SELECT " + std::string(kImportedAt)));
    const std::string imported_at = now.Str(0, 0);
    std::vector<PolicyVersion> out;
    for (const auto& date : internal::DatesOf(counts)) {
      const std::string day = date.ToString();
      ONDERDAK_ASSIGN_OR_RETURN(auto v,
                                conn->Query(internal::kInsertPopulationVersionSql,
                                            Params().Add(day).Add(imported_at).Add(file.file).Add(file.sha256)));
      const std::int64_t id = v.Int(0, 0);
      std::int64_t rows = 0;
      for (const auto& c : counts) {
        if (c.date != date) continue;
        ++rows;
        ONDERDAK_RETURN_IF_ERROR(
            conn->Query(internal::kInsertPopulationCountSql, Params().Add(id).Add(c.municipality).Add(c.inhabitants))
                .status()
                .WithContext("storing the population of " + c.municipality + " on " + day));
      }
      out.push_back(PolicyVersion{
          .id = id, .imported_at = imported_at, .source = day, .file = file.file, .sha256 = file.sha256, .rows = rows});
    }
    ONDERDAK_RETURN_IF_ERROR(tx.Commit());
    return out;
  }

  core::Result<std::vector<domain::PopulationCount>> CurrentPopulation() override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(internal::kCurrentPopulationSql));
    std::vector<domain::PopulationCount> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(internal::ReadPopulationCount(Row{r, i}));
    return out;
  }

  core::Result<std::vector<PolicyVersion>> ListPopulationVersions() override {
    return Versions(internal::kPopulationVersionsSql);
  }

  core::Result<std::string> Version() override {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(internal::kPolicyVersionSql));
    return internal::PolicyVersionText(r.Int(0, 0), r.Int(0, 1), r.Int(0, 2));
  }

 private:
  core::Result<std::vector<PolicyVersion>> Versions(std::string_view sql) {
    ONDERDAK_ASSIGN_OR_RETURN(auto conn, store_.Acquire());
    ONDERDAK_ASSIGN_OR_RETURN(auto r, conn->Query(sql));
    std::vector<PolicyVersion> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(PolicyVersion{.id = r.Int(i, 0),
                                  .imported_at = r.Str(i, 1),
                                  .source = r.Str(i, 2),
                                  .file = r.Str(i, 3),
                                  .sha256 = r.Str(i, 4),
                                  .rows = r.Int(i, 5)});
    }
    return out;
  }

  PostgresStore& store_;
};

}  // namespace

std::unique_ptr<PolicyStore> NewPostgresPolicy(PostgresStore& store) { return std::make_unique<PostgresPolicy>(store); }

}  // namespace onderdak::store::postgres
