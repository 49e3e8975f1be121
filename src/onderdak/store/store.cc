#include "onderdak/store/store.h"

#include "onderdak/store/sqlite/sqlite_store.h"

namespace onderdak::store {

core::Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    std::string_view path = url.substr(kSqlite.size());
    if (path.empty()) return core::Status::InvalidInput("database URL 'sqlite:' needs a path");
    ONDERDAK_ASSIGN_OR_RETURN(auto s, sqlite::SqliteStore::Open(std::string(path)));
    return std::unique_ptr<Store>(std::move(s));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return core::Status::FailedPrecondition("the PostgreSQL backend is not built yet; use sqlite:PATH for now");
  }
  return core::Status::InvalidInput("database URL '" + std::string(url) +
                                    "' is not understood: use sqlite:PATH or sqlite::memory:");
}

}  // namespace onderdak::store
