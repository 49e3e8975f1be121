// A thin RAII layer over the SQLite C API: a connection, prepared statements with typed
// binding, and transactions. Errors become core::Status values carrying SQLite's message.
//
// Not thread-safe: one Db per thread, or guard it (SqliteStore holds a mutex).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "onderdak/core/result.h"

namespace onderdak::store::sqlite {

class Stmt;
class CachedStmt;

// The Status for SQLite result code `rc` (extended codes too) of an operation on the
// database at `path`: what the user must do for the environment's errors (a full disk, a
// read-only file or folder, a file that is not a database, a busy or unreadable file:
// Unavailable or Io, exit 1), Internal for everything else (a bug).
core::Status SqliteStatus(int rc, std::string_view path, std::string_view what, std::string_view sqlite_message);

class Db {
 public:
  // Opens `path` (":memory:" for a private in-memory database), creating it only when
  // `create`.
  static core::Result<Db> Open(const std::string& path, bool create = true);
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Runs one or more statements without results.
  core::Status Exec(std::string_view sql);
  core::Result<Stmt> Prepare(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept for the connection's life
  // (statements run again and again, e.g. a delivery writer's, are not prepared again for
  // every delivery). The lease resets it (and clears its bindings) when it ends; a
  // statement is leased once at a time (Internal otherwise).
  core::Result<CachedStmt> Cached(std::string_view sql);
  // Finalises the cached statements (before a schema change, or to free them).
  void ClearCache() { cache_.clear(); }
  sqlite3* raw() { return db_; }
  // As opened (":memory:" for an in-memory database).
  const std::string& path() const { return path_; }
  core::Status Error(std::string_view what) const;

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void Close();
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct Cache {
    std::unique_ptr<Stmt> stmt;
    bool leased = false;
  };
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, Cache, SqlHash, std::equal_to<>> cache_;
};

class Stmt {
 public:
  Stmt(Stmt&& other) noexcept : stmt_(other.stmt_), db_(other.db_) { other.stmt_ = nullptr; }
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Parameters are 1-based, as in SQLite.
  Stmt& Bind(int i, std::int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<std::int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);  // copies `v`
  // Binds `v` without copying it: `v` must stay valid and unchanged until the statement
  // is reset (Run() resets). Saves SQLite a malloc and copy per value on bulk inserts.
  Stmt& BindStatic(int i, std::string_view v);
  Stmt& Bind(int i, std::optional<double> v);
  Stmt& BindNull(int i);

  // Advances; true while a row is available, false when done. Errors via status().
  bool Step();
  // Runs to completion (for statements without results) and resets for reuse.
  core::Status Run();
  core::Status status() const { return status_; }
  void Reset();

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  // For the few calls the wrapper does not cover (blobs).
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  friend class Db;
  Stmt(sqlite3_stmt* s, Db* db) : stmt_(s), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  Db* db_ = nullptr;
  core::Status status_;
};

// A lease of a cached statement (Db::Cached): use it like a Stmt; it is reset when the
// lease ends, so no statement stays half-run between uses.
class CachedStmt {
 public:
  CachedStmt(CachedStmt&& other) noexcept : stmt_(other.stmt_), leased_(other.leased_) { other.stmt_ = nullptr; }
  CachedStmt& operator=(CachedStmt&&) = delete;
  CachedStmt(const CachedStmt&) = delete;
  CachedStmt& operator=(const CachedStmt&) = delete;
  ~CachedStmt() {
    if (stmt_ == nullptr) return;
    stmt_->Reset();
    *leased_ = false;
  }
  Stmt& operator*() const { return *stmt_; }
  Stmt* operator->() const { return stmt_; }

 private:
  friend class Db;
  CachedStmt(Stmt* stmt, bool* leased) : stmt_(stmt), leased_(leased) {}
  Stmt* stmt_;
  bool* leased_;
};

// Begins IMMEDIATE (takes the write lock now, so a concurrent writer waits instead of
// failing half-way); rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  static core::Result<Transaction> Begin(Db& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  core::Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;
};

}  // namespace onderdak::store::sqlite
