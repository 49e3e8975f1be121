// A thin RAII layer over libpq: a connection, parameterised statements (PQexecParams with
// text parameters, bytea as binary), results, COPY FROM STDIN and transactions. Errors
// become core::Status values carrying PostgreSQL's message and SQLSTATE: connection and
// resource failures are Unavailable, everything else Internal.
//
// Not thread-safe: one Conn per thread at a time (PostgresStore keeps a pool).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onderdak/core/date.h"
#include "onderdak/core/result.h"

namespace onderdak::store::postgres {

// The rows of one statement. Values are read in text format unless the statement asked
// for binary results (then Bytes() gives the raw value, e.g. a bytea).
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  int rows() const { return PQntuples(r_.get()); }
  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view Text(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col), static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
  }
  std::string Str(int row, int col) const { return std::string(Text(row, col)); }
  std::int64_t Int(int row, int col) const;
  double Real(int row, int col) const;
  bool Bool(int row, int col) const { return Text(row, col) == "t"; }
  std::string_view Bytes(int row, int col) const { return Text(row, col); }
  const PGresult* raw() const { return r_.get(); }

 private:
  struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Clear> r_;
};

// Parameters of one statement ($1, $2, ... in the order added), sent as text; NULL for
// empty optionals. AddBinary sends bytes as a binary value (for bytea) without copying:
// they must stay valid until the statement has run.
class Params {
 public:
  Params& Add(std::string_view v);
  Params& Add(const char* v) { return Add(std::string_view(v)); }
  Params& Add(const std::string& v) { return Add(std::string_view(v)); }
  Params& Add(std::int64_t v) { return Add(std::string_view(std::to_string(v))); }
  Params& Add(int v) { return Add(static_cast<std::int64_t>(v)); }
  Params& Add(bool v) { return Add(std::string_view(v ? "true" : "false")); }
  Params& Add(double v);
  Params& Add(std::optional<double> v) { return v ? Add(*v) : AddNull(); }
  Params& Add(core::Date d) { return Add(std::string_view(d.ToString())); }
  Params& Add(const std::optional<core::Date>& d) { return d ? Add(*d) : AddNull(); }
  Params& AddNull();
  Params& AddBinary(std::string_view bytes);
  // The shortest text that reads back as exactly `v`.
  static std::string FloatText(double v);

 private:
  friend class Conn;
  struct Value {
    std::string text;
    std::string_view binary;
    bool is_null = false;
    bool is_binary = false;
  };
  std::vector<Value> values_;
};

class Conn {
 public:
  // Connects with `conninfo` (a postgresql:// URL or key=value pairs, passed to libpq as
  // is) and sets the session up: UTF-8, ISO dates, UTC. Unavailable when it cannot.
  static core::Result<Conn> Open(const std::string& conninfo);
  Conn(Conn&& other) noexcept : c_(other.c_) { other.c_ = nullptr; }
  Conn& operator=(Conn&& other) noexcept;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn();

  // Runs one or more statements without parameters (PQexec); results are discarded.
  core::Status Exec(std::string_view sql);
  // Runs one statement with parameters; `binary_results` asks for binary column values.
  core::Result<PgResult> Query(std::string_view sql, const Params& params = {}, bool binary_results = false);
  // COPY ... FROM STDIN: sends `data` (rows in COPY's text format, see CopyBuffer).
  core::Status CopyIn(std::string_view copy_sql, std::string_view data);
  // Connected, and not inside a transaction (safe to hand to another user).
  bool Idle() const;
  PGconn* raw() { return c_; }

 private:
  explicit Conn(PGconn* c) : c_(c) {}
  core::Status Error(std::string_view what, const PGresult* r) const;
  PGconn* c_ = nullptr;
};

// BEGIN ... COMMIT; rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  // `begin` is the statement that opens it, e.g. "BEGIN ISOLATION LEVEL REPEATABLE READ".
  static core::Result<Transaction> Begin(Conn& conn, std::string_view begin = "BEGIN");
  Transaction(Transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  core::Status Commit();

 private:
  explicit Transaction(Conn* conn) : conn_(conn) {}
  Conn* conn_;
};

// Rows in COPY's text format: fields separated by tabs, rows ended by newlines,
// backslash, tab, newline and carriage return escaped, NULL written as \N.
class CopyBuffer {
 public:
  CopyBuffer& Field(std::string_view v);
  CopyBuffer& Field(std::int64_t v);
  CopyBuffer& Field(int v) { return Field(static_cast<std::int64_t>(v)); }
  CopyBuffer& Field(core::Date d);
  CopyBuffer& Field(const std::optional<core::Date>& d) { return d ? Field(*d) : Null(); }
  CopyBuffer& Field(std::optional<std::int64_t> v) { return v ? Field(*v) : Null(); }
  CopyBuffer& Null();
  // A boolean as COPY's text format writes it ("t" or "f"). Named apart from Field: a
  // string literal would convert to bool before it converts to std::string_view.
  CopyBuffer& Bool(bool v);
  void EndRow();
  const std::string& data() const { return data_; }
  std::size_t rows() const { return rows_; }
  bool empty() const { return rows_ == 0; }
  void Clear() {
    data_.clear();
    rows_ = 0;
    first_ = true;
  }

 private:
  void Separator() {
    if (!first_) data_ += '\t';
    first_ = false;
  }
  std::string data_;
  std::size_t rows_ = 0;
  bool first_ = true;
};

}  // namespace onderdak::store::postgres
