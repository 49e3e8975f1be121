#include "onderdak/store/sqlite/sqlite_db.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <mutex>

#include "onderdak/store/local_commits.h"

namespace onderdak::store::sqlite {

namespace {

// Whether the folder of the database file `path` cannot be written (a read-only mount, or
// no permission): SQLite then fails to create its journal (-wal, -shm) and says only
// "unable to open database file".
bool FolderNotWritable(std::string_view path) {
  if (path.empty() || path == ":memory:") return false;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  return ::access(dir.c_str(), W_OK) != 0 && (errno == EROFS || errno == EACCES || errno == EPERM);
}

}  // namespace

core::Status SqliteStatus(int rc, std::string_view path, std::string_view what, std::string_view sqlite_message) {
  const std::string where = "the SQLite database '" + std::string(path) + "'";
  const std::string detail = " (" + std::string(what) + ": " + std::string(sqlite_message) + ")";
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return core::Status::Unavailable("the disk holding " + where +
                                       " (or its temporary files) is full; free space and try again" + detail);
    case SQLITE_READONLY:
      return core::Status::Unavailable(where +
                                       " cannot be written: the file or its folder is read-only; make both "
                                       "writable for this user, or use a writable copy" +
                                       detail);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return core::Status::Unavailable(where +
                                       " is not an onderdak database or is damaged; check --db, or restore it "
                                       "from a backup" +
                                       detail);
    case SQLITE_CANTOPEN:
      if (FolderNotWritable(path)) {
        return core::Status::Unavailable(where +
                                         " cannot be opened: its folder is read-only or not writable for this "
                                         "user, and SQLite writes its journal beside the database; make the folder "
                                         "writable, or use a writable copy" +
                                         detail);
      }
      return core::Status::Unavailable("cannot open " + where +
                                       ": check that the path names a file (not a folder) in a folder that exists "
                                       "and that this user may write" +
                                       detail);
    case SQLITE_PERM:
    case SQLITE_AUTH: return core::Status::Unavailable("no permission to use " + where + detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return core::Status::Unavailable(where + " is busy (locked by another process); try again" + detail);
    case SQLITE_IOERR: return core::Status::Io("cannot read or write " + where + "; check the disk" + detail);
    default: return core::Status::Internal(std::string(what) + ": " + std::string(sqlite_message));
  }
}

core::Result<Db> Db::Open(const std::string& path, bool create) {
  // Memory statistics take a global mutex on every allocation; onderdak does not read
  // them. Must precede SQLite's initialisation, hence once, before the first open.
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    if (raw != nullptr) rc = sqlite3_extended_errcode(raw);
    sqlite3_close(raw);
    return SqliteStatus(rc, path, "opening", msg);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10000);
  // Every write transaction this connection commits (ADR 0022). The hook runs while the
  // commit is under way; the store's lock, which DeliveriesVersion() takes too, is held
  // across it, so a version read after the count changed sees the commit.
  sqlite3_commit_hook(
      raw,
      [](void*) {
        NoteLocalCommit();
        return 0;
      },
      nullptr);
  return Db(raw, path);
}

Db::Db(Db&& other) noexcept : db_(other.db_), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {
  other.db_ = nullptr;
  for (auto& [sql, c] : cache_) c.stmt->db_ = this;
}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    Close();
    db_ = other.db_;
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
    other.db_ = nullptr;
    for (auto& [sql, c] : cache_) c.stmt->db_ = this;
  }
  return *this;
}

// Cached statements first: a connection with unfinalised statements does not close.
void Db::Close() {
  cache_.clear();
  sqlite3_close(db_);
  db_ = nullptr;
}

Db::~Db() { Close(); }

core::Status Db::Error(std::string_view what) const {
  return SqliteStatus(sqlite3_extended_errcode(db_), path_, what, sqlite3_errmsg(db_));
}

core::Status Db::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return SqliteStatus(sqlite3_extended_errcode(db_), path_, "SQLite", msg);
  }
  return core::Status::Ok();
}

core::Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK) {
    return Error("preparing '" + std::string(sql.substr(0, 60)) + "'");
  }
  return Stmt(s, this);
}

core::Result<CachedStmt> Db::Cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr) !=
        SQLITE_OK) {
      return Error("preparing '" + std::string(sql.substr(0, 60)) + "'");
    }
    it = cache_.emplace(std::string(sql), Cache{.stmt = std::unique_ptr<Stmt>(new Stmt(s, this)), .leased = false})
             .first;
  }
  if (it->second.leased) return core::Status::Internal("statement in use: '" + std::string(sql.substr(0, 60)) + "'");
  it->second.leased = true;
  return CachedStmt(it->second.stmt.get(), &it->second.leased);
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::Bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  // An empty view may have a null data pointer, which SQLite would store as NULL.
  sqlite3_bind_text(stmt_, i, v.data() != nullptr ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindStatic(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data() != nullptr ? v.data() : "", static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::Bind(int i, std::optional<double> v) { return v ? Bind(i, *v) : BindNull(i); }
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = db_->Error("executing statement");
  return false;
}

core::Status Stmt::Run() {
  while (Step()) {
  }
  core::Status s = status_;
  Reset();
  return s;
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = core::Status::Ok();
}

std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

core::Result<Transaction> Transaction::Begin(Db& db) {
  ONDERDAK_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

core::Status Transaction::Commit() {
  core::Status s = db_->Exec("COMMIT");
  if (s.ok()) db_ = nullptr;
  return s;
}

}  // namespace onderdak::store::sqlite
