#include "onderdak/store/store.h"

#include <atomic>

#include "onderdak/store/local_commits.h"
#include "onderdak/store/postgres/postgres_store.h"
#include "onderdak/store/sqlite/sqlite_store.h"

namespace onderdak::store {
namespace {
std::atomic<std::uint64_t> local_commits{0};
}  // namespace

std::uint64_t LocalCommits() { return local_commits.load(std::memory_order_acquire); }
void NoteLocalCommit() { local_commits.fetch_add(1, std::memory_order_acq_rel); }

core::Result<std::unique_ptr<Store>> OpenStore(std::string_view url, OpenMode mode) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    std::string_view path = url.substr(kSqlite.size());
    if (path.empty()) return core::Status::InvalidInput("database URL 'sqlite:' needs a path");
    ONDERDAK_ASSIGN_OR_RETURN(auto s, sqlite::SqliteStore::Open(std::string(path), mode));
    return std::unique_ptr<Store>(std::move(s));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    // Passed to libpq as is: it reads user, password, host, port, dbname and parameters
    // such as ?sslmode=require from the URL (and PGPASSWORD, ~/.pgpass as usual).
    ONDERDAK_ASSIGN_OR_RETURN(auto s, postgres::PostgresStore::Open(std::string(url)));
    return std::unique_ptr<Store>(std::move(s));
  }
  return core::Status::InvalidInput("database URL '" + std::string(url) +
                                    "' is not understood: use sqlite:PATH, sqlite::memory: or "
                                    "postgresql://user@host:port/dbname");
}

}  // namespace onderdak::store
