// Status: the outcome of an operation that can fail in an expected way.
//
// Expected failures (bad input, a missing record, an unavailable database) are values,
// never exceptions. A Status is either OK or carries a Code and a human-readable message
// that names what went wrong (file, line, field and rule for input errors). Exceptions
// are reserved for programmer errors and for aborting an operation from deep inside a
// third-party callback; they are converted to Status at layer boundaries.
//
// Code -> CLI exit code and Code -> HTTP status are mapped in exactly one place each:
// cli/exit_code.h and api/http_error.h.
//
// Thread safety: a Status is a value; distinct objects may be used from distinct threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace onderdak::core {

enum class Code {
  kOk = 0,
  kInvalidInput,        // the user's input breaks a rule (file, argument, request)
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // a unique thing would be created twice
  kFailedPrecondition,  // the system is not in a state that allows the operation
  kPermissionDenied,    // the caller may not do this
  kUnauthenticated,     // the caller must prove who it is first (log in, a valid token)
  kRateLimited,         // too many attempts; try again later
  kUnavailable,         // a resource (database, port, file) cannot be reached now
  kIo,                  // reading or writing a file failed
  kInternal,            // a bug or an invariant broken inside onderdak
};

std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidInput(std::string msg) { return {Code::kInvalidInput, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) { return {Code::kAlreadyExists, std::move(msg)}; }
  static Status FailedPrecondition(std::string msg) { return {Code::kFailedPrecondition, std::move(msg)}; }
  static Status PermissionDenied(std::string msg) { return {Code::kPermissionDenied, std::move(msg)}; }
  static Status Unauthenticated(std::string msg) { return {Code::kUnauthenticated, std::move(msg)}; }
  static Status RateLimited(std::string msg) { return {Code::kRateLimited, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status Io(std::string msg) { return {Code::kIo, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid input: regions.csv:3: gemeentecode: 'GM12' must be GM followed by 4 digits"
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace onderdak::core

// Propagates a non-OK Status (or the Status of a failed Result) to the caller.
#define ONDERDAK_RETURN_IF_ERROR(expr)                                                                               \
  do {                                                                                                               \
    if (auto onderdak_status_ = (expr); !onderdak_status_.ok()) return ::onderdak::core::ToStatus(onderdak_status_); \
  } while (false)
