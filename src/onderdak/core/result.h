// Result<T>: either a value of type T or a non-OK Status explaining why there is none.
//
// Usage:
//   Result<Date> d = Date::Parse("2021-07-01");
//   if (!d.ok()) return d.status();
//   Use(*d);
// Accessing the value of a failed Result is a programmer error (asserts in debug builds).
#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>

#include "onderdak/core/status.h"

namespace onderdak::core {

template <typename T>
class [[nodiscard]] Result {
 public:
  // NOLINTNEXTLINE(google-explicit-constructor): implicit by design, like std::expected.
  Result(T value) : value_(std::move(value)) {}
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {
    assert(!status_.ok() && "a Result built from a Status must carry an error");
    if (status_.ok()) status_ = Status::Internal("Result constructed from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::optional<T> value_;
  Status status_;  // OK whenever value_ is set
};

inline const Status& ToStatus(const Status& s) { return s; }
template <typename T>
const Status& ToStatus(const Result<T>& r) {
  return r.status();
}

}  // namespace onderdak::core

// Declares `lhs` from a Result expression, or returns its Status from the enclosing
// function.  ONDERDAK_ASSIGN_OR_RETURN(auto rows, reader.ReadAll());
#define ONDERDAK_CONCAT_INNER_(a, b) a##b
#define ONDERDAK_CONCAT_(a, b) ONDERDAK_CONCAT_INNER_(a, b)
#define ONDERDAK_ASSIGN_OR_RETURN(lhs, expr)                      \
  auto ONDERDAK_CONCAT_(onderdak_result_, __LINE__) = (expr);     \
  if (!ONDERDAK_CONCAT_(onderdak_result_, __LINE__).ok())         \
    return ONDERDAK_CONCAT_(onderdak_result_, __LINE__).status(); \
  lhs = std::move(ONDERDAK_CONCAT_(onderdak_result_, __LINE__)).value()
