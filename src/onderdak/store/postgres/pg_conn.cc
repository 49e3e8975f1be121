#include "onderdak/store/postgres/pg_conn.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <system_error>

#include "onderdak/store/local_commits.h"

namespace onderdak::store::postgres {
namespace {

// SQLSTATE classes that mean "the database cannot serve this now" rather than a bug:
// connection exceptions (08), insufficient resources (53), operator intervention (57,
// e.g. the server shutting down), and transaction rollbacks (40: serialization failure,
// deadlock), which a caller may retry.
// Besides those, the environment rather than the program: a read-only transaction (25006,
// a standby or default_transaction_read_only), a missing privilege (42501), the server's
// own system errors (58: I/O) and corrupted data or indexes (XX001, XX002). They exit 1
// with what to do, not 2 as a bug would (ADR 0003).
bool IsUnavailable(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate.starts_with("53") || sqlstate.starts_with("57") ||
         sqlstate.starts_with("40") || sqlstate.starts_with("58") || sqlstate == "25006" || sqlstate == "42501" ||
         sqlstate == "XX001" || sqlstate == "XX002";
}

// What the person running onderdak can do about an environment error, by SQLSTATE.
std::string_view Hint(std::string_view sqlstate) {
  if (sqlstate == "53100") return "the PostgreSQL server's disk is full; free space and try again";
  if (sqlstate.starts_with("53")) return "the PostgreSQL server is out of resources; try again later";
  if (sqlstate == "25006") {
    return "the database only allows reading (a standby, or default_transaction_read_only); point --db at a "
           "writable primary";
  }
  if (sqlstate == "42501") return "the database user lacks a privilege; use the database's owner or grant it";
  if (sqlstate.starts_with("58"))
    return "the PostgreSQL server could not read or write its files; ask its administrator";
  if (sqlstate == "XX001" || sqlstate == "XX002") {
    return "the database's data or an index is corrupt; restore it from a backup (or REINDEX an index)";
  }
  if (sqlstate.starts_with("40")) return "a concurrent transaction conflicted; try again";
  if (sqlstate.starts_with("57")) return "the PostgreSQL server is shutting down or restarting; try again later";
  return "";
}

std::string Trimmed(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::int64_t PgResult::Int(int row, int col) const {
  const std::string_view t = Text(row, col);
  std::int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

double PgResult::Real(int row, int col) const {
  // strtod, not from_chars: libstdc++ 12's from_chars for double is fine, but the text
  // may be "NaN"/"Infinity" spelled PostgreSQL's way; strtod reads both.
  const std::string t(Text(row, col));
  return std::strtod(t.c_str(), nullptr);
}

Params& Params::Add(std::string_view v) {
  values_.push_back(Value{std::string(v), {}, false, false});
  return *this;
}

std::string Params::FloatText(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "NaN";
  return std::string(buf, end);
}

Params& Params::Add(double v) { return Add(std::string_view(FloatText(v))); }

Params& Params::AddNull() {
  values_.push_back(Value{{}, {}, true, false});
  return *this;
}

Params& Params::AddBinary(std::string_view bytes) {
  values_.push_back(Value{{}, bytes, false, true});
  return *this;
}

core::Result<Conn> Conn::Open(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (c == nullptr) return core::Status::Unavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = Trimmed(PQerrorMessage(c));
    PQfinish(c);
    return core::Status::Unavailable("cannot connect to PostgreSQL: " + msg);
  }
  Conn conn(c);
  if (PQsetClientEncoding(c, "UTF8") != 0) {
    return core::Status::Unavailable("PostgreSQL: cannot set client encoding UTF8: " + Trimmed(PQerrorMessage(c)));
  }
  // Dates come back as YYYY-MM-DD, timestamps in UTC, doubles as the shortest exact
  // text; NOTICEs (e.g. "table already exists, skipping") are not printed by libpq.
  ONDERDAK_RETURN_IF_ERROR(
      conn.Exec("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET extra_float_digits = 1; "
                "SET client_min_messages = warning"));
  return conn;
}

Conn& Conn::operator=(Conn&& other) noexcept {
  if (this != &other) {
    if (c_ != nullptr) PQfinish(c_);
    c_ = other.c_;
    other.c_ = nullptr;
  }
  return *this;
}

Conn::~Conn() {
  if (c_ != nullptr) PQfinish(c_);
}

bool Conn::Idle() const {
  return c_ != nullptr && PQstatus(c_) == CONNECTION_OK && PQtransactionStatus(c_) == PQTRANS_IDLE;
}

core::Status Conn::Error(std::string_view what, const PGresult* r) const {
  std::string msg = r != nullptr ? Trimmed(PQresultErrorMessage(r)) : "";
  if (msg.empty()) msg = Trimmed(PQerrorMessage(c_));
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  std::string text = "PostgreSQL: " + msg;
  if (!sqlstate.empty()) text += " (SQLSTATE " + sqlstate + ")";
  if (!what.empty()) text += " in '" + std::string(what.substr(0, 80)) + (what.size() > 80 ? "...'" : "'");
  if (PQstatus(c_) != CONNECTION_OK || IsUnavailable(sqlstate)) {
    if (auto hint = Hint(sqlstate); !hint.empty()) text += ": " + std::string(hint);
    return core::Status::Unavailable(text);
  }
  return core::Status::Internal(text);
}

core::Status Conn::Exec(std::string_view sql) {
  const std::string s(sql);
  PgResult r(PQexec(c_, s.c_str()));
  const auto status = PQresultStatus(r.raw());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    return Error(sql, r.raw());
  }
  return core::Status::Ok();
}

core::Result<PgResult> Conn::Query(std::string_view sql, const Params& params, bool binary_results) {
  const std::string s(sql);
  const auto n = params.values_.size();
  std::vector<const char*> values(n);
  std::vector<int> lengths(n), formats(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& v = params.values_[i];
    if (v.is_null) {
      values[i] = nullptr;
    } else if (v.is_binary) {
      values[i] = v.binary.data();
      lengths[i] = static_cast<int>(v.binary.size());
      formats[i] = 1;
    } else {
      values[i] = v.text.c_str();
    }
  }
  PGresult* r = PQexecParams(c_, s.c_str(), static_cast<int>(n), nullptr, values.data(), lengths.data(), formats.data(),
                             binary_results ? 1 : 0);
  PgResult result(r);
  const auto status = PQresultStatus(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Error(sql, r);
  return result;
}

core::Status Conn::CopyIn(std::string_view copy_sql, std::string_view data) {
  const std::string s(copy_sql);
  {
    PgResult start(PQexec(c_, s.c_str()));
    if (PQresultStatus(start.raw()) != PGRES_COPY_IN) return Error(copy_sql, start.raw());
  }
  // Sent in pieces: PQputCopyData takes an int length.
  constexpr std::size_t kPiece = 1 << 20;
  bool sent = true;
  for (std::size_t off = 0; off < data.size() && sent; off += kPiece) {
    const std::size_t n = std::min(kPiece, data.size() - off);
    sent = PQputCopyData(c_, data.data() + off, static_cast<int>(n)) == 1;
  }
  // On a send failure the COPY is ended with an error message, so the connection
  // leaves the COPY state either way; the server then fails the statement.
  if (PQputCopyEnd(c_, sent ? nullptr : "onderdak: sending COPY data failed") != 1) {
    return core::Status::Unavailable("PostgreSQL: ending COPY failed: " + Trimmed(PQerrorMessage(c_)));
  }
  core::Status result;
  bool first = true;
  while (PGresult* raw = PQgetResult(c_)) {
    PgResult r(raw);
    if (first && PQresultStatus(raw) != PGRES_COMMAND_OK) result = Error(copy_sql, raw);
    first = false;
  }
  if (result.ok() && !sent) {
    return core::Status::Unavailable("PostgreSQL: sending COPY data failed: " + Trimmed(PQerrorMessage(c_)));
  }
  return result;
}

Transaction::~Transaction() {
  if (conn_ != nullptr) (void)conn_->Exec("ROLLBACK");
}

core::Result<Transaction> Transaction::Begin(Conn& conn, std::string_view begin) {
  ONDERDAK_RETURN_IF_ERROR(conn.Exec(begin));
  return Transaction(&conn);
}

core::Status Transaction::Commit() {
  if (conn_ == nullptr) return core::Status::FailedPrecondition("transaction already finished");
  Conn* c = conn_;
  conn_ = nullptr;
  core::Status s = c->Exec("COMMIT");
  if (s.ok()) NoteLocalCommit();  // ADR 0022
  return s;
}

CopyBuffer& CopyBuffer::Field(std::string_view v) {
  Separator();
  std::size_t plain = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char ch = v[i];
    const char* esc = nullptr;
    switch (ch) {
      case '\\': esc = "\\\\"; break;
      case '\t': esc = "\\t"; break;
      case '\n': esc = "\\n"; break;
      case '\r': esc = "\\r"; break;
      default: continue;
    }
    data_.append(v.substr(plain, i - plain));
    data_ += esc;
    plain = i + 1;
  }
  data_.append(v.substr(plain));
  return *this;
}

CopyBuffer& CopyBuffer::Field(std::int64_t v) {
  Separator();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  data_.append(buf, end);
  return *this;
}

CopyBuffer& CopyBuffer::Field(core::Date d) {
  Separator();
  data_ += d.ToString();
  return *this;
}

CopyBuffer& CopyBuffer::Bool(bool v) {
  Separator();
  data_ += v ? 't' : 'f';
  return *this;
}

CopyBuffer& CopyBuffer::Null() {
  Separator();
  data_ += "\\N";
  return *this;
}

void CopyBuffer::EndRow() {
  data_ += '\n';
  ++rows_;
  first_ = true;
}

}  // namespace onderdak::store::postgres
